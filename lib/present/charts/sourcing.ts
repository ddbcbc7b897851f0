/**
 * Vega-Lite charts of the sourcing tables (notebook 03): who each outlet cites, how, and how
 * often. Each function takes a table from `lib/measures/sourcing.ts` and returns a plain spec with
 * its data inline, to pass to `showVegaLite` (or `vegaLiteSvg`); nothing is displayed here.
 *
 * Source types and attribution kinds take their words and colours from `../scales.ts`; outlets
 * are labelled and ordered by `../outlets.ts`; every bar says how many attributions it rests on,
 * and shares from fewer than five are drawn lighter.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { VegaLiteSpec } from "../render.ts";
import {
  ATTRIBUTION_KIND,
  colourEncoding,
  labelOf,
  presentValues,
  rankOf,
  type Scale,
  SOURCE_KIND_ORDER,
  SOURCE_TYPE,
} from "../scales.ts";
import { outletLabel, outletOrder } from "../outlets.ts";
import {
  chartTitle,
  COLUMN_WIDTH,
  FEW_NOTE,
  fewOpacity,
  outlineLike,
  percent,
  percentInterval,
  plotWidth,
  textWidth,
  widestText,
} from "./layout.ts";
import { requireColumns } from "../../tables/schema.ts";

/**
 * The order of the attribution kinds in {@linkcode directIndirectChart}'s legend and stack.
 *
 * @example
 * ```ts
 * KIND_ORDER; // ["direct", "mixed", "indirect"]
 * ```
 */
export const KIND_ORDER: readonly string[] = SOURCE_KIND_ORDER;

/** Options of the per-outlet share bars. */
export interface OutletBarOptions {
  /**
   * Every outlet to give a row, in any order (e.g. the outlet column of `corpus.articles`); an
   * outlet without attributions reads "no attributions". Default: the outlets of the table.
   */
  outlets?: Iterable<unknown>;
}

/**
 * Normalised stacked bars of a per-outlet share table (one bar per outlet, one segment per group,
 * in the scale's order, with "n = total" beside each bar and "no attributions" for an empty one).
 */
function stackedShareBars(
  table: pl.DataFrame,
  column: string,
  scale: Scale,
  title: string,
  opts: OutletBarOptions,
): VegaLiteSpec {
  const records = table.toRecords() as Record<string, unknown>[];
  const order = outletOrder([
    ...(opts.outlets ?? []),
    ...records.map((r) => r.outlet),
  ]);
  const totals = new Map<string, number>();
  for (const r of records) {
    const o = String(r.outlet);
    totals.set(o, Math.max(totals.get(o) ?? 0, Number(r.total ?? 0), 0));
  }
  const hasInterval = table.columns.includes("lower") && table.columns.includes("upper");
  const segments = records.filter((r) => Number(r.n) > 0).map((r) => ({
    outlet: outletLabel(String(r.outlet)),
    group: labelOf(scale, r[column] as string | null),
    rank: rankOf(scale, r[column] as string | null),
    n: Number(r.n),
    total: Number(r.total),
    count: `${r.n} of ${r.total}`,
    share: percent(Number(r.share)),
    interval: hasInterval ? percentInterval(Number(r.lower), Number(r.upper)) : "–",
  }));
  const labels = order.map((o) => outletLabel(o));
  const rows = order.map((o) => ({
    outlet: outletLabel(o),
    total: totals.get(o) ?? 0,
    note: (totals.get(o) ?? 0) > 0 ? `n = ${totals.get(o)}` : "no attributions",
  }));
  const groups = presentValues(
    scale,
    records.filter((r) => Number(r.n) > 0).map((r) => r[column] as string | null),
  );
  const colour = colourEncoding(scale, "group", groups, { legend: "bottom" });
  const yLabels = widestText(labels) + 10;
  const right = textWidth("no attributions") + 10;
  const width = plotWidth({ yLabels, right, max: 520 });
  const y = {
    field: "outlet",
    type: "nominal",
    title: null,
    sort: labels,
    axis: { labelLimit: 0 },
  };
  return {
    title: chartTitle(title, `share of each outlet's attributions (n: attributions; ${FEW_NOTE})`),
    width,
    height: { step: 22 },
    layer: [
      {
        data: { values: segments },
        mark: { type: "bar", tooltip: true },
        encoding: {
          y,
          x: {
            field: "n",
            type: "quantitative",
            stack: "normalize",
            title: "share of attributions",
            axis: { format: ".0%" },
          },
          color: colour,
          stroke: outlineLike(colour),
          order: { field: "rank", type: "quantitative" },
          fillOpacity: fewOpacity("total"),
          tooltip: [
            { field: "outlet", title: "outlet" },
            { field: "group", title: scale.title },
            { field: "share", title: "share" },
            { field: "count", title: "attributions" },
            { field: "interval", title: "95% interval" },
          ],
        },
      },
      {
        data: { values: rows },
        mark: { type: "text", align: "left", dx: 6, color: "#555" },
        encoding: {
          y,
          x: { datum: 1, type: "quantitative" },
          text: { field: "note" },
          tooltip: [{ field: "outlet" }, { field: "total", title: "attributions" }],
        },
      },
    ],
  };
}

/**
 * Attributions by source type: one horizontal bar per outlet, split by source type in the order
 * of `SOURCE_TYPE` (`../scales.ts`) and normalised to 1, with "n = total" beside each bar; the
 * tooltip gives the share, "k of n" and the 95% interval. Rows with no attributions (`n = 0`)
 * draw nothing; an outlet without any reads "no attributions".
 *
 * @example
 * ```ts
 * const byType = shareByOutlet(table, corpus.articles, "source_type");
 * await showVegaLite(sourceTypeBars(byType, { outlets: corpus.articles.getColumn("outlet") }));
 * ```
 */
export function sourceTypeBars(byType: pl.DataFrame, opts: OutletBarOptions = {}): VegaLiteSpec {
  requireColumns(
    byType,
    ["outlet", "source_type", "n", "total", "share"],
    "sourceTypeBars: the table",
    'the table from shareByOutlet(table, articles, "source_type")',
  );
  return stackedShareBars(
    byType,
    "source_type",
    SOURCE_TYPE,
    "Attributions by source type",
    opts,
  );
}

/**
 * Direct, mixed and indirect attributions: one horizontal bar per outlet, split by kind in the
 * order {@linkcode KIND_ORDER} (legend in the same order) and normalised to 1, with "n = total"
 * beside each bar; empty segments (`n = 0`) are not drawn.
 *
 * @example
 * ```ts
 * await showVegaLite(directIndirectChart(shareByOutlet(table, corpus.articles, "kind")));
 * ```
 */
export function directIndirectChart(
  byKind: pl.DataFrame,
  opts: OutletBarOptions = {},
): VegaLiteSpec {
  requireColumns(
    byKind,
    ["outlet", "kind", "n", "total", "share"],
    "directIndirectChart: the table",
    'the table from shareByOutlet(table, articles, "kind")',
  );
  return stackedShareBars(
    byKind,
    "kind",
    ATTRIBUTION_KIND,
    "Direct, mixed and indirect attributions",
    opts,
  );
}

/**
 * The most cited sources: one horizontal bar per source (the first `limit` rows of `cited`,
 * default 15), longest first, coloured by source type, the count at the end of each bar and the
 * articles and outlets citing it in the tooltip. Names are never cut.
 *
 * @example
 * ```ts
 * await showVegaLite(citedMostChart(citedMost(table)));
 * ```
 */
export function citedMostChart(cited: pl.DataFrame, limit = 15): VegaLiteSpec {
  requireColumns(
    cited,
    ["source", "source_type", "attributions"],
    "citedMostChart: the table",
    "the table from citedMost(table)",
  );
  if (!Number.isInteger(limit) || limit < 0) {
    throw new Error(`citedMostChart: limit must be a whole number >= 0, got ${limit}`);
  }
  const records = cited.head(limit).toRecords() as Record<string, unknown>[];
  const values = records.map((r, i) => ({
    source: String(r.source),
    rank: i,
    type: labelOf(SOURCE_TYPE, r.source_type as string | null),
    attributions: Number(r.attributions),
    articles: r.articles ?? null,
    outlets: r.outlets ?? null,
  }));
  const types = records.map((r) => r.source_type as string | null);
  const yLabels = widestText(values.map((v) => v.source)) + 10;
  const width = plotWidth({ yLabels, right: 40, max: 420 });
  const y = {
    field: "source",
    type: "nominal",
    sort: values.map((v) => v.source),
    title: null,
    axis: { labelLimit: 0 },
  };
  const tooltip = [
    { field: "source" },
    { field: "type", title: "source type" },
    { field: "attributions" },
    ...(cited.columns.includes("articles") ? [{ field: "articles" }] : []),
    ...(cited.columns.includes("outlets") ? [{ field: "outlets" }] : []),
  ];
  return {
    title: chartTitle("Most cited sources", "number of attributions; colour: source type"),
    data: { values },
    width,
    height: { step: 18 },
    layer: [
      {
        mark: { type: "bar", tooltip: true },
        encoding: {
          y,
          x: { field: "attributions", type: "quantitative", title: "attributions" },
          color: colourEncoding(SOURCE_TYPE, "type", types, { legend: "bottom" }),
          tooltip,
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, color: "#333" },
        encoding: {
          y,
          x: { field: "attributions", type: "quantitative" },
          text: { field: "attributions", type: "quantitative" },
          tooltip,
        },
      },
    ],
  };
}

/**
 * Attributions per outlet and source as a heat map sized to its rows: one row per source, one
 * column per outlet (in the shared outlet order), the count written in each cell on a
 * yellow-to-red scale where counts can be told apart; cells with no attribution are left blank.
 * Pass the rows to show, e.g. `frequentSourceCounts(outletSourceCounts(table), citedMost(table))`.
 *
 * @example
 * ```ts
 * const frequent = frequentSourceCounts(outletSourceCounts(table), citedMost(table));
 * await showVegaLite(outletSourceHeatmap(frequent));
 * ```
 */
export function outletSourceHeatmap(
  counts: pl.DataFrame,
  opts: OutletBarOptions = {},
): VegaLiteSpec {
  requireColumns(
    counts,
    ["outlet", "source", "attributions"],
    "outletSourceHeatmap: the table",
    "the table from outletSourceCounts(table)",
  );
  const records = counts.toRecords() as Record<string, unknown>[];
  const order = outletOrder([...(opts.outlets ?? []), ...records.map((r) => r.outlet)]);
  const outletLabels = order.map((o) => outletLabel(o));
  const totals = new Map<string, number>();
  for (const r of records) {
    totals.set(String(r.source), (totals.get(String(r.source)) ?? 0) + Number(r.attributions));
  }
  const sources = [...totals.keys()].sort((a, b) =>
    totals.get(b)! - totals.get(a)! || a.localeCompare(b)
  );
  const max = Math.max(1, ...records.map((r) => Number(r.attributions)));
  const values = records.map((r) => ({
    outlet: outletLabel(String(r.outlet)),
    source: String(r.source),
    attributions: Number(r.attributions),
    dark: Number(r.attributions) > max / 2,
  }));
  const yLabels = widestText(sources) + 10;
  // Outlet names run up at an angle, so columns can be narrow (cells hold two digits at 18 px);
  // past about 35 outlets the map grows wider than the column and the page scrolls it.
  const step = Math.max(
    18,
    Math.min(56, Math.floor((COLUMN_WIDTH - 30 - yLabels - 120) / Math.max(1, order.length))),
  );
  return {
    title: chartTitle(
      "Attributions per outlet and source",
      "count of attributions in each cell; blank: none",
    ),
    data: { values },
    width: { step },
    height: { step: 18 },
    encoding: {
      x: {
        field: "outlet",
        type: "nominal",
        title: null,
        sort: outletLabels,
        scale: { domain: outletLabels },
        axis: { labelAngle: -35, labelLimit: 0, orient: "top" },
      },
      y: { field: "source", type: "nominal", title: null, sort: sources, axis: { labelLimit: 0 } },
      tooltip: [{ field: "source" }, { field: "outlet" }, { field: "attributions" }],
    },
    layer: [
      {
        mark: { type: "rect", tooltip: true },
        encoding: {
          color: {
            field: "attributions",
            type: "quantitative",
            title: "attributions",
            scale: { scheme: "yelloworangered", domain: [0, max], domainMin: 0 },
            legend: { orient: "right", tickMinStep: 1, format: "d" },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 10 },
        encoding: {
          text: { field: "attributions", type: "quantitative" },
          color: { condition: { test: "datum.dark", value: "white" }, value: "black" },
        },
      },
    ],
  };
}
