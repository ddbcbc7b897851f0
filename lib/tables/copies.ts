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
import { decodeSignature } from "../analyse.ts";
import { isEmptySignature, jaccardEstimate, LshIndex } from "../ingest/minhash.ts";

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
  const sigs = articles.getColumn("minhash").toArray() as Array<string | null>;
  const handCopy = articles.getColumn("copy_of").toArray() as Array<string | null>;
  const handSim = articles.getColumn("similarity").toArray() as Array<number | null>;
  // Earliest first: by date (undated last), then listing order.
  const order = ids.map((_, i) => i).sort((a, b) => {
    const pa = published[a] ?? "9999";
    const pb = published[b] ?? "9999";
    return pa < pb ? -1 : pa > pb ? 1 : a - b;
  });
  const index = new LshIndex();
  const copyOf: Array<string | null> = ids.map(() => null);
  const similarity: Array<number | null> = ids.map(() => null);
  for (const i of order) {
    if (!sigs[i]) continue;
    const sig = decodeSignature(sigs[i]!);
    if (isEmptySignature(sig)) continue;
    let best: { id: string; s: number } | null = null;
    for (const other of index.query(sig)) {
      const s = jaccardEstimate(sig, index.get(other)!);
      if (s >= threshold && (best === null || s > best.s)) best = { id: other, s };
    }
    if (best) {
      copyOf[i] = best.id;
      similarity[i] = Math.round(best.s * 1000) / 1000;
    }
    index.add(ids[i], sig);
  }
  for (let i = 0; i < ids.length; i++) {
    const hand = handCopy[i]?.trim();
    if (hand) {
      const cleared = hand.toLowerCase() === "none";
      copyOf[i] = cleared ? null : hand;
      similarity[i] = cleared ? null : handSim[i] ?? null;
    }
  }
  return articles.withColumns(
    pl.Series("copy_of", copyOf, pl.Utf8),
    pl.Series("similarity", similarity, pl.Float64),
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
