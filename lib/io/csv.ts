/**
 * The one CSV reader of the project: data files (`parseCsv`, `readCsvRows`) and corpus CSVs of any
 * size (`readCsvBatches`, `csvRanges`) go through the same record parser. RFC 4180: `"`-quoted
 * fields may hold commas, line breaks (CRLF and CR inside a field read as LF) and doubled `""`;
 * records end with LF, CRLF or CR; a UTF-8 BOM is dropped; header names are trimmed; blank lines
 * are skipped. nodejs-polars reports no line numbers, so no file is read with it: every error is a
 * {@linkcode CorpusError} naming the file, the line (and the column where one is at fault) and
 * what to fix.
 *
 * @example
 * ```ts
 * const t = parseCsv('id,note\n1,"a, b"\n', "x.csv");
 * t.rows[0]; // { line: 2, fields: ["1", "a, b"] }
 * ```
 *
 * @module
 */

/**
 * An error in the corpus input (manifest, article file, data or corpus CSV). The message names the
 * file, the line or column, and what to fix.
 *
 * @example
 * ```ts
 * const e = new CorpusError("data/articles.csv line 4: duplicate id", "data/articles.csv", 4);
 * e.line; // 4
 * ```
 */
export class CorpusError extends Error {
  /** The file at fault, as shown to the user. */
  readonly file: string;
  /** 1-based line in `file`, when known. */
  readonly line?: number;
  /** Column (field) name at fault, when known. */
  readonly column?: string;

  constructor(message: string, file: string, line?: number, column?: string) {
    super(message);
    this.name = "CorpusError";
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  /** Line of the file on which the record starts. */
  line: number;
  /** Field values, unquoted. */
  fields: string[];
}

/** A parsed CSV file: header and records, each with its line number. */
export interface CsvTable {
  /** Column names from the first record (trimmed). */
  header: string[];
  /** Line of the header (1 unless blank lines precede it). */
  headerLine: number;
  /** Data records; blank lines are skipped. */
  rows: CsvRecord[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

interface ParsedRecord {
  fields: string[];
  /** Offset after the record's line end. */
  next: number;
  /** Line breaks consumed (inside quoted fields and the record's own). */
  newlines: number;
}

/**
 * Parses the record that starts at `start` of `s` (whose first character is on `line`); null
 * when `s` ends before the record does and more text may follow (`eof` false).
 */
function parseRecord(
  s: string,
  start: number,
  eof: boolean,
  file: string,
  line: number,
): ParsedRecord | null {
  const fields: string[] = [];
  let p = start;
  let newlines = 0;
  /** The record ends at the line break at `i` (LF, CRLF or CR); null if CR is the last char. */
  const end = (i: number): ParsedRecord | null => {
    if (s.charCodeAt(i) === LF) return { fields, next: i + 1, newlines: newlines + 1 };
    if (i + 1 >= s.length && !eof) return null; // CR: an LF may follow in the next chunk
    const next = s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    return { fields, next, newlines: newlines + 1 };
  };
  while (true) {
    if (p < s.length && s.charCodeAt(p) === QUOTE) {
      const fieldLine = line + newlines;
      let q = p + 1;
      let doubled = false;
      let close: number;
      while (true) {
        const i = s.indexOf('"', q);
        if (i < 0) {
          if (!eof) return null;
          throw new CorpusError(
            `${file} line ${fieldLine}: a quoted field is never closed — add the closing '"'`,
            file,
            fieldLine,
          );
        }
        if (i + 1 >= s.length && !eof) return null; // a doubled "" may straddle the chunk end
        if (s.charCodeAt(i + 1) === QUOTE) {
          doubled = true;
          q = i + 2;
          continue;
        }
        close = i;
        break;
      }
      let field = s.slice(p + 1, close);
      if (field.includes("\r")) field = field.replace(/\r\n?/g, "\n");
      for (let k = field.indexOf("\n"); k >= 0; k = field.indexOf("\n", k + 1)) newlines++;
      if (doubled) field = field.replaceAll('""', '"');
      fields.push(field);
      p = close + 1;
      if (p >= s.length) return { fields, next: p, newlines }; // eof here (checked above)
      const c = s.charCodeAt(p);
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === LF || c === CR) return end(p);
      const at = line + newlines;
      throw new CorpusError(
        fieldLine < at
          ? `${file} line ${fieldLine}: the quoted field that starts on this line runs to ` +
            `line ${at}, where text follows its closing quote — probably its closing '"' ` +
            `is missing on line ${fieldLine}`
          : `${file} line ${at}: text after a closing quote — a field that contains '"' ` +
            `must be quoted, with each '"' inside it doubled`,
        file,
        fieldLine,
      );
    }
    let i = p;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === LF || c === CR) break;
      i++;
    }
    if (i >= s.length) {
      if (!eof) return null;
      fields.push(s.slice(p));
      return { fields, next: i, newlines };
    }
    fields.push(s.slice(p, i));
    if (s.charCodeAt(i) === COMMA) {
      p = i + 1;
      continue;
    }
    return end(i);
  }
}

/**
 * Records of CSV text fed in pieces: the header first (the first non-blank record), then data
 * records checked against its field count. Used whole by `parseCsv` and chunk by chunk by
 * `readCsvBatches`, so both read a file the same way.
 */
class CsvReader {
  header: string[] | null;
  headerLine = 0;
  private buf = "";
  private pos = 0;
  private line: number;

  constructor(readonly file: string, header: string[] | null = null, line = 1) {
    this.header = header;
    this.line = line;
  }

  /** Appends text (the BOM of the file's first piece is dropped). */
  push(text: string): void {
    if (
      this.header === null && this.line === 1 && this.buf === "" && text.charCodeAt(0) === 0xfeff
    ) {
      text = text.slice(1);
    }
    this.buf = this.pos === 0 ? this.buf + text : this.buf.slice(this.pos) + text;
    this.pos = 0;
  }

  /** The line the unread text starts on. */
  get currentLine(): number {
    return this.line;
  }

  /** The next data record, or null when the text read so far holds no complete one. */
  next(eof: boolean): CsvRecord | null {
    while (this.pos < this.buf.length) {
      const rec = parseRecord(this.buf, this.pos, eof, this.file, this.line);
      if (rec === null) return null;
      const line = this.line;
      this.line += rec.newlines;
      this.pos = rec.next;
      if (rec.fields.length === 1 && rec.fields[0].trim() === "") continue; // blank line
      if (this.header === null) {
        this.header = rec.fields.map((h) => h.trim());
        this.headerLine = line;
        continue;
      }
      if (rec.fields.length !== this.header.length) {
        const where = this.headerLine > 0 ? ` (line ${this.headerLine})` : "";
        throw new CorpusError(
          `${this.file} line ${line}: ${rec.fields.length} fields but the header${where} has ` +
            `${this.header.length} (${this.header.join(", ")}) — quote fields that contain ` +
            `commas or line breaks`,
          this.file,
          line,
        );
      }
      return { line, fields: rec.fields };
    }
    return null;
  }
}

/**
 * Parses CSV text (see the module doc), keeping the line each record starts on. Throws
 * {@linkcode CorpusError} on an empty file, an unterminated quote, text after a closing quote, or
 * a record whose field count differs from the header's.
 *
 * @example
 * ```ts
 * const t = parseCsv('id,note\n1,"a\nb"\n2,c\n', "x.csv");
 * t.rows[1].line; // 4
 * ```
 */
export function parseCsv(text: string, file: string): CsvTable {
  const reader = new CsvReader(file);
  reader.push(text);
  const rows: CsvRecord[] = [];
  for (let r = reader.next(true); r !== null; r = reader.next(true)) rows.push(r);
  if (reader.header === null) {
    throw new CorpusError(`${file}: the file is empty — it needs a header line`, file, 1);
  }
  return { header: reader.header, headerLine: reader.headerLine, rows };
}

/** A record of a CSV file: column name to value (null for an empty field). */
export type CsvRow = Record<string, string | null>;

/**
 * The records of a parsed CSV as objects keyed by column name, an empty field as null.
 *
 * @example
 * ```ts
 * csvRows(parseCsv("a,b\n1,\n", "x.csv")); // [{ a: "1", b: null }]
 * ```
 */
export function csvRows(table: CsvTable): CsvRow[] {
  return table.rows.map((r) => {
    const row: CsvRow = {};
    table.header.forEach((h, i) => (row[h] = r.fields[i] === "" ? null : r.fields[i]));
    return row;
  });
}

/**
 * Reads a CSV data file as records keyed by column name (an empty field is null). Throws an error
 * naming the file when it cannot be read, the line of a malformed record, or the columns of
 * `required` that the header lacks.
 *
 * @example
 * ```ts
 * const rows = readCsvRows("data/cues.csv", ["cue", "pattern", "category"]);
 * rows[0].cue; // "said"
 * ```
 */
export function readCsvRows(path: string, required: readonly string[]): CsvRow[] {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    throw new CorpusError(`${path}: cannot read this CSV file (${(e as Error).message})`, path);
  }
  const table = parseCsv(text, path);
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new CorpusError(
      `${path}: missing column(s) ${
        missing.map((m) => `"${m}"`).join(", ")
      }; the header (line ${table.headerLine}) must name ${required.join(", ")}`,
      path,
      table.headerLine,
      missing[0],
    );
  }
  return csvRows(table);
}

/** A batch of CSV records. */
export interface CsvBatch {
  /** Column names from the header line. */
  header: string[];
  /** Records, each with exactly `header.length` fields. */
  rows: string[][];
  /** 1-based line of the first record of the batch in the file. */
  firstLine: number;
  /** 1-based line on which each record starts (same order as `rows`). */
  lines: number[];
}

/** Options of {@link readCsvBatches}. */
export interface ReadCsvOptions {
  /** Records per batch (default 2000). */
  batchSize?: number;
  /** Bytes read from the file at a time (default 4 MiB). */
  chunkBytes?: number;
  /**
   * Read only the bytes [start, end) of the file, which must begin and end at record boundaries
   * (see {@link csvRanges}); `header` then gives the column names, as the range holds no header
   * line when start > 0. Line numbers in errors count from the range start.
   */
  range?: { start: number; end: number; header: string[] };
}

/**
 * Splits a CSV file into `parts` byte ranges of about equal size that start and end at record
 * boundaries (a line break outside quotes), after the header line, so that each can be read by
 * {@link readCsvBatches} on its own thread. Reads the file up to the last split point (counting
 * `"` to know whether a line break is inside a quoted field).
 *
 * @example
 * ```ts
 * const { header, ranges } = await csvRanges("corpus.csv", 2);
 * for await (const b of readCsvBatches("corpus.csv", { range: { ...ranges[1], header } })) b.rows;
 * ```
 */
export async function csvRanges(
  path: string,
  parts: number,
): Promise<{ header: string[]; ranges: Array<{ start: number; end: number }> }> {
  const size = (await Deno.stat(path)).size;
  const file = await Deno.open(path, { read: true });
  const want = Math.min(size, Math.ceil((size * (parts - 1)) / parts) + (1 << 20));
  const bytes = new Uint8Array(Math.max(want, Math.min(size, 1 << 16)));
  let have = 0;
  /** Reads more of the file; false at its end. */
  const more = async (): Promise<boolean> => {
    if (have === bytes.length) return false;
    const n = await file.read(bytes.subarray(have));
    if (n === null) return false;
    have += n;
    return true;
  };
  try {
    let pos = 0;
    let inQuote = false;
    /** The offset after the first line break outside quotes at or after `from`, or -1. */
    const boundary = async (from: number): Promise<number> => {
      while (have < Math.min(from, bytes.length) && (await more()));
      const stop = Math.min(from, have);
      for (let q = bytes.indexOf(QUOTE, pos); q >= 0 && q < stop; q = bytes.indexOf(QUOTE, q + 1)) {
        inQuote = !inQuote;
      }
      pos = Math.max(pos, stop);
      for (;;) {
        if (pos >= have && !(await more())) return -1;
        const c = bytes[pos++];
        if (c === QUOTE) inQuote = !inQuote;
        else if (c === LF && !inQuote) return pos;
      }
    };
    const headerEnd = await boundary(0);
    const headerText = new TextDecoder().decode(
      bytes.subarray(0, headerEnd < 0 ? have : headerEnd),
    );
    const reader = new CsvReader(path);
    reader.push(headerText);
    reader.next(true);
    const header = reader.header ?? [];
    if (headerEnd < 0) return { header, ranges: [] };
    const cuts = [headerEnd];
    for (let k = 1; k < parts; k++) {
      const target = Math.max(pos, Math.floor((size * k) / parts));
      if (target >= size) break;
      const b = await boundary(target);
      if (b < 0 || b >= size) break;
      cuts.push(b);
    }
    cuts.push(size);
    const ranges = cuts.slice(1).map((end, i) => ({ start: cuts[i], end }))
      .filter((r) => r.end > r.start);
    return { header, ranges };
  } finally {
    file.close();
  }
}

/**
 * Reads a CSV file incrementally (the same parser as {@link parseCsv}), yielding batches of
 * records; memory holds one batch and one read chunk, whatever the file size. A file that is not
 * UTF-8, a record with the wrong number of fields or an unterminated quote throws a
 * {@linkcode CorpusError} naming the file and line.
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
  const batchSize = options.batchSize ?? 2000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`readCsvBatches: batchSize must be a positive integer, got ${batchSize}`);
  }
  const file = await Deno.open(path, { read: true });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const chunk = new Uint8Array(options.chunkBytes ?? 4 << 20);
  const range = options.range;
  let left = Infinity; // bytes of the range not read yet
  if (range) {
    await file.seek(range.start, Deno.SeekMode.Start);
    left = range.end - range.start;
  }
  const reader = new CsvReader(path, range ? range.header : null);
  let eof = false;
  let rows: string[][] = [];
  let lines: number[] = [];
  try {
    while (!eof) {
      const n = left > 0
        ? await file.read(left < chunk.length ? chunk.subarray(0, left) : chunk)
        : null;
      let text: string;
      if (n === null) {
        eof = true;
        try {
          text = decoder.decode();
        } catch {
          throw new CorpusError(
            `${path}: the file is not valid UTF-8 (at its end); save it as UTF-8`,
            path,
          );
        }
      } else {
        left -= n;
        try {
          text = decoder.decode(chunk.subarray(0, n), { stream: true });
        } catch {
          const line = reader.currentLine;
          throw new CorpusError(
            `${path}: not valid UTF-8 near line ${line}; save it as UTF-8`,
            path,
            line,
          );
        }
      }
      reader.push(text);
      for (let r = reader.next(eof); r !== null; r = reader.next(eof)) {
        rows.push(r.fields);
        lines.push(r.line);
        if (rows.length >= batchSize) {
          yield { header: reader.header!, rows, firstLine: lines[0], lines };
          rows = [];
          lines = [];
        }
      }
    }
    if (reader.header === null) {
      throw new CorpusError(`${path}: the file is empty — it needs a header line`, path, 1);
    }
    if (rows.length > 0) yield { header: reader.header, rows, firstLine: lines[0], lines };
  } finally {
    file.close();
  }
}
