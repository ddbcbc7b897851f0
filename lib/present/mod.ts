/**
 * Presentation: measures in, what a notebook or the report shows out: MIME bundles with a vega-lite spec and its SVG, escaped HTML tables, key words in context, and one chart function per figure.
 *
 * @example
 * ```ts
 * import { showTable } from "./mod.ts";
 * await showTable(corpus.articles.select("id", "outlet"));
 * ```
 *
 * @module
 */
export * from "./display.ts";
export * from "./html.ts";
export * from "./kwic.ts";
export * from "./render.ts";
export * from "./charts/corpus.ts";
export * from "./charts/framing.ts";
export * from "./charts/sourcing.ts";
