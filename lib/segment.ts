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
    const len = codePointLength(t);
    spans.push({ start: pos, end: pos + len, text: t });
    pos += len;
  });
  return { body: texts.join(PARAGRAPH_SEPARATOR), spans };
}

const WHITE = /\s/u;
const CLOSERS = new Set(['"', "”", "’", "'", ")", "]", "»"]);
const OPENERS = /^[“"‘'(\[«]/u;
const UPPER = /^\p{Lu}/u;
const INITIALS = /^(?:\p{L}\.)+$/u;
const LEADING_OPENERS = /^[“"‘'(\[«]+/u;

/** UTF-16 indices i (0 < i <= c) that lie inside a closed double quotation (o, c]. */
function insideQuotes(line: string): Uint8Array {
  const inside = new Uint8Array(line.length + 1);
  const pairs: [number, number][] = [];
  const open: number[] = [];
  const straight: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "“") open.push(i);
    else if (c === "”" && open.length > 0) pairs.push([open.pop()!, i]);
    else if (c === '"') straight.push(i);
  }
  if (straight.length % 2 === 0) {
    for (let k = 0; k < straight.length; k += 2) pairs.push([straight[k], straight[k + 1]]);
  }
  for (const [o, c] of pairs) for (let i = o + 1; i <= c; i++) inside[i] = 1;
  return inside;
}

/** Sentence spans of one line, as UTF-16 [start, end) pairs. */
function lineSentences(line: string, abbreviations: ReadonlySet<string>): [number, number][] {
  const out: [number, number][] = [];
  const inside = /["“”]/.test(line) ? insideQuotes(line) : null;
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && WHITE.test(line[s])) s++;
    while (e > s && WHITE.test(line[e - 1])) e--;
    if (e > s) out.push([s, e]);
  };
  const candidates = /[.!?…]+/g;
  let m: RegExpExecArray | null;
  while ((m = candidates.exec(line)) !== null) {
    const i = m.index;
    const run = m[0];
    let j = i + run.length;
    while (j < line.length && CLOSERS.has(line[j])) j++;
    const end = j;
    let k = end;
    while (k < line.length && WHITE.test(line[k])) k++;
    const nextOk = k > end && k < line.length &&
      (UPPER.test(line.slice(k, k + 2)) || OPENERS.test(line[k]));
    let split = nextOk && (inside === null || !inside[end]);
    if (split && run === ".") {
      let w = i;
      while (w > 0 && !WHITE.test(line[w - 1])) w--;
      const token = line.slice(w, i + 1).replace(LEADING_OPENERS, "");
      if (abbreviations.has(token) || INITIALS.test(token)) split = false;
    }
    if (split) {
      push(start, end);
      start = k;
    }
  }
  push(start, line.length);
  return out;
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
    for (const [s, e] of lineSentences(line, abbr)) {
      out.push({ start: cp(offset + s), end: cp(offset + e), text: line.slice(s, e) });
    }
    offset += line.length + 1;
  }
  return out;
}
