import { assert, assertEquals, assertThrows } from "../testing.ts";
import {
  isEmptySignature,
  jaccardEstimate,
  LshIndex,
  shingles,
  shingleWords,
  signature,
} from "./minhash.ts";
import { SAME_EVENT, WIRE, WIRE_EDITED } from "../testdata/ingest/texts.ts";

Deno.test("shingleWords and shingles: lower-case words, 5-grams, short texts get one shingle", () => {
  assertEquals(shingleWords("Kim's  TALKS, in Seoul!"), ["kim's", "talks", "in", "seoul"]);
  assertEquals(shingles("one two three four five six seven").size, 3);
  assertEquals(shingles("one two").size, 1);
  assertEquals(shingles("  ,. ").size, 0);
  // Case and punctuation do not change shingles.
  assertEquals([...shingles("A b, C d e.")], [...shingles("a B c D E")]);
});

Deno.test("signatures: seeded and repeatable; similarity follows the shared text", () => {
  const a = signature(WIRE);
  assertEquals(a.length, 128);
  assertEquals([...a], [...signature(WIRE)]);
  assertEquals(jaccardEstimate(a, signature(WIRE)), 1);
  const edited = jaccardEstimate(a, signature(WIRE_EDITED));
  const other = jaccardEstimate(a, signature(SAME_EVENT));
  assert(edited > 0.6 && edited < 0.95, `edited wire copy similarity ${edited}`);
  assert(other < 0.1, `independent article similarity ${other}`);
  // A different seed gives different signatures.
  assert(jaccardEstimate(a, signature(WIRE, { seed: 7 })) < 0.2);
  assert(isEmptySignature(signature("")));
  assertThrows(() => jaccardEstimate(a, signature(WIRE, { numHashes: 64 })), /different lengths/);
});

Deno.test("LshIndex: the edited wire copy is a candidate and linked; the other article is not", () => {
  const index = new LshIndex();
  index.add("010", signature(WIRE));
  index.add("011", signature(SAME_EVENT));
  index.add("012", signature(""));
  assertEquals(index.size, 3);
  const near = index.nearest(signature(WIRE_EDITED), 0.5);
  assertEquals(near?.id, "010");
  assert(near!.similarity > 0.6);
  assertEquals(index.query(signature(WIRE_EDITED)), ["010"]);
  // A fresh article on the same event is linked to nothing.
  const fresh = SAME_EVENT.replace("Putin left for Vietnam in the evening.", "")
    .split(" ").reverse().join(" ");
  assertEquals(index.nearest(signature(fresh), 0.5), null);
  // An empty text is never linked.
  assertEquals(index.query(signature("")), []);
  index.remove("010");
  assertEquals(index.nearest(signature(WIRE_EDITED), 0.5), null);
});

Deno.test("LshIndex: toJSON / fromJSON round trip through JSON text", () => {
  const index = new LshIndex({ numHashes: 64, bands: 16, seed: 42 });
  index.add("a", signature(WIRE, index.options));
  index.add("b", signature(SAME_EVENT, index.options));
  const back = LshIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
  assertEquals(back.size, 2);
  assertEquals(back.options, index.options);
  assertEquals([...back.get("a")!], [...index.get("a")!]);
  assertEquals(back.nearest(signature(WIRE_EDITED, index.options), 0.5)?.id, "a");
  assertThrows(
    () => LshIndex.fromJSON({ ...index.toJSON(), signatures: "AAAA" }),
    /damaged/,
  );
  assertThrows(() => new LshIndex({ numHashes: 100, bands: 32 }), /multiple of bands/);
});

Deno.test("LshIndex.remove: a removed article is no candidate; the others sharing its bands stay", () => {
  const text = "the council voted on tuesday to close the old bridge for six weeks of repairs";
  const index = new LshIndex();
  index.add("a", signature(text));
  index.add("b", signature(text));
  index.add("c", signature(text + " after a long debate in the town hall"));
  assertEquals(index.query(signature(text)), ["a", "b", "c"]);
  index.remove("a");
  assertEquals(index.query(signature(text)), ["b", "c"]);
  index.add("a", signature(text));
  assertEquals(index.query(signature(text)).sort(), ["a", "b", "c"]);
  index.remove("b");
  index.remove("c");
  index.remove("a");
  assertEquals([index.size, index.query(signature(text)).length], [0, 0]);
});
