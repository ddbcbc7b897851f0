/**
 * What `deno task hits` and `deno task attributions` share: a folder of `*.txt` files opened
 * through the store (`openCorpus` with `manifest: false`, so both exports reuse one cached
 * analysis), and each article's rows with their offsets mapped to code points of the file as
 * stored (see `lib/tables/file_offsets.ts`).
 *
 * @module
 */
import pl from "nodejs-polars";
import { parseCsv } from "../lib/io/csv.ts";
import { csvField } from "../lib/ingest/manifest_write.ts";
import { listTextFiles, readSummary, readUtf8, type TextFileList } from "../lib/io/textfiles.ts";
import { atomicWriteText } from "../lib/store/files.ts";
import { defaultStoreDir, openCorpus, type StoredCorpus } from "../lib/store/store.ts";
import { type FileOffsets, fileOffsets } from "../lib/tables/file_offsets.ts";
import type { TableName } from "../lib/tables/schema.ts";
import { corpusResourcePaths } from "../lib/tables/corpus.ts";

/** Options both exports take. */
export interface FolderOptions {
  dir: string;
  /** The store's folder (default `.cache/store/<name>` beside DIR; `-no-clean` appended without cleaning). */
  store?: string;
  /** Framing lexicon instead of the default one. */
  lexicon?: string;
  /** Apply the page-debris rules (default true). */
  clean: boolean;
}

/** Rule actions kept by `--no-clean`: the title line and paragraph kinds. */
const KEPT_WITHOUT_CLEANING = new Set(["title", "bullet", "subheading"]);

/**
 * The cleaning rules without any page-debris rule: the header and the rows whose action is
 * `title`, `bullet` or `subheading` of `rulesText` (a cleaning-rules CSV).
 *
 * @example
 * ```ts
 * noCleanRules("id,category,match,pattern,action,ignore_case,note\nx,c,exact,Ad,drop,,\n", "r.csv");
 * // "id,category,match,pattern,action,ignore_case,note\n"
 * ```
 */
export function noCleanRules(rulesText: string, file: string): string {
  const t = parseCsv(rulesText, file);
  const action = t.header.indexOf("action");
  if (action < 0) throw new Error(`${file} line ${t.headerLine}: no column 'action'`);
  const rows = t.rows.filter((r) => KEPT_WITHOUT_CLEANING.has(r.fields[action].trim()));
  return [t.header, ...rows.map((r) => r.fields)].map((f) => f.map(csvField).join(",")).join(
    "\n",
  ) + "\n";
}

/** cleanArticle's warning that a file has no title line. */
const NO_TITLE = /: no title — the first line is body text/;

/** The store's warning that a file is not UTF-8. */
const NOT_UTF8 = /: not valid UTF-8 \(first bad byte .*; decoded as Windows-1252/;

/** An opened folder: the listing (for the read summary) and the corpus from the store. */
export interface OpenedFolder {
  files: TextFileList;
  corpus: StoredCorpus;
}

/**
 * Lists DIR (errors name it), brings its store up to date (the store line and any warnings go to
 * stderr) and fails, before anything is written, on a file that is not UTF-8: its offsets would
 * count the code points of another decoding than the one brat or spaCy read.
 */
export async function openFolder(o: FolderOptions): Promise<OpenedFolder> {
  const dir = o.dir.replace(/\/+$/, "") || "/";
  const files = await listTextFiles(dir);
  const store = o.store ?? defaultStoreDir(await Deno.realPath(dir)) + (o.clean ? "" : "-no-clean");
  let rules: string | undefined;
  if (!o.clean) {
    const from = (await corpusResourcePaths({})).rules!;
    rules = `${store.replace(/\/+$/, "")}/no_clean_rules.csv`;
    const text = noCleanRules(await Deno.readTextFile(from), from);
    await Deno.mkdir(store, { recursive: true });
    const old = await Deno.readTextFile(rules).catch(() => null);
    if (old !== text) await atomicWriteText(rules, text);
  }
  const corpus = await openCorpus({
    articlesDir: dir,
    manifest: false,
    store,
    lexicon: o.lexicon,
    rules,
    log: (l) => console.error(l),
  });
  // The store reads a file that is not UTF-8 as Windows-1252 and says so (lib/io/decode.ts).
  const bad = corpus.warnings.filter((w) => NOT_UTF8.test(w));
  if (bad.length > 0) {
    throw new Error(
      bad[0].replace(/; decoded as Windows-1252.*$/, "") + " — convert it to UTF-8" +
        (bad.length > 1 ? ` (and ${bad.length - 1} more files not UTF-8)` : "") +
        "; nothing was written",
    );
  }
  // "No title" is said per file with advice about a manifest column; without a manifest, count it.
  const untitled = corpus.warnings.filter((w) => NO_TITLE.test(w)).length;
  const warnings = corpus.warnings.filter((w) => !NO_TITLE.test(w));
  const shown = warnings.slice(0, 10);
  for (const w of shown) console.error(`warning: ${w}`);
  if (warnings.length > shown.length) {
    console.error(`… and ${warnings.length - shown.length} more warnings`);
  }
  if (untitled > 0) {
    console.error(
      `${untitled} file${untitled === 1 ? " has" : "s have"} no title line (the first line does ` +
        `not look like a title: it is body text)`,
    );
  }
  return { files, corpus };
}

/** One row of a table: its values by column name. */
export type Row = Record<string, unknown>;

/** A table an export writes: its columns, and the order of an article's rows. */
export interface ExportTable {
  table: TableName;
  /** Columns handed to `toLines` (besides `article_id`). */
  columns: readonly string[];
  /**
   * Sort keys within an article, as the corpus tables order them (`corpusTable` in
   * lib/tables/corpus.ts): numeric columns, or `__field` (title rows before body rows); rows that
   * tie keep the order the analysis gave.
   */
  within: readonly string[];
}

/**
 * The rows of `df` (a table's rows with `article_id`, any order of articles, each article's rows
 * in the order the analysis gave them) grouped by article, each group sorted by `t.within`, each
 * row holding `article_id` and `t.columns`.
 *
 * @example
 * ```ts
 * const df = pl.DataFrame({ article_id: ["b", "a", "b"], paragraph: [1, 0, 0], start: [5, 0, 0] });
 * rowsByArticle(df, { table: "paragraphs", columns: ["start"], within: ["paragraph"] }).get("b");
 * // [{ article_id: "b", start: 0 }, { article_id: "b", start: 5 }]
 * ```
 */
export function rowsByArticle(df: pl.DataFrame, t: ExportTable): Map<string, Row[]> {
  const keys = t.within.map((k) => k === "__field" ? "field" : k);
  const names = [...new Set(["article_id", ...t.columns, ...keys])];
  const cols = names.map((n) => df.getColumn(n).toArray() as unknown[]);
  const ids = cols[0] as string[];
  const kept = names.map((n, c) => c === 0 || t.columns.includes(n));
  const keyCols = keys.map((k) => cols[names.indexOf(k)]);
  const out = new Map<string, Row[]>();
  const sortKeys = new Map<Row, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) if (kept[c]) row[names[c]] = cols[c][i];
    sortKeys.set(
      row,
      t.within.map((k, j) =>
        k === "__field" ? (keyCols[j][i] === "body" ? 1 : 0) : Number(keyCols[j][i])
      ),
    );
    let group = out.get(ids[i]);
    if (!group) out.set(ids[i], group = []);
    group.push(row);
  }
  if (keys.length > 0) {
    const byKeys = (a: Row, b: Row) => {
      const ka = sortKeys.get(a)!;
      const kb = sortKeys.get(b)!;
      for (let j = 0; j < ka.length; j++) if (ka[j] !== kb[j]) return ka[j] - kb[j];
      return 0; // the sort is stable: ties keep the analysis order
    };
    for (const group of out.values()) if (group.length > 1) group.sort(byKeys);
  }
  return out;
}

/** Articles whose rows are read from the store and written at a time. */
const CHUNK_ARTICLES = 2000;

/** Files read at once (the reads overlap each other and the writing of the previous chunk). */
const READS_IN_FLIGHT = 16;

/** Reads `paths` with at most `limit` reads in flight; the bytes in the order of `paths`. */
export async function readFiles(
  paths: readonly string[],
  limit: number = READS_IN_FLIGHT,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array(paths.length);
  let next = 0;
  const reader = async () => {
    while (next < paths.length) {
      const i = next++;
      out[i] = await Deno.readFile(paths[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, paths.length) }, reader));
  return out;
}

/** One article's mapping of offsets to its file. */
export interface ArticleFile {
  id: string;
  offsets: FileOffsets;
  /** Title rows left out (set by `toLines`): cleaning changed the title line before their span. */
  titleLeftOut: number;
}

const PARAGRAPHS: ExportTable = {
  table: "paragraphs",
  columns: ["start", "end", "file_start", "file_end"],
  within: ["paragraph"],
};
const REMOVED: ExportTable = { table: "removed", columns: ["line", "category"], within: ["line"] };

/** One chunk of articles: their rows, and the bytes of the files of those with rows. */
interface Chunk {
  /** The chunk's articles with rows, in listing order. */
  ids: readonly string[];
  /** Articles in the chunk, with or without rows. */
  size: number;
  rows: Map<string, Row[]>;
  paragraphs: Map<string, Row[]>;
  /** The line of each article's title (from the removed table), by id. */
  titles: Map<string, number>;
  files: Promise<Map<string, Uint8Array>>;
}

/** Options of {@linkcode writeArticleLines}. */
export interface WriteOptions {
  /** Articles read from the store at a time (default 2,000). */
  chunkArticles?: number;
  /** Where the lines go (default stdout). */
  write?: (bytes: Uint8Array) => Promise<void>;
}

/**
 * Writes the JSONL lines `toLines` makes of each article's rows of `table` (articles in listing
 * order, those with rows only) to stdout, and returns how many. The rows are read from the store
 * a chunk of articles at a time (`corpus.rowsOf`), the next chunk's files read while this one is
 * written. `toLines` gets the article's offsets into its file as stored: the file is read (UTF-8,
 * BOM and line ends kept) only for articles with rows. Title rows whose text is not at their
 * offsets in the title line (cleaning collapsed spaces before them) are left out by `toLines`,
 * counted in `titleLeftOut`, and named on stderr. `ids` are the articles in listing order (the
 * files of the folder).
 *
 * @example
 * ```ts
 * const { files, corpus } = await openFolder({ dir: "corpus/", clean: true });
 * const table = { table: "hits", columns: ["term"], within: ["__field", "start", "end"] } as const;
 * await writeArticleLines("corpus/", files, corpus, table, (f, rows) => rows.map((r) => f.id));
 * ```
 */
export async function writeArticleLines(
  dir: string,
  ids: readonly string[],
  corpus: Pick<StoredCorpus, "rowsOf">,
  table: ExportTable,
  toLines: (file: ArticleFile, rows: Row[]) => string[],
  options: WriteOptions = {},
): Promise<number> {
  const chunkArticles = options.chunkArticles ?? CHUNK_ARTICLES;
  const write = options.write ?? writeStdout;
  const base = dir.replace(/\/+$/, "") || "/";
  const chunk = (from: number): Chunk => {
    const part = ids.slice(from, from + Math.max(1, chunkArticles));
    const of = (t: ExportTable) => rowsByArticle(corpus.rowsOf(t.table, part), t);
    const rows = of(table);
    const titles = new Map<string, number>();
    for (const [id, rs] of of(REMOVED)) {
      const title = rs.find((r) => r.category === "title");
      if (title) titles.set(id, Number(title.line));
    }
    const withRows = part.filter((id) => rows.has(id));
    const files = readFiles(withRows.map((id) => `${base}/${id}`)).then((bytes) =>
      new Map(withRows.map((id, i) => [id, bytes[i]]))
    );
    files.catch(() => {}); // awaited (and its error thrown) when the chunk is written
    return { ids: withRows, size: part.length, rows, paragraphs: of(PARAGRAPHS), titles, files };
  };
  // openFolder checked that every file is UTF-8 when the store read it.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  const encoder = new TextEncoder();
  let out: string[] = [];
  let pending = 0;
  let n = 0;
  const flush = async () => {
    if (out.length > 0) await write(encoder.encode(out.join("")));
    out = [];
    pending = 0;
  };
  let next: Chunk | null = ids.length > 0 ? chunk(0) : null;
  for (let from = 0; next !== null;) {
    const c: Chunk = next;
    const texts = await c.files;
    from += c.size;
    next = from < ids.length ? chunk(from) : null; // its files are read while this one is written
    for (const id of c.ids) {
      const mine = c.rows.get(id)!;
      const ps = c.paragraphs.get(id) ?? [];
      let text: string;
      try {
        text = decoder.decode(texts.get(id));
      } catch (e) {
        if (!(e instanceof TypeError)) throw e;
        await readUtf8(`${base}/${id}`); // throws naming the file and the byte
        throw e;
      }
      const spans = ps.map((r) => ({
        start: Number(r.start),
        end: Number(r.end),
        file_start: Number(r.file_start),
        file_end: Number(r.file_end),
      }));
      const line = c.titles.get(id);
      const title = line === undefined ? null : { line };
      const file: ArticleFile = { id, offsets: fileOffsets(text, spans, title), titleLeftOut: 0 };
      const lines = toLines(file, mine);
      if (file.titleLeftOut > 0) {
        console.error(
          `warning: ${id}: ${file.titleLeftOut} title row(s) left out — ` +
            (file.offsets.titleProblem ??
              `cleaning changed the title line (spaces collapsed or entities replaced) before ` +
                `their span, so their offsets do not point into the file`),
        );
      }
      if (lines.length === 0) continue;
      n += lines.length;
      const block = lines.join("\n") + "\n";
      out.push(block);
      pending += block.length;
      if (pending > 1 << 20) await flush();
    }
  }
  await flush();
  return n;
}

/** Writes all of `bytes` to stdout. */
export async function writeStdout(bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await Deno.stdout.write(bytes.subarray(off));
}

export { readSummary };
