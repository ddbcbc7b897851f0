/**
 * Sourcing tables: one row per attribution, per-outlet summaries with 95% intervals, the sources
 * cited most, and the sources the gazetteer lacks.
 *
 * Every share is a ratio of sums over the articles of an outlet (attributions of the kind asked
 * about / all attributions). Its 95% interval is an article-level bootstrap (fixed seed) when the
 * outlet has at least `minArticles` articles (default 5): articles, not attributions, are the
 * sampled units. With fewer, a bootstrap collapses to a point, so the Wilson interval on the pooled
 * attributions is given instead (too narrow when attributions cluster in articles); distinct sources
 * per article then get an exact Poisson interval. The `method` column says which. Countries: an attribution to
 * "US and South Korean officials" (country `KR|US`) counts once for each country named, so
 * country shares of an outlet can add up to more than 1; attributions with no known country count
 * as `unknown`.
 *
 * @module
 */
import pl from "nodejs-polars";
import { requireColumns } from "../tables/schema.ts";
import {
  bootstrapRatio,
  poissonInterval,
  shareInterval,
  type ShareIntervalOptions,
} from "./stats.ts";

const ATTRIBUTIONS_FROM = "the attributions table of openCorpus() or loadCorpus()";

/**
 * Per-article counts by outlet, counted inside polars: the articles (id, outlet; in the articles'
 * order) with `num` attributions for which `member` holds and `den` attributions each, zeros
 * included.
 */
function perArticle(
  table: pl.DataFrame,
  articles: pl.DataFrame,
  member: pl.Expr,
): Map<string, Array<{ id: string; num: number; den: number }>> {
  // One lazy chain: an eager intermediate frame holds its memory until the next garbage collection.
  const counts = table.lazy().select(
    pl.col("article_id").cast(pl.Utf8).alias("id"),
    member.fillNull(false).cast(pl.Float64).alias("__num"),
  ).groupBy("id").agg(pl.col("__num").sum().alias("__num"), pl.len().alias("__den"));
  const aligned = articles.lazy().select(pl.col("id").cast(pl.Utf8), pl.col("outlet").cast(pl.Utf8))
    .withRowIndex("__order").join(counts, { on: "id", how: "left" }).sort("__order").select(
      pl.col("id"),
      pl.col("outlet"),
      pl.col("__num").cast(pl.Float64).fillNull(0),
      pl.col("__den").cast(pl.Float64).fillNull(0),
    ).collectSync();
  const ids = aligned.getColumn("id").toArray() as string[];
  const outlets = aligned.getColumn("outlet").toArray() as string[];
  const num = aligned.getColumn("__num").toTypedArray();
  const den = aligned.getColumn("__den").toTypedArray();
  const byOutlet = new Map<string, Array<{ id: string; num: number; den: number }>>();
  ids.forEach((id, i) => {
    const o = String(outlets[i]);
    if (!byOutlet.has(o)) byOutlet.set(o, []);
    byOutlet.get(o)!.push({ id: String(id), num: num[i], den: den[i] });
  });
  return byOutlet;
}

/** One summary row. */
interface ShareRow {
  outlet: string;
  group: string;
  articles: number;
  n: number;
  total: number;
  share: number;
  lower: number;
  upper: number;
  method: string;
}

function shareRows(
  table: pl.DataFrame,
  articles: pl.DataFrame,
  groups: readonly string[],
  member: (group: string) => pl.Expr,
  opts: ShareIntervalOptions,
): ShareRow[] {
  const out: ShareRow[] = [];
  const outlets = [...new Set(articles.getColumn("outlet").toArray() as string[])].map(String)
    .sort();
  for (const group of groups) {
    const counts = perArticle(table, articles, member(group));
    for (const outlet of outlets) {
      const mine = counts.get(outlet) ?? [];
      const iv = shareInterval(mine.map((c) => c.num), mine.map((c) => c.den), opts);
      out.push({
        outlet,
        group,
        articles: mine.length,
        n: mine.reduce((a, c) => a + c.num, 0),
        total: mine.reduce((a, c) => a + c.den, 0),
        share: iv.estimate,
        lower: iv.lower,
        upper: iv.upper,
        method: iv.method,
      });
    }
  }
  return out;
}

function shareFrame(rows: readonly ShareRow[], groupName: string): pl.DataFrame {
  return pl.DataFrame({
    outlet: rows.map((r) => r.outlet),
    [groupName]: rows.map((r) => r.group),
    articles: rows.map((r) => r.articles),
    n: rows.map((r) => r.n),
    total: rows.map((r) => r.total),
    share: rows.map((r) => r.share),
    lower: rows.map((r) => r.lower),
    upper: rows.map((r) => r.upper),
    method: rows.map((r) => r.method),
  });
}

function distinctValues(table: pl.DataFrame, column: string, split = false): string[] {
  const values = new Set<string>();
  const unique = table.lazy().select(pl.col(column)).unique().collectSync();
  for (const v of unique.getColumn(column).toArray() as Array<string | null>) {
    if (v === null) values.add("unknown");
    else if (split) { for (const x of v.split("|")) values.add(x); }
    else values.add(v);
  }
  return [...values].sort();
}

/**
 * Share of each outlet's attributions by a column of the attributions table (`source_type`,
 * `kind`, `field`, `rule`…; null counts as "unknown"), one row per outlet and value, with a 95%
 * article-bootstrap interval. Columns: outlet, <column>, articles, n, total, share, lower, upper,
 * method.
 *
 * @example
 * ```ts
 * const byType = shareByOutlet(table, corpus.articles, "source_type");
 * ```
 */
export function shareByOutlet(
  table: pl.DataFrame,
  articles: pl.DataFrame,
  column: string,
  opts: ShareIntervalOptions = {},
): pl.DataFrame {
  requireColumns(table, [column], "shareByOutlet: the attributions table", ATTRIBUTIONS_FROM);
  const groups = distinctValues(table, column);
  const value = pl.col(column).cast(pl.Utf8).fillNull(pl.lit("unknown"));
  const rows = shareRows(table, articles, groups, (g) => value.eq(pl.lit(g)), opts);
  return shareFrame(rows, column);
}

/**
 * Share of each outlet's attributions whose source is of each country (an attribution naming
 * several countries counts for each), with 95% intervals. Columns: outlet, country, articles, n,
 * total, share, lower, upper, method.
 *
 * @example
 * ```ts
 * countryShareByOutlet(table, corpus.articles).filter(pl.col("country").eq(pl.lit("RU")));
 * ```
 */
export function countryShareByOutlet(
  table: pl.DataFrame,
  articles: pl.DataFrame,
  opts: ShareIntervalOptions = {},
): pl.DataFrame {
  const groups = distinctValues(table, "country", true);
  // "KR|US" names KR and US: matched as "|KR|" inside "|KR|US|".
  const listed = pl.concatString([pl.lit("|"), pl.col("country").cast(pl.Utf8), pl.lit("|")], "");
  const rows = shareRows(
    table,
    articles,
    groups,
    (g) =>
      g === "unknown"
        ? pl.col("country").isNull()
        : listed.str.contains(`|${g}|`, true).fillNull(false),
    opts,
  );
  return shareFrame(rows, "country");
}

/**
 * Per-outlet measures with 95% intervals, one row per outlet and measure:
 * - `direct_share`: attributions of kind direct;
 * - `indirect_share`: of kind indirect (mixed is the rest);
 * - `state_media_reliance`: made by a state-media source or relayed through one (`via_type`);
 * - `unnamed_share`: attributions to unnamed sources;
 * - `unresolved_share`: pronoun or description sources not linked to anyone;
 * - `distinct_sources_per_article`: distinct sources (id, else name) per article (a mean, not a
 *   share).
 * Columns: outlet, measure, articles, n, total, value, lower, upper, method.
 *
 * @example
 * ```ts
 * const m = outletMeasures(table, corpus.articles);
 * ```
 */
export function outletMeasures(
  table: pl.DataFrame,
  articles: pl.DataFrame,
  opts: ShareIntervalOptions = {},
): pl.DataFrame {
  const is = (column: string, value: string) =>
    pl.col(column).cast(pl.Utf8).eq(pl.lit(value)).fillNull(false);
  const tests: Record<string, pl.Expr> = {
    direct_share: is("kind", "direct"),
    indirect_share: is("kind", "indirect"),
    state_media_reliance: is("source_type", "state_media").or(is("via_type", "state_media")),
    unnamed_share: is("source_type", "unnamed"),
    unresolved_share: pl.col("resolved").eq(pl.lit(false)).fillNull(false),
  };
  const rows: ShareRow[] = [];
  for (const [measure, test] of Object.entries(tests)) {
    for (const r of shareRows(table, articles, [measure], () => test, opts)) rows.push(r);
  }
  // Distinct sources per article (gazetteer id, else the name in lower case), counted in polars.
  const perId = table.lazy().select(
    pl.col("article_id").cast(pl.Utf8).alias("id"),
    pl.when(pl.col("source_id").isNotNull()).then(pl.col("source_id").cast(pl.Utf8))
      .otherwise(pl.col("source_name").cast(pl.Utf8).str.toLowerCase()).alias("__source"),
  ).filter(pl.col("__source").isNotNull()).groupBy("id")
    .agg(pl.col("__source").nUnique().cast(pl.Float64).alias("__n")).collectSync();
  const perIdIds = perId.getColumn("id").toArray() as string[];
  const perIdN = perId.getColumn("__n").toTypedArray();
  const distinct = new Map<string, { size: number }>();
  perIdIds.forEach((id, i) => distinct.set(String(id), { size: perIdN[i] }));
  const ids = (articles.getColumn("id").toArray() as string[]).map(String);
  const outletOf = (articles.getColumn("outlet").toArray() as string[]).map(String);
  for (const outlet of [...new Set(outletOf)].sort()) {
    const mine = ids.filter((_, i) => outletOf[i] === outlet);
    const num = mine.map((id) => distinct.get(id)?.size ?? 0);
    const { minArticles = 5, ...boot } = opts;
    const iv = mine.length >= minArticles
      ? bootstrapRatio(num, mine.map(() => 1), boot)
      : poissonInterval(num.reduce((a, b) => a + b, 0), mine.length, { level: boot.level });
    rows.push({
      outlet,
      group: "distinct_sources_per_article",
      articles: mine.length,
      n: num.reduce((a, b) => a + b, 0),
      total: mine.length,
      share: iv.estimate,
      lower: iv.lower,
      upper: iv.upper,
      method: iv.method,
    });
  }
  rows.sort((a, b) => a.outlet.localeCompare(b.outlet) || a.group.localeCompare(b.group));
  return shareFrame(rows, "measure").rename({ share: "value" });
}

/**
 * The attributions as a lazy frame with `__pos`, the position that decides a group's first row:
 * with `articles` (ids in corpus order), the article's place in it then the attribution's number
 * in its article, whatever the table's row order; without, the row's place in the table.
 */
function positioned(table: pl.DataFrame, articles?: pl.DataFrame): pl.LazyDataFrame {
  if (!articles) return table.lazy().withRowIndex("__pos");
  requireColumns(table, ["attribution"], "the attributions table", ATTRIBUTIONS_FROM);
  const order = articles.select(pl.col("id").cast(pl.Utf8).alias("article_id"))
    .withRowIndex("__article").lazy();
  return table.lazy().withColumns(pl.col("article_id").cast(pl.Utf8))
    .join(order, { on: "article_id", how: "left" })
    .withColumns(
      pl.col("__article").cast(pl.Float64).mul(pl.lit(2 ** 24))
        .add(pl.col("attribution").cast(pl.Float64)).alias("__pos"),
    );
}

/**
 * The sources cited most: one row per source (gazetteer id, else the name as written), with its
 * type, country, number of attributions, articles and outlets, most cited first. Attributions
 * with no source or an unresolved pronoun are left out.
 *
 * @example
 * ```ts
 * citedMost(table).head(10);
 * ```
 */
export function citedMost(table: pl.DataFrame, articles?: pl.DataFrame): pl.DataFrame {
  // Grouped in polars; type and country of each group's first row (see `positioned`).
  const g = positioned(table, articles).filter(
    pl.col("source_id").isNotNull().or(pl.col("source_name").isNotNull()),
  )
    .select(
      pl.col("article_id").cast(pl.Utf8),
      pl.col("outlet").cast(pl.Utf8),
      pl.col("source_id").cast(pl.Utf8),
      pl.col("source_name").cast(pl.Utf8),
      pl.col("source_type").cast(pl.Utf8),
      pl.col("country").cast(pl.Utf8),
      pl.when(pl.col("source_id").isNull()).then(
        pl.col("source_name").cast(pl.Utf8).str.toLowerCase(),
      ).otherwise(pl.lit(null).cast(pl.Utf8)).alias("__name"),
      pl.col("__pos"),
    ).groupBy(["source_id", "__name"]).agg(
      pl.col("__pos").min().alias("__first"),
      pl.col("source_name").sortBy("__pos").first().alias("name"),
      pl.col("source_type").sortBy("__pos").first().alias("type"),
      pl.col("country").sortBy("__pos").first().alias("country"),
      pl.len().alias("n"),
      pl.col("article_id").nUnique().alias("articles"),
      pl.col("outlet").nUnique().alias("outlets"),
    ).sort("__first").collectSync();
  const col = (c: string) => g.getColumn(c).toArray();
  const [ids, names, types, countries, ns, arts, outs] = [
    "source_id",
    "name",
    "type",
    "country",
    "n",
    "articles",
    "outlets",
  ].map(col);
  const list = ids.map((id, i) => ({
    source: (names[i] ?? id) as string,
    id: id as string | null,
    type: types[i] as string | null,
    country: countries[i] as string | null,
    n: Number(ns[i]),
    articles: Number(arts[i]),
    outlets: Number(outs[i]),
  })).sort((a, b) => b.n - a.n || a.source.localeCompare(b.source));
  return pl.DataFrame([
    pl.Series("source", list.map((g) => g.source), pl.Utf8),
    pl.Series("source_id", list.map((g) => g.id), pl.Utf8),
    pl.Series("source_type", list.map((g) => g.type), pl.Utf8),
    pl.Series("country", list.map((g) => g.country), pl.Utf8),
    pl.Series("attributions", list.map((g) => g.n), pl.Int64),
    pl.Series("articles", list.map((g) => g.articles), pl.Int64),
    pl.Series("outlets", list.map((g) => g.outlets), pl.Int64),
  ]);
}

/** Options of {@linkcode candidateSources}. */
export interface CandidateOptions {
  /**
   * The corpus of `openCorpus()`: when the attributions table has no `content_text` column (a
   * large corpus's, read without it), each candidate's example is read from the store for that
   * one attribution.
   */
  corpus?: { scan(table: "attributions"): pl.LazyDataFrame };
}

/**
 * The grouped candidates `g` with `example`: the content_text of the attribution named by
 * `__example_article` and `__example_attribution`, read from the store by a streaming join (only
 * those rows' texts are held).
 */
function withStoredExamples(
  g: pl.DataFrame,
  corpus: NonNullable<CandidateOptions["corpus"]>,
): pl.DataFrame {
  const wanted = g.lazy().select(
    pl.col("__example_article").alias("article_id"),
    pl.col("__example_attribution").cast(pl.Int64).alias("attribution"),
  );
  const examples = corpus.scan("attributions").select(
    pl.col("article_id").cast(pl.Utf8),
    pl.col("attribution").cast(pl.Int64),
    pl.col("content_text").cast(pl.Utf8),
  ).join(wanted, { on: ["article_id", "attribution"], how: "semi" })
    .collectSync({ engine: "streaming" })
    .rename({ article_id: "__example_article", attribution: "__example_attribution" });
  return g.withColumns(pl.col("__example_attribution").cast(pl.Int64))
    .join(examples, { on: ["__example_article", "__example_attribution"], how: "left" })
    .rename({ content_text: "example" }).sort("__first");
}

/**
 * Sources to consider adding to the gazetteer: attributions whose source has no gazetteer id,
 * grouped by the source as written (lower case), with the type and country read from its
 * description (null when untyped), whether it was resolved, and counts. Unresolved pronouns and
 * descriptions are listed too (resolved = false), so that a reader can audit them.
 *
 * @example
 * ```ts
 * candidateSources(table).filter(pl.col("source_type").isNull()); // untyped
 * // a large corpus: the attributions read without content_text, each example from the store
 * candidateSources(table, articles, { corpus: await openCorpus() });
 * ```
 */
export function candidateSources(
  table: pl.DataFrame,
  articles?: pl.DataFrame,
  opts: CandidateOptions = {},
): pl.DataFrame {
  // Without content_text, each group's example is read from the store for its first row only.
  const fromStore = !table.columns.includes("content_text");
  if (fromStore && !opts.corpus) {
    throw new Error(
      "candidateSources: the attributions table has no content_text column — include it, or " +
        "pass { corpus } (openCorpus()) to read the examples from the store",
    );
  }
  // Grouped in polars; type, country and example of each group's first row (see `positioned`).
  let g = positioned(table, articles).filter(
    pl.col("source_id").isNull().and(pl.col("source_text").isNotNull()),
  ).select(
    pl.col("article_id").cast(pl.Utf8),
    pl.col("source_text").cast(pl.Utf8),
    pl.col("source_text").cast(pl.Utf8).str.toLowerCase().alias("__text"),
    pl.col("source_type").cast(pl.Utf8),
    pl.col("country").cast(pl.Utf8),
    pl.col("resolved"),
    fromStore ? pl.col("attribution") : pl.col("content_text").cast(pl.Utf8),
    pl.col("__pos"),
  ).groupBy(["__text", "resolved"]).agg(
    pl.col("__pos").min().alias("__first"),
    pl.col("source_text").sortBy("__pos").first().alias("text"),
    pl.col("source_type").sortBy("__pos").first().alias("type"),
    pl.col("country").sortBy("__pos").first().alias("country"),
    ...(fromStore
      ? [
        pl.col("article_id").sortBy("__pos").first().alias("__example_article"),
        pl.col("attribution").sortBy("__pos").first().alias("__example_attribution"),
      ]
      : [pl.col("content_text").sortBy("__pos").first().alias("example")]),
    pl.len().alias("n"),
    pl.col("article_id").nUnique().alias("articles"),
  ).sort("__first").collectSync();
  if (fromStore) g = withStoredExamples(g, opts.corpus!);
  const col = (c: string) => g.getColumn(c).toArray();
  const [texts, types, countries, resolved, examples, ns, arts] = [
    "text",
    "type",
    "country",
    "resolved",
    "example",
    "n",
    "articles",
  ].map(col);
  const list = texts.map((text, i) => ({
    text: String(text),
    type: types[i] as string | null,
    country: countries[i] as string | null,
    resolved: Boolean(resolved[i]),
    n: Number(ns[i]),
    articles: Number(arts[i]),
    example: String(examples[i]).slice(0, 120),
  })).sort((a, b) => b.n - a.n || a.text.localeCompare(b.text));
  return pl.DataFrame([
    pl.Series("source_text", list.map((g) => g.text), pl.Utf8),
    pl.Series("source_type", list.map((g) => g.type), pl.Utf8),
    pl.Series("country", list.map((g) => g.country), pl.Utf8),
    pl.Series("resolved", list.map((g) => g.resolved), pl.Bool),
    pl.Series("attributions", list.map((g) => g.n), pl.Int64),
    pl.Series("articles", list.map((g) => g.articles), pl.Int64),
    pl.Series("example_content", list.map((g) => g.example), pl.Utf8),
  ]);
}

/**
 * Outlet × source counts for a heat map: one row per outlet and source (gazetteer id, else name),
 * with the number of attributions. Sources with no identity are left out.
 *
 * @example
 * ```ts
 * outletSourceCounts(table); // outlet, source, attributions
 * ```
 */
export function outletSourceCounts(table: pl.DataFrame, articles?: pl.DataFrame): pl.DataFrame {
  // Counted in polars; equal counts keep the order of first appearance (see `positioned`).
  const g = positioned(table, articles).select(
    pl.col("outlet").cast(pl.Utf8),
    pl.when(pl.col("source_name").isNotNull()).then(pl.col("source_name").cast(pl.Utf8))
      .otherwise(pl.col("source_id").cast(pl.Utf8)).alias("source"),
    pl.col("__pos"),
  ).filter(pl.col("source").isNotNull()).groupBy(["outlet", "source"]).agg(
    pl.col("__pos").min().alias("__first"),
    pl.len().alias("n"),
  ).sort("__first").collectSync();
  const outlets = g.getColumn("outlet").toArray() as string[];
  const sources = g.getColumn("source").toArray() as string[];
  const ns = g.getColumn("n").toArray();
  const list = outlets.map((outlet, i) => ({ outlet, source: sources[i], n: Number(ns[i]) }))
    .sort((a, b) => a.outlet.localeCompare(b.outlet) || b.n - a.n);
  return pl.DataFrame([
    pl.Series("outlet", list.map((c) => c.outlet), pl.Utf8),
    pl.Series("source", list.map((c) => c.source), pl.Utf8),
    pl.Series("attributions", list.map((c) => c.n), pl.Int64),
  ]);
}

/**
 * The rows of a per-outlet share table (from {@linkcode shareByOutlet} or
 * {@linkcode countryShareByOutlet}) with at least one attribution (`n > 0`): the groups an outlet
 * actually cites. Throws an error naming the table's columns when it has no `n` column.
 *
 * @example
 * ```ts
 * const byType = withoutZeroCounts(shareByOutlet(table, corpus.articles, "source_type"));
 * byType.filter(pl.col("n").eq(0)).height; // 0
 * ```
 */
export function withoutZeroCounts(shares: pl.DataFrame): pl.DataFrame {
  requireColumns(
    shares,
    ["n"],
    "withoutZeroCounts: the table",
    "a table from shareByOutlet or countryShareByOutlet",
  );
  return shares.filter(pl.col("n").gt(0));
}

/**
 * The rows of {@linkcode outletSourceCounts} whose source is cited at least `minAttributions`
 * times overall according to {@linkcode citedMost} (matched on the `source` column of both), in
 * the order of `counts`: the sources worth a row of the outlet × source heat map.
 *
 * @example
 * ```ts
 * const frequent = frequentSourceCounts(outletSourceCounts(table), citedMost(table));
 * frequent.columns; // ["outlet", "source", "attributions"]
 * ```
 */
export function frequentSourceCounts(
  counts: pl.DataFrame,
  cited: pl.DataFrame,
  minAttributions = 2,
): pl.DataFrame {
  for (
    const [name, df, columns] of [
      ["counts", counts, ["source"]],
      ["cited", cited, ["source", "attributions"]],
    ] as const
  ) {
    requireColumns(
      df,
      columns,
      `frequentSourceCounts: ${name}`,
      "outletSourceCounts(table) and citedMost(table)",
    );
  }
  const frequent = cited.filter(pl.col("attributions").gtEq(minAttributions))
    .getColumn("source").toArray() as string[];
  return counts.filter(pl.col("source").isIn([...new Set(frequent)]));
}

/**
 * The columns of the attributions table shown for auditing, in order (see
 * {@linkcode attributionsForAudit}).
 *
 * @example
 * ```ts
 * AUDIT_COLUMNS.includes("rule"); // true
 * ```
 */
export const AUDIT_COLUMNS: readonly string[] = [
  "article_id",
  "field",
  "source_text",
  "source_id",
  "source_type",
  "country",
  "cue_text",
  "kind",
  "via",
  "resolved",
  "rule",
  "content_text",
];

/**
 * The attributions table cut to the columns a reader needs to audit each attribution
 * ({@linkcode AUDIT_COLUMNS}: where it is, the source as written and as identified, the cue, the
 * kind, what it was relayed through, whether it was resolved, the rule and the content), one row
 * per attribution in the table's order.
 *
 * @example
 * ```ts
 * await showTable(attributionsForAudit(table), { caption: "All attributions", maxRows: 200 });
 * ```
 */
export function attributionsForAudit(table: pl.DataFrame): pl.DataFrame {
  requireColumns(
    table,
    AUDIT_COLUMNS,
    "attributionsForAudit: the attributions table",
    ATTRIBUTIONS_FROM,
  );
  return table.select(...AUDIT_COLUMNS);
}
