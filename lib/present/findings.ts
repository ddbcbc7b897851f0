/**
 * The first screen of each notebook: two or three sentences saying what it found, with the key
 * numbers, generated from the same tables the notebook shows (so they cannot drift from them).
 * Each function returns markdown for `showMarkdown`; names taken from the data are escaped.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { escapeHtml } from "./html.ts";
import { outletCountWords, outletLabel } from "./outlets.ts";
import { labelOf, SOURCE_TYPE } from "./scales.ts";
import { requireColumns } from "../tables/schema.ts";

/** Text from the data, safe in markdown rendered as HTML (escaped, emphasis marks disarmed). */
function md(text: string): string {
  return escapeHtml(text.replace(/([\\`*_[\]#|~])/g, "\\$1"));
}

/** An integer with thousands separators ("3,245"). */
function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** "k of n (x%)". */
function ofN(k: number, n: number): string {
  return `${int(k)} of ${int(n)} (${n > 0 ? Math.round((100 * k) / n) : 0}%)`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${int(n)} ${n === 1 ? word : many}`;
}

/** The tables {@linkcode corpusFindings} reads (those of `loadCorpus()`). */
export interface CorpusFindingsInput {
  /** id, outlet, n_words; published (ISO date or null) when present. */
  articles: pl.DataFrame;
  paragraphs: pl.DataFrame;
  sentences: pl.DataFrame;
  /** One row per removed line, with article_id. */
  removed: pl.DataFrame;
}

/**
 * What notebook 01 found: how many articles from how many outlets, how long, over which dates,
 * and how much cleaning removed (and where most).
 *
 * @example
 * ```ts
 * await showMarkdown(corpusFindings(await loadCorpus()));
 * // "**5 articles**: 2 named outlets and 3 articles whose outlet is not given. …"
 * ```
 */
export function corpusFindings(corpus: CorpusFindingsInput): string {
  const { articles } = corpus;
  requireColumns(
    articles,
    ["id", "outlet", "n_words"],
    "corpusFindings: the articles table",
    "corpus.articles of openCorpus() or loadCorpus()",
  );
  const read = ["id", "outlet", "n_words", "published"].filter((c) => articles.columns.includes(c));
  const rows = articles.select(...read).toRecords() as Record<string, unknown>[];
  if (rows.length === 0) return "**No articles** were loaded: check `data/articles.csv`.";
  const words = rows.map((r) => Number(r.n_words));
  const total = words.reduce((a, b) => a + b, 0);
  const sentences = [
    `**${plural(rows.length, "article")}**: ${outletCountWords(rows.map((r) => r.outlet))}.`,
  ];
  let second = `${int(total)} words in ${plural(corpus.paragraphs.height, "paragraph")} and ` +
    `${plural(corpus.sentences.height, "sentence")}; articles run from ${
      int(words.reduce((a, b) => Math.min(a, b)))
    } ` +
    `to ${int(words.reduce((a, b) => Math.max(a, b)))} words`;
  if (articles.columns.includes("published")) {
    const dates = rows.map((r) => r.published).filter((d) => d !== null && d !== undefined)
      .map((d) => d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10))
      .sort();
    const undated = rows.length - dates.length;
    if (dates.length > 0) {
      second += dates[0] === dates.at(-1)
        ? `, published ${dates[0]}`
        : `, published ${dates[0]} to ${dates.at(-1)}`;
    }
    if (undated > 0) second += ` (${plural(undated, "article")} without a date)`;
  }
  sentences.push(`${second}.`);
  const removedBy = new Map<string, number>();
  if (corpus.removed.columns.includes("article_id")) {
    for (const id of corpus.removed.getColumn("article_id").toArray()) {
      removedBy.set(String(id), (removedBy.get(String(id)) ?? 0) + 1);
    }
  }
  if (corpus.removed.height === 0) {
    sentences.push("Cleaning removed no lines.");
  } else {
    const [topId, topN] = [...removedBy].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    sentences.push(
      `Cleaning removed ${plural(corpus.removed.height, "line")} of page debris and metadata, ` +
        `most from article ${md(topId)} (${int(topN)}).`,
    );
  }
  return sentences.join(" ");
}

/** The tables {@linkcode framingFindings} reads. */
export interface FramingFindingsInput {
  /** `loadedShareByOutlet(hits, articles)`: outlet, target, loaded, neutral, n_articles_outlet. */
  share: pl.DataFrame;
  /** `loadedShareByOutlet(hits, articles, { byVoiceGroup: true })`, for the own-voice sentence. */
  byVoice?: pl.DataFrame;
}

/**
 * What notebook 02 found: how many references use a loaded term overall, which outlet uses them
 * most and least (among outlets with at least five references), and how loaded the outlets' own
 * voice is against the words they quote; with one article per outlet, it says so.
 *
 * @example
 * ```ts
 * await showMarkdown(framingFindings({ share, byVoice }));
 * ```
 */
export function framingFindings(input: FramingFindingsInput): string {
  const { share } = input;
  requireColumns(
    share,
    ["outlet", "loaded", "neutral"],
    "framingFindings: the table",
    "the table from loadedShareByOutlet",
  );
  const rows = share.toRecords() as Record<string, unknown>[];
  if (rows.length === 0) {
    return "**No loaded or neutral references** were found: the lexicon matched nothing here.";
  }
  const per = new Map<string, { loaded: number; n: number }>();
  for (const r of rows) {
    const o = String(r.outlet);
    const p = per.get(o) ?? { loaded: 0, n: 0 };
    p.loaded += Number(r.loaded);
    p.n += Number(r.loaded) + Number(r.neutral);
    per.set(o, p);
  }
  const loaded = [...per.values()].reduce((a, p) => a + p.loaded, 0);
  const n = [...per.values()].reduce((a, p) => a + p.n, 0);
  const out = [
    `**${ofN(loaded, n)} references** to people, states, agreements and actions use a loaded ` +
    `term rather than a neutral one.`,
  ];
  const ranked = [...per].filter(([, p]) => p.n >= 5)
    .map(([o, p]) => ({ o, ...p, s: p.loaded / p.n }))
    .sort((a, b) => b.s - a.s || a.o.localeCompare(b.o));
  if (ranked.length >= 2) {
    const hi = ranked[0];
    const lo = ranked.at(-1)!;
    out.push(
      `The most loaded wording is **${md(outletLabel(hi.o))}**'s, ${ofN(hi.loaded, hi.n)}; ` +
        `the least, ${md(outletLabel(lo.o))}'s, ${ofN(lo.loaded, lo.n)}` +
        (ranked.length < per.size ? " (among outlets with at least 5 references)." : "."),
    );
  }
  if (input.byVoice) {
    requireColumns(
      input.byVoice,
      ["voice_group", "loaded", "neutral"],
      "framingFindings: the table",
      "the table from loadedShareByOutlet(..., { byVoiceGroup: true })",
    );
    const g = new Map<string, { loaded: number; n: number }>();
    for (const r of input.byVoice.toRecords() as Record<string, unknown>[]) {
      const key = String(r.voice_group);
      const p = g.get(key) ?? { loaded: 0, n: 0 };
      p.loaded += Number(r.loaded);
      p.n += Number(r.loaded) + Number(r.neutral);
      g.set(key, p);
    }
    const own = g.get("own voice");
    const others = g.get("others' words");
    if (own && others && own.n > 0 && others.n > 0) {
      out.push(
        `In their own voice outlets use loaded terms in ${ofN(own.loaded, own.n)} references; ` +
          `in the words they quote or paraphrase, ${ofN(others.loaded, others.n)}.`,
      );
    }
  }
  if (
    share.columns.includes("n_articles_outlet") &&
    rows.every((r) => Number(r.n_articles_outlet) === 1)
  ) {
    out.push(
      "Every outlet has one article here, so differences between outlets are differences " +
        "between articles.",
    );
  }
  return out.join(" ");
}

/** The tables {@linkcode sourcingFindings} reads. */
export interface SourcingFindingsInput {
  /** `outletMeasures(table, articles)`: outlet, measure, n, total. */
  measures: pl.DataFrame;
  /** `citedMost(table)`: source, source_type, attributions, outlets. */
  cited: pl.DataFrame;
}

/**
 * What notebook 03 found: how many attributions, how many of them direct quotes, how much
 * rests on state media (and which outlet relies on it most), and who is cited most.
 *
 * @example
 * ```ts
 * await showMarkdown(sourcingFindings({ measures: outletMeasures(table, articles), cited: citedMost(table) }));
 * ```
 */
export function sourcingFindings(input: SourcingFindingsInput): string {
  const { measures, cited } = input;
  requireColumns(
    measures,
    ["outlet", "measure", "n", "total"],
    "sourcingFindings: the table",
    "the table from outletMeasures",
  );
  requireColumns(
    cited,
    ["source", "source_type", "attributions"],
    "sourcingFindings: the table",
    "the table from citedMost",
  );
  const rows = measures.toRecords() as Record<string, unknown>[];
  const of = (measure: string) => rows.filter((r) => r.measure === measure);
  const sum = (rs: Record<string, unknown>[], c: string) =>
    rs.reduce((a, r) => a + Number(r[c]), 0);
  const direct = of("direct_share");
  const total = sum(direct, "total");
  if (total === 0) return "**No attributions** were found in these articles.";
  const out = [
    `**${plural(total, "attribution")}**; ${ofN(sum(direct, "n"), total)} are direct quotes.`,
  ];
  const state = of("state_media_reliance");
  const stateN = sum(state, "n");
  let sentence = `${ofN(stateN, total)} are made by state media or relayed through them`;
  const top = state.filter((r) => Number(r.total) >= 5 && Number(r.n) > 0)
    .sort((a, b) =>
      Number(b.n) / Number(b.total) - Number(a.n) / Number(a.total) ||
      String(a.outlet).localeCompare(String(b.outlet))
    )[0];
  if (top && state.length > 1) {
    sentence += `, most in ${md(outletLabel(String(top.outlet)))}: ` +
      ofN(Number(top.n), Number(top.total));
  }
  out.push(`${sentence}.`);
  const first = (cited.head(1).toRecords() as Record<string, unknown>[])[0];
  if (first) {
    const outlets = cited.columns.includes("outlets") && first.outlets !== null
      ? ` in ${plural(Number(first.outlets), "outlet")}`
      : "";
    out.push(
      `The most cited source is **${md(String(first.source))}** ` +
        `(${labelOf(SOURCE_TYPE, first.source_type as string | null)}), ` +
        `${plural(Number(first.attributions), "attribution")}${outlets}.`,
    );
  }
  return out.join(" ");
}
