/**
 * "Since the last report": the opening of the report's index page, saying how many articles
 * arrived (by outlet) and which headline measures moved, before → after, marking a move larger
 * than the new 95% interval. Every value from the data is escaped.
 *
 * @module
 */
import type { HeadlineChange, HeadlineRow } from "../measures/headline.ts";
import { escapeHtml } from "./html.ts";
import { outletLabel } from "./outlets.ts";

const fmt = (v: number | null, measure: string) =>
  v === null ? "–" : measure === "articles" ? String(v) : `${(100 * v).toFixed(0)}%`;

/**
 * The HTML section that opens the index page: the first report of a corpus, or what changed
 * since the last one (its date), with the articles added per outlet and the measures that moved.
 *
 * @example
 * ```ts
 * changesSection({ date: "2026-12-01T10:00:00Z", changes, before, after });
 * ```
 */
export function changesSection(input: {
  /** ISO date of the last report, or null for the first. */
  date: string | null;
  changes: readonly HeadlineChange[];
  before: readonly HeadlineRow[];
  after: readonly HeadlineRow[];
}): string {
  const articles = (rows: readonly HeadlineRow[]) =>
    rows.filter((r) => r.measure === "articles").reduce((s, r) => s + (r.value ?? 0), 0);
  if (input.date === null) {
    const per = input.after.filter((r) => r.measure === "articles")
      .map((r) => `${escapeHtml(outletLabel(r.outlet))} ${r.value}`).join(", ");
    return `<section id="changes"><h2>First report of this corpus</h2><p>${
      articles(input.after)
    } articles (${per}).</p></section>`;
  }
  const added = articles(input.after) - articles(input.before);
  const perOutlet = input.changes.filter((c) => c.measure === "articles")
    .map((c) => {
      const d = (c.after ?? 0) - (c.before ?? 0);
      return `${escapeHtml(outletLabel(c.outlet))} ${d >= 0 ? "+" : ""}${d}`;
    }).join(", ");
  const moved = input.changes.filter((c) => c.measure !== "articles");
  const rows = moved.map((c) =>
    `<tr${c.moved ? ' class="moved"' : ""}><td>${escapeHtml(outletLabel(c.outlet))}</td>` +
    `<td>${escapeHtml(c.measure)}</td><td>${fmt(c.before, c.measure)}</td>` +
    `<td>${fmt(c.after, c.measure)}</td><td>${
      c.lower === null || c.upper === null
        ? ""
        : `${fmt(c.lower, c.measure)}–${fmt(c.upper, c.measure)}`
    }</td><td>${c.moved ? "moved beyond the interval" : ""}</td></tr>`
  ).join("\n");
  const when = escapeHtml(input.date.slice(0, 16).replace("T", " "));
  return `<section id="changes"><h2>Since the last report (${when})</h2>
<p>${added >= 0 ? "+" : ""}${added} articles${perOutlet ? ` (${perOutlet})` : ""}.</p>
${
    moved.length
      ? `<table><thead><tr><th>outlet</th><th>measure</th><th>before</th><th>after</th>` +
        `<th>95% interval now</th><th></th></tr></thead><tbody>\n${rows}\n</tbody></table>`
      : "<p>No headline measure changed.</p>"
  }</section>`;
}
