/**
 * The charts of notebook 02 (framing), as Vega-Lite specs built from the library's tables:
 * loaded share per outlet and target, category rates, loaded share by voice, the labels attached
 * to actors, and the terms that distinguish each outlet. Each function takes the table a measure
 * returns, keeps the rows the chart shows and returns a spec with inline data, to be shown with
 * `showVegaLite` (or rendered with `vegaLiteSvg`) from `../render.ts`.
 *
 * Every interval chart draws a rule from `lower` to `upper` and a filled point at the estimate,
 * writes "k of n" beside it, draws estimates from fewer than five references lighter, and writes
 * "no references" in a row with nothing to estimate. Categories and voices take their words and
 * colours from `../scales.ts`; outlets their labels and order from `../outlets.ts`.
 *
 * @module
 */
import type pl from "nodejs-polars";
import type { VegaLiteSpec } from "../render.ts";
import { type Target, TARGETS } from "../../resources/lexicon.ts";
import { attachedLabels } from "../../extract/actors.ts";
import { topDistinguishingTerms } from "../../measures/framing.ts";
import {
  colourEncoding,
  FRAMING_CATEGORY,
  labelOf,
  presentValues,
  rankOf,
  VOICE,
  VOICE_GROUP,
} from "../scales.ts";
import { compareOutlets, outletLabel, outletOrder } from "../outlets.ts";
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

/** Words for the target types, as panel headers and in titles. */
const TARGET_WORDS: Record<Target, string> = {
  person: "people",
  state: "states",
  agreement: "agreements",
  action: "actions",
};

/** Options shared by the per-outlet charts. */
export interface OutletChartOptions {
  /**
   * Every outlet to give a row (e.g. the outlet column of `corpus.articles`); an outlet with no
   * references reads "no references". Default: the outlets of the table.
   */
  outlets?: Iterable<unknown>;
}

const NO_REFERENCES = "no references";
const ESTIMATE_COLOUR = "#333333";

/** One row of an interval chart: an estimate with its interval and counts, or an empty row. */
interface IntervalRow {
  outlet: string;
  panel?: string;
  group?: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  count: string;
  value: string;
  interval: string;
  method: string;
  empty: boolean;
}

/** What {@linkcode intervalLayers} adds to the standard layers. */
interface IntervalExtras {
  /** Encodings added to the rule and point (yOffset, colour). */
  encoding?: Record<string, unknown>;
  /** Tooltip fields shown after the outlet (the panel or group). */
  tooltip?: Record<string, unknown>[];
  /** Pixel x of the "k of n" column (the plot's right edge). */
  countX: number;
}

/**
 * The layers of an interval chart: rule over the interval, point at the estimate, "k of n" (or
 * "no references") at the right edge of the plot.
 */
function intervalLayers(
  y: Record<string, unknown>,
  xTitle: string,
  xScale: Record<string, unknown>,
  valueTitle: string,
  extras: IntervalExtras,
): Record<string, unknown>[] {
  const tooltip = [
    { field: "outlet" },
    ...(extras.tooltip ?? []),
    { field: "value", title: valueTitle },
    { field: "count", title: "references" },
    { field: "interval", title: "95% interval" },
    { field: "method", title: "interval method" },
  ];
  const extra = extras.encoding ?? {};
  const filled = { filter: "!datum.empty" };
  return [
    {
      transform: [filled],
      mark: { type: "rule", strokeWidth: 2, tooltip: true },
      encoding: {
        y,
        x: {
          field: "lower",
          type: "quantitative",
          title: xTitle,
          scale: xScale,
          axis: { format: ".0%" },
        },
        x2: { field: "upper" },
        opacity: fewOpacity("n"),
        tooltip,
        ...extra,
      },
    },
    {
      transform: [filled],
      mark: { type: "point", filled: true, size: 70, tooltip: true },
      encoding: {
        y,
        x: { field: "estimate", type: "quantitative" },
        opacity: fewOpacity("n"),
        tooltip,
        ...extra,
      },
    },
    {
      mark: { type: "text", align: "left", baseline: "middle", dx: 6, color: "#555" },
      encoding: {
        y,
        x: { value: extras.countX },
        text: { field: "count" },
        tooltip,
        ...("yOffset" in extra ? { yOffset: extra.yOffset } : {}),
      },
    },
  ];
}

/**
 * Turns share rows (loaded / loaded + neutral) into interval rows, one per outlet × panel
 * (× group), with an empty row where the table has none.
 */
function shareRows(
  records: Record<string, unknown>[],
  outlets: string[],
  panels: Array<{ key: string; label: string }>,
  panelOf: (r: Record<string, unknown>) => string,
  groups: Array<{ key: string; label: string }> | null,
  groupOf: (r: Record<string, unknown>) => string,
): IntervalRow[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const r of records) {
    byKey.set(`${r.outlet}\u0000${panelOf(r)}\u0000${groups ? groupOf(r) : ""}`, r);
  }
  const rows: IntervalRow[] = [];
  for (const panel of panels) {
    for (const outlet of outlets) {
      for (const group of groups ?? [{ key: "", label: "" }]) {
        const r = byKey.get(`${outlet}\u0000${panel.key}\u0000${group.key}`);
        const base = {
          outlet: outletLabel(outlet),
          ...(panels.length > 1 || panel.key !== "" ? { panel: panel.label } : {}),
          ...(groups ? { group: group.label } : {}),
        };
        if (!r) {
          rows.push({
            ...base,
            estimate: null,
            lower: null,
            upper: null,
            n: 0,
            count: groups ? `${group.label}: ${NO_REFERENCES}` : NO_REFERENCES,
            value: "–",
            interval: "–",
            method: "–",
            empty: true,
          });
          continue;
        }
        const loaded = Number(r.loaded);
        const n = loaded + Number(r.neutral);
        rows.push({
          ...base,
          estimate: Number(r.share),
          lower: Number(r.lower),
          upper: Number(r.upper),
          n,
          count: `${loaded} of ${n}`,
          value: percent(Number(r.share)),
          interval: percentInterval(Number(r.lower), Number(r.upper)),
          method: String(r.method ?? ""),
          empty: false,
        });
      }
    }
  }
  return rows;
}

function outletAxis(labels: string[]): Record<string, unknown> {
  return { field: "outlet", type: "nominal", title: null, sort: labels, axis: { labelLimit: 0 } };
}

/**
 * Loaded share per outlet, one panel per target type (people, states, agreements, actions): a
 * point at the share and a rule over its 95% interval on a 0–1 axis, "k of n" references beside
 * each row, a lighter mark below five references, and "no references" where an outlet never
 * refers to that target. `share` is the table of `loadedShareByOutlet` (without the voice split).
 *
 * @example
 * ```ts
 * await showVegaLite(loadedShareChart(loadedShareByOutlet(hits, corpus.articles), {
 *   outlets: corpus.articles.getColumn("outlet"),
 * }));
 * ```
 */
export function loadedShareChart(share: pl.DataFrame, opts: OutletChartOptions = {}): VegaLiteSpec {
  requireColumns(
    share,
    [
      "outlet",
      "target",
      "loaded",
      "neutral",
      "share",
      "lower",
      "upper",
    ],
    "loadedShareChart: the table",
    "the table from loadedShareByOutlet",
  );
  const records = share.toRecords() as Record<string, unknown>[];
  const outlets = outletOrder([...(opts.outlets ?? []), ...records.map((r) => r.outlet)]);
  const present = new Set(records.map((r) => String(r.target)));
  const panels = TARGETS.filter((t) => present.has(t)).map((t) => ({
    key: t,
    label: `references to ${TARGET_WORDS[t]}`,
  }));
  const rows = shareRows(records, outlets, panels, (r) => String(r.target), null, () => "");
  const labels = outlets.map(outletLabel);
  const right = textWidth("1000 of 1000") + 12;
  const width = plotWidth({ yLabels: widestText(labels) + 10, right, max: 460 });
  const y = outletAxis(labels);
  return {
    title: chartTitle(
      "Loaded share of references, by target and outlet",
      `loaded ÷ (loaded + neutral); rule: 95% interval; beside: loaded of all references; ${FEW_NOTE}`,
    ),
    data: { values: rows },
    facet: {
      row: {
        field: "panel",
        type: "nominal",
        title: null,
        sort: panels.map((p) => p.label),
        header: {
          labelAngle: 0,
          labelOrient: "top",
          labelAnchor: "start",
          labelFontWeight: "bold",
        },
      },
    },
    spec: {
      width,
      height: { step: 20 },
      layer: intervalLayers(y, "loaded share", { domain: [0, 1] }, "loaded share", {
        encoding: { color: { value: ESTIMATE_COLOUR } },
        tooltip: [{ field: "panel", title: "target" }],
        countX: width,
      }),
    },
  };
}

/**
 * Hits per 1,000 body words per outlet, one column of panels per category (each with its own x
 * scale, headed by the category's words and drawn in its colour): a point at the rate, a rule
 * over its 95% interval, the hit count in the tooltip and a lighter mark below five hits.
 * `rates` is the table of `categoryRatesByOutlet`; every row is drawn.
 *
 * @example
 * ```ts
 * await showVegaLite(categoryRatesChart(categoryRatesByOutlet(hits, corpus.articles)));
 * ```
 */
export function categoryRatesChart(
  rates: pl.DataFrame,
  opts: OutletChartOptions = {},
): VegaLiteSpec {
  requireColumns(
    rates,
    [
      "outlet",
      "category",
      "rate_per_1000",
      "lower",
      "upper",
    ],
    "categoryRatesChart: the table",
    "the table from categoryRatesByOutlet",
  );
  const records = rates.toRecords() as Record<string, unknown>[];
  const outlets = outletOrder([...(opts.outlets ?? []), ...records.map((r) => r.outlet)]);
  const labels = outlets.map(outletLabel);
  const categories = presentValues(FRAMING_CATEGORY, records.map((r) => r.category as string));
  const values = records.map((r) => {
    const hits = Number(r.hits ?? NaN);
    return {
      outlet: outletLabel(String(r.outlet)),
      category: labelOf(FRAMING_CATEGORY, r.category as string),
      rate: Number(r.rate_per_1000),
      lower: Number(r.lower),
      upper: Number(r.upper),
      n: Number.isFinite(hits) ? hits : 0,
      hits: Number.isFinite(hits) ? `${hits} in ${r.n_words ?? "?"} words` : "–",
      value: Number(r.rate_per_1000).toFixed(2),
      interval: `${Number(r.lower).toFixed(2)}–${Number(r.upper).toFixed(2)}`,
      method: String(r.method ?? ""),
    };
  });
  const yLabels = widestText(labels) + 10;
  const panels = Math.max(1, categories.length);
  const panelWidth = Math.max(
    90,
    Math.min(170, Math.floor((COLUMN_WIDTH - 40 - yLabels - 12 * panels) / panels)),
  );
  const colour = colourEncoding(FRAMING_CATEGORY, "category", categories, { legend: false });
  const tooltip = [
    { field: "outlet" },
    { field: "category" },
    { field: "value", title: "hits per 1,000 words" },
    { field: "hits", title: "hits" },
    { field: "interval", title: "95% interval" },
    { field: "method", title: "interval method" },
  ];
  const y = outletAxis(labels);
  return {
    title: chartTitle(
      "Hits per 1,000 body words, by category",
      `rule: 95% interval; hover a mark for the hit count; ${FEW_NOTE} hits`,
    ),
    data: { values },
    facet: {
      column: {
        field: "category",
        type: "nominal",
        title: null,
        sort: categories.map((c) => labelOf(FRAMING_CATEGORY, c)),
        header: { labelFontWeight: "bold" },
      },
    },
    spec: {
      width: panelWidth,
      height: { step: 20 },
      layer: [
        {
          mark: { type: "rule", strokeWidth: 2, tooltip: true },
          encoding: {
            y,
            x: { field: "lower", type: "quantitative", title: "per 1,000 words" },
            x2: { field: "upper" },
            color: colour,
            opacity: fewOpacity("n"),
            tooltip,
          },
        },
        {
          mark: { type: "point", filled: true, size: 70, tooltip: true },
          encoding: {
            y,
            x: { field: "rate", type: "quantitative" },
            color: colour,
            opacity: fewOpacity("n"),
            tooltip,
          },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
  };
}

/** Options of {@linkcode loadedShareByVoiceChart}. */
export interface VoiceChartOptions extends OutletChartOptions {
  /** The target type shown (default "person"). */
  target?: Target;
}

/**
 * Loaded share of references to one target type (default people), own voice against others'
 * words: per outlet, one point and interval rule per voice group, side by side and coloured by
 * voice group, on a 0–1 axis, with "k of n" beside each and "no references" for a voice group
 * with none. `byVoice` is the table of `loadedShareByOutlet(..., { byVoiceGroup: true })`; only
 * the rows of `target` are drawn.
 *
 * @example
 * ```ts
 * const byVoice = loadedShareByOutlet(hits, corpus.articles, { byVoiceGroup: true });
 * await showVegaLite(loadedShareByVoiceChart(byVoice, { target: "person" }));
 * ```
 */
export function loadedShareByVoiceChart(
  byVoice: pl.DataFrame,
  opts: VoiceChartOptions = {},
): VegaLiteSpec {
  requireColumns(
    byVoice,
    ["outlet", "voice_group", "target", "loaded", "neutral", "share", "lower", "upper"],
    "loadedShareByVoiceChart: the table",
    "the table from loadedShareByOutlet(..., { byVoiceGroup: true })",
  );
  const target = opts.target ?? "person";
  if (!Object.hasOwn(TARGET_WORDS, target)) {
    throw new Error(
      `loadedShareByVoiceChart: target must be one of ${
        Object.keys(TARGET_WORDS).join(", ")
      }, got ${JSON.stringify(target)}`,
    );
  }
  const all = byVoice.toRecords() as Record<string, unknown>[];
  const records = all.filter((r) => r.target === target);
  const outlets = outletOrder([...(opts.outlets ?? []), ...all.map((r) => r.outlet)]);
  const groups = VOICE_GROUP.entries.map((e) => ({ key: e.value, label: e.label }));
  const rows = shareRows(
    records,
    outlets,
    [{ key: target, label: "" }],
    (r) => String(r.target),
    groups,
    (r) => String(r.voice_group),
  ).map(({ panel: _p, ...r }) => r);
  const labels = outlets.map(outletLabel);
  const right = textWidth("others' words: no references") + 12;
  const colour = colourEncoding(VOICE_GROUP, "group", groups.map((g) => g.key), {
    legend: "bottom",
  });
  const width = plotWidth({ yLabels: widestText(labels) + 10, right, max: 440 });
  const y = outletAxis(labels);
  const layers = intervalLayers(y, "loaded share", { domain: [0, 1] }, "loaded share", {
    encoding: {
      yOffset: { field: "group", sort: groups.map((g) => g.label) },
      color: colour,
    },
    tooltip: [{ field: "group", title: "voice" }],
    countX: width,
  });
  return {
    title: chartTitle(
      `Loaded share of references to ${TARGET_WORDS[target]}, own voice against others' words`,
      `rule: 95% interval; beside: loaded of all references; ${FEW_NOTE}`,
    ),
    data: { values: rows },
    width,
    height: { step: 34 },
    layer: layers,
  };
}

/** Options of {@linkcode actorLabelHeatmap}. */
export interface HeatmapOptions {
  /** The actors shown (canonical names); default: every actor of the table. */
  actors?: readonly string[];
  /** What the actors are, for the title: "Labels attached to {subject}, …" (default "actors"). */
  subject?: string;
}

/**
 * Labels attached to actors, as a heat map: one row per outlet · actor, one column per label, one
 * panel per voice (stacked, so the chart stays in the column); a cell coloured by the label's
 * category holds the count of mentions. `labels` is the table of `actorLabels`; mentions without
 * a label ("(name only)") are left out, and only `actors` are shown when given (see
 * `attachedLabels`).
 *
 * @example
 * ```ts
 * const labels = actorLabels(corpus.mentions);
 * await showVegaLite(
 *   actorLabelHeatmap(labels, { actors: actorsOfType(actors, "person"), subject: "people" }),
 * );
 * ```
 */
export function actorLabelHeatmap(
  labels: pl.DataFrame,
  opts: HeatmapOptions = {},
): VegaLiteSpec {
  requireColumns(
    labels,
    [
      "outlet",
      "actor",
      "label",
      "label_category",
      "voice",
      "mentions",
    ],
    "actorLabelHeatmap: the table",
    "the table from actorLabels",
  );
  const shown = attachedLabels(labels, { actors: opts.actors });
  const records = shown.toRecords() as Record<string, unknown>[];
  const rowKey = (r: Record<string, unknown>) => `${outletLabel(String(r.outlet))} · ${r.actor}`;
  const rowOrder = [...new Map(records.map((r) => [rowKey(r), r])).values()]
    .sort((a, b) =>
      compareOutlets(String(a.outlet), String(b.outlet)) ||
      String(a.actor).localeCompare(String(b.actor))
    ).map(rowKey);
  const categories = presentValues(
    FRAMING_CATEGORY,
    records.map((r) => r.label_category as string),
  );
  const values = records.map((r) => ({
    row: rowKey(r),
    outlet: outletLabel(String(r.outlet)),
    actor: String(r.actor),
    label: String(r.label),
    category: labelOf(FRAMING_CATEGORY, r.label_category as string),
    rank: rankOf(FRAMING_CATEGORY, r.label_category as string),
    voice: labelOf(VOICE, r.voice as string),
    mentions: Number(r.mentions),
    light: r.label_category === "neutral",
  }));
  const labelOrder = [...new Map(values.map((v) => [v.label, v])).values()]
    .sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label)).map((v) => v.label);
  const voices = presentValues(VOICE, records.map((r) => r.voice as string)).map((v) =>
    labelOf(VOICE, v)
  );
  const yLabels = widestText(rowOrder) + 10;
  const step = Math.max(
    16,
    Math.min(30, Math.floor((COLUMN_WIDTH - 60 - yLabels) / Math.max(1, labelOrder.length))),
  );
  const colour = colourEncoding(FRAMING_CATEGORY, "category", categories, { legend: "bottom" });
  const tooltip = [
    { field: "outlet" },
    { field: "actor" },
    { field: "label" },
    { field: "category" },
    { field: "voice" },
    { field: "mentions" },
  ];
  return {
    title: chartTitle(
      `Labels attached to ${opts.subject ?? "actors"}, by outlet and voice`,
      "number in a cell: mentions with that label; one panel per voice",
    ),
    data: { values },
    facet: {
      row: {
        field: "voice",
        type: "nominal",
        title: null,
        sort: voices,
        header: {
          labelAngle: 0,
          labelOrient: "top",
          labelAnchor: "start",
          labelFontWeight: "bold",
        },
      },
    },
    spec: {
      width: { step },
      height: { step: 20 },
      encoding: {
        x: {
          field: "label",
          type: "nominal",
          title: null,
          sort: labelOrder,
          axis: { labelAngle: -40, labelLimit: 0 },
        },
        y: { field: "row", type: "nominal", title: null, sort: rowOrder, axis: { labelLimit: 0 } },
        tooltip,
      },
      layer: [
        { mark: { type: "rect", tooltip: true }, encoding: { color: colour } },
        {
          mark: { type: "text", fontSize: 10 },
          encoding: {
            text: { field: "mentions", type: "quantitative" },
            color: { condition: { test: "datum.light", value: "black" }, value: "white" },
          },
        },
      ],
    },
    resolve: { scale: { x: "independent", y: "independent" } },
  };
}

/** Options of {@linkcode distinguishingTermsChart}. */
export interface DistinguishingChartOptions {
  /** Terms shown per outlet at most (default 6). */
  perOutlet?: number;
}

/**
 * The terms that most distinguish each outlet, as bars of their weighted log-odds z, one panel
 * per outlet (in the shared outlet order, each with its own terms), coloured by category, the
 * outlet's count of the term at the end of each bar and a lighter bar below five uses.
 * `distinct` is the table of `distinguishingTerms`; per outlet the `perOutlet` terms with the
 * highest positive z are shown (see `topDistinguishingTerms`).
 *
 * @example
 * ```ts
 * const distinct = distinguishingTerms(hits, corpus.articles, { minCount: 2 });
 * await showVegaLite(distinguishingTermsChart(distinct, { perOutlet: 6 }));
 * ```
 */
export function distinguishingTermsChart(
  distinct: pl.DataFrame,
  opts: DistinguishingChartOptions = {},
): VegaLiteSpec {
  requireColumns(
    distinct,
    [
      "outlet",
      "term",
      "category",
      "z",
    ],
    "distinguishingTermsChart: the table",
    "the table from distinguishingTerms",
  );
  const top = topDistinguishingTerms(distinct, { perOutlet: opts.perOutlet ?? 6 });
  const records = top.toRecords() as Record<string, unknown>[];
  const outlets = outletOrder(records.map((r) => r.outlet));
  const values = records.map((r, i) => ({
    rank: i,
    outlet: outletLabel(String(r.outlet)),
    term: String(r.term),
    category: labelOf(FRAMING_CATEGORY, r.category as string),
    z: Number(r.z),
    zText: Number(r.z).toFixed(2),
    n: Number(r.count_outlet ?? 0),
    rest: r.count_rest ?? null,
  }));
  const categories = presentValues(FRAMING_CATEGORY, records.map((r) => r.category as string));
  const colour = colourEncoding(FRAMING_CATEGORY, "category", categories, { legend: "bottom" });
  const yLabels = widestText(values.map((v) => v.term)) + 10;
  const width = plotWidth({ yLabels, right: 40, max: 420 });
  const tooltip = [
    { field: "outlet" },
    { field: "term" },
    { field: "category" },
    { field: "zText", title: "z" },
    { field: "n", title: "uses in this outlet" },
    { field: "rest", title: "uses in the other outlets" },
  ];
  const y = {
    field: "term",
    type: "nominal",
    sort: { field: "rank", op: "min" },
    title: null,
    axis: { labelLimit: 0 },
  };
  return {
    title: chartTitle(
      "Most distinguishing terms per outlet (weighted log-odds z)",
      `number at the bar: uses in the outlet; ${FEW_NOTE} uses`,
    ),
    data: { values },
    facet: {
      row: {
        field: "outlet",
        type: "nominal",
        title: null,
        sort: outlets.map(outletLabel),
        header: {
          labelAngle: 0,
          labelOrient: "top",
          labelAnchor: "start",
          labelFontWeight: "bold",
        },
      },
    },
    spec: {
      width,
      height: { step: 16 },
      layer: [
        {
          mark: { type: "bar", tooltip: true },
          encoding: {
            y,
            x: { field: "z", type: "quantitative", title: "z (log-odds ÷ s.e.)" },
            color: colour,
            stroke: outlineLike(colour),
            fillOpacity: fewOpacity("n"),
            tooltip,
          },
        },
        {
          mark: { type: "text", align: "left", dx: 4, color: "#333" },
          encoding: {
            y,
            x: { field: "z", type: "quantitative" },
            text: { field: "n", type: "quantitative" },
            tooltip,
          },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
  };
}
