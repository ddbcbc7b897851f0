import {
  buildCueLexicon,
  loadCueLexicon,
  wordAlternationMatches,
  wordAlternationMatchesEach,
} from "./cues.ts";
import { loadGazetteer } from "./gazetteer.ts";
import { assertEquals, assertThrows } from "../testing.ts";

Deno.test("the default cue lexicon loads and types according to as source_after", () => {
  const lex = loadCueLexicon();
  assertEquals(lex.byPhrase.get("according to")?.pattern, "source_after");
  assertEquals(lex.byPhrase.get("said")?.pattern, "verb");
  assertEquals(lex.byPhrase.get("concluded")?.complement, "clause");
});

Deno.test("the cue pattern prefers the longest phrase and respects word boundaries", () => {
  const lex = buildCueLexicon([
    { cue: "reported", pattern: "verb", category: "report", complement: "any" },
    { cue: "as reported by", pattern: "source_after", category: "report", complement: "any" },
    { cue: "say", pattern: "verb", category: "speech", complement: "any" },
  ], "cues.csv");
  const found = [..."It grew, as reported by TASS. Essays say so.".matchAll(lex.pattern)].map((m) =>
    m[1]
  );
  assertEquals(found, ["as reported by", "say"]);
});

Deno.test("a malformed cue row names the file, the line and the field", () => {
  assertThrows(
    () =>
      buildCueLexicon([
        { cue: "said", pattern: "verb", category: "speech", complement: "any" },
        { cue: "noted", pattern: "verbal", category: "speech", complement: "any" },
      ], "data/cues.csv"),
    /data\/cues\.csv line 3 \(cue "noted"\): field "pattern" is "verbal"/,
  );
  assertThrows(
    () =>
      buildCueLexicon([{ cue: " ", pattern: "verb", category: "", complement: "any" }], "c.csv"),
    /c\.csv line 2: field "cue" is empty/,
  );
  assertThrows(
    () =>
      buildCueLexicon(
        [{ cue: "said", pattern: "verb", category: "", complement: "maybe" }],
        "c.csv",
      ),
    /field "complement" is "maybe"; use any or clause/,
  );
});

Deno.test("wordAlternationMatches finds the same matches as matchAll", async () => {
  const gaz = await loadGazetteer();
  const text = "ſaid thin\u212As \u{1D400}Putin Putin\u{1D400} 𝟘Kim Kim’s KCNA's U.S. State " +
    "Department  Kim  Jong\nUn SAID Said ACCORDING  TO Kremlin’s website, said Putin. Kim";
  for (const re of [gaz.aliasPattern, gaz.cues.pattern, gaz.rolePattern, gaz.countryPattern]) {
    const want = [...text.matchAll(re)].map((m) => ({ index: m.index, text: m[1] }));
    assertEquals(wordAlternationMatches(re, text), want);
  }
  const other = /(x)/g;
  assertEquals(wordAlternationMatches(other, "axb"), [{ index: 1, text: "x" }]);
});

Deno.test("wordAlternationMatchesEach gives each pattern's matches in one pass", async () => {
  const gaz = await loadGazetteer();
  const text = "ſaid thin\u212As \u{1D400}Putin Putin\u{1D400} 𝟘Kim Kim’s KCNA's U.S. State " +
    "Department  Kim  Jong\nUn SAID Said ACCORDING  TO Kremlin’s website, said Putin. Kim " +
    "38 North said, “the Kremlin said” Kim Jong Un said";
  const patterns = [gaz.aliasPattern, gaz.cues.pattern, /(x)/g, gaz.countryPattern];
  assertEquals(
    wordAlternationMatchesEach(patterns, text),
    patterns.map((re) => [...text.matchAll(re)].map((m) => ({ index: m.index, text: m[1] }))),
  );
});
