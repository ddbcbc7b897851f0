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
import pl from "nodejs-polars";
import { escapeHtml } from "./html.ts";
import type { MimeBundle } from "./render.ts";
import { outletLabel, outletOrder } from "./outlets.ts";
import { releaseMemory } from "./memory.ts";

export type { MimeBundle } from "./render.ts";

/** Options for {@linkcode tableBundle} and {@linkcode showTable}. */
export interface TableOptions {
  /** Rows shown at most (default 50); a note says "showing N of M rows". */
  maxRows?: number;
  /** A caption shown above the table (escaped). */
  caption?: string;
  /** Code points kept of a long text cell before an ellipsis (default 300). */
  maxChars?: number;
  /**
   * The name of the full table in the notebook, for the note under a cut table: "showing 60 of
   * 85 rows; the full table is `distinct`".
   */
  name?: string;
  /**
   * Rows shown per outlet at most, so that a cut table never hides a whole outlet. Default: when
   * the table has an `outlet` column and more than `maxRows` rows, `maxRows` shared out evenly
   * between its outlets.
   */
  perOutlet?: number;
  /** Column widths in pixels; the others are sized to their content, within the column. */
  widths?: Record<string, number>;
  /**
   * The rows of a larger table this one was made from (`auditRows` or {@linkcode capRows}): the
   * note then counts that table's rows ("showing 200 of 1,234,567 rows") and its cap per outlet.
   */
  cut?: CappedRows;
  /**
   * Show outlets as every chart does: rows in the shared outlet order (named outlets
   * alphabetically, then those not given; other rows keep their order) and "outlet not given"
   * for an unnamed outlet. Default true; only applies to a column named `outlet`.
   */
  outlets?: boolean;
}

const DEFAULT_MAX_ROWS = 50;
const DEFAULT_MAX_CHARS = 300;
const PLAIN_MAX_CHARS = 40;

/** The width every table must fit, in CSS pixels (as charts: `charts/layout.ts`). */
export const TABLE_WIDTH = 960;
/** Pixels per character of a 12-pixel table cell (a generous average). */
const CHAR_PX = 8;
/** Horizontal padding of a cell (8 px each side) plus its border. */
const CELL_PAD = 17;
/** The width long text gets when there is room: about 55 characters a line. */
const READABLE_PX = 380;

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
 * Formats one DataFrame cell value as text: a missing value (null) as an empty string, floats
 * to at most 4 decimals, dates as ISO strings, lists and structs as JSON.
 *
 * @example
 * ```ts
 * formatCell(0.123456); // "0.1235"
 * formatCell(null); // ""
 * formatCell(["a", "b"]); // '["a","b"]'
 * ```
 */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
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

/** The rows a cut table shows: {@linkcode capRows}. */
export interface CappedRows {
  /** The rows shown, in the order shown. */
  rows: pl.DataFrame;
  /** Rows of the whole table. */
  total: number;
  /** The cap per outlet when it left rows out, else null. */
  perOutlet: number | null;
}

/**
 * The rows a table shows at most, chosen inside polars so that only they are turned into
 * JavaScript values (a table of millions of rows costs no more to show than one of fifty):
 * with an `outlet` column, rows in the shared outlet order (stable; not when `outlets` is
 * false) and, when the table has more than `maxRows` rows (or `perOutlet` is given), at most
 * `perOutlet` per outlet (default `maxRows` shared out evenly), then the first `maxRows`.
 *
 * @example
 * ```ts
 * const df = pl.DataFrame({ outlet: ["B", "A", "B", "B"], n: [1, 2, 3, 4] });
 * capRows(df, 2).rows.getColumn("n").toArray(); // [2, 1]: one per outlet, A first
 * capRows(df, 2).perOutlet; // 1
 * ```
 */
export function capRows(
  df: pl.DataFrame,
  maxRows: number,
  opts: { perOutlet?: number; outlets?: boolean } = {},
): CappedRows {
  const total = df.height;
  if (!df.columns.includes("outlet")) {
    return { rows: df.head(Math.max(maxRows, 0)), total, perOutlet: null };
  }
  const relabel = opts.outlets !== false;
  const NULL = "\u0000null";
  const raw = df.select(pl.col("outlet").cast(pl.Utf8)).unique({ maintainOrder: true })
    .getColumn("outlet").toArray() as Array<string | null>;
  const rank = new Map(outletOrder(raw).map((o, i) => [o, i]));
  // Grouped as shown: by the outlet's label when outlets are relabelled, else as written.
  const keyOf = (o: string | null) => relabel ? outletLabel(o) : String(o);
  const map = pl.DataFrame([
    pl.Series("__o", raw.map((o) => o ?? NULL), pl.Utf8),
    pl.Series("__rank", raw.map((o) => relabel ? rank.get(o ?? "") ?? 0 : 0), pl.Int32),
    pl.Series("__key", raw.map(keyOf), pl.Utf8),
  ]);
  let t = df.withRowIndex("__i")
    .withColumns(pl.col("outlet").cast(pl.Utf8).fillNull(pl.lit(NULL)).alias("__o"))
    .join(map, { on: "__o", how: "left" })
    .sort(["__rank", "__i"]);
  let perOutlet: number | null = null;
  if (!(total <= maxRows && opts.perOutlet === undefined)) {
    const distinct = new Set(raw.map(keyOf)).size;
    const cap = opts.perOutlet ?? Math.max(1, Math.floor(maxRows / Math.max(1, distinct)));
    const most = t.groupBy("__key").len().getColumn("len").toArray() as number[];
    if (Math.max(0, ...most.map(Number)) > cap) perOutlet = cap;
    t = t.withColumns(pl.col("__i").rank("ordinal").over("__key").alias("__n"))
      .filter(pl.col("__n").lessThanEquals(cap));
  }
  return {
    rows: t.head(Math.max(maxRows, 0)).select(...df.columns),
    total,
    perOutlet,
  };
}

/**
 * The note under a table: its size, and when rows are left out, how many are shown, the cap per
 * outlet and the name of the full table.
 *
 * @example
 * ```ts
 * tableNote(60, 85, 9, { perOutlet: 12, name: "distinct" });
 * // "showing 60 of 85 rows (at most 12 per outlet); the full table is `distinct` (85 rows × 9 columns)"
 * ```
 */
export function tableNote(
  shown: number,
  total: number,
  columns: number,
  opts: { perOutlet?: number | null; name?: string; rows?: string } = {},
): string {
  const rows = opts.rows ?? "row";
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const size = `${plural(total, rows)} × ${plural(columns, "column")}`;
  if (shown >= total) return size;
  const cap = opts.perOutlet ? ` (at most ${opts.perOutlet} per outlet)` : "";
  const full = opts.name ? `; the full table is \`${opts.name}\`` : "";
  return `showing ${shown} of ${plural(total, rows)}${cap}${full} (${size})`;
}

/** Widths of the columns in pixels so that the table fits {@linkcode TABLE_WIDTH}. */
function columnWidths(
  columns: string[],
  texts: string[][],
  numeric: boolean[],
  fixed: Record<string, number>,
): number[] {
  const natural = columns.map((c, j) => {
    if (fixed[c] !== undefined) return fixed[c];
    const header = Math.max(...c.split("_").map((part) => Array.from(part).length + 1));
    const longest = Math.max(header, ...texts.map((row) => Array.from(row[j]).length));
    return Math.min(longest * CHAR_PX, numeric[j] ? 200 : 4000) + CELL_PAD;
  });
  // Long text gets a readable width; then everything shrinks, longest first, to fit.
  const widths = natural.map((w, j) =>
    fixed[columns[j]] !== undefined || numeric[j] ? w : Math.min(w, READABLE_PX)
  );
  let excess = widths.reduce((a, b) => a + b, 0) - TABLE_WIDTH;
  // Short columns (names, ids) wrap first, to 90 then 60 pixels; long text keeps a readable width
  // as long as it can, then gives way down to 160 pixels.
  const long = widths.map((w, j) => !numeric[j] && fixed[columns[j]] === undefined && w >= 200);
  const phases: Array<(j: number) => number> = [
    (j) => long[j] ? widths[j] : numeric[j] ? Math.min(widths[j], 60) : Math.min(widths[j], 90),
    (j) => long[j] ? widths[j] : numeric[j] ? Math.min(widths[j], 44) : Math.min(widths[j], 60),
    (j) => long[j] ? Math.min(widths[j], 160) : widths[j],
    (j) => Math.min(widths[j], 44),
  ];
  // The column limit wins over a width asked for: as a last resort those shrink too.
  const lastResort = (j: number) => Math.min(widths[j], 120);
  for (const [p, phaseFloor] of phases.entries()) {
    const floor = (j: number) =>
      fixed[columns[j]] === undefined
        ? phaseFloor(j)
        : p === phases.length - 1
        ? lastResort(j)
        : widths[j];
    while (excess > 0) {
      let widest = -1;
      for (let j = 0; j < widths.length; j++) {
        if (widths[j] > floor(j) && (widest < 0 || widths[j] > widths[widest])) widest = j;
      }
      if (widest < 0) break;
      const cut = Math.min(excess, widths[widest] - floor(widest), Math.max(8, excess / 4));
      widths[widest] -= cut;
      excess -= cut;
    }
  }
  return widths.map((w) => Math.floor(w));
}

/** A header with a line-break opportunity after each underscore. */
function headerHtml(name: string): string {
  return name.split("_").map(escapeHtml).join("_<wbr>");
}

/**
 * Builds a display bundle (`text/html` with every cell escaped, and `text/plain`) for a
 * nodejs-polars DataFrame that fits a 960-pixel column: columns sized to their content, long
 * text wrapped at a readable width, missing values blank, outlets in the shared order and
 * wording, and at most `maxRows` rows, shared out between outlets so that none is hidden; the
 * note under a cut table names the full table (`name`).
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
  if (
    options.perOutlet !== undefined &&
    (!Number.isInteger(options.perOutlet) || options.perOutlet < 1)
  ) {
    throw new Error(`showTable: perOutlet must be a whole number >= 1, got ${options.perOutlet}`);
  }
  const columns = df.columns;
  const total = df.height;
  const hasOutlet = columns.includes("outlet") && options.outlets !== false;
  const choice = capRows(df, maxRows, { perOutlet: options.perOutlet, outlets: options.outlets });
  let records = choice.rows.toRecords() as Record<string, unknown>[];
  if (hasOutlet) {
    records = records.map((r) => ({ ...r, outlet: outletLabel(r.outlet as string | null) }));
  }
  const note = tableNote(records.length, options.cut?.total ?? total, columns.length, {
    perOutlet: options.cut?.perOutlet ?? choice.perOutlet,
    name: options.name,
  });

  const texts = records.map((r) => columns.map((c) => truncateText(formatCell(r[c]), maxChars)));
  const numeric = columns.map((c) =>
    records.length > 0 &&
    records.every((r) => r[c] === null || r[c] === undefined || isNumeric(r[c]))
  );
  const widths = columnWidths(columns, texts, numeric, options.widths ?? {});
  const tableWidth = widths.reduce((a, b) => a + b, 0);

  const th = "padding:2px 8px;border-bottom:1px solid #999;text-align:left;vertical-align:bottom;" +
    "overflow-wrap:anywhere";
  const td = "padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top;" +
    "overflow-wrap:anywhere;word-break:normal";
  let html = `<div class="fl-table" style="max-width:100%;overflow-x:auto">` +
    `<table style="border-collapse:collapse;font-size:12px;table-layout:fixed;` +
    `width:${tableWidth}px;max-width:${TABLE_WIDTH}px">`;
  if (options.caption !== undefined) {
    html += `<caption style="caption-side:top;text-align:left;font-weight:bold;padding:4px 0">` +
      `${escapeHtml(options.caption)}</caption>`;
  }
  html += `<colgroup>${widths.map((w) => `<col style="width:${w}px">`).join("")}</colgroup>`;
  html += `<thead><tr>${
    columns.map((c) => `<th style="${th}">${headerHtml(c)}</th>`).join("")
  }</tr></thead><tbody>`;
  const plainRows: string[][] = [];
  for (const [i, record] of records.entries()) {
    const plainRow: string[] = [];
    html += "<tr>";
    for (const [j, column] of columns.entries()) {
      const value = record[column];
      const text = formatCell(value);
      plainRow.push(text);
      const shown = texts[i][j];
      const style = isNumeric(value)
        ? `${td};text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap`
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
  releaseMemory();
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
  releaseMemory();
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
    // JupyterLab styles output <pre> with word-break:break-all, which splits words mid-word
    // ("if i / t is known"); normal breaking keeps words whole.
    "text/html": `<pre style="white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;` +
      `font-size:12px;margin:0;max-width:${TABLE_WIDTH}px">` +
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
  releaseMemory();
  await Deno.jupyter.display(textBundle(lines, empty), { raw: true });
}

export { plotBundle, showPlot, showVegaLite, vegaLiteBundle } from "./render.ts";
