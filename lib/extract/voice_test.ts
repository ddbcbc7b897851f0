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
