import { escapeHtml, htmlElement } from "./html.ts";
import { assert, assertEquals, assertThrows } from "../testing.ts";

Deno.test("escapeHtml escapes the five HTML-special characters", () => {
  assertEquals(escapeHtml(`&<>"'`), "&amp;&lt;&gt;&quot;&#39;");
  assertEquals(escapeHtml("plain text, no change"), "plain text, no change");
  assertEquals(escapeHtml(""), "");
});

Deno.test("escapeHtml neutralises a script tag", () => {
  const out = escapeHtml("<script>alert(1)</script>");
  assertEquals(out, "&lt;script&gt;alert(1)&lt;/script&gt;");
  assert(!out.includes("<"));
});

Deno.test("escapeHtml neutralises an attribute break-out", () => {
  const out = escapeHtml(`"><img src=x onerror="alert(1)">`);
  assertEquals(out, "&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  assert(!out.includes('"') && !out.includes(">"));
});

Deno.test("escapeHtml does not double-escape meaning: & is escaped first", () => {
  assertEquals(escapeHtml("&lt;"), "&amp;lt;");
});

Deno.test("escapeHtml keeps non-ASCII text and emoji as they are", () => {
  assertEquals(escapeHtml("Пхеньян «KCNA» 😀"), "Пхеньян «KCNA» 😀");
});

Deno.test("htmlElement escapes text and attribute values", () => {
  assertEquals(
    htmlElement("td", "<b>x</b>", { title: `a"b` }),
    `<td title="a&quot;b">&lt;b&gt;x&lt;/b&gt;</td>`,
  );
});

Deno.test("htmlElement rejects unsafe tag and attribute names", () => {
  assertThrows(() => htmlElement("td onclick=x", "a"), /not a plain lower-case tag name/);
  assertThrows(() => htmlElement("td", "a", { "on click": "x" }), /attribute name/);
});
