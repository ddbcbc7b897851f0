/**
 * Words: the one tokenizer. A word is a run of letters and digits joined by an inner apostrophe
 * (' or ’), hyphen or period ("Kim's", "Jong-un", "1.5", "U.S"); `countWords` counts them (the
 * denominator of every rate per 1,000 words), `tokenize` cuts a text into word and punctuation
 * tokens for the noun-phrase walk (titles such as "Mr." kept with their stop), and `wordList`
 * lists the words joined by apostrophes only (the near-copy shingles). All scan one table of
 * character classes instead of matching expressions.
 *
 * @module
 */

/** A letter or digit (`\p{L}`, `\p{N}`). */
const CLASS_WORD = 1;
/** An upper-case letter (`\p{Lu}`). */
const CLASS_UPPER = 2;
/** White space (`\s`). */
const CLASS_SPACE = 4;
const CLASS_KNOWN = 8;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const UPPER_CHAR = /^\p{Lu}$/u;
const SPACE_CHAR = /^\s$/u;
/** Classes of BMP code points (CLASS_KNOWN once computed). */
const BMP_CLASS = new Uint8Array(0x10000);
const ONE_UNIT = 1 << 4;

function computeClass(c: number): number {
  const ch = String.fromCodePoint(c);
  return (WORD_CHAR.test(ch) ? CLASS_WORD : 0) | (UPPER_CHAR.test(ch) ? CLASS_UPPER : 0) |
    (SPACE_CHAR.test(ch) ? CLASS_SPACE : 0);
}

function classOfCodePoint(c: number): number {
  if (c < 0x10000) {
    let k = BMP_CLASS[c];
    if (k === 0) {
      k = computeClass(c) | CLASS_KNOWN;
      BMP_CLASS[c] = k;
    }
    return k;
  }
  return computeClass(c);
}

/**
 * Whether code point `c` is a letter or digit (`[\p{L}\p{N}]`): the class table's answer.
 *
 * @example
 * ```ts
 * isWordCodePoint(0x436); // true: ж
 * ```
 */
export function isWordCodePoint(c: number): boolean {
  return c < 128 ? (ASCII_CLASS[c] & CLASS_WORD) !== 0 : (classOfCodePoint(c) & CLASS_WORD) !== 0;
}

/** Classes of ASCII characters. */
const ASCII_CLASS: Uint8Array = Uint8Array.from(
  { length: 128 },
  (_, c) => computeClass(c) | CLASS_KNOWN,
);

/**
 * The class of the code point at `q` (a surrogate pair only when both halves are before `to`)
 * and its length in units times 16.
 */
function classAndLength(text: string, q: number, to: number): number {
  const c = text.charCodeAt(q);
  if (c < 128) return ASCII_CLASS[c] | ONE_UNIT;
  if (c >= 0xd800 && c <= 0xdbff && q + 1 < to) {
    const d = text.charCodeAt(q + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      return classOfCodePoint((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000) | (2 << 4);
    }
  }
  return classOfCodePoint(c) | ONE_UNIT;
}

/** Whether a letter or digit starts at `q` (before `to`). */
function wordAt(text: string, q: number, to: number): boolean {
  return q < to && (classAndLength(text, q, to) & CLASS_WORD) !== 0;
}

/** Words also joined by an inner `.` or `-` ("Jong-un", "1.5"), not only by an apostrophe. */
const JOIN_DOT_DASH = 1;
/** `&` continues a word ("AT&T"). */
const JOIN_AMP = 2;

/**
 * The end of the word whose first letter or digit (`len` units) is at `p`: letters and digits,
 * and an apostrophe (', ’) — with `JOIN_DOT_DASH` also `.` or `-` — before another letter or
 * digit; with `JOIN_AMP`, `&` anywhere after the first character.
 */
function wordEnd(text: string, p: number, len: number, to: number, joins: number): number {
  let q = p + len;
  while (q < to) {
    const c = text.charCodeAt(q);
    if (c < 128) {
      if ((ASCII_CLASS[c] & CLASS_WORD) || (c === 0x26 && (joins & JOIN_AMP))) {
        q++;
        continue;
      }
      if (
        (c === 0x27 || ((c === 0x2d || c === 0x2e) && (joins & JOIN_DOT_DASH))) &&
        wordAt(text, q + 1, to)
      ) {
        q++;
        continue;
      }
      break;
    }
    const kl = classAndLength(text, q, to);
    if (kl & CLASS_WORD) {
      q += kl >> 4;
      continue;
    }
    if (c === 0x2019 && wordAt(text, q + 1, to)) {
      q++;
      continue;
    }
    break;
  }
  return q;
}

/**
 * Number of words in `text`: the matches of `/[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*\/gu`
 * (runs of letters/digits, joined by inner apostrophes, hyphens or periods: "Kim's", "Jong-un",
 * "1.5", "U.S" count once).
 *
 * @example
 * ```ts
 * countWords("Kim Jong-un's 1.5-hour talk."); // 4
 * ```
 */
export function countWords(text: string): number {
  const n = text.length;
  let words = 0;
  let i = 0;
  while (i < n) {
    const kl = classAndLength(text, i, n);
    if (kl & CLASS_WORD) {
      words++;
      i = wordEnd(text, i, kl >> 4, n, JOIN_DOT_DASH);
    } else i += kl >> 4;
  }
  return words;
}

/**
 * The words of `text` joined by inner apostrophes only: the matches of
 * `/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*\/gu` ("Kim's" is one word, "Jong-un" two).
 *
 * @example
 * ```ts
 * wordList("Kim Jong-un's talk"); // ["Kim", "Jong", "un's", "talk"]
 * ```
 */
export function wordList(text: string): string[] {
  const n = text.length;
  const out: string[] = [];
  let i = 0;
  while (i < n) {
    const kl = classAndLength(text, i, n);
    if (kl & CLASS_WORD) {
      const e = wordEnd(text, i, kl >> 4, n, 0);
      out.push(text.slice(i, e));
      i = e;
    } else i += kl >> 4;
  }
  return out;
}

/**
 * The UTF-16 spans of the words {@linkcode wordList} returns, pushed onto `starts` and `ends`
 * (no string per word: for hashing word n-grams in place).
 *
 * @example
 * ```ts
 * const starts: number[] = [], ends: number[] = [];
 * wordSpans("Kim's talk", starts, ends); // starts [0, 6], ends [5, 10]
 * ```
 */
export function wordSpans(text: string, starts: number[], ends: number[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const kl = classAndLength(text, i, n);
    if (kl & CLASS_WORD) {
      const e = wordEnd(text, i, kl >> 4, n, 0);
      starts.push(i);
      ends.push(e);
      i = e;
    } else i += kl >> 4;
  }
}

/** A word or punctuation token: [s, e) UTF-16 indices and its text. */
export interface Token {
  s: number;
  e: number;
  text: string;
}

const titleShapes = new WeakMap<ReadonlySet<string>, { initials: string; longest: number }>();

/** The first letters of the titles (a quick test before looking one up) and the longest's length. */
function titleShape(titles: ReadonlySet<string>): { initials: string; longest: number } {
  let shape = titleShapes.get(titles);
  if (shape === undefined) {
    const list = [...titles];
    shape = {
      initials: [...new Set(list.map((t) => t[0]))].join(""),
      longest: Math.max(0, ...list.map((t) => t.length)),
    };
    titleShapes.set(titles, shape);
  }
  return shape;
}

const NO_TITLES: ReadonlySet<string> = new Set();

/**
 * Word and punctuation tokens of text[start, end): an abbreviation of capitals and dots (U.S.),
 * a title with its stop (Mr.; `titles` are written without it: the titles of
 * `data/abbreviations.csv`), a word (letters, digits and `&`, with `’ ' - .` between two letters
 * or digits), or any other non-space character. The same tokens as the matches of
 * `/(?:\p{Lu}\.){2,}|(?:Mr|Mrs|…titles)\.|[\p{L}\p{N}](?:[\p{L}\p{N}&]|[’'\-.](?=[\p{L}\p{N}]))*|\S/gu`
 * in `text.slice(start, end)`, scanned by hand (without slicing) for speed.
 *
 * @example
 * ```ts
 * tokenize("Mr. Kim’s aide, he said", 0, 23, new Set(["Mr"])).map((t) => t.text);
 * // ["Mr.", "Kim’s", "aide", ",", "he", "said"]
 * ```
 */
export function tokenize(
  text: string,
  start: number,
  end: number,
  titles: ReadonlySet<string> = NO_TITLES,
): Token[] {
  const out: Token[] = [];
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  if (from !== start) {
    // A start outside the text: `text.slice(start, end)` (negative: from the end), as it was.
    return tokenize(text.slice(start, end), 0, end - start, titles).map((t) => ({
      s: start + t.s,
      e: start + t.e,
      text: t.text,
    }));
  }
  const shape = titleShape(titles);
  let p = from;
  while (p < to) {
    const c0 = text.charCodeAt(p);
    const kl0 = c0 < 128 ? ASCII_CLASS[c0] | ONE_UNIT : classAndLength(text, p, to);
    if (kl0 & CLASS_SPACE) {
      p++; // white space is one unit
      continue;
    }
    const len0 = kl0 >> 4;
    let e = -1;
    // (?:\p{Lu}\.){2,}
    if ((kl0 & CLASS_UPPER) && p + len0 < to && text.charCodeAt(p + len0) === 0x2e) {
      let q = p;
      let reps = 0;
      while (q < to) {
        const kl = classAndLength(text, q, to);
        const len = kl >> 4;
        if (!(kl & CLASS_UPPER) || q + len >= to || text.charCodeAt(q + len) !== 0x2e) break;
        q += len + 1;
        reps++;
      }
      if (reps >= 2) e = q;
    }
    // (?:Mr|Mrs|…)\. : a capital and lower-case letters, the shortest title with a dot after it.
    if (e < 0 && c0 >= 65 && c0 <= 90 && shape.initials.includes(text[p])) {
      let q = p + 1;
      while (q < to && q - p < shape.longest) {
        const c = text.charCodeAt(q);
        if (c < 97 || c > 122) break;
        q++;
      }
      for (let l = 2; l <= q - p; l++) {
        if (p + l < to && text.charCodeAt(p + l) === 0x2e && titles.has(text.slice(p, p + l))) {
          e = p + l + 1;
          break;
        }
      }
    }
    // [\p{L}\p{N}](?:[\p{L}\p{N}&]|[’'\-.](?=[\p{L}\p{N}]))*
    if (e < 0 && (kl0 & CLASS_WORD)) e = wordEnd(text, p, len0, to, JOIN_DOT_DASH | JOIN_AMP);
    // \S
    if (e < 0) e = p + len0;
    out.push({ s: p, e, text: text.slice(p, e) });
    p = e;
  }
  return out;
}
