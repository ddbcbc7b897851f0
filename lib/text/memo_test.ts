import { remembered } from "./memo.ts";
import { assertEquals } from "../testing.ts";

Deno.test("remembered computes once per key and empties a full memo", () => {
  const memo = new Map<string, number>();
  let calls = 0;
  const len = (k: string) => (calls++, k.length);
  assertEquals(remembered(memo, "abc", 2, len), 3);
  assertEquals(remembered(memo, "abc", 2, len), 3);
  assertEquals(calls, 1);
  assertEquals(remembered(memo, "de", 2, len), 2);
  assertEquals(memo.size, 2);
  // Full: cleared, then the new key stored.
  assertEquals(remembered(memo, "f", 2, len), 1);
  assertEquals([...memo.keys()], ["f"]);
  assertEquals(calls, 3);
});
