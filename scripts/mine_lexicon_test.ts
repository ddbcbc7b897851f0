import { spanCounts } from "./mine_lexicon.ts";
import { assertEquals } from "../lib/testing.ts";

Deno.test("spanCounts: words and two-word terms, inside gold spans and overall (code points)", () => {
  //                    0         1         2         3
  //                    0123456789012345678901234567890123456
  const texts = new Map([["1", "😀 A vile plot. The vile regime’s plot."]]);
  // Gold span over "vile plot" (code points 4–13) only.
  const c = spanCounts(texts, new Map([["1", [[4, 13]] as Array<[number, number]>]]));
  assertEquals(c.get("vile"), { inSpan: 1, total: 2 });
  assertEquals(c.get("plot"), { inSpan: 1, total: 2 });
  assertEquals(c.get("vile plot"), { inSpan: 1, total: 1 });
  assertEquals(c.get("regime's"), { inSpan: 0, total: 1 });
  assertEquals(c.get("the"), { inSpan: 0, total: 1 });
});
