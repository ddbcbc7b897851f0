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
 * A run that only adds articles does not write `index.json` again: it appends a line to the
 * journal `index.json` names (`lib/io/journal.ts`) with the entries from the first changed one
 * on, the manifest's new sha256 and the valid slots; `index.json` is written afresh (with a new,
 * empty journal) when the journal would outgrow half of it.
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
import { appendJournalLine, readJournal } from "../io/journal.ts";
import type { ManifestEntry } from "../io/manifest.ts";
import { CopyIndex } from "./copies.ts";

/** Format of `index.json`; another is rebuilt. */
const FORMAT = 3;

/** A journal may grow to this size whatever the size of `index.json`. */
const JOURNAL_MIN_BYTES = 64 * 1024;

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
export interface CacheFile {
  format: number;
  rules: string;
  manifest: string;
  /** MinHash options of the signatures. */
  numHashes: number;
  /** Name of the signatures file in the cache folder, and its valid slots. */
  signatures: string;
  slots: number;
  entries: Columns;
  /** The journal whose lines bring this index up to date. */
  journal: string;
}

/** The kept entries, column by column, in manifest order. */
export interface Columns {
  id: string[];
  file: string[];
  row: string[];
  size: number[];
  mtime: number[];
  key: (string | null)[];
  slot: number[];
}

const COLUMNS = ["id", "file", "row", "size", "mtime", "key", "slot"] as const;

/**
 * A line of the journal: the entries from position `from` on are these (the manifest's new
 * rows, mostly), with the manifest's sha256 and the signatures file's valid slots.
 */
interface JournalLine {
  manifest: string;
  signatures: string;
  slots: number;
  from: number;
  entries: Columns;
}

function columnsOf(entries: readonly KeptEntry[]): Columns {
  return {
    id: entries.map((e) => e.id),
    file: entries.map((e) => e.file),
    row: entries.map((e) => e.row),
    size: entries.map((e) => e.size),
    mtime: entries.map((e) => e.mtime),
    key: entries.map((e) => e.key),
    slot: entries.map((e) => e.slot),
  };
}

/** Entry `i` of the kept columns. */
function keptEntryAt(c: Columns, i: number): KeptEntry {
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

/**
 * The kept copy index of corpus folder `dataDir` as the next run reads it (`index.json` brought up
 * to date by its journal), or null when there is none or it cannot be used.
 *
 * @example
 * ```ts
 * (await readKeptCopyIndex("data"))?.file.entries.id; // the indexed articles, in manifest order
 * ```
 */
export function readKeptCopyIndex(dataDir: string): Promise<ReadCache | null> {
  return readCache(copyCacheDir(dataDir));
}

/** The kept index as read: `index.json` brought up to date by its journal. */
export interface ReadCache {
  file: CacheFile;
  sigs: Uint32Array;
  /** Bytes of the journal's whole lines, and characters of `index.json`. */
  journalBytes: number;
  baseChars: number;
}

async function readCache(dir: string): Promise<ReadCache | null> {
  try {
    const text = await Deno.readTextFile(join(dir, "index.json"));
    const file = JSON.parse(text) as CacheFile;
    const e = file.entries;
    if (
      file.format !== FORMAT || !Array.isArray(e?.id) || !Array.isArray(e.slot) ||
      typeof file.journal !== "string"
    ) return null;
    const journal = await readJournal(join(dir, file.journal));
    for (const raw of journal.lines) {
      const line = raw as JournalLine;
      for (const c of COLUMNS) {
        (e[c] as unknown[]).length = line.from;
        (e[c] as unknown[]).push(...line.entries[c]);
      }
      file.manifest = line.manifest;
      file.signatures = line.signatures;
      file.slots = line.slots;
    }
    const bytes = await Deno.readFile(join(dir, file.signatures));
    const want = file.slots * file.numHashes * 4;
    if (bytes.byteLength < want) return null;
    const sigs = new Uint32Array(bytes.buffer, bytes.byteOffset, want / 4);
    return { file, sigs, journalBytes: journal.bytes, baseChars: text.length };
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
  /**
   * The kept signatures file and its valid slots (appended to by {@linkcode saveCopyIndex}), and
   * the kept index's journal and entries (to which it appends what changed).
   */
  signatures: KeptFiles | null;
}

/** The files of a kept copy index, as read. */
export interface KeptFiles {
  name: string;
  slots: number;
  journal: string;
  journalBytes: number;
  baseChars: number;
  entries: Columns;
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
  const signatures = usable
    ? {
      name: cache.file.signatures,
      slots: cache.file.slots,
      journal: cache.file.journal,
      journalBytes: cache.journalBytes,
      baseChars: cache.baseChars,
      entries: cache.file.entries,
    }
    : null;
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
  signatures: KeptFiles | null = null,
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
  const manifest = await sha256Hex(enc.encode(manifestText));
  const columns = columnsOf(out);
  let journal: string | null = null;
  if (signatures !== null && name === signatures.name) {
    // The entries from the first that differs from the kept ones on, as a journal line, while
    // the journal stays small next to index.json.
    const k = signatures.entries;
    let from = 0;
    const same = Math.min(out.length, k.id.length);
    while (from < same && COLUMNS.every((c) => columns[c][from] === k[c][from])) from++;
    const entries = Object.fromEntries(
      COLUMNS.map((c) => [c, (columns[c] as unknown[]).slice(from)]),
    ) as unknown as Columns;
    const line: JournalLine = { manifest, signatures: name, slots, from, entries };
    const bytes = enc.encode(JSON.stringify(line) + "\n");
    if (
      signatures.journalBytes + bytes.length <=
        Math.max(signatures.baseChars / 2, JOURNAL_MIN_BYTES)
    ) {
      await appendJournalLine(join(dir, signatures.journal), signatures.journalBytes, bytes);
      journal = signatures.journal;
    }
  }
  if (journal === null) {
    journal = `journal-${crypto.randomUUID()}.jsonl`;
    const file: CacheFile = {
      format: FORMAT,
      rules: await sha256Hex(enc.encode(rulesText)),
      manifest,
      numHashes: n,
      signatures: name,
      slots,
      entries: columns,
      journal,
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
  }
  for await (const f of Deno.readDir(dir)) {
    if (
      (f.name.startsWith("signatures-") && f.name !== name) ||
      (f.name.startsWith("journal-") && f.name !== journal)
    ) {
      await Deno.remove(join(dir, f.name)).catch(() => {});
    }
  }
}
