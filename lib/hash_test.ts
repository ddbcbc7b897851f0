import { assertEquals } from "./testing.ts";
import { sha256Hex } from "./hash.ts";

Deno.test("sha256Hex gives the lower-case hex digest", async () => {
  assertEquals(
    await sha256Hex(new TextEncoder().encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});
