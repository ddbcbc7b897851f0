/**
 * Segmentation: paragraphs joined into a body, and sentences within a text,
 * with code-point offsets (end exclusive).
 *
 * Sentence splitting is deliberately simple: a sentence ends at `.`, `!`, `?`
 * or `…` (plus any closing quotes or brackets) followed by white space and an
 * upper-case letter or an opening quote/bracket; never at a line break-free
 * abbreviation (list given by the caller, e.g. "Mr.", "Feb."), an initial or
 * dotted acronym ("N.", "U.S."), a decimal ("1.5"), or inside a quotation
 * that continues. Line breaks always end a sentence.
 *
 * @module
 */
import { codePointIndex, codePointLength } from "./codepoints.ts";
import { partitionPoint } from "./search.ts";

/** A span of text with code-point offsets (end exclusive). */
export interface Segment {
  start: number;
  end: number;
  text: string;
}

/** The separator between paragraphs in a body. */
export const PARAGRAPH_SEPARATOR = "\n\n";

/**
 * Joins paragraph texts into one body with {@linkcode PARAGRAPH_SEPARATOR} and
 * returns the body and each paragraph's code-point span in it.
 *
 * @example
 * ```ts
 * const { body, spans } = joinParagraphs(["A 😀.", "B."]);
 * body; // "A 😀.\n\nB."
 * spans[1]; // { start: 6, end: 8, text: "B." }
 * ```
 */
export function joinParagraphs(texts: readonly string[]): { body: string; spans: Segment[] } {
  const spans: Segment[] = [];
  let pos = 0;
  texts.forEach((t, i) => {
    if (i > 0) pos += PARAGRAPH_SEPARATOR.length;
    const len = SURROGATE.test(t) ? codePointLength(t) : t.length;
    spans.push({ start: pos, end: pos + len, text: t });
    pos += len;
  });
  return { body: texts.join(PARAGRAPH_SEPARATOR), spans };
}

const SURROGATE = /[\uD800-\uDFFF]/;
const WHITE = /\s/u;

/** `WHITE.test(s[i])` with a fast path for ASCII. */
function isWhiteAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WHITE.test(s[i]);
}

/** `UPPER.test(s.slice(i, i + 2))` with a fast path for ASCII. */
function isUpperAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(s.slice(i, i + 2));
}
const OPENERS = /^[“"‘'(\[«]/u;
const UPPER = /^\p{Lu}/u;
const INITIALS = /^(?:\p{L}\.)+$/u;
const LEADING_OPENERS = /^[“"‘'(\[«]+/u;
const OPENER_CHARS = new Set(["“", '"', "‘", "'", "(", "[", "«"]);

/** `INITIALS.test(token)`, skipping the regex when an ASCII first character is not an initial. */
function maybeInitials(token: string): boolean {
  const c = token.charCodeAt(0);
  if (c < 128 && token.charCodeAt(1) !== 46) return false;
  return INITIALS.test(token);
}

/**
 * Closed double quotations of `line` as UTF-16 [o, c] pairs (open and close
 * quote indices); index i lies inside one when o < i <= c.
 */
function quotePairs(line: string): [number, number][] {
  const pairs: [number, number][] = [];
  const open: number[] = [];
  const straight: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x201c) open.push(i); // “
    else if (c === 0x201d && open.length > 0) pairs.push([open.pop()!, i]); // ”
    else if (c === 0x22) straight.push(i); // "
  }
  if (straight.length % 2 === 0) {
    for (let k = 0; k < straight.length; k += 2) pairs.push([straight[k], straight[k + 1]]);
  }
  return pairs;
}

/**
 * The quoted stretches of a line as sorted, disjoint ranges `[from, to]` of the indexes `i` with
 * o < i <= c for some pair: the union of the pairs, so that a lookup is a binary search (a line
 * with thousands of quotes stays linear, not quadratic).
 */
function quotedRanges(pairs: readonly [number, number][]): Int32Array {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [o, c] of sorted) {
    const from = o + 1;
    if (from > c) continue;
    if (out.length && from <= out[out.length - 1] + 1) {
      out[out.length - 1] = Math.max(out[out.length - 1], c);
    } else out.push(from, c);
  }
  return Int32Array.from(out);
}

/** True when UTF-16 index `i` lies inside one of the quoted ranges (see {@link quotedRanges}). */
function insideQuotes(ranges: Int32Array, i: number): boolean {
  const n = ranges.length / 2;
  // The ranges are sorted and disjoint: the first that ends at or after i is the only candidate.
  const k = partitionPoint(n, (m) => ranges[2 * m + 1] < i);
  return k < n && ranges[2 * k] <= i;
}

const CANDIDATES = /[.!?…]+/g;

/** True when `s[i]` is a closing quote or bracket: " ” ’ ' ) ] ». */
function isCloserAt(s: string, i: number): boolean {
  switch (s.charCodeAt(i)) {
    case 0x22: // "
    case 0x201d: // ”
    case 0x2019: // ’
    case 0x27: // '
    case 0x29: // )
    case 0x5d: // ]
    case 0xbb: // »
      return true;
  }
  return false;
}

/**
 * Appends the sentences of one line to `out`; `offset` is the line's UTF-16
 * offset in the text and `cp` converts UTF-16 offsets of the text to code points.
 */
function lineSentences(
  line: string,
  abbreviations: ReadonlySet<string>,
  offset: number,
  cp: (utf16: number) => number,
  out: Segment[],
): void {
  const quoted = /["“”]/.test(line);
  let quotedAt: Int32Array | null = null; // made on first use
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && isWhiteAt(line, s)) s++;
    while (e > s && isWhiteAt(line, e - 1)) e--;
    if (e > s) out.push({ start: cp(offset + s), end: cp(offset + e), text: line.slice(s, e) });
  };
  const candidates = CANDIDATES;
  candidates.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = candidates.exec(line)) !== null) {
    const i = m.index;
    const run = m[0];
    let j = i + run.length;
    while (j < line.length && isCloserAt(line, j)) j++;
    const end = j;
    let k = end;
    while (k < line.length && isWhiteAt(line, k)) k++;
    const nextOk = k > end && k < line.length &&
      (isUpperAt(line, k) || OPENERS.test(line[k]));
    let split = nextOk &&
      !(quoted && insideQuotes(quotedAt ??= quotedRanges(quotePairs(line)), end));
    if (split && run === ".") {
      let w = i;
      while (w > 0 && !isWhiteAt(line, w - 1)) w--;
      let token = line.slice(w, i + 1);
      if (OPENER_CHARS.has(token[0])) token = token.replace(LEADING_OPENERS, "");
      if (abbreviations.has(token) || maybeInitials(token)) split = false;
    }
    if (split) {
      push(start, end);
      start = k;
    }
  }
  push(start, line.length);
}

/**
 * Splits `text` into sentences with code-point offsets into `text`. Line
 * breaks always end a sentence; white space between sentences is not part of
 * any sentence. `abbreviations` are tokens (with their final period, e.g.
 * "Mr.", "Feb.") after which a sentence does not end.
 *
 * @example
 * ```ts
 * splitSentences("Mr. Kim met U.S. envoys on Feb. 9. It lasted 1.5 hours.", ["Mr.", "Feb."])
 *   .map((s) => s.text);
 * // ["Mr. Kim met U.S. envoys on Feb. 9.", "It lasted 1.5 hours."]
 * ```
 */
export function splitSentences(
  text: string,
  abbreviations: Iterable<string> = [],
): Segment[] {
  const abbr = abbreviations instanceof Set
    ? abbreviations as ReadonlySet<string>
    : new Set(abbreviations);
  const cp = codePointIndex(text);
  const out: Segment[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    lineSentences(line, abbr, offset, cp, out);
    offset += line.length + 1;
  }
  return out;
}
