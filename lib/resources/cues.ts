/**
 * The cue lexicon of attribution extraction: the words that introduce reported speech or
 * belief ("said", "according to", "as reported by"), kept as data in `data/cues.csv` so that a
 * researcher can tune them, and compiled into one regular expression that finds every cue in a
 * text in a single pass.
 *
 * CSV columns: `cue` (a word or phrase, matched on word boundaries; a capitalised match counts
 * only at a sentence start or in a title-case line), `pattern` (how the source and content sit
 * around the cue), `category` (a free label; `report` and `relay` cues make relays) and
 * `complement`: `any`, or `clause` when the cue counts only before "that", a colon, a comma or a
 * quotation ("concluded that …", but not "concluded a treaty"), or after a quotation.
 *
 * | pattern | grammar | example |
 * |---|---|---|
 * | `verb` | SOURCE cue [that] CONTENT, CONTENT, SOURCE cue, CONTENT, cue SOURCE | Putin said that … |
 * | `verb_object` | like `verb`, with a hearer after the cue | Kim told reporters that … |
 * | `participle` | CLAUSE, cue CONTENT (the source is the clause's subject) | …, adding that … |
 * | `participle_object` | like `participle`, with a hearer after the cue | …, telling reporters … |
 * | `source_after` | cue SOURCE, CONTENT or CONTENT, cue SOURCE | according to KCNA, … |
 *
 * @module
 */
import { defaultDataPath } from "./data_dir.ts";
import { type CsvRow, readCsvRows } from "../io/csv.ts";
import { isWordCodePoint } from "../text/words.ts";

/** How the source and the content are placed around a cue. */
export type CuePattern =
  | "verb"
  | "verb_object"
  | "participle"
  | "participle_object"
  | "source_after";

/** The cue patterns, in the order they are documented. */
export const CUE_PATTERNS: readonly CuePattern[] = [
  "verb",
  "verb_object",
  "participle",
  "participle_object",
  "source_after",
];

/** The columns of the cue CSV file. */
export const CUE_COLUMNS: readonly string[] = ["cue", "pattern", "category", "complement"];

/** One cue of the lexicon. */
export interface Cue {
  /** The word or phrase, lower case. */
  cue: string;
  pattern: CuePattern;
  /** A free label (speech, belief, report, document, according, relay). */
  category: string;
  /** `clause`: the content must open with "that", a colon, a comma or a quotation. */
  complement: "any" | "clause";
}

/** The cue lexicon with its compiled matcher. */
export interface CueLexicon {
  cues: Cue[];
  /** Cue by lower-case phrase (inner spaces normalised to one). */
  byPhrase: Map<string, Cue>;
  /**
   * One global, case-insensitive expression matching every cue on word boundaries, longest
   * phrase first. Group 1 is the cue. Use with `matchAll` (it is stateful with `exec`).
   */
  pattern: RegExp;
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

/** Normalises a phrase: lower case, single spaces, straight apostrophes. */
export function normalisePhrase(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ").replace(/’/g, "'");
}

/**
 * Validates cue records (as read from `data/cues.csv`) and compiles the lexicon. `file` names
 * the source in error messages; line numbers count the header as line 1.
 *
 * @example
 * ```ts
 * const lex = buildCueLexicon(
 *   [{ cue: "said", pattern: "verb", category: "speech", complement: "any" }],
 *   "cues.csv",
 * );
 * [..."Putin said so".matchAll(lex.pattern)][0][1]; // "said"
 * ```
 */
export function buildCueLexicon(rows: readonly CsvRow[], file: string): CueLexicon {
  const cues: Cue[] = [];
  const byPhrase = new Map<string, Cue>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const raw = (row.cue ?? "").trim();
    if (raw === "") {
      throw new Error(`${file} line ${line}: field "cue" is empty; give a word or phrase`);
    }
    const pattern = (row.pattern ?? "").trim();
    if (!CUE_PATTERNS.includes(pattern as CuePattern)) {
      throw new Error(
        `${file} line ${line} (cue "${raw}"): field "pattern" is "${pattern}"; use one of ${
          CUE_PATTERNS.join(", ")
        }`,
      );
    }
    const phrase = normalisePhrase(raw);
    if (byPhrase.has(phrase)) {
      throw new Error(`${file} line ${line}: cue "${raw}" is listed twice; keep one row`);
    }
    const complement = (row.complement ?? "any").trim() || "any";
    if (complement !== "any" && complement !== "clause") {
      throw new Error(
        `${file} line ${line} (cue "${raw}"): field "complement" is "${complement}"; use any or clause`,
      );
    }
    const cue: Cue = {
      cue: phrase,
      pattern: pattern as CuePattern,
      category: (row.category ?? "").trim(),
      complement,
    };
    cues.push(cue);
    byPhrase.set(phrase, cue);
  });
  if (cues.length === 0) throw new Error(`${file}: no cues; add at least one row`);
  const alternatives = [...byPhrase.keys()].sort((a, b) => b.length - a.length).map((p) =>
    escapeRegExp(p).replace(/ /g, "\\s+").replace(/'/g, "['’]")
  );
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(${alternatives.join("|")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  return { cues, byPhrase, pattern };
}

/**
 * Loads and compiles the cue lexicon from a CSV file (default: the repository's `data/cues.csv`).
 *
 * @example
 * ```ts
 * const lex = loadCueLexicon();
 * lex.byPhrase.get("according to")?.pattern; // "source_after"
 * ```
 */
export function loadCueLexicon(path: string = defaultDataPath("cues.csv")): CueLexicon {
  return buildCueLexicon(readCsvRows(path, CUE_COLUMNS), path);
}

export { defaultDataPath } from "./data_dir.ts";

/** One match of a word alternation: UTF-16 index and the matched text (group 1). */
export interface WordMatch {
  index: number;
  text: string;
}

const WORD_PREFIX = "(?<![\\p{L}\\p{N}])";
const WORD_SUFFIX = "(?![\\p{L}\\p{N}])";

/**
 * Candidate filters of a word alternation: the sticky expression to run at a position, chosen
 * by the first one or two UTF-16 units there, and the units allowed third.
 */
interface WordDispatch {
  /** 1 + the index in `entries` of the entry of each first unit; 0 when no match opens with it. */
  unitIndex: Int32Array;
  entries: DispatchEntry[];
  /**
   * A trie over the leading ASCII letters and digits of the alternatives (lower case when `fold`): the
   * child of node `i` by ASCII unit `c` is `trie[i * 128 + c]` (0: none; the root is node 0).
   * No alternative can match where the letters there leave the trie before a `terminal` node.
   */
  trie: Int32Array;
  /** Whether the leading letters of some alternative end at the node. */
  terminal: Uint8Array;
  /** Whether the expression ignores case (the trie then holds lower-case letters). */
  fold: boolean;
}

/** What to run at a position by its first unit: one expression, or one by the second unit. */
interface DispatchEntry {
  re: RegExp | null;
  /** Sticky expression and allowed third units (null: any) by second unit. */
  pairs: Map<number, { re: RegExp; third: Set<number> | null }> | null;
}

const dispatchCache = new WeakMap<RegExp, WordDispatch | null>();

/** Splits the alternatives of `(a|b|…)`, or null when `body` is not a plain alternation. */
function splitAlternatives(body: string): string[] | null {
  if (!body.startsWith("(") || !body.endsWith(")")) return null;
  const inner = body.slice(1, -1);
  const alts: string[] = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === "\\") i++;
    else if (ch === "[") {
      i++;
      while (i < inner.length && inner[i] !== "]") {
        if (inner[i] === "\\") i++;
        i++;
      }
      if (i >= inner.length) return null;
    } else if (ch === "|") {
      alts.push(inner.slice(start, i));
      start = i + 1;
    } else if ("()?*{}".includes(ch)) return null;
  }
  alts.push(inner.slice(start));
  return alts.every((a) => a !== "") ? alts : null;
}

/**
 * The leading atoms of an alternative that each match one UTF-16 unit: escapes, classes and
 * BMP characters, up to (and including) the first one repeated by `+`; at most `max`. Null when
 * the alternative opens with something else.
 */
function leadingAtoms(alt: string, max: number): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < alt.length && out.length < max) {
    let atom: string;
    if (alt[i] === "\\") atom = alt.slice(i, i + 2);
    else if (alt[i] === "[") atom = alt.slice(i, alt.indexOf("]", i) + 1);
    else {
      const c = alt.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) break;
      atom = alt[i];
    }
    i += atom.length;
    out.push(atom);
    if (alt[i] === "+") break;
  }
  return out.length === 0 ? null : out;
}

/**
 * Compiles the dispatch of a word alternation `(?<![\p{L}\p{N}])(a|b|…)(?![\p{L}\p{N}])` (as
 * built by {@linkcode buildCueLexicon} and the gazetteer): sticky expressions over only the
 * alternatives (in their order) whose leading atoms match the units at a position.
 */
function compileDispatch(pattern: RegExp): WordDispatch | null {
  const src = pattern.source;
  if (!pattern.flags.includes("u") || !src.startsWith(WORD_PREFIX) || !src.endsWith(WORD_SUFFIX)) {
    return null;
  }
  const alts = splitAlternatives(src.slice(WORD_PREFIX.length, src.length - WORD_SUFFIX.length));
  if (!alts) return null;
  const lead = alts.map((a) => leadingAtoms(a, 3));
  if (lead.some((a) => a === null)) return null;
  const flags = pattern.flags.replace(/[gy]/g, "");
  try {
    // The UTF-16 units each leading atom matches.
    const unique = [...new Set(lead.flat() as string[])];
    const atomRes = unique.map((a) => new RegExp(`^(?:${a})$`, flags));
    const union = new RegExp(`^(?:${unique.join("|")})$`, flags);
    const unitsOf = new Map<string, Set<number>>(unique.map((a) => [a, new Set<number>()]));
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (!union.test(ch)) continue;
      unique.forEach((a, i) => {
        if (atomRes[i].test(ch)) unitsOf.get(a)!.add(c);
      });
    }
    const reByKey = new Map<string, RegExp>();
    const sticky = (idx: number[]): RegExp => {
      const key = idx.map((i) => alts[i]).join("|");
      let re = reByKey.get(key);
      if (!re) {
        re = new RegExp(`(${key})${WORD_SUFFIX}`, flags + "y");
        reByKey.set(key, re);
      }
      return re;
    };
    const unitIndex = new Int32Array(0x10000);
    const entries: DispatchEntry[] = [];
    const firsts = new Map<number, number[]>();
    lead.forEach((atoms, i) => {
      for (const c of unitsOf.get(atoms![0])!) {
        if (!firsts.has(c)) firsts.set(c, []);
        firsts.get(c)!.push(i);
      }
    });
    for (const [c0, idx] of firsts) {
      if (idx.some((i) => lead[i]!.length < 2)) {
        entries.push({ re: sticky(idx), pairs: null });
        unitIndex[c0] = entries.length;
        continue;
      }
      const pairs = new Map<number, { re: RegExp; third: Set<number> | null }>();
      entries.push({ re: null, pairs });
      unitIndex[c0] = entries.length;
      const seconds = new Map<number, number[]>();
      for (const i of idx) {
        for (const c1 of unitsOf.get(lead[i]![1])!) {
          if (!seconds.has(c1)) seconds.set(c1, []);
          seconds.get(c1)!.push(i);
        }
      }
      for (const [c1, idx2] of seconds) {
        let third: Set<number> | null = null;
        if (idx2.every((i) => lead[i]!.length >= 3)) {
          third = new Set(idx2.flatMap((i) => [...unitsOf.get(lead[i]![2])!]));
        }
        pairs.set(c1, { re: sticky(idx2), third });
      }
    }
    const fold = flags.includes("i");
    const { trie, terminal } = leadingLetterTrie(alts, fold);
    return { unitIndex, entries, trie, terminal, fold };
  } catch {
    return null;
  }
}

/**
 * The trie of {@linkcode WordDispatch}: for each alternative, its leading literal ASCII letters and digits
 * (up to the first escape, class, other character or letter repeated by `+`).
 */
function leadingLetterTrie(
  alts: readonly string[],
  fold: boolean,
): { trie: Int32Array; terminal: Uint8Array } {
  const children: number[][] = [new Array(128).fill(0)];
  const ends: boolean[] = [false];
  for (const alt of alts) {
    let node = 0;
    for (let i = 0; i < alt.length; i++) {
      let c = alt.charCodeAt(i);
      const alnum = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (!alnum || alt[i + 1] === "+") break;
      if (fold) c |= 0x20;
      if (children[node][c] === 0) {
        children.push(new Array(128).fill(0));
        ends.push(false);
        children[node][c] = children.length - 1;
      }
      node = children[node][c];
    }
    ends[node] = true;
  }
  const trie = new Int32Array(children.length * 128);
  children.forEach((row, i) => trie.set(row, i * 128));
  return { trie, terminal: Uint8Array.from(ends, (b) => (b ? 1 : 0)) };
}

/**
 * Whether an alternative of `d` may match at `p`: false only when the ASCII letters at `p` leave
 * the trie before the leading letters of every alternative are complete. A non-ASCII unit stops
 * the walk with true (under case folding ſ and K match s and k; the expression decides).
 */
function mayMatchAt(d: WordDispatch, text: string, p: number): boolean {
  const { trie, terminal, fold } = d;
  const n = text.length;
  let node = 0;
  for (let q = p;; q++) {
    if (terminal[node] === 1) return true;
    if (q >= n) return false;
    let c = text.charCodeAt(q);
    if (c >= 128) return true;
    if (fold && c >= 65 && c <= 90) c |= 0x20;
    node = trie[node * 128 + c];
    if (node === 0) return false;
  }
}

/** Whether the code point ending just before UTF-16 index `pos` is a letter or digit. */
function wordBefore(text: string, pos: number): boolean {
  if (pos === 0) return false;
  let c = text.charCodeAt(pos - 1);
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  }
  if (c >= 0xdc00 && c <= 0xdfff && pos >= 2) {
    const h = text.charCodeAt(pos - 2);
    if (h >= 0xd800 && h <= 0xdbff) c = text.codePointAt(pos - 2)!;
  }
  return isWordCodePoint(c);
}

/**
 * Every match of a global word alternation (the cue `pattern` of a {@linkcode CueLexicon}, or a
 * gazetteer pattern), in text order: the same matches as `text.matchAll(pattern)` with group 1
 * as `text`, found faster by dispatching on the first character of each candidate. Patterns of
 * another shape are run as given.
 *
 * @example
 * ```ts
 * const lex = buildCueLexicon(
 *   [{ cue: "said", pattern: "verb", category: "speech", complement: "any" }],
 *   "cues.csv",
 * );
 * wordAlternationMatches(lex.pattern, "Putin said so"); // [{ index: 6, text: "said" }]
 * ```
 */
export function wordAlternationMatches(pattern: RegExp, text: string): WordMatch[] {
  return wordAlternationMatchesEach([pattern], text)[0];
}

function dispatchOf(pattern: RegExp): WordDispatch | null {
  let d = dispatchCache.get(pattern);
  if (d === undefined) {
    d = compileDispatch(pattern);
    dispatchCache.set(pattern, d);
  }
  return d;
}

/**
 * {@linkcode wordAlternationMatches} of several patterns over one text, in one pass over its
 * characters: element `i` of the result is `wordAlternationMatches(patterns[i], text)`.
 *
 * @example
 * ```ts
 * const [a, b] = wordAlternationMatchesEach([/(?<![\p{L}\p{N}])(Kim)(?![\p{L}\p{N}])/gu,
 *   /(?<![\p{L}\p{N}])(said)(?![\p{L}\p{N}])/giu], "Kim said");
 * a; // [{ index: 0, text: "Kim" }]
 * b; // [{ index: 4, text: "said" }]
 * ```
 */
export function wordAlternationMatchesEach(
  patterns: readonly RegExp[],
  text: string,
): WordMatch[][] {
  const outs: WordMatch[][] = patterns.map(() => []);
  const ds: WordDispatch[] = [];
  const dsOut: WordMatch[][] = [];
  patterns.forEach((pattern, i) => {
    const d = dispatchOf(pattern);
    if (d !== null) {
      ds.push(d);
      dsOut.push(outs[i]);
    } else {
      for (const m of text.matchAll(pattern)) outs[i].push({ index: m.index, text: m[1] });
    }
  });
  if (ds.length === 0) return outs;
  const n = text.length;
  /** Per pattern: where its scan goes on (after its last match; matches do not overlap). */
  const next = new Array<number>(ds.length).fill(0);
  // Whether the code point before p is a letter or digit (no match opens after one).
  let inWord = false;
  for (let p = 0; p < n; p++) {
    const c = text.charCodeAt(p);
    if (!inWord) {
      for (let i = 0; i < ds.length; i++) {
        const d = ds[i];
        const k = d.unitIndex[c];
        if (k === 0 || p < next[i] || !mayMatchAt(d, text, p)) continue;
        const len = matchAt(d.entries[k - 1], text, p, dsOut[i]);
        if (len > 0) next[i] = p + len;
      }
    }
    inWord = c < 128
      ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
      : wordBefore(text, p + 1);
  }
  return outs;
}

/**
 * Runs the expression of `entry` (chosen by the units at `p`) at `p`; on a match, adds it to
 * `out` and returns its length (else 0).
 */
function matchAt(entry: DispatchEntry, text: string, p: number, out: WordMatch[]): number {
  const n = text.length;
  let re = entry.re;
  if (entry.pairs !== null) {
    const hit = p + 1 < n ? entry.pairs.get(text.charCodeAt(p + 1)) : undefined;
    if (
      hit !== undefined &&
      (hit.third === null || (p + 2 < n && hit.third.has(text.charCodeAt(p + 2))))
    ) {
      re = hit.re;
    }
  }
  if (re === null) return 0;
  re.lastIndex = p;
  const m = re.exec(text);
  if (m === null) return 0;
  out.push({ index: p, text: m[1] });
  return m[0].length;
}
