/**
 * The floor of the framing benchmark: the least work any pipeline on this stack does to count the
 * lexicon's plain terms, which is ripgrep's job in `deno task bench`. It reads the corpus CSV the
 * way the framing tables do (`csvRanges` and `readCsvBatches` in lib/io/csv.ts, one byte range
 * per worker thread) and counts the matches of ONE compiled V8 regular expression: the plain terms
 * as a case-insensitive, word-bounded alternation. No voice, no word counts, no wildcards, no
 * exclusions, no tables. Whatever the real framing tables cost on top of this is the analysis;
 * this part no JavaScript implementation can skip.
 *
 * Run as a worker by `plainTermFloor`; not a library module.
 *
 * @module
 */
import { csvRanges, readCsvBatches } from "../../lib/io/csv.ts";

/** One worker's job: a byte range of the corpus and the terms. */
interface FloorJob {
  corpus: string;
  range: { start: number; end: number; header: string[] };
  terms: string[];
  batchSize: number;
}

/** What one worker found. */
interface FloorPart {
  articles: number;
  matches: number;
}

/** What {@link plainTermFloor} returns. */
export interface FloorResult {
  articles: number;
  /** Matches of the plain terms in the titles and texts. */
  matches: number;
  /** Wall time in this process, milliseconds. */
  wallMs: number;
}

/** The terms as one case-insensitive, word-bounded alternation (longest first). */
export function plainTermRegex(terms: readonly string[]): RegExp {
  const alts = [...terms].sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`\\b(?:${alts.join("|")})\\b`, "gi");
}

/** Counts the matches of `re` in the title and text of one byte range of the corpus. */
async function floorPart(job: FloorJob): Promise<FloorPart> {
  const re = plainTermRegex(job.terms);
  let articles = 0;
  let matches = 0;
  let ti = -1;
  let hi = -1;
  for await (
    const b of readCsvBatches(job.corpus, { batchSize: job.batchSize, range: job.range })
  ) {
    if (ti < 0) {
      ti = b.header.indexOf("text");
      hi = b.header.indexOf("title");
    }
    for (const row of b.rows) {
      for (const field of hi >= 0 ? [row[hi], row[ti]] : [row[ti]]) {
        re.lastIndex = 0;
        while (re.exec(field) !== null) matches++;
      }
    }
    articles += b.rows.length;
  }
  return { articles, matches };
}

/**
 * Reads the corpus in `workers` threads (0: on this thread) and counts the plain terms.
 *
 * @example
 * ```ts
 * const r = await plainTermFloor("corpus.csv", ["dictator", "regime"], 2);
 * r.matches;
 * ```
 */
export async function plainTermFloor(
  corpus: string,
  terms: readonly string[],
  workers: number,
  batchSize = 2000,
): Promise<FloorResult> {
  const t0 = performance.now();
  const { header, ranges } = await csvRanges(corpus, Math.max(1, workers));
  const jobs: FloorJob[] = ranges.map((r) => ({
    corpus,
    range: { ...r, header },
    terms: [...terms],
    batchSize,
  }));
  const parts = await Promise.all(jobs.map((job) => {
    if (workers <= 0) return floorPart(job);
    const w = new Worker(import.meta.url, { type: "module", name: "bench-floor" });
    return new Promise<FloorPart>((resolve, reject) => {
      w.onmessage = (e: MessageEvent<FloorPart | { error: string }>) => {
        w.terminate();
        if ("error" in e.data) reject(new Error(e.data.error));
        else resolve(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        w.terminate();
        reject(new Error(e.message));
      };
      w.postMessage(job);
    });
  }));
  return {
    articles: parts.reduce((a, p) => a + p.articles, 0),
    matches: parts.reduce((a, p) => a + p.matches, 0),
    wallMs: performance.now() - t0,
  };
}

// Inside a worker started by plainTermFloor: count one range, post the result.
const scope = globalThis as unknown as {
  name?: string;
  onmessage: ((e: MessageEvent<FloorJob>) => void) | null;
  postMessage: (m: FloorPart | { error: string }) => void;
};
if (scope.name === "bench-floor") {
  scope.onmessage = (e: MessageEvent<FloorJob>) => {
    floorPart(e.data).then(
      (p) => scope.postMessage(p),
      (err: Error) => scope.postMessage({ error: err.message }),
    );
  };
}
