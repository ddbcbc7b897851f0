/**
 * `deno task pipeline CORPUS.csv OUT_DIR [--store DIR] [--batch N] [--workers N]
 * [--article-timeout S] [--part-prefix P] [--overwrite]`
 *
 * Runs the whole analysis over a corpus too large for a notebook: a CSV with columns id, outlet,
 * published (YYYY-MM-DD or empty), text (title optional). It goes through the store
 * (`openCorpus`, default folder `.cache/store/<CSV name>` beside the CSV, or `--store DIR`): a
 * rerun analyses only new or edited rows and prints `store: analysed A of N articles (C cached,
 * R removed) in S s`. Every article is analysed on a worker thread under a time guard: an article that
 * takes longer than `--article-timeout` seconds (default 120) is skipped and named on stderr and
 * in run.json. Then it writes the per-article tables (articles, hits, attributions, mentions) as
 * parquet partitioned by outlet and month under OUT_DIR, the per-outlet table (`outlets.parquet`,
 * `outlets.csv`) and `run.json` (counts, the sha256 of the CSV and of every data file used, the
 * articles cleaning shrank by more than half, the skipped articles), reading the store a slice of
 * articles at a time.
 *
 * Output is written into a hidden staging folder beside OUT_DIR and renamed into place only when
 * the run succeeded; a failed run publishes nothing. `--overwrite` replaces only a folder the
 * pipeline wrote (its `.framing-lab-output` marker lists every entry); a folder holding the corpus,
 * the store or files the pipeline did not write is refused.
 *
 * @module
 */
import { type PipelineOptions, publishCorpus } from "../lib/store/pipeline.ts";

const USAGE = "usage: deno task pipeline CORPUS.csv OUT_DIR [--store DIR] [--batch N] " +
  "[--workers N] [--article-timeout SECONDS] [--part-prefix P] [--overwrite]";

/** Parsed command line of `deno task pipeline`: the options of {@linkcode publishCorpus} it sets. */
export type PipelineArgs =
  & Pick<
    PipelineOptions,
    "corpus" | "outDir" | "store" | "batchSize" | "workers" | "articleTimeoutMs" | "partPrefix"
  >
  & { overwrite: boolean };

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
  const a: Omit<PipelineArgs, "corpus" | "outDir"> = { overwrite: false };
  const count = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) {
      throw new Error(`${flag} needs a whole number >= ${min}, got ${v ?? "nothing"}\n${USAGE}`);
    }
    return n;
  };
  const text = (flag: string, v: string | undefined): string => {
    if (v === undefined || v === "" || v.startsWith("--")) {
      throw new Error(`${flag} needs a value, got ${v ?? "nothing"}\n${USAGE}`);
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--batch") a.batchSize = count(x, argv[++i], 1);
    else if (x === "--workers") a.workers = count(x, argv[++i], 0);
    else if (x === "--article-timeout") {
      const v = argv[++i];
      const s = Number(v);
      if (v === undefined || !(s > 0) || !Number.isFinite(s)) {
        throw new Error(`${x} needs a number of seconds > 0, got ${v ?? "nothing"}\n${USAGE}`);
      }
      a.articleTimeoutMs = Math.round(s * 1000);
    } else if (x === "--store") a.store = text(x, argv[++i]);
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

/** The first ten of `ids`, and "…" when there are more. */
function some(ids: readonly string[]): string {
  return ids.slice(0, 10).join(", ") + (ids.length > 10 ? ", …" : "");
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
    const r = await publishCorpus(args);
    const skipped = Object.keys(r.skipped);
    if (skipped.length) {
      for (const why of Object.values(r.skipped).slice(0, 10)) console.error(`warning: ${why}`);
      console.error(
        `warning: ${skipped.length} article(s) took longer than the time limit and are not in ` +
          `the output: ${some(skipped)} (run.json lists them; --article-timeout sets the limit)`,
      );
    }
    if (r.shrunk.length) {
      console.error(
        `warning: cleaning removed more than half the text of ${r.shrunk.length} article(s): ` +
          `${some(r.shrunk)} — check the cleaning rules that removed it (the articles table's ` +
          "shrunk column; run.json lists them all)",
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
