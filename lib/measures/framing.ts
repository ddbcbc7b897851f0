/**
 * Framing measures over the hits table of `openCorpus()` / `loadCorpus()` and the corpus
 * articles: category rates per 1,000 words, loaded share per target (over references that include
 * name-only actor mentions, with n and a low-n flag), evaluative density (broad evaluative
 * lexicon, own voice, per 1,000 own-voice words), distinguishing terms (weighted log-odds). Every
 * table carries its counts and the method of its intervals.
 *
 * Intervals: with at least `minArticles` articles (default 5) in a group, an article-level
 * bootstrap (fixed seed, percentile interval), which respects that hits cluster within articles.
 * With fewer articles the bootstrap would collapse (one article: zero width), so the exact
 * Poisson interval (rates) or the Wilson interval (shares) over hit counts is used instead; it
 * treats hits as independent and therefore understates the uncertainty. The `method` column
 * says which was used.
 *
 * @module
 */
import pl from "nodejs-polars";
import { CATEGORIES, type Category } from "../resources/lexicon.ts";
import {
  bootstrapRatio,
  type Interval,
  poissonInterval,
  shareInterval,
  weightedLogOdds,
} from "./stats.ts";
import type { Voice } from "../extract/voice.ts";
import type { Actors } from "../extract/actors.ts";
import { type ColumnType, requireColumns, rowsFrame } from "../tables/schema.ts";

/** Options shared by the measures. */
export interface MeasureOptions {
  /** Bootstrap replicates (default 2000). */
  replicates?: number;
  /** Bootstrap seed (default 42). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Fewest articles in a group for the bootstrap; below it an exact/Wilson interval (default 5). */
  minArticles?: number;
  /** Keep only hits in these voices (default: all). */
  voices?: readonly Voice[];
}

/** Voice groups for the own-voice against quoted split. */
export type VoiceGroup = "own voice" | "others' words";

/**
 * The voice group of a voice: headline and narration are the outlet's own voice; quote and
 * paraphrase are others' words.
 *
 * @example
 * ```ts
 * voiceGroup("paraphrase"); // "others' words"
 * ```
 */
export function voiceGroup(voice: Voice): VoiceGroup {
  return voice === "headline" || voice === "narration" ? "own voice" : "others' words";
}

interface ArticleInfo {
  id: string;
  outlet: string;
  words: number;
}

/** The articles of the articles table; `fn` names the measure in the error for a missing column. */
function articleInfos(articles: pl.DataFrame, fn: string): ArticleInfo[] {
  requireColumns(articles, ["id", "outlet", "n_words"], `${fn}: the articles table`, ARTICLES_FROM);
  const ids = articles.getColumn("id").toArray();
  const outlets = articles.getColumn("outlet").toArray();
  const words = articles.getColumn("n_words").toArray();
  return ids.map((id, i) => ({
    id: String(id),
    outlet: String(outlets[i]),
    words: Number(words[i]),
  }));
}

const ARTICLES_FROM = "corpus.articles of openCorpus() or loadCorpus()";
const HITS_FROM = "the hits table of openCorpus() or loadCorpus()";

function filterVoices<T extends pl.DataFrame | pl.LazyDataFrame>(
  hits: T,
  voices?: readonly Voice[],
): T {
  return voices ? hits.filter(pl.col("voice").isIn([...voices])) as T : hits;
}

/**
 * Counts per article and key, looked up as `get("id\u0000key...")` (undefined when the article or
 * the key never occurs): one typed array of articles × keys rather than a Map with a string per
 * pair, so that a corpus of 100,000 articles and millions of hits costs a few megabytes. Built
 * from a grouped count inside polars: only the distinct ids and keys become JS strings.
 */
class ArticleCounts {
  #ids = new Map<string, number>();
  #keys = new Map<string, number>();
  #values: Float64Array = new Float64Array(0);

  /**
   * From a grouped count `g` (columns `idColumn`, `keyColumns`, `len`): each distinct id and key
   * gets an index in polars, and only the indices and counts are read out, as typed arrays.
   */
  constructor(g?: pl.DataFrame, idColumn = "article_id", keyColumns: readonly string[] = []) {
    if (!g || g.height === 0) return;
    // Lazy chains: an eager intermediate frame holds its memory until the next garbage collection.
    const ids = g.lazy().select(idColumn).unique({ maintainOrder: true }).withRowIndex("__a")
      .collectSync();
    const keyed = g.lazy().select(
      pl.col(idColumn),
      keyColumns.length
        ? pl.concatString(keyColumns.map((k) => pl.col(k).cast(pl.Utf8)), "\u0000").alias("__key")
        : pl.lit("").alias("__key"),
      pl.col("len"),
    );
    const keys = keyed.select("__key").unique({ maintainOrder: true }).withRowIndex("__k")
      .collectSync();
    const idValues = ids.getColumn(idColumn).toArray();
    for (let i = 0; i < idValues.length; i++) this.#ids.set(String(idValues[i]), i);
    const keyValues = keys.getColumn("__key").toArray();
    for (let i = 0; i < keyValues.length; i++) this.#keys.set(String(keyValues[i]), i);
    const indexed = keyed.join(ids.lazy(), { on: idColumn, how: "inner" })
      .join(keys.lazy(), { on: "__key", how: "inner" })
      .select(
        pl.col("__a").cast(pl.Float64),
        pl.col("__k").cast(pl.Float64),
        pl.col("len").cast(pl.Float64),
      ).collectSync();
    const a = indexed.getColumn("__a").toTypedArray() as Float64Array;
    const k = indexed.getColumn("__k").toTypedArray() as Float64Array;
    const n = indexed.getColumn("len").toTypedArray() as Float64Array;
    const width = this.#keys.size;
    this.#values = new Float64Array(this.#ids.size * width);
    for (let i = 0; i < a.length; i++) this.#values[a[i] * width + k[i]] += n[i];
  }

  get(idAndKey: string): number | undefined {
    const cut = idAndKey.indexOf("\u0000");
    const id = cut < 0 ? idAndKey : idAndKey.slice(0, cut);
    const a = this.#ids.get(id);
    const k = this.#keys.get(cut < 0 ? "" : idAndKey.slice(cut + 1));
    if (a === undefined || k === undefined) return undefined;
    return this.#values[a * this.#keys.size + k];
  }
}

/**
 * A grouped count collected by polars' streaming engine, which filters and groups the rows a
 * batch at a time: the in-memory engine first copies every column the filters keep (over 100,000
 * articles, +350 MB for a count of 2 million hits). The groups come in no set order; their
 * readers look them up by key.
 */
function collectCounts(counts: pl.LazyDataFrame): pl.DataFrame {
  return counts.collectSync({ engine: "streaming" });
}

/** Counts per (article_id, key...), looked up as `get("id\u0000key...")`. */
function countBy(hits: pl.LazyDataFrame, keys: string[]): ArticleCounts {
  const g = collectCounts(hits.groupBy(["article_id", ...keys]).agg(pl.len().alias("len")));
  return new ArticleCounts(g, "article_id", keys);
}

function groupByOutlet(infos: ArticleInfo[]): Map<string, ArticleInfo[]> {
  const m = new Map<string, ArticleInfo[]>();
  for (const a of infos) {
    if (!m.has(a.outlet)) m.set(a.outlet, []);
    m.get(a.outlet)!.push(a);
  }
  return new Map([...m].sort((x, y) => x[0].localeCompare(y[0])));
}

/**
 * Rate of each category per 1,000 body words, per outlet, with a 95% interval: one row per
 * outlet × category with n_articles, n_words, hits, rate_per_1000, lower, upper, method.
 * Only body hits count (the title is not in n_words).
 *
 * @example
 * ```ts
 * const rates = categoryRatesByOutlet(corpus.hits, corpus.articles);
 * ```
 */
export function categoryRatesByOutlet(
  hits: pl.DataFrame,
  articles: pl.DataFrame,
  opts: MeasureOptions = {},
): pl.DataFrame {
  requireColumns(
    hits,
    ["article_id", "field", "category", "voice"],
    "categoryRatesByOutlet: the hits table",
    HITS_FROM,
  );
  const minArticles = opts.minArticles ?? 5;
  // Only the columns read are copied by the filters (a large corpus has millions of hits).
  const narrow = hits.lazy().select("article_id", "field", "category", "voice");
  const body = filterVoices(narrow.filter(pl.col("field").eq(pl.lit("body"))), opts.voices);
  const counts = countBy(body, ["category"]);
  const rows: Record<string, unknown>[] = [];
  for (const [outlet, arts] of groupByOutlet(articleInfos(articles, "categoryRatesByOutlet"))) {
    for (const category of CATEGORIES) {
      const num = arts.map((a) => counts.get(`${a.id}\u0000${category}`) ?? 0);
      const den = arts.map((a) => a.words);
      const total = num.reduce((s, x) => s + x, 0);
      const words = den.reduce((s, x) => s + x, 0);
      const iv: Interval = arts.length >= minArticles
        ? bootstrapRatio(num, den, {
          scale: 1000,
          replicates: opts.replicates,
          seed: opts.seed,
          level: opts.level,
        })
        : poissonInterval(total, words, { scale: 1000, level: opts.level });
      rows.push({
        outlet,
        category,
        n_articles: arts.length,
        n_words: words,
        hits: total,
        rate_per_1000: iv.estimate,
        lower: iv.lower,
        upper: iv.upper,
        method: iv.method,
      });
    }
  }
  return rowsFrame(rows, [
    ["outlet", "str"],
    ["category", "str"],
    ["n_articles", "int"],
    ["n_words", "int"],
    ["hits", "int"],
    ["rate_per_1000", "float"],
    ["lower", "float"],
    ["upper", "float"],
    ["method", "str"],
  ]);
}

/** Options of {@linkcode loadedShareByOutlet}. */
export interface ShareOptions extends MeasureOptions {
  /** Split by voice group (own voice / others' words): adds a `voice_group` column. */
  byVoiceGroup?: boolean;
  /** Include title hits (default true: the headline is the outlet's own voice). */
  includeTitle?: boolean;
  /**
   * Actor mentions (the mentions table of `openCorpus()` / `loadCorpus()`: article_id, field,
   * actor, label, voice). A mention without a label ("(name only)": North Korea, Pyongyang,
   * Putin) is a reference to its actor's target type too; mentions with a label are already
   * counted through their label hit. Needs `actors` (for each actor's type).
   */
  mentions?: pl.DataFrame;
  /** The actors file the mentions came from (`loadActors`): gives each actor's type. */
  actors?: Actors;
  /** Shares over fewer references than this are flagged in `low_n` (default 5). */
  minReferences?: number;
}

const NAME_ONLY_LABEL = "(name only)";
const SHARE_TARGETS = ["person", "state", "agreement", "action"];

/**
 * Name-only mentions as references: counts per "article_id\u0000[voice group\u0000]target".
 */
function nameReferences(opts: ShareOptions): ArticleCounts {
  const out = new ArticleCounts();
  const m = opts.mentions;
  if (!m) return out;
  requireColumns(
    m,
    ["article_id", "field", "actor", "label", "voice"],
    "loadedShareByOutlet: the mentions table",
    "the mentions table of openCorpus() or loadCorpus()",
  );
  if (!opts.actors) {
    throw new Error(
      "loadedShareByOutlet: mentions given without actors — pass { mentions, actors: await loadActors() }",
    );
  }
  const typeOf = new Map<string, string>();
  for (const a of opts.actors.aliases) if (!typeOf.has(a.actor)) typeOf.set(a.actor, a.type);
  // Counted inside polars: a large corpus has millions of mentions.
  let named = m.lazy().filter(pl.col("label").cast(pl.Utf8).eq(pl.lit(NAME_ONLY_LABEL)));
  if (opts.includeTitle === false) {
    named = named.filter(pl.col("field").cast(pl.Utf8).eq(pl.lit("body")));
  }
  if (opts.voices) named = named.filter(pl.col("voice").cast(pl.Utf8).isIn([...opts.voices]));
  const targets = [...typeOf].filter(([, type]) => SHARE_TARGETS.includes(type));
  if (targets.length === 0) return out;
  const types = pl.DataFrame([
    pl.Series("__actor", targets.map(([actor]) => actor), pl.Utf8),
    pl.Series("__target", targets.map(([, type]) => type), pl.Utf8),
  ]);
  const keys = opts.byVoiceGroup ? ["__id", "__group", "__target"] : ["__id", "__target"];
  const counts = collectCounts(
    named.select(
      pl.col("article_id").cast(pl.Utf8).alias("__id"),
      pl.col("actor").cast(pl.Utf8).alias("__actor"),
      pl.when(pl.col("voice").cast(pl.Utf8).isIn(["headline", "narration"]))
        .then(pl.lit("own voice")).otherwise(pl.lit("others' words")).alias("__group"),
    ).join(types.lazy(), { on: "__actor", how: "inner" }).groupBy(keys)
      .agg(pl.len().alias("len")),
  );
  return new ArticleCounts(counts, "__id", keys.slice(1));
}

/**
 * Loaded share = loaded hits / references, per outlet and target (person, state, agreement,
 * action), where loaded = loaded_negative + loaded_positive and references = loaded + neutral
 * hits + name-only actor mentions (when `mentions` and `actors` are given: "Pyongyang",
 * "Putin" refer to a state and a person as much as "the government" does). Without mentions the
 * references are the lexicon hits only, and a share can be 1.0 from one hit.
 *
 * Columns: outlet, [voice_group], target, loaded_negative, loaded_positive, loaded, neutral,
 * name_only, references (n: the denominator), low_n (references below `minReferences`, default
 * 5: read the share as anecdotal), n_articles (articles with at least one reference),
 * n_articles_outlet, share, lower, upper, method. Groups with no references are left out.
 *
 * @example
 * ```ts
 * const { hits, mentions, articles } = await openCorpus();
 * const share = loadedShareByOutlet(hits, articles, { mentions, actors, byVoiceGroup: true });
 * share.filter(pl.col("low_n").not()); // shares over at least 5 references
 * ```
 */
export function loadedShareByOutlet(
  hits: pl.DataFrame,
  articles: pl.DataFrame,
  opts: ShareOptions = {},
): pl.DataFrame {
  requireColumns(
    hits,
    ["article_id", "field", "category", "target", "voice"],
    "loadedShareByOutlet: the hits table",
    HITS_FROM,
  );
  const minArticles = opts.minArticles ?? 5;
  const minReferences = opts.minReferences ?? 5;
  // Only the columns read are copied by the filters (a large corpus has millions of hits).
  const narrow = hits.lazy().select("article_id", "field", "category", "target", "voice");
  let h = filterVoices(narrow, opts.voices).filter(
    pl.col("category").isIn(["loaded_negative", "loaded_positive", "neutral"]).and(
      pl.col("target").isNotNull(),
    ),
  );
  if (opts.includeTitle === false) h = h.filter(pl.col("field").eq(pl.lit("body")));
  const groups: VoiceGroup[] | [null] = opts.byVoiceGroup ? ["own voice", "others' words"] : [null];
  if (opts.byVoiceGroup) {
    h = h.withColumns(
      pl.when(pl.col("voice").isIn(["headline", "narration"])).then(pl.lit("own voice"))
        .otherwise(pl.lit("others' words")).alias("voice_group"),
    );
  }
  const keys = opts.byVoiceGroup ? ["voice_group", "target", "category"] : ["target", "category"];
  const counts = countBy(h, keys);
  const names = nameReferences(opts);
  const rows: Record<string, unknown>[] = [];
  for (const [outlet, arts] of groupByOutlet(articleInfos(articles, "loadedShareByOutlet"))) {
    for (const group of groups) {
      for (const target of SHARE_TARGETS) {
        const prefix = group === null ? "" : `${group}\u0000`;
        const get = (id: string, cat: Category) =>
          counts.get(`${id}\u0000${prefix}${target}\u0000${cat}`) ?? 0;
        const neg = arts.map((a) => get(a.id, "loaded_negative"));
        const posi = arts.map((a) => get(a.id, "loaded_positive"));
        const neu = arts.map((a) => get(a.id, "neutral"));
        const nameOnly = arts.map((a) => names.get(`${a.id}\u0000${prefix}${target}`) ?? 0);
        const loaded = neg.map((x, i) => x + posi[i]);
        const den = loaded.map((x, i) => x + neu[i] + nameOnly[i]);
        const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        const references = sum(den);
        if (references === 0) continue;
        const nWith = den.filter((x) => x > 0).length;
        const iv = shareInterval(loaded, den, {
          minArticles,
          replicates: opts.replicates,
          seed: opts.seed,
          level: opts.level,
        });
        const row: Record<string, unknown> = { outlet };
        if (group !== null) row.voice_group = group;
        Object.assign(row, {
          target,
          loaded_negative: sum(neg),
          loaded_positive: sum(posi),
          loaded: sum(loaded),
          neutral: sum(neu),
          name_only: sum(nameOnly),
          references,
          low_n: references < minReferences,
          n_articles: nWith,
          n_articles_outlet: arts.length,
          share: iv.estimate,
          lower: iv.lower,
          upper: iv.upper,
          method: iv.method,
        });
        rows.push(row);
      }
    }
  }
  const schema: Array<[string, ColumnType]> = [["outlet", "str"]];
  if (opts.byVoiceGroup) schema.push(["voice_group", "str"]);
  schema.push(
    ["target", "str"],
    ["loaded_negative", "int"],
    ["loaded_positive", "int"],
    ["loaded", "int"],
    ["neutral", "int"],
    ["name_only", "int"],
    ["references", "int"],
    ["low_n", "bool"],
    ["n_articles", "int"],
    ["n_articles_outlet", "int"],
    ["share", "float"],
    ["lower", "float"],
    ["upper", "float"],
    ["method", "str"],
  );
  return rowsFrame(rows, schema);
}

/** Options of {@linkcode evaluativeDensityByOutlet}. */
export interface DensityOptions extends Omit<MeasureOptions, "voices"> {
  /**
   * Words in the outlet's own voice per article id (`ownVoiceWordCount` in
   * `lib/extract/voice.ts` over each body). Without it the denominator is the body's `n_words`
   * (quoted words included), and the `denominator` column says so.
   */
  ownWords?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

/**
 * Evaluative density: evaluative words in the outlet's own voice per 1,000 words in its own
 * voice, per outlet, with a 95% interval (article bootstrap from `minArticles` articles, else
 * exact Poisson). `hits` is a hits table of the broad evaluative lexicon (the `evaluative`
 * table of `openCorpus()` / `loadCorpus()`); body hits in narration count, of categories
 * loaded_negative and loaded_positive. It sits next to the curated loaded share so that an
 * outlet that editorialises without the listed loaded words is still seen.
 *
 * Columns: outlet, n_articles, n_words (the denominator), denominator ("own-voice words" or
 * "body words"), evaluative, negative, positive, density_per_1000, lower, upper, method.
 *
 * @example
 * ```ts
 * const corpus = await openCorpus();
 * const density = evaluativeDensityByOutlet(corpus.evaluative, corpus.articles);
 * ```
 */
export function evaluativeDensityByOutlet(
  hits: pl.DataFrame,
  articles: pl.DataFrame,
  opts: DensityOptions = {},
): pl.DataFrame {
  requireColumns(
    hits,
    ["article_id", "field", "category", "voice"],
    "evaluativeDensityByOutlet: the evaluative table",
    "the evaluative table of openCorpus() or loadCorpus()",
  );
  const minArticles = opts.minArticles ?? 5;
  const own = hits.lazy().select("article_id", "field", "category", "voice").filter(
    pl.col("field").eq(pl.lit("body")).and(pl.col("voice").eq(pl.lit("narration"))).and(
      pl.col("category").isIn(["loaded_negative", "loaded_positive"]),
    ),
  );
  const counts = countBy(own, ["category"]);
  // The articles table of the store carries each article's own-voice words.
  const ownWords = opts.ownWords ?? (articles.columns.includes("n_own_words")
    ? new Map(
      articles.select("id", "n_own_words").toRecords().map((r) => [
        String(r.id),
        Number(r.n_own_words),
      ]),
    )
    : undefined);
  const wordsOf = (a: ArticleInfo): number => {
    if (!ownWords) return a.words;
    const w = ownWords instanceof Map
      ? ownWords.get(a.id)
      : (ownWords as Record<string, number>)[a.id];
    if (w === undefined || !(w >= 0)) {
      throw new Error(
        `evaluativeDensityByOutlet: ownWords has no word count for article "${a.id}" — give one per article (ownVoiceWordCount)`,
      );
    }
    return w;
  };
  const rows: Record<string, unknown>[] = [];
  for (const [outlet, arts] of groupByOutlet(articleInfos(articles, "evaluativeDensityByOutlet"))) {
    const neg = arts.map((a) => counts.get(`${a.id}\u0000loaded_negative`) ?? 0);
    const posi = arts.map((a) => counts.get(`${a.id}\u0000loaded_positive`) ?? 0);
    const num = neg.map((x, i) => x + posi[i]);
    const den = arts.map(wordsOf);
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const iv: Interval = arts.length >= minArticles
      ? bootstrapRatio(num, den, {
        scale: 1000,
        replicates: opts.replicates,
        seed: opts.seed,
        level: opts.level,
      })
      : poissonInterval(sum(num), sum(den), { scale: 1000, level: opts.level });
    rows.push({
      outlet,
      n_articles: arts.length,
      n_words: sum(den),
      denominator: ownWords ? "own-voice words" : "body words",
      evaluative: sum(num),
      negative: sum(neg),
      positive: sum(posi),
      density_per_1000: iv.estimate,
      lower: iv.lower,
      upper: iv.upper,
      method: iv.method,
    });
  }
  return rowsFrame(rows, [
    ["outlet", "str"],
    ["n_articles", "int"],
    ["n_words", "int"],
    ["denominator", "str"],
    ["evaluative", "int"],
    ["negative", "int"],
    ["positive", "int"],
    ["density_per_1000", "float"],
    ["lower", "float"],
    ["upper", "float"],
    ["method", "str"],
  ]);
}

/** Options of {@linkcode distinguishingTerms}. */
export interface DistinguishingOptions {
  /** Terms whose count over the whole corpus is below this are left out (default 3). */
  minCount?: number;
  /** Multiplier of the corpus counts forming the prior (default 1). */
  priorScale?: number;
  /** Categories counted (default: loaded_negative, loaded_positive, neutral, distancing). */
  categories?: readonly Category[];
  /** Keep only hits in these voices (default: all). */
  voices?: readonly Voice[];
}

/**
 * Terms that distinguish each outlet from all the others: weighted log-odds with an informative
 * Dirichlet prior (Monroe, Colaresi & Quinn 2008; prior = the term's count in the whole corpus,
 * times `priorScale`), over lexicon hits. One row per outlet × term with outlet, term, category,
 * count_outlet, count_rest, n_articles_outlet, log_odds, variance, z (z > 1.96: notably more
 * frequent in this outlet). Sorted by outlet, then z descending.
 *
 * @example
 * ```ts
 * const terms = distinguishingTerms(hits, corpus.articles, { minCount: 2 });
 * ```
 */
export function distinguishingTerms(
  hits: pl.DataFrame,
  articles: pl.DataFrame,
  opts: DistinguishingOptions = {},
): pl.DataFrame {
  requireColumns(
    hits,
    ["outlet", "term", "category", "voice"],
    "distinguishingTerms: the hits table",
    HITS_FROM,
  );
  const cats = opts.categories ?? CATEGORIES;
  const h = filterVoices(hits.lazy().select("outlet", "term", "category", "voice"), opts.voices)
    .filter(pl.col("category").isIn([...cats]));
  const perOutlet = new Map<string, Map<string, number>>();
  const category = new Map<string, string>();
  {
    const g = h.groupBy(["outlet", "term", "category"]).agg(pl.len().alias("len")).collectSync();
    const o = g.getColumn("outlet").toArray();
    const t = g.getColumn("term").toArray();
    const c = g.getColumn("category").toArray();
    const n = g.getColumn("len").toArray();
    for (let i = 0; i < g.height; i++) {
      const outlet = String(o[i]);
      if (!perOutlet.has(outlet)) perOutlet.set(outlet, new Map());
      const m = perOutlet.get(outlet)!;
      m.set(String(t[i]), (m.get(String(t[i])) ?? 0) + Number(n[i]));
      if (!category.has(String(t[i]))) category.set(String(t[i]), String(c[i]));
    }
  }
  const articlesPerOutlet = new Map<string, number>();
  for (const a of articleInfos(articles, "distinguishingTerms")) {
    articlesPerOutlet.set(a.outlet, (articlesPerOutlet.get(a.outlet) ?? 0) + 1);
  }
  const rows: Record<string, unknown>[] = [];
  const outlets = [...articlesPerOutlet.keys()].sort();
  for (const outlet of outlets) {
    const a = perOutlet.get(outlet) ?? new Map<string, number>();
    const b = new Map<string, number>();
    for (const [other, m] of perOutlet) {
      if (other === outlet) continue;
      for (const [t, n] of m) b.set(t, (b.get(t) ?? 0) + n);
    }
    for (
      const r of weightedLogOdds(a, b, {
        minCount: opts.minCount ?? 3,
        priorScale: opts.priorScale,
      })
    ) {
      rows.push({
        outlet,
        term: r.term,
        category: category.get(r.term) ?? null,
        count_outlet: r.countA,
        count_rest: r.countB,
        n_articles_outlet: articlesPerOutlet.get(outlet) ?? 0,
        log_odds: r.logOdds,
        variance: r.variance,
        z: r.z,
      });
    }
  }
  return rowsFrame(rows, [
    ["outlet", "str"],
    ["term", "str"],
    ["category", "str"],
    ["count_outlet", "int"],
    ["count_rest", "int"],
    ["n_articles_outlet", "int"],
    ["log_odds", "float"],
    ["variance", "float"],
    ["z", "float"],
  ]);
}

/**
 * Hits counted per combination of the columns `by` (e.g. category and voice): one row per
 * combination that occurs, with the `by` columns and `hits`, sorted by the `by` columns.
 *
 * @example
 * ```ts
 * const counts = hitCounts(corpus.hits, ["category", "voice"]);
 * counts.columns; // ["category", "voice", "hits"]
 * ```
 */
export function hitCounts(hits: pl.DataFrame, by: readonly string[]): pl.DataFrame {
  if (by.length === 0) throw new Error("hitCounts: name at least one column to count by");
  requireColumns(hits, by, "hitCounts: the hits table", HITS_FROM);
  if (hits.height === 0) {
    return pl.DataFrame(
      Object.fromEntries([
        ...by.map((c) => [c, hits.getColumn(c).clone()]),
        ["hits", pl.Series("hits", [], pl.Int64)],
      ]),
    );
  }
  return hits.groupBy([...by]).agg(pl.len().cast(pl.Int64).alias("hits")).sort([...by]);
}

/** Options of {@linkcode ownVoiceTermCounts}. */
export interface OwnVoiceTermOptions {
  /** The category counted (default loaded_negative). */
  category?: Category;
}

/**
 * Terms of one category (default loaded_negative) that an outlet uses in its own voice (headline
 * and narration), with how often: one row per outlet and term with outlet, term, hits; sorted by
 * outlet, then hits descending, then term. Terms only seen in quotes or paraphrase are left out.
 *
 * @example
 * ```ts
 * const own = ownVoiceTermCounts(hits); // negative loaded terms in the outlet's own voice
 * const praise = ownVoiceTermCounts(hits, { category: "loaded_positive" });
 * ```
 */
export function ownVoiceTermCounts(
  hits: pl.DataFrame,
  opts: OwnVoiceTermOptions = {},
): pl.DataFrame {
  requireColumns(
    hits,
    ["outlet", "term", "category", "voice"],
    "ownVoiceTermCounts: the hits table",
    HITS_FROM,
  );
  const category = opts.category ?? "loaded_negative";
  const own = hits.lazy().filter(
    pl.col("category").eq(pl.lit(category)).and(
      pl.col("voice").isIn(["headline", "narration"]),
    ),
  ).groupBy(["outlet", "term"]).agg(pl.len().cast(pl.Int64).alias("hits"))
    .sort(["outlet", "hits", "term"], [false, true, false]).collectSync();
  if (own.height === 0) {
    return pl.DataFrame({
      outlet: pl.Series("outlet", [], pl.Utf8),
      term: pl.Series("term", [], pl.Utf8),
      hits: pl.Series("hits", [], pl.Int64),
    });
  }
  return own;
}

/** Options of {@linkcode topDistinguishingTerms}. */
export interface TopTermsOptions {
  /** Terms kept per outlet at most (default 6). */
  perOutlet?: number;
}

/**
 * The terms that most distinguish each outlet: from a {@linkcode distinguishingTerms} table, the
 * rows with z > 0, at most `perOutlet` per outlet (highest z first; equal z by term). Same
 * columns as the input, sorted by outlet, then z descending.
 *
 * @example
 * ```ts
 * const top = topDistinguishingTerms(distinguishingTerms(hits, corpus.articles), { perOutlet: 6 });
 * ```
 */
export function topDistinguishingTerms(
  distinct: pl.DataFrame,
  opts: TopTermsOptions = {},
): pl.DataFrame {
  requireColumns(
    distinct,
    ["outlet", "term", "z"],
    "topDistinguishingTerms: the distinguishing-terms table",
    "the table from distinguishingTerms",
  );
  const perOutlet = opts.perOutlet ?? 6;
  if (!Number.isInteger(perOutlet) || perOutlet < 0) {
    throw new Error(
      `topDistinguishingTerms: perOutlet must be a whole number >= 0, got ${perOutlet}`,
    );
  }
  const sorted = distinct.filter(pl.col("z").gt(0))
    .sort(["outlet", "z", "term"], [false, true, false]);
  const outlets = sorted.getColumn("outlet").toArray();
  const keep: boolean[] = [];
  let rank = 0;
  outlets.forEach((outlet, i) => {
    rank = i > 0 && outlet === outlets[i - 1] ? rank + 1 : 0;
    keep.push(rank < perOutlet);
  });
  return sorted.filter(pl.Series("keep", keep, pl.Bool));
}
