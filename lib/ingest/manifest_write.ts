/**
 * Appending rows to the corpus manifest atomically: the new manifest (every old row, then the
 * new rows) is written to a temporary file beside it and renamed over it, so a run killed at any
 * moment leaves the old manifest or the new one, never a partial row.
 *
 * @module
 */
import { dirname } from "node:path";
import { CorpusError, parseCsv } from "../io/csv.ts";
import { MANIFEST_COLUMNS } from "../io/manifest.ts";

/**
 * A CSV field, quoted when it holds a comma, quote, line break or edge spaces.
 *
 * @example
 * ```ts
 * csvField('say "hi", then'); // '"say ""hi"", then"'
 * ```
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The manifest text with `rows` appended (cells by column name; missing cells empty). Columns a
 * row fills that the header lacks are added, in {@linkcode MANIFEST_COLUMNS} order, with empty
 * cells in the old rows (which are otherwise unchanged). Without new columns the old text is
 * kept byte for byte. Line ends follow the old text (CRLF if it has any).
 *
 * @example
 * ```ts
 * manifestWithRows("id,file,outlet\n000,a.txt,X\n", [{ id: "001", file: "b.txt", outlet: "Y" }], "m.csv");
 * // "id,file,outlet\n000,a.txt,X\n001,b.txt,Y\n"
 * ```
 */
export function manifestWithRows(
  text: string,
  rows: readonly Record<string, string | null | undefined>[],
  file: string,
): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  // The header alone (its first line, when that holds no quote) unless columns are added.
  const firstLine = text.slice(0, text.indexOf("\n") + 1 || text.length);
  let table = firstLine.includes('"') ? parseCsv(text, file) : null;
  const header = [...(table ?? parseCsv(firstLine, file)).header];
  const wanted = new Set<string>();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (v !== null && v !== undefined && v !== "") wanted.add(k);
    }
  }
  const extra = [...MANIFEST_COLUMNS, ...[...wanted].sort()]
    .filter((c, i, all) => wanted.has(c) && !header.includes(c) && all.indexOf(c) === i);
  const line = (cells: string[]) => cells.map(csvField).join(",");
  let out: string;
  if (extra.length === 0) {
    out = text.endsWith("\n") || text === "" ? text : text + eol;
  } else {
    const all = [...header, ...extra];
    const parts = [line(all)];
    table ??= parseCsv(text, file);
    for (const r of table.rows) parts.push(line([...r.fields, ...extra.map(() => "")]));
    out = (text.charCodeAt(0) === 0xfeff ? "\uFEFF" : "") + parts.join(eol) + eol;
    header.push(...extra);
  }
  for (const r of rows) out += line(header.map((c) => r[c] ?? "")) + eol;
  return out;
}

/**
 * Appends `rows` to the manifest at `path` atomically (temporary file, then rename). `expected`
 * is the manifest text the rows were made against: if the file changed since, nothing is written
 * and a {@linkcode CorpusError} says so. Returns the new text.
 *
 * @example
 * ```ts
 * const before = await Deno.readTextFile("data/articles.csv");
 * await appendManifestRows("data/articles.csv", before, [{ id: "005", file: "005_ab.txt", outlet: "X" }]);
 * ```
 */
export async function appendManifestRows(
  path: string,
  expected: string,
  rows: readonly Record<string, string | null | undefined>[],
): Promise<string> {
  if (rows.length === 0) return expected;
  const next = manifestWithRows(expected, rows, path);
  let now: string | null;
  try {
    now = await Deno.readTextFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    now = null;
  }
  if (now !== null && now !== expected) {
    throw new CorpusError(
      `${path}: the manifest changed while articles were being added — nothing was written to ` +
        `it; run the command again`,
      path,
    );
  }
  const tmp = `${dirname(path)}/.${path.split("/").pop()}.tmp-${Deno.pid}-${
    crypto.randomUUID().slice(0, 8)
  }`;
  try {
    await Deno.writeTextFile(tmp, next, { createNew: true });
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
  return next;
}
