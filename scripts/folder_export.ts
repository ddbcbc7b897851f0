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

/** Rows converted to JS values at a time, so memory stays bounded on a large corpus. */
const CHUNK_ROWS = 100_000;

/**
 * The rows of a table, article by article, read in chunks of rows: the corpus tables are sorted
 * by article in listing order, so one pass hands each article its rows.
 */
export class ArticleRows {
  readonly #df: pl.DataFrame;
  readonly #names: readonly string[];
  readonly #chunkRows: number;
  #next = 0;
  #cols: Record<string, unknown[]> = {};
  #at = 0;
  #len = 0;
  constructor(df: pl.DataFrame, names: readonly string[], chunkRows: number = CHUNK_ROWS) {
    this.#df = df;
    this.#names = ["article_id", ...names];
    this.#chunkRows = Math.max(1, chunkRows);
  }
  #load(): boolean {
    if (this.#next >= this.#df.height) return false;
    const chunk = this.#df.slice(this.#next, this.#chunkRows);
    this.#cols = Object.fromEntries(
      this.#names.map((n) => [n, chunk.getColumn(n).toArray() as unknown[]]),
    );
    this.#next += chunk.height;
    this.#at = 0;
    this.#len = chunk.height;
    return true;
  }
  /**
   * The rows of article `id`. Articles must be asked for in listing order, every one of them.
   */
  take(id: string): Row[] {
    const out: Row[] = [];
    for (;;) {
      if (this.#at >= this.#len && !this.#load()) break;
      if (this.#cols.article_id[this.#at] !== id) break;
      const row: Row = {};
      for (const n of this.#names) row[n] = this.#cols[n][this.#at];
      out.push(row);
      this.#at++;
    }
    return out;
  }
}

/** One article's mapping of offsets to its file. */
export interface ArticleFile {
  id: string;
  offsets: FileOffsets;
  /** Title rows left out (set by `toLines`): cleaning changed the title line before their span. */
  titleLeftOut: number;
}

/**
 * Writes the JSONL lines `toLines` makes of each article's rows (articles in listing order, those
 * with rows in `rows` only) to stdout, and returns how many. `toLines` gets the article's
 * offsets into its file as stored: the file is read (UTF-8, BOM and line ends kept) only for
 * articles with rows. Title rows whose text is not at their offsets in the title line (cleaning
 * collapsed spaces before them) are left out by `toLines`, counted in `titleLeftOut`, and named on
 * stderr. `ids` are the articles in listing order (the files of the folder).
 */
export async function writeArticleLines(
  dir: string,
  ids: readonly string[],
  corpus: StoredCorpus,
  rows: ArticleRows,
  toLines: (file: ArticleFile, rows: Row[]) => string[],
): Promise<number> {
  const paragraphs = new ArticleRows(corpus.paragraphs, ["start", "end", "file_start", "file_end"]);
  const removed = new ArticleRows(corpus.removed, ["line", "category"]);
  const base = dir.replace(/\/+$/, "") || "/";
  // openFolder checked that every file is UTF-8 when the store read it.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  const encoder = new TextEncoder();
  let out: string[] = [];
  let pending = 0;
  let n = 0;
  const flush = async () => {
    if (out.length > 0) await writeStdout(encoder.encode(out.join("")));
    out = [];
    pending = 0;
  };
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const mine = rows.take(id);
    const ps = paragraphs.take(id);
    const rs = removed.take(id);
    if (mine.length === 0) continue;
    let text: string;
    try {
      text = decoder.decode(await Deno.readFile(`${base}/${id}`));
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
    const titleRow = rs.find((r) => r.category === "title");
    const title = titleRow === undefined ? null : { line: Number(titleRow.line) };
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
    const chunk = lines.join("\n") + "\n";
    out.push(chunk);
    pending += chunk.length;
    if (pending > 1 << 20) await flush();
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
