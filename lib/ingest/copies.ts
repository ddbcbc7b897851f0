/**
 * The copy index of a corpus: exact copies by the hash of the cleaned body, near copies by
 * MinHash/LSH over word 5-gram shingles of the cleaned body (`lib/ingest/minhash.ts`).
 *
 * @module
 */
import { sha256Hex } from "../io/hash.ts";
import {
  jaccardEstimate,
  LshIndex,
  type MinHashOptions,
  type SerializedLshIndex,
  signature,
} from "./minhash.ts";

/** Least estimated similarity for a near copy (default of {@linkcode CopyIndex.find}). */
export const NEAR_COPY_THRESHOLD = 0.5;

/** A copy found by {@linkcode CopyIndex.find}. */
export type CopyFound =
  | { kind: "exact"; id: string }
  | { kind: "near"; id: string; similarity: number };

/** Serialisable form of a {@linkcode CopyIndex}. */
export interface SerializedCopyIndex {
  version: 1;
  /** [body hash, article id] pairs. */
  exact: [string, string][];
  lsh: SerializedLshIndex;
}

/**
 * The form of a cleaned body that exact copies share: white space collapsed, trimmed.
 *
 * @example
 * ```ts
 * normaliseBody(" A  b\n\nc "); // "A b c"
 * ```
 */
export function normaliseBody(body: string): string {
  return body.replace(/\s+/gu, " ").trim();
}

/**
 * sha256 (hex) of {@linkcode normaliseBody}: equal for bodies that differ only in white space.
 *
 * @example
 * ```ts
 * (await bodyKey("a  b")) === (await bodyKey("a b")); // true
 * ```
 */
export async function bodyKey(body: string): Promise<string> {
  return await sha256Hex(new TextEncoder().encode(normaliseBody(body)));
}

/**
 * Exact and near copies among the cleaned bodies of a corpus, by article id.
 *
 * @example
 * ```ts
 * const index = new CopyIndex();
 * await index.add("005", body5);
 * await index.find(body6); // { kind: "near", id: "005", similarity: 0.84 } or null
 * ```
 */
export class CopyIndex {
  readonly lsh: LshIndex;
  readonly #exact = new Map<string, string>();
  readonly #keyOf = new Map<string, string>();

  constructor(options: MinHashOptions = {}) {
    this.lsh = new LshIndex(options);
  }

  /** Number of articles indexed. */
  get size(): number {
    return this.lsh.size;
  }

  /** Indexes the cleaned body of article `id` (the first article with a body keeps its key). */
  async add(id: string, body: string): Promise<void> {
    this.addSigned(id, await bodyKey(body), signature(body, this.lsh.options));
  }

  /**
   * Indexes article `id` by its {@linkcode bodyKey} and MinHash signature, already computed (as
   * a kept index holds them).
   */
  addSigned(id: string, key: string, sig: Uint32Array): void {
    if (!this.#exact.has(key)) this.#exact.set(key, id);
    this.#keyOf.set(id, key);
    this.lsh.add(id, sig);
  }

  /**
   * Indexes many articles at once, into an empty index: their ids, {@linkcode bodyKey}s and
   * MinHash signatures side by side (as a kept index holds them). The same as
   * {@linkcode CopyIndex.addSigned} for each, in order, for far less work.
   *
   * @example
   * ```ts
   * index.addMany(["a"], [await bodyKey(body)], signature(body));
   * ```
   */
  addMany(ids: readonly string[], keys: readonly string[], sigs: Uint32Array): void {
    for (let i = 0; i < ids.length; i++) {
      if (!this.#exact.has(keys[i])) this.#exact.set(keys[i], ids[i]);
      this.#keyOf.set(ids[i], keys[i]);
    }
    this.lsh.addMany(ids, sigs);
  }

  /** The {@linkcode bodyKey} article `id` was indexed with, if it is indexed. */
  keyOf(id: string): string | undefined {
    return this.#keyOf.get(id);
  }

  /**
   * The article whose cleaned body equals `body` (`exact`), else the most similar one with
   * estimated similarity ≥ `threshold` (`near`), else null. `exclude` skips one id (the article
   * itself, when it is already indexed).
   */
  async find(
    body: string,
    threshold: number = NEAR_COPY_THRESHOLD,
    exclude?: string,
  ): Promise<CopyFound | null> {
    const same = this.#exact.get(await bodyKey(body));
    if (same !== undefined && same !== exclude) return { kind: "exact", id: same };
    const near = this.lsh.nearest(signature(body, this.lsh.options), threshold, exclude);
    return near === null ? null : { kind: "near", id: near.id, similarity: near.similarity };
  }

  /**
   * For every indexed article, its earliest-indexed near or exact copy with similarity ≥
   * `threshold` among the articles indexed before it (so links point to the copy already in the
   * corpus), or nothing: id → { copy_of, similarity }. For the store's articles table; a
   * hand-set manifest `copy_of` wins over these.
   */
  links(
    threshold: number = NEAR_COPY_THRESHOLD,
  ): Map<string, { copy_of: string; similarity: number }> {
    const order = new Map<string, number>();
    const ids = this.lsh.toJSON().ids;
    ids.forEach((id, i) => order.set(id, i));
    const out = new Map<string, { copy_of: string; similarity: number }>();
    for (const id of ids) {
      const sig = this.lsh.get(id)!;
      let best: { copy_of: string; similarity: number } | null = null;
      for (const other of this.lsh.query(sig)) {
        if (order.get(other)! >= order.get(id)!) continue;
        const s = jaccardEstimate(sig, this.lsh.get(other)!);
        if (s >= threshold && (best === null || s > best.similarity)) {
          best = { copy_of: other, similarity: s };
        }
      }
      if (best !== null) out.set(id, best);
    }
    return out;
  }

  /** Plain-JSON form; {@linkcode CopyIndex.fromJSON} rebuilds the index. */
  toJSON(): SerializedCopyIndex {
    return { version: 1, exact: [...this.#exact], lsh: this.lsh.toJSON() };
  }

  /** Rebuilds an index from {@linkcode CopyIndex.toJSON}'s form. */
  static fromJSON(json: SerializedCopyIndex): CopyIndex {
    if (json?.version !== 1 || !Array.isArray(json.exact)) {
      throw new Error("CopyIndex.fromJSON: not a serialised CopyIndex (version 1)");
    }
    const lsh = LshIndex.fromJSON(json.lsh);
    const index = new CopyIndex(lsh.options);
    for (const id of lsh.toJSON().ids) index.lsh.add(id, lsh.get(id)!);
    for (const [key, id] of json.exact) {
      index.#exact.set(key, id);
      index.#keyOf.set(id, key);
    }
    return index;
  }
}
