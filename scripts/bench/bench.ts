/**
 * `deno task bench [--sizes 1000,10000,100000] [--articles N] [--batch N] [--workers N]
 * [--seed N] [--no-baselines] [--keep-output] [--store-only] [--exports-only] [--no-report]`
 *
 * `--exports-only` measures only the exports step (`scripts/bench/exports_step.ts`: `task hits`
 * then `task attributions` over the corpus as a folder of .txt files, against ripgrep over it),
 * which the full bench runs after the store rows.
 *
 * `--store-only` measures only the store rows (cold build, +100 articles, no change) and the
 * floor they are compared with. With the store rows, `task report` runs over the built store
 * (every notebook; `scripts/bench/report_step.ts`) unless `--no-report`.
 *
 * With the store rows (unless `--no-store` or `--framing-only`), the bench also measures the
 * arrival of articles in a built corpus of each size: `task add` of 100 saved pages into a corpus
 * folder made from the same CSV (after a first `task add` has built the copy index it keeps), and
 * the store's +100 step with the articles table's copy links; then `task add` of 1,000 saved
 * pages into an empty corpus (ms per page; `scripts/bench/add_pages.ts`).
 *
 * `--workers` is the number of analysis threads (default: the number of cores; 0 analyses on the
 * main thread). The store steps use the store's own default unless `--workers` is given (two
 * threads when 200 or more articles are to be analysed, else the main thread), as `task report`
 * does.
 *
 * For each size: generates (or reuses) a deterministic synthetic corpus, runs the whole pipeline
 * (`deno task pipeline`'s `publishCorpus`: a cold build of a new store, then the partitioned
 * output) on it in a subprocess of its own (so peak RSS is per size), and, on the same file in the same
 * run, ripgrep over the lexicon's plain terms, over the attribution cue words and over both, and
 * scikit-learn's CountVectorizer with the lexicon as vocabulary. Prints wall time, MB/s, peak RSS
 * and ratios, then the per-stage times. A progress bar goes to stderr when it is a terminal.
 *
 * Internal mode: `--one N --corpus PATH --out DIR --store-dir DIR --batch B` runs the pipeline
 * once and prints one JSON line on stdout; with `--framing-only` it builds only the framing tables
 * (`framingTables` in scripts/bench/framing_tables.ts: read the CSV, framing hits with voice, hits
 * DataFrame, per-outlet counts) and prints their timing.
 *
 * For each size the parent also runs that framing-only child and prints "framing tables s"
 * (the child's process wall time, Deno start-up included) and its ratio to ripgrep over the
 * lexicon. `--framing-only` in the parent skips the whole-pipeline run (and CountVectorizer).
 *
 * @module
 */
import { csvRecord, generateCorpus } from "./generate.ts";
import { V8_FLAGS } from "../steps.ts";
import { readCsvBatches } from "../../lib/io/csv.ts";
import { openCorpus } from "../../lib/store/store.ts";
import { type PipelineResult, publishCorpus } from "../../lib/store/pipeline.ts";
import { framingTables } from "./framing_tables.ts";
import { loadCueLexicon } from "../../lib/resources/cues.ts";
import { loadLexicon } from "../../lib/resources/lexicon.ts";
import { isLiteralPattern } from "../../lib/text/patterns.ts";
import { type FloorResult, plainTermFloor } from "./bench_floor.ts";
import {
  type AddPagesResult,
  type ArrivalResult,
  benchAddPages,
  benchArrival,
  folderCorpusFromCsv,
} from "./add_pages.ts";
import { exportsReport, type ExportsResult, exportsStep } from "./exports_step.ts";
import { benchReportStep, type ReportStepResult, reportStepTable } from "./report_step.ts";

/**
 * V8 heap limit of the pipeline process, per isolate (main thread and each worker), in MB. V8
 * collects lazily and lets a heap grow far past its live data when allowed; the pipeline's live
 * data is bounded by the batch size and flushRows, so a limit keeps RSS near what is needed.
 */
const HEAP_MB = 512;

const REPO = new URL("../../", import.meta.url).pathname;
const CACHE = `${REPO}.cache/bench`;

interface Args {
  sizes: number[];
  batch: number;
  workers: number;
  /** Whether `--workers` was given (else the store steps use the store's default). */
  workersGiven: boolean;
  seed: number | undefined;
  baselines: boolean;
  keepOutput: boolean;
  one: number | null;
  corpus: string | null;
  out: string | null;
  framingOnly: boolean;
  floor: boolean;
  floorTerms: "lexicon" | "cues" | "both";
  /** Child: one step of the store (a cold build, an update after adding articles, a rerun). */
  storeStep: "cold" | "add" | "same" | null;
  storeDir: string | null;
  /** Skip the store rows. */
  noStore: boolean;
  /** Only the store rows and their floor. */
  storeOnly: boolean;
  /** Only the exports step (task hits, task attributions over a folder, and rg). */
  exportsOnly: boolean;
  /** Skip the `task report` step over the built store. */
  noReport: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    sizes: [1000, 10000, 100000],
    batch: 2000,
    workers: navigator.hardwareConcurrency,
    workersGiven: false,
    seed: undefined,
    baselines: true,
    keepOutput: false,
    one: null,
    corpus: null,
    out: null,
    framingOnly: false,
    floor: false,
    floorTerms: "lexicon",
    storeStep: null,
    storeDir: null,
    noStore: false,
    storeOnly: false,
    exportsOnly: false,
    noReport: false,
  };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v?.replaceAll("_", ""));
    if (v === undefined || !Number.isInteger(n) || n < 1) {
      throw new Error(`${flag} needs a positive integer, got ${v ?? "nothing"}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    if (f === "--sizes") {
      a.sizes = (argv[++i] ?? "").split(",").map((s) => num("--sizes", s));
    } else if (f === "--articles") a.sizes = [num(f, argv[++i])];
    else if (f === "--batch") a.batch = num(f, argv[++i]);
    else if (f === "--workers") {
      const v = argv[++i];
      a.workers = Number(v);
      a.workersGiven = true;
      if (!Number.isInteger(a.workers) || a.workers < 0) {
        throw new Error(`--workers needs 0 or a positive integer, got ${v ?? "nothing"}`);
      }
    } else if (f === "--seed") a.seed = num(f, argv[++i]);
    else if (f === "--no-baselines") a.baselines = false;
    else if (f === "--keep-output") a.keepOutput = true;
    else if (f === "--framing-only") a.framingOnly = true;
    else if (f === "--floor") a.floor = true;
    else if (f === "--floor-terms") {
      const v = argv[++i];
      if (v !== "lexicon" && v !== "cues" && v !== "both") {
        throw new Error(`--floor-terms needs lexicon, cues or both, got ${v ?? "nothing"}`);
      }
      a.floorTerms = v;
    } else if (f === "--one") a.one = num(f, argv[++i]);
    else if (f === "--corpus") a.corpus = argv[++i];
    else if (f === "--out") a.out = argv[++i];
    else if (f === "--store-step") {
      const v = argv[++i];
      if (v !== "cold" && v !== "add" && v !== "same") {
        throw new Error(`--store-step needs cold, add or same, got ${v ?? "nothing"}`);
      }
      a.storeStep = v;
    } else if (f === "--store-dir") a.storeDir = argv[++i];
    else if (f === "--no-store") a.noStore = true;
    else if (f === "--store-only") a.storeOnly = true;
    else if (f === "--exports-only") a.exportsOnly = true;
    else if (f === "--no-report") a.noReport = true;
    else {
      throw new Error(
        `unknown option ${f}; use --sizes 1000,10000 | --articles N | --batch N | --workers N | ` +
          `--seed N | ` +
          `--no-baselines | --keep-output | --framing-only | --no-store | --store-only | ` +
          `--exports-only | ` +
          `--floor --floor-terms lexicon|cues|both`,
      );
    }
  }
  return a;
}

/** The plain (literal) lexicon terms and the cue words, lower case, for the baselines. */
async function benchTerms(): Promise<{
  lexicon: string[];
  cues: string[];
  lexiconSource: string;
  cueSource: string;
}> {
  const lex = await loadLexicon();
  const lexicon = [
    ...new Set(
      lex.entries.filter((e) => isLiteralPattern(e.pattern)).map((e) => e.pattern.toLowerCase()),
    ),
  ];
  const cueLex = loadCueLexicon();
  const cues = [...new Set(cueLex.cues.map((c) => c.cue.toLowerCase()))];
  return {
    lexicon,
    cues,
    lexiconSource: `${lex.source.replace(REPO, "")}, literal patterns of ${lex.entries.length}`,
    cueSource: "data/cues.csv",
  };
}

/**
 * CPU seconds (user + system, all threads) this process has used. On a machine shared with other
 * work, wall times stretch with the load; CPU time much less, so the bench shows both.
 */
function cpuSeconds(): number {
  const fields = Deno.readTextFileSync("/proc/self/stat").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return ticks / 100;
}

function peakRssKb(): number {
  const m = /VmHWM:\s+(\d+)\s*kB/.exec(Deno.readTextFileSync("/proc/self/status"));
  return m ? Number(m[1]) : NaN;
}

// ------------------------------------------------------------------------------------------
// child: one pipeline run
// ------------------------------------------------------------------------------------------

/** What the child prints. */
interface OneResult {
  articles: number;
  wallMs: number;
  peakRssKb: number;
  result: Omit<PipelineResult, "outlets" | "warnings" | "store"> & {
    outletRows: number;
    analysed: number;
  };
}

/** Largest corpus whose framing tables alone are measured (they hold every hit in memory). */
const FRAMING_ONLY_MAX = 200_000;

/** What the framing-only child prints. */
interface FramingOneResult {
  articles: number;
  hits: number;
  wallMs: number;
  peakRssKb: number;
  stageMs: Record<string, number>;
}

async function runFramingOne(args: Args): Promise<void> {
  const t0 = performance.now();
  const r = await framingTables({
    corpus: args.corpus!,
    workers: args.workers,
    batchSize: args.batch,
  });
  const out: FramingOneResult = {
    articles: r.articles,
    hits: r.hits.height,
    wallMs: performance.now() - t0,
    peakRssKb: peakRssKb(),
    stageMs: r.stageMs,
  };
  console.log(JSON.stringify(out));
}

/** What the floor child prints: {@link plainTermFloor}'s result and the process's peak RSS. */
type FloorOneResult = FloorResult & { peakRssKb: number; cpuSeconds: number };

async function runFloorOne(args: Args): Promise<void> {
  const { lexicon, cues } = await benchTerms();
  const terms = args.floorTerms === "lexicon"
    ? lexicon
    : args.floorTerms === "cues"
    ? cues
    : [...new Set([...lexicon, ...cues])];
  const r = await plainTermFloor(args.corpus!, terms, args.workers, args.batch);
  const out: FloorOneResult = { ...r, peakRssKb: peakRssKb(), cpuSeconds: cpuSeconds() };
  console.log(JSON.stringify(out));
}

/** What a store child prints. */
interface StoreOneResult {
  step: string;
  articles: number;
  analysed: number;
  /** The add step: articles linked as copies in the articles table (copy detection). */
  copies?: number;
  wallMs: number;
  peakRssKb: number;
  /** CPU seconds of the process (all threads). */
  cpuSeconds: number;
}

async function runStoreOne(args: Args): Promise<void> {
  const t0 = performance.now();
  const c = await openCorpus({
    corpus: args.corpus!,
    store: args.storeDir!,
    workers: args.workersGiven ? args.workers : undefined,
    batchSize: args.batch,
    log: () => {},
  });
  // The arrival of articles includes copy detection: bringing the store up to date brings the
  // copy links it keeps up to date for the new articles and their LSH band neighbours; the count
  // is the articles table's (`copy_of` set), without reading the table.
  const copies = args.storeStep === "add" ? c.store.copies : undefined;
  const out: StoreOneResult = {
    step: args.storeStep!,
    articles: c.store.articles,
    analysed: c.store.analysed,
    copies,
    wallMs: performance.now() - t0,
    peakRssKb: peakRssKb(),
    cpuSeconds: cpuSeconds(),
  };
  console.log(JSON.stringify(out));
}

/** A copy of the corpus CSV with `n` more articles (copies of its first rows, new ids). */
async function corpusWithMore(path: string, n: number): Promise<string> {
  const out = path.replace(/\.csv$/, `.plus${n}.csv`);
  let extra = "";
  for await (const b of readCsvBatches(path, { batchSize: n })) {
    const [id, text] = [b.header.indexOf("id"), b.header.indexOf("text")];
    for (const row of b.rows) {
      extra += csvRecord(
        row.map((v, i) => i === id ? `added-${v}` : i === text ? `${v} A new closing line.` : v),
      );
    }
    break;
  }
  await Deno.copyFile(path, out);
  await Deno.writeTextFile(out, extra, { append: true });
  return out;
}

async function runOne(args: Args): Promise<void> {
  const total = args.one!;
  const bar = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const t0 = performance.now();
  const result = await publishCorpus({
    corpus: args.corpus!,
    outDir: args.out!,
    store: args.storeDir!,
    batchSize: args.batch,
    overwrite: true,
    workers: args.workers,
    // The store's progress lines (`store: batch 3/20: 1500 of 10000 articles analysed (4.2 s)`).
    log: bar
      ? (line) => {
        const s = ((performance.now() - t0) / 1000).toFixed(1);
        const shown = `\r  ${line.slice(0, 70)} of ${total.toLocaleString("en")} ${s}s`;
        Deno.stderr.writeSync(enc.encode(shown.padEnd(100)));
      }
      : () => {},
  });
  const wallMs = performance.now() - t0;
  if (bar) Deno.stderr.writeSync(enc.encode("\r" + " ".repeat(100) + "\r"));
  const { outlets, warnings: _warnings, store, ...rest } = result;
  const out: OneResult = {
    articles: result.articles,
    wallMs,
    peakRssKb: peakRssKb(),
    result: { ...rest, outletRows: outlets.height, analysed: store.analysed },
  };
  console.log(JSON.stringify(out));
}

// ------------------------------------------------------------------------------------------
// parent: baselines
// ------------------------------------------------------------------------------------------

interface Timed {
  wallMs: number;
  peakRssKb: number;
  stdout: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function run(cmd: string[], opts: { stdoutNull?: boolean } = {}): Promise<Timed> {
  const timeV = await exists("/usr/bin/time");
  const argv = timeV ? ["/usr/bin/time", "-v", ...cmd] : cmd;
  const t0 = performance.now();
  const out = await new Deno.Command(argv[0], {
    args: argv.slice(1),
    stdout: opts.stdoutNull ? "null" : "piped",
    stderr: "piped",
  }).output();
  const wallMs = performance.now() - t0;
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success && !(cmd[0].endsWith("rg") && out.code === 1)) {
    throw new Error(`${cmd.join(" ")} failed (exit ${out.code}):\n${stderr.slice(-2000)}`);
  }
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return {
    wallMs,
    peakRssKb: m ? Number(m[1]) : NaN,
    stdout: opts.stdoutNull ? "" : new TextDecoder().decode(out.stdout),
  };
}

async function isRoot(): Promise<boolean> {
  try {
    const out = await new Deno.Command("id", { args: ["-u"], stdout: "piped" }).output();
    return new TextDecoder().decode(out.stdout).trim() === "0";
  } catch {
    return false;
  }
}

let aptUpdated = false;
async function aptInstall(pkg: string): Promise<boolean> {
  if (!(await isRoot())) return false;
  console.error(`  installing Debian package ${pkg} (apt-get) ...`);
  if (!aptUpdated) {
    await new Deno.Command("apt-get", { args: ["update", "-qq"], stdout: "null", stderr: "null" })
      .output();
    aptUpdated = true;
  }
  const out = await new Deno.Command("apt-get", {
    args: ["install", "-y", "-qq", pkg],
    stdout: "null",
    stderr: "piped",
    env: { DEBIAN_FRONTEND: "noninteractive" },
  }).output();
  return out.success;
}

interface Tools {
  rg: string | null;
  sklearn: boolean;
  notes: string[];
}

async function findTools(): Promise<Tools> {
  const notes: string[] = [];
  if (!(await exists("/usr/bin/time"))) {
    if (!(await aptInstall("time"))) {
      notes.push("/usr/bin/time missing (Debian `time`): baseline peak RSS not measured");
    }
  }
  let rg: string | null = (await exists("/usr/bin/rg")) ? "/usr/bin/rg" : null;
  if (!rg && (await aptInstall("ripgrep")) && (await exists("/usr/bin/rg"))) rg = "/usr/bin/rg";
  if (!rg) notes.push("ripgrep missing: install Debian `ripgrep` (as root) for the rg baselines");
  const py = "/usr/bin/python3";
  const hasSk = async () =>
    (await exists(py)) &&
    (await new Deno.Command(py, { args: ["-c", "import sklearn"], stderr: "null" }).output())
      .success;
  let sklearn = await hasSk();
  if (!sklearn && (await aptInstall("python3-sklearn"))) sklearn = await hasSk();
  if (!sklearn) {
    notes.push(
      "scikit-learn missing: install Debian `python3-sklearn` (as root) for the CountVectorizer baseline",
    );
  }
  return { rg, sklearn, notes };
}

const COUNT_VECTORIZER = `
import csv, sys
from sklearn.feature_extraction.text import CountVectorizer
csv.field_size_limit(sys.maxsize)
terms = sorted({l.strip().lower() for l in open(sys.argv[2], encoding="utf-8") if l.strip()})
n = max(len(t.split()) for t in terms)
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    r = csv.reader(f)
    col = next(r).index("text")
    X = CountVectorizer(vocabulary=terms, ngram_range=(1, n), lowercase=True).transform(
        row[col] for row in r)
print(int(X.sum()))
`;

// ------------------------------------------------------------------------------------------
// parent: the table
// ------------------------------------------------------------------------------------------

interface SizeResult {
  size: number;
  mb: number;
  generated: string;
  pipeline: (OneResult & { processMs: number }) | null;
  /** null above {@link FRAMING_ONLY_MAX} articles: the framing tables alone hold every hit. */
  framing: (FramingOneResult & { processMs: number }) | null;
  /** The floor: reading the CSV and one V8 regular expression over the plain terms. */
  floor: (FloorOneResult & { processMs: number }) | null;
  /** The same floor over the cue words and over both lists (when the pipeline is run). */
  floorCues: (FloorOneResult & { processMs: number }) | null;
  floorBoth: (FloorOneResult & { processMs: number }) | null;
  rgLexicon: Timed | null;
  rgCues: Timed | null;
  rgBoth: Timed | null;
  countVectorizer: Timed | null;
  /** The store: a cold build, the update after adding 100 articles, a rerun with no change. */
  store: Record<"cold" | "add" | "same", StoreOneResult & { processMs: number }> | null;
  /** `task add` of 100 saved pages into a folder corpus of this size (kept copy index). */
  arrival: ArrivalResult | null;
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mbOf = (kb: number) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : "n/a");
const ratio = (a: number, b: number | undefined) =>
  b === undefined || !(b > 0) ? "n/a" : `${(a / b).toFixed(2)}×`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  return [line(rows[0]), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|"]
    .concat(rows.slice(1).map(line)).join("\n");
}

const FRAMING_STAGES = ["framing"];
const SOURCING_STAGES = ["attributions"];

function stageSum(r: OneResult, names: string[]): number | undefined {
  const present = names.filter((n) => n in r.result.stageMs);
  if (present.length === 0) return undefined;
  return present.reduce((a, n) => a + r.result.stageMs[n], 0);
}

async function main(): Promise<void> {
  const args = parseArgs(Deno.args);
  if (args.one !== null) {
    if (args.floor) return await runFloorOne(args);
    if (args.storeStep) return await runStoreOne(args);
    return await (args.framingOnly ? runFramingOne(args) : runOne(args));
  }

  await Deno.mkdir(CACHE, { recursive: true });
  if (args.storeOnly && (args.noStore || args.framingOnly)) {
    throw new Error("--store-only measures the store: leave out --no-store and --framing-only");
  }
  const tools = args.baselines && !args.storeOnly
    ? await findTools()
    : { rg: null, sklearn: false, notes: [] };
  const terms = await benchTerms();
  const termFile = async (name: string, list: string[]) => {
    const path = `${CACHE}/terms-${name}.txt`;
    await Deno.writeTextFile(path, list.join("\n") + "\n");
    return path;
  };
  const lexFile = terms.lexicon.length ? await termFile("lexicon", terms.lexicon) : null;
  const cueFile = terms.cues.length ? await termFile("cues", terms.cues) : null;
  const bothList = [...new Set([...terms.lexicon, ...terms.cues])];
  const bothFile = bothList.length ? await termFile("both", bothList) : null;

  const results: SizeResult[] = [];
  const exportsResults: ExportsResult[] = [];
  const exportsRun = async (path: string, size: number) =>
    exportsResults.push(
      await exportsStep({
        corpus: path,
        workDir: `${CACHE}/exports-${size}`,
        rg: tools.rg,
        termsFile: lexFile,
        keep: args.keepOutput,
      }),
    );
  const reports: Array<{ size: number; coldMs: number; report: ReportStepResult }> = [];
  for (const size of args.sizes) {
    console.error(`size ${size.toLocaleString("en")}:`);
    const g0 = performance.now();
    const corpus = await generateCorpus({ articles: size, seed: args.seed });
    const generated = corpus.reused ? "reused" : `generated in ${s(performance.now() - g0)} s`;
    console.error(`  corpus ${corpus.path} (${(corpus.bytes / 1e6).toFixed(1)} MB, ${generated})`);
    if (args.exportsOnly) {
      await exportsRun(corpus.path, size);
      continue;
    }
    // Warm the page cache so every contender reads the file from memory.
    await run(["cat", corpus.path], { stdoutNull: true });

    const rgRun = async (file: string | null) =>
      tools.rg && file
        ? await run([tools.rg, "-c", "-i", "-w", "-F", "-f", file, corpus.path])
        : null;
    const rgLexicon = await rgRun(lexFile);
    const rgCues = await rgRun(cueFile);
    const rgBoth = await rgRun(bothFile);

    const out = `${CACHE}/out-${size}`;
    const child = async (extra: string[]) => {
      const p0 = performance.now();
      const c = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          `--v8-flags=--max-old-space-size=${HEAP_MB},${V8_FLAGS}`,
          new URL(import.meta.url).pathname,
          "--one",
          String(size),
          "--corpus",
          corpus.path,
          "--batch",
          String(args.batch),
          ...(args.workersGiven ? ["--workers", String(args.workers)] : []),
          ...extra,
        ],
        cwd: REPO,
        stdout: "piped",
        stderr: "inherit",
      }).output();
      const processMs = performance.now() - p0;
      const stdout = new TextDecoder().decode(c.stdout);
      if (!c.success) throw new Error(`run for ${size} (${extra.join(" ")}) failed:\n${stdout}`);
      return { stdout: stdout.trim().split("\n").at(-1)!, processMs };
    };
    let framing: SizeResult["framing"] = null;
    if (args.storeOnly) {
      // only the store rows and the floor below
    } else if (size <= FRAMING_ONLY_MAX) {
      const f = await child(["--framing-only"]);
      framing = { ...(JSON.parse(f.stdout) as FramingOneResult), processMs: f.processMs };
    } else {
      console.error(
        `  framing tables alone: skipped above ${FRAMING_ONLY_MAX.toLocaleString("en")} ` +
          "articles (they keep every hit in memory; the pipeline writes them as it goes)",
      );
    }
    const floorOf = async (terms: string) => {
      const fl = await child(["--floor", "--floor-terms", terms]);
      return { ...(JSON.parse(fl.stdout) as FloorOneResult), processMs: fl.processMs };
    };
    const floor = args.storeOnly ? null : await floorOf("lexicon");
    const floorCues = args.framingOnly || args.storeOnly ? null : await floorOf("cues");
    const floorBoth = args.framingOnly ? null : await floorOf("both");
    let pipeline: SizeResult["pipeline"] = null;
    if (!args.framingOnly && !args.storeOnly) {
      // A new store each time: the row times a cold build plus the partitioned output.
      const pipelineStore = `${CACHE}/pipeline-store-${size}`;
      await Deno.remove(pipelineStore, { recursive: true }).catch(() => {});
      const p = await child(["--out", out, "--store-dir", pipelineStore]);
      pipeline = { ...(JSON.parse(p.stdout) as OneResult), processMs: p.processMs };
      await Deno.remove(pipelineStore, { recursive: true }).catch(() => {});
      if (!args.keepOutput) await Deno.remove(out, { recursive: true }).catch(() => {});
    }

    let store: SizeResult["store"] = null;
    let arrival: ArrivalResult | null = null;
    if (!args.framingOnly && !args.noStore) {
      const storeDir = `${CACHE}/store-${size}`;
      await Deno.remove(storeDir, { recursive: true }).catch(() => {});
      const step = async (name: string, path: string) => {
        const r = await child(["--store-step", name, "--store-dir", storeDir, "--corpus", path]);
        return { ...(JSON.parse(r.stdout) as StoreOneResult), processMs: r.processMs };
      };
      const cold = await step("cold", corpus.path);
      const plus = await corpusWithMore(corpus.path, 100);
      const add = await step("add", plus);
      const same = await step("same", plus);
      if (!args.noReport) {
        console.error("  task report over the built store…");
        reports.push({
          size,
          coldMs: cold.processMs,
          report: await benchReportStep({ corpus: plus, store: storeDir }),
        });
      }
      await Deno.remove(storeDir, { recursive: true }).catch(() => {});
      await Deno.remove(plus).catch(() => {});
      store = { cold, add, same };
      // The same arrival through `task add`: 100 saved pages into a corpus folder of this size.
      const folder = `${CACHE}/folder-${size}`;
      await Deno.remove(folder, { recursive: true }).catch(() => {});
      const f0 = performance.now();
      await folderCorpusFromCsv(corpus.path, `${folder}/data`);
      console.error(`  corpus folder for task add written in ${s(performance.now() - f0)} s`);
      arrival = await benchArrival({ data: `${folder}/data`, pages: 100, seed: args.seed });
      await Deno.remove(folder, { recursive: true }).catch(() => {});
      if (!args.storeOnly) await exportsRun(corpus.path, size);
    }

    const countVectorizer = tools.sklearn && lexFile && !args.framingOnly && !args.storeOnly
      ? await run(["/usr/bin/python3", "-c", COUNT_VECTORIZER, corpus.path, lexFile])
      : null;
    results.push({
      size,
      mb: corpus.bytes / 1e6,
      generated,
      pipeline,
      framing,
      floor,
      floorCues,
      floorBoth,
      rgLexicon,
      rgCues,
      rgBoth,
      countVectorizer,
      store,
      arrival,
    });
  }
  // task add of 1,000 saved pages into an empty corpus: time per page.
  let pages: AddPagesResult | null = null;
  if (!args.framingOnly && !args.noStore && !args.exportsOnly) {
    console.error("task add of 1,000 saved pages:");
    pages = await benchAddPages({ pages: 1000, seed: args.seed });
  }
  if (!args.exportsOnly) report(results, tools, terms, args, pages);
  if (reports.length) {
    console.log("\n## task report over the built store (every notebook, headless)\n");
    console.log(reportStepTable(reports));
  }
  if (exportsResults.length) console.log(exportsReport(exportsResults));
}

type FullResult = SizeResult & { pipeline: NonNullable<SizeResult["pipeline"]> };

function report(
  all: SizeResult[],
  tools: Tools,
  terms: Awaited<ReturnType<typeof benchTerms>>,
  args: Args,
  pages: AddPagesResult | null,
): void {
  if (all.some((r) => r.store)) {
    const rows = [[
      "articles",
      "MB",
      "cold build s",
      "cold ÷ floor",
      "build peak RSS",
      "+100 articles s",
      "+100 ÷ cold",
      "no change s",
      "no change ÷ cold",
      "cold CPU s",
      "cold CPU ÷ floor CPU",
    ]];
    for (const r of all) {
      const st = r.store;
      if (!st) continue;
      rows.push([
        r.size.toLocaleString("en"),
        r.mb.toFixed(1),
        s(st.cold.processMs),
        r.floorBoth ? ratio(st.cold.processMs, r.floorBoth.processMs) : "n/a",
        mbOf(st.cold.peakRssKb),
        s(st.add.processMs),
        `${((100 * st.add.processMs) / st.cold.processMs).toFixed(1)}%`,
        s(st.same.processMs),
        `${((100 * st.same.processMs) / st.cold.processMs).toFixed(1)}%`,
        st.cold.cpuSeconds.toFixed(1),
        r.floorBoth ? `${(st.cold.cpuSeconds / r.floorBoth.cpuSeconds).toFixed(1)}×` : "n/a",
      ]);
    }
    const threads = args.workersGiven
      ? `${args.workers} workers`
      : "the store's default workers: 2 for 200 or more articles to analyse, else none";
    console.log(`\n## The store (openCorpus on the corpus CSV; ${threads})\n`);
    console.log(table(rows));
    console.log(
      "\nEach step is a process of its own (Deno start-up included): the cold build analyses every " +
        "article into a new store; +100 adds 100 articles to the CSV and brings the store up to " +
        "date (the others are read from the store, not analysed); no change opens it again. " +
        "CPU s = user + system seconds of the process, all threads (less stretched than wall " +
        "time by other work on the machine). " +
        "floor = the process that reads the CSV and counts the lexicon and cue words with one V8 " +
        "regular expression (below).",
    );
  }
  if (all.some((r) => r.arrival)) {
    const rows = [[
      "articles",
      "first task add (index built) s",
      "task add 100 pages s",
      "task add ÷ cold",
      "+100 rows, store with copy links s",
      "store ÷ cold",
      "whole arrival ÷ cold",
    ]];
    for (const r of all) {
      const a = r.arrival;
      const st = r.store;
      if (!a || !st) continue;
      rows.push([
        r.size.toLocaleString("en"),
        `${s(a.firstMs)} (${a.firstIndexed.toLocaleString("en")} cleaned)`,
        `${s(a.addMs)} (${a.added} added, ${a.nearCopies} near, ${a.copies} copies, ` +
        `${a.indexed} re-indexed)`,
        `${((100 * a.addMs) / st.cold.processMs).toFixed(1)}%`,
        `${s(st.add.processMs)} (${st.add.copies ?? "?"} copies linked)`,
        `${((100 * st.add.processMs) / st.cold.processMs).toFixed(1)}%`,
        `${((100 * (a.addMs + st.add.processMs)) / st.cold.processMs).toFixed(1)}%`,
      ]);
    }
    console.log(
      `\n## Articles arriving in a built corpus (target: whole arrival ≤ 5% of the cold build)\n`,
    );
    console.log(table(rows));
    console.log(
      "\ntask add: `scripts/add.ts` as a process of its own on a corpus folder made from the same " +
        "CSV (manifest and one .txt per article): the first run cleans every article to build " +
        "the copy index it keeps in .cache/copies/; the timed run adds 100 generated saved pages " +
        "(Readability, cleaning, exact and near copy lookup, files and manifest) with that index. " +
        "Store: the +100 step above, which also reads the articles table (the copy links the " +
        "store keeps, brought up to date for the new articles and their LSH band neighbours). " +
        "Whole arrival = both.",
    );
  }
  if (pages) {
    const p = pages;
    console.log(
      `\n## task add of ${p.pages.toLocaleString("en")} saved pages into an empty corpus\n\n` +
        `${p.msPerPage.toFixed(1)} ms per page (target ≤ 30): ${p.pages} pages of ` +
        `${(p.meanPageBytes / 1024).toFixed(1)} KB, ${p.added} added, ${p.copies} copies, ` +
        `${p.skipped} skipped, in ${p.seconds.toFixed(2)} s (in process).`,
    );
  }
  if (all.some((r) => r.framing || r.floor)) {
    const frows = [[
      "articles",
      "MB",
      "framing tables s",
      "in-process s",
      "hits",
      "peak RSS",
      "rg lexicon s",
      "framing tables ÷ rg lexicon",
      "floor s",
      "floor ÷ rg lexicon",
      "framing tables ÷ floor",
    ]];
    for (const r of all) {
      const f = r.framing;
      frows.push([
        r.size.toLocaleString("en"),
        r.mb.toFixed(1),
        f ? s(f.processMs) : "skipped",
        f ? s(f.wallMs) : "",
        f ? f.hits.toLocaleString("en") : "",
        f ? mbOf(f.peakRssKb) : "",
        r.rgLexicon ? s(r.rgLexicon.wallMs) : "n/a",
        f ? ratio(f.processMs, r.rgLexicon?.wallMs) : "",
        r.floor ? s(r.floor.processMs) : "n/a",
        r.floor ? ratio(r.floor.processMs, r.rgLexicon?.wallMs) : "n/a",
        f && r.floor ? ratio(f.processMs, r.floor.processMs) : "",
      ]);
    }
    console.log(
      `\n## Framing tables vs ripgrep over the lexicon (${args.workers} workers, ` +
        `${navigator.hardwareConcurrency} cores)\n`,
    );
    console.log(table(frows));
    console.log(
      "\nframing tables s = wall time of a process of its own (Deno start-up, reading the CSV, " +
        "framing hits with voice for every title and text, the hits DataFrame and per-outlet " +
        "counts with loaded words per 1,000 words; no cleaning, no attributions, nothing written); " +
        "in-process s leaves out Deno start-up. floor s = wall time of a process that only reads " +
        "the CSV the same way (same threads) and counts the plain terms with one V8 regular " +
        "expression (scripts/bench/bench_floor.ts): ripgrep's job and nothing else, the least any " +
        "JavaScript pipeline here pays before its analysis" +
        (all.some((r) => r.floor)
          ? ` (matches: ${
            all.filter((r) => r.floor).map((r) =>
              `${r.size.toLocaleString("en")}: ${r.floor!.matches.toLocaleString("en")}`
            ).join(", ")
          })`
          : "") +
        ". Stage times (summed over threads): " +
        all.filter((r) => r.framing).map((r) =>
          `${r.size.toLocaleString("en")}: ` +
          Object.entries(r.framing!.stageMs).map(([k, v]) => `${k} ${s(v)}`).join(", ")
        ).join("; "),
    );
    if (all.some((r) => r.size === 100000)) {
      const r = all.find((x) => x.size === 100000)!;
      const ok = r.rgLexicon && r.framing ? r.framing.processMs <= 3 * r.rgLexicon.wallMs : null;
      console.log(
        `\n- [${ok === null ? "n/a" : ok ? "met" : "MISSED"}] framing tables within 3× ripgrep ` +
          `(lexicon) at 100,000 articles: ${
            r.framing ? ratio(r.framing.processMs, r.rgLexicon?.wallMs) : "n/a"
          }` +
          (r.floor
            ? `; the floor alone (read + one regex) is ${
              ratio(r.floor.processMs, r.rgLexicon?.wallMs)
            } of ripgrep`
            : ""),
      );
    }
  }
  const results = all.filter((r): r is FullResult => r.pipeline !== null);
  if (results.length === 0) {
    Deno.writeTextFileSync(`${CACHE}/last.json`, JSON.stringify(all, null, 2));
    return;
  }
  const head = [
    "articles",
    "MB",
    "pipeline s",
    "MB/s",
    "peak RSS",
    "rg lexicon s",
    "framing ÷ rg lex",
    "rg cues s",
    "sourcing ÷ rg cues",
    "floor cues ÷ rg cues",
    "rg both s",
    "pipeline ÷ rg both",
    "floor both ÷ rg both",
    "CountVectorizer s",
    "CV ÷ pipeline",
  ];
  const rows = [head];
  for (const r of results) {
    const p = r.pipeline.processMs;
    const framing = stageSum(r.pipeline, FRAMING_STAGES);
    const sourcing = stageSum(r.pipeline, SOURCING_STAGES);
    rows.push([
      r.size.toLocaleString("en"),
      r.mb.toFixed(1),
      s(p),
      (r.mb / (p / 1000)).toFixed(1),
      mbOf(r.pipeline.peakRssKb),
      r.rgLexicon ? s(r.rgLexicon.wallMs) : "n/a",
      framing === undefined ? "n/a" : ratio(framing, r.rgLexicon?.wallMs),
      r.rgCues ? s(r.rgCues.wallMs) : "n/a",
      sourcing === undefined ? "n/a" : ratio(sourcing, r.rgCues?.wallMs),
      r.floorCues ? ratio(r.floorCues.processMs, r.rgCues?.wallMs) : "n/a",
      r.rgBoth ? s(r.rgBoth.wallMs) : "n/a",
      ratio(p, r.rgBoth?.wallMs),
      r.floorBoth ? ratio(r.floorBoth.processMs, r.rgBoth?.wallMs) : "n/a",
      r.countVectorizer ? s(r.countVectorizer.wallMs) : "n/a",
      r.countVectorizer ? ratio(r.countVectorizer.wallMs, p) : "n/a",
    ]);
  }
  console.log(
    `\n## Whole pipeline vs baselines (batch ${args.batch}, ${args.workers} workers, ` +
      `V8 heap limit ${HEAP_MB} MB per thread, ` +
      `${navigator.hardwareConcurrency} cores, ${Deno.build.target})\n`,
  );
  console.log(table(rows));
  console.log(
    "\npipeline s = wall time of `deno task pipeline`'s own process on a new store (Deno " +
      "start-up, the cold store build: reading, every stage on the worker threads, the store's " +
      "parquet; then the partitioned parquet output and per-outlet tables); framing ÷ rg and " +
      "sourcing ÷ rg need per-stage times, which the store does not report (n/a); floor cues and floor both are the " +
      "floor (reading the CSV and one V8 regular expression, no analysis) over the cue words and " +
      "over both lists.",
  );

  const stageNames = [...new Set(results.flatMap((r) => Object.keys(r.pipeline.result.stageMs)))];
  const srows = [["stage", ...results.map((r) => `${r.size.toLocaleString("en")} s`)]];
  for (const n of stageNames) {
    srows.push([n, ...results.map((r) => s(r.pipeline.result.stageMs[n] ?? NaN))]);
  }
  srows.push(["(in-process total)", ...results.map((r) => s(r.pipeline.wallMs))]);
  console.log(
    "\n## Per-stage times (seconds: store = bringing the new store up to date, write = the " +
      "partitioned output)\n",
  );
  console.log(table(srows));

  const brows = [["baseline peak RSS", ...results.map((r) => r.size.toLocaleString("en"))]];
  for (
    const [name, key] of [
      ["rg lexicon", "rgLexicon"],
      ["rg cues", "rgCues"],
      ["rg both", "rgBoth"],
      ["CountVectorizer", "countVectorizer"],
    ] as const
  ) {
    brows.push([name, ...results.map((r) => (r[key] ? mbOf(r[key]!.peakRssKb) : "n/a"))]);
  }
  console.log("\n" + table(brows));

  console.log("\n## Tables written (last size)\n");
  const lr = results.at(-1)!.pipeline.result;
  for (const [t, v] of Object.entries(lr.tables)) {
    console.log(`- ${t}: ${v.rows.toLocaleString("en")} rows in ${v.files} parquet files`);
  }
  console.log(`- outlets: ${lr.outletRows} rows`);
  console.log(
    `- data files (sha256): ${
      Object.entries(lr.hashes).map(([k, v]) => `${k} ${v.slice(0, 12)}`).join(", ")
    }`,
  );
  console.log(
    `\nlexicon terms for rg/CountVectorizer: ${terms.lexicon.length} (${terms.lexiconSource}); ` +
      `cue words: ${terms.cues.length} (${terms.cueSource})`,
  );
  for (const n of tools.notes) console.log(`note: ${n}`);

  const byN = new Map(results.map((r) => [r.size, r]));
  const r10 = byN.get(10000);
  const r100 = byN.get(100000);
  if (r100) {
    console.log("\n## Targets at 100,000 articles\n");
    const p = r100.pipeline.processMs;
    const check = (ok: boolean | null, text: string) =>
      console.log(`- [${ok === null ? "n/a" : ok ? "met" : "MISSED"}] ${text}`);
    check(
      r100.rgBoth ? p <= 3 * r100.rgBoth.wallMs : null,
      `whole pipeline within 3× ripgrep (both term lists): ${ratio(p, r100.rgBoth?.wallMs)}`,
    );
    check(
      r100.countVectorizer ? r100.countVectorizer.wallMs >= 10 * p : null,
      `≥10× faster than CountVectorizer: ${
        r100.countVectorizer ? ratio(r100.countVectorizer.wallMs, p) : "n/a"
      }`,
    );
    check(
      r100.pipeline.peakRssKb < 1.5 * 1024 * 1024,
      `peak RSS < 1.5 GB: ${mbOf(r100.pipeline.peakRssKb)}`,
    );
    if (r10) {
      const g = p / r10.pipeline.processMs;
      check(g <= 11, `10k → 100k time grows ≤ 11×: ${g.toFixed(2)}×`);
    }
  }
  const big = results.find((r) => r.size >= 1_000_000);
  if (big) {
    console.log(
      `\n1,000,000+ articles: peak RSS ${mbOf(big.pipeline.peakRssKb)} ` +
        `(target < 2 GB: ${big.pipeline.peakRssKb < 2 * 1024 * 1024 ? "met" : "MISSED"})`,
    );
  }
  Deno.writeTextFileSync(`${CACHE}/last.json`, JSON.stringify(all, null, 2));
}

if (import.meta.main) {
  try {
    await main();
  } catch (err) {
    console.error(`bench: ${(err as Error).message}`);
    Deno.exit(1);
  }
}
