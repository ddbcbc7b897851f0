/**
 * Near-copy detection for syndicated articles: word 5-gram shingles, seeded MinHash signatures
 * and locality-sensitive hashing (LSH) by bands, so that a new article is compared only with the
 * few articles that share a band with it, not with every article of the corpus.
 *
 * With the defaults (128 hashes in 32 bands of 4 rows) two texts whose shingle sets have Jaccard
 * similarity 0.5 share a band with probability 0.87, at 0.8 with probability > 0.99, and at 0.1
 * with probability 0.003; candidates are then checked with {@linkcode jaccardEstimate}.
 *
 * The index is serialisable ({@linkcode LshIndex.toJSON} / {@linkcode LshIndex.fromJSON}) so
 * that a store can keep it between runs.
 *
 * @module
 */

/** Parameters of signatures and of the index. Signatures made with other parameters differ. */
export interface MinHashOptions {
  /** Number of hash functions (signature length); a multiple of `bands`. Default 128. */
  numHashes?: number;
  /** Number of LSH bands. Default 32. */
  bands?: number;
  /** Seed of the hash functions. Default 0x5eed. */
  seed?: number;
  /** Words per shingle. Default 5. */
  shingleSize?: number;
}

const DEFAULTS: Required<MinHashOptions> = {
  numHashes: 128,
  bands: 32,
  seed: 0x5eed,
  shingleSize: 5,
};

/** Lower-case words of a text: runs of letters and digits (apostrophes inside words kept). */
export function shingleWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's 32-bit finaliser: a bijection on 32-bit integers that mixes all bits. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * The hashed word shingles of a text (`shingleSize` consecutive words, default 5). A text with
 * fewer words than that has one shingle of all its words; a text without words has none.
 *
 * @example
 * ```ts
 * shingles("One two three four five six").size; // 2
 * ```
 */
export function shingles(text: string, shingleSize: number = DEFAULTS.shingleSize): Set<number> {
  const words = shingleWords(text);
  const out = new Set<number>();
  if (words.length === 0) return out;
  if (words.length < shingleSize) {
    out.add(fnv1a(words.join(" ")));
    return out;
  }
  for (let i = 0; i + shingleSize <= words.length; i++) {
    out.add(fnv1a(words.slice(i, i + shingleSize).join(" ")));
  }
  return out;
}

const SEEDS = new Map<string, Uint32Array>();

function seedsFor(numHashes: number, seed: number): Uint32Array {
  const key = `${numHashes}:${seed}`;
  let s = SEEDS.get(key);
  if (s === undefined) {
    s = new Uint32Array(numHashes);
    let x = seed >>> 0;
    for (let i = 0; i < numHashes; i++) {
      x = (x + 0x9e3779b9) >>> 0; // splitmix-style sequence
      s[i] = fmix32(x);
    }
    SEEDS.set(key, s);
  }
  return s;
}

/**
 * The MinHash signature of a text: for each of `numHashes` seeded hash functions, the least hash
 * over the text's word shingles. A text without words gets all 0xffffffff (see
 * {@linkcode isEmptySignature}), which the index never links.
 *
 * @example
 * ```ts
 * const a = signature("the quick brown fox jumps over the lazy dog");
 * a.length; // 128
 * ```
 */
export function signature(text: string, options: MinHashOptions = {}): Uint32Array {
  const o = { ...DEFAULTS, ...options };
  return signatureOfShingles(shingles(text, o.shingleSize), o);
}

/** {@linkcode signature} of shingles already hashed by {@linkcode shingles}. */
export function signatureOfShingles(
  set: ReadonlySet<number>,
  options: MinHashOptions = {},
): Uint32Array {
  const o = { ...DEFAULTS, ...options };
  const seeds = seedsFor(o.numHashes, o.seed);
  const sig = new Uint32Array(o.numHashes).fill(0xffffffff);
  for (const h of set) {
    for (let i = 0; i < o.numHashes; i++) {
      const v = fmix32(h ^ seeds[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** True for the signature of a text without words. */
export function isEmptySignature(sig: Uint32Array): boolean {
  return sig.every((v) => v === 0xffffffff);
}

/**
 * Estimated Jaccard similarity of the shingle sets behind two signatures: the share of hash
 * functions on which they agree. Throws if the lengths differ.
 *
 * @example
 * ```ts
 * const s = signature("a b c d e f g h");
 * jaccardEstimate(s, s); // 1
 * ```
 */
export function jaccardEstimate(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) {
    throw new Error(
      `jaccardEstimate: signatures of different lengths (${a.length} and ${b.length}) — ` +
        `make both with the same numHashes`,
    );
  }
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * The LSH key of band `band` of a signature with `rows` hashes per band: articles whose keys are
 * equal in some band are candidate copies.
 *
 * @example
 * ```ts
 * bandKey(signature("a b c d e f"), 0, 4) === bandKey(signature("a b c d e f"), 0, 4); // true
 * ```
 */
export function bandKey(sig: Uint32Array, band: number, rows: number, offset = 0): number {
  let h = 0x811c9dc5 ^ band;
  const from = band * rows;
  for (let i = from; i < from + rows; i++) h = fmix32(h ^ sig[offset + i]) + i;
  return h >>> 0;
}

/** Serialisable form of an {@linkcode LshIndex} (plain JSON). */
export interface SerializedLshIndex {
  version: 1;
  numHashes: number;
  bands: number;
  seed: number;
  shingleSize: number;
  /** Article ids in insertion order. */
  ids: string[];
  /** All signatures, concatenated in `ids` order, as little-endian uint32, base64. */
  signatures: string;
}

/** A candidate copy found by {@linkcode LshIndex.nearest}. */
export interface CopyMatch {
  id: string;
  /** Estimated Jaccard similarity of word 5-gram shingles, 0..1. */
  similarity: number;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * An LSH index of MinHash signatures by article id.
 *
 * @example
 * ```ts
 * const index = new LshIndex();
 * index.add("005", signature(wireText));
 * index.nearest(signature(editedWireText), 0.5); // { id: "005", similarity: 0.9 }
 * const copy = LshIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
 * ```
 */
export class LshIndex {
  readonly numHashes: number;
  readonly bands: number;
  readonly seed: number;
  readonly shingleSize: number;
  readonly #rows: number;
  /** Per band: band key → the id (most keys have one article) or ids (in insertion order). */
  readonly #buckets: Map<number, string | string[]>[];
  readonly #signatures = new Map<string, Uint32Array>();

  constructor(options: MinHashOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    if (o.numHashes % o.bands !== 0 || o.bands < 1) {
      throw new Error(
        `LshIndex: numHashes (${o.numHashes}) must be a multiple of bands (${o.bands})`,
      );
    }
    this.numHashes = o.numHashes;
    this.bands = o.bands;
    this.seed = o.seed;
    this.shingleSize = o.shingleSize;
    this.#rows = o.numHashes / o.bands;
    this.#buckets = Array.from({ length: o.bands }, () => new Map<number, string | string[]>());
  }

  /** The options signatures for this index must be made with. */
  get options(): Required<MinHashOptions> {
    return {
      numHashes: this.numHashes,
      bands: this.bands,
      seed: this.seed,
      shingleSize: this.shingleSize,
    };
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.#signatures.size;
  }

  /** The signature stored for `id`, if any. */
  get(id: string): Uint32Array | undefined {
    return this.#signatures.get(id);
  }

  #bandKey(sig: Uint32Array, band: number): number {
    return bandKey(sig, band, this.#rows);
  }

  #check(sig: Uint32Array): void {
    if (sig.length !== this.numHashes) {
      throw new Error(
        `LshIndex: signature of length ${sig.length}, the index needs ${this.numHashes}`,
      );
    }
  }

  /** Adds (or replaces) the signature of article `id`. Empty signatures are not indexed. */
  add(id: string, sig: Uint32Array): void {
    this.#check(sig);
    if (this.#signatures.has(id)) this.remove(id);
    this.#signatures.set(id, sig);
    if (isEmptySignature(sig)) return;
    for (let b = 0; b < this.bands; b++) {
      const key = this.#bandKey(sig, b);
      const bucket = this.#buckets[b].get(key);
      if (bucket === undefined) this.#buckets[b].set(key, id);
      else if (typeof bucket === "string") this.#buckets[b].set(key, [bucket, id]);
      else bucket.push(id);
    }
  }

  /** Removes article `id` from the index (no-op if absent). */
  remove(id: string): void {
    const sig = this.#signatures.get(id);
    if (sig === undefined) return;
    this.#signatures.delete(id);
    if (isEmptySignature(sig)) return;
    for (let b = 0; b < this.bands; b++) {
      const key = this.#bandKey(sig, b);
      const bucket = this.#buckets[b].get(key);
      if (bucket === undefined) continue;
      const rest = typeof bucket === "string" ? [] : bucket.filter((x) => x !== id);
      if (typeof bucket === "string" && bucket !== id) continue;
      if (rest.length === 0) this.#buckets[b].delete(key);
      else this.#buckets[b].set(key, rest.length === 1 ? rest[0] : rest);
    }
  }

  /** Ids of the indexed articles that share at least one band with `sig` (in insertion order). */
  query(sig: Uint32Array): string[] {
    this.#check(sig);
    if (isEmptySignature(sig)) return [];
    const found = new Set<string>();
    for (let b = 0; b < this.bands; b++) {
      const bucket = this.#buckets[b].get(this.#bandKey(sig, b));
      if (typeof bucket === "string") found.add(bucket);
      else if (bucket !== undefined) { for (const id of bucket) found.add(id); }
    }
    return [...found];
  }

  /**
   * The candidate most similar to `sig` with estimated similarity at least `threshold`, or null.
   * Ties go to the article indexed first (the earlier copy).
   */
  nearest(sig: Uint32Array, threshold: number, exclude?: string): CopyMatch | null {
    let best: CopyMatch | null = null;
    for (const id of this.query(sig)) {
      if (id === exclude) continue;
      const similarity = jaccardEstimate(sig, this.#signatures.get(id)!);
      if (similarity >= threshold && (best === null || similarity > best.similarity)) {
        best = { id, similarity };
      }
    }
    return best;
  }

  /** Plain-JSON form of the index; {@linkcode LshIndex.fromJSON} rebuilds it. */
  toJSON(): SerializedLshIndex {
    const ids = [...this.#signatures.keys()];
    const all = new Uint32Array(ids.length * this.numHashes);
    ids.forEach((id, k) => all.set(this.#signatures.get(id)!, k * this.numHashes));
    const bytes = new Uint8Array(all.length * 4);
    const view = new DataView(bytes.buffer);
    all.forEach((v, i) => view.setUint32(i * 4, v, true));
    return {
      version: 1,
      numHashes: this.numHashes,
      bands: this.bands,
      seed: this.seed,
      shingleSize: this.shingleSize,
      ids,
      signatures: toBase64(bytes),
    };
  }

  /** Rebuilds an index from {@linkcode LshIndex.toJSON}'s form; throws on a malformed one. */
  static fromJSON(json: SerializedLshIndex): LshIndex {
    if (json?.version !== 1 || !Array.isArray(json.ids) || typeof json.signatures !== "string") {
      throw new Error("LshIndex.fromJSON: not a serialised LshIndex (version 1)");
    }
    const index = new LshIndex(json);
    const bytes = fromBase64(json.signatures);
    if (bytes.length !== json.ids.length * json.numHashes * 4) {
      throw new Error(
        `LshIndex.fromJSON: ${bytes.length} signature bytes for ${json.ids.length} ids of ` +
          `${json.numHashes} hashes — the serialised index is damaged`,
      );
    }
    const view = new DataView(bytes.buffer);
    json.ids.forEach((id, k) => {
      const sig = new Uint32Array(json.numHashes);
      for (let i = 0; i < json.numHashes; i++) {
        sig[i] = view.getUint32((k * json.numHashes + i) * 4, true);
      }
      index.add(id, sig);
    });
    return index;
  }
}
