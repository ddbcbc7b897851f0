/**
 * The bench's `task report` step: the report (every notebook, headless) over a built store of the
 * bench's corpus, as a process of its own (`scripts/report.ts --corpus CSV --store DIR --force`),
 * with its wall time, the peak RSS of its largest process (the report's own, or a notebook's
 * kernel; from `/usr/bin/time -v`, which counts every waited-for descendant) and the peak of the
 * whole process tree's RSS (the report process, the notebook executor and its kernel together,
 * sampled from `/proc` every 200 ms).
 *
 * Run on its own: `deno run -A scripts/bench/report_step.ts --corpus CSV --store DIR [--out DIR]`
 * prints one JSON line.
 *
 * @module
 */

import { V8_FLAGS } from "../steps.ts";

const REPO = new URL("../../", import.meta.url).pathname;

/** What {@linkcode benchReportStep} measured. */
export interface ReportStepResult {
  /** Articles in the corpus (from the report's store line). */
  articles: number;
  wallMs: number;
  /** Peak RSS of the largest single process (kB; NaN without `/usr/bin/time`). */
  peakRssKb: number;
  /** Peak of the summed RSS of the report's process tree (kB, sampled). */
  treePeakRssKb: number;
  /** Seconds per notebook, as the report logged them. */
  notebooks: Record<string, number>;
}

/** Options of {@linkcode benchReportStep}. */
export interface ReportStepOptions {
  /** The corpus CSV the store was built from. */
  corpus: string;
  /** The built store folder. */
  store: string;
  /** Where the report is written (default a folder beside the store; removed afterwards). */
  out?: string;
  /** Keep the report (default false). */
  keep?: boolean;
}

/** RSS (kB) of `pid` and every process below it, summed. */
function treeRssKb(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    try {
      const status = Deno.readTextFileSync(`/proc/${e.name}/status`);
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const p = Number(e.name);
      rss.set(p, kb);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(p);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/**
 * Runs `task report` over a built store and measures it (see the module doc). Throws, with the
 * end of the report's output, when the report fails.
 *
 * @example
 * ```ts
 * const r = await benchReportStep({ corpus: "corpus.csv", store: ".cache/bench/store-1000" });
 * console.log(r.wallMs, r.peakRssKb);
 * ```
 */
export async function benchReportStep(opts: ReportStepOptions): Promise<ReportStepResult> {
  const out = opts.out ?? `${opts.store.replace(/\/+$/, "")}-report`;
  const cmd = [
    Deno.execPath(),
    "run",
    "-A",
    `--v8-flags=${V8_FLAGS}`,
    `${REPO}scripts/report.ts`,
    "--out",
    out,
    "--force",
    "--corpus",
    opts.corpus,
    "--store",
    opts.store,
  ];
  const timeV = await Deno.stat("/usr/bin/time").then(() => true, () => false);
  const argv = timeV ? ["/usr/bin/time", "-v", ...cmd] : cmd;
  const t0 = performance.now();
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: REPO,
    // As the report gives its notebooks (see GLIBC_MALLOC_ENV in scripts/report.ts).
    env: { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" },
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  let treePeak = 0;
  const timer = setInterval(() => {
    treePeak = Math.max(treePeak, treeRssKb(child.pid));
  }, 200);
  const [status, stdout, stderr] = await Promise.all([
    child.status,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]).finally(() => clearInterval(timer));
  const wallMs = performance.now() - t0;
  if (!status.success) {
    throw new Error(
      `task report over ${opts.store} failed (exit ${status.code}):\n` +
        `${stdout.slice(-1500)}\n${stderr.slice(-2500)}`,
    );
  }
  if (!opts.keep) await Deno.remove(out, { recursive: true }).catch(() => {});
  const text = `${stdout}\n${stderr}`;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const articles = Number(/store: analysed \d+ of (\d+) articles/.exec(text)?.[1] ?? NaN);
  const notebooks: Record<string, number> = {};
  for (const n of text.matchAll(/(\S+\.ipynb): \d+ code cells, ([\d.]+) s/g)) {
    notebooks[n[1]] = Number(n[2]);
  }
  return {
    articles,
    wallMs,
    peakRssKb: m ? Number(m[1]) : NaN,
    treePeakRssKb: treePeak,
    notebooks,
  };
}

const s = (ms: number) => (ms / 1000).toFixed(1);
const mb = (kb: number) => Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : "n/a";

/**
 * The bench's table of the report step, one row per size: report s, its ratio to the cold build,
 * the peak RSS of its largest process and of its process tree (target ≤ 2 GB), and per-notebook
 * seconds.
 *
 * @example
 * ```ts
 * console.log(reportStepTable([{ size: 1000, coldMs: 9000, report: r }]));
 * ```
 */
export function reportStepTable(
  rows: ReadonlyArray<{ size: number; coldMs: number; report: ReportStepResult }>,
): string {
  const head = [
    "articles",
    "task report s",
    "report ÷ cold",
    "peak RSS (largest process)",
    "peak RSS (process tree)",
    "≤ 2 GB",
    "notebooks s",
  ];
  const body = rows.map(({ size, coldMs, report: r }) => [
    size.toLocaleString("en"),
    s(r.wallMs),
    `${(r.wallMs / coldMs).toFixed(2)}×`,
    mb(r.peakRssKb),
    mb(r.treePeakRssKb),
    Math.max(r.peakRssKb, r.treePeakRssKb) <= 2 * 1024 * 1024 ? "met" : "MISSED",
    Object.entries(r.notebooks).map(([n, x]) => `${n.replace(/\.ipynb$/, "")} ${x.toFixed(1)}`)
      .join(", "),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  const line = (r: string[]) => `| ${r.map((c, j) => c.padEnd(widths[j])).join(" | ")} |`;
  return [
    line(head),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}

if (import.meta.main) {
  const arg = (f: string) => {
    const i = Deno.args.indexOf(f);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  };
  const corpus = arg("--corpus");
  const store = arg("--store");
  if (!corpus || !store) {
    console.error("usage: report_step.ts --corpus CSV --store DIR [--out DIR] [--keep]");
    Deno.exit(2);
  }
  const r = await benchReportStep({
    corpus,
    store,
    out: arg("--out"),
    keep: Deno.args.includes("--keep"),
  });
  console.log(JSON.stringify(r));
}
