/**
 * The exports step of `deno task bench` (`--exports-only` runs only it): the bench's generated
 * corpus written as a folder of one `.txt` file per article, ripgrep over that folder (the
 * lexicon's plain terms, as the bench's other rg reference) as the reference, then
 * `deno task hits FOLDER` and `deno task attributions FOLDER` run one after the other as a user
 * runs them (subprocesses, JSONL to a file, a new store beside the folder), each timed with its
 * peak RSS, and their sum as a ratio to ripgrep. The second export should reuse the first's
 * analysis: its store line says `analysed 0 of N`.
 *
 * @module
 */
import { join } from "node:path";
import { folderCorpusFromCsv } from "./add_pages.ts";

const REPO = new URL("../../", import.meta.url).pathname;

/** One timed subprocess. */
export interface TimedRun {
  seconds: number;
  /** Peak RSS of the largest process of the run (from `/usr/bin/time -v`), or NaN. */
  peakRssKb: number;
  /** User + system CPU seconds of the run and its children (from `/usr/bin/time -v`), or NaN. */
  cpuSeconds: number;
}

/** One export as run: its time and what its store line and summary said. */
export interface ExportRun extends TimedRun {
  /** The store line (`store: analysed A of N articles …`), or "" if none was printed. */
  storeLine: string;
  /** Articles the store analysed in this run (from the store line), or NaN. */
  analysed: number;
  /** JSONL lines written to stdout. */
  lines: number;
}

/** Result of {@linkcode exportsStep}. */
export interface ExportsResult {
  articles: number;
  /** Size of the folder's `.txt` files, MB. */
  mb: number;
  /** Seconds spent writing the folder (not part of the comparison). */
  folderSeconds: number;
  /** ripgrep over the folder (best of two runs), or null without ripgrep. */
  rg: TimedRun | null;
  hits: ExportRun;
  attributions: ExportRun;
}

/** Options of {@linkcode exportsStep}. */
export interface ExportsOptions {
  /** A corpus CSV of the bench (columns id, outlet, published, title, text). */
  corpus: string;
  /** Folder to write the article folder and its store in (removed first, and after unless `keep`). */
  workDir: string;
  /** ripgrep's path, or null to leave the reference out. */
  rg: string | null;
  /** The plain lexicon terms, one a line (the file the bench's other rg reference reads). */
  termsFile: string | null;
  /** Keep the folder, its store and the JSONL files. */
  keep?: boolean;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** The data folder whose files `folderCorpusFromCsv` copies (default the repository's `data/`). */
  sourceData?: string;
}

const STORE_LINE = /^store: analysed (\d+) of (\d+) articles.*$/m;

/**
 * What `/usr/bin/time -v` says about a run: peak RSS (KB) and user + system CPU seconds.
 *
 * @example
 * ```ts
 * timeVerbose("User time (seconds): 1.5\nSystem time (seconds): 0.5\n" +
 *   "Maximum resident set size (kbytes): 2048\n"); // { peakRssKb: 2048, cpuSeconds: 2 }
 * ```
 */
export function timeVerbose(stderr: string): { peakRssKb: number; cpuSeconds: number } {
  const num = (re: RegExp) => {
    const m = re.exec(stderr);
    return m ? Number(m[1]) : NaN;
  };
  return {
    peakRssKb: num(/Maximum resident set size \(kbytes\): (\d+)/),
    cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
  };
}

/**
 * The store line of an export's stderr and the number of articles it analysed (NaN if none).
 *
 * @example
 * ```ts
 * storeLineOf("x\nstore: analysed 0 of 5 articles (5 cached, 0 removed) in 0.1 s\n").analysed; // 0
 * ```
 */
export function storeLineOf(stderr: string): { line: string; analysed: number } {
  const m = STORE_LINE.exec(stderr);
  return m ? { line: m[0], analysed: Number(m[1]) } : { line: "", analysed: NaN };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Runs `cmd` (under `/usr/bin/time -v` when there) with stdout to `stdoutFile` (or dropped). */
async function timed(
  cmd: string[],
  stdoutFile: string | null,
  okCodes: readonly number[] = [0],
): Promise<TimedRun & { stderr: string }> {
  const argv = (await exists("/usr/bin/time")) ? ["/usr/bin/time", "-v", ...cmd] : cmd;
  const out = stdoutFile === null
    ? null
    : await Deno.open(stdoutFile, { write: true, create: true, truncate: true });
  const t0 = performance.now();
  try {
    const child = new Deno.Command(argv[0], {
      args: argv.slice(1),
      cwd: REPO,
      stdin: "null",
      stdout: out === null ? "null" : "piped",
      stderr: "piped",
    }).spawn();
    const copied = out === null ? Promise.resolve() : child.stdout.pipeTo(out.writable);
    const [status, stderrBytes] = await Promise.all([
      child.status,
      new Response(child.stderr).arrayBuffer(),
      copied,
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const stderr = new TextDecoder().decode(stderrBytes);
    if (!okCodes.includes(status.code)) {
      throw new Error(`${cmd.join(" ")} failed (exit ${status.code}):\n${stderr.slice(-2000)}`);
    }
    return { seconds, ...timeVerbose(stderr), stderr };
  } finally {
    try {
      out?.close(); // closed by pipeTo when it ran
    } catch { /* already closed */ }
  }
}

/** Lines in a file (counted in chunks, so a large JSONL is not held in memory). */
async function countLines(path: string): Promise<number> {
  let n = 0;
  const f = await Deno.open(path);
  for await (const chunk of f.readable) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

/**
 * Writes the corpus as a folder of `.txt` files under `workDir`, runs ripgrep over it, then
 * `deno task hits` and `deno task attributions` on it (a new store), and returns the timings.
 *
 * @example
 * ```ts
 * const r = await exportsStep({ corpus: c.path, workDir: ".cache/bench/exports-10000",
 *   rg: "/usr/bin/rg", termsFile: ".cache/bench/terms-lexicon.txt" });
 * r.hits.seconds + r.attributions.seconds;
 * ```
 */
export async function exportsStep(o: ExportsOptions): Promise<ExportsResult> {
  const log = o.log ?? ((l: string) => console.error(l));
  await Deno.remove(o.workDir, { recursive: true }).catch(() => {});
  const data = join(o.workDir, "data");
  const folder = join(data, "articles");
  try {
    const f0 = performance.now();
    const articles = await folderCorpusFromCsv(o.corpus, data, o.sourceData);
    // Only the .txt files: the manifest and the data files folderCorpusFromCsv writes go.
    for await (const e of Deno.readDir(data)) {
      if (e.isFile) await Deno.remove(join(data, e.name));
    }
    const folderSeconds = (performance.now() - f0) / 1000;
    let bytes = 0;
    for await (const e of Deno.readDir(folder)) {
      bytes += (await Deno.stat(join(folder, e.name))).size;
    }
    log(
      `  exports: folder of ${articles.toLocaleString("en")} .txt files ` +
        `(${(bytes / 1e6).toFixed(1)} MB) written in ${folderSeconds.toFixed(2)} s`,
    );
    let rg: TimedRun | null = null;
    if (o.rg && o.termsFile) {
      const cmd = [o.rg, "-c", "-i", "-w", "-F", "-f", o.termsFile, folder];
      await timed(cmd, null, [0, 1]); // warms the page cache
      for (let i = 0; i < 2; i++) {
        const r = await timed(cmd, null, [0, 1]);
        if (rg === null || r.seconds < rg.seconds) {
          rg = { seconds: r.seconds, peakRssKb: r.peakRssKb, cpuSeconds: r.cpuSeconds };
        }
      }
      log(`  exports: rg over the folder ${rg!.seconds.toFixed(2)} s`);
    }
    const deno = Deno.execPath();
    const exportRun = async (task: "hits" | "attributions"): Promise<ExportRun> => {
      const jsonl = join(o.workDir, `${task}.jsonl`);
      const r = await timed([deno, "task", "--quiet", task, folder], jsonl);
      const store = storeLineOf(r.stderr);
      const lines = await countLines(jsonl);
      log(
        `  exports: task ${task} ${r.seconds.toFixed(2)} s, ${lines.toLocaleString("en")} lines; ` +
          (store.line || "no store line"),
      );
      return {
        seconds: r.seconds,
        peakRssKb: r.peakRssKb,
        cpuSeconds: r.cpuSeconds,
        storeLine: store.line,
        analysed: store.analysed,
        lines,
      };
    };
    const hits = await exportRun("hits");
    const attributions = await exportRun("attributions");
    return { articles, mb: bytes / 1e6, folderSeconds, rg, hits, attributions };
  } finally {
    if (!o.keep) await Deno.remove(o.workDir, { recursive: true }).catch(() => {});
  }
}

/**
 * The exports step's table (markdown) and the target line: hits then attributions within 25×
 * ripgrep over the same files, the second export analysing no article again.
 *
 * @example
 * ```ts
 * console.log(exportsReport([result]));
 * ```
 */
export function exportsReport(results: readonly ExportsResult[]): string {
  const sec = (x: number) => x.toFixed(2);
  const mb = (kb: number) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : "n/a");
  const rows = [[
    "articles",
    "MB",
    "rg s",
    "task hits s",
    "hits RSS",
    "task attributions s",
    "attributions RSS",
    "sum s",
    "sum ÷ rg",
    "sum CPU s",
    "rg CPU s",
    "CPU ÷ rg CPU",
    "2nd analysed",
  ]];
  for (const r of results) {
    const sum = r.hits.seconds + r.attributions.seconds;
    const cpu = r.hits.cpuSeconds + r.attributions.cpuSeconds;
    rows.push([
      r.articles.toLocaleString("en"),
      r.mb.toFixed(1),
      r.rg ? sec(r.rg.seconds) : "n/a",
      sec(r.hits.seconds),
      mb(r.hits.peakRssKb),
      sec(r.attributions.seconds),
      mb(r.attributions.peakRssKb),
      sec(sum),
      r.rg ? `${(sum / r.rg.seconds).toFixed(1)}×` : "n/a",
      sec(cpu),
      r.rg ? sec(r.rg.cpuSeconds) : "n/a",
      r.rg && r.rg.cpuSeconds > 0 ? `${(cpu / r.rg.cpuSeconds).toFixed(1)}×` : "n/a",
      `${r.attributions.analysed} of ${r.articles}`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  const out = [
    "\n## Exports over a folder of .txt files (task hits, then task attributions)\n",
    line(rows[0]),
    "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|",
    ...rows.slice(1).map(line),
    "",
    "Each export is `deno task hits|attributions FOLDER > file.jsonl` in a subprocess (Deno " +
    "start-up, the store update and the JSONL written), on a new store; rg is ripgrep over the " +
    "same files with the lexicon's plain terms (best of two). Peak RSS and CPU (user + system, " +
    "all threads) from /usr/bin/time -v: on a shared machine wall times stretch with the load, " +
    "CPU times much less.",
  ];
  for (const r of results) {
    const sum = r.hits.seconds + r.attributions.seconds;
    const ok = r.rg ? sum <= 25 * r.rg.seconds : null;
    out.push(
      `- [${ok === null ? "n/a" : ok ? "met" : "MISSED"}] ${r.articles.toLocaleString("en")}: ` +
        `hits + attributions within 25× ripgrep: ${
          r.rg ? `${(sum / r.rg.seconds).toFixed(1)}×` : "n/a"
        }; the second export reuses the first's analysis: ${
          r.attributions.analysed === 0 ? "yes" : "NO"
        } (${r.attributions.storeLine || "no store line"})`,
    );
  }
  return out.join("\n");
}
