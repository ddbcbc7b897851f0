/**
 * Where a store's articles come from: a corpus folder (manifest + article files) or a corpus CSV
 * (one article per row). Both give the same list of articles, each with its listing columns, its
 * content hash when known without reading, and a way to read its text.
 *
 * @module
 */
import { createHash } from "node:crypto";
import pl from "nodejs-polars";
import { checkCorpusRows, type CorpusColumns, corpusColumns } from "../io/corpus_csv.ts";
import { readCsvBatches } from "../io/csv.ts";
import { sha256OfFile } from "../io/hash.ts";
import { isOutletNamed } from "../io/manifest.ts";
import {
  type ArticleMeta,
  type ArticleText,
  listCorpus,
  type LoadCorpusOptions,
  readArticle,
} from "../tables/corpus.ts";

export type { ArticleMeta };

/** One article of a source. */
export interface SourceArticle {
  id: string;
  /** Title from the manifest or CSV (wins over the text's own title line), or null. */
  title: string | null;
  /** The file (or `corpus.csv line N`) as named in messages. */
  shownName: string;
  meta: ArticleMeta;
  /** sha256 of the content when known without reading it (a CSV row's text), else null. */
  sha256: string | null;
  /** A file's path, size and modification time, to reuse a stored sha256 without reading it. */
  stamp: { path: string; size: number; mtime: number } | null;
  /** The text's size in bytes when known without reading it (a CSV row's). */
  size?: number;
  /** The CSV line of a corpus CSV's row (absent for a folder's articles). */
  line?: number;
  /** Reads and decodes the article. */
  read(): Promise<ArticleText>;
}

/** The articles of a corpus and what was noticed listing them. */
export interface SourceListing {
  articles: SourceArticle[];
  warnings: string[];
  /** sha256 of the listing file (`manifest` or `corpus`). */
  hashes: Record<string, string>;
  /** A corpus CSV's header (column names). */
  header?: string[];
}

/**
 * The articles of a corpus folder (see `listCorpus`): manifest rows, then unlisted files.
 *
 * @example
 * ```ts
 * const { articles } = await folderSource({ dataDir: "data" });
 * ```
 */
export async function folderSource(options: LoadCorpusOptions = {}): Promise<SourceListing> {
  const listing = await listCorpus(options);
  const articles: SourceArticle[] = [];
  for (const a of listing.articles) {
    let stamp: SourceArticle["stamp"] = null;
    try {
      const st = Deno.statSync(a.path); // 10× cheaper than awaiting Deno.stat per file
      if (st.isFile) stamp = { path: a.path, size: st.size, mtime: st.mtime?.getTime() ?? -1 };
    } catch {
      stamp = null;
    }
    const { entry } = a;
    articles.push({
      id: entry.id,
      title: entry.title ?? null,
      shownName: a.shownName,
      meta: {
        file: entry.file,
        outlet: entry.outlet,
        outlet_named: entry.outlet_named,
        published: entry.published,
        url: entry.url,
        language: entry.language,
        notes: entry.notes,
        ...a.link,
      },
      sha256: null,
      stamp,
      read: () => readArticle(a, listing),
    });
  }
  return {
    articles,
    warnings: [...listing.warnings],
    hashes: { manifest: listing.manifestSha256 },
  };
}

/**
 * The articles of a corpus CSV (columns id, outlet, published, text; title optional), checked
 * row by row (empty or duplicate ids, dates that are not YYYY-MM-DD name the line). The texts are
 * held in memory; each row's sha256 is that of its text.
 *
 * @example
 * ```ts
 * const { articles } = await csvSource("corpus.csv");
 * ```
 */
export async function csvSource(path: string): Promise<SourceListing> {
  const articles: SourceArticle[] = [];
  const seen = new Map<string, number>();
  let cols: CorpusColumns | null = null;
  let header: string[] | null = null;
  const name = path.slice(path.lastIndexOf("/") + 1);
  for await (const batch of readCsvBatches(path)) {
    header ??= batch.header;
    cols ??= corpusColumns(batch.header, path);
    checkCorpusRows(batch, cols, path, seen);
    for (let r = 0; r < batch.rows.length; r++) {
      articles.push(csvArticle(batch.rows[r], cols, name, batch.lines[r]));
    }
  }
  if (cols === null) throw new Error(`${path}: no header line — the corpus CSV is empty`);
  return {
    articles,
    warnings: [],
    hashes: { corpus: await sha256OfFile(path) },
    header: header!,
  };
}

/**
 * The articles of a corpus CSV as {@linkcode csvSource} lists them, a batch of rows at a time, so
 * that a caller can work on the first rows while the rest are read. Returns the file's sha256 and
 * header at the end. A row that fails the checks throws (naming its line) when its batch is read.
 *
 * @example
 * ```ts
 * const rows = csvSourceStream("corpus.csv", 500);
 * for (let r = await rows.next(); !r.done; r = await rows.next()) console.log(r.value.length);
 * ```
 */
export async function* csvSourceStream(
  path: string,
  batchSize: number,
): AsyncGenerator<SourceArticle[], { hashes: Record<string, string>; header: string[] }> {
  const seen = new Map<string, number>();
  let cols: CorpusColumns | null = null;
  let header: string[] | null = null;
  const name = path.slice(path.lastIndexOf("/") + 1);
  for await (const batch of readCsvBatches(path, { batchSize })) {
    header ??= batch.header;
    cols ??= corpusColumns(batch.header, path);
    checkCorpusRows(batch, cols, path, seen);
    const out: SourceArticle[] = new Array(batch.rows.length);
    for (let r = 0; r < batch.rows.length; r++) {
      out[r] = csvArticle(batch.rows[r], cols, name, batch.lines[r]);
    }
    yield out;
  }
  if (cols === null) throw new Error(`${path}: no header line — the corpus CSV is empty`);
  return { hashes: { corpus: await sha256OfFile(path) }, header: header! };
}

/** The article of one corpus CSV row (checked by `checkCorpusRows`). */
function csvArticle(row: string[], cols: CorpusColumns, name: string, line: number): SourceArticle {
  const outlet = detached(row[cols.outlet].trim()) || "unknown";
  const published = detached(row[cols.published].trim()) || null;
  const title = cols.title >= 0 ? (detached(row[cols.title].trim()) || null) : null;
  // The text is held as UTF-8 bytes until read: outside the JavaScript heap, and half the size
  // of a string with characters beyond Latin-1, so a large corpus fits the heap.
  const bytes = UTF8.encode(row[cols.text]);
  const sha = createHash("sha256").update(bytes).digest("hex");
  const size = bytes.length;
  return {
    id: detached(row[cols.id].trim()),
    title,
    shownName: `${name} line ${line}`,
    meta: {
      file: name,
      outlet,
      outlet_named: isOutletNamed(outlet),
      published,
      url: null,
      language: null,
      notes: null,
      copy_of: null,
      similarity: null,
    },
    sha256: sha,
    stamp: null,
    size,
    line,
    read: () =>
      Promise.resolve({
        text: UTF8_DECODER.decode(bytes),
        encoding: "utf-8",
        sha256: sha,
        warnings: [],
      }),
  };
}

/**
 * A copy of `s` that does not point into the string it was cut from: V8 keeps a whole read chunk
 * of the CSV alive for any longer slice of it, which for a large corpus is the whole file.
 */
function detached(s: string): string {
  return s.length < 13 ? s : JSON.parse(JSON.stringify(s));
}

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/** A corpus CSV as read before: its size, sha256, header and articles (in file order). */
export interface CsvBefore {
  size: number;
  sha256: string;
  header: string[];
  articles: readonly SourceArticle[];
}

/**
 * The articles of a corpus CSV that only grew since it was read as `before`: when the file's
 * first `before.size` bytes still have the sha256 `before.sha256` (and end with a line break),
 * only the rows after them are parsed and checked (ids unique across the whole file, dates), and
 * the listing is `before.articles` followed by them. Null when the file changed otherwise or the
 * new rows do not parse (read the whole file then, for its error).
 *
 * @example
 * ```ts
 * const grown = await csvAppendedSource("corpus.csv", before);
 * ```
 */
export async function csvAppendedSource(
  path: string,
  before: CsvBefore,
): Promise<SourceListing | null> {
  const hash = createHash("sha256");
  let prefixSha = "";
  let lineBreaks = 0; // in the first before.size bytes
  let lastByte = -1;
  let size = 0;
  const file = await Deno.open(path, { read: true });
  try {
    const chunk = new Uint8Array(4 << 20);
    for (;;) {
      const n = await file.read(chunk);
      if (n === null) break;
      const part = chunk.subarray(0, n);
      if (size < before.size) {
        const inPrefix = part.subarray(0, Math.min(n, before.size - size));
        for (let i = inPrefix.indexOf(10); i >= 0; i = inPrefix.indexOf(10, i + 1)) lineBreaks++;
        hash.update(inPrefix);
        if (size + n >= before.size) {
          lastByte = inPrefix[inPrefix.length - 1];
          prefixSha = hash.copy().digest("hex");
          if (prefixSha !== before.sha256) return null;
          hash.update(part.subarray(inPrefix.length));
        }
      } else hash.update(part);
      size += n;
    }
  } finally {
    file.close();
  }
  if (size <= before.size || prefixSha !== before.sha256 || lastByte !== 10) return null;
  const sha256 = hash.digest("hex");
  const name = path.slice(path.lastIndexOf("/") + 1);
  const cols = corpusColumns(before.header, path);
  const seen = new Map<string, number>(before.articles.map((a) => [a.id, a.line ?? 0]));
  const articles: SourceArticle[] = [...before.articles];
  try {
    for await (
      const batch of readCsvBatches(path, {
        range: { start: before.size, end: size, header: before.header },
      })
    ) {
      const lines = batch.lines.map((l) => l + lineBreaks);
      checkCorpusRows({ rows: batch.rows, lines }, cols, path, seen);
      for (let r = 0; r < batch.rows.length; r++) {
        articles.push(csvArticle(batch.rows[r], cols, name, lines[r]));
      }
    }
  } catch {
    return null;
  }
  return { articles, warnings: [], hashes: { corpus: sha256 }, header: before.header };
}

/** Columns of a corpus CSV's stored listing (see {@linkcode csvListingFrame}). */
const CSV_LISTING_COLUMNS = ["id", "title", "outlet", "published", "sha256", "line"] as const;

/**
 * The listing columns of a corpus CSV's articles (id, title, outlet, published, sha256, line), as
 * a frame to store beside the analysis, so that an unchanged CSV need not be parsed again.
 *
 * @example
 * ```ts
 * csvListingFrame((await csvSource("corpus.csv")).articles).height;
 * ```
 */
export function csvListingFrame(articles: readonly SourceArticle[]): pl.DataFrame {
  return pl.DataFrame([
    pl.Series("id", articles.map((a) => a.id), pl.Utf8),
    pl.Series("title", articles.map((a) => a.title), pl.Utf8),
    pl.Series("outlet", articles.map((a) => a.meta.outlet), pl.Utf8),
    pl.Series("published", articles.map((a) => a.meta.published), pl.Utf8),
    pl.Series("sha256", articles.map((a) => a.sha256), pl.Utf8),
    pl.Series("line", articles.map((a) => a.line ?? 0), pl.Int64),
  ]);
}

/**
 * The articles of a corpus CSV from its stored listing ({@linkcode csvListingFrame}) instead of
 * the file: the same ids, titles, listing columns and sha256s, without the texts (`read` fails:
 * use it only when no article needs analysing). `sha256` is the CSV file's own.
 *
 * @example
 * ```ts
 * const { articles } = csvSourceFromListing("corpus.csv", pl.readParquet(listing), sha);
 * ```
 */
export function csvSourceFromListing(
  path: string,
  listing: pl.DataFrame,
  sha256: string,
): SourceListing {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const col = (c: (typeof CSV_LISTING_COLUMNS)[number]) => listing.getColumn(c).toArray();
  const [ids, titles, outlets, published, shas, lines] = CSV_LISTING_COLUMNS.map(col);
  const named = new Map<string, boolean>();
  const articles: SourceArticle[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const outlet = outlets[i] as string;
    let isNamed = named.get(outlet);
    if (isNamed === undefined) named.set(outlet, isNamed = isOutletNamed(outlet));
    const shownName = `${name} line ${lines[i]}`;
    articles[i] = {
      id: ids[i] as string,
      title: titles[i] as string | null,
      shownName,
      meta: {
        file: name,
        outlet,
        outlet_named: isNamed,
        published: published[i] as string | null,
        url: null,
        language: null,
        notes: null,
        copy_of: null,
        similarity: null,
      },
      sha256: shas[i] as string,
      stamp: null,
      line: Number(lines[i]),
      read: () => Promise.reject(new Error(`${shownName}: the text is not held in the listing`)),
    };
  }
  return { articles, warnings: [], hashes: { corpus: sha256 } };
}
