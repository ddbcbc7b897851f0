/**
 * Showing tables and text in the Deno Jupyter kernel.
 *
 * nodejs-polars' own HTML display is not relied on: article text is hostile,
 * so every cell, header and caption is escaped here. Each `show*` function
 * sends one raw MIME bundle with `await Deno.jupyter.display(...)` (a cell's
 * last expression is lost under nbclient); each `*Bundle` function builds
 * that bundle without displaying it.
 *
 * @module
 */
import type pl from "nodejs-polars";
import { escapeHtml } from "./html.ts";
import type { MimeBundle } from "./render.ts";

export type { MimeBundle } from "./render.ts";

/** Options for {@linkcode tableBundle} and {@linkcode showTable}. */
export interface TableOptions {
  /** Rows shown at most (default 50); a note says "showing N of M rows". */
  maxRows?: number;
  /** A caption shown above the table (escaped). */
  caption?: string;
  /** Code points kept of a long text cell before an ellipsis (default 300). */
  maxChars?: number;
}

const DEFAULT_MAX_ROWS = 50;
const DEFAULT_MAX_CHARS = 300;
const PLAIN_MAX_CHARS = 40;

/**
 * Shortens `text` to at most `maxChars` code points, ending in "…" when cut.
 *
 * @example
 * ```ts
 * truncateText("abcdef", 4); // "abc…"
 * truncateText("abc", 4); // "abc"
 * ```
 */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text; // UTF-16 length >= code points
  const points = Array.from(text);
  if (points.length <= maxChars) return text;
  return points.slice(0, Math.max(0, maxChars - 1)).join("") + "…";
}

/**
 * Formats one DataFrame cell value as text: null as "null", floats to at most
 * 4 decimals, dates as ISO strings, lists and structs as JSON.
 *
 * @example
 * ```ts
 * formatCell(0.123456); // "0.1235"
 * formatCell(null); // "null"
 * formatCell(["a", "b"]); // '["a","b"]'
 * ```
 */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    return String(Math.round(value * 1e4) / 1e4);
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? String(v) : v);
}

function isNumeric(value: unknown): boolean {
  return typeof value === "number" || typeof value === "bigint";
}

function rowsNote(shown: number, total: number, columns: number): string {
  const size = `${total} row${total === 1 ? "" : "s"} × ${columns} column${
    columns === 1 ? "" : "s"
  }`;
  return shown < total ? `showing ${shown} of ${total} rows (${size})` : size;
}

function plainTable(columns: string[], rows: string[][]): string {
  const cells = [columns, ...rows].map((row) =>
    row.map((c) => truncateText(c.replace(/\r?\n/g, "⏎"), PLAIN_MAX_CHARS))
  );
  const widths = columns.map((_, j) => Math.max(...cells.map((row) => Array.from(row[j]).length)));
  const line = (row: string[]) =>
    row.map((c, j) => c + " ".repeat(widths[j] - Array.from(c).length)).join(" | ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

/**
 * Builds a display bundle (`text/html` with every cell escaped, and
 * `text/plain`) for a nodejs-polars DataFrame. Long text cells are cut to
 * `maxChars` code points with an ellipsis; at most `maxRows` rows are shown.
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * const bundle = tableBundle(pl.DataFrame({ id: [1, 2], title: ["<b>a</b>", "b"] }), { maxRows: 1 });
 * String(bundle["text/html"]).includes("&lt;b&gt;a&lt;/b&gt;"); // true
 * String(bundle["text/html"]).includes("showing 1 of 2 rows"); // true
 * ```
 */
export function tableBundle(df: pl.DataFrame, options: TableOptions = {}): MimeBundle {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (!Number.isInteger(maxRows) || maxRows < 0) {
    throw new Error(`showTable: maxRows must be a whole number >= 0, got ${maxRows}`);
  }
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new Error(`showTable: maxChars must be a whole number >= 1, got ${maxChars}`);
  }
  const columns = df.columns;
  const total = df.height;
  const records = df.head(maxRows).toRecords() as Record<string, unknown>[];
  const note = rowsNote(records.length, total, columns.length);

  const th = "padding:2px 8px;border-bottom:1px solid #999;text-align:left;vertical-align:bottom";
  const td = "padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top";
  let html = `<div style="max-width:100%;overflow-x:auto">` +
    `<table style="border-collapse:collapse;font-size:12px">`;
  if (options.caption !== undefined) {
    html += `<caption style="caption-side:top;text-align:left;font-weight:bold;padding:4px 0">` +
      `${escapeHtml(options.caption)}</caption>`;
  }
  html += `<thead><tr>${
    columns.map((c) => `<th style="${th}">${escapeHtml(c)}</th>`).join("")
  }</tr></thead><tbody>`;
  const plainRows: string[][] = [];
  for (const record of records) {
    const plainRow: string[] = [];
    html += "<tr>";
    for (const column of columns) {
      const value = record[column];
      const text = formatCell(value);
      plainRow.push(text);
      const shown = truncateText(text, maxChars);
      const style = value === null || value === undefined
        ? `${td};color:#999`
        : isNumeric(value)
        ? `${td};text-align:right;font-variant-numeric:tabular-nums`
        : `${td};text-align:left`;
      const title = shown === text ? "" : ` title="${escapeHtml(truncateText(text, 2000))}"`;
      html += `<td style="${style}"${title}>${escapeHtml(shown)}</td>`;
    }
    html += "</tr>";
    plainRows.push(plainRow);
  }
  html += `</tbody></table><div style="color:#666;font-size:11px;padding:2px 0">` +
    `${escapeHtml(note)}</div></div>`;

  const plain = [
    options.caption,
    columns.length > 0 ? plainTable(columns, plainRows) : "(no columns)",
    note,
  ].filter((s) => s !== undefined).join("\n");
  return { "text/html": html, "text/plain": plain };
}

/**
 * Displays a nodejs-polars DataFrame as an escaped HTML table (plus plain text).
 *
 * @example
 * ```ts
 * import pl from "nodejs-polars";
 * await showTable(pl.DataFrame({ outlet: ["A"], n: [3] }), { caption: "Articles" });
 * ```
 */
export async function showTable(df: pl.DataFrame, options: TableOptions = {}): Promise<void> {
  await Deno.jupyter.display(tableBundle(df, options), { raw: true });
}

/**
 * Builds a `text/markdown` bundle. The markdown is the notebook author's and
 * is rendered as is: escape any article data put into it with `escapeHtml`.
 *
 * @example
 * ```ts
 * markdownBundle("**5** articles"); // { "text/markdown": "**5** articles", "text/plain": "**5** articles" }
 * ```
 */
export function markdownBundle(md: string): MimeBundle {
  return { "text/markdown": md, "text/plain": md };
}

/**
 * Displays markdown written by the notebook author.
 *
 * @example
 * ```ts
 * await showMarkdown("Corpus: **5** articles");
 * ```
 */
export async function showMarkdown(md: string): Promise<void> {
  await Deno.jupyter.display(markdownBundle(md), { raw: true });
}

/**
 * Builds a bundle showing untrusted text verbatim: `text/plain` and an
 * escaped `<pre>` block. An empty list of lines shows `empty` instead.
 *
 * @example
 * ```ts
 * textBundle(["<b>warning</b>"]); // text/html: "<pre ...>&lt;b&gt;warning&lt;/b&gt;</pre>"
 * ```
 */
export function textBundle(lines: string | string[], empty = "(none)"): MimeBundle {
  const list = typeof lines === "string" ? [lines] : lines;
  const text = list.length === 0 ? empty : list.join("\n");
  return {
    "text/plain": text,
    "text/html": `<pre style="white-space:pre-wrap;font-size:12px;margin:0">` +
      `${escapeHtml(text)}</pre>`,
  };
}

/**
 * Displays untrusted text (e.g. loader warnings) verbatim, escaped.
 *
 * @example
 * ```ts
 * await showText(["000.txt: decoded as windows-1252"]);
 * ```
 */
export async function showText(lines: string | string[], empty = "(none)"): Promise<void> {
  await Deno.jupyter.display(textBundle(lines, empty), { raw: true });
}

export { plotBundle, showPlot, showVegaLite, vegaLiteBundle } from "./render.ts";
