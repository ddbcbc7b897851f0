/**
 * New articles into the corpus (`deno task add`): plain text, saved web pages and
 * media-monitoring exports; exact copies refused and near copies linked (MinHash / LSH).
 *
 * @example
 * ```ts
 * import { addArticles, formatOutcome } from "./lib/ingest/mod.ts";
 * const r = await addArticles(["saved/"], { dataDir: "data", onOutcome: (o) => console.log(formatOutcome(o)) });
 * ```
 *
 * @module
 */
export {
  addArticles,
  type AddOptions,
  type AddOutcome,
  type AddReport,
  binaryReason,
  copyIndexOfCorpus,
  expandInputs,
  formatOutcome,
  INPUT_EXTENSIONS,
  manifestLinks,
} from "./add.ts";
export {
  bodyKey,
  type CopyFound,
  CopyIndex,
  NEAR_COPY_THRESHOLD,
  normaliseBody,
  type SerializedCopyIndex,
} from "./copies.ts";
export {
  copyCacheDir,
  entryFingerprint,
  type KeptEntry,
  keptEntry,
  loadCopyIndex,
  type LoadedCopyIndex,
  saveCopyIndex,
} from "./copy_cache.ts";
export { isoDateOf } from "./dates.ts";
export {
  type ExportColumns,
  exportLayout,
  type ExportRecord,
  parseExportColumns,
  readExport,
} from "./exports.ts";
export { domainOf, extractPage, type PageArticle, type PageResult } from "./html.ts";
export { appendManifestRows, csvField, manifestWithRows } from "./manifest_write.ts";
export {
  type CopyMatch,
  isEmptySignature,
  jaccardEstimate,
  LshIndex,
  type MinHashOptions,
  type SerializedLshIndex,
  shingles,
  shingleWords,
  signature,
  signatureOfShingles,
} from "./minhash.ts";
