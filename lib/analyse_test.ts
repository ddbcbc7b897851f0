import { assertEquals } from "./testing.ts";
import { decodeSignature, encodeSignature } from "./analyse.ts";

Deno.test("encodeSignature: the little-endian bytes in standard base64, padded", () => {
  // Bytes 01 00 00 00 02 00 00 00 (8 bytes: one "=").
  assertEquals(encodeSignature(new Uint32Array([1, 2])), "AQAAAAIAAAA=");
  // 12 bytes: no padding.
  assertEquals(encodeSignature(new Uint32Array([0xffffffff, 7, 0x01020304])), "/////wcAAAAEAwIB");
  // 4 bytes: "==".
  assertEquals(encodeSignature(new Uint32Array([0x01020304])), "BAMCAQ==");
  assertEquals(encodeSignature(new Uint32Array(0)), "");
});

Deno.test("encodeSignature: a view into a larger array encodes only its own words", () => {
  const words = new Uint32Array([9, 1, 2, 9]);
  assertEquals(encodeSignature(words.subarray(1, 3)), "AQAAAAIAAAA=");
});

Deno.test("decodeSignature reads back what encodeSignature wrote", () => {
  const sig = new Uint32Array([0, 1, 0xdeadbeef, 0x80000000, 12345]);
  assertEquals([...decodeSignature(encodeSignature(sig))], [...sig]);
});
