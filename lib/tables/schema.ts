/**
 * One schema per table, defined once: the columns (in order) and their types of every table the
 * analysis produces. The notebooks' DataFrames, the store's parquet files, the command-line exports
 * and the partitioned pipeline output all use these lists.
 *
 * Column types: `str` free text; `cat` text with few distinct values (terms, voices, ids), which
 * writers may dictionary-code; `int`, `float`, `bool`.
 *
 * The per-article tables are keyed by `article_id` (the articles table by `id`); offsets are
 * Unicode code points into the article's cleaned `body` (or `title`, where `field` is "title").
 *
 * @example
 * ```ts
 * import { TABLES } from "./schema.ts";
 * TABLES.hits.map(([name]) => name).slice(0, 4); // ["article_id", "outlet", "field", "start"]
 * ```
 *
 * @module
 */
import pl from "nodejs-polars";

/** How a column's values are typed. */
export type ColumnType = "str" | "cat" | "int" | "float" | "bool";

/** A table's columns in order, each with its type. */
export type TableSchema = ReadonlyArray<readonly [string, ColumnType]>;

/** The tables of an analysed corpus. */
export type TableName =
  | "articles"
  | "paragraphs"
  | "sentences"
  | "quotes"
  | "removed"
  | "attributions"
  | "hits"
  | "mentions"
  | "evaluative";

/** Every table name, in pipeline order. */
export const TABLE_NAMES: readonly TableName[] = [
  "articles",
  "paragraphs",
  "sentences",
  "quotes",
  "removed",
  "attributions",
  "hits",
  "mentions",
  "evaluative",
];

/**
 * The columns of the articles table that come from the corpus listing (the manifest, or the corpus
 * CSV), not from the analysis. The analysis adds {@linkcode ARTICLE_ANALYSIS_COLUMNS}.
 */
export const ARTICLE_SOURCE_COLUMNS: TableSchema = [
  ["id", "str"],
  ["file", "str"],
  ["outlet", "str"],
  ["outlet_named", "bool"],
  ["published", "str"],
  ["url", "str"],
  ["language", "str"],
  ["notes", "str"],
  ["sha256", "str"],
  ["encoding", "cat"],
  ["copy_of", "str"],
  ["similarity", "float"],
];

/** The columns of the articles table that the analysis of the article's text gives. */
export const ARTICLE_ANALYSIS_COLUMNS: TableSchema = [
  ["title", "str"],
  ["source_line", "str"],
  ["byline", "str"],
  ["credit", "str"],
  ["date_line", "str"],
  ["body", "str"],
  ["n_words", "int"],
  ["n_own_words", "int"],
  ["n_chars", "int"],
  ["n_paragraphs", "int"],
  ["n_sentences", "int"],
  ["n_removed_lines", "int"],
  ["n_quotes", "int"],
  ["n_attributions", "int"],
  ["n_hits", "int"],
  ["n_loaded", "int"],
  ["n_mentions", "int"],
  ["input_chars", "int"],
  ["kept_chars", "int"],
  ["shrunk", "bool"],
  ["minhash", "str"],
];

/** The columns of a hits table (framing hits, and hits of the broad evaluative lexicon). */
const HIT_COLUMNS: TableSchema = [
  ["article_id", "str"],
  ["outlet", "str"],
  ["field", "cat"],
  ["start", "int"],
  ["end", "int"],
  ["text", "str"],
  ["term", "cat"],
  ["category", "cat"],
  ["target", "cat"],
  ["voice", "cat"],
  ["speaker", "cat"],
  ["sentence", "int"],
];

/** The schema of every table as a notebook sees it (outlet joined onto per-article rows). */
export const TABLES: Readonly<Record<TableName, TableSchema>> = {
  articles: [...ARTICLE_SOURCE_COLUMNS, ...ARTICLE_ANALYSIS_COLUMNS],
  paragraphs: [
    ["article_id", "str"],
    ["paragraph", "int"],
    ["start", "int"],
    ["end", "int"],
    ["text", "str"],
    ["file_start", "int"],
    ["file_end", "int"],
    ["kind", "cat"],
  ],
  sentences: [
    ["article_id", "str"],
    ["sentence", "int"],
    ["paragraph", "int"],
    ["start", "int"],
    ["end", "int"],
    ["text", "str"],
  ],
  quotes: [
    ["article_id", "str"],
    ["quote", "int"],
    ["start", "int"],
    ["end", "int"],
    ["content_start", "int"],
    ["content_end", "int"],
    ["depth", "int"],
    ["closed", "bool"],
    ["multi_paragraph", "bool"],
  ],
  removed: [
    ["article_id", "str"],
    ["line", "int"],
    ["rule", "cat"],
    ["category", "cat"],
    ["text", "str"],
    ["file_start", "int"],
    ["file_end", "int"],
  ],
  attributions: [
    ["article_id", "str"],
    ["outlet", "str"],
    ["field", "cat"],
    ["attribution", "int"],
    ["source_start", "int"],
    ["source_end", "int"],
    ["source_text", "str"],
    ["cue_start", "int"],
    ["cue_end", "int"],
    ["cue_text", "cat"],
    ["content_start", "int"],
    ["content_end", "int"],
    ["content_text", "str"],
    ["source_id", "cat"],
    ["source_name", "str"],
    ["source_type", "cat"],
    ["country", "cat"],
    ["kind", "cat"],
    ["via", "cat"],
    ["via_type", "cat"],
    ["resolved", "bool"],
    ["rule", "cat"],
  ],
  hits: HIT_COLUMNS,
  evaluative: HIT_COLUMNS,
  mentions: [
    ["article_id", "str"],
    ["outlet", "str"],
    ["field", "cat"],
    ["start", "int"],
    ["end", "int"],
    ["text", "str"],
    ["actor", "cat"],
    ["label", "cat"],
    ["label_category", "cat"],
    ["voice", "cat"],
    ["speaker", "cat"],
  ],
};

/**
 * The columns the analysis of one article gives for a table: the table's columns without those
 * joined from the corpus listing (`outlet`, and the articles table's source columns), with
 * `article_id` first.
 *
 * @example
 * ```ts
 * analysisColumns("hits")[1]; // ["field", "cat"]
 * ```
 */
export function analysisColumns(table: TableName): TableSchema {
  if (table === "articles") return [["article_id", "str"], ...ARTICLE_ANALYSIS_COLUMNS];
  return TABLES[table].filter(([name]) => name !== "outlet");
}

/**
 * The polars type of a column type.
 *
 * @example
 * ```ts
 * polarsType("int"); // pl.Int64
 * ```
 */
export function polarsType(type: ColumnType): pl.DataType {
  switch (type) {
    case "int":
      return pl.Int64;
    case "float":
      return pl.Float64;
    case "bool":
      return pl.Bool;
    default:
      return pl.Utf8;
  }
}

/**
 * A typed DataFrame from columns of values, in schema order: the one builder of typed tables.
 * Every schema column must be present in `columns`.
 *
 * @example
 * ```ts
 * typedFrame([["id", "str"], ["n", "int"]], { id: ["a"], n: [1] }).dtypes.map(String);
 * // ["String", "Int64"]
 * ```
 */
export function typedFrame(
  schema: TableSchema,
  columns: Readonly<Record<string, readonly unknown[]>>,
): pl.DataFrame {
  return pl.DataFrame(
    schema.map(([name, type]) => {
      const values = columns[name];
      if (values === undefined) throw new Error(`typedFrame: no values for column "${name}"`);
      return pl.Series(name, values as unknown[], polarsType(type));
    }),
  );
}

/**
 * A typed DataFrame from row objects (a missing value is null), in schema order: {@linkcode
 * typedFrame} for rows; works for zero rows.
 *
 * @example
 * ```ts
 * rowsFrame([{ outlet: "A", n: 2 }], [["outlet", "str"], ["n", "int"]]).height; // 1
 * ```
 */
export function rowsFrame(
  rows: readonly Record<string, unknown>[],
  schema: TableSchema,
): pl.DataFrame {
  return typedFrame(
    schema,
    Object.fromEntries(schema.map(([name]) => [name, rows.map((r) => r[name] ?? null)])),
  );
}

/**
 * An empty DataFrame with the schema's columns and types.
 *
 * @example
 * ```ts
 * emptyFrame(TABLES.hits).height; // 0
 * ```
 */
export function emptyFrame(schema: TableSchema): pl.DataFrame {
  return typedFrame(schema, Object.fromEntries(schema.map(([n]) => [n, []])));
}

/**
 * Throws an error naming the table, the missing columns, the columns it has and, when `pass` is
 * given, what to pass instead, when `df` lacks any of `columns`: the one column check of the
 * measures, findings and charts.
 *
 * @example
 * ```ts
 * requireColumns(hits, ["outlet", "category"], "loadedShareByOutlet: hits", "the hits table of loadCorpus()");
 * // loadedShareByOutlet: hits has no column "category"; it has outlet; pass the hits table of loadCorpus()
 * ```
 */
export function requireColumns(
  df: pl.DataFrame,
  columns: readonly string[],
  what: string,
  pass?: string,
): void {
  const missing = columns.filter((c) => !df.columns.includes(c));
  if (missing.length) {
    throw new Error(
      `${what} has no column${missing.length > 1 ? "s" : ""} ${
        missing.map((c) => `"${c}"`).join(", ")
      }; it has ${df.columns.join(", ") || "no columns"}${pass ? `; pass ${pass}` : ""}`,
    );
  }
}
