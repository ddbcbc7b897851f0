import { lowerBound, TextIndex } from "./text_index.ts";
import { loadGazetteer } from "../resources/gazetteer.ts";
import { assertEquals } from "../testing.ts";

const gaz = await loadGazetteer();

Deno.test("TextIndex: sentences, quotations and cues of a short text", () => {
  const text = "Kim arrived. “We are friends,” Putin said.";
  const index = new TextIndex(text, gaz);
  assertEquals(index.sentences, [[0, 12], [13, 42]]);
  assertEquals(index.sentenceOf(20), [13, 42]);
  assertEquals(index.sentenceIndex(5), 0);
  const q = index.quoteStartingAt(13)!;
  assertEquals([q.s, q.e, q.cs, q.ce, q.closed], [13, 30, 14, 29, true]);
  assertEquals(index.inQuoteContent(20), true);
  assertEquals(index.inQuoteContent(35), false);
  assertEquals(index.cues.map((c) => [c.s, c.e, c.cue.cue]), [[37, 41, "said"]]);
  assertEquals(index.cueStart(41), 37);
  assertEquals(index.cueStart(40), 40);
  assertEquals(index.mentionsWithin(31, 36).map((m) => m.entry.id), ["putin"]);
  assertEquals(index.tokens(31, 41).map((t) => t.text), ["Putin", "said"]);
});

Deno.test("TextIndex: a cue word in a photo caption or after a determiner is no cue", () => {
  const text = "Kim said no.\n\nPhoto: Putin said hello (AFP)\n\nThe states said yes.";
  const index = new TextIndex(text, gaz);
  // "said" of the caption and "states" after "The" are no cues; the last "said" is.
  assertEquals(index.cues.map((c) => c.s), [4, 56]);
  assertEquals(index.skippedParagraphs, [[14, 43]]);
  const noun = new TextIndex("His calls for peace were ignored.", gaz);
  assertEquals(noun.cues.length, 0);
});

Deno.test("TextIndex: a pair of straight apostrophes is a quotation", () => {
  const index = new TextIndex("''No,'' he said.", gaz);
  assertEquals(index.quotes.map((q) => [q.s, q.e, q.closed]), [[0, 7, true]]);
});

Deno.test("lowerBound: last range starting at or before a position", () => {
  assertEquals(lowerBound([[0, 5], [5, 9]], 6), 1);
  assertEquals(lowerBound([[0, 5], [5, 9]], 5), 1);
  assertEquals(lowerBound([[3, 5]], 1), -1);
});
