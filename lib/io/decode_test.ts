import { assert, assertEquals, assertMatch } from "../testing.ts";
import { binaryReason, decodeArticleBytes, firstInvalidUtf8Byte } from "./decode.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

Deno.test("decodeArticleBytes reads plain UTF-8 unchanged and without warnings", () => {
  const d = decodeArticleBytes(utf8("Kim’s “treaty” 😀\nline two"), "a.txt");
  assertEquals(d, { text: "Kim’s “treaty” 😀\nline two", encoding: "utf-8", warnings: [] });
});

Deno.test("decodeArticleBytes drops a BOM and normalises CRLF and CR silently", () => {
  const lf = decodeArticleBytes(utf8("Title\n\nBody one.\nBody two.\n"), "lf.txt");
  const crlf = decodeArticleBytes(
    new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Title\r\n\r\nBody one.\rBody two.\r\n")]),
    "crlf.txt",
  );
  assertEquals(crlf.text, lf.text);
  assertEquals(crlf.warnings, []);
  assertEquals(crlf.encoding, "utf-8");
});

Deno.test("decodeArticleBytes falls back to Windows-1252 naming file and first bad byte", () => {
  // "café “quoted”" in Windows-1252: é = E9, “ = 93, ” = 94.
  const bytes = new Uint8Array([...utf8("caf"), 0xe9, 0x20, 0x93, ...utf8("quoted"), 0x94]);
  const d = decodeArticleBytes(bytes, "data/articles/x.txt");
  assertEquals(d.text, "café “quoted”");
  assertEquals(d.encoding, "windows-1252");
  assertEquals(d.warnings.length, 1);
  assertMatch(d.warnings[0], /^data\/articles\/x\.txt: not valid UTF-8/);
  assertMatch(d.warnings[0], /0xE9 at byte offset 3/);
});

Deno.test("firstInvalidUtf8Byte finds overlong, surrogate, truncated and stray bytes", () => {
  assertEquals(firstInvalidUtf8Byte(utf8("aé😀")), -1);
  assertEquals(firstInvalidUtf8Byte(new Uint8Array([0x41, 0xc0, 0x80])), 1); // overlong
  assertEquals(firstInvalidUtf8Byte(new Uint8Array([0x41, 0x42, 0xed, 0xa0, 0x80])), 2); // surrogate
  assertEquals(firstInvalidUtf8Byte(new Uint8Array([0x41, 0xe2, 0x80])), 1); // truncated
  assertEquals(firstInvalidUtf8Byte(new Uint8Array([0x80])), 0); // stray continuation
  assertEquals(firstInvalidUtf8Byte(new Uint8Array([0xf4, 0x90, 0x80, 0x80])), 0); // > U+10FFFF
});

Deno.test("decodeArticleBytes drops only the first BOM; a second U+FEFF is text", () => {
  const d = decodeArticleBytes(utf8("\uFEFF\uFEFFx"), "b.txt");
  // Only the first BOM is a byte-order mark; a second one is text.
  assertEquals(d.text, "\uFEFFx");
  assert(d.warnings.length === 0);
});

Deno.test("binaryReason: images, archives, NUL bytes and control characters are not text", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  assertEquals(
    binaryReason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])),
    "it is a PNG image",
  );
  assertEquals(
    binaryReason(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])),
    "it is a PDF document",
  );
  assertEquals(binaryReason(enc("Some text\u0000more")), "it holds a NUL byte at byte offset 9");
  assertEquals(
    binaryReason(enc("ab\u0001\u0002\u0003\u0004cd")),
    "4 of its first 8 bytes are control characters",
  );
  // Text with tabs, form feeds, CRLF, Windows-1252 bytes and a lone control character is text.
  assertEquals(binaryReason(enc("Title\r\n\tBody \f" + "x".repeat(500) + "\u0007")), null);
  assertEquals(binaryReason(new Uint8Array([0x93, 0x41, 0x94])), null);
});
