/**
 * `deno task pipeline CORPUS.csv OUT_DIR [--batch N] [--workers N] [--part-prefix P] [--overwrite]`
 *
 * Runs the whole analysis over a corpus too large for a notebook: a CSV with columns id, outlet,
 * published (YYYY-MM-DD or empty), text (title optional), read in batches. Writes the per-article
 * tables (articles, hits, attributions, actors) as parquet partitioned by outlet and month under
 * OUT_DIR, the per-outlet table (`outlets.parquet`, `outlets.csv`) and `run.json` (counts and the
 * sha256 of every data file used). Memory depends on the batch size, not the corpus.
 *
 * Output is written into a hidden staging folder beside OUT_DIR and renamed into place only when
 * the run succeeded; a failed run publishes nothing. `--overwrite` replaces only a folder the
 * pipeline wrote (its `.framing-lab-output` marker lists every entry); a folder holding the corpus
 * or files the pipeline did not write is refused.
 *
 * @module
 */
import { runPipeline } from "../lib/store/batch.ts";

const USAGE =
  "usage: deno task pipeline CORPUS.csv OUT_DIR [--batch N] [--workers N] [--part-prefix P] [--overwrite]";

/** Parsed command line of `deno task pipeline`. */
export interface PipelineArgs {
  corpus: string;
  outDir: string;
  batchSize?: number;
  workers: number;
  partPrefix?: string;
  overwrite: boolean;
}

/**
 * Parses the command line; throws an Error with the usage on a bad one.
 *
 * @example
 * ```ts
 * parsePipelineArgs(["corpus.csv", "out", "--workers", "2"]).workers; // 2
 * ```
 */
export function parsePipelineArgs(argv: readonly string[]): PipelineArgs {
  const positional: string[] = [];
  const a: Omit<PipelineArgs, "corpus" | "outDir"> = {
    workers: navigator.hardwareConcurrency,
    overwrite: false,
  };
  const count = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) {
      throw new Error(`${flag} needs a whole number >= ${min}, got ${v ?? "nothing"}\n${USAGE}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--batch") a.batchSize = count(x, argv[++i], 1);
    else if (x === "--workers") a.workers = count(x, argv[++i], 0);
    else if (x === "--part-prefix") a.partPrefix = argv[++i] ?? "";
    else if (x === "--overwrite") a.overwrite = true;
    else if (x.startsWith("--")) throw new Error(`unknown option ${x}\n${USAGE}`);
    else positional.push(x);
  }
  if (positional.length !== 2) {
    throw new Error(`give a corpus CSV and an output folder\n${USAGE}`);
  }
  return { corpus: positional[0], outDir: positional[1], ...a };
}

if (import.meta.main) {
  let args: PipelineArgs;
  try {
    args = parsePipelineArgs(Deno.args);
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(2);
  }
  try {
    const t0 = performance.now();
    const r = await runPipeline({
      ...args,
      onBatch: (p) => console.error(`${p.articles.toLocaleString("en")} articles`),
    });
    if (r.shrunk.length) {
      console.error(
        `warning: cleaning removed more than half the text of ${r.shrunk.length} article(s): ` +
          `${r.shrunk.slice(0, 10).join(", ")}${r.shrunk.length > 10 ? ", …" : ""} — check the ` +
          "cleaning rules that removed it (the articles table's shrunk column; run.json lists them all)",
      );
    }
    for (const [name, t] of Object.entries(r.tables)) {
      console.log(`${name}: ${t.rows} rows in ${t.files} parquet files`);
    }
    console.log(
      `${r.articles} articles in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s -> ${args.outDir}`,
    );
  } catch (e) {
    console.error(`pipeline failed: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
