/**
 * Reading views of wide tables: fewer, worded columns that fit a 960-pixel column, for the
 * tables a reader audits row by row. The full tables stay as they are for analysis.
 *
 * @module
 */
import pl from "nodejs-polars";
import { labelOf, SOURCE_TYPE } from "./scales.ts";
import { requireColumns } from "../tables/schema.ts";
import { AUDIT_COLUMNS } from "../measures/sourcing.ts";

/** The attribution columns the audit view reads: those of `attributionsForAudit`. */
const AUDIT_NEEDS = AUDIT_COLUMNS;

/**
 * The attributions table as a reader audits it, in nine columns: article (with "(title)" for a
 * headline attribution), source as written, identified as (gazetteer id, type in words, country),
 * cue, kind, via, resolved (yes/no), rule, content. Missing values stay missing (shown blank).
 * Show it with a readable width for the content:
 * `showTable(attributionsAuditView(table), { widths: { content: 320 } })`.
 *
 * @example
 * ```ts
 * await showTable(attributionsAuditView(table), {
 *   caption: "All attributions", maxRows: 200, name: "table", widths: { content: 320 },
 * });
 * ```
 */
export function attributionsAuditView(table: pl.DataFrame): pl.DataFrame {
  requireColumns(
    table,
    AUDIT_NEEDS,
    "attributionsAuditView: the table",
    "the attributions table of openCorpus() or loadCorpus()",
  );
  const rows = table.toRecords() as Record<string, unknown>[];
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const col = (name: string, values: Array<string | null>) => pl.Series(name, values, pl.Utf8);
  return pl.DataFrame([
    col("article", rows.map((r) => `${r.article_id}${r.field === "title" ? " (title)" : ""}`)),
    col("source", rows.map((r) => str(r.source_text))),
    col(
      "identified as",
      rows.map((r) => {
        const parts = [
          str(r.source_id),
          r.source_type === null ? null : labelOf(SOURCE_TYPE, String(r.source_type)),
          str(r.country),
        ].filter((p): p is string => p !== null && p !== "");
        return parts.length > 0 ? parts.join(" · ") : null;
      }),
    ),
    col("cue", rows.map((r) => str(r.cue_text))),
    col("kind", rows.map((r) => str(r.kind))),
    col("via", rows.map((r) => str(r.via))),
    col("resolved", rows.map((r) => (r.resolved === null ? null : r.resolved ? "yes" : "no"))),
    col("rule", rows.map((r) => str(r.rule))),
    col("content", rows.map((r) => str(r.content_text))),
  ]);
}
