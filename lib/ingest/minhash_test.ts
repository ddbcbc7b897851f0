import { assert, assertEquals, assertThrows } from "../testing.ts";
import {
  isEmptySignature,
  jaccardEstimate,
  LshIndex,
  shingles,
  shingleWords,
  signature,
  signatureOfShingles,
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

Deno.test("shingles: the hash of each 5-gram is FNV-1a of its lower-case words joined by spaces", () => {
  // The definition, spelt out: shingles hashes word spans in place without making the strings.
  const fnv1a = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const reference = (text: string) => {
    const w = shingleWords(text);
    if (w.length < 5) return w.length ? [fnv1a(w.join(" "))] : [];
    return [...new Set(w.slice(4).map((_, i) => fnv1a(w.slice(i, i + 5).join(" "))))];
  };
  for (
    const text of [
      "Kim's  TALKS, in Seoul! O’Brien said: ÉLYSÉE rejects 𝐁old 🙂 claims, İstanbul 2024 says",
      "one two",
      "dogs' bone, ''quoted'' it's’ rock’n’roll x'' \ud800lone \udc00 𝟘½ 中文字 Ⅻ ' ’ end'",
      "Сеул и Пхеньян подписали договор о стратегическом партнёрстве в среду",
      WIRE,
    ]
  ) assertEquals([...shingles(text)], reference(text));
});

Deno.test("signature: the least fmix32(shingle ^ seed) per seeded hash function", () => {
  // The definition, spelt out (signature runs it four hash functions at a time in WebAssembly).
  const fmix32 = (x: number) => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  const reference = (text: string, numHashes: number, seed: number) => {
    const sig = new Array<number>(numHashes).fill(0xffffffff);
    let x = seed;
    for (let i = 0; i < numHashes; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      const s = fmix32(x);
      for (const h of shingles(text)) sig[i] = Math.min(sig[i], fmix32(h ^ s));
    }
    return sig;
  };
  for (
    const text of [WIRE, SAME_EVENT, "one two", "Ünïcode wörds — and 🙂 more words here, again"]
  ) {
    assertEquals([...signature(text)], reference(text, 128, 0x5eed));
    assertEquals([...signature(text, { numHashes: 6, bands: 2, seed: 7 })], reference(text, 6, 7));
  }
  assertEquals([...signatureOfShingles(shingles(WIRE))], [...signature(WIRE)]);
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

Deno.test("LshIndex.addMany: the same candidates, nearest copies, removals and replacements as adding one by one", () => {
  const text = "the council voted on tuesday to close the old bridge for six weeks of repairs";
  const texts: Record<string, string> = {
    a: WIRE,
    b: SAME_EVENT,
    c: "",
    d: text,
    e: text + " after a long debate in the town hall",
    f: WIRE_EDITED,
  };
  const ids = Object.keys(texts);
  const one = new LshIndex();
  for (const id of ids) one.add(id, signature(texts[id]));
  const many = new LshIndex();
  const all = new Uint32Array(ids.length * many.numHashes);
  ids.forEach((id, i) => all.set(signature(texts[id]), i * many.numHashes));
  many.addMany(ids, all);
  assertEquals(many.size, 6);
  assertEquals([...many.get("d")!], [...signature(text)]);
  const probes = [WIRE, WIRE_EDITED, text, SAME_EVENT, ""].map((t) => signature(t));
  const same = () => {
    for (const p of probes) {
      assertEquals(many.query(p), one.query(p));
      assertEquals(many.nearest(p, 0.5), one.nearest(p, 0.5));
    }
    assertEquals(many.toJSON(), one.toJSON());
  };
  same();
  assertEquals(many.query(signature(text)), ["d", "e"]);
  // A removed article is no candidate; one added again after the bulk comes after it.
  for (const index of [one, many]) {
    index.remove("a");
    index.add("d", signature(text + " and more words about the bridge"));
    index.add("g", signature(WIRE));
  }
  same();
  assertEquals(many.nearest(signature(WIRE), 0.5)?.id, "g");
  assertEquals(many.size, 6);
  assertThrows(() => many.addMany(["x"], new Uint32Array(many.numHashes)), /must be empty/);
});
