/**
 * Summaries of a loaded corpus for notebook 01: what each article holds
 * (paragraphs, sentences, words) and what cleaning removed from it.
 *
 * Each function takes the tidy tables of `loadCorpus()` (`articles`,
 * `paragraphs`, `sentences`, `removed`) and returns a tidy DataFrame: one row
 * per article, or per article and removal category.
 *
 * @module
 */
import pl from "nodejs-polars";
import { requireColumns } from "../tables/schema.ts";

const FROM = "the tables of openCorpus() or loadCorpus()";

/** Rows per `article_id` of `df`, as columns article_id and `name`. */
function countPerArticle(df: pl.DataFrame, name: string): pl.DataFrame {
  return df.groupBy("article_id").agg(pl.col("article_id").count().cast(pl.Int64).alias(name));
}

/**
 * One row per article: id, outlet, n_paragraphs, n_sentences, n_words,
 * n_removed (lines cleaning removed), in article order. Articles with no
 * paragraphs, sentences or removed lines get 0, not null.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * const counts = structureByArticle(corpus);
 * counts.columns; // ["id", "outlet", "n_paragraphs", "n_sentences", "n_words", "n_removed"]
 * ```
 */
export function structureByArticle(corpus: {
  articles: pl.DataFrame;
  paragraphs: pl.DataFrame;
  sentences: pl.DataFrame;
  removed: pl.DataFrame;
}): pl.DataFrame {
  requireColumns(
    corpus.articles,
    ["id", "outlet", "n_words"],
    "structureByArticle: the articles table",
    FROM,
  );
  requireColumns(
    corpus.paragraphs,
    ["article_id"],
    "structureByArticle: the paragraphs table",
    FROM,
  );
  requireColumns(corpus.sentences, ["article_id"], "structureByArticle: the sentences table", FROM);
  requireColumns(corpus.removed, ["article_id"], "structureByArticle: the removed table", FROM);
  const counts = [
    countPerArticle(corpus.paragraphs, "n_paragraphs"),
    countPerArticle(corpus.sentences, "n_sentences"),
    countPerArticle(corpus.removed, "n_removed"),
  ];
  let out = corpus.articles.select("id", "outlet", "n_words")
    .withRowIndex("_order");
  for (const c of counts) {
    out = out.join(c.rename({ article_id: "id" }), { on: "id", how: "left" });
  }
  return out.sort("_order")
    .select(
      pl.col("id"),
      pl.col("outlet"),
      pl.col("n_paragraphs").fillNull(0),
      pl.col("n_sentences").fillNull(0),
      pl.col("n_words"),
      pl.col("n_removed").fillNull(0),
    );
}

/**
 * One row per article and removal category that occurs: article_id, outlet,
 * category, n_lines (lines of that category cleaning removed), sorted by
 * article then category. Articles with nothing removed have no rows.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * removedByCategory(corpus.removed, corpus.articles).columns;
 * // ["article_id", "outlet", "category", "n_lines"]
 * ```
 */
export function removedByCategory(removed: pl.DataFrame, articles: pl.DataFrame): pl.DataFrame {
  requireColumns(removed, ["article_id", "category"], "removedByCategory: the removed table", FROM);
  requireColumns(articles, ["id", "outlet"], "removedByCategory: the articles table", FROM);
  const counts = removed.groupBy(["article_id", "category"])
    .agg(pl.col("category").count().cast(pl.Int64).alias("n_lines"));
  return counts
    .join(articles.select("id", "outlet").rename({ id: "article_id" }), {
      on: "article_id",
      how: "left",
    })
    .sort(["article_id", "category"])
    .select("article_id", "outlet", "category", "n_lines");
}

/**
 * The sha256 hashes reported by the loader (`Corpus.hashes`: input name, e.g.
 * "manifest" or "rules", to hash) as a table with columns input and sha256,
 * sorted by input.
 *
 * @example
 * ```ts
 * hashesTable({ manifest: "ab12" }).toRecords(); // [{ input: "manifest", sha256: "ab12" }]
 * ```
 */
export function hashesTable(hashes: Record<string, string>): pl.DataFrame {
  const inputs = Object.keys(hashes).sort();
  return pl.DataFrame({
    input: pl.Series("input", inputs, pl.Utf8),
    sha256: pl.Series("sha256", inputs.map((f) => hashes[f]), pl.Utf8),
  });
}

/**
 * What each cleaning rule removed, per outlet: one row per rule and outlet with the rule's
 * category, `lines` (lines or spans removed) and `characters` (code points removed), sorted by
 * outlet, then characters (most first), then rule. `removed` is the loader's table
 * (article_id, rule, category, text); `articles` gives each article's outlet. Title lines are
 * metadata, not debris: pass `{ withTitle: true }` to keep the `title` category.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * removedByRule(corpus.removed, corpus.articles).columns;
 * // ["outlet", "rule", "category", "lines", "characters"]
 * ```
 */
export function removedByRule(
  removed: pl.DataFrame,
  articles: pl.DataFrame,
  options: { withTitle?: boolean } = {},
): pl.DataFrame {
  requireColumns(
    removed,
    ["article_id", "rule", "category", "text"],
    "removedByRule: the removed table",
    FROM,
  );
  requireColumns(articles, ["id", "outlet"], "removedByRule: the articles table", FROM);
  const outletOf = new Map<string, string>();
  for (const r of articles.select("id", "outlet").toRecords()) {
    outletOf.set(String(r.id), String(r.outlet));
  }
  const acc = new Map<
    string,
    { outlet: string; rule: string; category: string; lines: number; characters: number }
  >();
  for (const r of removed.select("article_id", "rule", "category", "text").toRecords()) {
    const category = String(r.category);
    if (category === "title" && !options.withTitle) continue;
    const outlet = outletOf.get(String(r.article_id)) ?? "(unknown article)";
    const key = `${outlet}\u0000${r.rule}`;
    let a = acc.get(key);
    if (a === undefined) {
      a = { outlet, rule: String(r.rule), category, lines: 0, characters: 0 };
      acc.set(key, a);
    }
    a.lines++;
    a.characters += [...String(r.text ?? "").trim()].length;
  }
  const rows = [...acc.values()].sort((x, y) =>
    x.outlet < y.outlet ? -1 : x.outlet > y.outlet ? 1 : y.characters - x.characters ||
      (x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : 0)
  );
  return pl.DataFrame({
    outlet: pl.Series("outlet", rows.map((r) => r.outlet), pl.Utf8),
    rule: pl.Series("rule", rows.map((r) => r.rule), pl.Utf8),
    category: pl.Series("category", rows.map((r) => r.category), pl.Utf8),
    lines: pl.Series("lines", rows.map((r) => r.lines), pl.Int64),
    characters: pl.Series("characters", rows.map((r) => r.characters), pl.Int64),
  });
}
