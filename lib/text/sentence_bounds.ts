/**
 * Paragraph and sentence bounds for attribution extraction, in UTF-16 indices of one string
 * (the caller converts to code points). Paragraphs are lines (blank lines are skipped); a
 * sentence ends after `.`, `!`, `?` or `…` (and any closing quote or bracket) before a space and
 * a capital, digit or opening mark, except after an abbreviation (the caller's list, read from
 * `data/abbreviations.csv`: Mr., Gen., U.S.), an initial, or inside a closed quotation given in
 * `protect`.
 *
 * Not merged with segment.ts `splitSentences`: that never splits before a digit, other closers.
 *
 * @module
 */

/** A range [start, end) of UTF-16 indices. */
export type Range = [number, number];

/**
 * The non-empty lines of `text` as paragraphs, surrounding white space trimmed.
 *
 * @example
 * ```ts
 * paragraphRanges("a b\n\n c\n"); // [[0, 3], [6, 7]]
 * ```
 */
export function paragraphRanges(text: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push([s, e]);
  };
  // Each "\n" and "\r" ends a line, found by indexOf (most characters are neither).
  let nl = text.indexOf("\n");
  let cr = text.indexOf("\r");
  while (nl >= 0 || cr >= 0) {
    let i: number;
    if (cr < 0 || (nl >= 0 && nl < cr)) {
      i = nl;
      nl = text.indexOf("\n", i + 1);
    } else {
      i = cr;
      cr = text.indexOf("\r", i + 1);
    }
    push(start, i);
    start = i + 1;
  }
  push(start, text.length);
  return out;
}

/** The marks that end a sentence: `.`, `!`, `?`, `…` (a global expression, to find the next). */
const TERMINAL = /[.!?…]/g;
const UPPER_OR_DIGIT = /^[\p{Lu}\p{N}]$/u;

function isTerminal(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

/** Closing marks after a sentence end: " ” ’ ) ]. */
function isCloser(c: number): boolean {
  return c === 0x22 || c === 0x201d || c === 0x2019 || c === 0x29 || c === 0x5d;
}

/** Opening marks before a sentence start: " “ ‘ ( [ «. */
function isOpener(c: number): boolean {
  return c === 0x22 || c === 0x201c || c === 0x2018 || c === 0x28 || c === 0x5b || c === 0xab;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && /\s/.test(String.fromCharCode(c)));
}

/**
 * Whether a sentence starts after index `j` of `para`: white space, then an optional opening mark
 * and a capital or digit (the lookahead `(?=\s+["“‘(\[«]?[\p{Lu}\p{N}])`).
 */
function sentenceStartsAfter(para: string, j: number): boolean {
  const n = para.length;
  if (j >= n || !isSpace(para.charCodeAt(j))) return false;
  let k = j + 1;
  while (k < n && isSpace(para.charCodeAt(k))) k++;
  if (k < n && isOpener(para.charCodeAt(k))) k++;
  if (k >= n) return false;
  const c = para.codePointAt(k)!;
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return UPPER_OR_DIGIT.test(String.fromCodePoint(c));
}

const NO_ABBREVIATIONS: ReadonlySet<string> = new Set();

/**
 * Sentence ranges inside the paragraph [start, end) of `text`. A boundary that falls inside one
 * of the `protect` ranges (closed quotations) is ignored, so that a quoted passage of several
 * sentences stays in the sentence that carries its attribution. No sentence ends after a word in
 * `abbreviations` (lower case, without the final stop: "mr", "u.s"; the `stems` of
 * `lib/resources/abbreviations.ts`) or after an initial.
 *
 * @example
 * ```ts
 * const t = "Mr. Kim spoke. He left.";
 * sentenceRanges(t, 0, t.length, [], new Set(["mr"])); // [[0, 14], [15, 23]]
 * ```
 */
export function sentenceRanges(
  text: string,
  start: number,
  end: number,
  protect: readonly Range[] = [],
  abbreviations: ReadonlySet<string> = NO_ABBREVIATIONS,
): Range[] {
  const out: Range[] = [];
  const para = text.slice(start, end);
  let s = 0;
  let p = 0; // index into protect (sorted by start)
  // The boundaries of `/[.!?…]+["”’)\]]*(?=\s+["“‘(\[«]?[\p{Lu}\p{N}])/gu`, found by hand: a run
  // of marks and closers either is followed by a sentence start or holds no boundary.
  TERMINAL.lastIndex = 0;
  for (let m = TERMINAL.exec(para); m !== null; m = TERMINAL.exec(para)) {
    const dot = m.index;
    let cut = dot + 1;
    while (cut < para.length && isTerminal(para.charCodeAt(cut))) cut++;
    while (cut < para.length && isCloser(para.charCodeAt(cut))) cut++;
    TERMINAL.lastIndex = cut;
    if (!sentenceStartsAfter(para, cut)) continue;
    const abs = start + cut;
    while (p < protect.length && protect[p][1] <= abs) p++;
    if (p < protect.length && protect[p][0] < abs && abs < protect[p][1]) continue;
    if (para.charCodeAt(dot) === 0x2e) {
      const word = /([\p{L}.]+)$/u.exec(para.slice(Math.max(0, dot - 12), dot))?.[1] ?? "";
      if (abbreviations.has(word.toLowerCase())) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: J. Smith
    }
    out.push([start + s, start + cut]);
    s = cut;
    while (s < para.length && /\s/.test(para[s])) s++;
  }
  if (s < para.length) out.push([start + s, end]);
  return out;
}
