import {
  phraseEndingAt,
  phraseStartingAt,
  skipBetweenSubjectAndCue,
  tokenize,
} from "./noun_phrases.ts";
import { assertEquals } from "../testing.ts";

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

/** Titles as abbreviations.csv gives them (kind title, without the stop). */
const TITLES: ReadonlySet<string> = new Set(
  "Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Sgt Adm Prof Rev St Jr Sr".split(" "),
);

/** The token grammar as an expression: tokenize must give its matches in the slice. */
const TOKEN_REFERENCE =
  /(?:\p{Lu}\.){2,}|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Adm|Prof|Rev|St|Jr|Sr)\.|[\p{L}\p{N}](?:[\p{L}\p{N}&]|[’'\-.](?=[\p{L}\p{N}]))*|\S/gu;

Deno.test("tokenize gives the matches of the token expression in the slice", () => {
  const text = "Mr. Kim’s aide, he said. Mrs.Smith and Ms Jones (U.S.-led) U.S. A.B.C. A.b " +
    "Prof.X Profs. Dr Gen.Sgt. St.Petersburg R&D AT&T &x don't rock 'n' roll -x- .5 3.14 " +
    "Ünal ÉCOLE Ǆ 𝐀.𝐁. 𝐀𝐁 x\u{1D7D8}y \uD835 lone \uDC00 low\u00A0nbsp\u2003em\u200Bzw " +
    "“quoted,” ‘single’ — dash … end. Sr. Jr Lt. Col. Adm. Rev. Gov. Rep. Sen.";
  const want = (s: number, e: number) =>
    [...text.slice(s, e).matchAll(TOKEN_REFERENCE)].map((m) => ({
      s: s + m.index,
      e: s + m.index + m[0].length,
      text: m[0],
    }));
  for (let s = 0; s < text.length; s += 3) {
    for (const e of [s, s + 1, s + 2, s + 5, s + 17, text.length, text.length + 4]) {
      assertEquals(tokenize(text, s, e, TITLES), want(s, e), `slice ${s}-${e}`);
    }
  }
  assertEquals(tokenize(text, -8, text.length, TITLES), want(-8, text.length));
});
