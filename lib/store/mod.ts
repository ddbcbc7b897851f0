/**
 * The store: a corpus in, up-to-date tables on disk out. openCorpus analyses only what changed
 * (store.ts, with worker threads and a time guard); publishCorpus (pipeline.ts, `deno task
 * pipeline`) publishes a corpus CSV's store as parquet partitioned by outlet and month
 * (partitioned.ts), through a staging folder (publish.ts). settled.ts: the record that lets a run
 * over an unchanged corpus CSV skip the manifest.
 *
 * @example
 * ```ts
 * import { openCorpus } from "./mod.ts";
 * (await openCorpus()).store.line;
 * ```
 *
 * @module
 */
export * from "./files.ts";
export * from "./partitioned.ts";
export * from "./pipeline.ts";
export * from "./publish.ts";
export * from "./settled.ts";
export * from "./sources.ts";
export * from "./store.ts";
export * from "./workers.ts";
