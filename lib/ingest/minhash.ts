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
import { wordList, wordSpans } from "../text/words.ts";

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
  return wordList(text.toLowerCase());
}

/**
 * 32-bit FNV-1a of the words `from` to `to` (exclusive) of `text`, given by their UTF-16 spans,
 * joined by single spaces: `fnv1a(words.slice(from, to).join(" "))` without making the string.
 */
function fnv1aWords(
  text: string,
  starts: readonly number[],
  ends: readonly number[],
  from: number,
  to: number,
): number {
  let h = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    if (w > from) {
      h ^= 32;
      h = Math.imul(h, 0x01000193);
    }
    for (let i = starts[w], e = ends[w]; i < e; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
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
  return new Set(shingleHashes(text, shingleSize));
}

/** The hashes of {@linkcode shingles}, in text order, repeats kept. */
function shingleHashes(text: string, shingleSize: number): number[] {
  // The words' spans in the lower-cased text, hashed in place (as fnv1a of the joined words).
  const lower = text.toLowerCase();
  const starts: number[] = [];
  const ends: number[] = [];
  wordSpans(lower, starts, ends);
  const n = starts.length;
  if (n === 0) return [];
  if (n < shingleSize) return [fnv1aWords(lower, starts, ends, 0, n)];
  const out = new Array<number>(n - shingleSize + 1);
  for (let i = 0; i + shingleSize <= n; i++) {
    out[i] = fnv1aWords(lower, starts, ends, i, i + shingleSize);
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
  // The least hash over the shingles is the same with repeats: no set needed.
  return leastHashes(shingleHashes(text, o.shingleSize), o);
}

/** {@linkcode signature} of shingles already hashed by {@linkcode shingles}. */
export function signatureOfShingles(
  set: ReadonlySet<number>,
  options: MinHashOptions = {},
): Uint32Array {
  return leastHashes(set, { ...DEFAULTS, ...options });
}

/** For each seeded hash function, the least hash over `hashes` (the signature). */
function leastHashes(hashes: Iterable<number>, o: Required<MinHashOptions>): Uint32Array {
  const seeds = seedsFor(o.numHashes, o.seed);
  const k = o.numHashes;
  if (SIMD !== null && k % 4 === 0) return SIMD(hashes, seeds);
  const sig = new Uint32Array(k).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < k; i++) {
      const v = fmix32(h ^ seeds[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

// ------------------------------------------------------------------------------------------
// The signature loop in WebAssembly SIMD: four hash functions at a time, the same arithmetic as
// fmix32 (xor, shift, 32-bit multiply) and an unsigned minimum. About four times faster than the
// loop above, which stays as the fallback where WebAssembly SIMD is missing.
// ------------------------------------------------------------------------------------------

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/**
 * The module: `minhash(seeds, out, kBytes, hashes, hashesEnd)` (byte addresses in its memory)
 * lowers `out[i]` to `fmix32(h ^ seeds[i])` for every 32-bit `h` in `hashes..hashesEnd`.
 */
function minhashModule(): Uint8Array<ArrayBuffer> {
  const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [LOAD, STORE, SPLAT, XOR, SHR_U, MUL, MIN_U] = [0x00, 0x0b, 0x11, 0x51, 0xad, 0xb5, 0xb7];
  const MEMARG_16 = [4, 0]; // align 2^4, offset 0
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const i32 = (v: number) => [0x41, ...sleb(v)];
  const ADD = 0x6a;
  const GE_U = 0x4f;
  // Locals: 0 seeds, 1 out, 2 kBytes, 3 hashes, 4 hashesEnd (parameters); 5 i; 6 h; 7 x.
  const xorShift = (
    bits: number,
  ) => [...get(7), ...get(7), ...i32(bits), ...simd(SHR_U), ...simd(XOR), ...set(7)];
  const times = (c: number) => [...get(7), ...i32(c), ...simd(SPLAT), ...simd(MUL), ...set(7)];
  const code = [
    0x02,
    0x40,
    0x03,
    0x40, // block, loop: over the hashes
    ...get(3),
    ...get(4),
    GE_U,
    0x0d,
    1, // done at the end
    ...get(3),
    0x28,
    2,
    0,
    ...simd(SPLAT),
    ...set(6), // h: the hash in every lane
    ...i32(0),
    ...set(5),
    0x02,
    0x40,
    0x03,
    0x40, // block, loop: over the seeds, four at a time
    ...get(5),
    ...get(2),
    GE_U,
    0x0d,
    1,
    ...get(6),
    ...get(0),
    ...get(5),
    ADD,
    ...simd(LOAD),
    ...MEMARG_16,
    ...simd(XOR),
    ...set(7),
    ...xorShift(16),
    ...times(0x85ebca6b),
    ...xorShift(13),
    ...times(0xc2b2ae35),
    ...xorShift(16),
    ...get(1),
    ...get(5),
    ADD, // where the minimum goes
    ...get(1),
    ...get(5),
    ADD,
    ...simd(LOAD),
    ...MEMARG_16,
    ...get(7),
    ...simd(MIN_U),
    ...simd(STORE),
    ...MEMARG_16,
    ...get(5),
    ...i32(16),
    ADD,
    ...set(5),
    0x0c,
    0,
    0x0b,
    0x0b, // next seeds; end loop, block
    ...get(3),
    ...i32(4),
    ADD,
    ...set(3),
    0x0c,
    0,
    0x0b,
    0x0b, // next hash; end loop, block
    0x0b,
  ];
  const body = [...vec([[1, 0x7f], [2, 0x7b]]), ...code]; // locals: one i32, two v128
  const I32 = 0x7f;
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0, 1]])), // one memory of at least one page
    ...section(7, vec([[...name("minhash"), 0, 0], [...name("memory"), 2, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

/** The SIMD signature loop, or null where WebAssembly SIMD is missing. */
const SIMD = ((): ((hashes: Iterable<number>, seeds: Uint32Array) => Uint32Array) | null => {
  try {
    const bytes = minhashModule();
    if (!WebAssembly.validate(bytes)) return null;
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as {
      minhash: (seeds: number, out: number, kBytes: number, hs: number, end: number) => void;
      memory: WebAssembly.Memory;
    };
    let hashes = new Uint32Array(1024);
    return (input, seeds) => {
      const k = seeds.length;
      let n = 0;
      for (const h of input) {
        if (n === hashes.length) {
          const grown = new Uint32Array(2 * n);
          grown.set(hashes);
          hashes = grown;
        }
        hashes[n++] = h;
      }
      const bytes = 4 * (2 * k + n);
      const have = exports.memory.buffer.byteLength;
      if (have < bytes) exports.memory.grow(Math.ceil((bytes - have) / 65536));
      const mem = new Uint32Array(exports.memory.buffer);
      mem.set(seeds, 0);
      mem.fill(0xffffffff, k, 2 * k);
      mem.set(hashes.subarray(0, n), 2 * k);
      exports.minhash(0, 4 * k, 4 * k, 8 * k, 4 * (2 * k + n));
      return mem.slice(k, 2 * k);
    };
  } catch {
    return null;
  }
})();

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
  /**
   * Articles added together by {@linkcode LshIndex.addMany} (before any other): their ids, their
   * signatures side by side, and, built on the first query, per band the sorted values
   * `key × 2^21 + position` (exact in a float64), searched by bisection. Loading a kept index of
   * 100,000 articles this way costs a few typed-array sorts instead of 3.2 million map entries.
   */
  #bulk: {
    ids: string[];
    sigs: Uint32Array;
    position: Map<string, number>;
    dead: Uint8Array;
    live: number;
    bands: Float64Array[] | null;
  } | null = null;

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
    return this.#signatures.size + (this.#bulk?.live ?? 0);
  }

  /** The signature stored for `id`, if any. */
  get(id: string): Uint32Array | undefined {
    const sig = this.#signatures.get(id);
    if (sig !== undefined || this.#bulk === null) return sig;
    const p = this.#bulk.position.get(id);
    if (p === undefined) return undefined;
    return this.#bulk.sigs.subarray(p * this.numHashes, (p + 1) * this.numHashes);
  }

  /**
   * Adds many articles at once, to an empty index: `sigs` holds their signatures side by side
   * (`numHashes` each, in the order of `ids`). The same as adding each, for far less work.
   *
   * @example
   * ```ts
   * index.addMany(["a", "b"], new Uint32Array(2 * index.numHashes));
   * ```
   */
  addMany(ids: readonly string[], sigs: Uint32Array): void {
    if (this.size > 0) throw new Error("LshIndex.addMany: the index must be empty");
    if (sigs.length !== ids.length * this.numHashes) {
      throw new Error(
        `LshIndex.addMany: ${sigs.length} hashes for ${ids.length} ids of ${this.numHashes}`,
      );
    }
    if (ids.length >= 1 << 21) {
      for (let i = 0; i < ids.length; i++) {
        this.add(ids[i], sigs.slice(i * this.numHashes, (i + 1) * this.numHashes));
      }
      return;
    }
    const position = new Map<string, number>();
    ids.forEach((id, i) => position.set(id, i));
    const dead = new Uint8Array(ids.length);
    let live = ids.length;
    for (let i = 0; i < ids.length; i++) {
      if (position.get(ids[i]) !== i) { // a later entry of the same id replaces it
        dead[i] = 1;
        live--;
      }
    }
    this.#bulk = { ids: [...ids], sigs, position, dead, live, bands: null };
  }

  /** Per band, the sorted `key × 2^21 + position` of the bulk articles with a signature. */
  #bulkBands(): Float64Array[] {
    const bulk = this.#bulk!;
    if (bulk.bands) return bulk.bands;
    const n = bulk.ids.length;
    const k = this.numHashes;
    const indexed: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!isEmptySignature(bulk.sigs.subarray(i * k, (i + 1) * k))) indexed.push(i);
    }
    bulk.bands = Array.from({ length: this.bands }, (_, b) => {
      const values = new Float64Array(indexed.length);
      indexed.forEach((
        i,
        j,
      ) => (values[j] = bandKey(bulk.sigs, b, this.#rows, i * k) * 2097152 + i));
      return values.sort();
    });
    return bulk.bands;
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
    if (this.#signatures.has(id) || this.#bulk?.position.has(id)) this.remove(id);
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
    const p = this.#bulk?.position.get(id);
    if (p !== undefined) {
      const bulk = this.#bulk!;
      bulk.position.delete(id);
      bulk.dead[p] = 1;
      bulk.live--;
      return;
    }
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
      if (this.#bulk !== null) {
        const values = this.#bulkBands()[b];
        const from = this.#bandKey(sig, b) * 2097152;
        let lo = 0;
        let hi = values.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (values[mid] < from) lo = mid + 1;
          else hi = mid;
        }
        for (let j = lo; j < values.length && values[j] < from + 2097152; j++) {
          const p = values[j] - from;
          if (this.#bulk.dead[p] === 0) found.add(this.#bulk.ids[p]);
        }
      }
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
      const similarity = jaccardEstimate(sig, this.get(id)!);
      if (similarity >= threshold && (best === null || similarity > best.similarity)) {
        best = { id, similarity };
      }
    }
    return best;
  }

  /** Plain-JSON form of the index; {@linkcode LshIndex.fromJSON} rebuilds it. */
  toJSON(): SerializedLshIndex {
    const bulk = this.#bulk;
    const ids = [
      ...(bulk ? bulk.ids.filter((_id, p) => bulk.dead[p] === 0) : []),
      ...this.#signatures.keys(),
    ];
    const all = new Uint32Array(ids.length * this.numHashes);
    ids.forEach((id, k) => all.set(this.get(id)!, k * this.numHashes));
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
