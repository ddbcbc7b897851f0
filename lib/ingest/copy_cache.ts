/**
 * The copy index that `task add` keeps between runs, so that adding N articles to a large corpus
 * costs N cleanings and lookups, not one per article of the corpus.
 *
 * It lives in `.cache/copies/<corpus folder name>/` beside the corpus folder (like the store's
 * `.cache/store/<name>`): `index.json` (the rules file's and the manifest's sha256, and per
 * article in manifest order, column by column: id, file, a fingerprint of its manifest row, its
 * file's size and modification time, the sha256 of its cleaned body and the slot of its
 * signature) and a binary file of the MinHash signatures (uint32 in the machine's byte order,
 * little-endian where Deno runs), appended to by each run: `index.json` says how many slots are
 * valid and is renamed over the old one last, so a run killed while writing leaves the previous
 * index or the new one (bytes past the valid slots are cut off by the next run). When dead slots
 * (of removed or changed articles) outnumber the live ones, the file is written afresh.
 *
 * When the manifest's sha256 is the one kept, its rows are taken from the index (the manifest is
 * not parsed again) and only each file's size and modification time are checked.
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
const FORMAT = 2;

/** One article of a kept index. */
export interface KeptEntry {
  id: string;
  /** Its file, relative to the articles folder. */
  file: string;
  /** {@linkcode entryFingerprint} of its manifest row (without the file's stamp). */
  row: string;
  /** Its file's size and modification time (-1 when it could not be read). */
  size: number;
  mtime: number;
  /** sha256 of its normalised cleaned body, or null when it has none (not indexed). */
  key: string | null;
  /** Slot of its signature in the signatures file (-1 until saved, or when not indexed). */
  slot: number;
}

/** `index.json`. */
interface CacheFile {
  format: number;
  rules: string;
  manifest: string;
  /** MinHash options of the signatures. */
  numHashes: number;
  /** Name of the signatures file in the cache folder, and its valid slots. */
  signatures: string;
  slots: number;
  entries: {
    id: string[];
    file: string[];
    row: string[];
    size: number[];
    mtime: number[];
    key: (string | null)[];
    slot: number[];
  };
}

/** Entry `i` of the kept columns. */
function keptEntryAt(c: CacheFile["entries"], i: number): KeptEntry {
  return {
    id: c.id[i],
    file: c.file[i],
    row: c.row[i],
    size: c.size[i],
    mtime: c.mtime[i],
    key: c.key[i],
    slot: c.slot[i],
  };
}

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

/** The kept entry of a manifest row whose file has `stat` and whose body has `key`. */
export function keptEntry(
  e: Pick<ManifestEntry, "id" | "file" | "title" | "outlet" | "url">,
  stat: { size: number; mtime: Date | null } | null,
  key: string | null,
): KeptEntry {
  return {
    id: e.id,
    file: e.file,
    row: entryFingerprint(e, null),
    size: stat?.size ?? -1,
    mtime: stat?.mtime?.getTime() ?? -1,
    key,
    slot: -1,
  };
}

async function readCache(dir: string): Promise<{ file: CacheFile; sigs: Uint32Array } | null> {
  try {
    const file = JSON.parse(await Deno.readTextFile(join(dir, "index.json"))) as CacheFile;
    const e = file.entries;
    if (file.format !== FORMAT || !Array.isArray(e?.id) || !Array.isArray(e.slot)) return null;
    const bytes = await Deno.readFile(join(dir, file.signatures));
    const want = file.slots * file.numHashes * 4;
    if (bytes.byteLength < want) return null;
    const sigs = new Uint32Array(bytes.buffer, bytes.byteOffset, want / 4);
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
  /** The kept signatures file and its valid slots (appended to by {@linkcode saveCopyIndex}). */
  signatures: { name: string; slots: number } | null;
}

function statOf(path: string): Deno.FileInfo | null {
  try {
    return Deno.statSync(path); // (sync: a large corpus has many files)
  } catch {
    return null;
  }
}

/**
 * The copy index of the corpus whose manifest is `manifestText`, from the kept index where it
 * still holds; `cleanedBody(entry)` gives the cleaned body of an article to index afresh (null
 * when its file cannot be read). The manifest is parsed (`parse`) only when it is not the one
 * the kept index was saved with.
 *
 * @example
 * ```ts
 * const { index } = await loadCopyIndex("data", text, () => parseManifest(text, f), rules, bodyOf);
 * ```
 */
export async function loadCopyIndex(
  dataDir: string,
  manifestText: string,
  parse: () => readonly ManifestEntry[],
  rulesText: string,
  cleanedBody: (e: ManifestEntry) => Promise<string | null>,
): Promise<LoadedCopyIndex> {
  const enc = new TextEncoder();
  const rulesSha = await sha256Hex(enc.encode(rulesText));
  const manifestSha = await sha256Hex(enc.encode(manifestText));
  const index = new CopyIndex();
  const k = index.lsh.numHashes;
  const cache = await readCache(copyCacheDir(dataDir));
  const usable = cache !== null && cache.file.rules === rulesSha && cache.file.numHashes === k;
  const entries: KeptEntry[] = [];
  let cleaned = 0;
  const articlesDir = join(dataDir, "articles");
  // The kept entries whose row and file are unchanged, indexed together at the end (in manifest
  // order, before the articles cleaned afresh: a kept index is built in manifest order too).
  const keep: KeptEntry[] = [];
  const fresh: { e: ManifestEntry | KeptEntry; body: string }[] = [];
  const clean = async (e: ManifestEntry, stat: Deno.FileInfo | null) => {
    cleaned++;
    const body = stat === null ? null : await cleanedBody(e);
    if (body === null || body.trim() === "") {
      entries.push(keptEntry(e, stat, null));
      return;
    }
    const entry = keptEntry(e, stat, null);
    entries.push(entry);
    fresh.push({ e: entry, body });
  };
  if (usable && cache.file.manifest === manifestSha) {
    // The manifest as kept: only the files' stamps are checked.
    const c = cache.file.entries;
    let rows: readonly ManifestEntry[] | null = null;
    for (let i = 0; i < c.id.length; i++) {
      const stat = statOf(join(articlesDir, c.file[i]));
      const e = keptEntryAt(c, i);
      if ((stat?.size ?? -1) === e.size && (stat?.mtime?.getTime() ?? -1) === e.mtime) {
        entries.push(e);
        if (e.key !== null) keep.push(e);
        continue;
      }
      rows ??= parse();
      await clean(rows[i], stat);
    }
  } else {
    const kept = new Map<string, KeptEntry>();
    if (usable) {
      const c = cache.file.entries;
      for (let i = 0; i < c.id.length; i++) {
        kept.set(c.id[i], keptEntryAt(c, i));
      }
    }
    for (const e of parse()) {
      const stat = statOf(join(articlesDir, e.file));
      const old = kept.get(e.id);
      if (
        old && old.row === entryFingerprint(e, null) && old.size === (stat?.size ?? -1) &&
        old.mtime === (stat?.mtime?.getTime() ?? -1) && (old.key === null || old.slot >= 0)
      ) {
        entries.push(old);
        if (old.key !== null) keep.push(old);
        continue;
      }
      await clean(e, stat);
    }
  }
  const sigs = new Uint32Array(keep.length * k);
  keep.forEach((e, j) => sigs.set(cache!.sigs.subarray(e.slot * k, (e.slot + 1) * k), j * k));
  index.addMany(keep.map((e) => e.id), keep.map((e) => e.key!), sigs);
  for (const { e, body } of fresh) {
    await index.add(e.id, body);
    (e as KeptEntry).key = index.keyOf(e.id)!;
  }
  const signatures = usable ? { name: cache.file.signatures, slots: cache.file.slots } : null;
  return { index, entries, cleaned, signatures };
}

/**
 * Keeps `index` (whose articles are `entries`, in manifest order) as the copy index of the
 * corpus whose manifest is now `manifestText`: the signatures of entries without a slot are
 * appended to the kept signatures file `signatures` (or every one is written to a new file).
 *
 * @example
 * ```ts
 * await saveCopyIndex("data", manifestText, rulesText, index, entries, loaded.signatures);
 * ```
 */
export async function saveCopyIndex(
  dataDir: string,
  manifestText: string,
  rulesText: string,
  index: CopyIndex,
  entries: readonly KeptEntry[],
  signatures: { name: string; slots: number } | null = null,
): Promise<void> {
  const dir = copyCacheDir(dataDir);
  await Deno.mkdir(dir, { recursive: true });
  const enc = new TextEncoder();
  const n = index.lsh.numHashes;
  const indexed = entries.filter((e) => e.key !== null);
  const live = indexed.filter((e) => e.slot >= 0).length;
  let name: string;
  let slots: number;
  let out: KeptEntry[];
  if (signatures !== null && signatures.slots <= 2 * live + 1000) {
    // Appended: the entries without a slot get the next ones.
    name = signatures.name;
    slots = signatures.slots;
    const add = indexed.filter((e) => e.slot < 0);
    const sigs = new Uint32Array(add.length * n);
    out = entries.map((e) => ({ ...e }));
    const byId = new Map(out.map((e) => [e.id, e]));
    add.forEach((e, j) => {
      sigs.set(index.lsh.get(e.id)!, j * n);
      byId.get(e.id)!.slot = slots + j;
    });
    const file = await Deno.open(join(dir, name), { write: true, create: true });
    try {
      await file.truncate(slots * n * 4);
      await file.seek(slots * n * 4, Deno.SeekMode.Start);
      const bytes = new Uint8Array(sigs.buffer);
      for (let w = 0; w < bytes.length;) w += await file.write(bytes.subarray(w));
    } finally {
      file.close();
    }
    slots += add.length;
  } else {
    name = `signatures-${crypto.randomUUID()}.bin`;
    const sigs = new Uint32Array(indexed.length * n);
    indexed.forEach((e, k) => sigs.set(index.lsh.get(e.id)!, k * n));
    const slotOf = new Map(indexed.map((e, k) => [e.id, k]));
    out = entries.map((e) => ({ ...e, slot: e.key === null ? -1 : slotOf.get(e.id)! }));
    slots = indexed.length;
    await Deno.writeFile(join(dir, name), new Uint8Array(sigs.buffer));
  }
  const file: CacheFile = {
    format: FORMAT,
    rules: await sha256Hex(enc.encode(rulesText)),
    manifest: await sha256Hex(enc.encode(manifestText)),
    numHashes: n,
    signatures: name,
    slots,
    entries: {
      id: out.map((e) => e.id),
      file: out.map((e) => e.file),
      row: out.map((e) => e.row),
      size: out.map((e) => e.size),
      mtime: out.map((e) => e.mtime),
      key: out.map((e) => e.key),
      slot: out.map((e) => e.slot),
    },
  };
  const tmp = join(dir, `.index.json.${crypto.randomUUID()}.tmp`);
  try {
    await Deno.writeTextFile(tmp, JSON.stringify(file));
    await Deno.rename(tmp, join(dir, "index.json"));
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    if (name !== signatures?.name) await Deno.remove(join(dir, name)).catch(() => {});
    throw e;
  }
  for await (const f of Deno.readDir(dir)) {
    if (f.name.startsWith("signatures-") && f.name !== name) {
      await Deno.remove(join(dir, f.name)).catch(() => {});
    }
  }
}
