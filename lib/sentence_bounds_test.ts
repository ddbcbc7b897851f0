import { paragraphRanges, sentenceRanges } from "./sentence_bounds.ts";
import { assertEquals } from "./testing.ts";

Deno.test("paragraphs are non-empty lines, trimmed", () => {
  assertEquals(paragraphRanges("a b\n\n c\n"), [[0, 3], [6, 7]]);
  // "\r\n", "\r" and "\n" each end a line.
  assertEquals(paragraphRanges("a\r\nb\rc\n\r d \r\n\ne"), [[0, 1], [3, 4], [5, 6], [9, 10], [
    14,
    15,
  ]]);
  assertEquals(paragraphRanges(""), []);
  assertEquals(paragraphRanges("\n\r \n"), []);
});

Deno.test("sentences end at . ! ? but not after abbreviations or initials", () => {
  const t = "Mr. Kim met Gen. Lee. J. Smith left! Why?";
  const s = sentenceRanges(t, 0, t.length).map(([a, b]) => t.slice(a, b));
  assertEquals(s, ["Mr. Kim met Gen. Lee.", "J. Smith left!", "Why?"]);
});

Deno.test("a boundary inside a protected quotation is ignored", () => {
  const t = "“It ended. Today we start,” he said. Next.";
  const q: Array<[number, number]> = [[0, 27]];
  const s = sentenceRanges(t, 0, t.length, q).map(([a, b]) => t.slice(a, b));
  assertEquals(s, ["“It ended. Today we start,” he said.", "Next."]);
});
