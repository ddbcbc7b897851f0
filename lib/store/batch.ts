/**
 * The whole analysis pipeline over a corpus too large to hold in memory.
 *
 * Reads a corpus CSV (columns `id, outlet, published, text`, optional `title`) as a stream, in
 * batches of articles; runs every per-text stage on each article (clean, segment, quotes,
 * attributions, framing hits with voice, actor naming), on the calling thread or on worker
 * threads; appends the per-article rows (articles, hits, attributions, actors) to tables that are
 * written as parquet files partitioned hive-style by outlet and month
 * (`out/hits/outlet=X/month=2024-06/part-00001.parquet`) whenever the buffered rows pass a limit;
 * and keeps only small per-outlet counters in memory, written at the end as `out/outlets.parquet`
 * and `out/outlets.csv`, with `out/run.json` (counts and the sha256 of every data file used). Peak memory depends on the batch size and the flush limit, not on the
 * corpus size. Every file is written to a temporary name in its folder and renamed into place.
 *
 * @module
 */
import pl from "nodejs-polars";
import { analyseArticle, loadResources, type ResourcePaths, type Resources } from "../analyse.ts";
import { framingHits } from "../extract/framing.ts";
import { VOICES } from "../extract/voice.ts";
import { csvRanges, readCsvBatches } from "../io/csv.ts";
import { abandonOutput, publishOutput, stageOutput } from "./publish.ts";
import { checkCorpusRows, type CorpusColumns, corpusColumns } from "../io/corpus_csv.ts";
import { SOURCE_TYPES } from "../resources/gazetteer.ts";
import { CATEGORIES, type Lexicon, loadLexicon } from "../resources/lexicon.ts";
import { analysisRows } from "../tables/rows.ts";
import {
  analysisColumns,
  ARTICLE_ANALYSIS_COLUMNS,
  type ColumnType,
  type TableName as SchemaTable,
  type TableSchema,
} from "../tables/schema.ts";
import { countWords } from "../text/words.ts";

export type { ColumnType, TableSchema };

// ---------------------------------------------------------------------------------------------
// Partitioned parquet tables
// ---------------------------------------------------------------------------------------------

/**
 * Hive partition value escaping: characters other than letters, digits and `._-` become `%XX`
 * (UTF-8), as Hive, Spark and polars decode them; an empty or null value is Hive's default
 * partition.
 *
 * @example
 * ```ts
 * hiveValue("The Western Mail & Guardian"); // "The%20Western%20Mail%20%26%20Guardian"
 * ```
 */
export function hiveValue(value: string | null): string {
  if (value === null || value === "") return "__HIVE_DEFAULT_PARTITION__";
  return encodeURIComponent(value).replace(
    /[!'()*~]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"),
  );
}

/** Text values as integer codes; code -1 is null. */
class Dictionary {
  values: string[] = [];
  #codes = new Map<string, number>();
  codes: number[] = [];

  /** The code of `v`, added to the dictionary if new. */
  code(v: string): number {
    let c = this.#codes.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.#codes.set(v, c);
    }
    return c;
  }

  push(v: string | null): void {
    this.codes.push(v === null || v === undefined ? -1 : this.code(v));
  }

  /** Appends a column coded by another dictionary. */
  append(coded: CodedText): void {
    const remap = coded.values.map((v) => this.code(v));
    const codes = coded.codes;
    for (let i = 0; i < codes.length; i++) this.codes.push(codes[i] < 0 ? -1 : remap[codes[i]]);
  }

  /** The column in transferable form. */
  coded(): CodedText {
    return { values: this.values, codes: Int32Array.from(this.codes) };
  }
}

/** A text column as dictionary codes (-1 is null), the cheap form to send between threads. */
export interface CodedText {
  values: string[];
  codes: Int32Array;
}

type Buffer = unknown[] | Dictionary;

function newBuffer(type: ColumnType): Buffer {
  return type === "cat" ? new Dictionary() : [];
}

/** The column `name` of `df` (Int32 codes) replaced by the dictionary's text (left join). */
function decodeColumn(df: pl.DataFrame, name: string, dict: Dictionary): pl.DataFrame {
  const key = `${name}\u0000code`;
  const lookup = pl.DataFrame([
    pl.Series(key, Int32Array.from(dict.values, (_, i) => i)),
    pl.Series(name, dict.values, pl.Utf8),
  ]);
  return df.rename({ [name]: key }).join(lookup, { on: key, how: "left" }).drop(key);
}

function series(name: string, type: ColumnType, values: Buffer): pl.Series {
  if (values instanceof Dictionary) return pl.Series(name, Int32Array.from(values.codes));
  switch (type) {
    case "int":
      return pl.Series(name, values as (number | null)[], pl.Int64);
    case "float":
      return pl.Series(name, values as (number | null)[], pl.Float64);
    case "bool":
      return pl.Series(name, values as (boolean | null)[], pl.Bool);
    default:
      return pl.Series(name, values as (string | null)[], pl.Utf8);
  }
}

async function atomicWrite(path: string, write: (tmp: string) => void | Promise<void>) {
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash);
  const tmp = `${dir}/.${path.slice(slash + 1)}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await write(tmp);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

/** Rows for a table in column form, as a worker sends them (text with few values coded). */
export interface ColumnRows {
  outlet: CodedText;
  month: CodedText;
  /** One entry per schema column: coded text for `cat` columns, else one value per row. */
  columns: Array<unknown[] | CodedText>;
}

/** Something rows can be added to: a {@link PartitionedTable} or a {@link RowCollector}. */
export interface RowSink {
  add(outlet: string, month: string | null, values: readonly unknown[]): void;
}

/**
 * Collects rows in column form, to be sent from a worker to the writing thread.
 *
 * @example
 * ```ts
 * const c = new RowCollector([["article_id", "cat"], ["start", "int"]]);
 * c.add("Outlet A", "2024-06", ["a1", 5]);
 * c.take().columns[1]; // [5]
 * ```
 */
export class RowCollector implements RowSink {
  #schema: TableSchema;
  #outlet = new Dictionary();
  #month = new Dictionary();
  #columns: Buffer[];

  /** A collector for rows of `schema`. */
  constructor(schema: TableSchema) {
    this.#schema = schema;
    this.#columns = schema.map(([, type]) => newBuffer(type));
  }

  /** Adds one row. */
  add(outlet: string, month: string | null, values: readonly unknown[]): void {
    this.#outlet.push(outlet);
    this.#month.push(month);
    for (let i = 0; i < values.length; i++) {
      const b = this.#columns[i];
      if (b instanceof Dictionary) b.push(values[i] as string | null);
      else b.push(values[i]);
    }
  }

  /** The rows collected so far; the collector starts empty again. */
  take(): ColumnRows {
    const rows: ColumnRows = {
      outlet: this.#outlet.coded(),
      month: this.#month.coded(),
      columns: this.#columns.map((b) => (b instanceof Dictionary ? b.coded() : b)),
    };
    this.#outlet = new Dictionary();
    this.#month = new Dictionary();
    this.#columns = this.#schema.map(([, type]) => newBuffer(type));
    return rows;
  }
}

/** The buffers of `rows` to transfer (not copy) in `postMessage`. */
function transferables(rows: ColumnRows): ArrayBuffer[] {
  const out = [rows.outlet.codes.buffer, rows.month.codes.buffer];
  for (const c of rows.columns) if (!Array.isArray(c)) out.push(c.codes.buffer);
  return out as ArrayBuffer[];
}

/**
 * A table written as parquet files partitioned by outlet and month, hive style:
 * `dir/outlet=<outlet>/month=<month>/part-NNNNN.parquet` (the partition columns live in the path
 * only, as Hive stores them). Rows are buffered as column arrays (text with few distinct values
 * as dictionary codes); {@link PartitionedTable.stage} moves them into polars frames held per
 * partition, {@link PartitionedTable.writeIdle} writes the partitions the latest round did not
 * touch, and {@link PartitionedTable.flush} writes everything. Fewer, larger files: a parquet
 * file costs about a millisecond to write however small it is.
 *
 * @example
 * ```ts
 * const t = new PartitionedTable("out/hits", [["article_id", "str"], ["start", "int"]]);
 * t.add("Outlet A", "2024-06", ["a1", 5]);
 * await t.flush();
 * ```
 */
export class PartitionedTable implements RowSink {
  /** Folder of the table. */
  readonly dir: string;
  /** Column names and types (without outlet and month). */
  readonly schema: TableSchema;
  /** Rows added so far. */
  rows = 0;
  /** Parquet files written so far. */
  files = 0;
  #columns: Buffer[];
  #outlet = new Dictionary();
  #month = new Dictionary();
  #part = 0;
  #partPrefix: string;
  #dirs = new Set<string>();
  #pending = new Map<string, { df: pl.DataFrame; round: number }>();
  #round = 0;

  /** A table in `dir` with the given columns; part files are named `part-<partPrefix>NNNNN`. */
  constructor(dir: string, schema: TableSchema, partPrefix = "") {
    this.dir = dir;
    this.schema = schema;
    this.#partPrefix = partPrefix;
    this.#columns = schema.map(([, type]) => newBuffer(type));
  }

  /** Rows buffered, not yet written. */
  get buffered(): number {
    return this.#outlet.codes.length;
  }

  /** Buffers one row; `values` are in schema order. */
  add(outlet: string, month: string | null, values: readonly unknown[]): void {
    if (values.length !== this.schema.length) {
      throw new Error(
        `${this.dir}: row has ${values.length} values, the table has ${this.schema.length} columns`,
      );
    }
    this.#outlet.push(outlet);
    this.#month.push(month);
    for (let i = 0; i < values.length; i++) {
      const b = this.#columns[i];
      if (b instanceof Dictionary) b.push(values[i] as string | null);
      else b.push(values[i]);
    }
    this.rows++;
  }

  /** Buffers rows in column form (see {@link RowCollector}). */
  addColumns(rows: ColumnRows): void {
    if (rows.columns.length !== this.schema.length) {
      throw new Error(
        `${this.dir}: rows have ${rows.columns.length} columns, the table has ${this.schema.length}`,
      );
    }
    const n = rows.outlet.codes.length;
    this.#outlet.append(rows.outlet);
    this.#month.append(rows.month);
    for (let i = 0; i < rows.columns.length; i++) {
      const b = this.#columns[i];
      const src = rows.columns[i];
      if (b instanceof Dictionary) b.append(src as CodedText);
      else for (let r = 0; r < n; r++) b.push((src as unknown[])[r]);
    }
    this.rows += n;
  }

  /** Rows moved into polars by {@link PartitionedTable.stage}, not yet written. */
  get pendingRows(): number {
    let n = 0;
    for (const p of this.#pending.values()) n += p.df.height;
    return n;
  }

  /**
   * Moves the buffered rows into polars (compact native memory), one frame per (outlet, month),
   * appended to what that partition already holds. Each call starts a new round for
   * {@link PartitionedTable.writeIdle}.
   */
  stage(): void {
    this.#round++;
    if (this.buffered === 0) return;
    const outlets = this.#outlet;
    const months = this.#month;
    const columns = this.#columns;
    this.#outlet = new Dictionary();
    this.#month = new Dictionary();
    this.#columns = this.schema.map(([, type]) => newBuffer(type));
    let df = pl.DataFrame([
      series("\u0000outlet", "cat", outlets),
      series("\u0000month", "cat", months),
      ...this.schema.map(([name, type], i) => series(name, type, columns[i])),
    ]);
    this.schema.forEach(([name], i) => {
      const b = columns[i];
      if (b instanceof Dictionary) df = decodeColumn(df, name, b);
    });
    df = df.select("\u0000outlet", "\u0000month", ...this.schema.map(([name]) => name));
    for (const part of df.partitionBy(["\u0000outlet", "\u0000month"], true, true)) {
      const o = part.getColumn("\u0000outlet").get(0) as number;
      const m = part.getColumn("\u0000month").get(0) as number;
      const outlet = o < 0 ? null : outlets.values[o];
      const month = m < 0 ? null : months.values[m];
      const dir = `${this.dir}/outlet=${hiveValue(outlet)}/month=${hiveValue(month)}`;
      const data = part.drop("\u0000outlet", "\u0000month");
      const held = this.#pending.get(dir);
      if (held) {
        held.df = held.df.vstack(data);
        held.round = this.#round;
      } else this.#pending.set(dir, { df: data, round: this.#round });
    }
  }

  /**
   * Writes the partitions that got no rows in the latest {@link PartitionedTable.stage} (with a
   * corpus in date order: the months that are over, so each becomes one file); returns the
   * number of files.
   */
  writeIdle(): Promise<number> {
    return this.#write((round) => round < this.#round);
  }

  /** Stages and writes everything buffered, one file per (outlet, month); returns the number of files. */
  flush(): Promise<number> {
    this.stage();
    return this.#write(() => true);
  }

  async #write(which: (round: number) => boolean): Promise<number> {
    const chosen = [...this.#pending].filter(([, p]) => which(p.round));
    if (chosen.length === 0) return 0;
    this.#part++;
    const name = `part-${this.#partPrefix}${String(this.#part).padStart(5, "0")}.parquet`;
    for (const [dir, p] of chosen) {
      this.#pending.delete(dir);
      if (!this.#dirs.has(dir)) {
        await Deno.mkdir(dir, { recursive: true });
        this.#dirs.add(dir);
      }
      await atomicWrite(
        `${dir}/${name}`,
        (tmp) => p.df.writeParquet(tmp, { compression: "snappy" }),
      );
      this.files++;
    }
    return chosen.length;
  }
}

// ---------------------------------------------------------------------------------------------
// The pipeline
// ---------------------------------------------------------------------------------------------

/** Options of {@link runPipeline}. */
export interface PipelineOptions {
  /** Corpus CSV with columns id, outlet, published (YYYY-MM-DD or empty), text; title optional. */
  corpus: string;
  /** Output folder for the partitioned tables and the per-outlet tables. */
  outDir: string;
  /** Articles per batch (default 2000). */
  batchSize?: number;
  /**
   * Rows held in polars (all tables together) that trigger writing every partition (default
   * 1,000,000, about 100–200 MB); partitions a batch does not touch are written anyway.
   */
  flushRows?: number;
  /** Worker threads analysing batches (default 0: everything on the calling thread). */
  workers?: number;
  /** Data files for the stages (default the repository's `data/` files). */
  paths?: ResourcePaths;
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
  /** Called after every batch. */
  onBatch?: (progress: { articles: number; batches: number }) => void;
}

/** What {@link runPipeline} did. */
export interface PipelineResult {
  /** Articles processed. */
  articles: number;
  /** Batches read. */
  batches: number;
  /** Milliseconds spent per stage (read, clean, segment, quotes, framing, ..., write, outlets). */
  stageMs: Record<string, number>;
  /** Rows and parquet files per table. */
  tables: Record<string, { rows: number; files: number }>;
  /** sha256 of every data file (lexicon, gazetteer, rules) the stages used. */
  hashes: Record<string, string>;
  /** The per-outlet table (also written to outDir/outlets.parquet and outlets.csv). */
  outlets: pl.DataFrame;
  /** Ids of the articles that cleaning shrank by more than half (check the rules that removed text). */
  shrunk: string[];
}

/** Columns of the per-article table `articles/` (partitioned by outlet and month). */
export const ARTICLE_SCHEMA: TableSchema = [
  ["article_id", "str"],
  ["published", "cat"],
  ...ARTICLE_ANALYSIS_COLUMNS,
];

/** Columns of the per-hit table `hits/`: one row per framing hit (title or body). */
export const HIT_SCHEMA: TableSchema = analysisColumns("hits");

/** Columns of the per-attribution table `attributions/` (title or body). */
export const ATTRIBUTION_SCHEMA: TableSchema = analysisColumns("attributions");

/** Columns of the per-mention table `mentions/`: one row per actor mention (title or body). */
export const MENTION_SCHEMA: TableSchema = analysisColumns("mentions");

const ISO_MONTH = /^(\d{4}-\d{2})-\d{2}/;

/** The per-outlet counters kept in memory. */
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

function mergeCounts(into: Map<string, OutletCounts>, from: Map<string, OutletCounts>): void {
  for (const [outlet, c] of from) {
    const t = into.get(outlet) ?? newCounts();
    into.set(outlet, t);
    t.articles += c.articles;
    t.words += c.words;
    t.quotes += c.quotes;
    t.hits += c.hits;
    t.attributions += c.attributions;
    t.mentions += c.mentions;
    for (const k of ["byCategory", "byVoice", "bySourceType"] as const) {
      for (const [key, n] of c[k]) t[k].set(key, (t[k].get(key) ?? 0) + n);
    }
  }
}

function bump(m: Map<string, number>, k: string | null): void {
  const key = k ?? "none";
  m.set(key, (m.get(key) ?? 0) + 1);
}

/** What one analyser (the main thread or a worker) did. */
interface AnalyserReport {
  stageMs: Record<string, number>;
  outlets: Map<string, OutletCounts>;
  /** Ids of the articles that cleaning shrank by more than half. */
  shrunk: string[];
}

/** Where the analyser puts the rows of each table. */
type Sinks = Record<TableName, RowSink>;

/** The per-article tables, each a folder of the output. */
type TableName = "articles" | "hits" | "attributions" | "mentions";

const TABLE_SCHEMAS: Record<TableName, TableSchema> = {
  articles: ARTICLE_SCHEMA,
  hits: HIT_SCHEMA,
  attributions: ATTRIBUTION_SCHEMA,
  mentions: MENTION_SCHEMA,
};

/** The tables of the analysis that the pipeline writes. */
const PIPELINE_TABLES: ReadonlySet<SchemaTable> = new Set([
  "articles",
  "hits",
  "attributions",
  "mentions",
]);

const TABLE_NAMES = Object.keys(TABLE_SCHEMAS) as TableName[];

/**
 * Runs every stage on batches of articles and adds the rows of the per-article tables to its
 * sinks (the partitioned tables, or collectors whose rows a worker sends to the main thread);
 * keeps the per-outlet counters and the time per stage.
 */
class BatchAnalyser {
  #st: Resources;
  #sinks: Sinks;
  #shrunk: string[] = [];
  #outlets = new Map<string, OutletCounts>();
  stageMs: Record<string, number> = {};

  constructor(st: Resources, sinks: Sinks) {
    this.#st = st;
    this.#sinks = sinks;
  }

  #time(name: string, ms: number): void {
    this.stageMs[name] = (this.stageMs[name] ?? 0) + ms;
  }

  /** Analyses one batch of CSV rows, adding the rows of every table to the sinks. */
  process(rows: string[][], cols: CorpusColumns): void {
    const time = (name: string, ms: number) => this.#time(name, ms);
    const { id: ci, outlet: co, published: cpub, text: ct, title: ctitle } = cols;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const id = row[ci];
      const outlet = row[co];
      const published = row[cpub] || null;
      const month = published ? (ISO_MONTH.exec(published)?.[1] ?? "") : "";
      const title = ctitle >= 0 ? row[ctitle] || null : null;
      const a = analyseArticle({ id, text: row[ct], title, file: id }, this.#st, { time });
      if (a.cleaned.shrunk) this.#shrunk.push(id);
      const s = performance.now();
      let counts = this.#outlets.get(outlet);
      if (!counts) {
        counts = newCounts();
        this.#outlets.set(outlet, counts);
      }
      counts.articles++;
      counts.words += a.n_words;
      counts.quotes += a.quotes.length;
      counts.hits += a.hits.length;
      counts.attributions += a.attributions.length;
      counts.mentions += a.mentions.length;
      for (const h of a.hits) {
        bump(counts.byCategory, h.category);
        bump(counts.byVoice, h.voice);
      }
      for (const t of a.attributions) bump(counts.bySourceType, t.source_type);
      analysisRows(a, (table, values) => {
        if (table === "articles") {
          this.#sinks.articles.add(outlet, month, [values[0], published, ...values.slice(1)]);
        } else this.#sinks[table as TableName].add(outlet, month, values);
      }, PIPELINE_TABLES);
      time("tables", performance.now() - s);
    }
  }

  /** The per-outlet counters and the stage times so far. */
  report(): AnalyserReport {
    return { stageMs: this.stageMs, outlets: this.#outlets, shrunk: this.#shrunk };
  }
}

/** Messages from the main thread to a worker. */
type ToWorker =
  | { type: "init"; paths: ResourcePaths }
  | { type: "batch"; rows: string[][]; cols: CorpusColumns }
  | { type: "framing"; job: FramingJob }
  | { type: "finish" };

/** Messages from a worker to the main thread. */
type FromWorker =
  | { type: "ready" }
  | { type: "done"; articles: number; tables: Record<TableName, ColumnRows> }
  | { type: "finished"; report: AnalyserReport }
  | { type: "framed"; result: FramingPart }
  | { type: "error"; message: string };

/**
 * The body of a pipeline worker: loads the stages on "init", analyses each "batch" and posts
 * back its rows in column form, and on "finish" posts the per-outlet counters and stage times.
 * Called by the worker script that {@link runPipeline} starts; not meant for other use.
 *
 * @example
 * ```ts
 * // inside a Worker module:
 * serveWorker();
 * ```
 */
export function serveWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
    postMessage: (m: FromWorker, transfer?: ArrayBuffer[]) => void;
  };
  let analyser: BatchAnalyser | null = null;
  const collectors = Object.fromEntries(
    TABLE_NAMES.map((n) => [n, new RowCollector(TABLE_SCHEMAS[n])]),
  ) as Record<TableName, RowCollector>;
  let queue = Promise.resolve();
  scope.onmessage = (e: MessageEvent<ToWorker>) => {
    const msg = e.data;
    queue = queue.then(async () => {
      try {
        if (msg.type === "init") {
          analyser = new BatchAnalyser(await loadResources(msg.paths), collectors);
          scope.postMessage({ type: "ready" });
        } else if (msg.type === "framing") {
          const result = await framingPart(msg.job);
          scope.postMessage({ type: "framed", result }, transferables(result.hits));
        } else if (msg.type === "batch") {
          analyser!.process(msg.rows, msg.cols);
          const tables = Object.fromEntries(
            TABLE_NAMES.map((n) => [n, collectors[n].take()]),
          ) as Record<TableName, ColumnRows>;
          scope.postMessage(
            { type: "done", articles: msg.rows.length, tables },
            Object.values(tables).flatMap(transferables),
          );
        } else {
          scope.postMessage({ type: "finished", report: analyser!.report() });
        }
      } catch (err) {
        scope.postMessage({ type: "error", message: (err as Error).message });
      }
    });
  };
}

/** A started worker with a promise per request. */
class PipelineWorker {
  #worker: Worker;
  #waiting: Array<{ resolve: (m: FromWorker) => void; reject: (e: Error) => void }> = [];
  inFlight = 0;

  constructor() {
    const src = `import { serveWorker } from ${JSON.stringify(import.meta.url)};\nserveWorker();\n`;
    const url = URL.createObjectURL(new Blob([src], { type: "application/javascript" }));
    this.#worker = new Worker(url, { type: "module" });
    this.#worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const w = this.#waiting.shift();
      if (!w) return;
      if (e.data.type === "error") w.reject(new Error(e.data.message));
      else w.resolve(e.data);
    };
    this.#worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      for (const w of this.#waiting.splice(0)) w.reject(new Error(e.message));
    };
  }

  /** Sends a message; resolves with the worker's answer to it (answers come in order). */
  send(msg: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#worker.postMessage(msg);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}

/**
 * Runs the whole pipeline over a corpus CSV in batches: clean, segment, quotes, attributions,
 * framing hits with voice and speaker (title as "headline"), actor naming; per-article tables
 * written as partitioned parquet as it goes, per-outlet tables at the end. With `workers` > 0
 * the batches are analysed by that many worker threads (each writing its own part files) while
 * the main thread reads the CSV. Returns the counts and the time spent per stage (summed over
 * threads).
 *
 * @example
 * ```ts
 * const r = await runPipeline({ corpus: "corpus.csv", outDir: "out", overwrite: true });
 * r.tables.hits.rows; // number of framing hits written under out/hits/
 * ```
 */
export async function runPipeline(
  options: PipelineOptions,
  stages?: Resources,
): Promise<PipelineResult> {
  const stageMs: Record<string, number> = {};
  const t = (name: string, ms: number) => (stageMs[name] = (stageMs[name] ?? 0) + ms);
  const t0 = performance.now();
  const st = stages ?? (await loadResources(options.paths));
  t("load data", performance.now() - t0);

  const staged = await stageOutput(options.outDir, {
    overwrite: options.overwrite,
    inputs: [options.corpus, ...Object.values(options.paths ?? {}).filter((p) => p)],
  });
  try {
    const result = await runStaged(options, st, staged.staging, stageMs);
    await publishOutput(staged);
    return result;
  } catch (err) {
    throw await abandonOutput(staged, err);
  }
}

/** The body of {@link runPipeline}: writes every output file into the folder `out`. */
async function runStaged(
  options: PipelineOptions,
  st: Resources,
  out: string,
  stageMs: Record<string, number>,
): Promise<PipelineResult> {
  const t = (name: string, ms: number) => (stageMs[name] = (stageMs[name] ?? 0) + ms);
  let t0 = performance.now();
  const flushRows = options.flushRows ?? 1_000_000;
  const nWorkers = options.workers ?? 0;
  const outlets = new Map<string, OutletCounts>();
  const tables = Object.fromEntries(
    TABLE_NAMES.map((
      n,
    ) => [n, new PartitionedTable(`${out}/${n}`, TABLE_SCHEMAS[n], options.partPrefix ?? "")]),
  ) as Record<TableName, PartitionedTable>;
  const all = Object.values(tables);
  const shrunk: string[] = [];
  const absorb = (r: AnalyserReport) => {
    for (const [k, v] of Object.entries(r.stageMs)) t(k, v);
    mergeCounts(outlets, r.outlets);
    shrunk.push(...r.shrunk);
  };
  // After each batch: move its rows into polars, write the partitions it did not touch (the
  // months that are over, when the corpus is in date order), and write everything when the rows
  // held pass flushRows.
  const afterBatch = async () => {
    const s = performance.now();
    for (const x of all) {
      x.stage();
      await x.writeIdle();
    }
    if (all.reduce((a, x) => a + x.pendingRows, 0) >= flushRows) {
      for (const x of all) await x.flush();
    }
    t("write", performance.now() - s);
  };
  let articles = 0;
  let batches = 0;
  let cols: CorpusColumns | null = null;
  const seenIds = new Map<string, number>();

  if (nWorkers <= 0) {
    const analyser = new BatchAnalyser(st, tables);
    t0 = performance.now();
    for await (const batch of readCsvBatches(options.corpus, { batchSize: options.batchSize })) {
      t("read", performance.now() - t0);
      cols ??= corpusColumns(batch.header, options.corpus);
      checkCorpusRows(batch, cols, options.corpus, seenIds);
      batches++;
      analyser.process(batch.rows, cols);
      await afterBatch();
      articles += batch.rows.length;
      options.onBatch?.({ articles, batches });
      t0 = performance.now();
    }
    t("read", performance.now() - t0);
    absorb(analyser.report());
  } else {
    const workers = Array.from({ length: nWorkers }, () => new PipelineWorker());
    try {
      await Promise.all(workers.map((w) => w.send({ type: "init", paths: options.paths ?? {} })));
      const pending = new Set<Promise<unknown>>();
      let failure: Error | null = null;
      // Batches come back in any order; their rows are added and written one batch at a time.
      let writing: Promise<void> = Promise.resolve();
      t0 = performance.now();
      for await (const batch of readCsvBatches(options.corpus, { batchSize: options.batchSize })) {
        t("read", performance.now() - t0);
        cols ??= corpusColumns(batch.header, options.corpus);
        checkCorpusRows(batch, cols, options.corpus, seenIds);
        batches++;
        // Two batches in flight per worker keep every worker busy; memory stays bounded.
        let w = workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        const s = performance.now();
        while (w.inFlight >= 2 && failure === null) {
          await Promise.race(pending);
          w = workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        }
        t("wait for workers", performance.now() - s);
        if (failure) throw failure;
        w.inFlight++;
        const worker = w;
        const p: Promise<unknown> = worker.send({ type: "batch", rows: batch.rows, cols })
          .then((m) => {
            if (m.type !== "done") return;
            writing = writing.then(async () => {
              const s = performance.now();
              for (const n of TABLE_NAMES) tables[n].addColumns(m.tables[n]);
              t("append", performance.now() - s);
              await afterBatch();
              articles += m.articles;
              options.onBatch?.({ articles, batches });
            });
            return writing;
          }).catch((err: Error) => {
            failure ??= err;
          }).finally(() => {
            worker.inFlight--;
            pending.delete(p);
          });
        pending.add(p);
        t0 = performance.now();
      }
      t("read", performance.now() - t0);
      const s = performance.now();
      await Promise.all(pending);
      await writing;
      if (failure) throw failure;
      const reports = await Promise.all(workers.map((w) => w.send({ type: "finish" })));
      t("wait for workers", performance.now() - s);
      for (const m of reports) if (m.type === "finished") absorb(m.report);
    } finally {
      for (const w of workers) w.terminate();
    }
  }
  const s0 = performance.now();
  for (const x of all) await x.flush();
  t("write", performance.now() - s0);

  const s = performance.now();
  const outletTable = outletsTable(outlets);
  await atomicWrite(`${out}/outlets.parquet`, (tmp) => outletTable.writeParquet(tmp));
  await atomicWrite(`${out}/outlets.csv`, (tmp) => outletTable.writeCSV(tmp));
  t("outlets", performance.now() - s);

  const result = {
    articles,
    batches,
    stageMs,
    tables: Object.fromEntries(
      all.map((x, i) => [TABLE_NAMES[i], { rows: x.rows, files: x.files }]),
    ),
    hashes: st.hashes,
    shrunk: shrunk.sort(),
  };
  const summary = JSON.stringify({ corpus: options.corpus, ...result }, null, 2) + "\n";
  await atomicWrite(`${out}/run.json`, (tmp) => Deno.writeTextFile(tmp, summary));
  return { ...result, outlets: outletTable };
}

const CATEGORY_COLUMNS = CATEGORIES;
const VOICE_COLUMNS = VOICES;
const SOURCE_TYPE_COLUMNS = SOURCE_TYPES;

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
    ...CATEGORY_COLUMNS.map((k) => num(`hits_${k}`, (c) => c.byCategory.get(k) ?? 0)),
    ...VOICE_COLUMNS.map((k) => num(`hits_voice_${k}`, (c) => c.byVoice.get(k) ?? 0)),
    pl.Series(
      "loaded_per_1000_words",
      rows.map((c, i) => (c.words > 0 ? (1000 * loaded[i]) / c.words : 0)),
      pl.Float64,
    ),
    num("attributions", (c) => c.attributions),
    ...SOURCE_TYPE_COLUMNS.map((k) => num(`attributions_${k}`, (c) => c.bySourceType.get(k) ?? 0)),
    num("actor_mentions", (c) => c.mentions),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Framing tables only
// ---------------------------------------------------------------------------------------------

/** One thread's share of {@link framingTables}: a byte range of the corpus CSV. */
interface FramingJob {
  corpus: string;
  range: { start: number; end: number; header: string[] };
  lexicon?: string;
  batchSize: number;
}

/** What one thread found: hit rows in column form and per-outlet counters. */
interface FramingPart {
  articles: number;
  hits: ColumnRows;
  outlets: Map<string, OutletCounts>;
  stageMs: Record<string, number>;
}

/** Columns of the hits table of {@link framingTables} (outlet and month are added in front). */
const FRAMING_HIT_SCHEMA: TableSchema = [
  ["article_id", "cat"],
  ["field", "cat"],
  ["start", "int"],
  ["end", "int"],
  ["text", "cat"],
  ["term", "cat"],
  ["category", "cat"],
  ["target", "cat"],
  ["voice", "cat"],
  ["speaker", "cat"],
];

const lexicons = new Map<string, Promise<Lexicon>>();

/** Framing hits and counters of one byte range of the corpus (on the calling thread). */
async function framingPart(job: FramingJob): Promise<FramingPart> {
  const stageMs: Record<string, number> = {};
  const t = (name: string, ms: number) => (stageMs[name] = (stageMs[name] ?? 0) + ms);
  let s = performance.now();
  const key = job.lexicon ?? "";
  if (!lexicons.has(key)) lexicons.set(key, loadLexicon(job.lexicon));
  const lexicon = await lexicons.get(key)!;
  t("load data", performance.now() - s);
  const rows = new RowCollector(FRAMING_HIT_SCHEMA);
  const outlets = new Map<string, OutletCounts>();
  let cols: CorpusColumns | null = null;
  let articles = 0;
  s = performance.now();
  const batches = readCsvBatches(job.corpus, { batchSize: job.batchSize, range: job.range });
  for await (const batch of batches) {
    let e = performance.now();
    t("read", e - s);
    s = e;
    cols ??= corpusColumns(batch.header, job.corpus);
    const { id: ci, outlet: co, published: cpub, text: ct, title: ctitle } = cols;
    for (const row of batch.rows) {
      const id = row[ci];
      const outlet = row[co];
      const published = row[cpub];
      const month = published ? (ISO_MONTH.exec(published)?.[1] ?? "") : "";
      const title = ctitle >= 0 ? row[ctitle] : "";
      const text = row[ct];
      let counts = outlets.get(outlet);
      if (!counts) outlets.set(outlet, counts = newCounts());
      counts.articles++;
      counts.words += countWords(text);
      for (const field of ["title", "body"] as const) {
        const hits = field === "title"
          ? (title ? framingHits(title, lexicon, { voice: "headline" }) : [])
          : framingHits(text, lexicon);
        counts.hits += hits.length;
        for (const h of hits) {
          bump(counts.byCategory, h.category);
          bump(counts.byVoice, h.voice);
          rows.add(outlet, month, [
            id,
            field,
            h.start,
            h.end,
            h.text,
            h.term,
            h.category,
            h.target,
            h.voice,
            h.speaker,
          ]);
        }
      }
    }
    articles += batch.rows.length;
    e = performance.now();
    t("framing", e - s);
    s = e;
  }
  t("read", performance.now() - s);
  return { articles, hits: rows.take(), outlets, stageMs };
}

/** Options of {@link framingTables}. */
export interface FramingTablesOptions {
  /** Corpus CSV with columns id, outlet, published, text; title optional. */
  corpus: string;
  /** Worker threads, each reading and analysing its own part of the file (default 0: none). */
  workers?: number;
  /** Lexicon CSV (default the repository's). */
  lexicon?: string;
  /** Articles per batch read (default 2000). */
  batchSize?: number;
}

/** What {@link framingTables} returns. */
export interface FramingTablesResult {
  articles: number;
  /**
   * One row per framing hit: outlet, month, article_id, field ("title" | "body"), start, end
   * (code points into the raw CSV field), text, term, category, target, voice, speaker.
   */
  hits: pl.DataFrame;
  /**
   * Per outlet: articles, words, hits, hits per category and per voice, loaded_per_1000_words.
   */
  outlets: pl.DataFrame;
  /** Milliseconds per stage, summed over threads. */
  stageMs: Record<string, number>;
}

/**
 * The framing tables alone, without cleaning, sourcing or writing files: reads the corpus CSV
 * (split into byte ranges, one per worker thread), finds the framing hits of each title
 * ("headline") and raw text (voice from quote detection; no attributions, so no speakers and no
 * paraphrase), and returns the hits as one DataFrame and the per-outlet counts with the loaded
 * rate per 1,000 words. What `deno task bench` times against ripgrep over the lexicon.
 *
 * @example
 * ```ts
 * const { hits, outlets } = await framingTables({ corpus: "corpus.csv", workers: 2 });
 * hits.groupBy("category").len();
 * ```
 */
export async function framingTables(options: FramingTablesOptions): Promise<FramingTablesResult> {
  const stageMs: Record<string, number> = {};
  const t = (name: string, ms: number) => (stageMs[name] = (stageMs[name] ?? 0) + ms);
  const nWorkers = options.workers ?? 0;
  const workers = Array.from({ length: nWorkers }, () => new PipelineWorker());
  let parts: FramingPart[];
  try {
    const s = performance.now();
    const { header, ranges } = await csvRanges(options.corpus, Math.max(1, nWorkers));
    t("split", performance.now() - s);
    const jobs: FramingJob[] = ranges.map((r) => ({
      corpus: options.corpus,
      range: { ...r, header },
      lexicon: options.lexicon,
      batchSize: options.batchSize ?? 2000,
    }));
    parts = await Promise.all(jobs.map(async (job, i) => {
      if (nWorkers === 0) return await framingPart(job);
      const m = await workers[i % nWorkers].send({ type: "framing", job });
      if (m.type !== "framed") throw new Error(`framingTables: unexpected answer ${m.type}`);
      return m.result;
    }));
  } finally {
    for (const w of workers) w.terminate();
  }
  const s = performance.now();
  const outlets = new Map<string, OutletCounts>();
  for (const p of parts) {
    mergeCounts(outlets, p.outlets);
    for (const [k, v] of Object.entries(p.stageMs)) t(k, v);
  }
  const hits = columnRowsFrame(FRAMING_HIT_SCHEMA, parts.map((p) => p.hits));
  const outletCols = [
    "outlet",
    "articles",
    "words",
    "hits",
    ...CATEGORY_COLUMNS.map((k) => `hits_${k}`),
    ...VOICE_COLUMNS.map((k) => `hits_voice_${k}`),
    "loaded_per_1000_words",
  ];
  const outletTable = outletsTable(outlets).select(...outletCols);
  t("tables", performance.now() - s);
  return {
    articles: parts.reduce((a, p) => a + p.articles, 0),
    hits,
    outlets: outletTable,
    stageMs,
  };
}

/** Rows in column form (several parts) as one DataFrame: outlet, month, then the schema. */
function columnRowsFrame(schema: TableSchema, parts: readonly ColumnRows[]): pl.DataFrame {
  // Text columns go to polars as integer codes and are decoded there (a join on the dictionary),
  // far faster than one JavaScript string per row.
  const dicts: Array<[string, Dictionary]> = [];
  const text = (name: string, coded: CodedText[]): pl.Series => {
    const dict = new Dictionary();
    for (const c of coded) dict.append(c);
    dicts.push([name, dict]);
    return pl.Series(name, Int32Array.from(dict.codes));
  };
  const columns = schema.map(([name, type], i) => {
    if (type === "cat") return text(name, parts.map((p) => p.columns[i] as CodedText));
    const all: unknown[] = [];
    for (const p of parts) for (const v of p.columns[i] as unknown[]) all.push(v);
    return series(name, type, all);
  });
  let df = pl.DataFrame([
    text("outlet", parts.map((p) => p.outlet)),
    text("month", parts.map((p) => p.month)),
    ...columns,
  ]);
  for (const [name, dict] of dicts) df = decodeColumn(df, name, dict);
  return df.select("outlet", "month", ...schema.map(([name]) => name));
}
