/**
 * Audit tables of a large corpus: the rows a capped table shows, read from the store without
 * holding (or sorting) the whole table.
 *
 * @module
 */
import pl from "nodejs-polars";
import { type ScannableCorpus, scanTable } from "../tables/corpus.ts";
import type { TableName } from "../tables/schema.ts";
import { type CappedRows, capRows } from "./display.ts";
import { outletLabel } from "./outlets.ts";

/** Options of {@linkcode auditRows}. */
export interface AuditRowsOptions {
  /** Only the rows this holds for (an expression over the table's analysis columns). */
  where?: pl.Expr;
  /** Only the rows of these articles (say, the articles that count under a copy rule). */
  ids?: readonly string[];
  /**
   * Share the rows out between outlets as `showTable` and `showKwic` do (default true); false
   * for a view without an `outlet` column, which shows the first `maxRows` rows.
   */
  perOutlet?: boolean;
}

/**
 * The rows of `table` (its `columns`, in the table's order) that a table capped at `maxRows`
 * shows, exactly as {@linkcode capRows} would choose them from the whole table (shared outlet
 * order, at most `maxRows` shared out between outlets), with the whole table's row count: for
 * audit tables of a corpus whose tables do not fit in memory. Only the articles whose rows can be
 * shown are read in order; the rest are only counted. Pass the result as `cut` to `showTable` or
 * `showKwic`, whose note then says "showing 500 of 1,234,567 rows".
 *
 * @example
 * ```ts
 * const shown = auditRows(corpus, "hits", ["article_id", "outlet", "start", "end"], 500, {
 *   where: pl.col("category").neq(pl.lit("neutral")),
 * });
 * shown.total; // every non-neutral hit
 * ```
 */
export function auditRows(
  corpus: ScannableCorpus,
  table: Exclude<TableName, "articles">,
  columns: readonly string[],
  maxRows: number,
  options: AuditRowsOptions = {},
): CappedRows {
  const share = options.perOutlet !== false;
  let scan = corpus.scan(table);
  if (options.where) scan = scan.filter(options.where);
  const counts = scan.select("article_id").groupBy("article_id").agg(pl.len().alias("__n"))
    .collectSync();
  let listing = corpus.listing.select(pl.col("id").alias("article_id"), pl.col("outlet"))
    .withRowIndex("__article");
  if (options.ids) {
    const only = pl.DataFrame([pl.Series("article_id", [...options.ids], pl.Utf8)]);
    listing = listing.join(only, { on: "article_id", how: "semi" });
  }
  const per = listing.join(counts, { on: "article_id", how: "inner" }).sort("__article");
  const ids = per.getColumn("article_id").toArray() as string[];
  const n = (per.getColumn("__n").toArray() as number[]).map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  const read = (keep: readonly string[]) =>
    scanTable(corpus, table, columns, { where: options.where, ids: keep });
  if (!share) {
    const keep: string[] = [];
    for (let i = 0, seen = 0; i < ids.length && seen < maxRows; seen += n[i], i++) {
      keep.push(ids[i]);
    }
    return { rows: read(keep).head(Math.max(maxRows, 0)), total, perOutlet: null };
  }
  if (total <= maxRows) return { ...capRows(read(ids), maxRows), total };
  const outlets = (per.getColumn("outlet").toArray() as Array<string | null>).map(outletLabel);
  const perKey = new Map<string, number>();
  outlets.forEach((o, i) => perKey.set(o, (perKey.get(o) ?? 0) + n[i]));
  const cap = Math.max(1, Math.floor(maxRows / Math.max(1, perKey.size)));
  // Each outlet's articles, in corpus order, until they hold `cap` rows.
  const keep: string[] = [];
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const before = seen.get(outlets[i]) ?? 0;
    if (before < cap) keep.push(id);
    seen.set(outlets[i], before + n[i]);
  });
  const chosen = capRows(read(keep), maxRows, { perOutlet: cap });
  const capped = Math.max(0, ...perKey.values()) > cap;
  return { rows: chosen.rows, total, perOutlet: capped ? cap : null };
}
