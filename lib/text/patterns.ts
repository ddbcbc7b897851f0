/**
 * The one pattern engine: lists of whole-word alternatives compiled into a
 * {@linkcode WordScanner} that finds every occurrence in a text in one pass (the alternatives
 * factored into one regular expression, run only where the text opens with the literal steps of
 * some alternative that may match there; scanners that read the same texts can share that pass,
 * see {@linkcode linkScanners}). Two compilers feed it:
 * - term patterns, as written in the lexicon and actor CSV files ({@linkcode patternSource},
 *   {@linkcode buildMatcher}, which also maps a match back to its entry);
 * - plain phrases: attribution cues, source aliases, role and country words
 *   ({@linkcode phraseSource}, {@linkcode buildPhraseScanner}).
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

/**
 * Escapes `text` for use inside a regular expression.
 *
 * @example
 * ```ts
 * escapeRegExp("U.S."); // "U\\.S\\."
 * ```
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Compiles a plain phrase (a cue, a source alias: no pattern syntax) into a regular-expression
 * source: every character literal, except that a space matches any run of white space and an
 * apostrophe matches either `'` or `’`.
 *
 * @example
 * ```ts
 * phraseSource("according to"); // "according\\s+to"
 * new RegExp(`^${phraseSource("Kremlin's")}$`).test("Kremlin’s"); // true
 * ```
 */
export function phraseSource(phrase: string): string {
  return escapeRegExp(phrase).replace(/ /g, "\\s+").replace(/['’]/g, "['’]");
}

/**
 * Factors an ordered list of regular-expression alternatives into a trie on their leading plain
 * letters (`dictator|despot|diplomat` → `d(?:ictator|espot|iplomat)`), so that the backtracking
 * engine tries one branch per letter instead of every alternative at every position. Leftmost-
 * first priorities do not change, with one exception: an alternative that is exactly the opening
 * of later ones (`war` before `warlord`) is tried after them, so the longer one wins. Otherwise an
 * alternative only moves ahead of alternatives that open with another letter (which cannot match
 * at the same position), never past one that opens with something else (a class, a group, an
 * escape). Letters are compared lower-cased when
 * `ignoreCase` (the default), exactly otherwise.
 *
 * @example
 * ```ts
 * factorAlternation(["dictator", "despot", "leader"]); // "d(?:ictator|espot)|leader"
 * ```
 */
export function factorAlternation(sources: readonly string[], ignoreCase = true): string {
  const buckets: string[][] = [];
  /** The open bucket of each leading letter (closed by an alternative that is not factored). */
  let open = new Map<string, number>();
  const order: Array<{ letter: string; bucket: number } | { raw: string }> = [];
  for (const src of sources) {
    const c = src.charAt(0);
    // Only a literal letter or digit not followed by a quantifier can be factored out.
    if (c !== "" && /^[\p{L}\p{N}]$/u.test(c) && !/^[?*+{]/.test(src.charAt(1))) {
      const letter = ignoreCase ? c.toLowerCase() : c;
      let b = open.get(letter);
      if (b === undefined) {
        b = buckets.push([]) - 1;
        open.set(letter, b);
        order.push({ letter, bucket: b });
      }
      buckets[b].push(src.slice(1));
    } else {
      order.push({ raw: src });
      // It may match where a later alternative with an open letter does: keep them after it.
      open = new Map();
    }
  }
  const parts = order.map((o) => {
    if ("raw" in o) return o.raw;
    const rests = buckets[o.bucket];
    if (rests.length === 1) return o.letter + rests[0];
    const nonEmpty = rests.filter((r) => r !== "");
    const inner = factorAlternation(nonEmpty, ignoreCase);
    // An empty rest (the prefix itself is a pattern) goes last: longer matches are tried first.
    return rests.length > nonEmpty.length ? `${o.letter}(?:${inner}|)` : `${o.letter}(?:${inner})`;
  });
  return parts.join("|");
}

/** A match of a {@linkcode WordScanner}: UTF-16 offsets into the scanned text, and the text. */
export interface WordMatch {
  index: number;
  end: number;
  text: string;
}

/** What {@linkcode WordScanner.scanDetailed} returns. */
export interface WordScan {
  matches: WordMatch[];
  /** Whether the text holds any UTF-16 surrogate code unit. */
  surrogates: boolean;
}

/**
 * An ordered list of alternatives (regular-expression sources) matched as whole words: THE
 * pattern engine of the lexicons, the actor aliases, the attribution cues and the source aliases.
 */
export interface WordScanner {
  /**
   * The compiled alternation (flags `giu`, or `gu` when case matters) between Unicode word
   * boundaries: `text.matchAll(regex)` finds what {@linkcode WordScanner.scan} finds, slower.
   */
  readonly regex: RegExp;
  /**
   * Every match in `text`, leftmost-first and non-overlapping; at one position the first
   * alternative (in the given order) that matches as a whole word wins, except that an
   * alternative which is the literal opening of later ones (`war` before `warlord`) is tried
   * after them (see {@linkcode factorAlternation}).
   */
  scan(text: string): WordMatch[];
  /**
   * {@linkcode WordScanner.scan}, also telling whether `text` holds UTF-16 surrogates (code
   * points above U+FFFF), found in the same pass: when it does not, code-point and UTF-16
   * offsets agree.
   */
  scanDetailed(text: string): WordScan;
}

/** Options of {@linkcode buildWordScanner}. */
export interface WordScannerOptions {
  /** Whether letters match either case (Unicode simple case folding). Default true. */
  ignoreCase?: boolean;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether each ASCII character is a letter or digit. */
const ASCII_WORD = Uint8Array.from(
  { length: 128 },
  (_, c) => /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0,
);

/**
 * The top-level alternatives of a regular-expression source: split at each `|` outside any group
 * or character class.
 *
 * @example
 * ```ts
 * topLevelAlternatives("^Photo:|(a|b)[|]c"); // ["^Photo:", "(a|b)[|]c"]
 * ```
 */
export function topLevelAlternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (c === "[") {
      for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/**
 * The separators a phrase or pattern source repeats with `+` (see {@linkcode phraseSource} and
 * `SEP`): a run of them is one step of a {@linkcode LiteralTrie}.
 */
const SEPARATORS: readonly { source: string; units: () => readonly number[] }[] = [
  { source: "\\s+", units: lazily(() => unitsOf(/\s/)) },
  { source: SEP, units: lazily(() => unitsOf(/[\s\-‐‑]/)) },
];

/** `make()`, computed on the first call only. */
function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => value ??= make();
}

/**
 * Every BMP unit in order, each surrogate replaced by U+0000 (so that one scan with a `u`
 * expression sees each unit alone): unit `u` is at index `u`.
 */
const ALL_UNITS = lazily(() => {
  const units = new Uint16Array(0x10000);
  for (let u = 0; u < 0x10000; u++) units[u] = u >= 0xd800 && u <= 0xdfff ? 0 : u;
  let s = "";
  for (let i = 0; i < 0x10000; i += 0x1000) {
    s += String.fromCharCode(...units.subarray(i, i + 0x1000));
  }
  return s;
});

/**
 * The UTF-16 units (not surrogates) that `re`, an expression of one character, matches alone:
 * one global scan over {@linkcode ALL_UNITS} (65,536 separate tests took a tenth of a second
 * before the first article of a run could be analysed).
 */
function unitsOf(re: RegExp): number[] {
  const g = new RegExp(re.source, re.flags.replace(/[gy]/g, "") + "g");
  const out: number[] = [];
  for (const m of ALL_UNITS().matchAll(g)) {
    const u = m.index;
    if (m[0].length === 1 && (u < 0xd800 || u > 0xdfff)) out.push(u);
  }
  return out;
}

/** Whether each UTF-16 unit is a letter or digit by itself (0 for surrogates: undecided). */
const wordUnits = lazily(() => {
  const table = new Uint8Array(0x10000);
  for (const u of unitsOf(/[\p{L}\p{N}]/u)) table[u] = 1;
  return table;
});

/**
 * The steps every match of an alternative starts with: its leading literal characters (each a
 * BMP character, or a punctuation escape such as `\.`, under the case folding of the flags) and
 * runs of separators (a {@linkcode SEPARATORS} index), never last. A character made
 * optional or repeated by `? * {` is left out. `whole` is true when the steps are the whole
 * alternative. No steps when the alternative opens with none.
 */
function leadingSteps(src: string): { steps: (string | number)[]; whole: boolean } {
  const steps: (string | number)[] = [];
  if (topLevelAlternatives(src).length > 1) return { steps, whole: false };
  let i = 0;
  while (i < src.length) {
    const sep = SEPARATORS.findIndex((s) => src.startsWith(s.source, i));
    if (sep >= 0) {
      const after = src.charAt(i + SEPARATORS[sep].source.length);
      if (after === "?" || after === "*" || after === "+" || after === "{") break;
      steps.push(sep);
      i += SEPARATORS[sep].source.length;
      continue;
    }
    let ch = src[i];
    let len = 1;
    if (ch === "\\") {
      ch = src.charAt(i + 1);
      len = 2;
      if (ch === "" || /[A-Za-z0-9]/.test(ch)) break;
    } else if ("[](){}|.^$*+?".includes(ch)) break;
    const code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) break;
    const q = src.charAt(i + len);
    if (q === "?" || q === "*" || q === "{") break;
    steps.push(ch);
    i += len;
    if (q === "+") return { steps, whole: false };
  }
  // A separator run last: it may end anywhere.
  if (typeof steps[steps.length - 1] === "number") {
    steps.pop();
    return { steps, whole: false };
  }
  return { steps, whole: i === src.length };
}

/** The UTF-16 units a BMP character matches (under case folding when `ignoreCase`), cached. */
const UNITS_CACHE = new Map<string, readonly number[]>();

function unitsMatching(ch: string, ignoreCase: boolean): readonly number[] {
  const c = ch.charCodeAt(0);
  if (!ignoreCase) return [c];
  const lower = c | 0x20;
  if (c < 128) {
    if (lower < 97 || lower > 122) return [c];
    // ſ (U+017F) and K (Kelvin sign, U+212A) are the only non-ASCII characters that fold to
    // ASCII letters (s, k): checked over every code point in patterns_test.ts.
    const out = [lower, lower - 32];
    if (lower === 115) out.push(0x17f);
    if (lower === 107) out.push(0x212a);
    return out;
  }
  let out = UNITS_CACHE.get(ch);
  if (out === undefined) {
    out = unitsOf(new RegExp(`\\u{${c.toString(16)}}`, "iu"));
    UNITS_CACHE.set(ch, out);
  }
  return out;
}

/**
 * The prefilter of one or more {@linkcode WordScanner}s (its members): a trie of the members'
 * alternatives' leading steps (see {@linkcode leadingSteps}) over classes of UTF-16 units (the
 * units a character matches form one class; each separator run is a class of its own). Every
 * match starts with the steps of its alternative, so a member's expression runs only where the
 * walk from a position reaches a node where the member `stop`s (one of its alternatives goes on
 * there with more than literals) or a node where one of its alternatives is `whole` and no
 * letter or digit follows. The edges below the root are kept in a small hash table, so that the
 * tables of several scanners stay in the processor's caches.
 */
interface StepTrie {
  /** The class of each UTF-16 unit, or -1 when no literal has it. */
  classOf: Int16Array;
  /** Number of literal classes; separator `s` is class `width + s`. */
  width: number;
  /** Classes in all: `width + SEPARATORS.length`. */
  stride: number;
  /** The child of the root by each class (0: none). */
  root: Int32Array;
  /**
   * Open-addressing table of the other edges: slot `s` holds the key `node * stride + class` at
   * `2 * s` (-1: empty slot) and the child at `2 * s + 1`.
   */
  edges: Int32Array;
  /** Slots - 1 (a power of two). */
  slots: number;
  /** 32 - log2 of the number of slots. */
  shift: number;
  /** Bit `s` set when the unit is separator `s`'s. */
  sepOf: Uint8Array;
  /** Per node: the members (bit i for member i) the expression of which decides there. */
  stop: Int32Array;
  /** Per node: the members with an alternative that is all steps and ends there. */
  whole: Int32Array;
}

/** At most this many scanners share one {@linkcode StepTrie} (a bit each in an int32). */
const MAX_MEMBERS = 30;

/** A slot of {@linkcode StepTrie.keys} for `key` (Fibonacci hashing). */
function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

/** The child of `node` (not the root) by class `k`, or 0. */
function childOf(t: StepTrie, node: number, k: number): number {
  const key = node * t.stride + k;
  const edges = t.edges;
  for (let s = slotOf(key, t.shift);; s = (s + 1) & t.slots) {
    const at = edges[2 * s];
    if (at === key) return edges[2 * s + 1];
    if (at === -1) return 0;
  }
}

/**
 * The {@linkcode StepTrie} of `members` (each a list of alternatives), or null when an
 * alternative has no leading literal or two characters' case foldings overlap.
 */
function stepTrie(members: readonly (readonly string[])[], ignoreCase: boolean): StepTrie | null {
  if (members.length === 0 || members.length > MAX_MEMBERS) return null;
  if (members.some((sources) => sources.length === 0)) return null;
  const programs = members.map((sources) => sources.map(leadingSteps));
  if (
    programs.some((ps) => ps.some((p) => p.steps.length === 0 || typeof p.steps[0] === "number"))
  ) {
    return null;
  }
  const classOf = new Int16Array(0x10000).fill(-1);
  const sizes: number[] = []; // size of each class, to tell a class apart from an overlap
  // Every ASCII letter and digit has a class (most with no child in the trie), so that the scan
  // reads a word that opens with one through the trie, then skips the rest of it.
  const ascii = "abcdefghijklmnopqrstuvwxyz0123456789" +
    (ignoreCase ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  const chars = new Set(ascii);
  for (const ps of programs) {
    for (const p of ps) for (const s of p.steps) if (typeof s === "string") chars.add(s);
  }
  for (const ch of chars) {
    const units = unitsMatching(ch, ignoreCase);
    const k = classOf[units[0]];
    if (k >= 0) {
      // Case folding is an equivalence: a character that shares a unit shares the whole class.
      if (sizes[k] !== units.length || units.some((u) => classOf[u] !== k)) return null;
      continue;
    }
    if (units.some((u) => classOf[u] >= 0)) return null;
    for (const u of units) classOf[u] = sizes.length;
    sizes.push(units.length);
  }
  const width = sizes.length;
  const stride = width + SEPARATORS.length;
  const sepOf = new Uint8Array(0x10000);
  SEPARATORS.forEach((s, b) => {
    for (const u of s.units()) sepOf[u] |= 1 << b;
  });
  const edges = new Map<number, number>(); // node * stride + class → child
  const stop: number[] = [0];
  const whole: number[] = [0];
  const through: number[] = [0]; // members with an alternative that goes on from the node
  programs.forEach((ps, member) => {
    const bit = 1 << member;
    for (const { steps, whole: all } of ps) {
      let node = 0;
      let complete = all;
      for (let k = 0; k < steps.length; k++) {
        const step = steps[k];
        const following = steps[k + 1];
        // A separator run followed by a literal that may be one of its separators: where the run
        // ends is not known, the expression decides.
        if (
          typeof step === "number" &&
          (typeof following !== "string" ||
            unitsMatching(following, ignoreCase).some((u) => (sepOf[u] & (1 << step)) !== 0))
        ) {
          complete = false;
          break;
        }
        const c = typeof step === "number" ? width + step : classOf[step.charCodeAt(0)];
        through[node] |= bit;
        let child = edges.get(node * stride + c);
        if (child === undefined) {
          child = stop.length;
          stop.push(0);
          whole.push(0);
          through.push(0);
          edges.set(node * stride + c, child);
        }
        node = child;
      }
      if (complete) whole[node] |= bit;
      else stop[node] |= bit;
    }
  });
  // A node where a unit could go on by a separator run and by another step: the walk is not
  // unique there, so the expressions of the members that go on from it decide.
  const classSeps = new Uint8Array(width); // the separators that share a unit with each class
  for (let u = 0; u < 0x10000; u++) if (classOf[u] >= 0) classSeps[classOf[u]] |= sepOf[u];
  const out = new Map<number, number[]>(); // node → its classes with a child
  for (const key of edges.keys()) {
    const node = Math.floor(key / stride);
    const list = out.get(node);
    if (list) list.push(key % stride);
    else out.set(node, [key % stride]);
  }
  for (const [node, classes] of out) {
    const seps = classes.filter((k) => k >= width).map((k) => k - width);
    if (seps.length === 0) continue;
    let mask = 0;
    for (const s of seps) mask |= 1 << s;
    if (seps.length > 1 || classes.some((k) => k < width && (classSeps[k] & mask) !== 0)) {
      stop[node] |= through[node];
    }
  }
  const root = new Int32Array(stride);
  let bits = 4;
  while ((1 << bits) < edges.size * 2) bits++;
  const table = new Int32Array(2 << bits).fill(-1);
  const shift = 32 - bits;
  for (const [key, child] of edges) {
    if (key < stride) {
      root[key] = child;
      continue;
    }
    let s = slotOf(key, shift);
    while (table[2 * s] !== -1) s = (s + 1) & ((1 << bits) - 1);
    table[2 * s] = key;
    table[2 * s + 1] = child;
  }
  return {
    classOf,
    width,
    stride,
    root,
    edges: table,
    slots: (1 << bits) - 1,
    shift,
    sepOf,
    stop: Int32Array.from(stop),
    whole: Int32Array.from(whole),
  };
}

/**
 * Scans `text` for each member of `t` at once: member `m`'s matches are those of its sticky
 * expression `exact[m]` tried left to right where the trie allows one, skipping the member's
 * own matches (leftmost-first, non-overlapping). The positions a member tries do not depend on
 * the other members: a match ends before no letter or digit, where the walk goes on anyway.
 */
function scanSteps(t: StepTrie, exact: readonly RegExp[], text: string): WordScan[] {
  const { classOf, width, stride, root, edges, slots, shift, sepOf, stop, whole } = t;
  const WORD_UNIT = wordUnits();
  const members = exact.length;
  const ends = new Int32Array(members); // where each member's whole alternative ends
  const found: WordMatch[][] = exact.map(() => []);
  const resume: number[] = exact.map(() => 0); // where each member's last match ended
  let surrogates = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k = classOf[c];
    if (k < 0) {
      // No alternative opens with c (a surrogate never has a class).
      if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
      i++;
      continue;
    }
    // Walk the steps from i. A member's expression decides when the walk reaches a node where it
    // stops, or two of its whole alternatives, or one before a character that may be a letter
    // (a surrogate). When it reaches one whole alternative, not before a letter or digit, that
    // is the member's only alternative that can match here: it does when no letter or digit
    // comes before (the expressions' lookbehind), and the expression is not needed.
    let decide = 0;
    let literal = 0;
    let node = 0;
    let j = i;
    let child = root[k];
    while (child !== 0) {
      node = child;
      j++;
      if (k >= width) {
        // A separator run: all of it (the next step is no separator of the run).
        const bit = 1 << (k - width);
        while (j < n && (sepOf[text.charCodeAt(j)] & bit) !== 0) j++;
      }
      decide |= stop[node];
      const w = whole[node];
      const d = j < n ? text.charCodeAt(j) : -1;
      if (w !== 0) {
        if (d >= 0xd800 && d <= 0xdfff) decide |= w;
        else if (d < 0 || WORD_UNIT[d] === 0) {
          decide |= literal & w;
          literal |= w;
          for (let rest = w; rest !== 0; rest &= rest - 1) ends[31 - Math.clz32(rest & -rest)] = j;
        }
      }
      if (d < 0) break;
      k = classOf[d];
      child = 0;
      if (k >= 0) {
        // childOf(t, node, k), inlined.
        const key = node * stride + k;
        for (let s = slotOf(key, shift);; s = (s + 1) & slots) {
          const at = edges[2 * s];
          if (at === key) {
            child = edges[2 * s + 1];
            break;
          }
          if (at === -1) break;
        }
      }
      if (child === 0) {
        const seps = sepOf[d];
        if (seps === 0) break;
        for (let b = 0; b < SEPARATORS.length; b++) {
          if ((seps & (1 << b)) === 0) continue;
          child = childOf(t, node, width + b);
          if (child !== 0) {
            k = width + b;
            break;
          }
        }
      }
    }
    let next = n; // the first position a member tries again
    if ((decide | literal) !== 0) {
      const before = i === 0 ? -1 : text.charCodeAt(i - 1);
      // -1: no letter or digit before i; 1: one; 0: a surrogate, the expression decides.
      const boundary = before < 0
        ? -1
        : before >= 0xd800 && before <= 0xdfff
        ? 0
        : WORD_UNIT[before] === 1
        ? 1
        : -1;
      for (let m = 0; m < members; m++) {
        const bit = 1 << m;
        if (resume[m] > i || ((decide | literal) & bit) === 0) continue;
        if ((decide & bit) !== 0 || boundary === 0) {
          const re = exact[m];
          re.lastIndex = i;
          if (re.test(text) && re.lastIndex > i) {
            const end = re.lastIndex;
            found[m].push({ index: i, end, text: text.slice(i, end) });
            resume[m] = end;
          }
        } else if (boundary < 0) {
          found[m].push({ index: i, end: ends[m], text: text.slice(i, ends[m]) });
          resume[m] = ends[m];
        }
      }
    }
    for (let m = 0; m < members; m++) if (resume[m] < next) next = resume[m];
    if (next > i + 1) {
      // Every member is inside a match: go on where the first one ends (no letter or digit
      // follows a match). Characters skipped may be surrogates (any letter matches `*`).
      for (; i < next; i++) {
        const u = text.charCodeAt(i);
        if (u >= 0xd800 && u <= 0xdfff) surrogates = true;
      }
      continue;
    }
    // No match starts inside a run of ASCII letters and digits (the expressions' lookbehind):
    // skip the rest of the run c opens. Elsewhere (a word after a letter beyond ASCII, say)
    // the lookbehind decides.
    i++;
    if (c < 128 && ASCII_WORD[c] === 1) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 128 || ASCII_WORD[d] === 0) break;
        i++;
      }
    }
  }
  return found.map((matches) => ({ matches, surrogates }));
}

/** What {@linkcode linkScanners} needs of a scanner: its alternatives and its sticky expression. */
interface ScannerParts {
  sources: readonly string[];
  ignoreCase: boolean;
  /** The scanner compiled (on first use, then kept). */
  compiled(): CompiledScanner;
}

/** What a {@linkcode WordScanner} is compiled into on first use. */
interface CompiledScanner {
  regex: RegExp;
  /** The expression, sticky: tried where the trie finds a candidate. */
  exact: RegExp;
  /** The prefilter (null when some alternative has no leading literal). */
  trie: StepTrie | null;
  scanDetailed(text: string): WordScan;
}

const SCANNER_PARTS = new WeakMap<WordScanner, ScannerParts>();

function compileScanner(sources: readonly string[], ignoreCase: boolean): CompiledScanner {
  const flags = ignoreCase ? "iu" : "u";
  const alternation = sources.length === 0 ? "(?!)" : factorAlternation(sources, ignoreCase);
  const regex = new RegExp(
    `${WORD_BOUNDARY_BEFORE}(?:${alternation})${WORD_BOUNDARY_AFTER}`,
    `g${flags}`,
  );
  // One compiled expression reused by every scan (scan is synchronous, so never re-entered).
  const re = new RegExp(regex.source, regex.flags);
  const scanFull = (text: string): WordScan => {
    const matches: WordMatch[] = [];
    if (sources.length > 0) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0] === "") {
          re.lastIndex++; // never loop on an empty match
          continue;
        }
        matches.push({ index: m.index, end: m.index + m[0].length, text: m[0] });
      }
    }
    return { matches, surrogates: SURROGATE.test(text) };
  };
  // The full expression, tried only where the trie finds a candidate (sticky: at that position
  // only). Its backtracking at a position is the same as in `regex`, so a match found there is
  // the match `regex` finds at that position, and candidates are visited left to right.
  const exact = new RegExp(regex.source, `${flags}y`);
  const trie = stepTrie([sources], ignoreCase);
  const scanDetailed = trie === null
    ? scanFull
    : (text: string): WordScan => scanSteps(trie, [exact], text)[0];
  return { regex, exact, trie, scanDetailed };
}

/**
 * Compiles alternatives (regular-expression sources, such as {@linkcode patternSource} and
 * {@linkcode phraseSource} give) into one whole-word {@linkcode WordScanner}. The alternatives
 * are factored into a trie ({@linkcode factorAlternation}) and the text is scanned once: the
 * expression runs only where the text opens with the leading steps (literal characters, runs of
 * separators) of some alternative that may match there; an alternative without a leading
 * literal makes the scan run the expression everywhere. The expression and the trie are built on
 * first use (a run that scans nothing, such as opening a store with nothing to analyse, does not
 * pay for them).
 *
 * @example
 * ```ts
 * const s = buildWordScanner([phraseSource("as reported by"), phraseSource("reported")]);
 * s.scan("It grew, as reported by TASS").map((m) => m.text); // ["as reported by"]
 * ```
 */
export function buildWordScanner(
  sources: readonly string[],
  options: WordScannerOptions = {},
): WordScanner {
  const ignoreCase = options.ignoreCase ?? true;
  let built: CompiledScanner | null = null;
  const compiled = () => (built ??= compileScanner(sources, ignoreCase));
  const scanner: WordScanner = {
    get regex() {
      return compiled().regex;
    },
    scan: (text) => compiled().scanDetailed(text).matches,
    scanDetailed: (text) => compiled().scanDetailed(text),
  };
  SCANNER_PARTS.set(scanner, { sources, ignoreCase, compiled });
  return scanner;
}

/**
 * Makes `scanners` scan together: the first of them asked to scan a text walks it once for all
 * (one trie of all their alternatives) and keeps every one's matches of the last two texts, so
 * that the others asked about the same text (an article's title or body) answer from there.
 * Their matches do not change. Scanners that cannot join (case matters in some but not all, or,
 * found when they are first used, an alternative without a leading literal) scan alone. Returns
 * how many may scan together (0 when case matters in some but not all).
 *
 * @example
 * ```ts
 * const a = buildPhraseScanner(["said"]);
 * const b = buildPhraseScanner(["Kim"]);
 * linkScanners([a, b]); // 2
 * a.scan("Kim said").map((m) => m.text); // ["said"]: b's matches of this text are kept
 * ```
 */
export function linkScanners(scanners: readonly WordScanner[]): number {
  const members = scanners.filter((s) => SCANNER_PARTS.has(s)).slice(0, MAX_MEMBERS);
  const parts = members.map((s) => SCANNER_PARTS.get(s)!);
  if (members.length < 2 || new Set(parts.map((p) => p.ignoreCase)).size > 1) return 0;
  // Built on first use: each member's place in the group's scans (-1: it scans alone).
  let slots: number[] | null = null;
  let group: ((text: string) => WordScan[]) | null = null;
  const build = (): number[] => {
    const compiled = parts.map((p) => p.compiled());
    const joining = compiled.map((c, i) => (c.trie !== null ? i : -1)).filter((i) => i >= 0);
    const trie = joining.length >= 2
      ? stepTrie(joining.map((i) => parts[i].sources), parts[0].ignoreCase)
      : null;
    if (trie === null) return members.map(() => -1);
    const exact = joining.map((i) => compiled[i].exact);
    const kept: { text: string; scans: WordScan[] }[] = [];
    group = (text: string): WordScan[] => {
      for (const k of kept) if (k.text === text) return k.scans;
      const scans = scanSteps(trie, exact, text);
      kept.unshift({ text, scans });
      if (kept.length > 2) kept.pop();
      return scans;
    };
    return members.map((_, i) => joining.indexOf(i));
  };
  members.forEach((s, m) => {
    const alone = parts[m];
    const scanDetailed = (text: string): WordScan => {
      slots ??= build();
      if (slots[m] < 0) return alone.compiled().scanDetailed(text);
      const { matches, surrogates } = group!(text)[slots[m]];
      return { matches: matches.slice(), surrogates };
    };
    Object.assign(s, { scanDetailed, scan: (text: string) => scanDetailed(text).matches });
  });
  return members.length;
}

/**
 * A {@linkcode WordScanner} of plain phrases ({@linkcode phraseSource}), the longest phrase
 * first (so at one position the longest phrase that matches as a whole word wins); repeated
 * phrases count once.
 *
 * @example
 * ```ts
 * const s = buildPhraseScanner(["Kim", "Kim Jong Un"], { ignoreCase: false });
 * s.scan("Kim  Jong Un met Kim").map((m) => m.text); // ["Kim  Jong Un", "Kim"]
 * ```
 */
export function buildPhraseScanner(
  phrases: Iterable<string>,
  options: WordScannerOptions = {},
): WordScanner {
  const ordered = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return buildWordScanner(ordered.map(phraseSource), options);
}

/** A match of a {@linkcode TermMatcher}: UTF-16 offsets into the scanned text, and the entry. */
export interface TermMatch<T> {
  index: number;
  end: number;
  text: string;
  value: T;
}

/** Many patterns compiled into one {@linkcode WordScanner}, with a way back to each entry. */
export interface TermMatcher<T> {
  /** The compiled alternation (flags `giu`), with Unicode word boundaries. */
  readonly regex: RegExp;
  /** The scanner of the patterns' matched texts (see {@linkcode linkScanners}). */
  readonly scanner: WordScanner;
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

const RESOLVE_CACHE_SIZE = 100_000;

/** Priority of a pattern in the alternation: more literal characters first. */
function specificity(pattern: string): number {
  return pattern.replace(/[*?()|]/g, "").length;
}

/**
 * Compiles `{ pattern, value }` entries into one {@linkcode WordScanner}. At a given position the
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
  const scanner = buildWordScanner(ordered.map((e) => e.src));
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
  const scanDetailed = (text: string): ScanResult<T> => {
    const { matches: found, surrogates } = scanner.scanDetailed(text);
    const matches: TermMatch<T>[] = [];
    for (const m of found) {
      const value = resolve(m.text);
      if (value !== undefined) matches.push({ index: m.index, end: m.end, text: m.text, value });
    }
    return { matches, surrogates };
  };
  return {
    get regex() {
      return scanner.regex;
    },
    scanner,
    resolve,
    scan: (text) => scanDetailed(text).matches,
    scanDetailed,
  };
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
