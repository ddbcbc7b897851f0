/**
 * An append-only file of JSON lines that survives a process killed while writing: a line counts
 * once it is whole (ends with a newline and parses); a partial last line is ignored when read and
 * cut off before the next line is appended.
 *
 * @example
 * ```ts
 * let bytes = (await readJournal("j.jsonl")).bytes;
 * bytes = await appendJournalLine("j.jsonl", bytes, new TextEncoder().encode('{"a":1}\n'));
 * (await readJournal("j.jsonl")).lines; // [..., { a: 1 }]
 * ```
 *
 * @module
 */

/** What {@linkcode readJournal} found. */
export interface JournalRead {
  /** The whole lines, parsed, in order. */
  lines: unknown[];
  /** Bytes of the file up to the end of the last whole line. */
  bytes: number;
  /**
   * True when a line that ends with a newline does not parse (the lines after it are ignored
   * too); false for a partial last line, which a killed append leaves.
   */
  bad: boolean;
}

/**
 * The whole lines of the journal at `path` (none when the file does not exist).
 *
 * @example
 * ```ts
 * const { lines, bytes } = await readJournal(".cache/store/data/journal-x.jsonl");
 * ```
 */
export function readJournal(path: string): Promise<JournalRead> {
  return Promise.resolve().then(() => readJournalSync(path));
}

/**
 * {@linkcode readJournal}, synchronously (for a store's manifest read when its tables are first
 * used).
 *
 * @example
 * ```ts
 * const { lines } = readJournalSync(".cache/store/data/journal-x.jsonl");
 * ```
 */
export function readJournalSync(path: string): JournalRead {
  let data: Uint8Array;
  try {
    data = Deno.readFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { lines: [], bytes: 0, bad: false };
    throw e;
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lines: unknown[] = [];
  let start = 0;
  for (;;) {
    const end = data.indexOf(10, start);
    if (end < 0) return { lines, bytes: start, bad: false };
    try {
      lines.push(JSON.parse(decoder.decode(data.subarray(start, end))));
    } catch {
      return { lines, bytes: start, bad: true };
    }
    start = end + 1;
  }
}

/**
 * Appends `line` (UTF-8 bytes ending with a newline) to the journal at `path`, whose whole lines
 * end at byte `bytes` (from {@linkcode readJournal} or the last append): anything after that (a
 * partial line of a killed append) is cut off first. Returns the new end.
 *
 * @example
 * ```ts
 * const end = await appendJournalLine("j.jsonl", 0, new TextEncoder().encode("{}\n")); // 3
 * ```
 */
export async function appendJournalLine(
  path: string,
  bytes: number,
  line: Uint8Array,
): Promise<number> {
  if (line.length === 0 || line[line.length - 1] !== 10) {
    throw new Error(`appendJournalLine: a line must end with a newline (${path})`);
  }
  const file = await Deno.open(path, { write: true, create: true });
  try {
    await file.truncate(bytes);
    await file.seek(bytes, Deno.SeekMode.Start);
    for (let w = 0; w < line.length;) w += await file.write(line.subarray(w));
  } finally {
    file.close();
  }
  return bytes + line.length;
}
