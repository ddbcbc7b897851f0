/**
 * The copy index that `task add` keeps between runs, so that adding N articles to a large corpus
 * costs N cleanings and lookups, not one per article of the corpus.
 *
 * It lives in `.cache/copies/<corpus folder name>/` beside the corpus folder (like the store's
 * `.cache/store/<name>`): `index.json` (the rules file's and the manifest's sha256, and per
 * article in manifest order: id, a fingerprint of its manifest row and file, and the sha256 of its
 * cleaned body) and a binary file of the MinHash signatures (uint32 in the machine's byte order,
 * little-endian where Deno runs, in the same order). Both are written under new names and `index.json` renamed last, so a run killed while
 * writing leaves the previous index or the new one.
 *
 * Each manifest row whose fingerprint (file, title, outlet, url, the file's size and modification
 * time) is the one kept keeps its entry; the others (rows edited or added by hand, files changed)
 * are cleaned and indexed again. Another rules file rebuilds the whole index. The index is a cache: a missing or unreadable one
 * is rebuilt.
 *
 * @module
 */
import { join } from "node:path";
import { sha256Hex } from "../io/hash.ts";
import type { ManifestEntry } from "../io/manifest.ts";
import { CopyIndex } from "./copies.ts";

/** Format of `index.json`; another is rebuilt. */
const FORMAT = 1;

/** One article of a kept index. */
interface CacheEntry {
  id: string;
  /** {@linkcode entryFingerprint} of its manifest row and file. */
  fp: string;
  /** sha256 of its normalised cleaned body, or null when it has none (not indexed). */
  key: string | null;
}

/** `index.json`. */
interface CacheFile {
  format: number;
  rules: string;
  manifest: string;
  /** MinHash options of the signatures. */
  numHashes: number;
  /** Name of the signatures file in the cache folder. */
  signatures: string;
  entries: CacheEntry[];
}

/** An article as {@linkcode loadCopyIndex} reports it: its fingerprint and body key. */
export type KeptEntry = CacheEntry;

/**
 * The folder where `task add` keeps the copy index of corpus folder `dataDir`:
 * `.cache/copies/<name>` beside it.
 *
 * @example
 * ```ts
 * copyCacheDir("/home/me/project/data"); // "/home/me/project/.cache/copies/data"
 * ```
 */
export function copyCacheDir(dataDir: string): string {
  const d = dataDir.replace(/\/+$/, "") || "/";
  const slash = d.lastIndexOf("/");
  const parent = slash > 0 ? d.slice(0, slash) : slash === 0 ? "" : ".";
  return `${parent}/.cache/copies/${d.slice(slash + 1) || "corpus"}`;
}

/**
 * The fingerprint of a manifest row and its file: when it is unchanged, so is the article's
 * cleaned body (for the same rules).
 *
 * @example
 * ```ts
 * entryFingerprint(entry, await Deno.stat(path));
 * ```
 */
export function entryFingerprint(
  e: Pick<ManifestEntry, "file" | "title" | "outlet" | "url">,
  stat: { size: number; mtime: Date | null } | null,
): string {
  return JSON.stringify([
    e.file,
    e.title,
    e.outlet,
    e.url,
    stat?.size ?? -1,
    stat?.mtime?.getTime() ?? -1,
  ]);
}

async function readCache(dir: string): Promise<{ file: CacheFile; sigs: Uint32Array } | null> {
  try {
    const file = JSON.parse(await Deno.readTextFile(join(dir, "index.json"))) as CacheFile;
    if (file.format !== FORMAT || !Array.isArray(file.entries)) return null;
    const bytes = await Deno.readFile(join(dir, file.signatures));
    const indexed = file.entries.filter((e) => e.key !== null).length;
    if (bytes.byteLength !== indexed * file.numHashes * 4) return null;
    const sigs = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    return { file, sigs };
  } catch {
    return null;
  }
}

/** What {@linkcode loadCopyIndex} gives. */
export interface LoadedCopyIndex {
  index: CopyIndex;
  /** Each manifest article's entry, in manifest order (to save the index again). */
  entries: KeptEntry[];
  /** Articles whose cleaned body was computed (not taken from the kept index). */
  cleaned: number;
}

/**
 * The copy index of the corpus whose manifest rows are `manifest`, from the kept index where it
 * still holds; `cleanedBody(entry)` gives the cleaned body of an article to
 * index afresh (null when its file cannot be read).
 *
 * @example
 * ```ts
 * const { index } = await loadCopyIndex("data", entries, rulesText, bodyOf);
 * ```
 */
export async function loadCopyIndex(
  dataDir: string,
  manifest: readonly ManifestEntry[],
  rulesText: string,
  cleanedBody: (e: ManifestEntry) => Promise<string | null>,
): Promise<LoadedCopyIndex> {
  const enc = new TextEncoder();
  const rulesSha = await sha256Hex(enc.encode(rulesText));
  const index = new CopyIndex();
  const cache = await readCache(copyCacheDir(dataDir));
  const usable = cache !== null && cache.file.rules === rulesSha &&
    cache.file.numHashes === index.lsh.numHashes;
  const entries: KeptEntry[] = [];
  let cleaned = 0;
  const kept = new Map<string, { entry: CacheEntry; sig: Uint32Array | null }>();
  if (usable) {
    const n = cache.file.numHashes;
    let k = 0;
    for (const e of cache.file.entries) {
      const sig = e.key === null ? null : cache.sigs.slice(k * n, (k + 1) * n);
      if (e.key !== null) k++;
      kept.set(e.id, { entry: e, sig });
    }
  }
  const articlesDir = join(dataDir, "articles");
  for (const e of manifest) {
    let stat: Deno.FileInfo | null = null;
    try {
      stat = Deno.statSync(join(articlesDir, e.file)); // (sync: a large corpus has many files)
    } catch {
      stat = null;
    }
    const fp = entryFingerprint(e, stat);
    const old = kept.get(e.id);
    if (old && old.entry.fp === fp) {
      entries.push(old.entry);
      if (old.entry.key !== null) index.addSigned(e.id, old.entry.key, old.sig!);
      continue;
    }
    cleaned++;
    const body = stat === null ? null : await cleanedBody(e);
    if (body === null || body.trim() === "") {
      entries.push({ id: e.id, fp, key: null });
      continue;
    }
    await index.add(e.id, body);
    entries.push({ id: e.id, fp, key: index.keyOf(e.id)! });
  }
  return { index, entries, cleaned };
}

/**
 * Keeps `index` (whose articles and their fingerprints are `entries`, in manifest order) as the
 * copy index of the corpus whose manifest is now `manifestText`.
 *
 * @example
 * ```ts
 * await saveCopyIndex("data", manifestText, rulesText, index, entries);
 * ```
 */
export async function saveCopyIndex(
  dataDir: string,
  manifestText: string,
  rulesText: string,
  index: CopyIndex,
  entries: readonly KeptEntry[],
): Promise<void> {
  const dir = copyCacheDir(dataDir);
  await Deno.mkdir(dir, { recursive: true });
  const enc = new TextEncoder();
  const n = index.lsh.numHashes;
  const indexed = entries.filter((e) => e.key !== null);
  const sigs = new Uint32Array(indexed.length * n);
  indexed.forEach((e, k) => sigs.set(index.lsh.get(e.id)!, k * n));
  const name = `signatures-${crypto.randomUUID()}.bin`;
  const file: CacheFile = {
    format: FORMAT,
    rules: await sha256Hex(enc.encode(rulesText)),
    manifest: await sha256Hex(enc.encode(manifestText)),
    numHashes: n,
    signatures: name,
    entries: [...entries],
  };
  await Deno.writeFile(join(dir, name), new Uint8Array(sigs.buffer));
  const tmp = join(dir, `.index.json.${crypto.randomUUID()}.tmp`);
  try {
    await Deno.writeTextFile(tmp, JSON.stringify(file));
    await Deno.rename(tmp, join(dir, "index.json"));
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    await Deno.remove(join(dir, name)).catch(() => {});
    throw e;
  }
  for await (const f of Deno.readDir(dir)) {
    if (f.name.startsWith("signatures-") && f.name !== name) {
      await Deno.remove(join(dir, f.name)).catch(() => {});
    }
  }
}
