/**
 * The abbreviations data file (`data/abbreviations.csv`: `abbreviation,kind,note`): words written
 * with a final stop that does not end a sentence ("Mr.", "Feb.", "U.S."). It is the one list that
 * the sentence splitter (`lib/text/segment.ts` `sentenceRanges`: the sentences table, the
 * attribution extractor and the scare-quote sentences) and the noun-phrase tokenizer read. `kind` is `title` for a
 * title or rank written before a name ("Gen."), which the tokenizer keeps with its stop as one
 * token, or `abbreviation` for any other ("Jan.", "etc.").
 *
 * @module
 */
import { CorpusError, parseCsv } from "../io/csv.ts";
import { defaultDataPath } from "./data_dir.ts";

/** The columns of the abbreviations file (`note` optional). */
export const ABBREVIATION_COLUMNS: readonly string[] = ["abbreviation", "kind", "note"];

/** Kinds of abbreviation. */
export type AbbreviationKind = "title" | "abbreviation";

/** One row of the abbreviations file. */
export interface AbbreviationEntry {
  /** As written in text, with its final stop ("Mr.", "U.S."). */
  abbreviation: string;
  kind: AbbreviationKind;
  note: string;
  /** 1-based line in the file. */
  line: number;
}

/** The abbreviations, in the forms each reader looks them up in. */
export interface Abbreviations {
  /** The file, as named in messages. */
  source: string;
  entries: readonly AbbreviationEntry[];
  /** Lower case without the final stop ("mr", "e.g"): what `sentenceRanges` looks up. */
  stems: ReadonlySet<string>;
  /**
   * The stems of kind `abbreviation` ("u.s", "p.m"), which may end a sentence before a word that
   * opens one: what `sentenceRanges` takes as `closers`. Titles end none.
   */
  closers: ReadonlySet<string>;
  /** The titles without their stop ("Mr", "Gen"): what `tokenize` keeps with their stop. */
  titles: ReadonlySet<string>;
}

const TITLE_FORM = /^\p{Lu}\p{Ll}*\.$/u;

/**
 * Parses abbreviations CSV text. Each abbreviation is written as in text with its final stop and
 * no space; a title is a capitalised word and its stop ("Gen."). Errors name the file, the line
 * and the column, and say what to fix.
 *
 * @example
 * ```ts
 * const a = parseAbbreviations("abbreviation,kind\nMr.,title\nU.S.,abbreviation\n", "a.csv");
 * [...a.stems]; // ["mr", "u.s"]
 * [...a.titles]; // ["Mr"]
 * ```
 */
export function parseAbbreviations(text: string, source: string): Abbreviations {
  const csv = parseCsv(text, source);
  for (const c of ["abbreviation", "kind"]) {
    if (!csv.header.includes(c)) {
      throw new CorpusError(
        `${source} line ${csv.headerLine}: missing column "${c}" — the header needs ` +
          `${ABBREVIATION_COLUMNS.join(",")} (note optional)`,
        source,
        csv.headerLine,
        c,
      );
    }
  }
  for (const h of csv.header) {
    if (!ABBREVIATION_COLUMNS.includes(h)) {
      throw new CorpusError(
        `${source} line ${csv.headerLine}: unknown column "${h}" — allowed: ` +
          ABBREVIATION_COLUMNS.join(", "),
        source,
        csv.headerLine,
        h,
      );
    }
  }
  const col = (name: string) => csv.header.indexOf(name);
  const [ai, ki, ni] = [col("abbreviation"), col("kind"), col("note")];
  const entries: AbbreviationEntry[] = [];
  const seen = new Map<string, number>();
  for (const r of csv.rows) {
    const bad = (column: string, what: string): never => {
      throw new CorpusError(
        `${source} line ${r.line}, column '${column}': ${what}`,
        source,
        r.line,
        column,
      );
    };
    const abbreviation = r.fields[ai].trim();
    const kind = r.fields[ki].trim();
    if (abbreviation === "") bad("abbreviation", "empty — write the word with its stop, e.g. Mr.");
    if (!abbreviation.endsWith(".") || /\s/.test(abbreviation)) {
      bad(
        "abbreviation",
        `'${abbreviation}' must end with its stop and hold no space — write it as in text, e.g. Mr.`,
      );
    }
    if (kind !== "title" && kind !== "abbreviation") {
      bad("kind", `'${kind}' is not a kind — use title (before a name, e.g. Gen.) or abbreviation`);
    }
    if (kind === "title" && !TITLE_FORM.test(abbreviation)) {
      bad(
        "abbreviation",
        `the title '${abbreviation}' must be one capitalised word and its stop (e.g. Capt.) — ` +
          `or make its kind abbreviation`,
      );
    }
    const prev = seen.get(abbreviation);
    if (prev !== undefined) {
      bad("abbreviation", `'${abbreviation}' is listed already on line ${prev} — keep one row`);
    }
    seen.set(abbreviation, r.line);
    entries.push({
      abbreviation,
      kind: kind as AbbreviationKind,
      note: ni < 0 ? "" : r.fields[ni].trim(),
      line: r.line,
    });
  }
  return {
    source,
    entries,
    stems: new Set(entries.map((e) => e.abbreviation.slice(0, -1).toLowerCase())),
    closers: new Set(
      entries.filter((e) => e.kind === "abbreviation").map((e) =>
        e.abbreviation.slice(0, -1).toLowerCase()
      ),
    ),
    titles: new Set(
      entries.filter((e) => e.kind === "title").map((e) => e.abbreviation.slice(0, -1)),
    ),
  };
}

/**
 * Reads and parses an abbreviations file (default `abbreviations.csv` of the data folder). A
 * missing file is an error naming it.
 *
 * @example
 * ```ts
 * (await loadAbbreviations()).stems.has("mr"); // true
 * ```
 */
export async function loadAbbreviations(path?: string): Promise<Abbreviations> {
  const file = path ?? defaultDataPath("abbreviations.csv");
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    throw new CorpusError(
      `${file}: cannot read the abbreviations file (${(e as Error).message})`,
      file,
    );
  }
  return parseAbbreviations(text, file);
}

const defaults = new Map<string, Abbreviations>();

/**
 * The abbreviations of the data folder's `abbreviations.csv`, read once: what the extractors use
 * when their caller gives none (`analyseArticle` always gives those of its resources).
 *
 * @example
 * ```ts
 * defaultAbbreviations().titles.has("Gen"); // true
 * ```
 */
export function defaultAbbreviations(): Abbreviations {
  const file = defaultDataPath("abbreviations.csv");
  let a = defaults.get(file);
  if (a === undefined) {
    let text: string;
    try {
      text = Deno.readTextFileSync(file);
    } catch (e) {
      throw new CorpusError(
        `${file}: cannot read the abbreviations file (${(e as Error).message})`,
        file,
      );
    }
    a = parseAbbreviations(text, file);
    defaults.set(file, a);
  }
  return a;
}
