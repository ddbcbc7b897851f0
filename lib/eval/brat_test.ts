import { parseBratAttributions } from "./brat.ts";
import { assertEquals, assertThrows } from "../testing.ts";

Deno.test("events with their source, cue and content spans; discontinuous content merged", () => {
  const ann = [
    "T1\tSource 0 5\tSmith",
    "T2\tCue 6 10\tsaid",
    "T3\tContent 11 20;25 30\tabc def",
    "T4\tAttribution 6 10\tsaid",
    "T5\tContent2 40 45\txyz",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5",
    "T6\tCue 50 54\tsays",
    "a continuation line of a text that held a line break",
    "T7\tContent 55 60\tlater",
    "#1\tAnnotatorNotes T6\tnote",
    "E2\tAttribution-no-source:T6 Cue:T6 Content:T7",
  ].join("\n");
  const out = parseBratAttributions(ann, "x.ann");
  assertEquals(out, [
    {
      id: "E1",
      type: "Attribution",
      source: [[0, 5]],
      cue: [[6, 10]],
      content: [[11, 20], [25, 30], [40, 45]],
    },
    { id: "E2", type: "Attribution-no-source", source: null, cue: [[50, 54]], content: [[55, 60]] },
  ]);
});

Deno.test("an event naming an undefined span is an error naming the file and line", () => {
  assertThrows(
    () => parseBratAttributions("T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Source:T9\n", "dir/a_x.ann"),
    /dir\/a_x\.ann line 2: event E1 names T9, which is not defined/,
  );
  assertThrows(
    () => parseBratAttributions("T1\tCue 9 4\tsaid\n", "a.ann"),
    /a\.ann line 1: span 9 4 ends before it starts/,
  );
});
