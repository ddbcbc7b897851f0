import { assert, assertEquals, assertThrows } from "../testing.ts";
import {
  isEmptySignature,
  jaccardEstimate,
  LshIndex,
  shingles,
  shingleWords,
  signature,
} from "./minhash.ts";

/** A wire story, as an agency sent it. */
export const WIRE = [
  "SEOUL, June 19 - North Korea and Russia signed a comprehensive strategic partnership on",
  "Wednesday that includes a pledge of mutual assistance if either country is attacked, the",
  "North's state media said. The agreement was signed during a visit to Pyongyang by the Russian",
  "president, his first trip to the country in 24 years. Analysts in Seoul said the deal could",
  "deepen military cooperation between the two countries, which are both under Western",
  "sanctions. South Korea's foreign ministry said it was reviewing the text and would respond",
  "after consulting its allies. The United States has accused Pyongyang of supplying artillery",
  "shells and ballistic missiles for use in Ukraine, which both governments deny. The two leaders",
  "also discussed cooperation in energy, transport and tourism, according to the report.",
  "Officials in Tokyo said they were gravely concerned by the pact and would coordinate closely",
  "with Washington and Seoul. China, the North's main ally and trading partner, made no immediate",
  "comment on the treaty. The visit included a gala concert and a ceremony at a square in central",
  "Pyongyang, where tens of thousands of people lined the streets, state television showed.",
].join(" ");

/** The same story run by another outlet: first sentence rewritten, same body. */
export const WIRE_EDITED = [
  "Pyongyang and Moscow have agreed to come to each other's defence, the two governments",
  "announced on Wednesday after talks in the North Korean capital.",
  WIRE.slice(WIRE.indexOf("The agreement was signed")),
].join(" ");

/** Another article on the same event, written independently. */
export const SAME_EVENT = [
  "Russian President Vladimir Putin was greeted by Kim Jong Un at Pyongyang airport in the early",
  "hours of Wednesday, and the two men later put their names to a treaty that Moscow described as",
  "a breakthrough. Washington and Seoul reacted with alarm, warning that any transfer of Russian",
  "military technology would violate United Nations resolutions. Experts cautioned that the",
  "mutual defence clause echoes a 1961 treaty between the Soviet Union and North Korea and that",
  "its practical meaning remains unclear. Putin left for Vietnam in the evening.",
].join(" ");

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
