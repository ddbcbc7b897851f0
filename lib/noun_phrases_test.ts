import {
  phraseEndingAt,
  phraseStartingAt,
  skipBetweenSubjectAndCue,
  tokenize,
} from "./noun_phrases.ts";
import { assertEquals } from "./testing.ts";

const VOCAB = new Set(["officials", "analysts", "leader", "expert", "agency", "figures", "latest"]);

function before(text: string): string | null {
  const toks = tokenize(text, 0, text.length);
  const k = skipBetweenSubjectAndCue(toks, toks.length - 1);
  const np = phraseEndingAt(toks, k, VOCAB);
  return np ? text.slice(np.s, np.e) : null;
}

Deno.test("the subject phrase before a cue", () => {
  assertEquals(
    before("Asked about it, US Secretary of State Antony Blinken also"),
    "US Secretary of State Antony Blinken",
  );
  assertEquals(
    before("Accusations from US and South Korean officials"),
    "US and South Korean officials",
  );
  assertEquals(before("In turn, the North Korean leader"), "the North Korean leader");
  assertEquals(
    before("The Kyiv Independent’s latest figures"),
    "The Kyiv Independent’s latest figures",
  );
  assertEquals(
    before("for aid, analysts at the Institute for the Study of War (ISW)"),
    "analysts at the Institute for the Study of War (ISW)",
  );
  assertEquals(before("and then he has"), "he");
  assertEquals(before("after that the judge"), "the judge"); // a common noun after a determiner
  assertEquals(before("as it went to"), null);
});

Deno.test("the phrase after a cue, pronouns included", () => {
  const after = (t: string) => {
    const np = phraseStartingAt(tokenize(t, 0, t.length), 0, VOCAB);
    return np ? t.slice(np.s, np.e) : null;
  };
  assertEquals(after("the expert."), "the expert");
  assertEquals(after("Oleksandr Musienko, head of it."), "Oleksandr Musienko");
  assertEquals(after("him, the deal"), "him");
  assertEquals(after("the deal"), null);
});
