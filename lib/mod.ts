/**
 * framing lab: what a notebook imports, in one line.
 *
 * The folders under `lib/` are the pipeline, each with a `mod.ts` saying what it offers:
 * `text/` (a string → cleaned text, paragraphs, sentences, quotes), `io/` (files → records,
 * with file and line in errors), `resources/` (data/*.csv → compiled lexicon, cues, gazetteer),
 * `extract/` (one article + resources → hits, attributions, mentions), `analyse.ts` (the one
 * place the chain is assembled), `tables/` (analyses → typed DataFrames, one schema per table),
 * `store/` (the corpus → up-to-date tables on disk), `measures/` (tables → per-outlet measures
 * with intervals), `present/` (measures → charts and tables for notebooks and the report), and
 * `eval/` (predictions + gold → precision, recall, F1).
 *
 * @example
 * ```ts
 * import { loadedShareByOutlet, loadedShareChart, openCorpus, showVegaLite } from "../lib/mod.ts";
 * const corpus = await openCorpus();
 * await showVegaLite(loadedShareChart(loadedShareByOutlet(corpus.hits, corpus.articles)));
 * ```
 *
 * @module
 */
export { analyseArticle, type ArticleAnalysis, loadResources, type Resources } from "./analyse.ts";
export { type Corpus, CorpusError, loadCorpus, scanTable, scanTables } from "./tables/corpus.ts";
export { copiesByOutlet, type CopyRule, countedTables } from "./tables/copies.ts";
export { openCorpus, type OpenCorpusOptions, type StoredCorpus } from "./store/store.ts";
export { actorLabels, actorsOfType } from "./extract/actors.ts";
export { inputHashesTable } from "./io/hash.ts";
export {
  hashesTable,
  removedByCategory,
  removedByRule,
  structureByArticle,
} from "./measures/corpus.ts";
export {
  categoryRatesByOutlet,
  distinguishingTerms,
  evaluativeDensityByOutlet,
  hitCounts,
  loadedShareByOutlet,
  ownVoiceTermCounts,
} from "./measures/framing.ts";
export {
  attributionsForAudit,
  AUDIT_COLUMNS,
  candidateSources,
  citedMost,
  countryShareByOutlet,
  frequentSourceCounts,
  outletMeasures,
  outletSourceCounts,
  shareByOutlet,
  withoutZeroCounts,
} from "./measures/sourcing.ts";
export { loadedShareOverTime, sourcingOverTime, timeSpan } from "./measures/time.ts";
export { headlineChanges, headlineMeasures } from "./measures/headline.ts";
export { evaluationFigures } from "./eval/figures.ts";
export * from "./present/mod.ts";
export { overTimeChart } from "./present/charts/time.ts";
