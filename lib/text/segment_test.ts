import { assertEquals } from "../testing.ts";
import { joinParagraphs, splitSentences } from "./segment.ts";

const ABBR = ["Mr.", "Mrs.", "Dr.", "Feb.", "Gen."];
const texts = (t: string, abbr: string[] = ABBR) => splitSentences(t, abbr).map((s) => s.text);
const cpSlice = (t: string, s: number, e: number) => Array.from(t).slice(s, e).join("");

Deno.test("splitSentences does not break at U.S., Mr., Feb. 9 or decimals", () => {
  assertEquals(
    texts("Mr. Kim met U.S. envoys on Feb. 9 in Seoul. Trade rose 1.5 percent. It ended."),
    ["Mr. Kim met U.S. envoys on Feb. 9 in Seoul.", "Trade rose 1.5 percent.", "It ended."],
  );
});

Deno.test("splitSentences does not break inside a quotation that continues", () => {
  assertEquals(
    texts("He noted that “this treaty is nothing new. We signed it.” Then he left."),
    ["He noted that “this treaty is nothing new. We signed it.”", "Then he left."],
  );
  assertEquals(
    texts('He said "It is over. We won." Nobody agreed.'),
    ['He said "It is over. We won."', "Nobody agreed."],
  );
});

Deno.test("splitSentences breaks after ! ? and a closing quote, keeps ed.) and lowercase", () => {
  assertEquals(
    texts("Is it war? No! Kim called it “peaceful.” Troops (ed.) will stay. it goes on"),
    ["Is it war?", "No!", "Kim called it “peaceful.”", "Troops (ed.) will stay. it goes on"],
  );
});

Deno.test("splitSentences: an unclosed quote does not swallow the rest", () => {
  assertEquals(texts("He said “never. Then he left. Done."), [
    "He said “never.",
    "Then he left.",
    "Done.",
  ]);
});

Deno.test("splitSentences: abbreviation list comes from the caller", () => {
  assertEquals(texts("Ask Dr. Who.", []), ["Ask Dr.", "Who."]);
  assertEquals(texts("Ask Dr. Who.", ["Dr."]), ["Ask Dr. Who."]);
});

Deno.test("splitSentences gives code-point offsets that slice the text (astral chars)", () => {
  const t = "Rocket 🚀 up. Then 😀 𝔸 down! End.\nNew line";
  const s = splitSentences(t);
  assertEquals(s.map((x) => [x.start, x.end]), [[0, 12], [13, 27], [28, 32], [33, 41]]);
  for (const x of s) assertEquals(cpSlice(t, x.start, x.end), x.text);
  assertEquals(s.map((x) => x.text), ["Rocket 🚀 up.", "Then 😀 𝔸 down!", "End.", "New line"]);
});

Deno.test("splitSentences on empty or blank text gives no sentences", () => {
  assertEquals(splitSentences("   \n "), []);
});

Deno.test("joinParagraphs joins with a blank line and spans slice the body", () => {
  const { body, spans } = joinParagraphs(["A 😀.", "B.", "𝔸𝔹"]);
  assertEquals(body, "A 😀.\n\nB.\n\n𝔸𝔹");
  assertEquals(spans.map((s) => [s.start, s.end]), [[0, 4], [6, 8], [10, 12]]);
  for (const s of spans) assertEquals(cpSlice(body, s.start, s.end), s.text);
  assertEquals(joinParagraphs([]), { body: "", spans: [] });
});

Deno.test("splitSentences: no split at middle initials, U.S., Gen., Lt. Col. (issue 11)", () => {
  const t = "President Vladimir V. Putin arrived. George W. Bush said so. The U.S. Army and " +
    "Lt. Col. Smith agreed. Gen. Lee spoke.";
  assertEquals(splitSentences(t, ["Gen.", "Lt.", "Col."]).map((s) => s.text), [
    "President Vladimir V. Putin arrived.",
    "George W. Bush said so.",
    "The U.S. Army and Lt. Col. Smith agreed.",
    "Gen. Lee spoke.",
  ]);
});
