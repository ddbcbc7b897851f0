/**
 * The pipeline over a corpus CSV too large for a notebook: brings the store up to date with the
 * CSV (`openCorpus`: only new or changed articles are analysed, on worker threads under the
 * per-article time guard), then publishes the store's per-article tables (articles, hits,
 * attributions, mentions) as parquet partitioned hive-style by outlet and month, the per-outlet
 * table (`outlets.parquet`, `outlets.csv`) and `run.json` (counts, data-file sha256s, the articles
 * cleaning shrank by more than half, the articles the time guard skipped). The tables are read
 * from the store a slice of articles at a time, so memory depends on the slice and the flush
 * limit, not on the corpus. Output goes to a staging folder that is published by rename only when
 * everything was written (lib/store/publish.ts).
 *
 * @module
 */
import { resolve } from "node:path";
import pl from "nodejs-polars";
import type { ResourcePaths } from "../analyse.ts";
import { VOICES } from "../extract/voice.ts";
import { SOURCE_TYPES } from "../resources/gazetteer.ts";
import { CATEGORIES } from "../resources/lexicon.ts";
import { analysisColumns, ARTICLE_ANALYSIS_COLUMNS, type TableSchema } from "../tables/schema.ts";
import { atomicWrite } from "./files.ts";
import { PartitionedTable } from "./partitioned.ts";
import { abandonOutput, OutputError, publishOutput, stageOutput } from "./publish.ts";
import { defaultStoreDir, openCorpus, type StoredCorpus, type StoreRun } from "./store.ts";

/** The per-article tables the pipeline publishes, each a folder of the output. */
export type OutputTable = "articles" | "hits" | "attributions" | "mentions";

/**
 * The pipeline's default worker threads: two (one on a one-core machine). Unlike a notebook's
 * `openCorpus`, which analyses a few articles on its own thread, the pipeline analyses every
 * article on a worker, where the time guard can stop it.
 *
 * @example
 * ```ts
 * PIPELINE_WORKERS; // 2 on this 2-core machine
 * ```
 */
export const PIPELINE_WORKERS: number = Math.min(2, navigator.hardwareConcurrency || 1);

/** The output tables in the order they are written. */
export const OUTPUT_TABLES: readonly OutputTable[] = [
  "articles",
  "hits",
  "attributions",
  "mentions",
];

/**
 * The columns of each output table's parquet files (outlet and month are in the path): the
 * articles table has `article_id`, `published` and the analysis columns; the others their
 * `analysisColumns` (lib/tables/schema.ts).
 */
export const OUTPUT_SCHEMAS: Readonly<Record<OutputTable, TableSchema>> = {
  articles: [["article_id", "str"], ["published", "str"], ...ARTICLE_ANALYSIS_COLUMNS],
  hits: analysisColumns("hits"),
  attributions: analysisColumns("attributions"),
  mentions: analysisColumns("mentions"),
};

/** Options of {@link publishCorpus}. */
export interface PipelineOptions {
  /** Corpus CSV with columns id, outlet, published (YYYY-MM-DD or empty), text; title optional. */
  corpus: string;
  /** Output folder for the partitioned tables, the per-outlet tables and run.json. */
  outDir: string;
  /** The store's folder (default `.cache/store/<CSV name without extension>` beside the CSV). */
  store?: string;
  /** Articles per store batch (default the store's, 500). */
  batchSize?: number;
  /**
   * Worker threads analysing articles (default {@linkcode PIPELINE_WORKERS}, however few articles
   * need analysing, so that every article is under the time guard; no worker starts when none
   * does). 0 analyses on the calling thread, without the guard.
   */
  workers?: number;
  /** An article whose analysis takes longer is skipped and reported (default the store's, 120 s). */
  articleTimeoutMs?: number;
  /** Data files (default the repository's `data/` files). */
  resources?: ResourcePaths;
  /**
   * Prefix of the part files' names (`part-<prefix>00001.parquet`), so that several runs (shards of
   * a corpus on several machines) can write into one table folder without clashing (default "").
   */
  partPrefix?: string;
  /**
   * Replace `outDir` if it exists (default false: an existing non-empty folder is an error). Only
   * a folder the pipeline wrote (its `.framing-lab-output` marker lists every entry) is replaced,
   * and only after the new output is complete; a folder holding the corpus is always refused.
   */
  overwrite?: boolean;
  /** Articles read from the store and written at a time (default 5,000). */
  sliceSize?: number;
  /**
   * Rows a table holds before it writes all its partitions (default 500,000; the articles table,
   * whose rows hold the text, a 25th of it); partitions a slice does not touch are written anyway.
   */
  flushRows?: number;
  /** Where the store's lines go (its progress lines and `store: analysed …`; default console.error). */
  log?: (line: string) => void;
}

/** What {@link publishCorpus} did. */
export interface PipelineResult {
  /** Articles in the output (the corpus CSV's, less those the time guard skipped). */
  articles: number;
  /** Rows and parquet files per table. */
  tables: Record<OutputTable, { rows: number; files: number }>;
  /** sha256 of the corpus CSV (`corpus`) and of every data file the analysis used. */
  hashes: Record<string, string>;
  /** The per-outlet table (also written to outDir/outlets.parquet and outlets.csv). */
  outlets: pl.DataFrame;
  /** Ids of the articles that cleaning shrank by more than half (check the rules that removed text). */
  shrunk: string[];
  /** Articles the time guard skipped (not in the output): id → why. */
  skipped: Record<string, string>;
  /** What bringing the store up to date did (its line: `store: analysed A of N articles …`). */
  store: StoreRun;
  /** Warnings of the corpus (decoding, cleaning, the time guard). */
  warnings: string[];
  /** Milliseconds spent bringing the store up to date (`store`) and writing the output (`write`). */
  stageMs: Record<string, number>;
}

/** The per-outlet counters. */
interface OutletCounts {
  articles: number;
  words: number;
  quotes: number;
  hits: number;
  attributions: number;
  mentions: number;
  byCategory: Map<string, number>;
  byVoice: Map<string, number>;
  bySourceType: Map<string, number>;
}

function newCounts(): OutletCounts {
  return {
    articles: 0,
    words: 0,
    quotes: 0,
    hits: 0,
    attributions: 0,
    mentions: 0,
    byCategory: new Map(),
    byVoice: new Map(),
    bySourceType: new Map(),
  };
}

/** True when one of the paths `a`, `b` is the other or inside it (paths resolved, not symlinks). */
function nested(a: string, b: string): boolean {
  const x = resolve(a);
  const y = resolve(b);
  return x === y || x.startsWith(y + "/") || y.startsWith(x + "/");
}

/**
 * Runs the pipeline over a corpus CSV: brings its store up to date (only new or changed articles
 * are analysed; an article that takes longer than the time guard is skipped and named), then
 * publishes the per-article tables (articles, hits, attributions, mentions) as parquet
 * partitioned by outlet and month under `outDir`, the per-outlet table and `run.json`. Refuses an
 * output folder that holds the corpus or the store, or (with `overwrite`) one the pipeline did
 * not write; a failed run publishes nothing.
 *
 * @example
 * ```ts
 * const r = await publishCorpus({ corpus: "corpus.csv", outDir: "out", overwrite: true });
 * r.tables.hits.rows; // framing hits written under out/hits/
 * r.store.line; // "store: analysed 0 of 10000 articles (10000 cached, 0 removed) in 2.1 s"
 * ```
 */
export async function publishCorpus(options: PipelineOptions): Promise<PipelineResult> {
  const store = options.store ?? defaultStoreDir(options.corpus.replace(/\.[^./]*$/, ""));
  const out = options.outDir.replace(/(.)\/+$/, "$1");
  // (An output folder that holds the corpus is refused by stageOutput, naming the corpus.)
  if (nested(store, out) && !resolve(options.corpus).startsWith(resolve(out) + "/")) {
    throw new OutputError(
      `${out}: the output folder and the store ${store} hold one another — choose an output ` +
        "folder outside the store (or --store outside the output folder)",
      out,
    );
  }
  const resourceFiles = Object.values(options.resources ?? {}).filter((p): p is string => !!p);
  const staged = await stageOutput(out, {
    overwrite: options.overwrite,
    inputs: [options.corpus, store, ...resourceFiles],
  });
  try {
    const t0 = performance.now();
    const corpus = await openCorpus({
      ...options.resources,
      corpus: options.corpus,
      store,
      batchSize: options.batchSize,
      workers: options.workers ?? PIPELINE_WORKERS,
      articleTimeoutMs: options.articleTimeoutMs,
      log: options.log ?? ((l) => console.error(l)),
    });
    const storeMs = performance.now() - t0;
    const result = await writeOutput(corpus, staged.staging, options);
    result.stageMs = { store: storeMs, write: performance.now() - t0 - storeMs };
    await publishOutput(staged);
    return result;
  } catch (err) {
    throw await abandonOutput(staged, err);
  }
}

/** Writes every output file of `corpus` into the folder `out`. */
async function writeOutput(
  corpus: StoredCorpus,
  out: string,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const flushRows = options.flushRows ?? 500_000;
  const sliceSize = Math.max(1, options.sliceSize ?? 5000);
  const tables = Object.fromEntries(
    OUTPUT_TABLES.map((t) => [
      t,
      new PartitionedTable(
        `${out}/${t}`,
        OUTPUT_SCHEMAS[t].map(([n]) => n),
        options.partPrefix ?? "",
      ),
    ]),
  ) as Record<OutputTable, PartitionedTable>;
  const limit = (t: OutputTable) => t === "articles" ? Math.max(1, flushRows / 25) : flushRows;
  const outlets = new Map<string, OutletCounts>();
  const countsOf = (outlet: string) => {
    let c = outlets.get(outlet);
    if (!c) outlets.set(outlet, c = newCounts());
    return c;
  };
  const shrunk: string[] = [];

  const listing = corpus.listing.select(
    pl.col("id").alias("article_id"),
    pl.col("outlet"),
    pl.col("published"),
    pl.col("published").str.slice(0, 7).alias("month"),
  ).withRowIndex("__order");
  for (let start = 0; start < listing.height; start += sliceSize) {
    const slice = listing.slice(start, sliceSize);
    const ids = slice.getColumn("article_id").toArray() as string[];
    for (const t of OUTPUT_TABLES) {
      const rows = corpus.rowsOf(t, ids).withRowIndex("__row")
        .join(t === "articles" ? slice : slice.drop("published"), {
          on: "article_id",
          how: "inner",
        })
        .sort(["__order", "__row"]);
      count(t, rows, countsOf, shrunk);
      const table = tables[t];
      table.add(rows.select("outlet", "month", ...table.columns));
      await table.writeIdle();
      if (table.pendingRows >= limit(t)) await table.flush();
    }
  }
  for (const t of OUTPUT_TABLES) await tables[t].flush();

  const outletTable = outletsTable(outlets);
  await atomicWrite(`${out}/outlets.parquet`, (tmp) => outletTable.writeParquet(tmp));
  await atomicWrite(`${out}/outlets.csv`, (tmp) => outletTable.writeCSV(tmp));

  const result: PipelineResult = {
    articles: listing.height,
    tables: Object.fromEntries(
      OUTPUT_TABLES.map((t) => [t, { rows: tables[t].rows, files: tables[t].files }]),
    ) as PipelineResult["tables"],
    hashes: corpus.hashes,
    outlets: outletTable,
    shrunk: shrunk.sort(),
    skipped: corpus.store.skipped,
    store: corpus.store,
    warnings: corpus.warnings,
    stageMs: {},
  };
  const shownWarnings = 1000;
  const run = {
    corpus: options.corpus,
    store: {
      dir: corpus.store.dir,
      articles: corpus.store.articles,
      analysed: corpus.store.analysed,
      cached: corpus.store.cached,
      removed: corpus.store.removed,
      copies: corpus.store.copies,
      seconds: corpus.store.seconds,
      line: corpus.store.line,
    },
    articles: result.articles,
    tables: result.tables,
    hashes: result.hashes,
    shrunk: result.shrunk,
    skipped: result.skipped,
    warnings: corpus.warnings.slice(0, shownWarnings),
    warnings_total: corpus.warnings.length,
  };
  const text = JSON.stringify(run, null, 2) + "\n";
  await atomicWrite(`${out}/run.json`, (tmp) => Deno.writeTextFile(tmp, text));
  return result;
}

/** Adds one slice of a table (with `outlet`) to the per-outlet counters. */
function count(
  table: OutputTable,
  rows: pl.DataFrame,
  countsOf: (outlet: string) => OutletCounts,
  shrunk: string[],
): void {
  const groups = (by: string[]) =>
    rows.groupBy(by).agg(pl.len().alias("__n")).toRecords() as Record<string, unknown>[];
  const add = (m: Map<string, number>, key: unknown, n: number) => {
    const k = (key as string | null) ?? "none";
    m.set(k, (m.get(k) ?? 0) + n);
  };
  if (table === "articles") {
    const sums = rows.groupBy("outlet").agg(
      pl.len().alias("__n"),
      pl.col("n_words").sum().alias("__words"),
      pl.col("n_quotes").sum().alias("__quotes"),
    ).toRecords();
    for (const r of sums) {
      const c = countsOf(r.outlet as string);
      c.articles += Number(r.__n);
      c.words += Number(r.__words);
      c.quotes += Number(r.__quotes);
    }
    const ids = rows.filter(pl.col("shrunk").eq(pl.lit(true))).getColumn("article_id");
    shrunk.push(...(ids.toArray() as string[]));
  } else if (table === "hits") {
    for (const r of groups(["outlet", "category"])) {
      const c = countsOf(r.outlet as string);
      c.hits += Number(r.__n);
      add(c.byCategory, r.category, Number(r.__n));
    }
    for (const r of groups(["outlet", "voice"])) {
      add(countsOf(r.outlet as string).byVoice, r.voice, Number(r.__n));
    }
  } else if (table === "attributions") {
    for (const r of groups(["outlet", "source_type"])) {
      const c = countsOf(r.outlet as string);
      c.attributions += Number(r.__n);
      add(c.bySourceType, r.source_type, Number(r.__n));
    }
  } else {
    for (const r of groups(["outlet"])) countsOf(r.outlet as string).mentions += Number(r.__n);
  }
}

/**
 * The per-outlet table: articles, words, quotes, hits (per category and per voice), loaded terms
 * per 1,000 words, attributions (per source type) and actor mentions.
 */
function outletsTable(outlets: Map<string, OutletCounts>): pl.DataFrame {
  const names = [...outlets.keys()].sort();
  const rows = names.map((n) => outlets.get(n)!);
  const num = (name: string, f: (c: OutletCounts) => number) =>
    pl.Series(name, rows.map(f), pl.Int64);
  const loaded = rows.map((c) =>
    (c.byCategory.get("loaded_negative") ?? 0) + (c.byCategory.get("loaded_positive") ?? 0)
  );
  return pl.DataFrame([
    pl.Series("outlet", names, pl.Utf8),
    num("articles", (c) => c.articles),
    num("words", (c) => c.words),
    num("quotes", (c) => c.quotes),
    num("hits", (c) => c.hits),
    ...CATEGORIES.map((k) => num(`hits_${k}`, (c) => c.byCategory.get(k) ?? 0)),
    ...VOICES.map((k) => num(`hits_voice_${k}`, (c) => c.byVoice.get(k) ?? 0)),
    pl.Series(
      "loaded_per_1000_words",
      rows.map((c, i) => (c.words > 0 ? (1000 * loaded[i]) / c.words : 0)),
      pl.Float64,
    ),
    num("attributions", (c) => c.attributions),
    ...SOURCE_TYPES.map((k) => num(`attributions_${k}`, (c) => c.bySourceType.get(k) ?? 0)),
    num("actor_mentions", (c) => c.mentions),
  ]);
}
