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
 * author did not mean.
 *
 * @module
 */

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
      prevAtom = false;
      i++;
      continue;
    }
    if (c === "(") {
      if (depth > 0) throw new Error(`the pattern "${pattern}" nests ( ): not supported`);
      depth++;
      out += "(?:";
      prevAtom = false;
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) throw new Error(`the pattern "${pattern}" has a ) without (`);
      depth--;
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
}

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
  const resolve = (matched: string): T | undefined => {
    const hit = literal.get(normalizeTerm(matched));
    if (hit !== undefined) return hit;
    for (const g of general) if (g.re.test(matched)) return g.value;
    return undefined;
  };
  // One compiled expression reused by every scan (scan is synchronous, so never re-entered).
  const re = new RegExp(regex.source, regex.flags);
  const scan = (text: string): TermMatch<T>[] => {
    const out: TermMatch<T>[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const value = resolve(m[0]);
      if (value !== undefined) {
        out.push({ index: m.index, end: m.index + m[0].length, text: m[0], value });
      }
    }
    return out;
  };
  return { regex, resolve, scan };
}
