/**
 * Over-time charts: one small panel per outlet (no colour per outlet, so any number of outlets
 * stays readable), the period on x, the estimate as a point and its 95% interval as a rule;
 * points over fewer than 5 references or attributions are drawn lighter.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { VegaLiteSpec } from "../render.ts";
import { compareOutlets, outletLabel } from "../outlets.ts";
import { FEW, FEW_OPACITY, wrapWords } from "./layout.ts";
import { requireColumns } from "../../tables/schema.ts";

/** Options of {@linkcode overTimeChart}. */
export interface OverTimeChartOptions {
  /** The estimate's column (default "share" for loaded shares, "value" otherwise). */
  value?: string;
  /** The column of the count behind each estimate, shown in the tooltip (default "references"). */
  n?: string;
  /** Y-axis title. */
  title?: string;
  /** Panels per row (default 3). */
  columns?: number;
}

/**
 * A faceted chart of a measure by period (the tables of `loadedShareOverTime` for one target and
 * `sourcingOverTime` for one measure).
 *
 * @example
 * ```ts
 * const person = loadedShareOverTime(hits, articles).filter(pl.col("target").eq(pl.lit("person")));
 * await showVegaLite(overTimeChart(person, { title: "own-voice loaded share, people" }));
 * ```
 */
export function overTimeChart(table: pl.DataFrame, opts: OverTimeChartOptions = {}): VegaLiteSpec {
  const value = opts.value ?? (table.columns.includes("share") ? "share" : "value");
  const n = opts.n ?? (table.columns.includes("references") ? "references" : "total");
  requireColumns(
    table,
    ["outlet", "period", value, "lower", "upper", n],
    "overTimeChart: the table",
    "a table from loadedShareOverTime or sourcingOverTime",
  );
  const unit = table.columns.includes("unit") && table.height
    ? String(table.getColumn("unit").toArray()[0])
    : "period";
  const values = table.select("outlet", "period", value, "lower", "upper", n).toRecords()
    .map((r) => ({
      ...r,
      // The panel title: the outlet's words, wrapped (never cut) so three panels fit 960 px.
      panel: wrapWords(outletLabel(String(r.outlet)), 30).join("\n"),
      low_n: Number(r[n]) < FEW,
    }));
  const panels = [...new Set(table.getColumn("outlet").toArray().map(String))].sort(compareOutlets)
    .map((o) => wrapWords(outletLabel(o), 30).join("\n"));
  const tooltip = [
    { field: "outlet", type: "nominal" },
    { field: "period", type: "ordinal", title: unit === "week" ? "week of" : "month" },
    { field: value, type: "quantitative", format: ".2f", title: opts.title ?? value },
    { field: "lower", type: "quantitative", format: ".2f" },
    { field: "upper", type: "quantitative", format: ".2f" },
    { field: n, type: "quantitative", title: "n" },
  ];
  return {
    data: { values },
    facet: {
      field: "panel",
      type: "nominal",
      title: null,
      sort: panels,
      header: { labelLimit: 0, labelExpr: "split(datum.label, '\\n')" },
    },
    columns: opts.columns ?? 3,
    spec: {
      width: 200,
      height: 140,
      layer: [
        {
          mark: "rule",
          encoding: {
            x: { field: "period", type: "ordinal", title: unit === "week" ? "week of" : "month" },
            y: { field: "lower", type: "quantitative", scale: { domain: [0, 1] } },
            y2: { field: "upper" },
          },
        },
        {
          mark: { type: "point", filled: true, size: 50 },
          encoding: {
            x: { field: "period", type: "ordinal" },
            y: { field: value, type: "quantitative", title: opts.title ?? value },
            opacity: {
              field: "low_n",
              type: "nominal",
              scale: { domain: [false, true], range: [1, FEW_OPACITY] },
              legend: { title: `fewer than ${FEW} (n)` },
            },
            tooltip,
          },
        },
      ],
    },
  };
}
