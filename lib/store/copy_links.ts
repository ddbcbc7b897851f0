/**
 * The store's copy links: each article's best earlier copy (see `lib/tables/copies.ts`), kept in
 * the store and brought up to date from what changed, so that adding 100 articles to a large
 * corpus compares them (and their LSH band neighbours) with the corpus instead of finding every
 * link again.
 *
 * The MinHash signatures are kept in a binary file of the store folder (`copies-<uuid>.bin`, `k`
 * uint32 per slot, in the machine's byte order), appended to as articles are analysed; the store's
 * manifest names the file, how many slots are valid, and each article's slot, date, listing
 * position and link. Bytes past the valid slots (left by a killed run) are cut off before the next
 * append. When dead slots (of removed or changed articles) outnumber the live ones, the file is
 * written afresh under a new name.
 *
 * @module
 */
import { decodeSignature } from "../analyse.ts";
import { isEmptySignature, LshIndex } from "../ingest/minhash.ts";
import {
  bandKeysOf,
  COPY_THRESHOLD,
  copyCandidates,
  copyLinksAll,
  copyLinksOf,
  improvedLinks,
  type Signatures,
} from "../tables/copies.ts";

/** What the store keeps of one article for copy detection. */
export interface CopyState {
  /** Slot of its signature in the signature file, or -1 (no body, no signature). */
  slot: number;
  /** Its position in the listing when its link was last brought up to date. */
  ix: number;
  /** Its publication date then. */
  pub: string | null;
  /** Its best earlier copy (an article id) and their estimated similarity, or null. */
  of: string | null;
  sim: number;
}

/** The store's signature file, as its manifest names it. */
export interface CopyFile {
  file: string;
  /** Valid slots at the start of the file. */
  slots: number;
  /** Hashes per signature. */
  k: number;
  threshold: number;
  /** False while some article's link is not brought up to date (a run was killed). */
  linked: boolean;
}

function hashesPerSignature(): number {
  return new LshIndex().numHashes;
}

/** A new, empty signature file's description (no file written yet). */
export function newCopyFile(): CopyFile {
  return {
    file: `copies-${crypto.randomUUID()}.bin`,
    slots: 0,
    k: hashesPerSignature(),
    threshold: COPY_THRESHOLD,
    linked: false,
  };
}

/** Whether a kept file description fits this code (hash count, threshold). */
export function usableCopyFile(f: CopyFile | undefined): f is CopyFile {
  return f !== undefined && typeof f.file === "string" && f.k === hashesPerSignature() &&
    f.threshold === COPY_THRESHOLD && Number.isInteger(f.slots);
}

/**
 * The signature of an articles row's `minhash` (base64), or null when it has none or an empty
 * one (a text without words).
 *
 * @example
 * ```ts
 * signatureOfMinhash(null); // null
 * ```
 */
export function signatureOfMinhash(text: string | null | undefined): Uint32Array | null {
  if (!text) return null;
  const sig = decodeSignature(text);
  return sig.length === hashesPerSignature() && !isEmptySignature(sig) ? sig : null;
}

/**
 * Appends signatures to the store's signature file (cutting off bytes past its valid slots
 * first) and returns each one's slot (-1 for null). Updates `f.slots`; the caller writes the
 * manifest that names them afterwards.
 *
 * @example
 * ```ts
 * const slots = await appendSignatures(dir, file, [sigA, null]); // [0, -1]
 * ```
 */
export async function appendSignatures(
  dir: string,
  f: CopyFile,
  sigs: readonly (Uint32Array | null)[],
): Promise<number[]> {
  const slots: number[] = [];
  const kept = sigs.filter((s): s is Uint32Array => s !== null);
  if (kept.length === 0) return sigs.map(() => -1);
  const path = `${dir}/${f.file}`;
  const file = await Deno.open(path, { read: true, write: true, create: true });
  try {
    const size = (await file.stat()).size;
    const valid = f.slots * f.k * 4;
    if (size !== valid) await file.truncate(Math.min(size, valid));
    if (size < valid) throw new Error(`${path}: shorter than the store's manifest says`);
    await file.seek(valid, Deno.SeekMode.Start);
    const out = new Uint32Array(kept.length * f.k);
    let n = 0;
    for (const s of sigs) {
      if (s === null) {
        slots.push(-1);
        continue;
      }
      out.set(s, n * f.k);
      slots.push(f.slots + n);
      n++;
    }
    const bytes = new Uint8Array(out.buffer);
    for (let w = 0; w < bytes.length;) w += await file.write(bytes.subarray(w));
  } finally {
    file.close();
  }
  f.slots += kept.length;
  return slots;
}

/** One article of the corpus, in listing order, as {@linkcode updateCopyLinks} takes it. */
export interface CopyArticle {
  id: string;
  published: string | null;
  /** Its kept state (its slot set when its signature was appended in this run). */
  cp: CopyState | undefined;
}

/** What {@linkcode updateCopyLinks} needs besides the articles. */
export interface CopyUpdate {
  dir: string;
  /** The kept signature file (appended to in this run), or undefined. */
  file: CopyFile | undefined;
  /** Whether every kept link was up to date when this run started (`file.linked` then). */
  linked: boolean;
  articles: readonly CopyArticle[];
  /** Ids whose signature was (re)computed in this run. */
  changed: ReadonlySet<string>;
  /** The states kept before this run, by id (old signatures of changed and removed articles). */
  before: ReadonlyMap<string, CopyState>;
  /** The `minhash` of each of `ids` from the stored articles table (a store kept before links). */
  minhashOf(ids: readonly string[]): Map<string, string | null>;
}

/** What {@linkcode updateCopyLinks} did. */
export interface CopyUpdateResult {
  file: CopyFile;
  /** Each article's new state, in the order given. */
  states: CopyState[];
  /** Articles whose link was computed (all of them when the links were found afresh). */
  relinked: number;
  /** A signature file no longer named (remove it after the manifest is written). */
  dropped: string | null;
}

async function readSignatures(dir: string, f: CopyFile): Promise<Uint32Array | null> {
  try {
    const bytes = await Deno.readFile(`${dir}/${f.file}`);
    const want = f.slots * f.k * 4;
    if (bytes.byteLength < want) return null;
    return new Uint32Array(bytes.buffer, bytes.byteOffset, want / 4);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return f.slots === 0 ? new Uint32Array(0) : null;
    throw e;
  }
}

/**
 * Brings the copy links up to date: when the kept links hold (every article has a state, the
 * last run finished, the order of the articles kept is unchanged), only the articles whose
 * signature or date changed, and those sharing an LSH band with them or with a removed article,
 * are linked again; else every link is found afresh (from the stored signatures, or from the
 * stored articles table for a store kept before links). Both give the links a cold build gives.
 *
 * @example
 * ```ts
 * const r = await updateCopyLinks({ dir, file, articles, changed, before, minhashOf });
 * ```
 */
export async function updateCopyLinks(u: CopyUpdate): Promise<CopyUpdateResult> {
  const k = hashesPerSignature();
  let file = usableCopyFile(u.file) ? u.file : undefined;
  let sigs = file ? await readSignatures(u.dir, file) : null;
  const published = u.articles.map((a) => a.published);
  let dropped: string | null = null;
  // Every article needs a slot: those without one (a store kept before links, a lost file) get
  // theirs from the stored articles table, in a new file holding every live signature.
  const complete = sigs !== null &&
    u.articles.every((a) => a.cp !== undefined && a.cp.slot < file!.slots);
  if (!complete) {
    const fresh = newCopyFile();
    const old = file && sigs ? { file, sigs } : null;
    const missing = u.articles.filter((a) => !a.cp || !old).map((a) => a.id);
    const stored = missing.length ? u.minhashOf(missing) : new Map<string, string | null>();
    const list: (Uint32Array | null)[] = u.articles.map((a) => {
      if (a.cp && old) {
        return a.cp.slot >= 0 ? old.sigs.slice(a.cp.slot * k, (a.cp.slot + 1) * k) : null;
      }
      return signatureOfMinhash(stored.get(a.id));
    });
    await Deno.remove(`${u.dir}/${fresh.file}`).catch(() => {});
    const slots = await appendSignatures(u.dir, fresh, list);
    if (file) dropped = file.file;
    file = fresh;
    sigs = (await readSignatures(u.dir, file))!;
    return finish(u, file, sigs, published, slots, null, dropped);
  }
  file = file!;
  sigs = sigs!;
  const slots = u.articles.map((a) => a.cp!.slot);
  // Compaction: more dead slots than live ones.
  const live = slots.filter((s) => s >= 0).length;
  if (file.slots > 2 * live + 1000) {
    const fresh = newCopyFile();
    const list = slots.map((s) => (s >= 0 ? sigs!.slice(s * k, (s + 1) * k) : null));
    const newSlots = await appendSignatures(u.dir, fresh, list);
    // The links are found from the old slots below; the new file is named afterwards.
    const r = await finish(u, file, sigs, published, slots, incrementalOf(u, published), null);
    r.states.forEach((s, i) => (s.slot = newSlots[i]));
    return { ...r, file: { ...fresh, linked: true }, dropped: file.file };
  }
  return finish(u, file, sigs, published, slots, incrementalOf(u, published), null);
}

/**
 * The ids whose links may change when the kept links can be brought up to date (null when every
 * link must be found afresh): articles with a new signature or date.
 */
function incrementalOf(u: CopyUpdate, published: ReadonlyArray<string | null>): Set<string> | null {
  if (!u.linked) return null;
  const changed = new Set<string>(u.changed);
  let lastIx = -1;
  for (let i = 0; i < u.articles.length; i++) {
    const a = u.articles[i];
    const before = u.before.get(a.id);
    if (!before || u.changed.has(a.id)) {
      changed.add(a.id);
      continue;
    }
    if (before.pub !== published[i]) changed.add(a.id);
    // The kept articles must keep their order (ties between equal dates go by it).
    if (before.ix <= lastIx) return null;
    lastIx = before.ix;
  }
  return changed;
}

function finish(
  u: CopyUpdate,
  file: CopyFile,
  sigs: Uint32Array,
  published: ReadonlyArray<string | null>,
  slots: readonly number[],
  changed: Set<string> | null,
  dropped: string | null,
): CopyUpdateResult {
  const k = file.k;
  const n = u.articles.length;
  const s: Signatures = {
    k,
    sigs,
    offsets: Int32Array.from(slots, (x) => Math.max(0, x) * k),
    has: Uint8Array.from(slots, (x) => (x >= 0 ? 1 : 0)),
  };
  const states: CopyState[] = u.articles.map((a, i) => ({
    slot: slots[i],
    ix: i,
    pub: published[i],
    of: a.cp?.of ?? null,
    sim: a.cp?.sim ?? 0,
  }));
  let relinked = 0;
  if (changed === null) {
    const { best, sim } = copyLinksAll(s, published, file.threshold);
    for (let i = 0; i < n; i++) {
      states[i].of = best[i] >= 0 ? u.articles[best[i]].id : null;
      states[i].sim = best[i] >= 0 ? sim[i] : 0;
    }
    relinked = n;
  } else {
    // The articles whose candidates changed: the changed ones, and every article sharing a band
    // with a changed or removed article's signature, old or new.
    const index = new Map(u.articles.map((a, i) => [a.id, i]));
    const affected = new Set<number>();
    const probes: number[] = [];
    for (const id of changed) {
      const i = index.get(id);
      if (i !== undefined) {
        affected.add(i);
        if (slots[i] >= 0) probes.push(slots[i] * k);
      }
      const old = u.before.get(id);
      if (old && old.slot >= 0 && old.slot < file.slots) probes.push(old.slot * k);
    }
    for (const [id, old] of u.before) {
      if (!index.has(id) && old.slot >= 0 && old.slot < file.slots) probes.push(old.slot * k);
    }
    const keys = bandKeysOf(s);
    for (const j of copyCandidates(s, sigs, probes, keys)) affected.add(j);
    // An unchanged article whose kept copy is unchanged and present keeps it unless a changed
    // article beats it: compared with the changed articles only. The others are linked afresh.
    const changedIx = [...changed].map((id) => index.get(id)).filter((i) => i !== undefined);
    const fresh: number[] = [];
    const kept = new Map<number, { best: number; sim: number }>();
    for (const i of affected) {
      const of = states[i].of;
      const b = of === null ? -1 : index.get(of);
      if (changed.has(u.articles[i].id) || b === undefined || (of !== null && changed.has(of))) {
        fresh.push(i);
      } else kept.set(i, { best: b, sim: states[i].sim });
    }
    const found = [
      ...copyLinksOf(s, published, fresh, file.threshold, keys),
      ...improvedLinks(s, published, kept.keys(), changedIx, kept, file.threshold, keys),
    ];
    for (const [i, r] of found) {
      states[i].of = r.best >= 0 ? u.articles[r.best].id : null;
      states[i].sim = r.best >= 0 ? r.sim : 0;
    }
    relinked = affected.size;
  }
  return { file: { ...file, linked: true }, states, relinked, dropped };
}
