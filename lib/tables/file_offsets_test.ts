import { assert, assertEquals } from "../testing.ts";
import { analyseArticle, loadResources } from "../analyse.ts";
import { decodeArticleBytes } from "../io/decode.ts";
import { fileOffsets } from "./file_offsets.ts";

/** The code points [start, end) of `text`. */
const slice = (text: string, [start, end]: [number, number]) =>
  [...text].slice(start, end).join("");

// BOM, CRLF, a blank line, astral characters (😀 U+1F600 and 𝒳 U+1D4B3: two UTF-16 units each).
const FILE = "\uFEFFTitle 😀 here\r\n\r\nThe 😀 dictator spoke.\r\nNext 𝒳 line.\r\n";
// Decoded: "Title 😀 here\n\nThe 😀 dictator spoke.\nNext 𝒳 line.\n"; lines start at 0, 13, 14, 36.
const PARAGRAPHS = [
  { start: 0, end: 21, file_start: 14, file_end: 35 }, // "The 😀 dictator spoke."
  { start: 23, end: 35, file_start: 36, file_end: 48 }, // "Next 𝒳 line."
];

Deno.test("fileOffsets: body spans land on the same words in the file as stored", () => {
  const at = fileOffsets(FILE, PARAGRAPHS, null);
  // Stored lines start at 1 (after the BOM), 15, 17, 40: each CRLF adds one code point.
  assertEquals(at.body(6, 14), [23, 31]);
  assertEquals(slice(FILE, at.body(6, 14)), "dictator");
  assertEquals(at.body(30, 34), [47, 51]);
  assertEquals(slice(FILE, at.body(30, 34)), "line");
  // A span across the two paragraphs covers the CRLF between them in the file.
  assertEquals(at.body(6, 34), [23, 51]);
  assertEquals(slice(FILE, at.body(6, 34)), "dictator spoke.\r\nNext 𝒳 line");
  // The whole paragraph, end exclusive at the paragraph's end.
  assertEquals(slice(FILE, at.body(0, 21)), "The 😀 dictator spoke.");
  assertEquals(at.titleProblem, null);
  assertEquals(at.title(0, 5), null);
});

Deno.test("fileOffsets: the title maps through its line, only when it is that line's text", () => {
  const at = fileOffsets(FILE, PARAGRAPHS, { text: "Title 😀 here", line: 1 });
  assertEquals(at.titleProblem, null);
  assertEquals(at.title(6, 7), [7, 8]);
  assertEquals(slice(FILE, at.title(6, 7)!), "😀");
  assertEquals(slice(FILE, at.title(8, 12)!), "here");
  // An indented title on line 3 of a file without BOM.
  const indented = fileOffsets("\r\n\r\n  Kim 𝒳 Putin\r\nBody.", [], {
    text: "Kim 𝒳 Putin",
    line: 3,
  });
  assertEquals(indented.title(6, 11), [12, 17]);
  // Spaces collapsed by cleaning: the title is not the line, so no offsets, and a reason.
  const collapsed = fileOffsets("Title  😀 here\nBody.", [], { text: "Title 😀 here", line: 1 });
  assertEquals(collapsed.title(0, 5), null);
  assert(/not its line's text as stored \(line 1/.test(collapsed.titleProblem ?? ""));
  // Without the cleaned title, each span is checked against the line: "Title" is where cleaning
  // left it; "here" (title offsets 8–12 after the collapse) is not, so it has no file span.
  const checked = fileOffsets("Title  😀 here\nBody.", [], { line: 1 });
  assertEquals(checked.titleProblem, null);
  assertEquals(checked.title(0, 5, "Title"), [0, 5]);
  assertEquals(checked.title(8, 12, "here"), null);
  assertEquals(checked.title(9, 13, "here"), [9, 13]);
  const missing = fileOffsets("One line", [], { text: "One line", line: 4 });
  assertEquals(missing.titleProblem, "the title's line 4 is not in the file");
});

Deno.test("fileOffsets: without BOM or CRLF, decoded offsets are the file's (lone CR too)", () => {
  const file = "Head\rThe 😀 dictator.";
  const at = fileOffsets(file, [{ start: 0, end: 15, file_start: 5, file_end: 20 }], null);
  assertEquals(at.body(6, 14), [11, 19]);
  assertEquals(slice(file, at.body(6, 14)), "dictator");
});

Deno.test("fileOffsets: every hit and attribution of the chain slices its own text from the file", async () => {
  const resources = await loadResources();
  const file = "\uFEFFPutin hails 😀 “historic” pact\r\n\r\nBy Jane Roe\r\n" +
    "𝒳 North Korea’s leader Kim Jong Un called the treaty “a fortress”, KCNA said.\r\n" +
    "Add Comment\r\n" +
    "The dictator smiled. “We will win,” Putin said.\r\n";
  const decoded = decodeArticleBytes(new TextEncoder().encode(file), "a.txt");
  const a = analyseArticle({ id: "a", text: decoded.text }, resources);
  assertEquals(a.cleaned.title, "Putin hails 😀 “historic” pact");
  const at = fileOffsets(file, a.paragraphs, { text: a.cleaned.title!, line: 1 });
  const body = a.hits.filter((h) => h.field === "body");
  assert(body.length >= 1, "the body has hits");
  for (const h of body) assertEquals(slice(file, at.body(h.start, h.end)), h.text);
  const titleHits = a.hits.filter((h) => h.field === "title");
  assert(titleHits.length >= 1, "the title has hits");
  for (const h of titleHits) {
    assertEquals(slice(file, at.title(h.start, h.end)!), h.text);
    assertEquals(at.title(h.start, h.end, h.text), at.title(h.start, h.end));
  }
  const said = a.attributions.filter((x) => x.field === "body" && x.source !== null);
  assert(said.length >= 2, "KCNA and Putin are sources");
  for (const x of said) {
    assertEquals(slice(file, at.body(x.source!.start, x.source!.end)), x.source!.text);
    assertEquals(slice(file, at.body(x.content.start, x.content.end)), x.content.text);
  }
});
