/**
 * The charts and headline of notebook 01 (the corpus), built from the tables of `loadCorpus()`
 * and `lib/corpus_summary.ts`, so the notebook's cells are a few lines and a researcher can draw
 * the same figures for another corpus.
 *
 * @module
 */
import pl from "nodejs-polars";
import * as Plot from "@observablehq/plot";
import type { VegaLiteSpec } from "../render.ts";

/** The parts of a loaded corpus that {@linkcode corpusHeadline} reads. */
export interface CorpusCounts {
  articles: pl.DataFrame;
  paragraphs: pl.DataFrame;
  sentences: pl.DataFrame;
  removed: pl.DataFrame;
}

/**
 * One markdown sentence saying what was loaded: articles, named outlets, articles whose outlet is
 * unknown, words, paragraphs, sentences and the lines cleaning removed.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * await showMarkdown(corpusHeadline(corpus)); // "Loaded **5** articles: **2** named outlets, …"
 * ```
 */
export function corpusHeadline(corpus: CorpusCounts): string {
  const { articles } = corpus;
  const named = articles.filter(pl.col("outlet_named"));
  const namedOutlets = named.height === 0 ? 0 : named.getColumn("outlet").nUnique();
  const unnamed = articles.height - named.height;
  const words = articles.height === 0 ? 0 : Number(articles.getColumn("n_words").sum());
  return `Loaded **${articles.height}** articles: **${namedOutlets}** named outlets, ` +
    `**${unnamed}** articles whose outlet is unknown; **${words}** words in ` +
    `**${corpus.paragraphs.height}** paragraphs and **${corpus.sentences.height}** sentences; ` +
    `cleaning removed **${corpus.removed.height}** lines.`;
}

/**
 * Horizontal bars of words per article (body only), one bar per article in table order,
 * coloured by outlet.
 *
 * @example
 * ```ts
 * await showVegaLite(wordsPerArticleChart(corpus.articles));
 * ```
 */
export function wordsPerArticleChart(articles: pl.DataFrame): VegaLiteSpec {
  return {
    title: "Words per article",
    data: { values: articles.select("id", "outlet", "n_words").toRecords() },
    mark: "bar",
    encoding: {
      y: { field: "id", type: "nominal", title: "article", sort: null },
      x: { field: "n_words", type: "quantitative", title: "words in body" },
      color: { field: "outlet", type: "nominal", title: "outlet" },
      tooltip: [{ field: "outlet" }, { field: "n_words" }],
    },
    width: 420,
  };
}

/**
 * Observable Plot options for stacked bars of the lines cleaning removed per article, by rule
 * category (`removedByCategory` in lib/corpus_summary.ts); every article gets a row, also those
 * with nothing removed.
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
  return {
    title: "Lines removed by cleaning, per article and rule category",
    marginLeft: 160,
    height: 60 + 40 * articles.height,
    x: { label: "lines removed", grid: true },
    y: { label: null, domain: articles.getColumn("id").toArray() },
    color: { legend: true, type: "categorical", scheme: "Paired" },
    marks: [
      Plot.barX(removedCounts.toRecords(), { y: "article_id", x: "n_lines", fill: "category" }),
      Plot.ruleX([0]),
    ],
  };
}
