/**
 * Everything a notebook needs to show its results, from one module: display helpers, charts,
 * the shared scales and outlet order, and the "what it found" sentences. `lib/mod.ts` can
 * re-export it (`export * from "./present/mod.ts";`) so a notebook's import cell is one line.
 *
 * @example
 * ```ts
 * import * as show from "../lib/present/mod.ts";
 * await show.showVegaLite(show.wordsPerArticleChart(corpus.articles));
 * ```
 *
 * @module
 */
export {
  type CappedRows,
  capRows,
  markdownBundle,
  showMarkdown,
  showTable,
  showText,
  tableBundle,
  type TableOptions,
  textBundle,
} from "./display.ts";
export { plotBundle, showPlot, showVegaLite, vegaLiteBundle, vegaLiteSvg } from "./render.ts";
export { escapeHtml } from "./html.ts";
export { releaseMemory } from "./memory.ts";
export { auditRows, type AuditRowsOptions } from "./audit.ts";
export { kwicBundle, type KwicDisplayOptions, kwicTable, showKwic } from "./kwic.ts";
export {
  ATTRIBUTION_KIND,
  CLEANING_CATEGORY,
  colourOf,
  FRAMING_CATEGORY,
  labelOf,
  type Scale,
  SOURCE_TYPE,
  VOICE,
  VOICE_GROUP,
} from "./scales.ts";
export { compareOutlets, outletCountWords, outletLabel, outletOrder } from "./outlets.ts";
export { corpusFindings, framingFindings, sourcingFindings } from "./findings.ts";
export { attributionsAuditView } from "./views.ts";
export {
  ARTICLE_BARS_MAX,
  corpusHeadline,
  removedLinesByOutletChart,
  removedLinesChart,
  removedLinesPlot,
  wordsPerArticleChart,
  wordsPerOutletChart,
} from "./charts/corpus.ts";
export {
  actorLabelHeatmap,
  categoryRatesChart,
  distinguishingTermsChart,
  loadedShareByVoiceChart,
  loadedShareChart,
} from "./charts/framing.ts";
export {
  citedMostChart,
  directIndirectChart,
  outletSourceHeatmap,
  sourceTypeBars,
} from "./charts/sourcing.ts";
