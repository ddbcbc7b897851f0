/**
 * Input and output: files in, records out, with file and line in every error. The one CSV reader
 * (`csv.ts`: data files whole, corpus CSVs streamed), the manifest, the corpus CSV's columns,
 * article bytes (UTF-8 or Windows-1252, binary refused), text files for the exports, hashes,
 * atomic staging.
 *
 * @example
 * ```ts
 * import { parseManifest } from "./mod.ts";
 * parseManifest("id,file,outlet\na,a.txt,X\n", "articles.csv")[0].id; // "a"
 * ```
 *
 * @module
 */
export * from "./corpus_csv.ts";
export * from "./csv.ts";
export * from "./decode.ts";
export * from "./hash.ts";
export * from "./journal.ts";
export * from "./manifest.ts";
export * from "./staging.ts";
export * from "./textfiles.ts";
