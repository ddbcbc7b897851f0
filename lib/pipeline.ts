/**
 * The whole analysis pipeline over a corpus too large to hold in memory.
 *
 * Reads a corpus CSV (columns `id, outlet, published, text`, optional `title`) as a stream, in
 * batches of articles; runs every per-text stage on each article; appends the per-article rows
 * (articles, quotes, hits, attributions) to tables that are written as parquet files partitioned
 * hive-style by outlet and month (`out/hits/outlet=X/month=2024-06/part-00001.parquet`) whenever
 * the buffered rows pass a limit; and keeps only small per-outlet counters in memory, written at
 * the end as `out/outlets.parquet` and `out/outlets.csv`. Peak memory depends on the batch size
 * and the flush limit, not on the corpus size. Every file is written to a temporary name in its
 * folder and renamed into place.
 *
 * @module
 */
import pl from "nodejs-polars";
import { codePointLength } from "./codepoints.ts";
import { findQuotes, isScareQuote } from "./quotes.ts";

// ---------------------------------------------------------------------------------------------
// Streaming CSV
// ---------------------------------------------------------------------------------------------

/** A batch of CSV records. */
export interface CsvBatch {
  /** Column names from the header line. */
  header: string[];
  /** Records, each with exactly `header.length` fields. */
  rows: string[][];
  /** 1-based line of the first record of the batch in the file. */
  firstLine: number;
}

/** Options of {@link readCsvBatches}. */
export interface ReadCsvOptions {
  /** Records per batch (default 5000). */
  batchSize?: number;
  /** Bytes read from the file at a time (default 4 MiB). */
  chunkBytes?: number;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Reads a CSV file (RFC 4180: `"`-quoted fields may hold commas, line breaks and doubled `""`)
 * incrementally, yielding batches of records; memory holds one batch and one read chunk. A
 * record with the wrong number of fields or an unterminated quote throws an error naming the
 * file and line.
 *
 * @example
 * ```ts
 * for await (const batch of readCsvBatches("corpus.csv", { batchSize: 1000 })) {
 *   console.log(batch.header, batch.rows.length);
 * }
 * ```
 */
export async function* readCsvBatches(
  path: string,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvBatch> {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`readCsvBatches: batchSize must be a positive integer, got ${batchSize}`);
  }
  const file = await Deno.open(path, { read: true });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const chunk = new Uint8Array(options.chunkBytes ?? 4 << 20);
  let buf = "";
  let eof = false;
  let line = 1; // line of buf[0]
  let header: string[] | null = null;
  let rows: string[][] = [];
  let firstLine = 0;
  try {
    while (true) {
      if (!eof) {
        const n = await file.read(chunk);
        if (n === null) {
          eof = true;
          try {
            buf += decoder.decode();
          } catch {
            throw new Error(`${path}: the file is not valid UTF-8 (at its end); save it as UTF-8`);
          }
        } else {
          try {
            buf += decoder.decode(chunk.subarray(0, n), { stream: true });
          } catch {
            throw new Error(`${path}: not valid UTF-8 near line ${line}; save it as UTF-8`);
          }
        }
      }
      let pos = 0;
      while (pos < buf.length) {
        const rec = parseRecord(buf, pos, eof, path, line);
        if (rec === null) break;
        if (header === null) {
          header = rec.fields;
          if (header.length > 0) header[0] = header[0].replace(/^\uFEFF/, "");
        } else {
          if (rec.fields.length === 1 && rec.fields[0] === "") {
            // blank line: skip
          } else if (rec.fields.length !== header.length) {
            throw new Error(
              `${path} line ${line}: ${rec.fields.length} fields, the header has ${header.length} ` +
                `(${header.join(", ")}); quote fields that contain commas or line breaks`,
            );
          } else {
            if (rows.length === 0) firstLine = line;
            rows.push(rec.fields);
          }
        }
        line += rec.newlines;
        pos = rec.next;
        if (rows.length >= batchSize) {
          yield { header: header!, rows, firstLine };
          rows = [];
        }
      }
      buf = buf.slice(pos);
      if (eof) break;
    }
    if (header === null) throw new Error(`${path}: the file is empty; it needs a header line`);
    if (rows.length > 0) yield { header, rows, firstLine };
  } finally {
    file.close();
  }
}

interface ParsedRecord {
  fields: string[];
  next: number;
  newlines: number;
}

/** Parses one record at `start`; null when the buffer ends before the record does (and !eof). */
function parseRecord(
  s: string,
  start: number,
  eof: boolean,
  path: string,
  line: number,
): ParsedRecord | null {
  const fields: string[] = [];
  let p = start;
  let newlines = 0;
  while (true) {
    if (p < s.length && s.charCodeAt(p) === QUOTE) {
      let q = p + 1;
      let doubled = false;
      let end = -1;
      while (true) {
        const i = s.indexOf('"', q);
        if (i < 0 || i + 1 >= s.length) {
          if (i >= 0 && eof) {
            end = i;
            break;
          }
          if (!eof) return null;
          throw new Error(`${path} line ${line}: a quoted field is never closed; close its "`);
        }
        if (s.charCodeAt(i + 1) === QUOTE) {
          doubled = true;
          q = i + 2;
          continue;
        }
        end = i;
        break;
      }
      let field = s.slice(p + 1, end);
      for (let k = field.indexOf("\n"); k >= 0; k = field.indexOf("\n", k + 1)) newlines++;
      if (doubled) field = field.replaceAll('""', '"');
      fields.push(field);
      p = end + 1;
      if (p >= s.length) {
        if (!eof) return null;
        return { fields, next: p, newlines };
      }
      const c = s.charCodeAt(p);
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === LF) return { fields, next: p + 1, newlines: newlines + 1 };
      if (c === CR) {
        if (p + 1 >= s.length && !eof) return null;
        if (s.charCodeAt(p + 1) === LF) return { fields, next: p + 2, newlines: newlines + 1 };
      }
      throw new Error(
        `${path} line ${line + newlines}: text after a closing quote; ` +
          `a field that contains " must be quoted with the " doubled`,
      );
    }
    let i = p;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === LF) break;
      i++;
    }
    if (i >= s.length && !eof) return null;
    let field = s.slice(p, i);
    if (field.endsWith("\r")) field = field.slice(0, -1);
    fields.push(field);
    if (i >= s.length) return { fields, next: i, newlines };
    if (s.charCodeAt(i) === COMMA) {
      p = i + 1;
      continue;
    }
    return { fields, next: i + 1, newlines: newlines + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// Partitioned parquet tables
// ---------------------------------------------------------------------------------------------

/** Column types the tables use. */
export type ColumnType = "str" | "int" | "float" | "bool";

/** A table's columns in order (without the partition columns outlet and month). */
export type TableSchema = ReadonlyArray<readonly [string, ColumnType]>;

/**
 * Hive partition value escaping: characters other than letters, digits and `._-` become `%XX`
 * (UTF-8), as Hive, Spark and polars decode them; an empty or null value is Hive's default
 * partition.
 *
 * @example
 * ```ts
 * hiveValue("The Western Mail & Guardian"); // "The%20Western%20Mail%20%26%20Guardian"
 * ```
 */
export function hiveValue(value: string | null): string {
  if (value === null || value === "") return "__HIVE_DEFAULT_PARTITION__";
  return encodeURIComponent(value).replace(/[!'()*~]/g, (c) =>
    "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

function series(name: string, type: ColumnType, values: unknown[]): pl.Series {
  switch (type) {
    case "str":
      return pl.Series(name, values as (string | null)[], pl.Utf8);
    case "int":
      return pl.Series(name, values as (number | null)[], pl.Int64);
    case "float":
      return pl.Series(name, values as (number | null)[], pl.Float64);
    case "bool":
      return pl.Series(name, values as (boolean | null)[], pl.Bool);
  }
}

async function atomicWrite(path: string, write: (tmp: string) => void | Promise<void>) {
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash);
  const tmp = `${dir}/.${path.slice(slash + 1)}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    await write(tmp);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

/**
 * A table written as parquet files partitioned by outlet and month. Rows are buffered as column
 * arrays; {@link PartitionedTable.flush} writes one `part-NNNNN.parquet` per (outlet, month) in
 * the buffer under `dir/outlet=<outlet>/month=<month>/` (the partition columns live in the path
 * only, as Hive stores them) and empties the buffer.
 *
 * @example
 * ```ts
 * const t = new PartitionedTable("out/hits", [["article_id", "str"], ["start", "int"]]);
 * t.add("Outlet A", "2024-06", ["a1", 5]);
 * await t.flush();
 * ```
 */
export class PartitionedTable {
  /** Folder of the table. */
  readonly dir: string;
  /** Column names and types (without outlet and month). */
  readonly schema: TableSchema;
  /** Rows added so far. */
  rows = 0;
  /** Parquet files written so far. */
  files = 0;
  #columns: unknown[][];
  #outlet: string[] = [];
  #month: string[] = [];
  #part = 0;

  /** A table in `dir` with the given columns. */
  constructor(dir: string, schema: TableSchema) {
    this.dir = dir;
    this.schema = schema;
    this.#columns = schema.map(() => []);
  }

  /** Rows buffered, not yet written. */
  get buffered(): number {
    return this.#outlet.length;
  }

  /** Buffers one row; `values` are in schema order. */
  add(outlet: string, month: string, values: readonly unknown[]): void {
    if (values.length !== this.schema.length) {
      throw new Error(
        `${this.dir}: row has ${values.length} values, the table has ${this.schema.length} columns`,
      );
    }
    this.#outlet.push(outlet);
    this.#month.push(month);
    for (let i = 0; i < values.length; i++) this.#columns[i].push(values[i]);
    this.rows++;
  }

  /** Writes the buffered rows, one file per (outlet, month); returns the number of files. */
  async flush(): Promise<number> {
    if (this.#outlet.length === 0) return 0;
    this.#part++;
    const df = pl.DataFrame([
      pl.Series("outlet", this.#outlet, pl.Utf8),
      pl.Series("month", this.#month, pl.Utf8),
      ...this.schema.map(([name, type], i) => series(name, type, this.#columns[i])),
    ]);
    this.#outlet = [];
    this.#month = [];
    this.#columns = this.schema.map(() => []);
    const parts = df.partitionBy(["outlet", "month"], true, true);
    const name = `part-${String(this.#part).padStart(5, "0")}.parquet`;
    for (const part of parts) {
      const outlet = part.getColumn("outlet").get(0) as string | null;
      const month = part.getColumn("month").get(0) as string | null;
      const dir = `${this.dir}/outlet=${hiveValue(outlet)}/month=${hiveValue(month)}`;
      await Deno.mkdir(dir, { recursive: true });
      const data = part.drop("outlet", "month");
      await atomicWrite(`${dir}/${name}`, (tmp) => data.writeParquet(tmp, { compression: "zstd" }));
      this.files++;
    }
    return parts.length;
  }
}

// ---------------------------------------------------------------------------------------------
// The pipeline
// ---------------------------------------------------------------------------------------------

/** Options of {@link runPipeline}. */
export interface PipelineOptions {
  /** Corpus CSV with columns id, outlet, published (YYYY-MM-DD or empty), text; title optional. */
  corpus: string;
  /** Output folder for the partitioned tables and the per-outlet tables. */
  outDir: string;
  /** Articles per batch (default 5000). */
  batchSize?: number;
  /** Buffered rows (all tables together) that trigger writing parquet files (default 500,000). */
  flushRows?: number;
  /** Remove `outDir` first if it exists (default false: an existing non-empty folder is an error). */
  overwrite?: boolean;
  /** Called after every batch. */
  onBatch?: (progress: { articles: number; batches: number }) => void;
}

/** What {@link runPipeline} did. */
export interface PipelineResult {
  /** Articles processed. */
  articles: number;
  /** Batches read. */
  batches: number;
  /** Milliseconds spent per stage (read, clean, segment, quotes, framing, ..., write, outlets). */
  stageMs: Record<string, number>;
  /** Rows and parquet files per table. */
  tables: Record<string, { rows: number; files: number }>;
  /** One line per stage that could not run, saying why. */
  unavailable: string[];
  /** sha256 of every data file (lexicon, gazetteer, rules) the stages used. */
  hashes: Record<string, string>;
  /** The per-outlet table (also written to outDir/outlets.parquet and outlets.csv). */
  outlets: pl.DataFrame;
}
