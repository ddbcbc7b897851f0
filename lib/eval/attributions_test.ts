import {
  addText,
  emptyCounts,
  finishScores,
  isDirectContent,
  pairAttributions,
  quotedMask,
  type SpanAttribution,
} from "./attributions.ts";
import { assertEquals } from "../testing.ts";

const TEXT = "“We will win,” Smith said. Jones said that taxes would rise.";
const SMITH: SpanAttribution = { source: [[15, 20]], cue: [[21, 25]], content: [[0, 14]] };
const JONES: SpanAttribution = { source: [[27, 32]], cue: [[33, 37]], content: [[43, 59]] };

Deno.test("pairs by shared content first, one to one", () => {
  const pred: SpanAttribution[] = [JONES, { source: null, cue: [[21, 25]], content: [[1, 10]] }];
  assertEquals(pairAttributions(pred, [SMITH, JONES]), [[0, 1], [1, 0]]);
  assertEquals(
    pairAttributions([{ source: null, cue: [[0, 2]], content: [[60, 61]] }], [SMITH]),
    [],
  );
});

Deno.test("exact and overlap precision/recall per role", () => {
  const counts = emptyCounts();
  // Predicted: Smith exactly; Jones with a longer source and content (overlap only); one extra.
  const pred: SpanAttribution[] = [
    SMITH,
    { source: [[27, 37]], cue: [[33, 37]], content: [[38, 59]] },
    { source: null, cue: [[0, 1]], content: [[0, 0]] },
  ];
  addText(counts, TEXT, pred, [SMITH, JONES]);
  const s = finishScores(counts);
  assertEquals([s.predicted, s.gold, s.paired], [3, 2, 2]);
  assertEquals([s.exact.source.matched, s.exact.source.predicted, s.exact.source.gold], [1, 2, 2]);
  assertEquals([s.overlap.source.matched, s.overlap.source.precision, s.overlap.source.recall], [
    2,
    1,
    1,
  ]);
  assertEquals([s.exact.cue.matched, s.exact.cue.predicted], [2, 3]);
  assertEquals(s.exact.content.matched, 1);
  assertEquals(s.overlap.content.matched, 2);
  assertEquals(s.exact.content.f1, 2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2));
});

Deno.test("direct quotations: in marks, or mostly inside quotation marks", () => {
  const mask = quotedMask(TEXT);
  assertEquals(isDirectContent(SMITH.content, TEXT, mask), true);
  assertEquals(isDirectContent(JONES.content, TEXT, mask), false);
  const t = "He said that “we will win the vote” now.";
  assertEquals(isDirectContent([[13, 39]], t, quotedMask(t)), true); // 16 of 19 letters quoted
  const u = "He said that “we will win the vote” today.";
  assertEquals(isDirectContent([[13, 41]], u, quotedMask(u)), false); // 16 of 21: under 80%
  assertEquals(isDirectContent(null, t, quotedMask(t)), false);
});
