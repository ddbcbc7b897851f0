/**
 * The charts of notebook 02 (framing), as Vega-Lite specs built from the library's tables:
 * loaded share per outlet and target, category rates, loaded share by voice, the labels attached
 * to actors, and the terms that distinguish each outlet. Each function takes the table a measure
 * returns, keeps the rows the chart shows and returns a spec with inline data, to be shown with
 * `showVegaLite` (or rendered with `vegaLiteSvg`) from `lib/charts.ts`. Every interval chart draws
 * a rule from `lower` to `upper` and a filled point at the estimate.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { VegaLiteSpec } from "../render.ts";
import type { Target } from "../../resources/lexicon.ts";
import { attachedLabels } from "../../extract/actors.ts";
import { topDistinguishingTerms } from "../../measures/framing.ts";

function requireColumns(df: pl.DataFrame, chart: string, from: string, columns: string[]): void {
  const missing = columns.filter((c) => !df.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(
      `${chart}: the table lacks column(s) ${missing.join(", ")} ` +
        `(has ${df.columns.join(", ") || "none"}); pass the table from ${from}`,
    );
  }
}

/**
 * The two layers of an interval chart: a rule from `lower` to `upper` and a filled point at
 * `estimate`, one per outlet; `rule` and `point` add encodings (yOffset, color) to each.
 */
function intervalLayers(
  estimate: string,
  x: Record<string, unknown>,
  extra: { rule?: Record<string, unknown>; point?: Record<string, unknown> } = {},
): Record<string, unknown>[] {
  return [
    {
      mark: "rule",
      encoding: {
        y: { field: "outlet", type: "nominal", title: null },
        x: { field: "lower", type: "quantitative", ...x },
        x2: { field: "upper" },
        ...extra.rule,
      },
    },
    {
      mark: { type: "point", filled: true, size: 60 },
      encoding: {
        y: { field: "outlet", type: "nominal" },
        x: { field: estimate, type: "quantitative" },
        ...extra.point,
      },
    },
  ];
}

/** The x axis of a loaded share: titled, fixed to 0–1 (a fresh object for each spec). */
function shareAxis(): Record<string, unknown> {
  return { title: "loaded share", scale: { domain: [0, 1] } };
}

/**
 * Loaded share per outlet, one row of panels per target type: a point at the share and a rule
 * over its 95% interval, on a 0–1 axis. `share` is the table of `loadedShareByOutlet` (without
 * the voice split); every row is drawn.
 *
 * @example
 * ```ts
 * await showVegaLite(loadedShareChart(loadedShareByOutlet(hits, corpus.articles)));
 * ```
 */
export function loadedShareChart(share: pl.DataFrame): VegaLiteSpec {
  requireColumns(share, "loadedShareChart", "loadedShareByOutlet", [
    "outlet",
    "target",
    "share",
    "lower",
    "upper",
  ]);
  return {
    title: "Loaded share of references, by target and outlet (95% intervals)",
    data: { values: share.toRecords() },
    facet: { row: { field: "target", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: { step: 18 },
      layer: intervalLayers("share", shareAxis()),
    },
  };
}

/**
 * Hits per 1,000 body words per outlet, one column of panels per category (each with its own x
 * scale): a point at the rate and a rule over its 95% interval. `rates` is the table of
 * `categoryRatesByOutlet`; every row is drawn.
 *
 * @example
 * ```ts
 * await showVegaLite(categoryRatesChart(categoryRatesByOutlet(hits, corpus.articles)));
 * ```
 */
export function categoryRatesChart(rates: pl.DataFrame): VegaLiteSpec {
  requireColumns(rates, "categoryRatesChart", "categoryRatesByOutlet", [
    "outlet",
    "category",
    "rate_per_1000",
    "lower",
    "upper",
  ]);
  return {
    title: "Hits per 1,000 body words, by category (95% intervals)",
    data: { values: rates.toRecords() },
    facet: { column: { field: "category", type: "nominal", title: null } },
    spec: {
      width: 150,
      height: { step: 18 },
      layer: intervalLayers("rate_per_1000", { title: "per 1,000 words" }),
    },
    resolve: { scale: { x: "independent" } },
  };
}

/** Options of {@linkcode loadedShareByVoiceChart}. */
export interface VoiceChartOptions {
  /** The target type shown (default "person"). */
  target?: Target;
}

const TARGET_PLURAL: Record<Target, string> = {
  person: "people",
  state: "states",
  agreement: "agreements",
  action: "actions",
};

/**
 * Loaded share of references to one target type (default people), own voice against others'
 * words: per outlet, one point and interval rule per voice group, side by side and coloured by
 * voice group, on a 0–1 axis. `byVoice` is the table of `loadedShareByOutlet(..., { byVoiceGroup:
 * true })`; only the rows of `target` are drawn.
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
    "loadedShareByVoiceChart",
    "loadedShareByOutlet(..., { byVoiceGroup: true })",
    ["outlet", "voice_group", "target", "share", "lower", "upper"],
  );
  const target = opts.target ?? "person";
  if (!Object.hasOwn(TARGET_PLURAL, target)) {
    throw new Error(
      `loadedShareByVoiceChart: target must be one of ${
        Object.keys(TARGET_PLURAL).join(", ")
      }, got ${JSON.stringify(target)}`,
    );
  }
  return {
    title: `Loaded share of references to ${
      TARGET_PLURAL[target]
    }, own voice against others' words (95% intervals)`,
    data: { values: byVoice.filter(pl.col("target").eq(pl.lit(target))).toRecords() },
    width: 420,
    height: { step: 26 },
    layer: intervalLayers("share", shareAxis(), {
      rule: {
        yOffset: { field: "voice_group" },
        color: { field: "voice_group", type: "nominal", title: "voice" },
      },
      point: {
        yOffset: { field: "voice_group" },
        color: { field: "voice_group", type: "nominal" },
      },
    }),
  };
}

/** Options of {@linkcode actorLabelHeatmap}. */
export interface HeatmapOptions {
  /** The actors shown (canonical names); default: every actor of the table. */
  actors?: readonly string[];
  /** What the actors are, for the title: "Labels attached to {subject}, …" (default "actors"). */
  subject?: string;
}

/** Colours of the label categories in the heat map: red negative, blue positive, grey neutral. */
const LABEL_COLOURS = {
  domain: ["loaded_negative", "loaded_positive", "neutral"],
  range: ["#c0392b", "#2e86c1", "#aab7b8"],
};

/**
 * Labels attached to actors, as a heat map: one row per outlet · actor, one column per label, one
 * panel per voice; a cell coloured by the label's category holds the count of mentions. `labels`
 * is the table of `actorLabels`; mentions without a label ("(name only)") are left out, and only
 * `actors` are shown when given (see `attachedLabels`).
 *
 * @example
 * ```ts
 * const labels = actorLabels(mentionsTable(corpus, actors, lexicon, attributions));
 * await showVegaLite(
 *   actorLabelHeatmap(labels, { actors: actorsOfType(actors, "person"), subject: "people" }),
 * );
 * ```
 */
export function actorLabelHeatmap(
  labels: pl.DataFrame,
  opts: HeatmapOptions = {},
): VegaLiteSpec {
  requireColumns(labels, "actorLabelHeatmap", "actorLabels", [
    "outlet",
    "actor",
    "label",
    "label_category",
    "voice",
    "mentions",
  ]);
  const shown = attachedLabels(labels, { actors: opts.actors }).withColumns(
    pl.concatString([pl.col("outlet"), pl.col("actor")], " · ").alias("outlet · actor"),
  );
  return {
    title: `Labels attached to ${
      opts.subject ?? "actors"
    }, by outlet and voice (count of mentions)`,
    data: { values: shown.toRecords() },
    facet: { column: { field: "voice", type: "nominal", title: "voice" } },
    spec: {
      width: { step: 36 },
      height: { step: 20 },
      layer: [
        {
          mark: "rect",
          encoding: {
            x: { field: "label", type: "nominal", title: null, axis: { labelAngle: -40 } },
            y: {
              field: "outlet · actor",
              type: "nominal",
              title: null,
              axis: { labelLimit: 260 },
            },
            color: {
              field: "label_category",
              type: "nominal",
              title: "category",
              scale: { domain: [...LABEL_COLOURS.domain], range: [...LABEL_COLOURS.range] },
            },
          },
        },
        {
          mark: { type: "text", color: "white" },
          encoding: {
            x: { field: "label", type: "nominal" },
            y: { field: "outlet · actor", type: "nominal" },
            text: { field: "mentions", type: "quantitative" },
          },
        },
      ],
    },
  };
}

/** Options of {@linkcode distinguishingTermsChart}. */
export interface DistinguishingChartOptions {
  /** Terms shown per outlet at most (default 6). */
  perOutlet?: number;
}

/**
 * The terms that most distinguish each outlet, as bars of their weighted log-odds z, one row of
 * panels per outlet (each with its own terms), coloured by category. `distinct` is the table of
 * `distinguishingTerms`; per outlet the `perOutlet` terms with the highest positive z are shown
 * (see `topDistinguishingTerms`).
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
  requireColumns(distinct, "distinguishingTermsChart", "distinguishingTerms", [
    "outlet",
    "term",
    "category",
    "z",
  ]);
  const top = topDistinguishingTerms(distinct, { perOutlet: opts.perOutlet ?? 6 });
  return {
    title: "Most distinguishing terms per outlet (weighted log-odds z)",
    data: { values: top.toRecords() },
    facet: { row: { field: "outlet", type: "nominal", title: null } },
    spec: {
      width: 360,
      height: { step: 14 },
      mark: "bar",
      encoding: {
        y: { field: "term", type: "nominal", sort: "-x", title: null },
        x: { field: "z", type: "quantitative", title: "z (log-odds / s.e.)" },
        color: { field: "category", type: "nominal" },
      },
    },
    resolve: { scale: { y: "independent" } },
  };
}
