/**
 * The store: a corpus in, up-to-date tables on disk out. openCorpus analyses only what changed (store.ts, with worker threads and a time guard), and the partitioned parquet output of large corpora (batch.ts).
 *
 * @example
 * ```ts
 * import { openCorpus } from "./mod.ts";
 * (await openCorpus()).store.line;
 * ```
 *
 * @module
 */
export * from "./batch.ts";
export * from "./files.ts";
export * from "./publish.ts";
export * from "./sources.ts";
export * from "./store.ts";
export * from "./workers.ts";
