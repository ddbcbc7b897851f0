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

type Row = Record<string, unknown>;

/**
 * The rows of the attributions table with only `columns` (and `article_id`) as JavaScript
 * objects: a table of a million attributions costs a few columns, not all twenty.
 */
function recordsOf(table: pl.DataFrame, columns: readonly string[]): Row[] {
  return table.select(...new Set(["article_id", ...columns])).toRecords() as Row[];
}

/**
 * Per-article counts by outlet: the articles (id, outlet; in the articles' order) with `num`
 * attributions that `keep` counts and `den` attributions each, zeros included.
 */
function perArticle(
  records: readonly Row[],
  articles: pl.DataFrame,
  keep: (row: Row) => number,
): Map<string, Array<{ id: string; num: number; den: number }>> {
  const num = new Map<string, number>();
  const den = new Map<string, number>();
  for (const r of records) {
    const id = String(r.article_id);
    den.set(id, (den.get(id) ?? 0) + 1);
    num.set(id, (num.get(id) ?? 0) + keep(r));
  }
  const ids = articles.getColumn("id").toArray() as string[];
  const outlets = articles.getColumn("outlet").toArray() as string[];
  const byOutlet = new Map<string, Array<{ id: string; num: number; den: number }>>();
  ids.forEach((id, i) => {
    const o = String(outlets[i]);
    if (!byOutlet.has(o)) byOutlet.set(o, []);
    byOutlet.get(o)!.push({
      id: String(id),
      num: num.get(String(id)) ?? 0,
      den: den.get(String(id)) ?? 0,
    });
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
  records: readonly Row[],
  articles: pl.DataFrame,
  groups: readonly string[],
  member: (row: Row, group: string) => boolean,
  opts: ShareIntervalOptions,
): ShareRow[] {
  const out: ShareRow[] = [];
  const outlets = [...new Set(articles.getColumn("outlet").toArray() as string[])].map(String)
    .sort();
  for (const group of groups) {
    const counts = perArticle(records, articles, (r) => (member(r, group) ? 1 : 0));
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
  for (const v of table.getColumn(column).toArray() as Array<string | null>) {
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
  const records = recordsOf(table, [column]);
  const rows = shareRows(records, articles, groups, (r, g) => (r[column] ?? "unknown") === g, opts);
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
  const rows = shareRows(recordsOf(table, ["country"]), articles, groups, (r, g) => {
    const c = r.country as string | null;
    return c === null ? g === "unknown" : c.split("|").includes(g);
  }, opts);
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
  const tests: Record<string, (r: Record<string, unknown>) => boolean> = {
    direct_share: (r) => r.kind === "direct",
    indirect_share: (r) => r.kind === "indirect",
    state_media_reliance: (r) => r.source_type === "state_media" || r.via_type === "state_media",
    unnamed_share: (r) => r.source_type === "unnamed",
    unresolved_share: (r) => r.resolved === false,
  };
  const rows: ShareRow[] = [];
  const records = recordsOf(table, [
    "kind",
    "source_type",
    "via_type",
    "resolved",
    "source_id",
    "source_name",
  ]);
  for (const [measure, test] of Object.entries(tests)) {
    for (const r of shareRows(records, articles, [measure], (row) => test(row), opts)) rows.push(r);
  }
  // Distinct sources per article: num = distinct sources, den = 1 per article.
  const distinct = new Map<string, Set<string>>();
  for (const r of records) {
    const key = (r.source_id as string | null) ??
      ((r.source_name as string | null)?.toLowerCase() ?? null);
    if (key === null) continue;
    const id = String(r.article_id);
    if (!distinct.has(id)) distinct.set(id, new Set());
    distinct.get(id)!.add(key);
  }
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
 * The sources cited most: one row per source (gazetteer id, else the name as written), with its
 * type, country, number of attributions, articles and outlets, most cited first. Attributions
 * with no source or an unresolved pronoun are left out.
 *
 * @example
 * ```ts
 * citedMost(table).head(10);
 * ```
 */
export function citedMost(table: pl.DataFrame): pl.DataFrame {
  const groups = new Map<
    string,
    {
      source: string;
      id: string | null;
      type: string | null;
      country: string | null;
      n: number;
      articles: Set<string>;
      outlets: Set<string>;
    }
  >();
  const records = recordsOf(table, [
    "source_id",
    "source_name",
    "source_type",
    "country",
    "outlet",
  ]);
  for (const r of records) {
    const id = r.source_id as string | null;
    const name = r.source_name as string | null;
    if (id === null && name === null) continue;
    const key = id ?? `name:${name!.toLowerCase()}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        source: name ?? id!,
        id,
        type: r.source_type as string | null,
        country: r.country as string | null,
        n: 0,
        articles: new Set(),
        outlets: new Set(),
      };
      groups.set(key, g);
    }
    g.n++;
    g.articles.add(String(r.article_id));
    g.outlets.add(String(r.outlet));
  }
  const list = [...groups.values()].sort((a, b) => b.n - a.n || a.source.localeCompare(b.source));
  return pl.DataFrame([
    pl.Series("source", list.map((g) => g.source), pl.Utf8),
    pl.Series("source_id", list.map((g) => g.id), pl.Utf8),
    pl.Series("source_type", list.map((g) => g.type), pl.Utf8),
    pl.Series("country", list.map((g) => g.country), pl.Utf8),
    pl.Series("attributions", list.map((g) => g.n), pl.Int64),
    pl.Series("articles", list.map((g) => g.articles.size), pl.Int64),
    pl.Series("outlets", list.map((g) => g.outlets.size), pl.Int64),
  ]);
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
 * ```
 */
export function candidateSources(table: pl.DataFrame): pl.DataFrame {
  const groups = new Map<
    string,
    {
      text: string;
      type: string | null;
      country: string | null;
      resolved: boolean;
      n: number;
      articles: Set<string>;
      example: string;
    }
  >();
  // Only the attributions without a gazetteer id, and only the columns read, become JS objects.
  const unlisted = table.filter(
    pl.col("source_id").isNull().and(pl.col("source_text").isNotNull()),
  );
  const records = recordsOf(unlisted, [
    "source_id",
    "source_text",
    "source_type",
    "country",
    "resolved",
    "content_text",
  ]);
  for (const r of records) {
    if (r.source_id !== null || r.source_text === null) continue;
    const text = String(r.source_text);
    const key = `${text.toLowerCase()}|${r.resolved}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        text,
        type: r.source_type as string | null,
        country: r.country as string | null,
        resolved: Boolean(r.resolved),
        n: 0,
        articles: new Set(),
        example: String(r.content_text).slice(0, 120),
      };
      groups.set(key, g);
    }
    g.n++;
    g.articles.add(String(r.article_id));
  }
  const list = [...groups.values()].sort((a, b) => b.n - a.n || a.text.localeCompare(b.text));
  return pl.DataFrame([
    pl.Series("source_text", list.map((g) => g.text), pl.Utf8),
    pl.Series("source_type", list.map((g) => g.type), pl.Utf8),
    pl.Series("country", list.map((g) => g.country), pl.Utf8),
    pl.Series("resolved", list.map((g) => g.resolved), pl.Bool),
    pl.Series("attributions", list.map((g) => g.n), pl.Int64),
    pl.Series("articles", list.map((g) => g.articles.size), pl.Int64),
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
export function outletSourceCounts(table: pl.DataFrame): pl.DataFrame {
  const counts = new Map<string, { outlet: string; source: string; n: number }>();
  for (const r of recordsOf(table, ["outlet", "source_name", "source_id"])) {
    const source = (r.source_name as string | null) ?? (r.source_id as string | null);
    if (source === null) continue;
    const key = `${r.outlet}\u0000${source}`;
    const c = counts.get(key) ?? { outlet: String(r.outlet), source, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  const list = [...counts.values()].sort((a, b) => a.outlet.localeCompare(b.outlet) || b.n - a.n);
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
