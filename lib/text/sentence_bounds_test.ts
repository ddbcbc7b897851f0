import { paragraphRanges, sentenceRanges } from "./sentence_bounds.ts";

/** Abbreviations as `sentenceRanges` takes them (lower case, no final stop). */
const ABBREVIATIONS: ReadonlySet<string> = new Set(["mr", "gen", "lt", "col", "u.s", "dec"]);
import { assertEquals } from "../testing.ts";

Deno.test("paragraphs are non-empty lines, trimmed", () => {
  assertEquals(paragraphRanges("a b\n\n c\n"), [[0, 3], [6, 7]]);
  // "\r\n", "\r" and "\n" each end a line.
  assertEquals(paragraphRanges("a\r\nb\rc\n\r d \r\n\ne"), [[0, 1], [3, 4], [5, 6], [9, 10], [
    14,
    15,
  ]]);
  assertEquals(paragraphRanges(""), []);
  assertEquals(paragraphRanges("\n\r \n"), []);
});

Deno.test("without abbreviations, a sentence ends after Mr.", () => {
  const t = "Mr. Kim spoke. He left.";
  assertEquals(sentenceRanges(t, 0, t.length).map(([a, b]) => t.slice(a, b)), [
    "Mr.",
    "Kim spoke.",
    "He left.",
  ]);
});

Deno.test("sentences end at . ! ? but not after abbreviations or initials", () => {
  const t = "Mr. Kim met Gen. Lee. J. Smith left! Why?";
  const s = sentenceRanges(t, 0, t.length, [], ABBREVIATIONS).map(([a, b]) => t.slice(a, b));
  assertEquals(s, ["Mr. Kim met Gen. Lee.", "J. Smith left!", "Why?"]);
});

Deno.test("a boundary inside a protected quotation is ignored", () => {
  const t = "“It ended. Today we start,” he said. Next.";
  const q: Array<[number, number]> = [[0, 27]];
  const s = sentenceRanges(t, 0, t.length, q, ABBREVIATIONS).map(([a, b]) => t.slice(a, b));
  assertEquals(s, ["“It ended. Today we start,” he said.", "Next."]);
});

/** sentenceRanges as written with one expression (before boundaries were found by hand). */
function sentenceRangesByRegExp(
  text: string,
  start: number,
  end: number,
  protect: ReadonlyArray<[number, number]> = [],
): Array<[number, number]> {
  const boundary = /[.!?…]+["”’)\]]*(?=\s+["“‘(\[«]?[\p{Lu}\p{N}])/gu;
  const abbreviations = ABBREVIATIONS;
  const out: Array<[number, number]> = [];
  const para = text.slice(start, end);
  let s = 0;
  let p = 0;
  for (const m of para.matchAll(boundary)) {
    const dot = m.index;
    const cut = dot + m[0].length;
    const abs = start + cut;
    while (p < protect.length && protect[p][1] <= abs) p++;
    if (p < protect.length && protect[p][0] < abs && abs < protect[p][1]) continue;
    if (m[0][0] === ".") {
      const word = /([\p{L}.]+)$/u.exec(para.slice(Math.max(0, dot - 12), dot))?.[1] ?? "";
      if (abbreviations.has(word.toLowerCase())) continue;
      if (/^\p{Lu}$/u.test(word)) continue;
    }
    out.push([start + s, start + cut]);
    s = cut;
    while (s < para.length && /\s/.test(para[s])) s++;
  }
  if (s < para.length) out.push([start + s, end]);
  return out;
}

Deno.test("sentence boundaries found by hand match the boundary expression", () => {
  const pieces = [
    ".",
    "!",
    "?",
    "…",
    '"',
    "”",
    "’",
    ")",
    "]",
    "“",
    "‘",
    "(",
    "[",
    "«",
    " ",
    "  ",
    "\u00a0",
    "\u2003",
    "a",
    "b",
    "K",
    "É",
    "é",
    "7",
    "\u{1D400}",
    "\u{1D41A}",
    "Mr",
    "Gen",
    "U.S",
    "J",
    "no",
    "\t",
  ];
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    let t = "";
    const len = 1 + rand(25);
    for (let j = 0; j < len; j++) t += pieces[rand(pieces.length)];
    const protect: Array<[number, number]> = i % 3 === 0 ? [[rand(t.length), t.length]] : [];
    const start = i % 5 === 0 ? rand(t.length) : 0;
    assertEquals(
      sentenceRanges(t, start, t.length, protect, ABBREVIATIONS),
      sentenceRangesByRegExp(t, start, t.length, protect),
      JSON.stringify(t),
    );
  }
});

Deno.test("sentenceRanges: no split at middle initials, U.S., Gen., Lt. Col. (issue 11)", () => {
  const t = "President Vladimir V. Putin arrived. George W. Bush said so. The U.S. Army and " +
    "Lt. Col. Smith agreed. Gen. Lee spoke.";
  assertEquals(sentenceRanges(t, 0, t.length, [], ABBREVIATIONS).map(([s, e]) => t.slice(s, e)), [
    "President Vladimir V. Putin arrived.",
    "George W. Bush said so.",
    "The U.S. Army and Lt. Col. Smith agreed.",
    "Gen. Lee spoke.",
  ]);
});
