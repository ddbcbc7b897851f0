/**
 * Syndicated copies in the articles table: the same wire story run by several outlets. Each
 * article's body has a MinHash signature (word 5-grams, `minhash` column); an article whose
 * estimated similarity to an earlier one (by publication date, then listing order) reaches the
 * threshold is linked to it (`copy_of`, `similarity`). Candidates come from locality-sensitive
 * hashing, so an article is compared with a few others, not with the whole corpus. A link set by
 * hand in the manifest wins; `copy_of` written `none` there says "not a copy".
 *
 * @module
 */
import pl from "nodejs-polars";
import { bandKey, isEmptySignature, LshIndex } from "../ingest/minhash.ts";

/** Similarity from which an article counts as a copy of an earlier one (as `task add` uses). */
export const COPY_THRESHOLD = 0.5;

/**
 * Every article's MinHash signature side by side: `sigs` holds `k` uint32 per article (at
 * `offsets[i]`), `has[i]` is 1 when article i has a non-empty signature (others take no part).
 */
export interface Signatures {
  k: number;
  sigs: Uint32Array;
  offsets: Int32Array;
  has: Uint8Array;
}

/** An article's best earlier copy: `best[i]` (an article index, -1 for none) and its similarity. */
export interface CopyBest {
  best: Int32Array;
  sim: Float64Array;
}

/** Hashes and bands of the signatures (the defaults of `lib/ingest/minhash.ts`). */
function lshShape(): { k: number; bands: number; rows: number } {
  const probe = new LshIndex();
  return { k: probe.numHashes, bands: probe.bands, rows: probe.numHashes / probe.bands };
}

/**
 * The signatures of an articles table's `minhash` column (base64, as the analysis writes it).
 *
 * @example
 * ```ts
 * signaturesOfColumn(articles.getColumn("minhash")).has.length === articles.height; // true
 * ```
 */
export function signaturesOfColumn(column: pl.Series): Signatures {
  const { k } = lshShape();
  const n = column.length;
  const sigs = new Uint32Array(n * k);
  const sigBytes = new Uint8Array(sigs.buffer);
  const has = new Uint8Array(n);
  const offsets = new Int32Array(n);
  const nBytes = k * 4;
  for (let from = 0; from < n; from += 10_000) {
    const part = column.slice(from, Math.min(10_000, n - from)).toArray() as Array<string | null>;
    part.forEach((text, j) => {
      const i = from + j;
      offsets[i] = i * k;
      if (!text) return;
      const bin = atob(text);
      if (bin.length !== nBytes) return;
      const base = i * nBytes;
      for (let c = 0; c < nBytes; c++) sigBytes[base + c] = bin.charCodeAt(c);
      if (!isEmptySignature(sigs.subarray(i * k, (i + 1) * k))) has[i] = 1;
    });
  }
  return { k, sigs, offsets, has };
}

/** Whether article a comes before article b: by date (undated last), then listing order. */
function earlierThan(published: ReadonlyArray<string | null>) {
  return (a: number, b: number) => {
    const pa = published[a] ?? "9999";
    const pb = published[b] ?? "9999";
    return pa < pb || (pa === pb && a < b);
  };
}

/** Estimated similarity of articles a and b, or -1 as soon as it cannot reach the threshold. */
function similarityOf(s: Signatures, threshold: number) {
  const k = s.k;
  const need = Math.ceil(threshold * k - 1e-9);
  const allowed = k - need;
  return (a: number, b: number) => {
    let mismatches = 0;
    const pa = s.offsets[a];
    const pb = s.offsets[b];
    for (let h = 0; h < k; h++) {
      if (s.sigs[pa + h] !== s.sigs[pb + h] && ++mismatches > allowed) return -1;
    }
    return (k - mismatches) / k;
  };
}

/**
 * Each article's best earlier copy (by date, undated last, then listing order `published` is
 * in): the most similar article with estimated similarity ≥ `threshold` among those sharing an
 * LSH band with it, ties to the earliest. Every article is compared with its band candidates only.
 *
 * @example
 * ```ts
 * const { best } = copyLinksAll(signaturesOfColumn(articles.getColumn("minhash")), published);
 * ```
 */
export function copyLinksAll(
  s: Signatures,
  published: ReadonlyArray<string | null>,
  threshold: number = COPY_THRESHOLD,
): CopyBest {
  const { bands, rows } = lshShape();
  const n = s.has.length;
  const earlier = earlierThan(published);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    earlier(a, b) ? -1 : earlier(b, a) ? 1 : 0
  );
  const rank = new Int32Array(n);
  order.forEach((i, r) => (rank[i] = r));
  const similarity = similarityOf(s, threshold);
  // Per band: the band keys of every article; the keys two or more articles share (found by
  // sorting the keys); the articles with such a key, grouped by it, earliest first. Each
  // article's best earlier copy: the most similar, ties to the earliest.
  const best = new Int32Array(n).fill(-1);
  const sim = new Float64Array(n);
  const members = order.filter((i) => s.has[i] === 1);
  const keys = new Uint32Array(members.length);
  for (let band = 0; band < bands; band++) {
    for (let j = 0; j < members.length; j++) {
      keys[j] = bandKey(s.sigs, band, rows, s.offsets[members[j]]);
    }
    const sorted = keys.slice().sort();
    const shared = new Set<number>();
    for (let t = 1; t < sorted.length; t++) if (sorted[t] === sorted[t - 1]) shared.add(sorted[t]);
    if (shared.size === 0) continue;
    const groups = new Map<number, number[]>();
    for (let j = 0; j < members.length; j++) {
      if (!shared.has(keys[j])) continue;
      const g = groups.get(keys[j]);
      if (g) g.push(members[j]);
      else groups.set(keys[j], [members[j]]);
    }
    for (const group of groups.values()) {
      for (let x = 1; x < group.length; x++) {
        const later = group[x];
        for (let y = 0; y < x; y++) {
          const e = group[y];
          const v = similarity(later, e);
          if (v < 0 || v < threshold) continue;
          const b = best[later];
          if (b < 0 || v > sim[later] || (v === sim[later] && rank[e] < rank[b])) {
            best[later] = e;
            sim[later] = v;
          }
        }
      }
    }
  }
  return { best, sim };
}

/**
 * The articles that share an LSH band with any of the signatures `probes` (each `k` uint32 at
 * `probeOffsets`): the candidates whose links an added, changed or removed article can change.
 *
 * @example
 * ```ts
 * copyCandidates(s, s.sigs, new Int32Array([s.offsets[7]])); // 7 and its band neighbours
 * ```
 */
export function copyCandidates(
  s: Signatures,
  probes: Uint32Array,
  probeOffsets: readonly number[],
): Set<number> {
  const { bands, rows } = lshShape();
  const out = new Set<number>();
  if (probeOffsets.length === 0) return out;
  const n = s.has.length;
  for (let band = 0; band < bands; band++) {
    const keys = new Set<number>();
    for (const o of probeOffsets) keys.add(bandKey(probes, band, rows, o));
    for (let j = 0; j < n; j++) {
      if (s.has[j] === 1 && !out.has(j) && keys.has(bandKey(s.sigs, band, rows, s.offsets[j]))) {
        out.add(j);
      }
    }
  }
  return out;
}

/**
 * The best earlier copy of the articles `only` (as {@linkcode copyLinksAll} finds it for them,
 * candidates taken from every article): for bringing kept links up to date after a few articles
 * were added, changed or removed, without going over every pair of the corpus.
 *
 * @example
 * ```ts
 * copyLinksOf(s, published, [20_000]).get(20_000); // { best: 17, sim: 0.91 } or { best: -1, … }
 * ```
 */
export function copyLinksOf(
  s: Signatures,
  published: ReadonlyArray<string | null>,
  only: Iterable<number>,
  threshold: number = COPY_THRESHOLD,
): Map<number, { best: number; sim: number }> {
  const { bands, rows } = lshShape();
  const earlier = earlierThan(published);
  const similarity = similarityOf(s, threshold);
  const out = new Map<number, { best: number; sim: number }>();
  const targets: number[] = [];
  for (const a of only) {
    out.set(a, { best: -1, sim: 0 });
    if (s.has[a] === 1) targets.push(a);
  }
  if (targets.length === 0) return out;
  const n = s.has.length;
  for (let band = 0; band < bands; band++) {
    const byKey = new Map<number, number[]>();
    for (const a of targets) {
      const key = bandKey(s.sigs, band, rows, s.offsets[a]);
      const g = byKey.get(key);
      if (g) g.push(a);
      else byKey.set(key, [a]);
    }
    for (let j = 0; j < n; j++) {
      if (s.has[j] !== 1) continue;
      const g = byKey.get(bandKey(s.sigs, band, rows, s.offsets[j]));
      if (!g) continue;
      for (const a of g) {
        if (!earlier(j, a)) continue;
        const v = similarity(a, j);
        if (v < 0 || v < threshold) continue;
        const cur = out.get(a)!;
        if (cur.best < 0 || v > cur.sim || (v === cur.sim && earlier(j, cur.best))) {
          cur.best = j;
          cur.sim = v;
        }
      }
    }
  }
  return out;
}

/**
 * The articles table with `copy_of` and `similarity` from computed links (`copyOf`, raw
 * `similarity`, in table order) where the manifest left them empty (hand-set values win; `none`
 * clears). Similarities are rounded to three decimals.
 *
 * @example
 * ```ts
 * applyCopyLinks(articles, ["a", null], [0.84, null]);
 * ```
 */
export function applyCopyLinks(
  articles: pl.DataFrame,
  copyOf: ReadonlyArray<string | null>,
  similarity: ReadonlyArray<number | null>,
): pl.DataFrame {
  const n = articles.height;
  const handCopy = articles.getColumn("copy_of").toArray() as Array<string | null>;
  const handSim = articles.getColumn("similarity").toArray() as Array<number | null>;
  const copyOut: Array<string | null> = new Array(n).fill(null);
  const simOut: Array<number | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (copyOf[i] != null) {
      copyOut[i] = copyOf[i];
      simOut[i] = Math.round(similarity[i]! * 1000) / 1000;
    }
    const hand = handCopy[i]?.trim();
    if (hand) {
      const cleared = hand.toLowerCase() === "none";
      copyOut[i] = cleared ? null : hand;
      simOut[i] = cleared ? null : handSim[i] ?? null;
    }
  }
  return articles.withColumns(
    pl.Series("copy_of", copyOut, pl.Utf8),
    pl.Series("similarity", simOut, pl.Float64),
  );
}

/**
 * The articles table with `copy_of` and `similarity` filled from the signatures where the
 * manifest left them empty (hand-set values win; `none` clears).
 *
 * @example
 * ```ts
 * withCopyLinks(articles).filter(pl.col("copy_of").isNotNull()).height; // copies found
 * ```
 */
export function withCopyLinks(
  articles: pl.DataFrame,
  threshold: number = COPY_THRESHOLD,
): pl.DataFrame {
  if (articles.height === 0) return articles;
  const ids = articles.getColumn("id").toArray() as string[];
  const published = articles.getColumn("published").toArray() as Array<string | null>;
  const { best, sim } = copyLinksAll(
    signaturesOfColumn(articles.getColumn("minhash")),
    published,
    threshold,
  );
  const copyOf = Array.from(best, (b) => (b >= 0 ? ids[b] : null));
  return applyCopyLinks(articles, copyOf, Array.from(sim));
}

/** Whether copies of one story count for every outlet that ran them, or only the earliest. */
export type CopyRule = "every outlet" | "earliest only";

/** The per-article tables that {@linkcode countedTables} restricts. */
export interface CountedTables {
  articles: pl.DataFrame;
  hits: pl.DataFrame;
  mentions: pl.DataFrame;
  attributions: pl.DataFrame;
  evaluative: pl.DataFrame;
}

/** The per-article tables other than articles that {@linkcode countedTables} restricts. */
export type CountedTableName = "hits" | "mentions" | "attributions" | "evaluative";

const COUNTED_TABLE_NAMES: readonly CountedTableName[] = [
  "hits",
  "mentions",
  "attributions",
  "evaluative",
];

/**
 * The corpus tables with the articles that count under `rule`: all of them ("every outlet"),
 * or without the articles that are copies of an earlier one ("earliest only"). Only the tables
 * given are returned (the articles table, and any of hits, mentions, attributions, evaluative).
 *
 * @example
 * ```ts
 * const { articles, hits } = countedTables(corpus, "earliest only");
 * const { attributions } = countedTables({ articles, attributions: table }, "every outlet");
 * ```
 */
export function countedTables<
  T extends { articles: pl.DataFrame } & Partial<Record<CountedTableName, pl.DataFrame>>,
>(corpus: T, rule: CopyRule): Pick<CountedTables, "articles" | (keyof T & CountedTableName)> {
  if (rule !== "every outlet" && rule !== "earliest only") {
    throw new Error(`countedTables: rule must be "every outlet" or "earliest only", got "${rule}"`);
  }
  const articles = rule === "every outlet"
    ? corpus.articles
    : corpus.articles.filter(pl.col("copy_of").isNull());
  const keep = articles.select(pl.col("id").alias("article_id"));
  const out: Partial<CountedTables> = { articles };
  for (const t of COUNTED_TABLE_NAMES) {
    if (!(t in corpus)) continue;
    const df = corpus[t]!;
    out[t] = rule === "every outlet" ? df : df.join(keep, { on: "article_id", how: "semi" });
  }
  return out as Pick<CountedTables, "articles" | (keyof T & CountedTableName)>;
}

/**
 * Per outlet: its articles and how many of them are copies of an earlier article (of any
 * outlet), with the outlets they copy.
 *
 * @example
 * ```ts
 * copiesByOutlet(corpus.articles).columns; // ["outlet", "articles", "copies", "copied_from"]
 * ```
 */
export function copiesByOutlet(articles: pl.DataFrame): pl.DataFrame {
  const outletOf = new Map(
    articles.select("id", "outlet").toRecords().map((r) => [String(r.id), String(r.outlet)]),
  );
  const rows = new Map<string, { articles: number; copies: number; from: Set<string> }>();
  for (const r of articles.select("outlet", "copy_of").toRecords()) {
    const o = String(r.outlet);
    const row = rows.get(o) ?? { articles: 0, copies: 0, from: new Set<string>() };
    rows.set(o, row);
    row.articles++;
    if (r.copy_of != null) {
      row.copies++;
      row.from.add(outletOf.get(String(r.copy_of)) ?? String(r.copy_of));
    }
  }
  const outlets = [...rows.keys()].sort();
  return pl.DataFrame([
    pl.Series("outlet", outlets, pl.Utf8),
    pl.Series("articles", outlets.map((o) => rows.get(o)!.articles), pl.Int64),
    pl.Series("copies", outlets.map((o) => rows.get(o)!.copies), pl.Int64),
    pl.Series(
      "copied_from",
      outlets.map((o) => [...rows.get(o)!.from].sort().join(", ") || null),
      pl.Utf8,
    ),
  ]);
}
