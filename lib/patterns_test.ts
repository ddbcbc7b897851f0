import { buildMatcher, normalizeTerm, patternSource } from "./patterns.ts";
import { assertEquals, assertThrows } from "./testing.ts";

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
