/**
 * Headline measures per outlet, the few numbers a report leads with and compares between runs:
 * articles, own-voice loaded share, state-media reliance and direct share, each with a 95%
 * interval and its n; and what moved between two reports.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { Actors } from "../extract/actors.ts";
import { loadedShareByOutlet } from "./framing.ts";
import { outletMeasures } from "./sourcing.ts";
import { wilsonInterval } from "./stats.ts";

/** The tables the headline measures read. */
export interface HeadlineInput {
  articles: pl.DataFrame;
  hits: pl.DataFrame;
  mentions?: pl.DataFrame;
  attributions: pl.DataFrame;
  resources?: { actors: Actors };
}

/** One headline measure of one outlet. */
export interface HeadlineRow {
  outlet: string;
  measure: "articles" | "own-voice loaded share" | "state-media reliance" | "direct share";
  value: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
}

const finite = (x: unknown): number | null =>
  typeof x === "number" && Number.isFinite(x) ? x : null;

/**
 * The headline measures per outlet (rows sorted by outlet, then measure as listed). The own-voice
 * loaded share pools the four target types (loaded / references in headline and narration) with a
 * Wilson interval; the sourcing shares come from `outletMeasures`.
 *
 * @example
 * ```ts
 * headlineMeasures(corpus).filter((r) => r.measure === "direct share");
 * ```
 */
export function headlineMeasures(corpus: HeadlineInput): HeadlineRow[] {
  const share = loadedShareByOutlet(corpus.hits, corpus.articles, {
    byVoiceGroup: true,
    mentions: corpus.resources ? corpus.mentions : undefined,
    actors: corpus.resources?.actors,
  }).filter(pl.col("voice_group").eq(pl.lit("own voice")));
  const pooled = new Map<string, { loaded: number; refs: number }>();
  for (const r of share.toRecords()) {
    const p = pooled.get(String(r.outlet)) ?? { loaded: 0, refs: 0 };
    p.loaded += Number(r.loaded);
    p.refs += Number(r.references);
    pooled.set(String(r.outlet), p);
  }
  return headlineRows(corpus.articles, pooled, corpus.attributions);
}

/** The tables of a stored corpus that {@linkcode headlineMeasuresOfStore} reads. */
export interface HeadlineStore {
  /** The articles (id, outlet, n_words; any other columns), in corpus order. */
  articles: pl.DataFrame;
  /** The attributions (article_id and the columns `outletMeasures` reads; any row order). */
  attributions: pl.DataFrame;
  /** The analysis rows of hits and mentions, as lazy scans (`StoredCorpus.scan`). */
  scan(table: "hits" | "mentions"): pl.LazyDataFrame;
  resources: { actors: Actors };
}

/**
 * The columns {@linkcode headlineMeasuresOfStore} reads, per table: what to pass to `scanTables`.
 *
 * @example
 * ```ts
 * const tables = scanTables(corpus, HEADLINE_COLUMNS, { ordered: false });
 * ```
 */
export const HEADLINE_COLUMNS = {
  articles: ["id", "outlet", "n_words"],
  attributions: [
    "article_id",
    "outlet",
    "kind",
    "source_type",
    "via_type",
    "resolved",
    "source_id",
    "source_name",
  ],
} as const;

const SHARE_TARGETS = ["person", "state", "agreement", "action"];
const OWN_VOICE = ["headline", "narration"];

/**
 * {@linkcode headlineMeasures} of a stored corpus, with the same values, without its hits and
 * mentions in memory: the own-voice loaded share pools loaded hits and references per outlet, so
 * it is counted inside polars from lazy scans (millions of rows become a few numbers per outlet).
 *
 * @example
 * ```ts
 * const corpus = await openCorpus();
 * headlineMeasuresOfStore({ ...scanTables(corpus, HEADLINE_COLUMNS, { ordered: false }),
 *   scan: (t) => corpus.scan(t), resources: corpus.resources });
 * ```
 */
export function headlineMeasuresOfStore(corpus: HeadlineStore): HeadlineRow[] {
  const outletOf = corpus.articles.select(pl.col("id").alias("article_id"), pl.col("outlet"))
    .lazy();
  const typeOf = new Map<string, string>();
  for (const a of corpus.resources.actors.aliases) {
    if (!typeOf.has(a.actor)) typeOf.set(a.actor, a.type);
  }
  const targets = [...typeOf].filter(([, t]) => SHARE_TARGETS.includes(t));
  const own = pl.col("voice").cast(pl.Utf8).isIn(OWN_VOICE);
  // Own-voice hits of a share target: loaded (negative, positive) and neutral.
  const hits = corpus.scan("hits")
    .filter(
      own.and(pl.col("target").cast(pl.Utf8).isIn(SHARE_TARGETS))
        .and(
          pl.col("category").cast(pl.Utf8).isIn(["loaded_negative", "loaded_positive", "neutral"]),
        ),
    )
    .select(
      pl.col("article_id"),
      pl.col("category").cast(pl.Utf8).neq(pl.lit("neutral")).cast(pl.Int64).alias("loaded"),
    )
    .join(outletOf, { on: "article_id", how: "inner" })
    .groupBy("outlet").agg(pl.col("loaded").sum().alias("loaded"), pl.len().alias("refs"))
    .collectSync();
  const pooled = new Map<string, { loaded: number; refs: number }>();
  for (const r of hits.toRecords()) {
    pooled.set(String(r.outlet), { loaded: Number(r.loaded), refs: Number(r.refs) });
  }
  if (targets.length) {
    // Own-voice name-only mentions of an actor of a share target type are references too.
    const actors = pl.DataFrame([pl.Series("actor", targets.map(([a]) => a), pl.Utf8)]).lazy();
    const names = corpus.scan("mentions")
      .filter(own.and(pl.col("label").cast(pl.Utf8).eq(pl.lit("(name only)"))))
      .select(pl.col("article_id"), pl.col("actor").cast(pl.Utf8))
      .join(actors, { on: "actor", how: "semi" })
      .join(outletOf, { on: "article_id", how: "inner" })
      .groupBy("outlet").agg(pl.len().alias("refs"))
      .collectSync();
    for (const r of names.toRecords()) {
      const p = pooled.get(String(r.outlet)) ?? { loaded: 0, refs: 0 };
      p.refs += Number(r.refs);
      pooled.set(String(r.outlet), p);
    }
  }
  return headlineRows(corpus.articles, pooled, corpus.attributions);
}

/** The headline rows from the pooled own-voice counts per outlet and the attributions. */
function headlineRows(
  articles: pl.DataFrame,
  pooled: ReadonlyMap<string, { loaded: number; refs: number }>,
  attributions: pl.DataFrame,
): HeadlineRow[] {
  const rows: HeadlineRow[] = [];
  const outlets = [...new Set(articles.getColumn("outlet").toArray() as string[])].sort();
  const articlesPer = new Map<string, number>();
  for (const o of articles.getColumn("outlet").toArray() as string[]) {
    articlesPer.set(o, (articlesPer.get(o) ?? 0) + 1);
  }
  const corpus = { articles, attributions };
  const sourcing = new Map<string, Record<string, unknown>>();
  for (const r of outletMeasures(corpus.attributions, corpus.articles).toRecords()) {
    sourcing.set(`${r.outlet}\u0000${r.measure}`, r);
  }
  for (const outlet of outlets) {
    rows.push({
      outlet,
      measure: "articles",
      value: articlesPer.get(outlet) ?? 0,
      lower: null,
      upper: null,
      n: articlesPer.get(outlet) ?? 0,
    });
    const p = pooled.get(outlet) ?? { loaded: 0, refs: 0 };
    const iv = wilsonInterval(p.loaded, p.refs);
    rows.push({
      outlet,
      measure: "own-voice loaded share",
      value: finite(iv.estimate),
      lower: p.refs ? iv.lower : null,
      upper: p.refs ? iv.upper : null,
      n: p.refs,
    });
    for (
      const [key, measure] of [
        ["state_media_reliance", "state-media reliance"],
        ["direct_share", "direct share"],
      ] as const
    ) {
      const r = sourcing.get(`${outlet}\u0000${key}`);
      rows.push({
        outlet,
        measure,
        value: finite(r?.value),
        lower: finite(r?.lower),
        upper: finite(r?.upper),
        n: Number(r?.total ?? 0),
      });
    }
  }
  return rows;
}

/** One measure before and after. */
export interface HeadlineChange {
  outlet: string;
  measure: HeadlineRow["measure"];
  before: number | null;
  after: number | null;
  lower: number | null;
  upper: number | null;
  /** The earlier value lies outside the new 95% interval (or an outlet is new). */
  moved: boolean;
}

/**
 * What changed between two reports' headline measures: every measure whose value differs, with
 * `moved` true when the earlier value lies outside the new interval (a move larger than the
 * interval); outlets that are new have `before` null.
 *
 * @example
 * ```ts
 * headlineChanges(last.measures, headlineMeasures(corpus)).filter((c) => c.moved);
 * ```
 */
export function headlineChanges(
  before: readonly HeadlineRow[],
  after: readonly HeadlineRow[],
): HeadlineChange[] {
  const old = new Map(before.map((r) => [`${r.outlet}\u0000${r.measure}`, r]));
  const out: HeadlineChange[] = [];
  for (const r of after) {
    const b = old.get(`${r.outlet}\u0000${r.measure}`);
    const bv = b?.value ?? null;
    if (b && bv === r.value) continue;
    if (!b && r.measure !== "articles" && r.value === null) continue;
    const moved = bv === null
      ? r.value !== null
      : r.lower !== null && r.upper !== null
      ? bv < r.lower || bv > r.upper
      : r.measure === "articles" && bv !== r.value;
    out.push({
      outlet: r.outlet,
      measure: r.measure,
      before: bv,
      after: r.value,
      lower: r.lower,
      upper: r.upper,
      moved,
    });
  }
  return out;
}
