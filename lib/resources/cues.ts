/**
 * The cue lexicon of attribution extraction: the words that introduce reported speech or
 * belief ("said", "according to", "as reported by"), kept as data in `data/cues.csv` so that a
 * researcher can tune them, and compiled by the one pattern engine (`buildPhraseScanner` of
 * `lib/text/patterns.ts`) into a scanner that finds every cue in a text in a single pass.
 *
 * CSV columns: `cue` (a word or phrase, matched on word boundaries; a capitalised match counts
 * only at a sentence start or in a title-case line), `pattern` (how the source and content sit
 * around the cue), `category` (a free label; `report` and `relay` cues make relays) and
 * `complement`: `any`; `clause` when the cue counts only before "that", a colon, a comma or a
 * quotation ("concluded that …", but not "concluded a treaty"), or after a quotation; or
 * `not_to_from` when content opened by "to" or "from" is no content of the cue ("added to
 * tensions", "adding to her lead", "Lee reported from Seoul", but "added that …").
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
import { buildPhraseScanner, type WordScanner } from "../text/patterns.ts";

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

/** What a cue's content must look like (see the module documentation). */
export type CueComplement = "any" | "clause" | "not_to_from";

/** The complements, in the order they are documented. */
export const CUE_COMPLEMENTS: readonly CueComplement[] = ["any", "clause", "not_to_from"];

/** The columns of the cue CSV file. */
export const CUE_COLUMNS: readonly string[] = ["cue", "pattern", "category", "complement"];

/** One cue of the lexicon. */
export interface Cue {
  /** The word or phrase, lower case. */
  cue: string;
  pattern: CuePattern;
  /** A free label (speech, belief, report, document, according, relay). */
  category: string;
  /**
   * `clause`: the content must open with "that", a colon, a comma or a quotation; `not_to_from`:
   * it must not open with "to" or "from".
   */
  complement: CueComplement;
}

/** The cue lexicon with its compiled matcher. */
export interface CueLexicon {
  cues: Cue[];
  /** Cue by lower-case phrase (inner spaces normalised to one). */
  byPhrase: Map<string, Cue>;
  /**
   * Finds every cue in a text, case-insensitively, as whole words, the longest phrase first (a
   * space in a cue matches any run of white space); a match's cue is
   * `byPhrase.get(normalisePhrase(match.text))`.
   */
  scanner: WordScanner;
}

/**
 * Normalises a phrase: lower case, single spaces, straight apostrophes.
 *
 * @example
 * ```ts
 * normalisePhrase(" According  to "); // "according to"
 * ```
 */
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
 * lex.scanner.scan("Putin said so")[0].text; // "said"
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
    if (!CUE_COMPLEMENTS.includes(complement as CueComplement)) {
      throw new Error(
        `${file} line ${line} (cue "${raw}"): field "complement" is "${complement}"; use one of ${
          CUE_COMPLEMENTS.join(", ")
        }`,
      );
    }
    const cue: Cue = {
      cue: phrase,
      pattern: pattern as CuePattern,
      category: (row.category ?? "").trim(),
      complement: complement as CueComplement,
    };
    cues.push(cue);
    byPhrase.set(phrase, cue);
  });
  if (cues.length === 0) throw new Error(`${file}: no cues; add at least one row`);
  return { cues, byPhrase, scanner: buildPhraseScanner(byPhrase.keys()) };
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
