import { type AttributionLike, ownVoiceWordCount, voiceAt, voiceContext } from "./voice.ts";
import { assertEquals } from "../testing.ts";

function attribution(
  kind: AttributionLike["kind"],
  start: number,
  end: number,
  source_id: string | null,
  sourceText = "someone",
): AttributionLike {
  return {
    kind,
    content: { start, end },
    source_id,
    source: { start: 0, end: 1, text: sourceText },
  };
}

Deno.test("voiceAt: quote, paraphrase, narration, with speakers", () => {
  //            0         1         2         3         4         5         6
  //            0123456789012345678901234567890123456789012345678901234567890123
  const text = "Putin said “the West is evil”. Kim said the US is hostile. Fine.";
  const ctx = voiceContext(text, [
    attribution("direct", 12, 28, "putin"),
    attribution("indirect", 40, 57, null, "Kim"),
  ]);
  assertEquals(voiceAt(ctx, 24, 28), { voice: "quote", speaker: "putin" });
  assertEquals(voiceAt(ctx, 50, 57), { voice: "paraphrase", speaker: "Kim" });
  assertEquals(voiceAt(ctx, 0, 5), { voice: "narration", speaker: null });
  assertEquals(voiceAt(ctx, 59, 63), { voice: "narration", speaker: null });
});

Deno.test("voiceAt: quote marks without attributions; unmarked direct content is a quote", () => {
  const text = "He called it “a sham”. It is a war, - believes the expert.";
  assertEquals(voiceAt(voiceContext(text), 16, 20), { voice: "quote", speaker: null });
  const ctx = voiceContext(text, [attribution("direct", 23, 34, "expert")]);
  assertEquals(voiceAt(ctx, 31, 34), { voice: "quote", speaker: "expert" });
  // A hit straddling the quote boundary is not inside the quote.
  assertEquals(voiceAt(voiceContext(text), 10, 16).voice, "narration");
});

Deno.test("ownVoiceWordCount: words outside quotes and attribution contents", () => {
  assertEquals(ownVoiceWordCount("Kim said “we are friends” and left."), 4);
  assertEquals(ownVoiceWordCount("No quotes here at all."), 5);
  // Nested quotes count once; an unmarked attribution content is not the outlet's voice.
  const text = "😀 He said “a ‘b’ c”. The summit, officials believe, failed badly.";
  assertEquals(ownVoiceWordCount(text), 8);
  const contentStart = [...text].indexOf("T", 10);
  const ctx = voiceContext(text, [
    attribution("indirect", contentStart, contentStart + "The summit".length, "officials"),
  ]);
  assertEquals(ownVoiceWordCount(text, ctx), 6);
});

Deno.test("voiceAt: the speaker is the resolved name of a pronoun or description source", () => {
  //            0         1         2         3         4
  //            0123456789012345678901234567890123456789012345
  const text = "Lind spoke. She called it “a brutal war” later.";
  const a: AttributionLike = {
    kind: "mixed",
    content: { start: 19, end: 40 },
    source_id: null,
    source_name: "Foreign Minister Petra Lind",
    source: { start: 12, end: 15, text: "She" },
    cue: { start: 16, end: 22 },
  };
  assertEquals(voiceAt(voiceContext(text, [a]), 29, 35), {
    voice: "quote",
    speaker: "Foreign Minister Petra Lind",
  });
  // Unresolved (no name): the source's own text.
  assertEquals(voiceAt(voiceContext(text, [{ ...a, source_name: null }]), 29, 35).speaker, "She");
});

Deno.test("voiceAt: a quotation named by others (dubbed, known as) has no speaker", () => {
  const text =
    'Pictures show her next to General Vask, dubbed "the Butcher of Salen", at a dinner.';
  const cps = [...text];
  const at = (s: string) => cps.join("").indexOf(s);
  const pictures: AttributionLike = {
    kind: "mixed",
    content: { start: at("her"), end: at(", at a") },
    source_id: null,
    source_name: "Pictures",
    source: { start: 0, end: 8, text: "Pictures" },
    cue: { start: 9, end: 13 },
  };
  const butcher = at("Butcher");
  assertEquals(voiceAt(voiceContext(text, [pictures]), butcher, butcher + 7), {
    voice: "quote",
    speaker: null,
  });
  // Without the text the context cannot tell: the attribution's source.
  const bare = { quotes: voiceContext(text).quotes, attributions: [pictures] };
  assertEquals(voiceAt(bare, butcher, butcher + 7).speaker, "Pictures");
  // "dubbed … by X" names an agent; and the attribution's own naming cue keeps its source.
  const byText = 'He stood next to Vask, dubbed "the Butcher" by the press, at a dinner.';
  const b = [...byText].join("").indexOf("Butcher");
  const he: AttributionLike = { ...pictures, content: { start: 0, end: 50 }, source_name: "Kim" };
  assertEquals(voiceAt(voiceContext(byText, [he]), b, b + 7).speaker, "Kim");
  //           0         1         2         3
  //           0123456789012345678901234567890123456789
  const own = 'The summit, which critics dubbed "a farce", ended.';
  const f = own.indexOf("farce");
  const critics: AttributionLike = {
    kind: "direct",
    content: { start: 33, end: 42 },
    source_id: null,
    source_name: "critics",
    source: { start: 18, end: 25, text: "critics" },
    cue: { start: 26, end: 32 },
  };
  assertEquals(voiceAt(voiceContext(own, [critics]), f, f + 5).speaker, "critics");
});
