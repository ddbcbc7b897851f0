/**
 * An article's analysis as table rows, in the column order of {@linkcode analysisColumns}: the
 * one place that turns an {@linkcode ArticleAnalysis} into rows, used by the in-memory tables, the
 * store and the partitioned pipeline output alike; and the way back, from stored attribution rows
 * to attributions a later stage can reuse.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { ArticleAnalysis, FieldAttribution } from "../analyse.ts";
import type { AttributionKind, AttributionRule, SourceType } from "../extract/attributions.ts";
import { analysisColumns, TABLE_NAMES, type TableName, typedFrame } from "./schema.ts";

/** Rows of every table in column form: one array of values per analysis column. */
export type AnalysisColumns = Record<TableName, unknown[][]>;

/** Something that takes rows: `add(table, values)` with values in analysis-column order. */
export type RowEmitter = (table: TableName, values: unknown[]) => void;

const LOADED = new Set(["loaded_negative", "loaded_positive"]);

/**
 * Emits every row of one analysis: the article's own row, then its paragraphs, sentences, quotes,
 * removed lines, attributions, hits and mentions. `only` limits it to some tables.
 *
 * @example
 * ```ts
 * const rows: unknown[][] = [];
 * analysisRows(analysis, (table, values) => table === "hits" && rows.push(values));
 * ```
 */
export function analysisRows(
  a: ArticleAnalysis,
  emit: RowEmitter,
  only?: ReadonlySet<TableName>,
): void {
  const want = (t: TableName) => only === undefined || only.has(t);
  const id = a.id;
  if (want("articles")) {
    emit("articles", [
      id,
      a.cleaned.title,
      a.cleaned.source_line,
      a.cleaned.byline,
      a.cleaned.credit,
      a.cleaned.date_line,
      a.body,
      a.n_words,
      a.n_own_words,
      a.n_chars,
      a.paragraphs.length,
      a.sentences.length,
      a.cleaned.removed.length,
      a.quotes.length,
      a.attributions.length,
      a.hits.length,
      a.hits.filter((h) => LOADED.has(h.category)).length,
      a.mentions.length,
      a.cleaned.input_chars,
      a.cleaned.kept_chars,
      a.cleaned.shrunk,
      a.minhash,
    ]);
  }
  if (want("paragraphs")) {
    for (const p of a.paragraphs) {
      emit("paragraphs", [
        id,
        p.paragraph,
        p.start,
        p.end,
        p.text,
        p.file_start,
        p.file_end,
        p.kind,
      ]);
    }
  }
  if (want("sentences")) {
    for (const s of a.sentences) {
      emit("sentences", [id, s.sentence, s.paragraph, s.start, s.end, s.text]);
    }
  }
  if (want("quotes")) {
    a.quotes.forEach((q, i) => {
      emit("quotes", [
        id,
        i,
        q.start,
        q.end,
        q.contentStart,
        q.contentEnd,
        q.depth,
        q.closed,
        q.multiParagraph,
      ]);
    });
  }
  if (want("removed")) {
    for (const r of a.cleaned.removed) {
      emit("removed", [
        id,
        r.line,
        r.rule,
        r.category,
        r.text,
        r.span?.file_start ?? null,
        r.span?.file_end ?? null,
      ]);
    }
  }
  if (want("attributions")) {
    a.attributions.forEach((t, i) => {
      emit("attributions", [
        id,
        t.field,
        i,
        t.source?.start ?? null,
        t.source?.end ?? null,
        t.source?.text ?? null,
        t.cue?.start ?? null,
        t.cue?.end ?? null,
        t.cue?.text ?? null,
        t.content.start,
        t.content.end,
        t.content.text,
        t.source_id,
        t.source_name,
        t.source_type,
        t.country,
        t.kind,
        t.via,
        t.via_type,
        t.resolved,
        t.rule,
      ]);
    });
  }
  for (const table of ["hits", "evaluative"] as const) {
    if (!want(table)) continue;
    for (const h of table === "hits" ? a.hits : a.evaluative) {
      emit(table, [
        id,
        h.field,
        h.start,
        h.end,
        h.text,
        h.term,
        h.category,
        h.target,
        h.voice,
        h.speaker,
        h.sentence,
      ]);
    }
  }
  if (want("mentions")) {
    for (const m of a.mentions) {
      emit("mentions", [
        id,
        m.field,
        m.start,
        m.end,
        m.text,
        m.actor,
        m.label,
        m.label_category,
        m.voice,
        m.speaker,
      ]);
    }
  }
}

/**
 * Rows of many analyses collected per table (column form), turned into typed DataFrames with
 * the analysis columns of each table.
 *
 * @example
 * ```ts
 * const c = new AnalysisTables();
 * c.add(analyseArticle(input, resources));
 * c.frames().hits.height;
 * ```
 */
export class AnalysisTables {
  #columns = new Map<TableName, unknown[][]>();
  #only?: ReadonlySet<TableName>;

  /** Collects the tables in `only` (default all). */
  constructor(only?: Iterable<TableName>) {
    if (only) this.#only = new Set(only);
    for (const t of TABLE_NAMES) {
      this.#columns.set(t, analysisColumns(t).map(() => []));
    }
  }

  /** Adds the rows of one analysis. */
  add(a: ArticleAnalysis): void {
    analysisRows(a, (table, values) => {
      const cols = this.#columns.get(table)!;
      for (let i = 0; i < values.length; i++) cols[i].push(values[i]);
    }, this.#only);
  }

  /** Rows collected for `table`. */
  height(table: TableName): number {
    return this.#columns.get(table)![0].length;
  }

  /** The collected rows in column form (one array per analysis column), then empties. */
  take(): AnalysisColumns {
    const out = {} as AnalysisColumns;
    for (const t of TABLE_NAMES) {
      out[t] = this.#columns.get(t)!;
      this.#columns.set(t, analysisColumns(t).map(() => []));
    }
    return out;
  }

  /** Appends rows in column form (as {@linkcode AnalysisTables.take} gives them). */
  append(columns: AnalysisColumns): void {
    for (const t of TABLE_NAMES) {
      const mine = this.#columns.get(t)!;
      columns[t].forEach((values, i) => {
        for (const v of values) mine[i].push(v);
      });
    }
  }

  /** One typed DataFrame per table (analysis columns), then empties the collector. */
  frames(): Record<TableName, pl.DataFrame> {
    return analysisFrames(this.take());
  }
}

/**
 * Attributions back from rows of the attributions table (as stored), grouped by article id, in
 * row order: what a later stage needs to reuse them without extracting them again.
 *
 * @example
 * ```ts
 * attributionsFromRows(table).get("a1")?.length;
 * ```
 */
export function attributionsFromRows(df: pl.DataFrame): Map<string, FieldAttribution[]> {
  const out = new Map<string, FieldAttribution[]>();
  const col = (n: string) => df.getColumn(n).toArray() as unknown[];
  const c = Object.fromEntries(analysisColumns("attributions").map(([n]) => [n, col(n)]));
  const span = (s: unknown, e: unknown, t: unknown) =>
    s === null || s === undefined
      ? null
      : { start: Number(s), end: Number(e), text: String(t ?? "") };
  for (let i = 0; i < df.height; i++) {
    const id = String(c.article_id[i]);
    const list = out.get(id) ?? [];
    out.set(id, list);
    const str = (n: string) => (c[n][i] === null || c[n][i] === undefined ? null : String(c[n][i]));
    list.push({
      field: str("field") as "title" | "body",
      source: span(c.source_start[i], c.source_end[i], c.source_text[i]),
      cue: span(c.cue_start[i], c.cue_end[i], c.cue_text[i]),
      content: span(c.content_start[i], c.content_end[i], c.content_text[i])!,
      source_id: str("source_id"),
      source_name: str("source_name"),
      source_type: str("source_type") as SourceType | null,
      country: str("country"),
      kind: str("kind") as AttributionKind,
      via: str("via"),
      via_type: str("via_type") as SourceType | null,
      resolved: Boolean(c.resolved[i]),
      rule: str("rule") as AttributionRule,
    });
  }
  return out;
}

/**
 * One typed DataFrame per table (analysis columns) from rows in column form (as
 * {@linkcode AnalysisTables} collects them).
 *
 * @example
 * ```ts
 * const t = new AnalysisTables();
 * t.add(analysis);
 * analysisFrames(t.take()).hits.height;
 * ```
 */
export function analysisFrames(columns: AnalysisColumns): Record<TableName, pl.DataFrame> {
  const out = {} as Record<TableName, pl.DataFrame>;
  for (const t of TABLE_NAMES) {
    const schema = analysisColumns(t);
    out[t] = typedFrame(schema, Object.fromEntries(schema.map(([n], i) => [n, columns[t][i]])));
  }
  return out;
}
