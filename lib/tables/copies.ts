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
  const handCopy = articles.getColumn("copy_of").toArray() as Array<string | null>;
  const handSim = articles.getColumn("similarity").toArray() as Array<number | null>;
  const n = ids.length;
  // Earliest first: by date (undated last), then listing order.
  const order = ids.map((_, i) => i).sort((a, b) => {
    const pa = published[a] ?? "9999";
    const pb = published[b] ?? "9999";
    return pa < pb ? -1 : pa > pb ? 1 : a - b;
  });
  const rank = new Int32Array(n);
  order.forEach((i, r) => (rank[i] = r));
  // Every signature in one array (an article without one, or with an empty one, is left out).
  const probe = new LshIndex();
  const k = probe.numHashes;
  const rows = k / probe.bands;
  const sigs = new Uint32Array(n * k);
  const sigBytes = new Uint8Array(sigs.buffer);
  const has = new Uint8Array(n);
  {
    const column = articles.getColumn("minhash");
    const nBytes = k * 4;
    for (let from = 0; from < n; from += 10_000) {
      const part = column.slice(from, Math.min(10_000, n - from)).toArray() as Array<
        string | null
      >;
      part.forEach((text, j) => {
        if (!text) return;
        const bin = atob(text);
        if (bin.length !== nBytes) return;
        const base = (from + j) * nBytes;
        for (let c = 0; c < nBytes; c++) sigBytes[base + c] = bin.charCodeAt(c);
        if (!isEmptySignature(sigs.subarray((from + j) * k, (from + j + 1) * k))) has[from + j] = 1;
      });
    }
  }
  // Estimated similarity of two articles, or -1 as soon as it cannot reach the threshold.
  const need = Math.ceil(threshold * k - 1e-9);
  const similarity = (a: number, b: number) => {
    let mismatches = 0;
    const allowed = k - need;
    const pa = a * k;
    const pb = b * k;
    for (let h = 0; h < k; h++) {
      if (sigs[pa + h] !== sigs[pb + h] && ++mismatches > allowed) return -1;
    }
    return (k - mismatches) / k;
  };
  // Per band: the band keys of every article; the keys two or more articles share (found by
  // sorting the keys); the articles with such a key, grouped by it, earliest first. Each
  // article's best earlier copy: the most similar, ties to the earliest.
  const bestOf = new Int32Array(n).fill(-1);
  const bestSim = new Float64Array(n);
  const members = order.filter((i) => has[i] === 1);
  const keys = new Uint32Array(members.length);
  for (let band = 0; band < probe.bands; band++) {
    for (let j = 0; j < members.length; j++) keys[j] = bandKey(sigs, band, rows, members[j] * k);
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
          const earlier = group[y];
          const s = similarity(later, earlier);
          if (s < 0 || s < threshold) continue;
          const b = bestOf[later];
          if (b < 0 || s > bestSim[later] || (s === bestSim[later] && rank[earlier] < rank[b])) {
            bestOf[later] = earlier;
            bestSim[later] = s;
          }
        }
      }
    }
  }
  const copyOf: Array<string | null> = new Array(n).fill(null);
  const similarityOut: Array<number | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (bestOf[i] >= 0) {
      copyOf[i] = ids[bestOf[i]];
      similarityOut[i] = Math.round(bestSim[i] * 1000) / 1000;
    }
    const hand = handCopy[i]?.trim();
    if (hand) {
      const cleared = hand.toLowerCase() === "none";
      copyOf[i] = cleared ? null : hand;
      similarityOut[i] = cleared ? null : handSim[i] ?? null;
    }
  }
  return articles.withColumns(
    pl.Series("copy_of", copyOf, pl.Utf8),
    pl.Series("similarity", similarityOut, pl.Float64),
  );
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

/**
 * The corpus tables with the articles that count under `rule`: all of them ("every outlet"),
 * or without the articles that are copies of an earlier one ("earliest only").
 *
 * @example
 * ```ts
 * const { articles, hits } = countedTables(corpus, "earliest only");
 * ```
 */
export function countedTables<T extends CountedTables>(corpus: T, rule: CopyRule): CountedTables {
  if (rule === "every outlet") {
    const { articles, hits, mentions, attributions, evaluative } = corpus;
    return { articles, hits, mentions, attributions, evaluative };
  }
  if (rule !== "earliest only") {
    throw new Error(`countedTables: rule must be "every outlet" or "earliest only", got "${rule}"`);
  }
  const articles = corpus.articles.filter(pl.col("copy_of").isNull());
  const keep = articles.select(pl.col("id").alias("article_id"));
  const only = (df: pl.DataFrame) => df.join(keep, { on: "article_id", how: "semi" });
  return {
    articles,
    hits: only(corpus.hits),
    mentions: only(corpus.mentions),
    attributions: only(corpus.attributions),
    evaluative: only(corpus.evaluative),
  };
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
