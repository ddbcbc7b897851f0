import { assertEquals } from "../testing.ts";
import { codePointIndex, codePointLength, utf16Index } from "./codepoints.ts";

Deno.test("codePointIndex maps UTF-16 indices past an astral character", () => {
  const text = "a😀b “q”";
  const cp = codePointIndex(text);
  assertEquals(cp(0), 0);
  assertEquals(cp(1), 1);
  assertEquals(cp(3), 2); // "b"
  assertEquals(cp(text.length), 7);
  assertEquals(codePointLength(text), 7);
  const u = utf16Index(text);
  assertEquals(u(2), 3);
  assertEquals(u(7), text.length);
});

Deno.test("codePointIndex is the identity on BMP-only text", () => {
  const cp = codePointIndex("Russia’s “treaty”");
  assertEquals(cp(7), 7);
});
