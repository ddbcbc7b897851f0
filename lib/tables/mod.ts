/**
 * Tables: analyses in, typed nodejs-polars DataFrames out. One schema per table (schema.ts), the rows of one analysis (rows.ts), and the corpus loader that analyses a folder in memory (corpus.ts).
 *
 * @example
 * ```ts
 * import { loadCorpus } from "./mod.ts";
 * (await loadCorpus()).hits.height;
 * ```
 *
 * @module
 */
export * from "./corpus.ts";
export * from "./rows.ts";
export * from "./schema.ts";
