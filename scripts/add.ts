/**
 * `deno task add PATH… [--outlet NAME] [--data DIR] [--copy-threshold X] [--batch N]`: adds
 * plain text files (.txt), saved web pages (.html/.htm) and media-monitoring exports
 * (.csv/.jsonl) to the corpus, one line per input: `added <id> (<outlet>, <n> words)`,
 * `copy of <id> (...)`, or `skipped <path>: <why>`; warnings start with `warning:`.
 * Exit status 0 when every input was read (skipped inputs included), 2 for bad arguments, 1 for a
 * broken manifest, rules file or column table (nothing is written then).
 *
 * @module
 */
import { addArticles, formatOutcome } from "../lib/ingest/mod.ts";
import { CorpusError } from "../lib/io/csv.ts";

const USAGE = "usage: deno task add PATH… [--outlet NAME] [--data DIR] [--copy-threshold X] " +
  "[--batch N]";

/** Parsed command line of `task add`. */
export interface AddArgs {
  paths: string[];
  outlet: string | null;
  dataDir: string;
  copyThreshold: number | undefined;
  batch: number | undefined;
}

/**
 * Parses `task add` arguments; throws an Error with the usage on a bad one.
 *
 * @example
 * ```ts
 * parseAddArgs(["a.html", "--outlet", "Daily Post"]).outlet; // "Daily Post"
 * ```
 */
export function parseAddArgs(args: readonly string[]): AddArgs {
  const out: AddArgs = {
    paths: [],
    outlet: null,
    dataDir: "data",
    copyThreshold: undefined,
    batch: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--outlet") out.outlet = value().trim() || null;
    else if (a === "--data") out.dataDir = value();
    else if (a === "--copy-threshold") {
      const v = Number(value());
      if (!(v > 0 && v <= 1)) throw new Error(`--copy-threshold must be in (0, 1]\n${USAGE}`);
      out.copyThreshold = v;
    } else if (a === "--batch") {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new Error(`--batch must be a whole number ≥ 1`);
      out.batch = v;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else out.paths.push(a);
  }
  if (out.paths.length === 0) throw new Error(`no input given\n${USAGE}`);
  return out;
}

if (import.meta.main) {
  let args: AddArgs;
  try {
    args = parseAddArgs(Deno.args);
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(2);
  }
  try {
    const r = await addArticles(args.paths, {
      dataDir: args.dataDir,
      outlet: args.outlet,
      copyThreshold: args.copyThreshold,
      batch: args.batch,
      onOutcome: (o) => {
        for (const w of o.warnings) console.log(`warning: ${w}`);
        console.log(formatOutcome(o));
      },
    });
    const n = (k: string) => r.outcomes.filter((o) => o.kind === k).length;
    const near = r.outcomes.filter((o) => o.kind === "added" && o.copy_of !== null).length;
    console.log(
      `${n("added")} added (${near} near copies linked), ${n("copy")} copies not added, ` +
        `${n("skipped")} skipped` + (r.rows.length === 0 ? "; the manifest is unchanged" : ""),
    );
    if (r.indexed > 0) {
      console.log(
        `copy index: ${r.indexed} articles of the corpus cleaned and indexed (kept in ` +
          `.cache/copies/ for the next run)`,
      );
    }
  } catch (e) {
    if (e instanceof CorpusError) {
      console.error(`error: ${e.message}`);
      Deno.exit(1);
    }
    throw e;
  }
}
