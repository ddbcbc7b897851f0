/**
 * A store's settled record, `settled.json`: what a run that left every article of a corpus CSV
 * stored found (the CSV's stamp, the data files' keys, the manifest's stamp, the counts and
 * warnings), so that the next run can tell that nothing changed from a few `stat`s, without
 * reading the manifest of 100,000 articles or the listing. Any write of the manifest (a journal
 * line or a new `store.json`) changes its stamp and so voids the record.
 *
 * @example
 * ```ts
 * const s = readSettled(".cache/store/corpus");
 * s !== null && settledHolds(s, { corpus: "corpus.csv", keys: "…" }); // true when nothing changed
 * ```
 *
 * @module
 */
import { ANALYSIS_VERSION } from "../analyse.ts";
import { atomicWriteText } from "./files.ts";
import { currentManifestStamp, type ManifestStamp, STORE_FORMAT } from "./manifest.ts";

/** What `settled.json` holds. */
export interface SettledStore {
  format: number;
  version: string;
  /** The corpus CSV's real path. */
  corpus: string;
  /** The corpus CSV as the run read it. */
  csv: { size: number; mtime: number; ino: number | null };
  /** The data files' stage keys and hashes, as one string (see `resourcesKey`). */
  keys: string;
  /** The manifest as the run left it. */
  manifest: ManifestStamp;
  /** Articles in the corpus (all stored: a run that skipped one leaves no record). */
  articles: number;
  /** Articles the articles table links as copies. */
  copies: number;
  /** The corpus hashes the run reported (the CSV's and the data files'). */
  hashes: Record<string, string>;
  /** The warnings the run reported, besides those of opening the store. */
  warnings: string[];
}

const FILE = "settled.json";

/**
 * The settled record of the store in `dir`, or null when there is none or it is unreadable.
 *
 * @example
 * ```ts
 * readSettled(".cache/store/corpus")?.articles; // 100000
 * ```
 */
export function readSettled(dir: string): SettledStore | null {
  try {
    const s = JSON.parse(Deno.readTextFileSync(`${dir}/${FILE}`)) as SettledStore;
    if (s.format !== STORE_FORMAT || s.version !== ANALYSIS_VERSION) return null;
    if (typeof s.corpus !== "string" || typeof s.manifest?.journal !== "string") return null;
    if (!Array.isArray(s.warnings) || typeof s.articles !== "number") return null;
    return s;
  } catch {
    return null;
  }
}

/**
 * Writes the settled record of the store in `dir` (temporary file, then rename), unless the same
 * one is there.
 *
 * @example
 * ```ts
 * await writeSettled(dir, record);
 * ```
 */
export async function writeSettled(dir: string, s: SettledStore): Promise<void> {
  const text = JSON.stringify(s);
  try {
    if (Deno.readTextFileSync(`${dir}/${FILE}`) === text) return;
  } catch {
    // none yet
  }
  await atomicWriteText(`${dir}/${FILE}`, text);
}

/** What a run is about to open: the corpus CSV (its real path) and the data files' keys. */
export interface SettledQuery {
  corpus: string;
  keys: string;
}

/**
 * Whether the settled record `s` of the store in `dir` still holds for `q`: the same corpus CSV
 * (path, size, modification time, inode), the same data files and code version, and a manifest
 * written by no run since.
 *
 * @example
 * ```ts
 * settledHolds(dir, s, { corpus: Deno.realPathSync("corpus.csv"), keys });
 * ```
 */
export function settledHolds(dir: string, s: SettledStore, q: SettledQuery): boolean {
  if (s.corpus !== q.corpus || s.keys !== q.keys) return false;
  let st: Deno.FileInfo;
  try {
    st = Deno.statSync(q.corpus);
  } catch {
    return false;
  }
  if (
    st.size !== s.csv.size || (st.mtime?.getTime() ?? -1) !== s.csv.mtime ||
    (st.ino ?? null) !== s.csv.ino
  ) {
    return false;
  }
  return sameManifestStamp(currentManifestStamp(dir, s.manifest.journal), s.manifest);
}

/**
 * Whether two manifest stamps are equal.
 *
 * @example
 * ```ts
 * sameManifestStamp(a, a); // true
 * ```
 */
export function sameManifestStamp(a: ManifestStamp | null, b: ManifestStamp | null): boolean {
  return a !== null && b !== null && a.size === b.size && a.mtime === b.mtime &&
    a.journal === b.journal && a.journalSize === b.journalSize &&
    a.journalMtime === b.journalMtime;
}
