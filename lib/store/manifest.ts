/**
 * The store's own manifest: which segment holds each article's live rows, under which stage keys,
 * and what the store knows of the corpus (file stamps, the CSV's listing, template sets, copy
 * links, articles the time guard skipped).
 *
 * It is kept as `store.json` (the whole manifest, column by column) and a journal beside it, an
 * append-only file of JSON lines, each holding what changed since the line before (the articles
 * and file stamps set or removed, and the small header). {@linkcode writeManifest} appends a line
 * while the journal stays small next to `store.json`, so a run that adds 100 articles to a
 * 100,000-article store writes those 100, not the 100,000; otherwise it writes `store.json` afresh
 * (temporary file, then rename) naming a new, empty journal. {@linkcode readManifest} reads
 * `store.json`, then the journal it names up to its last whole line: a run killed while
 * appending leaves a partial line, which is ignored (the files it named are orphans, removed by the
 * next run) and cut off before the next append.
 *
 * @module
 */
import { ANALYSIS_VERSION, type Stage } from "../analyse.ts";
import type { TableName } from "../tables/schema.ts";
import type { TemplateCandidates } from "../text/templates.ts";
import type { CopyFile, CopyState } from "./copy_links.ts";
import { atomicWriteText } from "./files.ts";
import { appendJournalLine, readJournalSync } from "../io/journal.ts";

/** The tables of each stage group. */
export const STAGE_TABLES: Readonly<Record<Stage, readonly TableName[]>> = {
  text: ["articles", "paragraphs", "sentences", "quotes", "removed"],
  attributions: ["attributions"],
  framing: ["hits", "mentions", "evaluative"],
};

/** The stage groups, in the order of {@linkcode STAGE_TABLES}. */
export const STAGES: readonly Stage[] = Object.keys(STAGE_TABLES) as Stage[];

/** Format of `store.json`; another format is rebuilt. */
export const STORE_FORMAT = 6;

/** What the store remembers of one article. */
export interface StoredArticle {
  sha256: string;
  /** What besides the text shapes the analysis: manifest title, outlet and url (a digest). */
  context: string;
  encoding: string;
  /** Decoding and cleaning warnings. */
  warnings: string[];
  /**
   * Stage key and segment of the rows of each stage group. The key is the stage's key of the
   * data files, followed by `+` and the key of the outlet's template set when it has template
   * lines (see {@linkcode articleStageKey}).
   */
  stages: Partial<Record<Stage, { key: string; segment: number }>>;
  /** The article's template candidates (hashes of its short lines and of its story). */
  tc?: TemplateCandidates;
  /** Its signature's slot and its copy link (see `copy_links.ts`). */
  cp?: CopyState;
}

/** The file size and modification time a sha256 was computed for. */
export interface FileStamp {
  size: number;
  mtime: number;
  sha256: string;
}

/**
 * A corpus CSV as last read: its size, modification time and sha256, and the file (in the store
 * folder) that holds its listing columns, so that an unchanged CSV is not parsed again.
 */
export interface CsvStamp {
  size: number;
  mtime: number;
  /** The file's inode (absent where the file system has none): a file renamed over it is new. */
  ino?: number;
  sha256: string;
  listing: string;
  /** The CSV's header. */
  header: string[];
}

/** The store's own manifest, `store.json`. */
export interface StoreManifest {
  format: number;
  version: string;
  nextSegment: number;
  /** Segment id → the tables it has a file for. */
  segments: Record<string, TableName[]>;
  articles: Record<string, StoredArticle>;
  files: Record<string, FileStamp>;
  /** The corpus CSV the store was last brought up to date with (CSV corpora only). */
  csv?: CsvStamp;
  /** Key of each outlet's template set ({@linkcode templateSetKey}), for outlets that have one. */
  templates?: Record<string, string>;
  /** The signature file of the copy links. */
  copies?: CopyFile;
  /** Articles the time guard skipped, remembered so that a rerun does not try them again. */
  skipped?: Record<string, SkippedArticle>;
}

/**
 * An article the time guard skipped: under what it was tried (content, context, stage keys and
 * time limit) and the message. It is tried again when any of them changes or the limit is raised.
 */
export interface SkippedArticle {
  sha256: string;
  context: string;
  key: string;
  limitMs: number;
  why: string;
}

export function emptyManifest(): StoreManifest {
  return {
    format: STORE_FORMAT,
    version: ANALYSIS_VERSION,
    nextSegment: 1,
    segments: {},
    articles: {},
    files: {},
  };
}

/**
 * `store.json` as written: the articles (and file stamps) column by column, and the stage keys,
 * which nearly every article shares, once. A manifest of 100,000 articles as one object per
 * article was 51 MB of JSON, written every few seconds of a build and parsed by every run.
 */
export interface ManifestFile {
  format: number;
  version: string;
  nextSegment: number;
  segments: Record<string, TableName[]>;
  csv?: CsvStamp;
  keys: string[];
  articles: {
    id: string[];
    sha256: string[];
    context: string[];
    /** Encoding of each article, where not "utf-8" (by index). */
    encoding: Record<string, string>;
    /** Warnings of each article that has any (by index). */
    warnings: Record<string, string[]>;
    /** Per stage, for each article: index into `keys` and segment (-1, -1 for none). */
    stages: Record<Stage, number[]>;
    /** Template candidates of each article that has them (by index): short line hashes, story. */
    tc: Record<string, [string[], string | null]>;
    /**
     * Copy detection, when every article has its state: signature slot, listing position and
     * date, and the link of each linked article (by index: id, similarity).
     */
    cp?: {
      slot: number[];
      ix: number[];
      pub: (string | null)[];
      of: Record<string, [string, number]>;
    };
  };
  files: { path: string[]; size: number[]; mtime: number[]; sha256: string[] };
  /** Key of each outlet's template set, for outlets that have one. */
  templates?: Record<string, string>;
  copies?: CopyFile;
  skipped?: Record<string, SkippedArticle>;
  /** The journal file whose lines bring this manifest up to date (see `writeManifest`). */
  journal?: string;
}

function manifestText(m: StoreManifest, journal: string): string {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const ids = Object.keys(m.articles);
  const n = ids.length;
  const a: ManifestFile["articles"] = {
    id: ids,
    sha256: new Array(n),
    context: new Array(n),
    encoding: {},
    warnings: {},
    stages: { text: new Array(2 * n), attributions: new Array(2 * n), framing: new Array(2 * n) },
    tc: {},
  };
  const cp = ids.every((id) => m.articles[id].cp !== undefined)
    ? { slot: new Array(n), ix: new Array(n), pub: new Array(n), of: {} }
    : undefined;
  if (cp) a.cp = cp;
  for (let i = 0; i < n; i++) {
    const x = m.articles[ids[i]];
    if (cp) {
      const c = x.cp!;
      cp.slot[i] = c.slot;
      cp.ix[i] = c.ix;
      cp.pub[i] = c.pub;
      if (c.of !== null) (cp.of as Record<string, [string, number]>)[i] = [c.of, c.sim];
    }
    a.sha256[i] = x.sha256;
    a.context[i] = x.context;
    if (x.encoding !== "utf-8") a.encoding[i] = x.encoding;
    if (x.warnings.length) a.warnings[i] = x.warnings;
    if (x.tc) a.tc[i] = [x.tc.lines, x.tc.story];
    for (const stage of STAGES) {
      const st = x.stages[stage];
      let k = -1;
      if (st) {
        k = keyIndex.get(st.key) ?? -1;
        if (k < 0) {
          k = keys.length;
          keys.push(st.key);
          keyIndex.set(st.key, k);
        }
      }
      a.stages[stage][2 * i] = k;
      a.stages[stage][2 * i + 1] = st ? st.segment : -1;
    }
  }
  const paths = Object.keys(m.files);
  const file: ManifestFile = {
    format: m.format,
    version: m.version,
    nextSegment: m.nextSegment,
    segments: m.segments,
    ...(m.csv ? { csv: m.csv } : {}),
    ...(m.templates ? { templates: m.templates } : {}),
    ...(m.copies ? { copies: m.copies } : {}),
    ...(m.skipped && Object.keys(m.skipped).length ? { skipped: m.skipped } : {}),
    journal,
    keys,
    articles: a,
    files: {
      path: paths,
      size: paths.map((p) => m.files[p].size),
      mtime: paths.map((p) => m.files[p].mtime),
      sha256: paths.map((p) => m.files[p].sha256),
    },
  };
  return JSON.stringify(file);
}

/** The manifest of `store.json`'s text (throws when it is not one of this format). */
function parseManifest(text: string): { m: StoreManifest; journal: string | null } {
  const f = JSON.parse(text) as ManifestFile;
  const journal = typeof f.journal === "string" ? f.journal : null;
  const m: StoreManifest = {
    format: f.format,
    version: f.version,
    nextSegment: f.nextSegment,
    segments: f.segments,
    articles: {},
    files: {},
    ...(f.csv ? { csv: f.csv } : {}),
    ...(f.templates ? { templates: f.templates } : {}),
    ...(f.copies ? { copies: f.copies } : {}),
    ...(f.skipped ? { skipped: f.skipped } : {}),
  };
  if (f.format !== STORE_FORMAT || f.version !== ANALYSIS_VERSION) return { m, journal };
  const a = f.articles;
  if (typeof f.segments !== "object" || !Array.isArray(a.id) || !Array.isArray(f.keys)) {
    throw new Error("not a store manifest");
  }
  // Built field by field (no object spread): 100,000 articles are read by every run.
  const stageColumns = STAGES.map((s) => a.stages[s]);
  const noWarnings: string[] = [];
  for (let i = 0; i < a.id.length; i++) {
    const stages: StoredArticle["stages"] = {};
    for (let s = 0; s < STAGES.length; s++) {
      const col = stageColumns[s];
      const k = col[2 * i];
      if (k >= 0) stages[STAGES[s]] = { key: f.keys[k], segment: col[2 * i + 1] };
    }
    const x: StoredArticle = {
      sha256: a.sha256[i],
      context: a.context[i],
      encoding: a.encoding[i] ?? "utf-8",
      warnings: a.warnings[i] ?? noWarnings,
      stages,
    };
    const tc = a.tc?.[i];
    if (tc) x.tc = { lines: tc[0], story: tc[1] };
    if (a.cp) {
      const link = a.cp.of[i];
      x.cp = {
        slot: a.cp.slot[i],
        ix: a.cp.ix[i],
        pub: a.cp.pub[i],
        of: link ? link[0] : null,
        sim: link ? link[1] : 0,
      };
    }
    m.articles[a.id[i]] = x;
  }
  const fl = f.files;
  for (let i = 0; i < fl.path.length; i++) {
    m.files[fl.path[i]] = { size: fl.size[i], mtime: fl.mtime[i], sha256: fl.sha256[i] };
  }
  return { m, journal };
}

/** An article as a journal line holds it: [sha256, context, encoding, warnings, stages, tc, cp]. */
type ArticleRow = [
  string,
  string,
  string,
  string[],
  ([string, number] | null)[],
  [string[], string | null] | null,
  [number, number, string | null, string | null, number] | null,
];

/** One line of the journal: the header, the articles and file stamps set and removed. */
interface JournalLine {
  h: Omit<StoreManifest, "articles" | "files">;
  set: Record<string, ArticleRow>;
  del: string[];
  fset: Record<string, FileStamp>;
  fdel: string[];
}

function articleRow(a: StoredArticle): ArticleRow {
  const c = a.cp;
  return [
    a.sha256,
    a.context,
    a.encoding,
    a.warnings,
    STAGES.map((s) => {
      const st = a.stages[s];
      return st ? [st.key, st.segment] : null;
    }),
    a.tc ? [a.tc.lines, a.tc.story] : null,
    c ? [c.slot, c.ix, c.pub, c.of, c.sim] : null,
  ];
}

function articleOfRow(r: ArticleRow): StoredArticle {
  const stages: StoredArticle["stages"] = {};
  r[4].forEach((st, s) => {
    if (st) stages[STAGES[s]] = { key: st[0], segment: st[1] };
  });
  const a: StoredArticle = { sha256: r[0], context: r[1], encoding: r[2], warnings: r[3], stages };
  if (r[5]) a.tc = { lines: r[5][0], story: r[5][1] };
  if (r[6]) a.cp = { slot: r[6][0], ix: r[6][1], pub: r[6][2], of: r[6][3], sim: r[6][4] };
  return a;
}

function headerOf(m: StoreManifest): JournalLine["h"] {
  const { articles: _a, files: _f, ...h } = m;
  return h;
}

/** What was last written of a manifest: its journal, and the entries as written. */
interface Written {
  journal: string;
  /** Bytes of the journal's whole lines. */
  journalBytes: number;
  /** Characters of `store.json`. */
  baseChars: number;
  /** The article objects as written (an article whose object is another one has changed). */
  articles: WeakSet<StoredArticle>;
  /** The ids as written. */
  ids: string[];
  files: Map<string, FileStamp>;
}

const WRITTEN = new WeakMap<StoreManifest, Written>();

/** A journal may grow to this size whatever the size of `store.json`. */
const JOURNAL_MIN_BYTES = 64 * 1024;

/**
 * The name of the journal of the manifest `m` as last read or written (null for a new store):
 * every other `journal-*.jsonl` file in the store is an orphan.
 *
 * @example
 * ```ts
 * journalOf(await readManifest(dir, console.warn)); // "journal-….jsonl" or null
 * ```
 */
export function journalOf(m: StoreManifest): string | null {
  return WRITTEN.get(m)?.journal ?? null;
}

function remember(
  m: StoreManifest,
  journal: string,
  journalBytes: number,
  baseChars: number,
): void {
  WRITTEN.set(m, {
    journal,
    journalBytes,
    baseChars,
    articles: new WeakSet(Object.values(m.articles)),
    ids: Object.keys(m.articles),
    files: new Map(Object.entries(m.files)),
  });
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.size === b.size && a.mtime === b.mtime && a.sha256 === b.sha256;
}

/**
 * Writes the manifest `m` of the store in `dir`: a journal line with what changed since it was
 * read or last written (an article counts as changed when its object is another one: callers
 * replace an article's object rather than change it), or, when that line would make the journal
 * larger than half of `store.json` (or there is no journal), `store.json` afresh with a new
 * journal. Either way the files the manifest names must be written before.
 *
 * @example
 * ```ts
 * m.articles["a1"] = { ...m.articles["a1"], warnings: [] };
 * await writeManifest(dir, m); // appends one article to the journal
 * ```
 */
export async function writeManifest(dir: string, m: StoreManifest): Promise<void> {
  const w = WRITTEN.get(m);
  if (w) {
    const set: Record<string, ArticleRow> = {};
    const fset: Record<string, FileStamp> = {};
    for (const id in m.articles) {
      const a = m.articles[id];
      if (!w.articles.has(a)) {
        set[id] = articleRow(a);
      }
    }
    const del = w.ids.filter((id) => !Object.hasOwn(m.articles, id));
    for (const p in m.files) {
      if (!sameStamp(w.files.get(p), m.files[p])) {
        fset[p] = m.files[p];
      }
    }
    const fdel = [...w.files.keys()].filter((p) => !Object.hasOwn(m.files, p));
    const line: JournalLine = { h: headerOf(m), set, del, fset, fdel };
    const bytes = new TextEncoder().encode(JSON.stringify(line) + "\n");
    if (w.journalBytes + bytes.length <= Math.max(w.baseChars / 2, JOURNAL_MIN_BYTES)) {
      w.journalBytes = await appendJournalLine(`${dir}/${w.journal}`, w.journalBytes, bytes);
      for (const id in set) w.articles.add(m.articles[id]);
      if (del.length || Object.keys(set).length) w.ids = Object.keys(m.articles);
      for (const p in fset) w.files.set(p, m.files[p]);
      for (const p of fdel) w.files.delete(p);
      return;
    }
  }
  const journal = `journal-${crypto.randomUUID()}.jsonl`;
  const text = manifestText(m, journal);
  await atomicWriteText(`${dir}/store.json`, text);
  if (w) await Deno.remove(`${dir}/${w.journal}`).catch(() => {});
  remember(m, journal, 0, text.length);
}

/**
 * The manifest of the store in `dir`: `store.json` brought up to date by its journal's whole
 * lines. A store without one, or written by another format or version of the analysis, gives an
 * empty manifest (with a warning when there was one), as does an unreadable `store.json`.
 *
 * @example
 * ```ts
 * const m = await readManifest(".cache/store/data", console.warn);
 * Object.keys(m.articles).length; // articles stored
 * ```
 */
export function readManifest(
  dir: string,
  warn: (m: string) => void,
): Promise<StoreManifest> {
  return Promise.resolve().then(() => readManifestSync(dir, warn));
}

/**
 * {@linkcode readManifest}, synchronously (for a settled store whose manifest is read only when a
 * table is first used).
 *
 * @example
 * ```ts
 * const m = readManifestSync(".cache/store/data", console.warn);
 * ```
 */
export function readManifestSync(dir: string, warn: (m: string) => void): StoreManifest {
  let text: string;
  try {
    text = Deno.readTextFileSync(`${dir}/store.json`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return emptyManifest();
    throw e;
  }
  let m: StoreManifest;
  let journal: string | null;
  try {
    ({ m, journal } = parseManifest(text));
    if (m.format !== STORE_FORMAT || m.version !== ANALYSIS_VERSION) {
      warn(
        `store: ${dir} was written by another version of the analysis ` +
          `(${m.version ?? "unknown"}; this is ${ANALYSIS_VERSION}): rebuilding it`,
      );
      return emptyManifest();
    }
    if (typeof m.articles !== "object" || typeof m.segments !== "object" || !journal) {
      throw new Error();
    }
  } catch {
    warn(`store: ${dir}/store.json is unreadable: rebuilding the store`);
    return emptyManifest();
  }
  const read = readJournalSync(`${dir}/${journal}`);
  if (read.bad) {
    warn(
      `store: ${dir}/${journal} has an unreadable line ${read.lines.length + 1}: ` +
        "the store is taken as it was before it",
    );
  }
  for (const raw of read.lines) {
    const line = raw as JournalLine;
    const h = line.h;
    for (const k of ["csv", "templates", "copies", "skipped"] as const) delete m[k];
    Object.assign(m, h);
    for (const id of line.del) delete m.articles[id];
    for (const id in line.set) m.articles[id] = articleOfRow(line.set[id]);
    for (const p of line.fdel) delete m.files[p];
    for (const p in line.fset) m.files[p] = line.fset[p];
  }
  remember(m, journal, read.bytes, text.length);
  return m;
}

/** Where the manifest's files stand: `store.json` and its journal (see {@linkcode manifestStamp}). */
export interface ManifestStamp {
  size: number;
  mtime: number;
  /** The journal's name: new with every `store.json` written, so it tells one apart from another. */
  journal: string;
  journalSize: number;
  journalMtime: number;
}

/**
 * The stamp of the manifest `m` as last read or written in `dir` (null when it was neither):
 * any later write of the manifest, a journal line or a new `store.json`, changes it.
 *
 * @example
 * ```ts
 * const m = await readManifest(dir, console.warn);
 * manifestStamp(dir, m)?.journal; // "journal-….jsonl"
 * ```
 */
export function manifestStamp(dir: string, m: StoreManifest): ManifestStamp | null {
  const journal = journalOf(m);
  return journal === null ? null : currentManifestStamp(dir, journal);
}

/**
 * The stamp of the manifest in `dir` as it is on disk now, for comparing with a kept
 * {@linkcode manifestStamp} without reading the manifest (null when there is none).
 *
 * @example
 * ```ts
 * currentManifestStamp(dir, "journal-x.jsonl");
 * ```
 */
export function currentManifestStamp(dir: string, journal: string): ManifestStamp | null {
  try {
    const s = Deno.statSync(`${dir}/store.json`);
    let j: Deno.FileInfo | null = null;
    try {
      j = Deno.statSync(`${dir}/${journal}`);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    return {
      size: s.size,
      mtime: s.mtime?.getTime() ?? -1,
      journal,
      journalSize: j?.size ?? 0,
      journalMtime: j?.mtime?.getTime() ?? -1,
    };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}
