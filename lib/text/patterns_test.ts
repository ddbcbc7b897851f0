import {
  buildMatcher,
  buildPhraseScanner,
  buildWordScanner,
  contextRegex,
  factorAlternation,
  linkScanners,
  normalizeTerm,
  patternSource,
  phraseSource,
  topLevelAlternatives,
} from "./patterns.ts";
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

Deno.test("buildMatcher: the fast scan finds what the full expression finds on random texts", () => {
  // Separators inside patterns (a run of spaces and hyphens), whole words that open longer
  // ones, wildcards and optional parts after literal openings.
  const patterns = [
    "the Kremlin",
    "North Korea*",
    "so-called",
    "head of state",
    "war",
    "warlord",
    "U.S.",
    "axis of *",
    "regimes?",
    "un",
    "Kim Jong Un",
    "Kim",
  ];
  const m = buildMatcher(patterns.map((pattern) => ({ pattern, value: pattern })));
  const words = [
    "the",
    "The",
    "Kremlin",
    "Kremlins",
    "North",
    "Korea",
    "Koreans",
    "so",
    "called",
    "head",
    "of",
    "state",
    "war",
    "warlord",
    "U.S.",
    "U.S",
    "axis",
    "regimes",
    "un",
    "under",
    "Kim",
    "Jong",
    "Un",
    "é",
    "𝐀",
    "ſ",
  ];
  const separators = [" ", "  ", "-", "‐", "‑", " - ", "\n", "\u00a0", ".", ",", ""];
  for (
    const text of ["the  Kremlin", "the - Kremlin", "North‐ ‑Koreans", "Kim Jong  Un", "war-lord"]
  ) assertEquals(m.scanDetailed(text).matches, referenceScan(m, text), text);
  let seed = 11;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (let t = 0; t < 3000; t++) {
    let text = "";
    const len = rand(12);
    for (let k = 0; k < len; k++) text += words[rand(words.length)] + separators[rand(11)];
    const { matches, surrogates } = m.scanDetailed(text);
    assertEquals(matches, referenceScan(m, text), text);
    assertEquals(surrogates, /[\uD800-\uDFFF]/.test(text), text);
  }
});

Deno.test("buildMatcher: a pattern without a leading ASCII letter still scans", () => {
  const m = buildMatcher([{ pattern: "ålesund", value: 1 }, { pattern: "war", value: 2 }]);
  const t = "Ålesund war 😀";
  assertEquals(m.scanDetailed(t), { matches: referenceScan(m, t), surrogates: true });
});

Deno.test("buildMatcher: a pattern that opens with * keeps its priority over less specific ones", () => {
  // "* of good" is more specific than "axis": at "axis of good" it wins, as in the plain
  // alternation, although "axis" shares its first letter with the more specific "axis of evil".
  const m = buildMatcher(
    ["axis of evil", "* of good", "axis"].map((pattern) => ({ pattern, value: pattern })),
  );
  assertEquals(m.scan("the axis of good, an axis").map((x) => [x.text, x.value]), [
    ["axis of good", "* of good"],
    ["axis", "axis"],
  ]);
  assertEquals(
    factorAlternation(["ab", "[x]", "ac", "b", "ad"]),
    "ab|[x]|a(?:c|d)|b",
  );
  assertEquals(factorAlternation(["Korea", "korea"], false), "Korea|korea");
  // The one reordering: an alternative that opens later ones is tried after them.
  assertEquals(factorAlternation(["war", "warlord"]), "w(?:a(?:r(?:lord|)))");
  assertEquals(buildWordScanner(["a", "a\\.b"]).scan("a.b").map((m) => m.text), ["a.b"]);
});

Deno.test("ſ and K are the only characters beyond ASCII that match an ASCII letter ignoring case", () => {
  // The scanner's prefilter relies on it (see unitsMatching in patterns.ts).
  const re = /^[a-z0-9]$/iu;
  const found: number[] = [];
  for (let u = 128; u < 0x10000; u++) {
    if ((u < 0xd800 || u > 0xdfff) && re.test(String.fromCharCode(u))) found.push(u);
  }
  assertEquals(found, [0x17f, 0x212a]);
});

/** The phrases as one plain alternation, longest first: what a phrase scanner must agree with. */
function plainAlternation(phrases: readonly string[], flags: string): RegExp {
  const alts = [...new Set(phrases)].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?![\\p{L}\\p{N}])`, flags);
}

Deno.test("buildPhraseScanner: longest phrase first, whole words, spaces match any white space", () => {
  const s = buildPhraseScanner(["Kim", "Kim Jong Un", "said", "U.S.", "38 North", "ČTK"]);
  assertEquals(
    s.scan("KIM  Jong\nUn said; Kims said U.S. ties. 38 North, čtk and ČTKs").map((m) => [
      m.index,
      m.end,
      m.text,
    ]),
    [
      [0, 12, "KIM  Jong\nUn"],
      [13, 17, "said"],
      [24, 28, "said"],
      [29, 33, "U.S."],
      [40, 48, "38 North"],
      [50, 53, "čtk"],
    ],
  );
  const exact = buildPhraseScanner(["Kim", "Korea"], { ignoreCase: false });
  assertEquals(exact.scan("Kim KIM korea Korea").map((m) => m.index), [0, 14]);
  assertEquals(buildPhraseScanner([]).scan("anything"), []);
});

Deno.test("buildWordScanner: the fast scan finds what the plain alternation finds", () => {
  // Phrases that open with letters of every kind, digits, punctuation and astral letters.
  const phrases = [
    "said",
    "say",
    "says so",
    "according to",
    "as reported by",
    "Kim",
    "Kim Jong Un",
    "Kremlin's",
    "U.S.",
    ".com",
    "(AP)",
    "38 North",
    "ČTK",
    "Élysée Palace",
    "skål",
    "kelvin",
    "ſtraße",
    "σοφία",
    "𝐀bc",
    "x",
    "a-b",
    // Separator runs: doubled, before a hyphen, last but one; a phrase that opens a longer one.
    "Kim  Jong",
    "a - b",
    "the Kremlin",
    "un",
    "under way",
  ];
  const pieces = [
    "said",
    "SAID",
    "ſaid",
    "\u212Aim",
    "Kim",
    "kim",
    "Jong",
    "Un",
    "  ",
    " ",
    "\n",
    "-",
    "'",
    "’",
    "Kremlin",
    "s",
    "U.S.",
    "U.S",
    "U.",
    "(A",
    ".com",
    "(AP)",
    "38",
    "North",
    "čtk",
    "ČTK",
    "Élysée",
    "élysée",
    "Palace",
    "skål",
    "SKÅL",
    "Kelvin",
    "straße",
    "STRASSE",
    "ΣΟΦΊΑ",
    "σοφία",
    "𝐀bc",
    "𝐀",
    "😀",
    "x",
    "xx",
    "a-b",
    "a",
    "b",
    "according",
    "to",
    "as",
    "reported",
    "by",
    ",",
    ".",
    "é",
    "2",
    "_",
    "the",
    "Kremlin",
    "under",
    "way",
    "\u00a0",
    "\t",
    "‐",
  ];
  let seed = 7;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  // "𝐀bc" (no leading BMP literal) makes the scan run the expression everywhere; without it the
  // prefilter decides where it runs, with ſ in the class of s by the table of ASCII letters (no
  // "ſtraße") or also by its own case folding.
  const noAstral = phrases.filter((p) => p !== "𝐀bc");
  const lists = [phrases, noAstral, noAstral.filter((p) => p !== "ſtraße")];
  const cases = [true, false].flatMap((ignoreCase) => lists.map((list) => ({ ignoreCase, list })));
  for (const { ignoreCase, list } of cases) {
    const scanner = buildPhraseScanner(list, { ignoreCase });
    const reference = plainAlternation(list, ignoreCase ? "giu" : "gu");
    for (let t = 0; t < 400; t++) {
      let text = "";
      const len = rand(30);
      for (let k = 0; k < len; k++) text += pieces[rand(pieces.length)];
      const want = [...text.matchAll(reference)].map((m) => ({
        index: m.index,
        end: m.index + m[0].length,
        text: m[0],
      }));
      const { matches, surrogates } = scanner.scanDetailed(text);
      assertEquals(matches, want, text);
      assertEquals(scanner.scan(text), want, text);
      assertEquals(surrogates, /[\uD800-\uDFFF]/.test(text), text);
    }
  }
});

Deno.test("buildWordScanner: a separator run and a literal that may go on at one place", () => {
  // "a-b" goes on from "a" by a literal hyphen, "a c" (pattern) by a run of spaces and hyphens,
  // "a d" (phrase) by a run of white space: the text decides which, so the expression does.
  const sources = [phraseSource("a-b"), patternSource("a c"), phraseSource("a d"), "a-x"];
  const scanner = buildWordScanner(sources);
  const reference = new RegExp(scanner.regex.source, scanner.regex.flags);
  for (
    const text of ["a-b", "a-c", "a - c", "a d", "a  d", "a-x", "a -b", "a--c", "a-\u00a0c", "a e"]
  ) {
    const want = [...text.matchAll(reference)].map((m) => ({
      index: m.index,
      end: m.index + m[0].length,
      text: m[0],
    }));
    assertEquals(scanner.scan(text), want, text);
  }
  assertEquals(scanner.scan("x a--c a d").map((m) => m.text), ["a--c", "a d"]);
});

Deno.test("linkScanners: scanners that scan together find what each finds alone", () => {
  const phrases = ["said", "Kim", "Kim Jong Un", "according to", "U.S.", "the Kremlin"];
  const cues = ["said", "says", "told", "according to", "as reported by"];
  const patterns = ["dictator*", "regimes?", "the Kremlin", "Kim Jong Un", "war", "so-called"];
  const build = () => {
    const matcher = buildMatcher(patterns.map((pattern) => ({ pattern, value: pattern })));
    return [buildPhraseScanner(phrases), buildPhraseScanner(cues), matcher.scanner];
  };
  const alone = build();
  const linked = build();
  assertEquals(linkScanners(linked), 3);
  // Case matters in one: it is left out.
  assertEquals(
    linkScanners([buildPhraseScanner(["a"]), buildPhraseScanner(["b"], { ignoreCase: false })]),
    0,
  );
  const words = [
    "Kim",
    "Jong",
    "Un",
    "said",
    "says",
    "according",
    "to",
    "the",
    "Kremlin",
    "dictators",
    "regime",
    "war",
    "so",
    "called",
    "U.S.",
    "as",
    "reported",
    "by",
    "é",
    "𝐀",
  ];
  const separators = [" ", "  ", "-", ", ", ".", "\n", ""];
  let seed = 5;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const texts: string[] = [];
  for (let t = 0; t < 600; t++) {
    let text = "";
    const len = rand(14);
    for (let k = 0; k < len; k++) text += words[rand(words.length)] + separators[rand(7)];
    texts.push(text);
  }
  // Asked in turns about two texts at a time, as an article's title and body are.
  for (let t = 1; t < texts.length; t++) {
    for (const i of [2, 0, 1]) {
      for (const text of [texts[t], texts[t - 1]]) {
        assertEquals(linked[i].scanDetailed(text), alone[i].scanDetailed(text), text);
        assertEquals(linked[i].scan(text), alone[i].scan(text), text);
      }
    }
  }
});

Deno.test("buildWordScanner: alternatives without a leading literal, or with a bar, scan in full", () => {
  for (const sources of [["[ab]c", "dog"], ["cat|dog"], ["(?:c|d)at"], ["x?yz"]]) {
    const s = buildWordScanner(sources);
    const text = "ac bc cat dog yz xyz dat";
    const want = [...text.matchAll(s.regex)].map((m) => m[0]);
    assertEquals(s.scan(text).map((m) => m.text), want, sources.join(" "));
    assert(want.length > 0);
  }
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

Deno.test("topLevelAlternatives splits only at bars outside groups, classes and escapes", () => {
  assertEquals(topLevelAlternatives("^Photo:|(a|b)[|]c|x\\|y"), ["^Photo:", "(a|b)[|]c", "x\\|y"]);
  assertEquals(topLevelAlternatives("plain"), ["plain"]);
  assertEquals(topLevelAlternatives("a|"), ["a", ""]);
});

Deno.test("linkScanners: a scanner with an alternative without a leading literal scans alone and finds what it finds unlinked", () => {
  const build = () => [buildPhraseScanner(["said", "Kim"]), buildWordScanner(["\\p{Lu}\\p{L}+"])];
  const alone = build();
  const linked = build();
  assertEquals(linkScanners(linked), 2);
  const text = "Kim said Putin met Kim; Lavrov said nothing.";
  for (let i = 0; i < 2; i++) {
    assertEquals(linked[i].scanDetailed(text), alone[i].scanDetailed(text));
  }
  // (Case is ignored: every word of two letters or more.)
  assertEquals(linked[1].scan(text).map((m) => m.text), [
    "Kim",
    "said",
    "Putin",
    "met",
    "Kim",
    "Lavrov",
    "said",
    "nothing",
  ]);
  assertEquals(linked[0].scan(text).map((m) => m.text), ["Kim", "said", "Kim", "said"]);
});
