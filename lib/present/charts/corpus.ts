/**
 * The charts and headline of notebook 01 (the corpus), built from the tables of `loadCorpus()`
 * and `lib/measures/corpus.ts`, so the notebook's cells are a few lines and a researcher can draw
 * the same figures for another corpus.
 *
 * @module
 */
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import type { VegaLiteSpec } from "../render.ts";
import {
  CLEANING_CATEGORY,
  colourEncoding,
  colourOf,
  labelOf,
  presentValues,
  rankOf,
} from "../scales.ts";
import { compareOutlets, outletCountWords, outletLabel } from "../outlets.ts";
import { chartTitle, plotWidth, textWidth, widestText } from "./layout.ts";
import { requireColumns } from "../../tables/schema.ts";

/** The parts of a loaded corpus that {@linkcode corpusHeadline} reads. */
export interface CorpusCounts {
  articles: pl.DataFrame;
  paragraphs: pl.DataFrame;
  sentences: pl.DataFrame;
  removed: pl.DataFrame;
}

/**
 * One markdown sentence saying what was loaded: articles, named outlets and articles whose outlet
 * is not given (the wording of `outletCountWords`, the same in every notebook), words,
 * paragraphs, sentences and the lines cleaning removed.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * await showMarkdown(corpusHeadline(corpus));
 * // "Loaded **5** articles: 2 named outlets and 3 articles whose outlet is not given; …"
 * ```
 */
export function corpusHeadline(corpus: CorpusCounts): string {
  const { articles } = corpus;
  const words = articles.height === 0 ? 0 : Number(articles.getColumn("n_words").sum());
  return `Loaded **${articles.height}** articles: ` +
    `${outletCountWords(articles.getColumn("outlet").toArray())}; **${words}** words in ` +
    `**${corpus.paragraphs.height}** paragraphs and **${corpus.sentences.height}** sentences; ` +
    `cleaning removed **${corpus.removed.height}** lines.`;
}

/** An article's label on a chart: "outlet · id" (the outlet as `outletLabel` words it). */
function articleLabel(outlet: unknown, id: unknown): string {
  const o = outletLabel(outlet === null || outlet === undefined ? "" : String(outlet));
  const i = String(id);
  return o.endsWith(`(${i})`) ? o : `${o} · ${i}`;
}

/** Article labels in the shared outlet order, then by id. */
function articleOrder(articles: pl.DataFrame): Array<{ id: string; label: string }> {
  const rows = articles.select("id", "outlet").toRecords() as Record<string, unknown>[];
  return rows.map((r) => ({ id: String(r.id), outlet: String(r.outlet ?? "") }))
    .sort((a, b) => compareOutlets(a.outlet, b.outlet) || a.id.localeCompare(b.id))
    .map((r) => ({ id: r.id, label: articleLabel(r.outlet, r.id) }));
}

/**
 * Most articles a per-article chart draws one bar each for; a larger corpus is summarised per
 * outlet (a chart of 100,000 bars is neither readable nor quick to draw).
 */
export const ARTICLE_BARS_MAX = 60;

/** Outlet labels in the shared outlet order. */
function outletLabels(outlets: readonly string[]): string[] {
  return [...new Set(outlets)].sort(compareOutlets).map((o) => outletLabel(o));
}

/**
 * Words per article summarised per outlet (the chart {@linkcode wordsPerArticleChart} draws for
 * more than {@linkcode ARTICLE_BARS_MAX} articles): per outlet the range of words per article
 * (line), the middle half (bar, first to third quartile) and the median (tick and number), with
 * the number of articles in the tooltip.
 *
 * @example
 * ```ts
 * await showVegaLite(wordsPerOutletChart(corpus.articles));
 * ```
 */
export function wordsPerOutletChart(articles: pl.DataFrame): VegaLiteSpec {
  requireColumns(
    articles,
    ["outlet", "n_words"],
    "wordsPerOutletChart: the articles table",
    "corpus.articles of openCorpus() or loadCorpus()",
  );
  const stats = articles.select(pl.col("outlet").fillNull(pl.lit("")), pl.col("n_words"))
    .groupBy("outlet").agg(
      pl.len().alias("articles"),
      pl.col("n_words").min().alias("min"),
      pl.col("n_words").quantile(0.25).alias("q1"),
      pl.col("n_words").median().alias("median"),
      pl.col("n_words").quantile(0.75).alias("q3"),
      pl.col("n_words").max().alias("max"),
    );
  const values = (stats.toRecords() as Record<string, unknown>[]).map((r) => ({
    outlet: outletLabel(String(r.outlet)),
    articles: Number(r.articles),
    min: Number(r.min),
    q1: Number(r.q1),
    median: Number(r.median),
    q3: Number(r.q3),
    max: Number(r.max),
  }));
  const labels = outletLabels(stats.getColumn("outlet").toArray() as string[]);
  const width = plotWidth({ yLabels: widestText(labels) + 10, right: 60, max: 460 });
  const y = {
    field: "outlet",
    type: "nominal",
    title: null,
    sort: labels,
    axis: { labelLimit: 0 },
  };
  const tooltip = [
    { field: "outlet" },
    { field: "articles", format: "," },
    { field: "min", title: "fewest words" },
    { field: "q1", title: "first quartile" },
    { field: "median", title: "median words" },
    { field: "q3", title: "third quartile" },
    { field: "max", title: "most words" },
  ];
  const x = (field: string) => ({ field, type: "quantitative", title: "words in body" });
  return {
    title: chartTitle(
      "Words per article, per outlet",
      "body only (title excluded); line: range, bar: middle half, number: median",
    ),
    data: { values },
    width,
    height: { step: 20 },
    layer: [
      {
        mark: { type: "rule", color: "#888" },
        encoding: { y, x: x("min"), x2: { field: "max" }, tooltip },
      },
      {
        mark: { type: "bar", color: "#4c78a8", height: 12, tooltip: true },
        encoding: { y, x: x("q1"), x2: { field: "q3" }, tooltip },
      },
      {
        mark: { type: "tick", color: "#222", thickness: 2 },
        encoding: { y, x: x("median"), tooltip },
      },
      {
        mark: { type: "text", align: "left", dx: 4, color: "#333" },
        encoding: {
          y,
          x: { field: "max", type: "quantitative" },
          text: { field: "median", type: "quantitative", format: "," },
          tooltip,
        },
      },
    ],
  };
}

/**
 * Lines cleaning removed, summed per outlet and rule category (the chart
 * {@linkcode removedLinesChart} draws for more than {@linkcode ARTICLE_BARS_MAX} articles), the
 * total and the number of articles beside each bar.
 *
 * @example
 * ```ts
 * await showVegaLite(removedLinesByOutletChart(removedByCategory(corpus.removed, corpus.articles), corpus.articles));
 * ```
 */
export function removedLinesByOutletChart(
  removedCounts: pl.DataFrame,
  articles: pl.DataFrame,
): VegaLiteSpec {
  requireColumns(
    removedCounts,
    ["article_id", "category", "n_lines"],
    "removedLinesByOutletChart: the table",
    "the table from removedByCategory(corpus.removed, corpus.articles)",
  );
  requireColumns(
    articles,
    ["id", "outlet"],
    "removedLinesByOutletChart: the articles table",
    "corpus.articles of openCorpus() or loadCorpus()",
  );
  const outlets = articles.select(
    pl.col("id").alias("article_id"),
    pl.col("outlet").fillNull(pl.lit("")),
  );
  const perOutlet = outlets.groupBy("outlet").agg(pl.len().alias("articles"));
  const sums = removedCounts.select("article_id", "category", "n_lines")
    .join(outlets, { on: "article_id", how: "inner" })
    .groupBy(["outlet", "category"]).agg(pl.col("n_lines").sum().alias("lines"));
  const records = sums.toRecords() as Record<string, unknown>[];
  const totals = new Map<string, number>();
  for (const r of records) {
    totals.set(String(r.outlet), (totals.get(String(r.outlet)) ?? 0) + Number(r.lines));
  }
  const segments = records.map((r) => ({
    outlet: outletLabel(String(r.outlet)),
    category: labelOf(CLEANING_CATEGORY, r.category as string),
    rank: rankOf(CLEANING_CATEGORY, r.category as string),
    lines: Number(r.lines),
  }));
  const rows = (perOutlet.toRecords() as Record<string, unknown>[]).map((r) => {
    const total = totals.get(String(r.outlet)) ?? 0;
    const n = Number(r.articles);
    return {
      outlet: outletLabel(String(r.outlet)),
      total,
      note: `${total.toLocaleString("en")} in ${n.toLocaleString("en")} article${
        n === 1 ? "" : "s"
      }`,
    };
  });
  const labels = outletLabels(perOutlet.getColumn("outlet").toArray() as string[]);
  const colour = colourEncoding(
    CLEANING_CATEGORY,
    "category",
    records.map((r) => r.category as string),
    { legend: "bottom" },
  );
  const width = plotWidth({
    yLabels: widestText(labels) + 10,
    right: textWidth("1,000,000 in 100,000 articles") + 10,
    max: 460,
  });
  const y = {
    field: "outlet",
    type: "nominal",
    title: null,
    sort: labels,
    axis: { labelLimit: 0 },
  };
  return {
    title: chartTitle(
      "Lines removed by cleaning, per outlet and rule category",
      "beside a bar: lines removed in all, and the outlet's articles",
    ),
    width,
    height: { step: 22 },
    layer: [
      {
        data: { values: segments },
        mark: { type: "bar", tooltip: true },
        encoding: {
          y,
          x: { field: "lines", type: "quantitative", stack: "zero", title: "lines removed" },
          color: colour,
          order: { field: "rank", type: "quantitative" },
          tooltip: [
            { field: "outlet" },
            { field: "category", title: "rule category" },
            { field: "lines", title: "lines removed", format: "," },
          ],
        },
      },
      {
        data: { values: rows },
        mark: { type: "text", align: "left", dx: 4, color: "#333" },
        encoding: {
          y,
          x: { field: "total", type: "quantitative" },
          text: { field: "note" },
          tooltip: [{ field: "outlet" }, { field: "total", title: "lines removed", format: "," }],
        },
      },
    ],
  };
}

/**
 * Horizontal bars of words per article (body only), one bar per article labelled
 * "outlet · id" in the shared outlet order, the count at the end of each bar and the title in
 * the tooltip. Outlets are labelled, not colour-coded, so forty outlets read as well as four.
 *
 * @example
 * ```ts
 * await showVegaLite(wordsPerArticleChart(corpus.articles));
 * ```
 */
export function wordsPerArticleChart(articles: pl.DataFrame): VegaLiteSpec {
  requireColumns(
    articles,
    ["id", "outlet", "n_words"],
    "wordsPerArticleChart: the articles table",
    "corpus.articles of openCorpus() or loadCorpus()",
  );
  if (articles.height > ARTICLE_BARS_MAX) return wordsPerOutletChart(articles);
  const order = articleOrder(articles);
  const hasTitle = articles.columns.includes("title");
  const values = (articles.toRecords() as Record<string, unknown>[]).map((r) => ({
    article: articleLabel(r.outlet, r.id),
    id: String(r.id),
    outlet: outletLabel(r.outlet === null ? "" : String(r.outlet)),
    title: hasTitle && r.title !== null && r.title !== undefined ? String(r.title) : "",
    words: Number(r.n_words),
  }));
  const labels = order.map((o) => o.label);
  const width = plotWidth({ yLabels: widestText(labels) + 10, right: 50, max: 460 });
  const y = {
    field: "article",
    type: "nominal",
    title: null,
    sort: labels,
    axis: { labelLimit: 0 },
  };
  const tooltip = [
    { field: "id", title: "article" },
    { field: "outlet" },
    { field: "title" },
    { field: "words", title: "words in body" },
  ];
  return {
    title: chartTitle("Words per article", "body only (title excluded); one bar per article"),
    data: { values },
    width,
    height: { step: 20 },
    layer: [
      {
        mark: { type: "bar", color: "#4c78a8", tooltip: true },
        encoding: {
          y,
          x: { field: "words", type: "quantitative", title: "words in body" },
          tooltip,
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, color: "#333" },
        encoding: {
          y,
          x: { field: "words", type: "quantitative" },
          text: { field: "words", type: "quantitative", format: "," },
          tooltip,
        },
      },
    ],
  };
}

/**
 * Stacked bars of the lines cleaning removed per article, by rule category (colours and words
 * from `CLEANING_CATEGORY` in `../scales.ts`, legend in stacking order), the total at the end of
 * each bar; an article with nothing removed reads "nothing removed". `removedCounts` is the table
 * of `removedByCategory` (lib/measures/corpus.ts).
 *
 * @example
 * ```ts
 * await showVegaLite(removedLinesChart(removedByCategory(corpus.removed, corpus.articles), corpus.articles));
 * ```
 */
export function removedLinesChart(
  removedCounts: pl.DataFrame,
  articles: pl.DataFrame,
): VegaLiteSpec {
  requireColumns(
    removedCounts,
    ["article_id", "category", "n_lines"],
    "removedLinesChart: the table",
    "the table from removedByCategory(corpus.removed, corpus.articles)",
  );
  requireColumns(
    articles,
    ["id", "outlet"],
    "removedLinesChart: the articles table",
    "corpus.articles of openCorpus() or loadCorpus()",
  );
  if (articles.height > ARTICLE_BARS_MAX) return removedLinesByOutletChart(removedCounts, articles);
  const order = articleOrder(articles);
  const labelOfId = new Map(order.map((o) => [o.id, o.label]));
  const records = removedCounts.toRecords() as Record<string, unknown>[];
  const totals = new Map<string, number>();
  for (const r of records) {
    const id = String(r.article_id);
    totals.set(id, (totals.get(id) ?? 0) + Number(r.n_lines));
  }
  const segments = records.map((r) => ({
    article: labelOfId.get(String(r.article_id)) ?? String(r.article_id),
    category: labelOf(CLEANING_CATEGORY, r.category as string),
    rank: rankOf(CLEANING_CATEGORY, r.category as string),
    lines: Number(r.n_lines),
  }));
  const rows = order.map((o) => ({
    article: o.label,
    total: totals.get(o.id) ?? 0,
    note: totals.has(o.id) ? String(totals.get(o.id)) : "nothing removed",
    empty: !totals.has(o.id),
  }));
  const labels = order.map((o) => o.label);
  const colour = colourEncoding(
    CLEANING_CATEGORY,
    "category",
    records.map((r) => r.category as string),
    { legend: "bottom" },
  );
  const width = plotWidth({
    yLabels: widestText(labels) + 10,
    right: textWidth("nothing removed") + 10,
    max: 460,
  });
  const y = {
    field: "article",
    type: "nominal",
    title: null,
    sort: labels,
    axis: { labelLimit: 0 },
  };
  return {
    title: chartTitle(
      "Lines removed by cleaning, per article and rule category",
      "number beside a bar: lines removed in all",
    ),
    width,
    height: { step: 22 },
    layer: [
      {
        data: { values: segments },
        mark: { type: "bar", tooltip: true },
        encoding: {
          y,
          x: { field: "lines", type: "quantitative", stack: "zero", title: "lines removed" },
          color: colour,
          order: { field: "rank", type: "quantitative" },
          tooltip: [
            { field: "article" },
            { field: "category", title: "rule category" },
            { field: "lines", title: "lines removed" },
          ],
        },
      },
      {
        data: { values: rows },
        mark: { type: "text", align: "left", dx: 4, color: "#333" },
        encoding: {
          y,
          x: { field: "total", type: "quantitative" },
          text: { field: "note" },
          tooltip: [{ field: "article" }, { field: "total", title: "lines removed" }],
        },
      },
    ],
  };
}

/**
 * Observable Plot options for stacked bars of the lines cleaning removed per article, by rule
 * category, with the colours of `CLEANING_CATEGORY`. Kept for notebooks written before
 * {@linkcode removedLinesChart}, which is the same chart in Vega-Lite with tooltips on the report
 * pages: prefer that.
 *
 * @example
 * ```ts
 * await showPlot(removedLinesPlot(removedByCategory(corpus.removed, corpus.articles), corpus.articles));
 * ```
 */
export function removedLinesPlot(
  removedCounts: pl.DataFrame,
  articles: pl.DataFrame,
): Plot.PlotOptions {
  const order = articleOrder(articles);
  const labelOfId = new Map(order.map((o) => [o.id, o.label]));
  const records = (removedCounts.toRecords() as Record<string, unknown>[]).map((r) => ({
    ...r,
    article: labelOfId.get(String(r.article_id)) ?? String(r.article_id),
    category: labelOf(CLEANING_CATEGORY, r.category as string),
  }));
  const present = presentValues(
    CLEANING_CATEGORY,
    (removedCounts.toRecords() as Record<string, unknown>[]).map((r) => r.category as string),
  );
  return {
    title: "Lines removed by cleaning, per article and rule category",
    marginLeft: Math.min(300, widestText(order.map((o) => o.label)) + 10),
    height: 60 + 40 * articles.height,
    x: { label: "lines removed", grid: true },
    y: { label: null, domain: order.map((o) => o.label) },
    color: {
      legend: true,
      type: "categorical",
      domain: present.map((v) => labelOf(CLEANING_CATEGORY, v)),
      range: present.map((v) => colourOf(CLEANING_CATEGORY, v)),
    },
    marks: [
      Plot.barX(records, {
        y: "article",
        x: "n_lines",
        fill: "category",
        title: (d: Record<string, unknown>) => `${d.article}: ${d.category}, ${d.n_lines} lines`,
      }),
      Plot.ruleX([0]),
    ],
  };
}
