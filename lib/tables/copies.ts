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
 * Every article's LSH band keys, band by band (`keys[band * n + i]`; 0 for an article without a
 * signature, whose `has` is 0): computed once for the lookups of {@linkcode copyCandidates} and
 * {@linkcode copyLinksOf}.
 *
 * @example
 * ```ts
 * const keys = bandKeysOf(s); // keys.length === bands × s.has.length
 * ```
 */
export function bandKeysOf(s: Signatures): Uint32Array {
  const { bands, rows } = lshShape();
  const n = s.has.length;
  const keys = new Uint32Array(bands * n);
  for (let band = 0; band < bands; band++) {
    for (let j = 0; j < n; j++) {
      if (s.has[j] === 1) keys[band * n + j] = bandKey(s.sigs, band, rows, s.offsets[j]);
    }
  }
  return keys;
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
  keys: Uint32Array = bandKeysOf(s),
): Set<number> {
  const { bands, rows } = lshShape();
  const out = new Set<number>();
  if (probeOffsets.length === 0) return out;
  const n = s.has.length;
  for (let band = 0; band < bands; band++) {
    const wanted = new Set<number>();
    for (const o of probeOffsets) wanted.add(bandKey(probes, band, rows, o));
    const base = band * n;
    for (let j = 0; j < n; j++) {
      if (s.has[j] === 1 && wanted.has(keys[base + j])) out.add(j);
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
  keys: Uint32Array = bandKeysOf(s),
): Map<number, { best: number; sim: number }> {
  const { bands } = lshShape();
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
    const base = band * n;
    const byKey = new Map<number, number[]>();
    for (const a of targets) {
      const key = keys[base + a];
      const g = byKey.get(key);
      if (g) g.push(a);
      else byKey.set(key, [a]);
    }
    for (let j = 0; j < n; j++) {
      if (s.has[j] !== 1) continue;
      const g = byKey.get(keys[base + j]);
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
 * Brings the kept best earlier copy of articles `kept` up to date when only the articles
 * `changed` got new signatures or dates: each keeps its best unless a changed article sharing an
 * LSH band with it is earlier and more similar (ties to the earliest). Only valid for articles
 * whose kept best is neither changed nor removed (their candidates are otherwise the same); the
 * result equals {@linkcode copyLinksOf} for them, at the cost of comparing each with the changed
 * articles only.
 *
 * @example
 * ```ts
 * improvedLinks(s, published, [17], [20_000], new Map([[17, { best: 3, sim: 0.9 }]]));
 * ```
 */
export function improvedLinks(
  s: Signatures,
  published: ReadonlyArray<string | null>,
  kept: Iterable<number>,
  changed: readonly number[],
  current: ReadonlyMap<number, { best: number; sim: number }>,
  threshold: number = COPY_THRESHOLD,
  keys: Uint32Array = bandKeysOf(s),
): Map<number, { best: number; sim: number }> {
  const { bands } = lshShape();
  const n = s.has.length;
  const earlier = earlierThan(published);
  const similarity = similarityOf(s, threshold);
  const probes = changed.filter((c) => s.has[c] === 1);
  const out = new Map<number, { best: number; sim: number }>();
  for (const a of kept) {
    const cur = { ...(current.get(a) ?? { best: -1, sim: 0 }) };
    out.set(a, cur);
    if (s.has[a] !== 1) continue;
    for (const c of probes) {
      if (c === a || !earlier(c, a)) continue;
      let shares = false;
      for (let band = 0; band < bands && !shares; band++) {
        shares = keys[band * n + a] === keys[band * n + c];
      }
      if (!shares) continue;
      const v = similarity(a, c);
      if (v < 0 || v < threshold) continue;
      if (cur.best < 0 || v > cur.sim || (v === cur.sim && earlier(c, cur.best))) {
        cur.best = c;
        cur.sim = v;
      }
    }
  }
  return out;
}

/**
 * An article's copy link as the articles table has it: the link found (similarity rounded to three
 * decimals), unless the manifest sets one by hand (`none` clears it).
 *
 * @example
 * ```ts
 * resolvedCopyLink("a1", 0.91234, null, null); // { copy_of: "a1", similarity: 0.912 }
 * resolvedCopyLink("a1", 0.9, "none", null); // { copy_of: null, similarity: null }
 * ```
 */
export function resolvedCopyLink(
  found: string | null | undefined,
  foundSimilarity: number | null | undefined,
  hand: string | null | undefined,
  handSimilarity: number | null | undefined,
): { copy_of: string | null; similarity: number | null } {
  const h = hand?.trim();
  if (h) {
    return h.toLowerCase() === "none"
      ? { copy_of: null, similarity: null }
      : { copy_of: h, similarity: handSimilarity ?? null };
  }
  if (found == null) return { copy_of: null, similarity: null };
  return { copy_of: found, similarity: Math.round(foundSimilarity! * 1000) / 1000 };
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
    const link = resolvedCopyLink(copyOf[i], similarity[i], handCopy[i], handSim[i]);
    copyOut[i] = link.copy_of;
    simOut[i] = link.similarity;
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
