/**
 * Vega-Lite charts of the sourcing tables (notebook 03): who each outlet cites, how, and how
 * often. Each function takes a table from `lib/sourcing.ts` and returns a plain spec with its data
 * inline, to pass to `showVegaLite` (or `vegaLiteSvg`); nothing is displayed here.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { VegaLiteSpec } from "../render.ts";
import { withoutZeroCounts } from "../../measures/sourcing.ts";

/** Throws an error naming the chart, the missing columns and the table to pass. */
function requireColumns(
  df: pl.DataFrame,
  chart: string,
  columns: readonly string[],
  from: string,
): void {
  const missing = columns.filter((c) => !df.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(
      `${chart}: the table has no column(s) ${missing.join(", ")} ` +
        `(has ${df.columns.join(", ") || "none"}); pass ${from}`,
    );
  }
}

/**
 * The order of the attribution kinds in {@linkcode directIndirectChart}'s legend.
 *
 * @example
 * ```ts
 * KIND_ORDER; // ["direct", "mixed", "indirect"]
 * ```
 */
export const KIND_ORDER: readonly string[] = ["direct", "mixed", "indirect"];

/**
 * Attributions by source type: one horizontal bar per outlet, split by source type and
 * normalised to 1 (`stack: "normalize"`), with source type, count and share in the tooltip.
 * Rows with no attributions (`n = 0`) are left out of the data.
 *
 * @example
 * ```ts
 * const byType = shareByOutlet(table, corpus.articles, "source_type");
 * await showVegaLite(sourceTypeBars(byType));
 * ```
 */
export function sourceTypeBars(byType: pl.DataFrame): VegaLiteSpec {
  requireColumns(
    byType,
    "sourceTypeBars",
    ["outlet", "source_type", "n", "share"],
    'shareByOutlet(table, articles, "source_type")',
  );
  return {
    title: "Attributions by source type",
    data: { values: withoutZeroCounts(byType).toRecords() },
    mark: "bar",
    encoding: {
      y: { field: "outlet", type: "nominal", title: null },
      x: { field: "n", type: "quantitative", stack: "normalize", title: "share of attributions" },
      color: { field: "source_type", type: "nominal", title: "source type" },
      tooltip: [{ field: "source_type" }, { field: "n" }, { field: "share", format: ".2f" }],
    },
    width: 520,
  };
}

/**
 * Direct, mixed and indirect attributions: one horizontal bar per outlet, split by kind in the
 * order {@linkcode KIND_ORDER} and normalised to 1 (`stack: "normalize"`). Every row of `byKind`
 * is charted, those with `n = 0` included (they draw as empty segments).
 *
 * @example
 * ```ts
 * await showVegaLite(directIndirectChart(shareByOutlet(table, corpus.articles, "kind")));
 * ```
 */
export function directIndirectChart(byKind: pl.DataFrame): VegaLiteSpec {
  requireColumns(
    byKind,
    "directIndirectChart",
    ["outlet", "kind", "n"],
    'shareByOutlet(table, articles, "kind")',
  );
  return {
    title: "Direct, mixed and indirect attributions",
    data: { values: byKind.toRecords() },
    mark: "bar",
    encoding: {
      y: { field: "outlet", type: "nominal", title: null },
      x: { field: "n", type: "quantitative", stack: "normalize", title: "share of attributions" },
      color: {
        field: "kind",
        type: "nominal",
        scale: { domain: [...KIND_ORDER] },
        title: "kind",
      },
    },
    width: 520,
  };
}

/**
 * The most cited sources: one horizontal bar per source (the first `limit` rows of `cited`,
 * default 15), longest first, coloured by source type.
 *
 * @example
 * ```ts
 * await showVegaLite(citedMostChart(citedMost(table)));
 * ```
 */
export function citedMostChart(cited: pl.DataFrame, limit = 15): VegaLiteSpec {
  requireColumns(
    cited,
    "citedMostChart",
    ["source", "source_type", "attributions"],
    "citedMost(table)",
  );
  if (!Number.isInteger(limit) || limit < 0) {
    throw new Error(`citedMostChart: limit must be a whole number >= 0, got ${limit}`);
  }
  return {
    title: "Most cited sources",
    data: { values: cited.head(limit).toRecords() },
    mark: "bar",
    encoding: {
      y: { field: "source", type: "nominal", sort: "-x", title: null },
      x: { field: "attributions", type: "quantitative" },
      color: { field: "source_type", type: "nominal", title: "source type" },
    },
    width: 420,
  };
}

/**
 * Attributions per outlet and source as a heat map: one cell per row of `counts` (outlet across,
 * source down), its colour the number of attributions on an ordinal "blues" scale. Pass the rows
 * to show, e.g. `frequentSourceCounts(outletSourceCounts(table), citedMost(table))`.
 *
 * @example
 * ```ts
 * const frequent = frequentSourceCounts(outletSourceCounts(table), citedMost(table));
 * await showVegaLite(outletSourceHeatmap(frequent));
 * ```
 */
export function outletSourceHeatmap(counts: pl.DataFrame): VegaLiteSpec {
  requireColumns(
    counts,
    "outletSourceHeatmap",
    ["outlet", "source", "attributions"],
    "outletSourceCounts(table)",
  );
  return {
    title: "Attributions per outlet and source",
    data: { values: counts.toRecords() },
    mark: "rect",
    encoding: {
      x: { field: "outlet", type: "nominal", title: null },
      y: { field: "source", type: "nominal", title: null },
      color: { field: "attributions", type: "ordinal", scale: { scheme: "blues" } },
    },
  };
}
