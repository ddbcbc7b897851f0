import pl from "nodejs-polars";
import { formatCell, markdownBundle, tableBundle, textBundle, truncateText } from "./display.ts";
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

Deno.test("tableBundle renders nulls, numbers, booleans and an empty frame", () => {
  const df = pl.DataFrame({ s: ["a", null], x: [0.123456, 2], b: [true, false] });
  const html = String(tableBundle(df)["text/html"]);
  assert(html.includes(">null</td>"));
  assert(html.includes(">0.1235</td>"));
  assert(html.includes(">true</td>"));
  const plain = String(tableBundle(df)["text/plain"]);
  assertEquals(plain.split("\n")[0], "s    | x      | b");
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
  assertEquals(formatCell(null), "null");
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
