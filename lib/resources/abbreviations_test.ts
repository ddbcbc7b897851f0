import { assertEquals, assertThrows } from "../testing.ts";
import { defaultAbbreviations, loadAbbreviations, parseAbbreviations } from "./abbreviations.ts";
import { sentenceRanges } from "../text/segment.ts";
import { tokenize } from "../extract/noun_phrases.ts";

const FILE = "abbreviation,kind,note\n" +
  "Capt.,title,rank\n" +
  "Lt.,title,\n" +
  "Feb.,abbreviation,month\n" +
  "U.S.,abbreviation,\n";

Deno.test("parseAbbreviations gives each reader its form: as written, stems, titles", () => {
  const a = parseAbbreviations(FILE, "a.csv");
  assertEquals([...a.stems], ["capt", "lt", "feb", "u.s"]);
  assertEquals([...a.titles], ["Capt", "Lt"]);
  // Only the abbreviations proper may end a sentence ("in the U.S. He said"); titles never.
  assertEquals([...a.closers], ["feb", "u.s"]);
  assertEquals(a.entries[0], { abbreviation: "Capt.", kind: "title", note: "rank", line: 2 });
});

Deno.test("one list: the sentence splitter and the tokenizer read the same file", () => {
  const a = parseAbbreviations(FILE, "a.csv");
  const t = "Capt. Ortiz left on Feb. 3. Lt. Hale stayed.";
  assertEquals(
    sentenceRanges(t, 0, t.length, { abbreviations: a.stems }).map(([s, e]) => t.slice(s, e)),
    [
      "Capt. Ortiz left on Feb. 3.",
      "Lt. Hale stayed.",
    ],
  );
  assertEquals(tokenize(t, 0, 11, a.titles).map((x) => x.text), ["Capt.", "Ortiz"]);
  // Without the list, "Capt" is a word and its stop a token of its own.
  assertEquals(tokenize(t, 0, 11, new Set()).map((x) => x.text), ["Capt", ".", "Ortiz"]);
});

Deno.test("parseAbbreviations: bad rows are errors naming file, line and column", () => {
  assertThrows(
    () => parseAbbreviations("abbreviation,kind\nMr,title\n", "a.csv"),
    /^a\.csv line 2, column 'abbreviation': 'Mr' must end with its stop/,
  );
  assertThrows(
    () => parseAbbreviations("abbreviation,kind\nMr.,honorific\n", "a.csv"),
    /^a\.csv line 2, column 'kind': 'honorific' is not a kind — use title/,
  );
  assertThrows(
    () => parseAbbreviations("abbreviation,kind\nU.S.,title\n", "a.csv"),
    /^a\.csv line 2, column 'abbreviation': the title 'U\.S\.' must be one capitalised word/,
  );
  assertThrows(
    () => parseAbbreviations("abbreviation,kind\nMr.,title\n\nMr.,abbreviation\n", "a.csv"),
    /^a\.csv line 4, column 'abbreviation': 'Mr\.' is listed already on line 2/,
  );
  assertThrows(
    () => parseAbbreviations("abbreviation,kinds\nMr.,title\n", "a.csv"),
    /^a\.csv line 1: missing column "kind"/,
  );
  assertThrows(
    () => parseAbbreviations('abbreviation,kind\n"Mr.,title\n', "a.csv"),
    /^a\.csv line 2: a quoted field is never closed/,
  );
});

Deno.test("loadAbbreviations reads the fixture's file; a missing file is named", async () => {
  const a = await loadAbbreviations();
  assertEquals([a.stems.has("mr"), a.stems.has("u.s"), a.titles.has("Gen")], [true, true, true]);
  assertEquals(defaultAbbreviations().stems.size, a.stems.size);
  let message = "";
  await loadAbbreviations("/nonexistent/abbreviations.csv").catch((e) => (message = e.message));
  assertEquals(message.startsWith("/nonexistent/abbreviations.csv: cannot read"), true);
});
