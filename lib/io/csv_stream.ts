/**
 * A corpus CSV read as a stream of record batches, optionally one byte range of the file per
 * thread: RFC 4180 quoting (commas, line breaks and doubled quotes inside quoted fields), CRLF or
 * LF line ends, a UTF-8 BOM. Memory holds one batch and one read chunk, whatever the file size.
 * Errors name the file and line and say what to fix.
 *
 * @module
 */

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
    const rec = parseRecord(headerText, 0, true, path, 1);
    const header = rec ? rec.fields : [];
    if (header.length > 0) header[0] = header[0].replace(/^\uFEFF/, "");
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
  let buf = "";
  let eof = false;
  let line = 1; // line of buf[0]
  let header: string[] | null = range ? range.header : null;
  let rows: string[][] = [];
  let lines: number[] = [];
  let firstLine = 0;
  try {
    while (true) {
      if (!eof) {
        const n = left > 0
          ? await file.read(left < chunk.length ? chunk.subarray(0, left) : chunk)
          : null;
        if (n !== null) left -= n;
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
            lines.push(line);
          }
        }
        line += rec.newlines;
        pos = rec.next;
        if (rows.length >= batchSize) {
          yield { header: header!, rows, firstLine, lines };
          rows = [];
          lines = [];
        }
      }
      buf = buf.slice(pos);
      if (eof) break;
    }
    if (header === null) throw new Error(`${path}: the file is empty; it needs a header line`);
    if (rows.length > 0) yield { header, rows, firstLine, lines };
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
      const fieldLine = line + newlines;
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
      if (fieldLine < line + newlines) {
        throw new Error(
          `${path} line ${fieldLine}: the quoted field that starts on this line runs to line ` +
            `${line + newlines}, where text follows its closing quote — probably its closing " ` +
            `is missing on line ${fieldLine}; close it (and double any " inside the field)`,
        );
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
