/**
 * The store: the corpus tables kept as parquet files under a folder, so that a rerun analyses
 * only what changed. {@linkcode openCorpus} brings the store up to date with the corpus folder and
 * returns the same tables as `loadCorpus` (lib/tables/corpus.ts), which analyses everything.
 *
 * Each article's rows are kept per stage group: `text` (articles, paragraphs, sentences, quotes,
 * removed lines), `attributions`, and `framing` (hits, mentions). A group is reanalysed when the
 * article's content sha256 or manifest title changes, or when the key of that stage changes (the
 * sha256 of the analysis version and of the data files the stage reads): editing the lexicon
 * reanalyses hits and mentions and reuses the stored attributions. Rows of removed articles go.
 *
 * Layout: `<store>/<table>/<segment>.parquet` (one file per table per batch of analysed articles)
 * and the manifest (`lib/store/manifest.ts`: `<store>/store.json` and the journal it names), which
 * says which segment holds each article's live rows. Every table file is written under a temporary
 * name and renamed; the manifest is written after the files it names (`store.json` by rename, a
 * journal line by an append that counts only once whole), so a run killed at any moment leaves a
 * valid store, and the next run removes files no manifest names and completes. A lock file keeps a second process out (it waits, then fails naming the holder's
 * pid); a lock left by a killed process is taken over with a warning. A store written by another
 * analysis version is rebuilt; a truncated or corrupt file is rebuilt with a warning naming it.
 *
 * @module
 */
import pl from "nodejs-polars";
import {
  ANALYSIS_VERSION,
  type FieldAttribution,
  loadResources,
  type ResourcePaths,
  type Resources,
  type Stage,
} from "../analyse.ts";
import { shortDigest } from "../io/hash.ts";
import { defaultDataDir } from "../resources/data_dir.ts";
import {
  articleSourceFrame,
  type ArticleSourceRow,
  type ArticleText,
  type CopyLinks,
  type Corpus,
  corpusResourcePaths,
  corpusTable,
  type LoadCorpusOptions,
  withCorpusEnvironment,
} from "../tables/corpus.ts";
import { resolvedCopyLink } from "../tables/copies.ts";
import { attributionsFromRows } from "../tables/rows.ts";
import { analysisColumns, emptyFrame, TABLE_NAMES, type TableName } from "../tables/schema.ts";
import {
  csvAppendedSource,
  csvListingFrame,
  csvSource,
  csvSourceFromListing,
  csvSourceStream,
  folderSource,
  type SourceArticle,
  type SourceListing,
} from "./sources.ts";
import {
  outletTemplateSets,
  type TemplateCandidates,
  templateCandidates,
  templateLinesOf,
  templateOutlet,
  templateSetKey,
} from "../text/templates.ts";
import { analyseItems, AnalysisPool, type WorkItem, type WorkResult } from "./workers.ts";
import { withStoreLock } from "./files.ts";
import { readSettled, sameManifestStamp, settledHolds, writeSettled } from "./settled.ts";
import {
  type CsvStamp,
  type FileStamp,
  journalOf,
  manifestStamp,
  readManifest,
  readManifestSync,
  STAGE_TABLES,
  STAGES,
  STORE_FORMAT,
  type StoreManifest,
  writeManifest as saveManifest,
} from "./manifest.ts";

export { STAGE_TABLES } from "./manifest.ts";
import {
  appendSignatures,
  type CopyFile,
  type CopyState,
  newCopyFile,
  signatureOfMinhash,
  updateCopyLinks,
  usableCopyFile,
} from "./copy_links.ts";

const STAGE_OF = Object.fromEntries(
  STAGES.flatMap((s) => STAGE_TABLES[s].map((t) => [t, s])),
) as Record<TableName, Stage>;

/** The time guard's default limit (see `AnalysisPool.start`). */
const DEFAULT_ARTICLE_TIMEOUT_MS = 120_000;

/** Options of {@linkcode openCorpus}. */
export interface OpenCorpusOptions extends LoadCorpusOptions {
  /**
   * The store's folder (default `.cache/store/<corpus folder name>` beside the corpus folder, so
   * `.cache/store/data` for the repository's `data/`; with `manifest: false`, beside `articlesDir`).
   */
  store?: string;
  /** Articles per batch (one parquet file per table per batch; default 500). */
  batchSize?: number;
  /** Where the store line and progress lines go (default console.log). */
  log?: (line: string) => void;
  /** How long to wait for another process's lock before failing (default 120,000 ms). */
  lockTimeoutMs?: number;
  /** A corpus CSV (columns id, outlet, published, text; title optional) instead of a folder. */
  corpus?: string;
  /** Worker threads (default 2 when 200 or more articles are to be analysed, else none). */
  workers?: number;
  /** An article whose analysis takes longer is skipped and reported (default 120,000 ms; workers only). */
  articleTimeoutMs?: number;
}

/** What bringing the store up to date did. */
export interface StoreRun {
  /** The store's folder. */
  dir: string;
  /** Articles in the corpus. */
  articles: number;
  /** Articles with at least one stage analysed in this run. */
  analysed: number;
  /** Articles taken from the store as they were. */
  cached: number;
  /** Articles the store held that the corpus no longer has. */
  removed: number;
  /** Articles analysed per stage group. */
  stages: Record<Stage, number>;
  /**
   * Articles the time guard skipped (not in the tables): id → why. Those skipped in an earlier run
   * are not tried again while their content, stage keys and the time limit stay the same.
   */
  skipped: Record<string, string>;
  /**
   * Articles the articles table links as a copy of an earlier one (`copy_of` set: found by the
   * store, or set by hand in the manifest).
   */
  copies: number;
  seconds: number;
  /** The line printed: `store: analysed A of N articles (C cached, R removed) in S s`. */
  line: string;
}

/** The corpus tables, as `loadCorpus` gives them, and what the store did. */
export interface StoredCorpus extends Corpus {
  store: StoreRun;
  /**
   * The articles table's listing columns (`ARTICLE_SOURCE_COLUMNS`: id, file, outlet, published,
   * …) in corpus order, without the analysis: small at any corpus size.
   */
  listing: pl.DataFrame;
  /**
   * The analysis rows of `table` (its `analysisColumns`: no `outlet`) of the articles `ids` only,
   * read from only the store files that hold them; one article's rows in the order the analysis
   * gave them. For writing a large corpus's tables piece by piece (see `publishCorpus`).
   */
  rowsOf(table: TableName, ids: readonly string[]): pl.DataFrame;
  /**
   * The analysis rows of `table` (its `analysisColumns`: no `outlet`) of every article, as a lazy
   * scan of the store's parquet files: nothing is read until it is collected, and only the
   * columns selected. Rows are in store order; `scanTable` (lib/tables/corpus.ts) adds the outlet
   * and the corpus order.
   */
  scan(table: TableName): pl.LazyDataFrame;
  /**
   * The copy links the store keeps (found from the signatures), one per article in listing
   * order: what the articles table's `copy_of` and `similarity` are made from, so that
   * `scanTable` need not read the signatures to find them again.
   */
  copyLinks(): CopyLinks;
}

/**
 * The default store folder of a corpus folder: `.cache/store/<name>` beside it.
 *
 * @example
 * ```ts
 * defaultStoreDir("/home/me/project/data"); // "/home/me/project/.cache/store/data"
 * ```
 */
export function defaultStoreDir(dataDir: string): string {
  const d = dataDir.replace(/\/+$/, "") || "/";
  const slash = d.lastIndexOf("/");
  const parent = slash > 0 ? d.slice(0, slash) : slash === 0 ? "" : ".";
  const name = d.slice(slash + 1) || "corpus";
  return `${parent}/.cache/store/${name}`;
}

function segmentFile(dir: string, table: TableName, segment: number | string): string {
  return `${dir}/${table}/${String(segment).padStart(6, "0")}.parquet`;
}

/** Removes table files that no segment of the manifest names (left by a killed run). */
async function removeOrphans(dir: string, m: StoreManifest): Promise<void> {
  const named = new Set<string>();
  for (const [seg, tables] of Object.entries(m.segments)) {
    for (const t of tables) named.add(segmentFile(dir, t, seg));
  }
  for (const table of TABLE_NAMES) {
    let entries: Deno.DirEntry[] = [];
    try {
      entries = await Array.fromAsync(Deno.readDir(`${dir}/${table}`));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) continue;
      throw e;
    }
    for (const e of entries) {
      const p = `${dir}/${table}/${e.name}`;
      if (!named.has(p)) await Deno.remove(p).catch(() => {});
    }
  }
  for await (const e of Deno.readDir(dir)) {
    if (/^listing-.*\.parquet$/.test(e.name) && e.name !== m.csv?.listing) {
      await Deno.remove(`${dir}/${e.name}`).catch(() => {});
    }
    if (/^copies-.*\.bin$/.test(e.name) && e.name !== m.copies?.file) {
      await Deno.remove(`${dir}/${e.name}`).catch(() => {});
    }
    if (/^journal-.*\.jsonl$/.test(e.name) && e.name !== journalOf(m)) {
      await Deno.remove(`${dir}/${e.name}`).catch(() => {});
    }
  }
}

/** Drops segments no article uses any more, and their files. */
function dropDeadSegments(dir: string, m: StoreManifest): string[] {
  const live = new Set<string>();
  for (const a of Object.values(m.articles)) {
    for (const s of Object.values(a.stages)) if (s) live.add(String(s.segment));
  }
  const dead: string[] = [];
  for (const [seg, tables] of Object.entries(m.segments)) {
    if (live.has(seg)) continue;
    delete m.segments[seg];
    for (const t of tables) dead.push(segmentFile(dir, t, seg));
  }
  return dead;
}

async function writeParquetAtomic(df: pl.DataFrame, path: string): Promise<void> {
  const slash = path.lastIndexOf("/");
  await Deno.mkdir(path.slice(0, slash), { recursive: true });
  const tmp = `${path.slice(0, slash)}/.${path.slice(slash + 1)}.${crypto.randomUUID()}.tmp`;
  try {
    df.writeParquet(tmp);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/** A stored table file that could not be read. */
class CorruptSegment extends Error {
  constructor(readonly path: string, readonly segment: string, cause: unknown) {
    super(`${path}: ${cause instanceof Error ? cause.message : cause}`);
  }
}

/**
 * The live rows of `table`: every segment file's rows whose article's current segment (for the
 * table's stage) is that segment.
 */
function liveRows(
  dir: string,
  m: StoreManifest,
  table: TableName,
  onlyIds?: ReadonlySet<string>,
  only?: readonly string[],
): pl.DataFrame {
  const stage = STAGE_OF[table];
  const bySegment = new Map<string, string[]>();
  // Only the ids asked for are looked up: an export reads a 100,000-article store 2,000 articles
  // at a time, and listing every article for each piece took most of its time.
  for (const id of onlyIds ?? Object.keys(m.articles)) {
    if (!Object.hasOwn(m.articles, id)) continue;
    const a = m.articles[id];
    const s = a.stages[stage];
    if (!s) continue;
    const k = String(s.segment);
    if (!bySegment.has(k)) bySegment.set(k, []);
    bySegment.get(k)!.push(id);
  }
  const parts: pl.DataFrame[] = [];
  const all = analysisColumns(table);
  const columns = only
    ? all.filter(([n]) => n === "article_id" || only.includes(n)).map(([n]) => n)
    : all.map(([n]) => n);
  for (const [seg, ids] of [...bySegment].sort(([a], [b]) => Number(a) - Number(b))) {
    const path = segmentFile(dir, table, seg);
    let df: pl.DataFrame;
    try {
      // Only the columns used are read (an articles file's bodies are most of its bytes).
      df = pl.readParquet(path, { columns });
      const missing = columns.filter((c) => !df.columns.includes(c));
      if (missing.length) throw new Error(`no column ${missing.join(", ")}`);
    } catch (e) {
      throw new CorruptSegment(path, seg, e);
    }
    // The articles table has one row per article: a file whose articles are all live is taken
    // whole (most are: a segment loses articles only when they are analysed again or removed).
    const whole = table === "articles" && df.height === ids.length && !onlyIds;
    df = df.select(...columns);
    parts.push(whole ? df : df.join(idFrame(ids), { on: "article_id", how: "semi" }));
  }
  if (parts.length === 0) return emptyFrame(all.filter(([n]) => columns.includes(n)));
  return parts.length === 1 ? parts[0] : pl.concat(parts, { how: "vertical" });
}

/** The live rows of `table` (as {@linkcode liveRows}) as a lazy scan of its segment files. */
function liveScan(dir: string, m: StoreManifest, table: TableName): pl.LazyDataFrame {
  const stage = STAGE_OF[table];
  const bySegment = new Map<string, string[]>();
  for (const [id, a] of Object.entries(m.articles)) {
    const s = a.stages[stage];
    if (!s) continue;
    const k = String(s.segment);
    if (!bySegment.has(k)) bySegment.set(k, []);
    bySegment.get(k)!.push(id);
  }
  const columns = analysisColumns(table).map(([n]) => n);
  const parts = [...bySegment].sort(([a], [b]) => Number(a) - Number(b)).map(([seg, ids]) =>
    pl.scanParquet(segmentFile(dir, table, seg)).select(...columns)
      .join(idFrame(ids).lazy(), { on: "article_id", how: "semi" })
  );
  if (parts.length === 0) return emptyFrame(analysisColumns(table)).lazy();
  return parts.length === 1 ? parts[0] : pl.concat(parts, { how: "vertical" });
}

/**
 * An article's key for `stage`: the stage's key of the data files, and the key of its outlet's
 * template set when that has template lines (so an outlet's articles are cleaned again, with
 * every later stage, when its template lines change).
 */
function articleStageKey(
  resources: Resources,
  stage: Stage,
  templates: string | undefined,
): string {
  const key = resources.stageKeys[stage];
  return templates ? `${key}+${templates}` : key;
}

/**
 * What besides the text shapes an article's analysis (its title, outlet and url), as a short
 * digest: the manifest keeps one per article and every run compares them.
 */
function contextOf(a: SourceArticle): string {
  return shortDigest(JSON.stringify([a.title, a.meta.outlet, a.meta.url]));
}

function idFrame(ids: readonly string[]): pl.DataFrame {
  return pl.DataFrame([pl.Series("article_id", ids as string[], pl.Utf8)]);
}

/** Whether the store's signature file holds the slots its manifest names (a new one: none). */
async function copyFileHolds(dir: string, f: CopyFile): Promise<boolean> {
  try {
    return (await Deno.stat(`${dir}/${f.file}`)).size >= f.slots * f.k * 4;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return f.slots === 0;
    throw e;
  }
}

/** Articles longer than this (bytes) are analysed on a worker, under the time guard. */
const LONG_ARTICLE = 1_000_000;

interface Pending {
  article: SourceArticle;
  /** Its template candidates. */
  tc: TemplateCandidates;
  /** Stage groups to analyse. */
  stages: Stage[];
}

/**
 * Brings the store up to date with the corpus and returns the corpus tables (identical to
 * `loadCorpus`'s). The corpus is a folder (manifest + article files; the default) or, with
 * `corpus`, a corpus CSV. Only articles whose content, title or stage keys changed are analysed;
 * rows of articles no longer in the corpus are dropped. Prints one line,
 * `store: analysed A of N articles (C cached, R removed) in S s`, and a progress line per batch
 * when more than one batch is analysed. Data files are loaded, and fail with file and line, before
 * the store is touched. Tables are read from the store when first used.
 *
 * @example
 * ```ts
 * const corpus = await openCorpus();
 * corpus.hits.height;
 * corpus.store.line; // "store: analysed 0 of 5 articles (5 cached, 0 removed) in 0.1 s"
 * ```
 */
export async function openCorpus(options: OpenCorpusOptions = {}): Promise<StoredCorpus> {
  options = withCorpusEnvironment(options); // $FRAMING_LAB_CORPUS, $FRAMING_LAB_STORE
  const t0 = performance.now();
  const log = options.log ?? ((l: string) => console.log(l));
  const paths = await corpusResourcePaths(options);
  const dir = (options.store ?? defaultStoreDir(
    options.corpus
      ? options.corpus.replace(/\.[^./]*$/, "")
      : options.manifest === false && options.articlesDir // a folder of text files: beside it
      ? options.articlesDir
      : options.dataDir ?? defaultDataDir(),
  )).replace(/\/+$/, "");
  // Worker threads asked for, and a corpus CSV newer than the store's manifest (so there is
  // probably work): the workers start now, while this thread loads the data files.
  let early: Promise<AnalysisPool> | null = null;
  if (options.corpus && (options.workers ?? 0) > 0) {
    const mtime = (p: string) => Deno.stat(p).then((s) => s.mtime?.getTime() ?? 0, () => null);
    // The manifest's last write: store.json or a line of its journal.
    const journals = await Array.fromAsync(Deno.readDir(dir)).then(
      (es) => es.filter((e) => /^journal-.*\.jsonl$/.test(e.name)).map((e) => `${dir}/${e.name}`),
      () => [] as string[],
    );
    const [csv, ...written] = await Promise.all(
      [options.corpus, `${dir}/store.json`, ...journals].map(mtime),
    );
    const times = written.filter((t): t is number => t !== null);
    const manifest = times.length ? Math.max(...times) : null;
    if (csv !== null && (manifest === null || csv >= manifest)) {
      early = AnalysisPool.start(options.workers!, paths, options.articleTimeoutMs);
      early.catch(() => {}); // awaited (and its error thrown) when used
    }
  }
  /** Stops the early workers when the run fails before they are used. */
  const stop = async (e: unknown): Promise<never> => {
    if (early) await early.then((p) => p.close(), () => {});
    throw e;
  };
  const resources = await loadResources(paths).catch(stop);
  // A corpus CSV is listed under the lock, from the store's listing when the file is unchanged.
  const source = options.corpus ? null : await folderSource(options);
  await Deno.mkdir(dir, { recursive: true }).catch(stop);
  const warnings = [...(source?.warnings ?? [])];
  return await withStoreLock(
    dir,
    options.lockTimeoutMs ?? 120_000,
    (w) => warnings.push(w),
    async () => {
      const settled = options.corpus
        ? settledCorpus(dir, options.corpus, resources, warnings, log, t0)
        : null;
      if (settled) {
        if (early) await early.then((p) => p.close(), () => {});
        return settled;
      }
      for (let attempt = 0;; attempt++) {
        try {
          const started = attempt === 0 ? early : null;
          return await update(dir, resources, paths, source, options, warnings, log, t0, started);
        } catch (e) {
          if (!(e instanceof CorruptSegment) || attempt > 3) throw e;
          warnings.push(`store: ${e.message}: rebuilding the rows it held`);
          await forgetSegment(dir, e.segment);
        }
      }
    },
  ).catch(stop);
}

/** A settled store's manifest, read when first needed, is not the one its record names. */
class ManifestMoved extends Error {
  constructor(dir: string) {
    super(`store: ${dir} was written by another run after this corpus was opened: open it again`);
  }
}

/** The data files' stage keys and hashes as one string (see `SettledStore.keys`). */
function resourcesKey(resources: Resources): string {
  return JSON.stringify([resources.stageKeys, resources.hashes]);
}

/**
 * The corpus of a store whose settled record (`settled.json`) still holds for the corpus CSV at
 * `path` and the data files loaded: nothing to analyse, nothing read but a few stamps. The
 * manifest and the listing are read when a table is first used. Null when the record does not
 * hold (or, for a small corpus, whose tables are read now, a stored file is unreadable: the full
 * run rebuilds its rows).
 */
function settledCorpus(
  dir: string,
  path: string,
  resources: Resources,
  baseWarnings: readonly string[],
  log: (l: string) => void,
  t0: number,
): StoredCorpus | null {
  const s = readSettled(dir);
  if (s === null) return null;
  let real: string;
  try {
    real = Deno.realPathSync(path);
  } catch {
    return null;
  }
  if (!settledHolds(dir, s, { corpus: real, keys: resourcesKey(resources) })) return null;
  const warnings = [...baseWarnings, ...s.warnings];
  let m: StoreManifest | null = null;
  const manifest = (): StoreManifest => {
    if (m) return m;
    const read = readManifestSync(dir, (w) => warnings.push(w));
    if (!sameManifestStamp(manifestStamp(dir, read), s.manifest) || !read.csv) {
      throw new ManifestMoved(dir);
    }
    return (m = read);
  };
  let rows: ArticleSourceRow[] | null = null;
  const sourceRows = (): ArticleSourceRow[] => {
    if (rows) return rows;
    const csv = manifest().csv!;
    const listing = pl.readParquet(`${dir}/${csv.listing}`);
    return (rows = sourceRowsOf(csvSourceFromListing(path, listing, csv.sha256).articles, m!));
  };
  const n = s.articles;
  const seconds = (performance.now() - t0) / 1000;
  const line = `store: analysed 0 of ${n} articles (${n} cached, 0 removed) in ${
    seconds.toFixed(1)
  } s`;
  const corpus = storedCorpusOf({
    dir,
    manifest,
    sourceRows,
    warnings,
    hashes: s.hashes,
    resources,
    run: {
      dir,
      articles: n,
      analysed: 0,
      cached: n,
      removed: 0,
      stages: { text: 0, attributions: 0, framing: 0 },
      skipped: {},
      copies: s.copies,
      seconds,
      line,
    },
  });
  if (n <= 5000) {
    try {
      for (const t of TABLE_NAMES) corpus[t].height;
    } catch (e) {
      if (e instanceof CorruptSegment || e instanceof ManifestMoved) return null;
      throw e;
    }
  }
  log(line);
  return corpus;
}

/** Marks every article whose rows were in `segment` for reanalysis, and drops the segment. */
async function forgetSegment(dir: string, segment: string): Promise<void> {
  const m = await readManifest(dir, () => {});
  for (const [id, a] of Object.entries(m.articles)) {
    if (!STAGES.some((s) => String(a.stages[s]?.segment) === segment)) continue;
    const stages = { ...a.stages };
    for (const s of STAGES) if (String(stages[s]?.segment) === segment) delete stages[s];
    m.articles[id] = { ...a, stages };
  }
  await saveManifest(dir, m);
  for (const t of m.segments[segment] ?? []) {
    await Deno.remove(segmentFile(dir, t, segment)).catch(() => {});
  }
  delete m.segments[segment];
  await saveManifest(dir, m);
}

/**
 * The articles of the corpus CSV as last read, from the store's listing, when every one's rows
 * are stored under the current stage keys (nothing to analyse, so no text is needed); else null.
 * `settled`: the settled record of the last run holds for this manifest and these data files,
 * which vouches for every article without comparing them one by one.
 */
function storedCsvListing(
  dir: string,
  m: StoreManifest,
  path: string,
  resources: Resources,
  settled: boolean,
): SourceListing | null {
  const c = m.csv;
  if (!c) return null;
  if (!settled) { for (const a of Object.values(m.articles)) if (!a.tc) return null; }
  let listing: pl.DataFrame;
  try {
    listing = pl.readParquet(`${dir}/${c.listing}`);
  } catch {
    return null;
  }
  const source = csvSourceFromListing(path, listing, c.sha256);
  if (source.articles.length !== Object.keys(m.articles).length) return null;
  // The settled record of the last run vouches for every article (stored under these keys).
  if (settled) return source;
  /** Each outlet's stage keys (the same for all its articles). */
  const keysOf = new Map<string, string[]>();
  for (const a of source.articles) {
    const stored = m.articles[a.id];
    if (!stored || stored.sha256 !== a.sha256 || stored.context !== contextOf(a)) return null;
    let keys = keysOf.get(a.meta.outlet);
    if (!keys) {
      const templates = m.templates?.[templateOutlet(a.meta.outlet)];
      keys = STAGES.map((s) => articleStageKey(resources, s, templates));
      keysOf.set(a.meta.outlet, keys);
    }
    for (let s = 0; s < STAGES.length; s++) {
      if (stored.stages[STAGES[s]]?.key !== keys[s]) return null;
    }
  }
  return source;
}

async function update(
  dir: string,
  resources: Resources,
  paths: ResourcePaths,
  listed: SourceListing | null,
  options: OpenCorpusOptions,
  baseWarnings: string[],
  log: (l: string) => void,
  t0: number,
  started: Promise<AnalysisPool> | null,
): Promise<StoredCorpus> {
  const warnings = [...baseWarnings];
  const m = await readManifest(dir, (w) => warnings.push(w));
  if (Object.keys(m.segments).length === 0 && Object.keys(m.articles).length) m.articles = {};

  // A cold build of a large corpus starts its workers while the corpus is read.
  const cold = Object.keys(m.articles).length === 0;
  const defaultWorkers = Math.min(2, navigator.hardwareConcurrency || 1);
  let early = started;
  if (!early && cold && options.workers !== 0) {
    const big = listed
      ? listed.articles.length >= 200
      : (await Deno.stat(options.corpus!)).size >= 1 << 20;
    if (big) {
      early = AnalysisPool.start(
        options.workers ?? defaultWorkers,
        paths,
        options.articleTimeoutMs,
      );
      early.catch(() => {}); // awaited (and its error thrown) below
    }
  }
  // The settled record of the last run still holds for this manifest and these data files: every
  // article of the stored listing is stored under the current keys (see `storedCsvListing`).
  const settled = options.corpus && m.csv ? readSettled(dir) : null;
  const held = settled !== null && m.csv !== undefined &&
    settled.keys === resourcesKey(resources) &&
    sameManifestStamp(manifestStamp(dir, m), settled.manifest) &&
    settled.csv.size === m.csv.size && settled.csv.mtime === m.csv.mtime &&
    settled.csv.ino === (m.csv.ino ?? null);
  try {
    const corpus = await updateListed(
      dir,
      resources,
      paths,
      listed,
      options,
      warnings,
      log,
      t0,
      m,
      early,
      0,
      held,
    );
    // Every article of a corpus CSV stored: the next run can tell nothing changed from stamps.
    const stamp = manifestStamp(dir, m);
    const real = options.corpus ? Deno.realPathSync(options.corpus) : null;
    if (real && m.csv && stamp && Object.keys(corpus.store.skipped).length === 0) {
      await writeSettled(dir, {
        format: STORE_FORMAT,
        version: ANALYSIS_VERSION,
        corpus: real,
        csv: { size: m.csv.size, mtime: m.csv.mtime, ino: m.csv.ino ?? null },
        keys: resourcesKey(resources),
        manifest: stamp,
        articles: corpus.store.articles,
        copies: corpus.store.copies,
        hashes: corpus.hashes,
        warnings: corpus.warnings.slice(baseWarnings.length),
      });
    }
    return corpus;
  } catch (e) {
    if (early) await early.then((p) => p.close(), () => {});
    throw e;
  }
}

async function updateListed(
  dir: string,
  resources: Resources,
  paths: ResourcePaths,
  listed: SourceListing | null,
  options: OpenCorpusOptions,
  warnings: string[],
  log: (l: string) => void,
  t0: number,
  m: StoreManifest,
  early: Promise<AnalysisPool> | null,
  analysedBefore = 0,
  settledListing = false,
): Promise<StoredCorpus> {
  // A corpus CSV: from the store's listing when unchanged, else parsed (its listing then stored).
  let source: SourceListing;
  let newCsv: CsvStamp | null = null;
  /** Articles listed from the store's listing (their texts cannot be read). */
  let unreadable = new Set<SourceArticle>();
  /**
   * Articles of a stored listing the settled record vouches for: stored under the current keys,
   * so they need no stages unless their outlet's template lines change.
   */
  let settledArticles = new Set<SourceArticle>();
  /** Parses the whole corpus CSV (when the stored listing cannot be used). */
  let parseCsv = (): Promise<SourceListing> => Promise.reject(new Error("not a corpus CSV"));
  /** The next rows of a corpus CSV read as it is analysed (null at its end); see below. */
  let stream: (() => Promise<SourceArticle[] | null>) | null = null;
  /** An unchanged corpus CSV whose every article is stored under the current keys. */
  let asStored = false;
  if (listed) source = listed;
  else {
    const path = options.corpus!;
    const st = await Deno.stat(path);
    const stamp = {
      size: st.size,
      mtime: st.mtime?.getTime() ?? -1,
      ...(st.ino !== null ? { ino: st.ino } : {}),
    };
    const c = m.csv;
    // Unchanged: the same size, modification time and inode (a file written elsewhere and
    // renamed over it, even with its size and time, is another file).
    const unchanged = c !== undefined && c.size === stamp.size && c.mtime === stamp.mtime &&
      (c.ino ?? null) === (stamp.ino ?? null);
    // Unchanged: the stored listing. Grown by rows at its end: the stored listing and those rows.
    const stored = c && stamp.size >= c.size
      ? storedCsvListing(dir, m, path, resources, settledListing)
      : null;
    const grown = stored && !unchanged && c!.header
      ? await csvAppendedSource(path, { ...c!, articles: stored.articles })
      : null;
    parseCsv = async () => {
      const parsed = await csvSource(path);
      warnings.push(...parsed.warnings);
      const sha256 = parsed.hashes.corpus;
      if (!unchanged || c.sha256 !== sha256 || !c.header) {
        newCsv = {
          ...stamp,
          sha256,
          listing: `listing-${crypto.randomUUID()}.parquet`,
          header: parsed.header!,
        };
        delete m.csv; // no manifest written before the new listing names the old one
      }
      return parsed;
    };
    if (stored && unchanged) {
      source = stored;
      asStored = true;
    } else if (grown) {
      unreadable = new Set(stored!.articles);
      if (settledListing) settledArticles = unreadable;
      source = grown;
      newCsv = {
        ...stamp,
        sha256: grown.hashes.corpus,
        listing: `listing-${crypto.randomUUID()}.parquet`,
        header: grown.header!,
      };
      delete m.csv; // no manifest written before the new listing names the old one
    } else if (Object.keys(m.articles).length === 0 && early !== null) {
      // A cold build with worker threads: the rows are analysed as they are read (the workers
      // take the first batch while this thread reads the next) instead of after the whole file.
      // No outlet's template lines are known until the end; see there.
      const rows = csvSourceStream(path, Math.max(1, options.batchSize ?? 500));
      source = { articles: [], warnings: [], hashes: {} };
      stream = async () => {
        const r = await rows.next();
        if (!r.done) return r.value;
        source.hashes = r.value.hashes;
        source.header = r.value.header;
        newCsv = {
          ...stamp,
          sha256: r.value.hashes.corpus,
          listing: `listing-${crypto.randomUUID()}.parquet`,
          header: r.value.header,
        };
        delete m.csv;
        return null;
      };
    } else source = await parseCsv();
  }
  await removeOrphans(dir, m);

  // Which articles need which stages. First each article's sha256 and template candidates (from
  // the store when its content is unchanged), then its outlet's template set, then its stages.
  const texts = new Map<string, ArticleText>();
  let current = new Set<string>();
  let pending: Pending[] = [];
  let files: Record<string, FileStamp> = {};
  let templateSets = new Map<string, Set<string>>();
  let templateKeys: Record<string, string> = {};
  let dirtyTc = false;
  interface Entry {
    article: SourceArticle;
    sha: string;
    tc: TemplateCandidates;
  }
  /** An article's sha256 (its text read when the store cannot vouch for it) and template candidates. */
  const entryOf = async (article: SourceArticle): Promise<Entry> => {
    const id = article.id;
    current.add(id);
    let sha = article.sha256;
    const st = article.stamp;
    const stamp = st ? m.files[st.path] : undefined;
    if (sha === null && st && stamp && stamp.size === st.size && stamp.mtime === st.mtime) {
      sha = stamp.sha256;
    }
    const stored = m.articles[id];
    // A file is read to know its sha256 (a corpus CSV row's is known: read when analysed).
    let read: ArticleText | undefined;
    if (article.sha256 === null && (sha === null || !stored || stored.sha256 !== sha)) {
      read = await article.read();
      // Held until analysed, unless the corpus is large: 100,000 texts held took GBs of memory,
      // and a file is read again while the workers analyse the batch before its own.
      if (source.articles.length <= KEEP_READ_TEXTS) texts.set(id, read);
      sha = read.sha256;
    }
    if (sha === null) throw new Error(`${article.shownName}: no sha256`); // (never: read above)
    if (st) files[st.path] = { size: st.size, mtime: st.mtime, sha256: sha };
    let tc = stored !== undefined && stored.sha256 === sha ? stored.tc : undefined;
    if (!tc) {
      // A corpus CSV row's text is decoded here and again when analysed (not held meanwhile).
      tc = templateCandidates((read ?? await article.read()).text);
    }
    return { article, sha, tc };
  };
  /** Queues the stages an article needs under the current template keys. */
  const queue = ({ article, sha, tc }: Entry) => {
    const stored = m.articles[article.id];
    const same = stored !== undefined && stored.sha256 === sha &&
      stored.context === contextOf(article);
    if (same && !stored.tc) {
      m.articles[article.id] = { ...stored, tc }; // a store written before template candidates were kept
      dirtyTc = true;
    }
    const stages = STAGES.filter((s) => !same || stored.stages[s]?.key !== stageKeyOf(article, s));
    const sk = m.skipped?.[article.id];
    if (
      sk && !stored && sk.sha256 === sha && sk.context === contextOf(article) &&
      sk.key === skipKeyOf(article) && limitMs <= sk.limitMs
    ) {
      remembered[article.id] = sk.why;
      return;
    }
    if (stages.length) pending.push({ article, stages, tc });
  };
  const templateSetsOf = (entries: readonly Entry[]) =>
    outletTemplateSets(entries.map((a) => ({ outlet: a.article.meta.outlet, ...a.tc })));
  const plan = async () => {
    current = new Set<string>();
    pending = [];
    remembered = {};
    files = {};
    const entries: Entry[] = [];
    for (const article of source.articles) {
      // A corpus CSV row whose content the store holds needs nothing read: no await for each
      // of 100,000 rows.
      const stored = article.sha256 !== null && article.stamp === null
        ? m.articles[article.id]
        : undefined;
      if (stored?.tc && stored.sha256 === article.sha256) {
        current.add(article.id);
        entries.push({ article, sha: article.sha256!, tc: stored.tc });
      } else entries.push(await entryOf(article));
    }
    templateSets = templateSetsOf(entries);
    templateKeys = {};
    for (const [outlet, set] of templateSets) templateKeys[outlet] = templateSetKey(set);
    const heldTemplates = m.templates ?? {};
    for (const e of entries) {
      if (settledArticles.has(e.article)) {
        const o = templateOutlet(e.article.meta.outlet);
        if (templateKeys[o] === heldTemplates[o]) continue;
      }
      queue(e);
    }
  };
  const stageKeyOf = (a: SourceArticle, s: Stage) =>
    articleStageKey(resources, s, templateKeys[templateOutlet(a.meta.outlet)]);
  /** Articles skipped by the time guard in an earlier run, not tried again: id → why. */
  let remembered: Record<string, string> = {};
  const limitMs = options.articleTimeoutMs ?? DEFAULT_ARTICLE_TIMEOUT_MS;
  const skipKeyOf = (a: SourceArticle) => STAGES.map((s) => stageKeyOf(a, s)).join(" ");
  if (asStored) {
    // Nothing to plan: `storedCsvListing` found every article stored under the current keys,
    // template sets included (the candidates they come from are unchanged).
    for (const a of source.articles) current.add(a.id);
    files = m.files;
    templateKeys = { ...(m.templates ?? {}) };
  } else await plan();
  // Rows appended to a corpus CSV changed an outlet's template lines: its earlier articles are
  // cleaned again, so their texts are needed: the whole CSV is parsed.
  if (pending.some((p) => unreadable.has(p.article))) {
    source = await parseCsv();
    await plan();
  }
  /** The rows of a streamed cold build, queued as read (without template lines). */
  const streamed: Entry[] = [];
  const admit = async (article: SourceArticle) => {
    const e = await entryOf(article);
    streamed.push(e);
    queue(e);
  };
  const templatesChanged = JSON.stringify(templateKeys) !== JSON.stringify(m.templates ?? {});
  m.templates = templateKeys;
  const filesChanged = JSON.stringify(files) !== JSON.stringify(m.files) || newCsv !== null;
  m.files = files;
  const removedIds = Object.keys(m.articles).filter((id) => !current.has(id));
  // Copy detection: the states kept before this run, and the articles given a new signature.
  if (!usableCopyFile(m.copies) || !(await copyFileHolds(dir, m.copies))) {
    // No signature file, or one shorter than the manifest says: the slots kept point nowhere;
    // the signatures are taken from the stored articles table again (see `updateCopyLinks`).
    if (m.copies && usableCopyFile(m.copies)) {
      warnings.push(`store: ${dir}/${m.copies.file} is truncated: finding the copy links again`);
    }
    m.copies = newCopyFile();
    for (const [id, a] of Object.entries(m.articles)) {
      if (!a.cp) continue;
      const { cp: _, ...rest } = a;
      m.articles[id] = rest;
    }
  }
  const copyBefore = new Map<string, CopyState>();
  for (const id in m.articles) {
    const cp = m.articles[id].cp;
    if (cp) copyBefore.set(id, cp);
  }
  const copyChanged = new Set<string>();
  const copiesLinked = m.copies.linked;
  for (const id of removedIds) delete m.articles[id];
  for (const id of Object.keys(m.skipped ?? {})) if (!current.has(id)) delete m.skipped![id];

  // Analyse in batches; each batch's files, then (at most every few seconds) the manifest. The
  // workers analyse the next batch while this thread writes the last one.
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const counts: Record<Stage, number> = { text: 0, attributions: 0, framing: 0 };
  let batches = Math.ceil(pending.length / batchSize);
  /** Reads rows of a streamed CSV until batch `b` is complete or the file ends. */
  const readUpTo = async (b: number) => {
    while (stream !== null && pending.length < (b + 1) * batchSize) {
      const rows = await stream();
      if (rows === null) stream = null;
      else {
        for (const a of rows) {
          source.articles.push(a);
          await admit(a);
        }
      }
    }
    batches = Math.ceil(pending.length / batchSize);
  };
  await readUpTo(0);
  // Worker threads for a large batch, and for any long article even in a small one: on a worker,
  // an article that takes longer than the limit is skipped and named instead of hanging the run.
  const long = pending.some((p) => (p.article.size ?? p.article.stamp?.size ?? 0) > LONG_ARTICLE);
  const workers = options.workers ??
    (pending.length >= 200 || stream !== null
      ? Math.min(2, navigator.hardwareConcurrency || 1)
      : long
      ? 1
      : 0);
  let pool: AnalysisPool | null = null;
  if (early) {
    const started = await early;
    if (workers > 0 && batches > 0) pool = started;
    else started.close();
  } else if (workers > 0 && batches > 0) {
    pool = await AnalysisPool.start(workers, paths, options.articleTimeoutMs);
  }
  let lastWrite = performance.now();
  /** How long the last manifest write took: writes are spaced so they cost at most ~5%. */
  let writeMs = 0;
  let dirty = removedIds.length > 0 || filesChanged || templatesChanged || dirtyTc;
  const skipped: Record<string, string> = {};
  interface Prepared {
    batch: Pending[];
    items: WorkItem[];
    textOf: Map<string, ArticleText>;
  }
  const prepare = async (b: number): Promise<Prepared> => {
    const batch = pending.slice(b * batchSize, (b + 1) * batchSize);
    const reuseIds = new Set(
      batch.filter((p) => !p.stages.includes("attributions")).map((p) => p.article.id),
    );
    const reused = reuseIds.size
      ? attributionsFromRows(liveRows(dir, m, "attributions", reuseIds))
      : new Map<string, FieldAttribution[]>();
    const items: WorkItem[] = [];
    const textOf = new Map<string, ArticleText>();
    for (const p of batch) {
      const id = p.article.id;
      const text = texts.get(id) ?? await p.article.read();
      texts.delete(id);
      // Each text is analysed once: let it go (a corpus CSV's rows hold theirs until then).
      p.article.read = () => Promise.reject(new Error(`${p.article.shownName}: already read`));
      textOf.set(id, text);
      items.push({
        id,
        text: text.text,
        title: p.article.title,
        file: p.article.shownName,
        outlet: p.article.meta.outlet,
        url: p.article.meta.url,
        templateLines: templateLinesOf(
          text.text,
          templateSets.get(templateOutlet(p.article.meta.outlet)),
        ),
        attributions: reuseIds.has(id) ? (reused.get(id) ?? []) : undefined,
      });
    }
    return { batch, items, textOf };
  };
  const analyse = (p: Prepared): Promise<WorkResult> => {
    const r = pool ? pool.analyse(p.items) : Promise.resolve(analyseItems(p.items, resources));
    r.catch(() => {}); // awaited below
    return r;
  };
  try {
    let next = batches > 0 ? await prepare(0) : null;
    let running = next ? analyse(next) : null;
    await readUpTo(1); // while the first batch is analysed
    for (let b = 0; b < batches; b++) {
      const { batch, textOf } = next!;
      const result = await running!;
      if (b + 1 < batches) {
        next = await prepare(b + 1);
        running = analyse(next);
      }
      await readUpTo(b + 2); // while the next batch is analysed
      for (const [id, why] of Object.entries(result.skipped)) {
        warnings.push(`store: ${why}`);
        skipped[id] = why;
        const p = batch.find((x) => x.article.id === id)!;
        m.skipped ??= {};
        m.skipped[id] = {
          sha256: textOf.get(id)!.sha256,
          context: contextOf(p.article),
          key: skipKeyOf(p.article),
          limitMs,
          why,
        };
        delete m.articles[id]; // no stale rows of an earlier version of the article
      }
      const frames = result.frames;
      const segment = m.nextSegment++;
      const done = batch.filter((p) => !(p.article.id in result.skipped));
      const needed = new Set<Stage>(done.flatMap((p) => p.stages));
      const segTables: TableName[] = [];
      for (const stage of needed) {
        const ids = done.filter((p) => p.stages.includes(stage)).map((p) => p.article.id);
        const all = ids.length === batch.length;
        for (const table of STAGE_TABLES[stage]) {
          const df = all
            ? frames[table]
            : frames[table].join(idFrame(ids), { on: "article_id", how: "semi" });
          await writeParquetAtomic(df, segmentFile(dir, table, segment));
          segTables.push(table);
        }
      }
      m.segments[String(segment)] = segTables;
      // The signatures of the articles whose text was analysed, appended to the signature file.
      const signed = done.filter((p) => p.stages.includes("text")).map((p) => p.article.id);
      const minhash = new Map(
        (frames.articles.select("article_id", "minhash").toRecords() as Array<
          { article_id: string; minhash: string | null }
        >).map((r) => [r.article_id, r.minhash]),
      );
      const slots = await appendSignatures(
        dir,
        m.copies!,
        signed.map((id) => signatureOfMinhash(minhash.get(id))),
      );
      const slotOf = new Map(signed.map((id, i) => [id, slots[i]]));
      m.copies!.linked = false; // until the links are brought up to date below
      for (const p of done) {
        const id = p.article.id;
        if (m.skipped) delete m.skipped[id];
        const text = textOf.get(id)!;
        const prev = m.articles[id];
        const keep = prev && prev.sha256 === text.sha256 && prev.context === contextOf(p.article)
          ? prev.stages
          : {};
        const stages = { ...keep };
        for (const s of p.stages) {
          stages[s] = { key: stageKeyOf(p.article, s), segment };
          counts[s]++;
        }
        const slot = slotOf.get(id);
        if (slot !== undefined) copyChanged.add(id);
        const cp: CopyState | undefined = slot !== undefined
          ? { slot, ix: -1, pub: p.article.meta.published, of: null, sim: 0 }
          : prev?.cp;
        m.articles[id] = {
          sha256: text.sha256,
          context: contextOf(p.article),
          encoding: text.encoding,
          warnings: [...text.warnings, ...(result.warnings[id] ?? [])],
          stages,
          tc: p.tc,
          ...(cp ? { cp } : {}),
        };
      }
      dirty = true;
      const last = b === batches - 1;
      // The manifest after the first batch and every few seconds; after the last, below (with
      // the copy links).
      if (!last && (b === 0 || performance.now() - lastWrite > Math.max(5000, 20 * writeMs))) {
        const w0 = performance.now();
        await writeManifest(dir, m);
        lastWrite = performance.now();
        writeMs = lastWrite - w0;
        dirty = false;
      }
      if (batches > 1) {
        log(
          `store: batch ${b + 1}/${batches}${stream ? "+" : ""}: ` +
            `${Math.min((b + 1) * batchSize, pending.length)} of ` +
            `${pending.length}${stream ? "+" : ""} articles analysed (${
              ((performance.now() - t0) / 1000).toFixed(1)
            } s)`,
        );
      }
    }
  } finally {
    pool?.close();
  }
  if (newCsv) {
    await writeParquetAtomic(csvListingFrame(source.articles), `${dir}/${newCsv.listing}`);
    m.csv = newCsv;
    dirty = true;
  }
  // Copy links, brought up to date with what changed, then the manifest that names them.
  const present = source.articles.filter((a) => m.articles[a.id] !== undefined);
  const linksHold = m.copies!.linked && copyChanged.size === 0 && removedIds.length === 0 &&
    Object.keys(skipped).length === 0 &&
    present.every((a, i) => {
      const cp = m.articles[a.id].cp;
      return cp !== undefined && cp.ix === i && cp.pub === a.meta.published;
    });
  let droppedCopies: string | null = null;
  if (!linksHold) {
    const r = await updateCopyLinks({
      dir,
      file: m.copies,
      linked: copiesLinked,
      articles: present.map((a) => ({
        id: a.id,
        published: a.meta.published,
        cp: m.articles[a.id].cp,
      })),
      changed: copyChanged,
      before: copyBefore,
      minhashOf: (ids) => {
        const rows = liveRows(dir, m, "articles", new Set(ids), ["minhash"]);
        return new Map(
          (rows.toRecords() as Array<{ article_id: string; minhash: string | null }>)
            .map((r) => [r.article_id, r.minhash]),
        );
      },
    });
    present.forEach((a, i) => {
      const x = m.articles[a.id];
      if (!sameCopyState(x.cp, r.states[i])) m.articles[a.id] = { ...x, cp: r.states[i] };
    });
    m.copies = r.file;
    droppedCopies = r.dropped;
    dirty = true;
  }
  if (dirty) await writeManifest(dir, m);
  if (droppedCopies) await Deno.remove(`${dir}/${droppedCopies}`).catch(() => {});

  // A streamed cold build queued its rows before any outlet's template lines were known: when an
  // outlet has some, its articles are cleaned again now, from the parsed CSV.
  if (streamed.length && templateSetsOf(streamed).size > 0) {
    const parsed = await csvSource(options.corpus!);
    const again = [dir, resources, paths, parsed, options, warnings, log, t0, m, null] as const;
    return await updateListed(...again, pending.length);
  }

  // The tables, read from the store when first used.
  const sourceRows = sourceRowsOf(source.articles, m);
  for (const r of sourceRows) for (const w of m.articles[r.id].warnings) warnings.push(w);
  let copies = 0;
  for (const r of sourceRows) {
    const cp = m.articles[r.id].cp;
    if (resolvedCopyLink(cp?.of, cp?.sim, r.copy_of, r.similarity).copy_of !== null) copies++;
  }
  const n = source.articles.length;
  const seconds = (performance.now() - t0) / 1000;
  // (A second pass over a streamed cold build analysed some of the first pass's articles again.)
  const analysed = Math.max(pending.length, analysedBefore);
  // Articles the time guard skipped in an earlier run are named again, not tried again.
  const again = Object.keys(remembered).filter((id) => !(id in skipped));
  for (const id of again) {
    warnings.push(
      `store: ${remembered[id]} (in an earlier run: not tried again while the article, the ` +
        `data files and the time limit stay the same)`,
    );
  }
  const allSkipped = { ...remembered, ...skipped };
  const nSkipped = Object.keys(allSkipped).length;
  const line = `store: analysed ${analysed} of ${n} articles (${n - analysed - again.length} ` +
    `cached, ${removedIds.length} removed${
      nSkipped ? `, ${nSkipped} skipped by the time guard` : ""
    }) in ${seconds.toFixed(1)} s`;
  log(line);
  const corpus = storedCorpusOf({
    dir,
    manifest: () => m,
    sourceRows: () => sourceRows,
    warnings,
    hashes: { ...source.hashes, ...resources.hashes },
    resources,
    run: {
      dir,
      articles: n,
      analysed,
      cached: n - analysed - again.length,
      removed: removedIds.length,
      stages: counts,
      skipped: allSkipped,
      copies,
      seconds,
      line,
    },
  });
  // Read every table now when the corpus is small; a large one is read table by table on use.
  if (n <= 5000) { for (const t of TABLE_NAMES) corpus[t].height; }
  return corpus;
}

/** The articles table's listing rows of `articles` (those stored in `m`), in corpus order. */
function sourceRowsOf(articles: readonly SourceArticle[], m: StoreManifest): ArticleSourceRow[] {
  const rows: ArticleSourceRow[] = [];
  for (const article of articles) {
    const a = m.articles[article.id];
    if (!a) continue; // skipped by the time guard
    const t = article.meta;
    rows.push({
      id: article.id,
      file: t.file,
      outlet: t.outlet,
      outlet_named: t.outlet_named,
      published: t.published,
      url: t.url,
      language: t.language,
      notes: t.notes,
      sha256: a.sha256,
      encoding: a.encoding,
      copy_of: t.copy_of,
      similarity: t.similarity,
    });
  }
  return rows;
}

/** What {@linkcode storedCorpusOf} makes a corpus of. */
interface CorpusParts {
  dir: string;
  /** The store's manifest (read when first needed by a settled store). */
  manifest: () => StoreManifest;
  /** The listing rows, in corpus order (made when first needed by a settled store). */
  sourceRows: () => ArticleSourceRow[];
  warnings: string[];
  hashes: Record<string, string>;
  resources: Resources;
  run: StoreRun;
}

/** The corpus whose tables are read from the store when first used. */
function storedCorpusOf(p: CorpusParts): StoredCorpus {
  const { dir, manifest } = p;
  let sourceFrame: pl.DataFrame | null = null;
  const copyLinks = (): CopyLinks => {
    const m = manifest();
    const rows = p.sourceRows();
    return {
      copyOf: rows.map((r) => m.articles[r.id].cp?.of ?? null),
      similarity: rows.map((r) => m.articles[r.id].cp?.sim ?? null),
    };
  };
  const cache = new Map<TableName, pl.DataFrame>();
  const table = (t: TableName): pl.DataFrame => {
    let df = cache.get(t);
    if (!df) {
      sourceFrame ??= articleSourceFrame(p.sourceRows());
      const live = liveRows(dir, manifest(), t);
      df = t === "articles"
        ? corpusTable(t, sourceFrame, live, copyLinks())
        : corpusTable(t, sourceFrame, live);
      cache.set(t, df);
    }
    return df;
  };
  const corpus = {
    warnings: p.warnings,
    hashes: p.hashes,
    resources: p.resources,
    store: p.run,
    rowsOf: (t: TableName, ids: readonly string[]) => liveRows(dir, manifest(), t, new Set(ids)),
    scan: (t: TableName) => liveScan(dir, manifest(), t),
    copyLinks,
  } as StoredCorpus;
  Object.defineProperty(corpus, "listing", {
    get: () => (sourceFrame ??= articleSourceFrame(p.sourceRows())),
    enumerable: false,
  });
  for (const t of TABLE_NAMES) {
    Object.defineProperty(corpus, t, { get: () => table(t), enumerable: true });
  }
  return corpus;
}

/** Most articles whose texts, read to know their sha256, are held until they are analysed. */
const KEEP_READ_TEXTS = 5000;

/** Whether two copy states are equal (an unchanged article keeps its manifest object). */
function sameCopyState(a: CopyState | undefined, b: CopyState): boolean {
  return a !== undefined && a.slot === b.slot && a.ix === b.ix && a.pub === b.pub &&
    a.of === b.of && a.sim === b.sim;
}

/** Writes the manifest (after the files it names), then removes the segments no article uses. */
async function writeManifest(dir: string, m: StoreManifest): Promise<void> {
  const dead = dropDeadSegments(dir, m);
  await saveManifest(dir, m);
  for (const p of dead) await Deno.remove(p).catch(() => {});
}
