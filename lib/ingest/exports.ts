/**
 * Exports of media-monitoring tools (Media Cloud, news-please, GDELT-style CSV or JSON Lines):
 * their columns are mapped to article fields by a column table kept as data
 * (`data/export_columns.csv`: `field,name,note`; the first name listed for a field that an
 * export has wins; names compare case-insensitively).
 *
 * @module
 */
import { CorpusError, parseCsv } from "../io/csv.ts";

/** Article fields an export can fill. */
export type ExportField = "text" | "title" | "url" | "outlet" | "published" | "language" | "byline";

const FIELDS: readonly ExportField[] = [
  "text",
  "title",
  "url",
  "outlet",
  "published",
  "language",
  "byline",
];

/** Accepted column names per field, in order of preference (lower case). */
export type ExportColumns = Record<ExportField, string[]>;

/**
 * Parses the column table (`field,name[,note]`); throws {@linkcode CorpusError} naming the line
 * of an unknown field or an empty name.
 *
 * @example
 * ```ts
 * const cols = parseExportColumns("field,name\ntext,content\n", "export_columns.csv");
 * cols.text; // ["content"]
 * ```
 */
export function parseExportColumns(text: string, file: string): ExportColumns {
  const table = parseCsv(text, file);
  const fi = table.header.indexOf("field");
  const ni = table.header.indexOf("name");
  if (fi < 0 || ni < 0) {
    throw new CorpusError(
      `${file} line ${table.headerLine} (header): needs columns 'field' and 'name' ` +
        `(found ${table.header.join(", ")})`,
      file,
      table.headerLine,
    );
  }
  const out = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as ExportColumns;
  for (const r of table.rows) {
    const field = r.fields[fi].trim() as ExportField;
    const name = r.fields[ni].trim().toLowerCase();
    if (!FIELDS.includes(field)) {
      throw new CorpusError(
        `${file} line ${r.line}, column 'field': '${field}' is not one of ${FIELDS.join(", ")}`,
        file,
        r.line,
        "field",
      );
    }
    if (name === "") {
      throw new CorpusError(
        `${file} line ${r.line}, column 'name': empty — write the export's column name`,
        file,
        r.line,
        "name",
      );
    }
    if (!out[field].includes(name)) out[field].push(name);
  }
  if (out.text.length === 0) {
    throw new CorpusError(`${file}: no name for field 'text' — add one (e.g. text,content)`, file);
  }
  return out;
}

/** Which export column (index into the header) fills each field; -1 when none. */
export type ExportLayout = Record<ExportField, number>;

/**
 * Maps an export's header to fields. Throws {@linkcode CorpusError} when no column holds the
 * article text, listing the columns found and the names accepted.
 *
 * @example
 * ```ts
 * const cols = parseExportColumns("field,name\ntext,body\ntitle,headline\n", "c.csv");
 * exportLayout(["Headline", "Body"], cols, "x.csv"); // { text: 1, title: 0, url: -1, ... }
 * ```
 */
export function exportLayout(
  header: readonly string[],
  columns: ExportColumns,
  file: string,
): ExportLayout {
  const lower = header.map((h) => h.trim().toLowerCase());
  const layout = Object.fromEntries(
    FIELDS.map((f) => [f, columns[f].map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1]),
  ) as ExportLayout;
  if (layout.text < 0) {
    const accepted = FIELDS.filter((f) => columns[f].length > 0)
      .map((f) => `${f}: ${columns[f].join(", ")}`).join("; ");
    throw new CorpusError(
      `${file}: unknown export layout — no column holds the article text. Columns found: ` +
        `${
          header.join(", ") || "(none)"
        }. Names accepted (data/export_columns.csv) — ${accepted}. ` +
        `Rename the text column or add its name to data/export_columns.csv`,
      file,
      1,
    );
  }
  return layout;
}

/** One article read from an export row. Empty fields are null. */
export interface ExportRecord {
  /** 1-based line of the row in the export. */
  line: number;
  text: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  language: string | null;
  byline: string | null;
}

/** A row that could not be read, with why. */
export interface ExportProblem {
  line: number;
  message: string;
}

/** Result of {@linkcode readExport}. */
export interface ExportRows {
  records: ExportRecord[];
  problems: ExportProblem[];
}

function valueOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v.trim() === "" ? null : v.replace(/\r\n?/g, "\n").trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(valueOf).filter((x): x is string => x !== null);
    return parts.length > 0 ? parts.join(", ") : null;
  }
  if (typeof v === "object" && typeof (v as { name?: unknown }).name === "string") {
    return valueOf((v as { name: string }).name);
  }
  return null;
}

function toRecord(
  line: number,
  get: (i: number) => unknown,
  layout: ExportLayout,
  file: string,
): ExportRecord | ExportProblem {
  const field = (f: ExportField) => (layout[f] < 0 ? null : valueOf(get(layout[f])));
  const text = field("text");
  if (text === null) {
    return { line, message: `${file} line ${line}: no article text — row skipped` };
  }
  let outlet = field("outlet");
  if (outlet !== null) outlet = outlet.replace(/^www\./i, "");
  return {
    line,
    text,
    title: field("title"),
    url: field("url"),
    outlet,
    published: field("published"),
    language: field("language"),
    byline: field("byline"),
  };
}

/**
 * Reads a CSV or JSON Lines export (`kind`) with the given column table. Rows without text and
 * JSON lines that do not parse are returned as problems naming the line; an unknown layout
 * (no text column) and an export without rows throw {@linkcode CorpusError}.
 *
 * @example
 * ```ts
 * const cols = parseExportColumns("field,name\ntext,content\noutlet,media_name\n", "c.csv");
 * const r = readExport("content,media_name\nSome text.,Daily Post\n", "csv", cols, "x.csv");
 * r.records[0].outlet; // "Daily Post"
 * ```
 */
export function readExport(
  text: string,
  kind: "csv" | "jsonl",
  columns: ExportColumns,
  file: string,
): ExportRows {
  const records: ExportRecord[] = [];
  const problems: ExportProblem[] = [];
  const push = (r: ExportRecord | ExportProblem) => {
    if ("text" in r) records.push(r);
    else problems.push(r);
  };
  if (kind === "csv") {
    if (text.trim() === "") {
      throw new CorpusError(`${file}: the export is empty — no header and no rows`, file, 1);
    }
    const table = parseCsv(text, file);
    const layout = exportLayout(table.header, columns, file);
    if (table.rows.length === 0) {
      throw new CorpusError(`${file}: the export has a header but no rows`, file, 1);
    }
    for (const r of table.rows) push(toRecord(r.line, (i) => r.fields[i], layout, file));
    return { records, problems };
  }
  const objects: { line: number; obj: Record<string, unknown> }[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  lines.forEach((l, i) => {
    if (l.trim() === "") return;
    try {
      const obj = JSON.parse(l);
      if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
        problems.push({
          line: i + 1,
          message: `${file} line ${i + 1}: not a JSON object — row skipped`,
        });
      } else objects.push({ line: i + 1, obj });
    } catch (e) {
      problems.push({
        line: i + 1,
        message: `${file} line ${i + 1}: not valid JSON (${(e as Error).message}) — row skipped`,
      });
    }
  });
  if (objects.length === 0) {
    throw new CorpusError(
      `${file}: the export has no rows${problems.length > 0 ? " that parse as JSON objects" : ""}`,
      file,
      problems[0]?.line ?? 1,
    );
  }
  const header = [...new Set(objects.flatMap((o) => Object.keys(o.obj)))];
  const layout = exportLayout(header, columns, file);
  for (const { line, obj } of objects) push(toRecord(line, (i) => obj[header[i]], layout, file));
  problems.sort((a, b) => a.line - b.line);
  return { records, problems };
}
