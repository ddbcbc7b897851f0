import { buildCueLexicon, loadCueLexicon, normalisePhrase } from "./cues.ts";
import { loadGazetteer } from "./gazetteer.ts";
import { assertEquals, assertThrows } from "../testing.ts";

Deno.test("the default cue lexicon loads and types according to as source_after", () => {
  const lex = loadCueLexicon();
  assertEquals(lex.byPhrase.get("according to")?.pattern, "source_after");
  assertEquals(lex.byPhrase.get("said")?.pattern, "verb");
  assertEquals(lex.byPhrase.get("concluded")?.complement, "clause");
});

Deno.test("the cue scanner prefers the longest phrase and respects word boundaries", () => {
  const lex = buildCueLexicon([
    { cue: "reported", pattern: "verb", category: "report", complement: "any" },
    { cue: "as reported by", pattern: "source_after", category: "report", complement: "any" },
    { cue: "say", pattern: "verb", category: "speech", complement: "any" },
  ], "cues.csv");
  const found = lex.scanner.scan("It grew, as reported by TASS. Essays say so. SAID, Say  so");
  const spans = found.map((m) => `${m.index}:${m.text}`);
  assertEquals(spans, ["9:as reported by", "37:say", "51:Say"]);
  assertEquals(
    lex.byPhrase.get(normalisePhrase(found[0].text))?.category,
    "report",
  );
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
    /field "complement" is "maybe"; use one of any, clause, not_to_from/,
  );
});

Deno.test("the cue and alias scanners find what a plain longest-first alternation finds", async () => {
  const gaz = await loadGazetteer();
  const text = "ſaid thin\u212As \u{1D400}Putin Putin\u{1D400} 𝟘Kim Kim’s KCNA's U.S. State " +
    "Department  Kim  Jong\nUn SAID Said ACCORDING  TO Kremlin’s website, said Putin. Kim " +
    "38 North said, “the Kremlin said” Kim Jong Un said; ČTK and čtk, the Élysée Palace said. " +
    "according-to sources, as reported by-TASS";
  const plain = (phrases: Iterable<string>) => {
    const alts = [...new Set(phrases)].sort((a, b) => b.length - a.length).map((p) =>
      p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+").replace(/['’]/g, "['’]")
    );
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  };
  for (
    const [scanner, phrases] of [
      [gaz.aliasScanner, gaz.byAlias.keys()],
      [gaz.cues.scanner, gaz.cues.byPhrase.keys()],
    ] as const
  ) {
    const want = [...text.matchAll(plain(phrases))].map((m) => [m.index, m[0]]);
    assertEquals(scanner.scan(text).map((m) => [m.index, m.text]), want);
  }
});
