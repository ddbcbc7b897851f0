/**
 * Measures: tables in, per-outlet measures with 95% intervals out (framing, sourcing, the corpus), and the statistics behind them.
 *
 * @example
 * ```ts
 * import { loadedShareByOutlet } from "./mod.ts";
 * loadedShareByOutlet(corpus.hits, corpus.articles);
 * ```
 *
 * @module
 */
export * from "./corpus.ts";
export * from "./framing.ts";
export * from "./sourcing.ts";
export * from "./stats.ts";
