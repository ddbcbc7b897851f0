import { buildMatcher, contextRegex, normalizeTerm, patternSource } from "./patterns.ts";
import { assert, assertEquals, assertThrows } from "../testing.ts";

function whole(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${patternSource(pattern)})$`, "iu").test(text);
}

Deno.test("patternSource: wildcards, optional parts, alternatives, separators", () => {
  assertEquals(whole("dictator*", "Dictators"), true);
  assertEquals(whole("dictator*", "dictator"), true);
  assertEquals(whole("dictator*", "dictat"), false);
  assertEquals(whole("axis of *", "axis of tyranny"), true);
  assertEquals(whole("axis of *", "axis of"), false);
  assertEquals(whole("regimes?", "regime"), true);
  assertEquals(whole("regimes?", "regimes"), true);
  assertEquals(whole("illegitima(te|cy)", "illegitimacy"), true);
  assertEquals(whole("illegitima(te|cy)", "illegitimat"), false);
  assertEquals(whole("Kim Jong Un", "Kim Jong-un"), true);
  assertEquals(whole("so-called", "so called"), true);
  assertEquals(whole("meat grinder", "meat-grinder"), true);
  assertEquals(whole("Russia's", "Russia’s"), true);
  assertEquals(whole("U.S.", "USA"), false);
});

Deno.test("patternSource: unsupported syntax is an error saying what is wrong", () => {
  assertThrows(() => patternSource(""), /the pattern is empty/);
  assertThrows(() => patternSource("dic[t]ator"), /contains "\["/);
  assertThrows(() => patternSource("a|b"), /\| outside \( \)/);
  assertThrows(() => patternSource("(a(b))"), /nests/);
  assertThrows(() => patternSource("(ab"), /\( without \)/);
  assertThrows(() => patternSource("ab)"), /\) without \(/);
  assertThrows(() => patternSource("?ab"), /\? that follows no letter/);
});

Deno.test("buildMatcher: whole words only, most specific entry wins, one scan", () => {
  const m = buildMatcher([
    { pattern: "president", value: "neutral" },
    { pattern: "illegitimate president", value: "loaded phrase" },
    { pattern: "illegitimate", value: "loaded" },
    { pattern: "dictator*", value: "dictator" },
    { pattern: "regime", value: "regime" },
  ]);
  const text =
    "The illegitimate president, a dictator; Dictatorships, presidential regimes, ex-president.";
  assertEquals(
    m.scan(text).map((x) => [x.text, x.value, x.index]),
    [
      ["illegitimate president", "loaded phrase", 4],
      ["dictator", "dictator", 30],
      ["Dictatorships", "dictator", 40],
      ["president", "neutral", 80],
    ],
  );
  assertEquals(m.resolve("ILLEGITIMATE"), "loaded");
  assertEquals(m.resolve("nothing"), undefined);
});

Deno.test("buildMatcher: Unicode letters are word characters", () => {
  const m = buildMatcher([{ pattern: "regime", value: 1 }]);
  assertEquals(m.scan("régime regimeé éregime regime").map((x) => x.index), [23]);
  assertEquals(buildMatcher([]).scan("anything"), []);
});

Deno.test("normalizeTerm: case, separators and apostrophes", () => {
  assertEquals(normalizeTerm(" Kim  Jong-Un’s "), "kim jong un's");
});

/** The plain scan: the full expression at every position (what the fast scan must agree with). */
function referenceScan<T>(m: ReturnType<typeof buildMatcher<T>>, text: string) {
  const re = new RegExp(m.regex.source, m.regex.flags);
  const out: Array<{ index: number; end: number; text: string; value: T }> = [];
  for (const x of text.matchAll(re)) {
    const value = m.resolve(x[0]);
    if (value !== undefined) {
      out.push({ index: x.index, end: x.index + x[0].length, text: x[0], value });
    }
  }
  return out;
}

Deno.test("buildMatcher: the fast scan finds what the full expression finds", () => {
  const m = buildMatcher(
    [
      "dictator*",
      "regimes?",
      "so-called",
      "axis of *",
      "U.S.",
      "strongm(a|e)n",
      "Kim Jong Un",
      "skål",
      "war",
      "deals?",
    ].map((pattern) => ({ pattern, value: pattern })),
  );
  const texts = [
    "The dictatorship, a regime; so called U.S. strongmen and Kim Jong-un.",
    "warlord war_war _war war2 2war éwar waré war’s axis of the axis of evil’s",
    "ſo-called dictator", // ſ folds to s: the full expression decides
    "the \u212Aim Jong Un regime", // Kelvin sign folds to k
    "a 𝐀dictator and dictator𝐀 and 😀 regime 😀regime",
    "Dictator\r\nREGIMES\n\ndeals deal dealer skål SKÅL",
    "", // empty
    "war",
  ];
  for (const t of texts) {
    const { matches, surrogates } = m.scanDetailed(t);
    assertEquals(matches, referenceScan(m, t), t);
    assertEquals(m.scan(t), matches, t);
    assertEquals(surrogates, /[\uD800-\uDFFF]/.test(t), t);
  }
});

Deno.test("buildMatcher: a pattern without a leading ASCII letter still scans", () => {
  const m = buildMatcher([{ pattern: "ålesund", value: 1 }, { pattern: "war", value: 2 }]);
  const t = "Ålesund war 😀";
  assertEquals(m.scanDetailed(t), { matches: referenceScan(m, t), surrogates: true });
});

Deno.test("contextRegex: whole words before or after, with the caller's gap; errors name the column", () => {
  const o = { gap: "\\s*", where: "x.csv line 3", column: "exclude_before", example: "a|b" };
  assert(contextRegex("sanctions", "before", o).test("new Sanctions "));
  assert(!contextRegex("sanctions", "before", o).test("nosanctions "));
  assert(!contextRegex("sanctions", "before", o).test("sanctions “"));
  assert(contextRegex("sanctions", "before", { ...o, gap: "[\\s“]*" }).test("sanctions “"));
  assert(contextRegex("of (state|government)", "after", o).test(" of State today"));
  assertThrows(
    () => contextRegex("sanctions(", "before", o),
    /^x\.csv line 3: exclude_before "sanctions\(" is not a valid regular expression/,
  );
  assertThrows(
    () => contextRegex("(\\w+\\s?)+", "after", { ...o, column: "exclude_after" }),
    /^x\.csv line 3, column exclude_after, character 1: .* could take minutes; write plain alternatives \(a\|b\)/,
  );
});
