/**
 * Resources: the data files a researcher tunes (data/*.csv) in, compiled and hashed resources out: the framing lexicon, the cue words, the source gazetteer; and where the data folder is.
 *
 * @example
 * ```ts
 * import { loadLexicon } from "./mod.ts";
 * (await loadLexicon()).entries.length;
 * ```
 *
 * @module
 */
export * from "./abbreviations.ts";
export * from "./cues.ts";
export * from "./data_dir.ts";
export * from "./gazetteer.ts";
export * from "./lexicon.ts";
