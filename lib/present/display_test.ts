import pl from "nodejs-polars";
import {
  capRows,
  formatCell,
  markdownBundle,
  tableBundle,
  tableNote,
  textBundle,
  truncateText,
} from "./display.ts";
import { assert, assertEquals, assertMatch, assertThrows } from "../testing.ts";

const SCRIPT = "<script>alert(1)</script>";

Deno.test("tableBundle escapes a hostile cell, header and caption", () => {
  const df = pl.DataFrame({ id: [1], [`<th onclick="x">`]: [SCRIPT] });
  const bundle = tableBundle(df, { caption: `"><img src=x onerror=alert(1)>` });
  const html = String(bundle["text/html"]);
  assert(!html.includes("<script"), "no live script tag");
  assert(!html.includes("<img"), "no live img tag");
  assert(!html.includes("<th onclick"), "no live header markup");
  assert(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), "cell text is shown escaped");
  assert(html.includes("&lt;th onclick=&quot;x&quot;&gt;"), "header is shown escaped");
  assert(html.includes("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "caption escaped");
  // the plain text rendering carries the raw text (it is never parsed as HTML)
  assertMatch(String(bundle["text/plain"]), /<script>alert\(1\)<\/script>/);
});

Deno.test("tableBundle shows every row and a size note when not truncated", () => {
  const df = pl.DataFrame({ outlet: ["A", "B", "C"], n: [1, 2, 3] });
  const html = String(tableBundle(df)["text/html"]);
  assertEquals(html.match(/<tr>/g)?.length, 4, "1 header row + 3 body rows");
  assert(html.includes("3 rows × 2 columns"));
  assert(!html.includes("showing"));
});

Deno.test("tableBundle truncates to maxRows and says so", () => {
  const df = pl.DataFrame({ n: Array.from({ length: 10 }, (_, i) => i) });
  const bundle = tableBundle(df, { maxRows: 4 });
  const html = String(bundle["text/html"]);
  assertEquals(html.match(/<tr>/g)?.length, 5, "1 header row + 4 body rows");
  assert(html.includes("showing 4 of 10 rows (10 rows × 1 column)"), html);
  const plain = String(bundle["text/plain"]).split("\n");
  assertEquals(plain.length, 2 + 4 + 1, "header, rule, 4 rows, note");
  assertEquals(plain.at(-1), "showing 4 of 10 rows (10 rows × 1 column)");
});

Deno.test("tableBundle cuts long text cells to ~300 code points with an ellipsis", () => {
  const body = "😀".repeat(500);
  const html = String(tableBundle(pl.DataFrame({ body: [body] }))["text/html"]);
  const cell = html.match(/<td[^>]*>([^<]*)<\/td>/)?.[1] ?? "";
  assertEquals(Array.from(cell).length, 300);
  assert(cell.endsWith("…"));
  const short = String(tableBundle(pl.DataFrame({ body: [body] }), { maxChars: 10 })["text/html"]);
  assertEquals(short.match(/<td[^>]*>([^<]*)<\/td>/)?.[1], "😀".repeat(9) + "…");
});

Deno.test("tableBundle renders missing values blank, numbers, booleans and an empty frame", () => {
  const df = pl.DataFrame({ s: ["a", null], x: [0.123456, 2], b: [true, false] });
  const html = String(tableBundle(df)["text/html"]);
  assert(!html.includes("null"), "a missing value is blank, not 'null'");
  assertEquals(html.match(/<td[^>]*><\/td>/g)?.length, 1);
  assert(html.includes(">0.1235</td>"));
  assert(html.includes(">true</td>"));
  const plain = String(tableBundle(df)["text/plain"]);
  assertEquals(plain.split("\n")[0], "s | x      | b");
  const empty = tableBundle(pl.DataFrame({ a: [] as string[] }));
  assert(String(empty["text/html"]).includes("0 rows × 1 column"));
});

Deno.test("tableBundle rejects a bad maxRows with a clear message", () => {
  assertThrows(
    () => tableBundle(pl.DataFrame({ a: [1] }), { maxRows: -1 }),
    /maxRows must be a whole number >= 0, got -1/,
  );
});

Deno.test("truncateText counts code points, not UTF-16 units", () => {
  assertEquals(truncateText("a😀b", 3), "a😀b");
  assertEquals(truncateText("a😀bc", 3), "a😀…");
  assertEquals(truncateText("abcdef", 4), "abc…");
});

Deno.test("formatCell formats values for display", () => {
  assertEquals(formatCell(null), "");
  assertEquals(formatCell(NaN), "");
  assertEquals(formatCell(3), "3");
  assertEquals(formatCell(1 / 3), "0.3333");
  assertEquals(formatCell(10n), "10");
  assertEquals(formatCell(new Date("2024-06-19T00:00:00Z")), "2024-06-19T00:00:00.000Z");
  assertEquals(formatCell(["a", 1]), '["a",1]');
});

Deno.test("textBundle escapes untrusted text and shows a placeholder when empty", () => {
  const b = textBundle([SCRIPT, "line 2"]);
  assertEquals(b["text/plain"], `${SCRIPT}\nline 2`);
  assert(String(b["text/html"]).includes("&lt;script&gt;alert(1)&lt;/script&gt;\nline 2"));
  assert(!String(b["text/html"]).includes("<script"));
  assertEquals(textBundle([], "no warnings")["text/plain"], "no warnings");
});

Deno.test("markdownBundle carries text/markdown and text/plain", () => {
  assertEquals(markdownBundle("**5** articles"), {
    "text/markdown": "**5** articles",
    "text/plain": "**5** articles",
  });
});

Deno.test("tableBundle never hides a whole outlet: rows are capped per outlet and the note says so", () => {
  const outlets = [...Array(40).fill("Big"), ...Array(40).fill("Also big"), "unnamed (9)"];
  const df = pl.DataFrame({ outlet: outlets, term: outlets.map((_, i) => `t${i}`) });
  const bundle = tableBundle(df, { maxRows: 30, name: "distinct" });
  const html = String(bundle["text/html"]);
  assert(html.includes(">Big</td>") && html.includes(">Also big</td>"));
  assert(html.includes(">outlet not given (9)</td>"), "the small outlet is shown, in words");
  assertEquals(html.match(/<tr>/g)?.length, 22); // the header row, then 10 + 10 + 1
  const note = "showing 21 of 81 rows (at most 10 per outlet); the full table is `distinct` " +
    "(81 rows × 2 columns)";
  assert(html.includes(note), html.slice(-300));
  assertEquals(String(bundle["text/plain"]).split("\n").at(-1), note);
  // Rows come in the shared outlet order: named outlets alphabetically, then those not given.
  const shown = [...html.matchAll(/<tr><td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assertEquals([...new Set(shown)], ["Also big", "Big", "outlet not given (9)"]);
});

Deno.test("tableNote: size, cut, cap and the name of the full table", () => {
  assertEquals(tableNote(3, 3, 1), "3 rows × 1 column");
  assertEquals(tableNote(2, 3, 2), "showing 2 of 3 rows (3 rows × 2 columns)");
  assertEquals(
    tableNote(5, 9, 2, { name: "audit", rows: "hit" }),
    "showing 5 of 9 hits; the full table is `audit` (9 hits × 2 columns)",
  );
});

Deno.test("tableBundle fits a 960-pixel column: long text wraps at a readable width", () => {
  const long = "word ".repeat(80);
  const df = pl.DataFrame({
    article_id: ["000"],
    source_text: ["the Institute for the Study of War"],
    cue_text: ["said"],
    content_text: [long],
    example_content: [long],
    rule: ["direct-quote-colon-after"],
    attribution: [3],
  });
  const html = String(tableBundle(df)["text/html"]);
  const widths = [...html.matchAll(/<col style="width:(\d+)px">/g)].map((m) => Number(m[1]));
  assertEquals(widths.length, 7);
  assert(widths.reduce((a, b) => a + b, 0) <= 960, `columns add up to ${widths}`);
  assert(widths[3] >= 200, `long text gets a readable width, got ${widths[3]}`);
  assert(widths[2] < 100, `a short column stays narrow, got ${widths[2]}`);
  assert(html.includes("content_<wbr>text"), "headers may break at underscores");
  const fixed = String(tableBundle(df, { widths: { content_text: 120 } })["text/html"]);
  assert(fixed.includes('<col style="width:120px">'));
});

Deno.test("textBundle keeps words whole (no break-all)", () => {
  const html = String(textBundle(["a warning about if it is known"])["text/html"]);
  assert(html.includes("word-break:normal"));
});

Deno.test("tableBundle: many columns still fit, a width asked for gives way last", () => {
  const text = "Institute for National Security Strategy";
  const df = pl.DataFrame(
    Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`column_${i}`, [text]])),
  );
  const html = String(tableBundle(df, { widths: { column_3: 320 } })["text/html"]);
  const widths = [...html.matchAll(/<col style="width:(\d+)px">/g)].map((m) => Number(m[1]));
  assert(widths.reduce((a, b) => a + b, 0) <= 960, `${widths}`);
  assert(widths[3] >= 120, `the asked-for column keeps the most room, got ${widths[3]}`);
});

Deno.test("capRows: shared outlet order, a cap per outlet, only the shown rows", () => {
  const df = pl.DataFrame({
    outlet: ["Zeta", "Alpha", "Zeta", null, "Zeta", "Alpha", "Zeta"],
    n: [1, 2, 3, 4, 5, 6, 7],
  });
  const all = capRows(df, 10);
  assertEquals(all.rows.getColumn("n").toArray(), [2, 6, 1, 3, 5, 7, 4]);
  assertEquals([all.total, all.perOutlet], [7, null]);
  const cut = capRows(df, 4);
  // Three outlets (the unnamed one included): at most one each.
  assertEquals(cut.rows.getColumn("n").toArray(), [2, 1, 4]);
  assertEquals([cut.total, cut.perOutlet], [7, 1]);
  assertEquals(capRows(df, 5, { perOutlet: 2 }).rows.getColumn("n").toArray(), [2, 6, 1, 3, 4]);
  assertEquals(capRows(df, 3, { outlets: false }).rows.getColumn("n").toArray(), [1, 2, 4]);
  assertEquals(capRows(pl.DataFrame({ n: [1, 2, 3] }), 2).rows.getColumn("n").toArray(), [1, 2]);
});
