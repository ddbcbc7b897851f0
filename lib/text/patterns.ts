/**
 * Term patterns, as written in the lexicon and actor CSV files, compiled into ONE regular
 * expression per list so that a text is scanned once and only matches are kept.
 *
 * Pattern syntax (case-insensitive, whole words only):
 * - words and phrases: `head of state`; a space or hyphen in a pattern matches any run of
 *   spaces and hyphens in the text (`meat grinder` finds "meat-grinder", `Kim Jong Un` finds
 *   "Kim Jong-un");
 * - `*` at the end of a word: any further letters (`dictator*` finds dictators, dictatorship);
 * - `*` as a whole word: exactly one word (`axis of *` finds "axis of tyranny");
 * - `?` after a letter or a group: optional (`regimes?`);
 * - `(a|b)`: alternatives, not nested (`illegitima(te|cy)`);
 * - `'` and `’` match either apostrophe; `.` is a literal full stop (`U.S.`).
 * Any other regular-expression character is an error, so a pattern never does something its
 * author did not mean. A pattern must also be quick to match on any text: `*` inside a word
 * (`d*i*c*t`) and more than {@link MAX_PATHS} combinations of `?` and alternatives are refused
 * (they make the matcher backtrack for minutes), and the compiled expression is checked with
 * {@link checkSafeRegex}. Errors give the column (code point, from 1) in the pattern.
 *
 * @module
 */

import { checkSafeRegex, MAX_PATHS, UnsafeRegexError } from "./safe_regex.ts";

const LETTER = "[\\p{L}\\p{N}]";
const SEP = "[\\s\\-‐‑]+";
const WORD_BOUNDARY_BEFORE = "(?<![\\p{L}\\p{N}])";
const WORD_BOUNDARY_AFTER = "(?![\\p{L}\\p{N}])";
const ALLOWED = /^[\p{L}\p{N}\s\-‐‑'’.*?()|&]+$/u;

/**
 * Compiles one pattern into a JavaScript regular-expression source (without word boundaries).
 * Throws an Error saying what is wrong with the pattern.
 *
 * @example
 * ```ts
 * new RegExp(`^(?:${patternSource("dictator*")})$`, "iu").test("Dictators"); // true
 * ```
 */
export function patternSource(pattern: string): string {
  // A lexicon's patterns are compiled when it is checked and again when its matcher is built.
  let out = SOURCE_CACHE.get(pattern);
  if (out === undefined) {
    out = compilePattern(pattern);
    if (SOURCE_CACHE.size >= 100_000) SOURCE_CACHE.clear();
    SOURCE_CACHE.set(pattern, out);
  }
  return out;
}

/** Sources of the patterns compiled so far (patterns that fail are not kept: they throw again). */
const SOURCE_CACHE = new Map<string, string>();

function compilePattern(pattern: string): string {
  const p = pattern.trim();
  if (p === "") throw new Error("the pattern is empty");
  if (!ALLOWED.test(p)) {
    const bad = [...p].find((c) => !ALLOWED.test(c));
    throw new Error(
      `the pattern "${pattern}" contains "${bad}", which patterns do not support ` +
        "(use words, spaces, hyphens, apostrophes, full stops, * ? ( | ))",
    );
  }
  let out = "";
  let depth = 0;
  let prevAtom = false; // whether `?` may follow
  let i = 0;
  const chars = [...p];
  let ways = 1; // combinations of `?` and alternatives so far
  let alts = 1; // alternatives of the open (or the last closed) group
  const tooMany = (col: number) => {
    if (ways > MAX_PATHS) {
      throw new Error(
        `the pattern "${pattern}" has too many optional parts and alternatives (column ${col}): ` +
          `they combine in more than ${MAX_PATHS.toLocaleString("en")} ways, which can make ` +
          `matching take minutes — write several rows instead`,
      );
    }
  };
  while (i < chars.length) {
    const c = chars[i];
    if (/[\s\-‐‑]/u.test(c)) {
      while (i < chars.length && /[\s\-‐‑]/u.test(chars[i])) i++;
      out += SEP;
      prevAtom = false;
      continue;
    }
    if (c === "*") {
      const prev = chars[i - 1];
      const atWordStart = i === 0 || /[\s\-‐‑(|]/u.test(prev);
      if (depth > 0) throw new Error(`the pattern "${pattern}" has * inside ( ): not supported`);
      if (i + 1 < chars.length && !/[\s\-‐‑]/u.test(chars[i + 1])) {
        throw new Error(
          `the pattern "${pattern}" has * inside a word (column ${i + 1}): * may only end a ` +
            `word (dictator*) or stand for a whole word (axis of *); several * in one word ` +
            `make matching take minutes`,
        );
      }
      out += atWordStart ? `${LETTER}+(?:['’]${LETTER}+)*` : `${LETTER}*`;
      prevAtom = false;
      i++;
      continue;
    }
    if (c === "?") {
      if (!prevAtom) {
        throw new Error(`the pattern "${pattern}" has a ? that follows no letter or group`);
      }
      out += "?";
      ways = chars[i - 1] === ")" ? (ways / alts) * (alts + 1) : ways * 2;
      tooMany(i + 1);
      prevAtom = false;
      i++;
      continue;
    }
    if (c === "(") {
      if (depth > 0) throw new Error(`the pattern "${pattern}" nests ( ): not supported`);
      depth++;
      alts = 1;
      out += "(?:";
      prevAtom = false;
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) throw new Error(`the pattern "${pattern}" has a ) without (`);
      depth--;
      ways *= alts;
      tooMany(i + 1);
      out += ")";
      prevAtom = true;
      i++;
      continue;
    }
    if (c === "|") {
      if (depth === 0) {
        throw new Error(
          `the pattern "${pattern}" has | outside ( ): write one row per alternative`,
        );
      }
      alts++;
      out += "|";
      prevAtom = false;
      i++;
      continue;
    }
    if (c === "'" || c === "’") out += "['’]";
    else if (c === ".") out += "\\.";
    else if (c === "&") out += "&";
    else out += c;
    prevAtom = true;
    i++;
  }
  if (depth !== 0) throw new Error(`the pattern "${pattern}" has a ( without )`);
  try {
    new RegExp(out, "iu");
  } catch (e) {
    throw new Error(`the pattern "${pattern}" is invalid: ${(e as Error).message}`);
  }
  if (new RegExp(`^(?:${out})$`, "iu").test("")) {
    throw new Error(
      `the pattern "${pattern}" can match empty text (every part of it is optional), so it ` +
        `would match everywhere — make at least one letter required`,
    );
  }
  try {
    checkSafeRegex(out, "iu");
  } catch (e) {
    if (!(e instanceof UnsafeRegexError)) throw e;
    throw new Error(`the pattern "${pattern}" could make matching take minutes: ${e.reason}`);
  }
  return out;
}

/**
 * Whether `pattern` is a plain word or phrase (no `* ? ( | )`), matched through a Map lookup.
 *
 * @example
 * ```ts
 * isLiteralPattern("head of state"); // true
 * isLiteralPattern("dictator*"); // false
 * ```
 */
export function isLiteralPattern(pattern: string): boolean {
  return !/[*?()|]/.test(pattern);
}

/**
 * The lookup key of a literal pattern or of matched text: lower case, runs of spaces and
 * hyphens as one space, curly apostrophes as straight ones.
 *
 * @example
 * ```ts
 * normalizeTerm("Kim  Jong-Un’s"); // "kim jong un's"
 * ```
 */
export function normalizeTerm(text: string): string {
  return text.trim().toLowerCase().replace(/[\s\-‐‑]+/gu, " ").replace(/’/g, "'");
}

/** A match of a {@linkcode TermMatcher}: UTF-16 offsets into the scanned text, and the entry. */
export interface TermMatch<T> {
  index: number;
  end: number;
  text: string;
  value: T;
}

/** Many patterns compiled into one regular expression, with a way back to each entry. */
export interface TermMatcher<T> {
  /** The compiled alternation (flags `giu`), with Unicode word boundaries. */
  readonly regex: RegExp;
  /** The entry a matched text belongs to, or undefined. */
  resolve(matched: string): T | undefined;
  /** Scans `text` once and returns every match (UTF-16 offsets), leftmost-first, non-overlapping. */
  scan(text: string): TermMatch<T>[];
  /**
   * {@linkcode scan}, also telling whether `text` holds UTF-16 surrogates (code points above
   * U+FFFF), found in the same pass: when it does not, code-point and UTF-16 offsets agree.
   */
  scanDetailed(text: string): ScanResult<T>;
}

/** What {@linkcode TermMatcher.scanDetailed} returns. */
export interface ScanResult<T> {
  matches: TermMatch<T>[];
  /** Whether the text holds any UTF-16 surrogate code unit. */
  surrogates: boolean;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Factors an ordered list of regular-expression alternatives into a trie on their leading plain
 * letters (`dictator|despot|diplomat` → `d(?:ictator|espot|iplomat)`), so that the backtracking
 * engine tries one branch per letter instead of every alternative at every position. Relative
 * order is kept among alternatives that share a prefix (the only ones that can match at the
 * same position), so leftmost-first priorities do not change. Case-insensitive matching is
 * assumed (letters are lower-cased).
 *
 * @example
 * ```ts
 * factorAlternation(["dictator", "despot", "leader"]); // "d(?:ictator|espot)|leader"
 * ```
 */
export function factorAlternation(sources: readonly string[]): string {
  const buckets = new Map<string, string[]>();
  const order: Array<string | { raw: string }> = [];
  for (const src of sources) {
    const c = src.charAt(0);
    // Only a literal letter or digit not followed by a quantifier can be factored out.
    if (c !== "" && /^[\p{L}\p{N}]$/u.test(c) && !/^[?*+{]/.test(src.charAt(1))) {
      const k = c.toLowerCase();
      if (!buckets.has(k)) {
        buckets.set(k, []);
        order.push(k);
      }
      buckets.get(k)!.push(src.slice(1));
    } else {
      order.push({ raw: src });
    }
  }
  const parts = order.map((o) => {
    if (typeof o !== "string") return o.raw;
    const rests = buckets.get(o)!;
    if (rests.length === 1) return o + rests[0];
    const nonEmpty = rests.filter((r) => r !== "");
    const inner = factorAlternation(nonEmpty);
    // An empty rest (the prefix itself is a pattern) goes last: longer matches are tried first.
    return rests.length > nonEmpty.length ? `${o}(?:${inner}|)` : `${o}(?:${inner})`;
  });
  return parts.join("|");
}

const RESOLVE_CACHE_SIZE = 100_000;

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * The leading plain ASCII letters and digits of a pattern, lower case, which every match of the
 * pattern starts with (a letter made optional by `?` is left out), or "" when there are none.
 */
function asciiPrefix(pattern: string): string {
  const p = pattern.trim();
  let k = 0;
  while (k < p.length && isAsciiAlnum(p.charCodeAt(k))) k++;
  if (p[k] === "?") k--;
  return p.slice(0, k).toLowerCase();
}

// Trie alphabet, for every UTF-16 code unit: ASCII letters (either case) 0-25, digits 26-35,
// anything else -1, except -2 for a surrogate and -3 for ſ and K (Kelvin sign), the only
// characters that match an ASCII letter (s, k) under case folding (checked over all code points).
const CLASS = new Int8Array(65536).fill(-1);
for (let c = 0; c < 26; c++) {
  CLASS[97 + c] = c;
  CLASS[65 + c] = c;
}
for (let d = 0; d < 10; d++) CLASS[48 + d] = 26 + d;
CLASS.fill(-2, 0xd800, 0xe000);
CLASS[0x17f] = -3;
CLASS[0x212a] = -3;
const ALPHABET = 36;

/**
 * A prefilter for {@linkcode buildMatcher}: a trie of the patterns' ASCII prefixes (see
 * `asciiPrefix`), or null when some pattern has no ASCII prefix. Every match of the full
 * expression starts at the start of a run of ASCII letters and digits that begins with one of
 * the prefixes (case-insensitively), so only those positions need the full expression. A prefix
 * that extends another one is dropped (only the position counts), so a node with `end` set has
 * no children.
 */
function prefixTrie(patterns: readonly string[]): { next: Int32Array; end: Uint8Array } | null {
  if (patterns.length === 0) return null;
  const prefixes = [...new Set(patterns.map(asciiPrefix))];
  if (prefixes.includes("")) return null;
  const next: number[] = new Array(ALPHABET).fill(0);
  const end: number[] = [0];
  for (const p of prefixes) {
    let node = 0;
    for (let k = 0; k < p.length && end[node] === 0; k++) {
      const c = CLASS[p.charCodeAt(k)];
      let child = next[node * ALPHABET + c];
      if (child === 0) {
        child = end.length;
        end.push(0);
        for (let x = 0; x < ALPHABET; x++) next.push(0);
        next[node * ALPHABET + c] = child;
      }
      node = child;
    }
    if (end[node] === 0) {
      end[node] = 1;
      next.fill(0, node * ALPHABET, node * ALPHABET + ALPHABET); // longer prefixes: not needed
    }
  }
  return { next: Int32Array.from(next), end: Uint8Array.from(end) };
}

/** Priority of a pattern in the alternation: more literal characters first. */
function specificity(pattern: string): number {
  return pattern.replace(/[*?()|]/g, "").length;
}

/**
 * Compiles `{ pattern, value }` entries into one regular expression. At a given position the
 * most specific pattern (most literal characters) wins, so "illegitimate president" is one
 * match rather than two. Patterns must already be valid (see {@linkcode patternSource}).
 *
 * @example
 * ```ts
 * const m = buildMatcher([{ pattern: "dictator*", value: "D" }, { pattern: "president", value: "P" }]);
 * m.scan("Dictators and a president").map((x) => x.value); // ["D", "P"]
 * ```
 */
export function buildMatcher<T>(
  entries: ReadonlyArray<{ pattern: string; value: T }>,
): TermMatcher<T> {
  const ordered = entries.map((e, i) => ({ ...e, i, src: patternSource(e.pattern) }))
    .sort((a, b) => specificity(b.pattern) - specificity(a.pattern) || a.i - b.i);
  const literal = new Map<string, T>();
  const general: Array<{ re: RegExp; value: T }> = [];
  for (const e of ordered) {
    if (isLiteralPattern(e.pattern)) {
      const key = normalizeTerm(e.pattern);
      if (!literal.has(key)) literal.set(key, e.value);
    } else {
      general.push({ re: new RegExp(`^(?:${e.src})$`, "iu"), value: e.value });
    }
  }
  const alternation = ordered.length === 0 ? "(?!)" : factorAlternation(ordered.map((e) => e.src));
  const regex = new RegExp(
    `${WORD_BOUNDARY_BEFORE}(?:${alternation})${WORD_BOUNDARY_AFTER}`,
    "giu",
  );
  const resolveUncached = (matched: string): T | undefined => {
    const hit = literal.get(normalizeTerm(matched));
    if (hit !== undefined) return hit;
    for (const g of general) if (g.re.test(matched)) return g.value;
    return undefined;
  };
  // Matched texts repeat a lot ("regime", "dictators"): remember what each resolved to.
  const cache = new Map<string, T | undefined>();
  const resolve = (matched: string): T | undefined => {
    let value = cache.get(matched);
    if (value === undefined && !cache.has(matched)) {
      value = resolveUncached(matched);
      if (cache.size >= RESOLVE_CACHE_SIZE) cache.clear();
      cache.set(matched, value);
    }
    return value;
  };
  // One compiled expression reused by every scan (scan is synchronous, so never re-entered).
  const re = new RegExp(regex.source, regex.flags);
  const scanFull = (text: string): ScanResult<T> => {
    const matches: TermMatch<T>[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === "") {
        re.lastIndex++; // never loop on an empty match
        continue;
      }
      const value = resolve(m[0]);
      if (value !== undefined) {
        matches.push({ index: m.index, end: m.index + m[0].length, text: m[0], value });
      }
    }
    return { matches, surrogates: SURROGATE.test(text) };
  };
  const trie = prefixTrie(ordered.map((e) => e.pattern));
  if (trie === null) {
    return { regex, resolve, scan: (text) => scanFull(text).matches, scanDetailed: scanFull };
  }
  const { next, end: isEnd } = trie;
  // The full expression, tried only where the trie finds a candidate (sticky: at that position
  // only). Its backtracking at a position is the same as in `regex`, so a match found there is
  // the match `regex` finds at that position, and candidates are visited left to right.
  const exact = new RegExp(regex.source, "iuy");
  const scanDetailed = (text: string): ScanResult<T> => {
    const matches: TermMatch<T>[] = [];
    let surrogates = false;
    const n = text.length;
    let i = 0;
    while (i < n) {
      let k = CLASS[text.charCodeAt(i)];
      if (k < 0) {
        if (k === -2) surrogates = true;
        else if (k === -3) return scanFull(text); // ſ, K: the full expression decides
        i++;
        continue;
      }
      // i starts a run of ASCII letters and digits (the character before is not one).
      let node = 0;
      let j = i;
      for (;;) {
        node = next[node * ALPHABET + k];
        if (node === 0 || isEnd[node] === 1) break;
        if (++j >= n) break;
        k = CLASS[text.charCodeAt(j)];
        if (k < 0) break;
      }
      if (node !== 0 && isEnd[node] === 1) {
        exact.lastIndex = i;
        if (exact.test(text) && exact.lastIndex > i) {
          const end = exact.lastIndex;
          const matched = text.slice(i, end);
          const value = resolve(matched);
          if (value !== undefined) matches.push({ index: i, end, text: matched, value });
          // Characters skipped inside the match may be surrogates (any letter matches `*`).
          if (!surrogates && SURROGATE.test(matched)) surrogates = true;
          // The character after a match is no letter or digit (lookahead), so no run is split.
          i = end;
          continue;
        }
      }
      // Positions inside the run follow a letter or digit: no match starts there. Characters
      // before j are ASCII letters and digits (the trie walk read no further than j).
      i = j;
      while (i < n && CLASS[text.charCodeAt(i)] >= 0) i++;
    }
    return { matches, surrogates };
  };
  return { regex, resolve, scan: (text) => scanDetailed(text).matches, scanDetailed };
}

/** Options of {@linkcode contextRegex}. */
export interface ContextRegexOptions {
  /** What may stand between the context and the term (a character class with `*`). */
  gap: string;
  /** The file and line, for messages ("lex.csv line 4"). */
  where: string;
  /** The column the expression was written in ("exclude_before"). */
  column: string;
  /** Plain alternatives shown as the fix of an expression that could backtrack for minutes. */
  example: string;
}

/**
 * Compiles an exclusion context of a lexicon or actor row: a regular expression `src` that must
 * end right before a match (`before`: whole words, then `gap`) or start right after it
 * (`after`). Case-insensitive. An invalid expression, or one that could backtrack for minutes
 * (see {@linkcode checkSafeRegex}), is an error naming `where`, the column and what to write.
 *
 * @example
 * ```ts
 * const o = { gap: "\\s*", where: "lex.csv line 2", column: "exclude_before", example: "a|b" };
 * contextRegex("sanctions", "before", o).test("the sanctions "); // true
 * ```
 */
export function contextRegex(
  src: string,
  side: "before" | "after",
  o: ContextRegexOptions,
): RegExp {
  let re: RegExp;
  try {
    re = side === "before"
      ? new RegExp(`${WORD_BOUNDARY_BEFORE}(?:${src})${o.gap}$`, "iu")
      : new RegExp(`^${o.gap}(?:${src})${WORD_BOUNDARY_AFTER}`, "iu");
  } catch (e) {
    throw new Error(
      `${o.where}: ${o.column} "${src}" is not a valid regular expression (${
        (e as Error).message
      }) — separate phrases with | and escape ( ) [ ] with \\`,
    );
  }
  for (const [full, what] of [[src, ""], [re.source, " (with the spaces around it)"]]) {
    try {
      checkSafeRegex(full, "iu");
    } catch (e) {
      if (!(e instanceof UnsafeRegexError)) throw e;
      const at = full === src ? `, character ${e.column}` : "";
      throw new Error(
        `${o.where}, column ${o.column}${at}: ${e.reason}${what} — matching "${src}" could take ` +
          `minutes; write plain alternatives (${o.example})`,
      );
    }
  }
  return re;
}
