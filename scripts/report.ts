/**
 * `deno task report [--out DIR] [--only NAME] [--notebooks DIR] [--corpus CSV --store DIR]`:
 * executes every notebook in
 * `notebooks/` in order with the Deno kernel and writes the report: the
 * executed notebooks, one self-contained HTML page each, and `index.html`.
 *
 * The report is built in a staging folder and swapped in whole, so a failed
 * run leaves the previous report untouched. A failing cell, or a cell that
 * calls a display function but shows nothing, makes the command exit 1,
 * naming the notebook and the cell.
 *
 * Interrupted (SIGINT, SIGTERM), it stops the notebook executor and its kernel and removes its
 * staging folder; staging folders that a killed run (SIGKILL) left are removed by the next run
 * (only those whose process is gone), and the executor stops its kernel when its parent dies.
 *
 * `--corpus` and `--store` (or `$FRAMING_LAB_CORPUS` and `$FRAMING_LAB_STORE`) point the report,
 * and the notebooks' `openCorpus()`, at a corpus CSV and its store folder: the bench runs the
 * report over its 100,000-article store so. The report reads only the columns it needs, lazily
 * from the store, so its memory stays bounded at that size.
 *
 * @module
 */
import { ROOT, setupNotebooks } from "./setup.ts";
import { openCorpus, type StoredCorpus } from "../lib/store/store.ts";
import { readReports, recordReport, type ReportRecord } from "../lib/store/history.ts";
import {
  HEADLINE_COLUMNS,
  headlineChanges,
  headlineMeasuresOfStore,
  type HeadlineRow,
} from "../lib/measures/headline.ts";
import { CORPUS_ENV, scanTables, STORE_ENV } from "../lib/tables/corpus.ts";
import { changesSection } from "../lib/present/changes.ts";
import { sha256Hex } from "../lib/io/hash.ts";
import { defaultDataDir } from "../lib/resources/data_dir.ts";
import { clearStaleStaging, isTerminating, onTerminate } from "../lib/io/staging.ts";
import {
  dataFileHashes,
  executedNotebookProblems,
  indexPage,
  type Notebook,
  notebookTitle,
  type ReportEntry,
  stripExternalResources,
} from "./notebooks.ts";
import { readVegaScripts, withInteractiveCharts } from "./nbconvert/interactive.ts";
import { detail, step, V8_FLAGS } from "./steps.ts";

/** Options of {@link buildReport}. */
export interface ReportOptions {
  out: string;
  only?: string;
  /** Folder of notebooks to run (default: the project's `notebooks/`). */
  notebooksDir?: string;
  log?: (line: string) => void;
  /** Execute the notebooks even when nothing changed since the last report (default false). */
  force?: boolean;
  /** The corpus and data folder (default `$FRAMING_LAB_DATA`, else the project's `data/`). */
  dataDir?: string;
  /** A corpus CSV instead of the data folder's corpus (default `$FRAMING_LAB_CORPUS`). */
  corpus?: string;
  /** The store folder (default `$FRAMING_LAB_STORE`, else the store beside the corpus). */
  store?: string;
}

/** Thrown when a notebook fails; names the notebook and cell. */
export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookError";
  }
}

async function listNotebooks(dir: string, only?: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".ipynb") && !e.name.startsWith(".")) names.push(e.name);
  }
  names.sort();
  return only ? names.filter((n) => n.includes(only)) : names;
}

/**
 * glibc malloc settings for processes that run polars over a large corpus: at most two arenas,
 * and buffers of 128 KiB or more mapped (and unmapped when freed) rather than kept in an arena.
 * Without them a notebook's kernel over 100,000 articles held about twice the memory it used.
 */
export const GLIBC_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: "2",
  MALLOC_MMAP_THRESHOLD_: "131072",
};

/** The notebook executors running now (each starts a kernel), stopped on SIGINT/SIGTERM. */
const running = new Set<Deno.ChildProcess>();

async function executeNotebook(
  notebooksDir: string,
  python: string,
  jupyterPath: string,
  name: string,
  dst: string,
  log: (line: string) => void,
  dataDir?: string,
  corpusEnv: Record<string, string> = {},
): Promise<void> {
  const child = new Deno.Command(python, {
    args: [`${ROOT}/scripts/execute_notebook.py`, `${notebooksDir}/${name}`, dst],
    env: {
      JUPYTER_PATH: jupyterPath,
      // glibc keeps the large buffers polars frees in its per-thread arenas (the kernel's RSS
      // then only grows): fewer arenas, and large buffers mapped so that freeing returns them.
      ...GLIBC_MALLOC_ENV,
      NO_COLOR: "1",
      PYDEVD_DISABLE_FILE_VALIDATION: "1",
      // The notebooks open the corpus at their default data folder: the report's.
      ...(dataDir ? { FRAMING_LAB_DATA: dataDir } : {}),
      // … and at the report's corpus CSV and store, when it has them.
      ...corpusEnv,
    },
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  running.add(child);
  child.status.finally(() => running.delete(child));
  let errorLine = "";
  const stderrText = new Response(child.stderr).text();
  const decoder = new TextDecoderStream();
  let buffer = "";
  for await (const chunk of child.stdout.pipeThrough(decoder)) {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        const ev = JSON.parse(line);
        if (ev.event === "cell") {
          log(`  ${name}: cell ${ev.cell + 1} (code cell ${ev.code_cell}/${ev.code_cells})`);
        }
        if (ev.event === "error") {
          errorLine = ev.cell === null
            ? `${name}: ${ev.ename}: ${ev.evalue}`
            : `${name} cell ${ev.cell + 1}: ${ev.ename}: ${ev.evalue}`;
        }
      } catch {
        log(`  ${line}`);
      }
    }
  }
  const status = await child.status;
  const stderr = await stderrText;
  if (status.code !== 0) {
    throw new NotebookError(
      `notebook failed: ${errorLine || `${name}: executor exited ${status.code}`}\n` +
        stderr.split("\n").filter((l) => /error|Error|Traceback/.test(l)).slice(-10).join("\n"),
    );
  }
}

async function exportHtml(
  python: string,
  executed: string,
  outDir: string,
  vegaScripts: readonly string[],
): Promise<string> {
  const name = executed.split("/").pop()!.replace(/\.ipynb$/, "");
  const out = await new Deno.Command(python, {
    args: [
      "-m",
      "nbconvert",
      "--to",
      "html",
      // Our template: SVG charts as <img> (the stock one strips SVG elements) with their Vega-Lite
      // spec for the interactive copy, cell tags (hide-input, remove-cell), no require.js/MathJax.
      `--TemplateExporter.extra_template_basedirs=${ROOT}/scripts/nbconvert`,
      "--template",
      "offline",
      "--output-dir",
      outDir,
      "--output",
      name,
      executed,
    ],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  if (out.code !== 0) {
    throw new Error(`HTML export of ${executed} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  const path = `${outDir}/${name}.html`;
  const page = stripExternalResources(await Deno.readTextFile(path));
  await Deno.writeTextFile(path, withInteractiveCharts(page, vegaScripts));
  return `${name}.html`;
}

async function removeIfExists(path: string): Promise<void> {
  try {
    await Deno.remove(path, { recursive: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/**
 * Removes the staging and old-report folders (`<out>.staging-<pid>`, `<out>.old-<pid>`) that
 * killed runs left beside `out`, when their process is gone; returns the removed paths.
 *
 * @example
 * ```ts
 * await clearStaleReports("reports"); // ["/repo/reports.staging-4242"]
 * ```
 */
export async function clearStaleReports(out: string): Promise<string[]> {
  const abs = out.startsWith("/") ? out : `${Deno.cwd()}/${out}`;
  const slash = abs.replace(/\/+$/, "").lastIndexOf("/");
  const parent = abs.slice(0, slash) || "/";
  const base = abs.replace(/\/+$/, "").slice(slash + 1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return await clearStaleStaging(parent, new RegExp(`^${base}\\.(?:staging|old)-(\\d+)$`));
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Every file under `dir` whose name ends in one of `ends`, sorted (hidden folders skipped). */
async function filesUnder(dir: string, ends: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      if (e.name.startsWith(".") || e.name === "node_modules" || e.name === "testdata") continue;
      const p = `${d}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (ends.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * sha256 of everything a report is made from: every article's content and the stage keys (so
 * the data files and analysis version), the data files, the notebooks and the code.
 */
async function reportFingerprint(
  corpus: StoredCorpus,
  dataHashes: Record<string, string>,
  notebooksDir: string,
  notebooks: readonly string[],
): Promise<string> {
  // The listing columns only (small at any size; the articles table holds every body).
  const listing = corpus.listing.select("id", "outlet", "published", "sha256");
  const parts: string[] = [
    String(listing.writeCSV()),
    JSON.stringify(corpus.resources.stageKeys),
    JSON.stringify(dataHashes),
  ];
  const files = [
    ...notebooks.map((n) => `${notebooksDir}/${n}`),
    ...await filesUnder(`${ROOT}/lib`, [".ts"]),
    ...await filesUnder(`${ROOT}/scripts`, [".ts", ".py", ".j2", ".json"]),
    `${ROOT}/deno.json`,
  ];
  for (const f of files) parts.push(`${f}\n${await sha256Hex(await Deno.readFile(f))}`);
  return await sha256Hex(new TextEncoder().encode(parts.join("\n")));
}

/** The columns of the tables the headline measures read ({@linkcode headlineMeasuresOfStore}). */
function headlineTables(corpus: StoredCorpus) {
  // counts and shares: row order does not matter
  return scanTables(corpus, HEADLINE_COLUMNS, { ordered: false });
}

/** What the report takes from the corpus before it runs the notebooks. */
interface ReportInputs {
  storeDir: string;
  fingerprint: string;
  /** The last report of this output folder, if any. */
  last: ReportRecord | null;
  /** The headline measures; null when the report is up to date (nothing to execute). */
  measures: HeadlineRow[] | null;
}

/** Brings the store up to date (printing its line with `log`) and takes the report's inputs. */
async function reportInputs(
  opts: ReportOptions,
  notebooksDir: string,
  log: (line: string) => void,
): Promise<ReportInputs> {
  const notebooks = await listNotebooks(notebooksDir, opts.only);
  const out0 = opts.out.replace(/\/$/, "");
  const dataHashes = await dataFileHashes(opts.dataDir ?? defaultDataDir());
  const corpus = await openCorpus({
    log,
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.corpus ? { corpus: opts.corpus } : {}),
    ...(opts.store ? { store: opts.store } : {}),
  });
  const fingerprint = await reportFingerprint(corpus, dataHashes, notebooksDir, notebooks);
  const history = (await readReports(corpus.store.dir)).filter((r) => r.out === out0);
  const last = history.at(-1) ?? null;
  const upToDate = !opts.force && last?.fingerprint === fingerprint &&
    await exists(`${out0}/index.html`);
  const measures = upToDate ? null : headlineMeasuresOfStore({
    ...headlineTables(corpus),
    scan: (t) => corpus.scan(t),
    resources: corpus.resources,
  });
  return { storeDir: corpus.store.dir, fingerprint, last, measures };
}

/**
 * {@linkcode reportInputs} in a process of its own (`report.ts --inputs`): what it logs is passed
 * to `log`, its error is thrown.
 */
async function reportInputsApart(
  opts: ReportOptions,
  notebooksDir: string,
  log: (line: string) => void,
): Promise<ReportInputs> {
  const args = [
    "run",
    "-A",
    `--v8-flags=${V8_FLAGS}`,
    new URL(import.meta.url).pathname,
    "--inputs",
    "--out",
    opts.out,
    "--notebooks",
    notebooksDir,
    ...(opts.only ? ["--only", opts.only] : []),
    ...(opts.force ? ["--force"] : []),
    ...(opts.dataDir ? ["--data", opts.dataDir] : []),
    ...(opts.corpus ? ["--corpus", opts.corpus] : []),
    ...(opts.store ? ["--store", opts.store] : []),
  ];
  const child = new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" });
  const out = await child.output();
  const dec = new TextDecoder();
  const lines = dec.decode(out.stderr).split("\n").filter((l) => l !== "");
  if (!out.success) {
    const failed = lines.find((l) => l.startsWith(INPUTS_FAILED));
    throw new Error(failed ? failed.slice(INPUTS_FAILED.length) : lines.join("\n"));
  }
  for (const l of lines) log(l);
  return JSON.parse(dec.decode(out.stdout).trim().split("\n").at(-1)!) as ReportInputs;
}

/** How `report.ts --inputs` says it failed (then the error message). */
const INPUTS_FAILED = "report inputs failed: ";

/**
 * Executes the notebooks and writes the report to `opts.out`; returns the index path.
 *
 * @example
 * ```ts
 * const index = await buildReport({ out: "reports" });
 * ```
 */
export async function buildReport(opts: ReportOptions): Promise<string> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const { python, jupyterPath } = await setupNotebooks();
  const notebooksDir = opts.notebooksDir ?? `${ROOT}/notebooks`;
  const notebooks = await listNotebooks(notebooksDir, opts.only);
  if (notebooks.length === 0) throw new Error(`no notebooks found in ${notebooksDir}`);
  // Bring the store up to date once (printing its line), so that the notebooks only read it.
  const corpusEnv: Record<string, string> = {
    ...(opts.corpus ? { [CORPUS_ENV]: opts.corpus } : {}),
    ...(opts.store ? { [STORE_ENV]: opts.store } : {}),
  };
  const out0 = opts.out.replace(/\/$/, "");
  const dataHashes = await dataFileHashes(opts.dataDir ?? defaultDataDir());
  // What the report needs of the corpus, taken in a process of its own: the memory of the store's
  // tables goes with it before the notebooks run (each in a kernel that opens the store again).
  const { storeDir, fingerprint, last, measures } = await reportInputsApart(
    opts,
    notebooksDir,
    log,
  );
  if (measures === null) {
    log(
      `report: up to date — nothing changed since the report of ${last!.date} (articles, data ` +
        "files, notebooks, code); nothing executed (--force runs it anyway)",
    );
    return `${out0}/index.html`;
  }
  const vegaScripts = await readVegaScripts(`${ROOT}/node_modules`);
  const out = opts.out.replace(/\/$/, "");
  for (const p of await clearStaleReports(out)) log(`removed ${p}, left by a killed run`);
  const staging = `${out}.staging-${Deno.pid}`;
  await removeIfExists(staging);
  await Deno.mkdir(staging, { recursive: true });
  const off = onTerminate(async () => {
    log("interrupted: stopping the notebook kernel and removing the staging folder");
    for (const child of running) {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
    }
    await Promise.race([
      Promise.all([...running].map((c) => c.status)),
      new Promise((r) => setTimeout(r, 10_000)),
    ]);
    await removeIfExists(staging);
  });
  try {
    const entries: ReportEntry[] = [];
    for (const [i, name] of notebooks.entries()) {
      log(`[${i + 1}/${notebooks.length}] running ${name}…`);
      const t0 = performance.now();
      const executed = `${staging}/${name}`;
      const execute = () =>
        executeNotebook(
          notebooksDir,
          python,
          jupyterPath,
          name,
          executed,
          log,
          opts.dataDir,
          corpusEnv,
        );
      await execute();
      let nb: Notebook = JSON.parse(await Deno.readTextFile(executed));
      let problems = executedNotebookProblems(nb);
      if (problems.length && problems.every((p) => p.lostOutput)) {
        // The kernel/nbclient race (STACK.md) can still drop an output now and then: say so and
        // run the notebook once more; a second loss fails the report.
        log(`  ${name}: ${problems.map((p) => p.message).join("; ")}; running it once more`);
        await execute();
        nb = JSON.parse(await Deno.readTextFile(executed));
        problems = executedNotebookProblems(nb);
      }
      if (problems.length) {
        throw new NotebookError(
          `notebook ${name}:\n${problems.map((p) => `  ${p.message}`).join("\n")}`,
        );
      }
      const html = await exportHtml(python, executed, staging, vegaScripts);
      const seconds = (performance.now() - t0) / 1000;
      const codeCells = nb.cells.filter((c) => c.cell_type === "code").length;
      entries.push({ file: name, html, title: notebookTitle(nb, name), codeCells, seconds });
      log(`  ${name}: ${codeCells} code cells, ${seconds.toFixed(1)} s`);
    }
    await Deno.writeTextFile(
      `${staging}/index.html`,
      indexPage(
        entries,
        dataHashes,
        undefined,
        changesSection({
          date: last?.date ?? null,
          changes: headlineChanges(last?.measures ?? [], measures),
          before: last?.measures ?? [],
          after: measures,
        }),
      ),
    );
    const old = `${out}.old-${Deno.pid}`;
    let hadOld = true;
    try {
      await Deno.rename(out, old);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      hadOld = false;
    }
    await Deno.rename(staging, out);
    if (hadOld) await removeIfExists(old);
    await recordReport(storeDir, {
      date: new Date().toISOString(),
      fingerprint,
      measures,
      out: out0,
    });
  } catch (e) {
    await removeIfExists(staging);
    throw e;
  } finally {
    off();
  }
  return `${out}/index.html`;
}

if (import.meta.main && Deno.args.includes("--inputs")) {
  // The report's inputs, as a process of its own (see reportInputsApart).
  const args = Deno.args;
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    const inputs = await reportInputs(
      {
        out: value("--out")!,
        only: value("--only"),
        force: args.includes("--force"),
        dataDir: value("--data"),
        corpus: value("--corpus"),
        store: value("--store"),
      },
      value("--notebooks")!,
      (line) => console.error(line),
    );
    console.log(JSON.stringify(inputs));
  } catch (e) {
    console.error(`${INPUTS_FAILED}${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
} else if (import.meta.main) {
  const args = Deno.args;
  const outArg = args.indexOf("--out");
  const onlyArg = args.indexOf("--only");
  const nbArg = args.indexOf("--notebooks");
  const corpusArg = args.indexOf("--corpus");
  const storeArg = args.indexOf("--store");
  const out = outArg >= 0 ? args[outArg + 1] : `${ROOT}/reports`;
  try {
    const index = await buildReport({
      out,
      only: onlyArg >= 0 ? args[onlyArg + 1] : undefined,
      notebooksDir: nbArg >= 0 ? args[nbArg + 1] : undefined,
      force: args.includes("--force"),
      corpus: corpusArg >= 0 ? args[corpusArg + 1] : undefined,
      store: storeArg >= 0 ? args[storeArg + 1] : undefined,
      // One line per notebook on the terminal; cell progress and details in the task's log.
      log: (line) => line.startsWith(" ") ? detail(line) : step(line),
    });
    console.log(`report: ${await Deno.realPath(index)}`);
  } catch (e) {
    // Interrupted: the notebook failed because its kernel was stopped; the signal handler exits.
    if (isTerminating()) await new Promise(() => {});
    console.error(`report failed: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
