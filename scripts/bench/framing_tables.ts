/**
 * The framing tables alone, for `deno task bench`: framing hits of every title and raw text of a
 * corpus CSV, without cleaning, sourcing, a store or files written, split by byte range among
 * worker threads. What the bench times against ripgrep over the lexicon. Bench-only: the
 * analysis the project uses is `openCorpus` (lib/store).
 *
 * @module
 */
import pl from "nodejs-polars";
import { framingHits } from "../../lib/extract/framing.ts";
import { VOICES } from "../../lib/extract/voice.ts";
import { type CorpusColumns, corpusColumns } from "../../lib/io/corpus_csv.ts";
import { csvRanges, readCsvBatches } from "../../lib/io/csv.ts";
import { CATEGORIES, type Lexicon, loadLexicon } from "../../lib/resources/lexicon.ts";
import { countWords } from "../../lib/text/words.ts";

/** Columns of the hits table (outlet and month come first). */
const HIT_COLUMNS = [
  "article_id",
  "field",
  "start",
  "end",
  "text",
  "term",
  "category",
  "target",
  "voice",
  "speaker",
] as const;

/** Text columns coded as integers (-1 null) with their values, the cheap form between threads. */
interface Coded {
  values: string[];
  codes: Int32Array;
}

/** Text values as integer codes. */
class Dictionary {
  values: string[] = [];
  codes: number[] = [];
  #index = new Map<string, number>();

  push(v: string | null): void {
    if (v === null) {
      this.codes.push(-1);
      return;
    }
    let c = this.#index.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.#index.set(v, c);
    }
    this.codes.push(c);
  }

  coded(): Coded {
    return { values: this.values, codes: Int32Array.from(this.codes) };
  }
}

/** Per-outlet counters. */
interface OutletCounts {
  articles: number;
  words: number;
  hits: number;
  byCategory: Record<string, number>;
  byVoice: Record<string, number>;
}

/** One thread's share: a byte range of the corpus CSV. */
interface FramingJob {
  corpus: string;
  range: { start: number; end: number; header: string[] };
  lexicon?: string;
  batchSize: number;
}

/** What one thread found: the hit columns (outlet, month, then HIT_COLUMNS) and counters. */
interface FramingPart {
  articles: number;
  columns: Array<Coded | number[]>;
  outlets: Record<string, OutletCounts>;
  stageMs: Record<string, number>;
}

const ISO_MONTH = /^(\d{4}-\d{2})-\d{2}/;

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
  const text = ["outlet", "month", ...HIT_COLUMNS].filter((c) => c !== "start" && c !== "end");
  const dicts = Object.fromEntries(text.map((c) => [c, new Dictionary()]));
  const starts: number[] = [];
  const ends: number[] = [];
  const outlets: Record<string, OutletCounts> = {};
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
      const outlet = row[co];
      const month = row[cpub] ? (ISO_MONTH.exec(row[cpub])?.[1] ?? "") : "";
      const title = ctitle >= 0 ? row[ctitle] : "";
      const counts = outlets[outlet] ??= {
        articles: 0,
        words: 0,
        hits: 0,
        byCategory: {},
        byVoice: {},
      };
      counts.articles++;
      counts.words += countWords(row[ct]);
      for (const field of ["title", "body"] as const) {
        const hits = field === "title"
          ? (title ? framingHits(title, lexicon, { voice: "headline" }) : [])
          : framingHits(row[ct], lexicon);
        counts.hits += hits.length;
        for (const h of hits) {
          counts.byCategory[h.category] = (counts.byCategory[h.category] ?? 0) + 1;
          counts.byVoice[h.voice] = (counts.byVoice[h.voice] ?? 0) + 1;
          dicts.outlet.push(outlet);
          dicts.month.push(month);
          dicts.article_id.push(row[ci]);
          dicts.field.push(field);
          starts.push(h.start);
          ends.push(h.end);
          dicts.text.push(h.text);
          dicts.term.push(h.term);
          dicts.category.push(h.category);
          dicts.target.push(h.target);
          dicts.voice.push(h.voice);
          dicts.speaker.push(h.speaker);
        }
      }
    }
    articles += batch.rows.length;
    e = performance.now();
    t("framing", e - s);
    s = e;
  }
  t("read", performance.now() - s);
  const columns = ["outlet", "month", ...HIT_COLUMNS].map((c) =>
    c === "start" ? starts : c === "end" ? ends : dicts[c].coded()
  );
  return { articles, columns, outlets, stageMs };
}

type ToWorker = { job: FramingJob };
type FromWorker = { result: FramingPart } | { error: string };

/** The body of a framing worker thread; not for other use. */
export function serveFramingWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
    postMessage: (m: FromWorker) => void;
  };
  scope.onmessage = async (e) => {
    try {
      scope.postMessage({ result: await framingPart(e.data.job) });
    } catch (err) {
      scope.postMessage({ error: err instanceof Error ? err.message : String(err) });
    }
  };
}

/** Runs `job` on a worker thread of its own. */
function onWorker(job: FramingJob): Promise<FramingPart> {
  const src = `import { serveFramingWorker } from ${
    JSON.stringify(import.meta.url)
  };\nserveFramingWorker();\n`;
  const worker = new Worker(`data:application/javascript,${encodeURIComponent(src)}`, {
    type: "module",
  });
  return new Promise<FramingPart>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if ("error" in e.data) reject(new Error(e.data.error));
      else resolve(e.data.result);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message));
    };
    worker.postMessage({ job } satisfies ToWorker);
  }).finally(() => worker.terminate());
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
  /** Per outlet: articles, words, hits, hits per category and per voice, loaded_per_1000_words. */
  outlets: pl.DataFrame;
  /** Milliseconds per stage, summed over threads. */
  stageMs: Record<string, number>;
}

/**
 * The framing tables alone: reads the corpus CSV (split into byte ranges, one per worker thread),
 * finds the framing hits of each title ("headline") and raw text (voice from quote detection; no
 * attributions, so no speakers and no paraphrase), and returns the hits as one DataFrame and the
 * per-outlet counts with the loaded rate per 1,000 words.
 *
 * @example
 * ```ts
 * const { hits, outlets } = await framingTables({ corpus: "corpus.csv", workers: 2 });
 * ```
 */
export async function framingTables(options: FramingTablesOptions): Promise<FramingTablesResult> {
  const stageMs: Record<string, number> = {};
  const t = (name: string, ms: number) => (stageMs[name] = (stageMs[name] ?? 0) + ms);
  const nWorkers = options.workers ?? 0;
  let s = performance.now();
  const { header, ranges } = await csvRanges(options.corpus, Math.max(1, nWorkers));
  t("split", performance.now() - s);
  const jobs: FramingJob[] = ranges.map((r) => ({
    corpus: options.corpus,
    range: { ...r, header },
    lexicon: options.lexicon,
    batchSize: options.batchSize ?? 2000,
  }));
  const parts = await Promise.all(
    jobs.map((job) => (nWorkers === 0 ? framingPart(job) : onWorker(job))),
  );
  s = performance.now();
  const outlets = new Map<string, OutletCounts>();
  for (const p of parts) {
    for (const [k, v] of Object.entries(p.stageMs)) t(k, v);
    for (const [name, c] of Object.entries(p.outlets)) {
      const into = outlets.get(name) ??
        { articles: 0, words: 0, hits: 0, byCategory: {}, byVoice: {} };
      outlets.set(name, into);
      into.articles += c.articles;
      into.words += c.words;
      into.hits += c.hits;
      for (const [k, n] of Object.entries(c.byCategory)) {
        into.byCategory[k] = (into.byCategory[k] ?? 0) + n;
      }
      for (const [k, n] of Object.entries(c.byVoice)) into.byVoice[k] = (into.byVoice[k] ?? 0) + n;
    }
  }
  const hits = hitsFrame(parts);
  const names = [...outlets.keys()].sort();
  const rows = names.map((n) => outlets.get(n)!);
  const num = (name: string, f: (c: OutletCounts) => number) =>
    pl.Series(name, rows.map(f), pl.Int64);
  const outletTable = pl.DataFrame([
    pl.Series("outlet", names, pl.Utf8),
    num("articles", (c) => c.articles),
    num("words", (c) => c.words),
    num("hits", (c) => c.hits),
    ...CATEGORIES.map((k) => num(`hits_${k}`, (c) => c.byCategory[k] ?? 0)),
    ...VOICES.map((k) => num(`hits_voice_${k}`, (c) => c.byVoice[k] ?? 0)),
    pl.Series(
      "loaded_per_1000_words",
      rows.map((c) => {
        const loaded = (c.byCategory.loaded_negative ?? 0) + (c.byCategory.loaded_positive ?? 0);
        return c.words > 0 ? (1000 * loaded) / c.words : 0;
      }),
      pl.Float64,
    ),
  ]);
  t("tables", performance.now() - s);
  return {
    articles: parts.reduce((a, p) => a + p.articles, 0),
    hits,
    outlets: outletTable,
    stageMs,
  };
}

/**
 * The hit rows of every part as one DataFrame. Text goes to polars as integer codes and is
 * decoded there (a join on the values), far faster than one JavaScript string per row.
 */
function hitsFrame(parts: readonly FramingPart[]): pl.DataFrame {
  const names = ["outlet", "month", ...HIT_COLUMNS];
  let df: pl.DataFrame = pl.DataFrame(names.map((name, i) => {
    if (name === "start" || name === "end") {
      return pl.Series(name, parts.flatMap((p) => p.columns[i] as number[]), pl.Int64);
    }
    // One code space over all parts: each part's codes shifted by the values before it.
    const codes: number[] = [];
    let offset = 0;
    for (const p of parts) {
      const c = p.columns[i] as Coded;
      for (const x of c.codes) codes.push(x < 0 ? -1 : x + offset);
      offset += c.values.length;
    }
    return pl.Series(name, Int32Array.from(codes));
  }));
  names.forEach((name, i) => {
    if (name === "start" || name === "end") return;
    const values = parts.flatMap((p) => (p.columns[i] as Coded).values);
    const key = `${name}\u0000code`;
    const lookup = pl.DataFrame([
      pl.Series(key, Int32Array.from(values, (_, k) => k)),
      pl.Series(name, values, pl.Utf8),
    ]);
    df = df.rename({ [name]: key }).join(lookup, { on: key, how: "left" }).drop(key);
  });
  return df.select(...names);
}
