/**
 * Analysis on worker threads, with a time guard: each worker loads the data files once and
 * analyses the articles it is sent with `analyseArticle`; an article that takes longer than the
 * limit is reported by id and skipped (its worker is replaced), so that one pathological text
 * cannot hang a run. An article whose analysis fails (an error in the analysis) is reported by id
 * and file with the error, and skipped: the others are analysed.
 *
 * @module
 */
import {
  analyseArticle,
  type ArticleInput,
  type FieldAttribution,
  loadResources,
  type ResourcePaths,
  type Resources,
} from "../analyse.ts";
import pl from "nodejs-polars";
import { type AnalysisColumns, AnalysisTables } from "../tables/rows.ts";
import { analysisColumns, emptyFrame, TABLE_NAMES, type TableName } from "../tables/schema.ts";
import { arrowStream, frameFromArrow } from "./arrow_ipc.ts";

/** Every table's rows as an Arrow IPC stream (see `arrow_ipc.ts`). */
type PackedTables = Record<TableName, Uint8Array>;

function pack(columns: AnalysisColumns): PackedTables {
  const out = {} as PackedTables;
  for (const t of TABLE_NAMES) out[t] = arrowStream(analysisColumns(t), columns[t]);
  return out;
}

/** The frames of packed tables, the parts one after the other. */
function unpack(parts: readonly PackedTables[]): Record<TableName, pl.DataFrame> {
  const out = {} as Record<TableName, pl.DataFrame>;
  for (const t of TABLE_NAMES) {
    const frames = parts.map((p) => frameFromArrow(p[t]));
    out[t] = frames.length === 0
      ? emptyFrame(analysisColumns(t))
      : frames.length === 1
      ? frames[0]
      : pl.concat(frames, { how: "vertical" });
  }
  return out;
}

/** One article to analyse, with attributions to reuse when only later stages changed. */
export interface WorkItem extends ArticleInput {
  attributions?: FieldAttribution[];
}

/** What analysing some articles gave. */
export interface WorkResult {
  /** Rows of every table (analysis columns, in the order of the items). */
  frames: Record<TableName, pl.DataFrame>;
  /** Cleaning warnings per article id. */
  warnings: Record<string, string[]>;
  /** Articles skipped because they took longer than the limit or failed: id → message. */
  skipped: Record<string, string>;
}

/** The message of an article whose analysis failed with `err`. */
function failedMessage(item: WorkItem, err: unknown): string {
  const why = err instanceof Error ? err.message : String(err);
  return `article ${item.id} (${item.file ?? item.id}) could not be analysed (${why}) and was ` +
    "skipped";
}

/**
 * Analyses each of `items` in turn, handing each analysis to `take`; an article whose analysis
 * throws is left out and named in the result (id → message). Used on the calling thread and in
 * the workers.
 */
function analyseEach(
  items: readonly WorkItem[],
  resources: Resources,
  take: (a: ReturnType<typeof analyseArticle>, index: number) => void,
  before?: (index: number) => void,
): Record<string, string> {
  const failed: Record<string, string> = {};
  items.forEach((item, index) => {
    before?.(index);
    let a: ReturnType<typeof analyseArticle>;
    try {
      a = analyseArticle(item, resources, { attributions: item.attributions });
    } catch (err) {
      failed[item.id] = failedMessage(item, err);
      return;
    }
    take(a, index);
  });
  return failed;
}

type ToWorker =
  | { type: "init"; paths: ResourcePaths; progress: SharedArrayBuffer }
  | { type: "work"; items: WorkItem[] };

type FromWorker =
  | { type: "ready" }
  | {
    type: "done";
    tables: PackedTables[];
    warnings: Record<string, string[]>;
    /** Articles whose analysis failed: id → message. */
    failed: Record<string, string>;
  }
  | { type: "error"; message: string };

/**
 * Analyses `items` on the calling thread.
 *
 * @example
 * ```ts
 * analyseItems([{ id: "a", text: "Putin said “no”." }], resources).frames.attributions.height;
 * ```
 */
export function analyseItems(items: readonly WorkItem[], resources: Resources): WorkResult {
  const tables = new AnalysisTables();
  const warnings: Record<string, string[]> = {};
  const skipped = analyseEach(items, resources, (a) => {
    tables.add(a);
    warnings[a.id] = a.cleaned.warnings;
  });
  return { frames: unpack([pack(tables.take())]), warnings, skipped };
}

/** Articles whose rows a worker packs into Arrow bytes at a time (see `serveAnalysisWorker`). */
const PACK_EVERY = 64;

const WARM_UP = "Warm-up\n\nOfficials said on Monday that “talks” went on, according to KCNA.";

/** Milliseconds as seconds for a message: one decimal below ten seconds. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}

/** The body of an analysis worker (see {@linkcode AnalysisPool}); not for other use. */
export function serveAnalysisWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
    postMessage: (m: FromWorker) => void;
  };
  let resources: Resources | null = null;
  /** 1 + the index of the item being analysed, read by the pool's time guard. */
  let progress: Int32Array<ArrayBufferLike> = new Int32Array(1);
  scope.onmessage = async (e: MessageEvent<ToWorker>) => {
    const msg = e.data;
    try {
      if (msg.type === "init") {
        resources = await loadResources(msg.paths);
        progress = new Int32Array(msg.progress);
        // Warm up (lazily built tables, compiled patterns) so the time guard measures articles.
        analyseArticle({ id: "warm-up", text: WARM_UP }, resources);
        scope.postMessage({ type: "ready" });
        return;
      }
      const tables = new AnalysisTables();
      const warnings: Record<string, string[]> = {};
      // The rows go as Arrow bytes, transferred: no structured clone of every string, and the
      // main thread reads them into polars without converting them one by one. They are packed
      // every PACK_EVERY articles, so that rows do not outlive many collections of young objects.
      const packed: PackedTables[] = [];
      let analysed = 0;
      const failed = analyseEach(msg.items, resources!, (a) => {
        tables.add(a);
        warnings[a.id] = a.cleaned.warnings;
        if (++analysed % PACK_EVERY === 0) packed.push(pack(tables.take()));
      }, (index) => Atomics.store(progress, 0, index + 1)); // (read by the time guard)
      packed.push(pack(tables.take()));
      (scope.postMessage as (m: FromWorker, transfer: Transferable[]) => void)(
        { type: "done", tables: packed, warnings, failed },
        packed.flatMap((p) => Object.values(p).map((b) => b.buffer as ArrayBuffer)),
      );
    } catch (err) {
      scope.postMessage({
        type: "error",
        message: err instanceof Error ? err.message : String(err),
      });
    }
  };
}

/** What one worker gave for a chunk of items. */
interface RunResult {
  parts: PackedTables[];
  warnings: Record<string, string[]>;
  skipped: Record<string, string>;
}

/**
 * The smallest chunk in one call of `AnalysisPool.analyse`, as a share of the items' text per
 * worker (see there).
 */
const SMALLEST_CHUNK = 1 / 16;

class PoolWorker {
  worker: Worker;
  #paths: ResourcePaths;
  /**
   * 1 + the index of the item the worker is analysing (0 before the first): shared memory the
   * worker writes and the time guard reads, instead of a message per article.
   */
  progress = new Int32Array(new SharedArrayBuffer(4));

  constructor(paths: ResourcePaths) {
    this.#paths = paths;
    const src = `import { serveAnalysisWorker } from ${
      JSON.stringify(import.meta.url)
    };\nserveAnalysisWorker();\n`;
    this.worker = new Worker(`data:application/javascript,${encodeURIComponent(src)}`, {
      type: "module",
      name: "analysis",
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
        if (e.data.type === "ready") resolve();
        else if (e.data.type === "error") reject(new Error(e.data.message));
      };
      this.worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      this.worker.postMessage(
        {
          type: "init",
          paths: this.#paths,
          progress: this.progress.buffer as SharedArrayBuffer,
        } satisfies ToWorker,
      );
    });
  }
}

/**
 * Worker threads that analyse articles. `analyse` splits the items among the workers; an article
 * on which a worker spends more than `articleTimeoutMs` is skipped and reported, and the worker
 * replaced.
 *
 * @example
 * ```ts
 * const pool = await AnalysisPool.start(2, { dataDir: "data" });
 * const { frames } = await pool.analyse(items);
 * pool.close();
 * ```
 */
export class AnalysisPool {
  #workers: PoolWorker[];
  #paths: ResourcePaths;
  #timeoutMs: number;

  private constructor(workers: PoolWorker[], paths: ResourcePaths, timeoutMs: number) {
    this.#workers = workers;
    this.#paths = paths;
    this.#timeoutMs = timeoutMs;
  }

  /** Starts `n` workers that load the data files at `paths`. */
  static async start(
    n: number,
    paths: ResourcePaths,
    articleTimeoutMs = 120_000,
  ): Promise<AnalysisPool> {
    const workers = Array.from({ length: Math.max(1, n) }, () => new PoolWorker(paths));
    await Promise.all(workers.map((w) => w.ready()));
    return new AnalysisPool(workers, paths, articleTimeoutMs);
  }

  /**
   * Analyses `items`, split among the workers; rows come back in the order of `items`. The items
   * are cut into contiguous chunks, each worker taking the next chunk when it is done: the first
   * chunks are large (a quarter of the text left, for two workers) and they shrink down to a
   * sixteenth of a worker's share, so that no worker waits long for another at the end.
   */
  async analyse(items: readonly WorkItem[]): Promise<WorkResult> {
    const n = this.#workers.length;
    const total = items.reduce((s, it) => s + it.text.length, 0);
    const smallest = Math.max(1, (total / n) * SMALLEST_CHUNK);
    const chunks: WorkItem[][] = [];
    let left = total;
    let chunk: WorkItem[] = [];
    let size = 0;
    let target = Math.max(smallest, left / (2 * n));
    for (const it of items) {
      if (chunk.length > 0 && size >= target) {
        chunks.push(chunk);
        chunk = [];
        size = 0;
        target = Math.max(smallest, left / (2 * n));
      }
      chunk.push(it);
      size += it.text.length;
      left -= it.text.length;
    }
    if (chunk.length > 0 || chunks.length === 0) chunks.push(chunk);
    const k = chunks.length;
    const results: RunResult[] = new Array(k);
    let taken = 0;
    const serve = async (i: number) => {
      while (taken < k) {
        const c = taken++;
        results[c] = await this.#run(i, chunks[c]);
      }
    };
    await Promise.all(Array.from({ length: n }, (_, i) => serve(i)));
    const warnings: Record<string, string[]> = {};
    const skipped: Record<string, string> = {};
    for (const r of results) {
      Object.assign(warnings, r.warnings);
      Object.assign(skipped, r.skipped);
    }
    return { frames: unpack(results.flatMap((r) => r.parts)), warnings, skipped };
  }

  /** Runs `items` on worker `i`, skipping an article that overruns and going on without it. */
  async #run(i: number, items: readonly WorkItem[]): Promise<RunResult> {
    const parts: PackedTables[] = [];
    const warnings: Record<string, string[]> = {};
    const skipped: Record<string, string> = {};
    let rest = [...items];
    while (rest.length) {
      const w = this.#workers[i];
      const outcome = await new Promise<
        { done: FromWorker & { type: "done" } } | { overrun: number }
      >((resolve, reject) => {
        // The guard looks at the worker's progress a few times per limit: an item on which the
        // worker stays longer than the limit is an overrun.
        Atomics.store(w.progress, 0, 0);
        let seen = 0;
        let since = performance.now();
        const timer = setInterval(() => {
          const now = Atomics.load(w.progress, 0);
          if (now !== seen) {
            seen = now;
            since = performance.now();
          } else if (performance.now() - since >= this.#timeoutMs) {
            clearInterval(timer);
            resolve({ overrun: now - 1 });
          }
        }, Math.max(10, Math.min(1000, this.#timeoutMs / 10)));
        w.worker.onmessage = (e: MessageEvent<FromWorker>) => {
          const m = e.data;
          if (m.type === "done") {
            clearInterval(timer);
            resolve({ done: m });
          } else if (m.type === "error") {
            clearInterval(timer);
            reject(new Error(m.message));
          }
        };
        w.worker.onerror = (e) => {
          e.preventDefault();
          clearInterval(timer);
          reject(new Error(e.message));
        };
        w.worker.postMessage({ type: "work", items: rest } satisfies ToWorker);
      });
      if ("done" in outcome) {
        for (const p of outcome.done.tables) parts.push(p);
        Object.assign(warnings, outcome.done.warnings);
        Object.assign(skipped, outcome.done.failed);
        break;
      }
      // The worker overran on one article: replace it, skip that article, redo the rest.
      const bad = Math.max(0, outcome.overrun);
      w.worker.terminate();
      const fresh = new PoolWorker(this.#paths);
      await fresh.ready();
      this.#workers[i] = fresh;
      const item = rest[bad];
      skipped[item.id] = `article ${item.id} (${item.file ?? item.id}) took longer than ` +
        `${seconds(this.#timeoutMs)} s to analyse and was skipped`;
      // Rows of the articles before it were lost with the worker: they are analysed again.
      rest = [...rest.slice(0, bad), ...rest.slice(bad + 1)];
    }
    return { parts, warnings, skipped };
  }

  /** Stops the workers. */
  close(): void {
    for (const w of this.#workers) w.worker.terminate();
  }
}
