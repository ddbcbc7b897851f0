import { assertEquals } from "../testing.ts";
import {
  doubleApostrophesAsMarks,
  joinParagraphs,
  paragraphRanges,
  paragraphSentences,
  sentenceRanges,
} from "./segment.ts";

/** Abbreviations as `sentenceRanges` takes them (lower case, no final stop). */
const ABBREVIATIONS: ReadonlySet<string> = new Set(["mr", "gen", "lt", "col", "u.s", "dec", "sen"]);
const cpSlice = (t: string, s: number, e: number) => Array.from(t).slice(s, e).join("");
/** The sentences of `t` as the sentences table splits them (dotted initials, lines). */
const table = (t: string, protect: Array<[number, number]> = []) =>
  paragraphSentences(t, paragraphRanges(t), {
    protect,
    abbreviations: ABBREVIATIONS,
    dottedInitials: true,
  }).map(([s, e]) => t.slice(s, e));

Deno.test("joinParagraphs joins with a blank line and spans slice the body", () => {
  const { body, spans } = joinParagraphs(["A 😀.", "B.", "𝔸𝔹"]);
  assertEquals(body, "A 😀.\n\nB.\n\n𝔸𝔹");
  assertEquals(spans.map((s) => [s.start, s.end]), [[0, 4], [6, 8], [10, 12]]);
  for (const s of spans) assertEquals(cpSlice(body, s.start, s.end), s.text);
  assertEquals(joinParagraphs([]), { body: "", spans: [] });
});

Deno.test("paragraphRanges with blankLines: only a blank line ends a paragraph", () => {
  const t = "a hard-\nwrapped line\n \t\r\n\nnext\r\nline\n\n\n";
  assertEquals(paragraphRanges(t, { blankLines: true }).map(([s, e]) => t.slice(s, e)), [
    "a hard-\nwrapped line",
    "next\r\nline",
  ]);
  assertEquals(paragraphRanges("  \n\n ", { blankLines: true }), []);
});

Deno.test("table sentences: no split at dotted initials, Roe v. Wade, p. 12 (was split)", () => {
  assertEquals(
    table("Republican George H.W. Bush won. J.M. Barrie wrote it. Roe v. Wade stands (p. 12)."),
    ["Republican George H.W. Bush won.", "J.M. Barrie wrote it.", "Roe v. Wade stands (p. 12)."],
  );
  // A contraction or possessive before the stop is a word, not an initial.
  assertEquals(table("Four seats if they don't. A half-dozen remain. It is Trump's. He won."), [
    "Four seats if they don't.",
    "A half-dozen remain.",
    "It is Trump's.",
    "He won.",
  ]);
  // So is a decade: the "s" after digits is no initial (was joined).
  assertEquals(
    table("Prices fell in the 1990s. She recalls it. They rose in the '80s. Then fell."),
    [
      "Prices fell in the 1990s.",
      "She recalls it.",
      "They rose in the '80s.",
      "Then fell.",
    ],
  );
  // The extractor's default: only a single capital is an initial.
  const t = "George H.W. Bush won. Roe v. Wade stands.";
  assertEquals(sentenceRanges(t, 0, t.length).map(([s, e]) => t.slice(s, e)), [
    "George H.W.",
    "Bush won.",
    "Roe v.",
    "Wade stands.",
  ]);
});

Deno.test("table sentences: a sentence may start with a digit (was joined)", () => {
  assertEquals(table("Turnout fell to 54%. 37% stayed home. 81-year-old Parker Eaton voted."), [
    "Turnout fell to 54%.",
    "37% stayed home.",
    "81-year-old Parker Eaton voted.",
  ]);
});

Deno.test("table sentences: a hyphenated abbreviation ends no sentence (was split)", () => {
  assertEquals(table("She ran against then-Sen. Barack Obama. He won."), [
    "She ran against then-Sen. Barack Obama.",
    "He won.",
  ]);
});

Deno.test("table sentences: a protected quotation of several sentences stays whole", () => {
  // Single and doubled-apostrophe quotations too (the old splitter protected only double marks).
  const t = "''It is over. We won,'' he said. ‘Go home. Now,’ she said. Done.";
  const a = t.indexOf("‘Go");
  const protect: Array<[number, number]> = [[0, t.indexOf(" he")], [a, t.indexOf(" she")]];
  assertEquals(table(t, protect), [
    "''It is over. We won,'' he said.",
    "‘Go home. Now,’ she said.",
    "Done.",
  ]);
});

Deno.test("paragraphSentences: doubled apostrophes open and close quotations", () => {
  const t = "It ends. ''No,'' he said. ''We lost.'' Then he left.\nNext.";
  assertEquals(table(t), [
    "It ends.",
    "''No,'' he said.",
    "''We lost.''",
    "Then he left.",
    "Next.",
  ]);
  assertEquals(doubleApostrophesAsMarks("It ends. ''No,'' he said."), 'It ends.  "No,"  he said.');
});

Deno.test("table sentences: a parenthesis then a dash does not start a sentence (was split)", () => {
  assertEquals(table("Kim met Putin. ( – The figures show losses.)"), [
    "Kim met Putin. ( – The figures show losses.)",
  ]);
});

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
  const s = sentenceRanges(t, 0, t.length, { abbreviations: ABBREVIATIONS }).map(([a, b]) =>
    t.slice(a, b)
  );
  assertEquals(s, ["Mr. Kim met Gen. Lee.", "J. Smith left!", "Why?"]);
});

Deno.test("a boundary inside a protected quotation is ignored", () => {
  const t = "“It ended. Today we start,” he said. Next.";
  const q: Array<[number, number]> = [[0, 27]];
  const s = sentenceRanges(t, 0, t.length, { protect: q, abbreviations: ABBREVIATIONS }).map((
    [a, b],
  ) => t.slice(a, b));
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
      sentenceRanges(t, start, t.length, { protect, abbreviations: ABBREVIATIONS }),
      sentenceRangesByRegExp(t, start, t.length, protect),
      JSON.stringify(t),
    );
  }
});

Deno.test("sentenceRanges: no split at middle initials, U.S., Gen., Lt. Col. (issue 11)", () => {
  const t = "President Vladimir V. Putin arrived. George W. Bush said so. The U.S. Army and " +
    "Lt. Col. Smith agreed. Gen. Lee spoke.";
  assertEquals(
    sentenceRanges(t, 0, t.length, { abbreviations: ABBREVIATIONS }).map(([s, e]) => t.slice(s, e)),
    [
      "President Vladimir V. Putin arrived.",
      "George W. Bush said so.",
      "The U.S. Army and Lt. Col. Smith agreed.",
      "Gen. Lee spoke.",
    ],
  );
});

Deno.test("sentenceRanges: U.S., p.m. and Inc. end a sentence before a word that opens one, not before a name", () => {
  const t = "Cox says attacks rose in the U.S. He says lectures won't help. The drill ended at " +
    "9 p.m. The mayor said it was loud. The U.S. Army and Acme Inc. Rail agreed. Mr. He spoke. " +
    "Talks began in the U.S. However, they stalled.";
  const options = {
    abbreviations: new Set(["u.s", "p.m", "inc", "mr"]),
    closers: new Set(["u.s", "p.m", "inc"]),
    dottedInitials: true,
  };
  assertEquals(sentenceRanges(t, 0, t.length, options).map(([s, e]) => t.slice(s, e)), [
    "Cox says attacks rose in the U.S.",
    "He says lectures won't help.",
    "The drill ended at 9 p.m.",
    "The mayor said it was loud.",
    "The U.S. Army and Acme Inc. Rail agreed.",
    // A title ends no sentence, whatever follows.
    "Mr. He spoke.",
    "Talks began in the U.S.",
    "However, they stalled.",
  ]);
  // Without closers, as before: no sentence ends after an abbreviation.
  assertEquals(
    sentenceRanges(t, 0, t.length, { ...options, closers: undefined }).map(([s, e]) =>
      t.slice(s, e)
    ),
    [
      "Cox says attacks rose in the U.S. He says lectures won't help.",
      "The drill ended at 9 p.m. The mayor said it was loud.",
      "The U.S. Army and Acme Inc. Rail agreed.",
      "Mr. He spoke.",
      "Talks began in the U.S. However, they stalled.",
    ],
  );
});
