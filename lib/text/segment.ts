/**
 * Segmentation, the one paragraph and sentence splitter: paragraphs joined into a body
 * ({@linkcode joinParagraphs}, code points), and the paragraphs and sentences of a text
 * ({@linkcode paragraphRanges}, {@linkcode sentenceRanges}, UTF-16 indices that the caller
 * converts to code points). The sentences table (`lib/analyse.ts`), the attribution extractor
 * (`lib/extract/attributions.ts`) and the quote finder (`lib/text/quotes.ts`) all use them.
 *
 * Paragraphs are lines (blank lines are skipped), or with `{ blankLines: true }` stretches
 * separated by blank lines (hard-wrapped text). A sentence ends after `.`, `!`, `?` or `…` (and
 * any closing quote or bracket) before white space and a capital, digit or opening mark followed
 * by one, except after an abbreviation (the caller's list, read from `data/abbreviations.csv`:
 * Mr., Gen., U.S.), an initial (Vladimir V. Putin), or inside a closed quotation given in
 * `protect` (a quoted passage of several sentences stays one sentence with its attribution).
 *
 * @module
 */
import { codePointLength } from "./codepoints.ts";

/** A span of text with code-point offsets (end exclusive). */
export interface Segment {
  start: number;
  end: number;
  text: string;
}

/** A range [start, end) of UTF-16 indices. */
export type Range = [number, number];

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
/** Options of {@linkcode paragraphRanges}. */
export interface ParagraphOptions {
  /**
   * `false` (default): every line break ("\n", "\r\n" or "\r") ends a paragraph (news text
   * stores one paragraph per line). `true`: only a blank line does (hard-wrapped text).
   */
  blankLines?: boolean;
}

/** A line end, white space, a line end (a "\r" before "\n" is part of "\r\n"), and white space. */
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)\s*/g;

/**
 * The paragraphs of `text` as UTF-16 ranges, surrounding white space trimmed and empty ones
 * skipped: its non-empty lines, or with `{ blankLines: true }` its stretches between blank lines.
 *
 * @example
 * ```ts
 * paragraphRanges("a b\n\n c\n"); // [[0, 3], [6, 7]]
 * paragraphRanges("a\nb\n\nc", { blankLines: true }); // [[0, 3], [5, 6]]
 * ```
 */
export function paragraphRanges(text: string, options: ParagraphOptions = {}): Range[] {
  const out: Range[] = [];
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push([s, e]);
  };
  if (options.blankLines) {
    for (const m of text.matchAll(BLANK_LINE)) {
      push(start, m.index);
      start = m.index + m[0].length;
    }
    push(start, text.length);
    return out;
  }
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
const NO_RANGES: readonly Range[] = [];
/** An initial before its stop: "J" (J. Smith). */
const INITIAL = /^\p{Lu}$/u;
/** Single letters joined by stops, before the final stop: "J", "H.W", "v", "p". */
const DOTTED_LETTERS = /^(?:\p{L}\.)*\p{L}$/u;

/** Whether `c`, just before dotted letters, makes them the end of a word: an apostrophe or digit. */
function endsWord(c: string | undefined): boolean {
  return c === "'" || c === "’" || c === "ʼ" || (c !== undefined && c >= "0" && c <= "9");
}

/**
 * A word that opens a sentence, not a name: after "U.S." or "p.m." it starts a new sentence
 * ("… in the U.S. He says …"), where "U.S. Army" does not.
 */
const SENTENCE_OPENER =
  /^\s+["“‘(]?(?:He|She|They|We|It|I|You|The|This|These|Those|That|His|Her|Its|Their|Our|My|But|And|Yet|So|However|Meanwhile|Still|Now|Then|In|On|At|After|Before|When|While|If|As|There|A|An)[\s,]/u;

/** Options of {@linkcode sentenceRanges} and {@linkcode paragraphSentences}. */
export interface SentenceOptions {
  /**
   * Ranges [start, end) of `text` (closed quotations, sorted by start) inside which no sentence
   * ends, so that a quoted passage of several sentences stays in the sentence that carries its
   * attribution. Default none.
   */
  protect?: readonly Range[];
  /**
   * Words after which no sentence ends, lower case without the final stop ("mr", "u.s"): the
   * `stems` of `lib/resources/abbreviations.ts`. Default none.
   */
  abbreviations?: ReadonlySet<string>;
  /**
   * Of `abbreviations`, those that may end a sentence when a word that opens one follows (a
   * pronoun, a determiner, a conjunction: "in the U.S. He says …", "at 9 p.m. The mayor …"), but
   * not before a name ("the U.S. Army"): the `closers` of `lib/resources/abbreviations.ts`
   * (kind `abbreviation`; a title such as "Mr." ends none). Default none.
   */
  closers?: ReadonlySet<string>;
  /**
   * `false` (default): no sentence ends after a single capital (J. Smith). `true`: nor after any
   * single letters joined by stops (George H.W. Bush, Roe v. Wade, p. 12), as the sentences
   * table and the attribution extractor split. Dotted letters after a digit or an apostrophe
   * end a word (1990s., don't.) and may end a sentence.
   */
  dottedInitials?: boolean;
}

/**
 * Sentence ranges inside the paragraph [start, end) of `text` (UTF-16). A sentence ends after
 * `.`, `!`, `?` or `…` (and closing quotes or brackets) before white space, an optional opening
 * mark and a capital or digit; not inside `protect`, after an abbreviation or after an initial
 * (see {@linkcode SentenceOptions}).
 *
 * @example
 * ```ts
 * const t = "Mr. Kim spoke. He left.";
 * sentenceRanges(t, 0, t.length, { abbreviations: new Set(["mr"]) }); // [[0, 14], [15, 23]]
 * ```
 */
export function sentenceRanges(
  text: string,
  start: number,
  end: number,
  options: SentenceOptions = {},
): Range[] {
  const protect = options.protect ?? NO_RANGES;
  const abbreviations = options.abbreviations ?? NO_ABBREVIATIONS;
  const closers = options.closers ?? NO_ABBREVIATIONS;
  const initials = options.dottedInitials ? DOTTED_LETTERS : INITIAL;
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
      const stem = word.toLowerCase();
      const closes = closers.has(stem) && SENTENCE_OPENER.test(para.slice(cut, cut + 16));
      if (!closes && abbreviations.has(stem)) continue;
      // An initial (J. Smith), or with dottedInitials dotted letters (H.W., v.) not ending a
      // word (don't., Trump's., 1990s.).
      if (
        !closes && initials.test(word) &&
        (!options.dottedInitials || !endsWord(para[dot - word.length - 1]))
      ) {
        continue;
      }
    }
    out.push([start + s, start + cut]);
    s = cut;
    while (s < para.length && /\s/.test(para[s])) s++;
  }
  if (s < para.length) out.push([start + s, end]);
  return out;
}

/**
 * `text` with each pair of straight apostrophes used as a double quotation mark written as one
 * space and `"` (opening: `''No` → ` "No`) or `"` and a space (closing: `no.''` → `no." `), so
 * that sentence splitting sees the quotation marks: `… do so. ''There is …` holds a sentence
 * boundary. Same length; used only to find sentence bounds.
 *
 * @example
 * ```ts
 * doubleApostrophesAsMarks("It ends. ''No,'' he said."); // "It ends.  \"No,\"  he said."
 * ```
 */
export function doubleApostrophesAsMarks(text: string): string {
  if (!text.includes("''")) return text;
  return text.replace(/(^|[\s(\[])''(?=[\p{L}\p{N}'])/gmu, '$1 "').replace(/''/g, '" ');
}

/**
 * The sentences of each paragraph in `paragraphs` (UTF-16 ranges of `text`, in order, as
 * {@linkcode paragraphRanges} gives them), in order: {@linkcode sentenceRanges} over `text` with
 * doubled apostrophes read as quotation marks ({@linkcode doubleApostrophesAsMarks}), so that
 * `… said. ''There …` and `… this.'' He …` hold a boundary.
 *
 * @example
 * ```ts
 * const t = "It ends. ''No,'' he said.\nNext.";
 * paragraphSentences(t, paragraphRanges(t)).map(([s, e]) => t.slice(s, e));
 * // ["It ends.", "''No,'' he said.", "Next."]
 * ```
 */
export function paragraphSentences(
  text: string,
  paragraphs: readonly Range[],
  options: SentenceOptions = {},
): Range[] {
  const marked = doubleApostrophesAsMarks(text);
  const out: Range[] = [];
  for (const [ps, pe] of paragraphs) {
    for (const r of sentenceRanges(marked, ps, pe, options)) {
      if (marked !== text) {
        // An opening '' is marked ` "` and a closing one `" `: the sentence holds both apostrophes.
        if (text[r[0]] === "'" && text[r[0] - 1] === "'" && r[0] > ps) r[0]--;
        if (text[r[1] - 1] === "'" && text[r[1]] === "'") r[1]++;
      }
      out.push(r);
    }
  }
  return out;
}
