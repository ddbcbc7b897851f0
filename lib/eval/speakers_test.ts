import { parseGoldSpeakers, scoreSpeakers, speakerMatches } from "./speakers.ts";
import { assertEquals, assertThrows } from "../testing.ts";

Deno.test("speakerMatches: head names overlap, case-insensitive; ? matches no speaker", () => {
  assertEquals(speakerMatches("Ilhan Dost", "Tarnovan leader Ilhan Dost"), true);
  assertEquals(speakerMatches("Aurel Varga", "Varga"), true);
  assertEquals(speakerMatches("Aurel Varga", "VARGA"), true);
  assertEquals(speakerMatches("Alliance", "A spokeswoman for the Alliance"), true);
  assertEquals(speakerMatches("Alliance source", "One Alliance source"), true);
  assertEquals(speakerMatches("Tarnovan foreign ministry", "the foreign ministry"), true);
  assertEquals(speakerMatches("Eva Strand", "Strand's press conference"), true);
  assertEquals(speakerMatches("Aurel Varga", "He"), false);
  assertEquals(speakerMatches("Aurel Varga", "Ilhan Dost"), false);
  assertEquals(speakerMatches("Kerem", "the sides"), false);
  assertEquals(speakerMatches("Ilhan Dost", null), false);
  assertEquals(speakerMatches("?", null), true);
  assertEquals(speakerMatches("?", "Pictures"), false);
});

Deno.test("parseGoldSpeakers: rows, header, errors naming the file and line", () => {
  assertEquals(
    parseGoldSpeakers("article_id\tstart\tend\tspeaker\n01\t3\t9\tIlhan Dost\n\n", "s.tsv"),
    [{ article: "01", start: 3, end: 9, speaker: "Ilhan Dost" }],
  );
  assertThrows(() => parseGoldSpeakers("01\t3\t9\n", "s.tsv"), /s\.tsv line 1: expected/);
  assertThrows(() => parseGoldSpeakers("01\t9\t3\tKim\n", "s.tsv"), /line 1/);
  assertThrows(() => parseGoldSpeakers("x\n01\t3\tx\tKim\n", "s.tsv"), /s\.tsv line 1/);
});

Deno.test("scoreSpeakers: accuracy over hits on spans with a speaker, by hand", () => {
  const gold = [
    { article: "1", start: 10, end: 16, speaker: "Ilhan Dost" }, // hit, right speaker
    { article: "1", start: 30, end: 36, speaker: "Aurel Varga" }, // hit, speaker unresolved "He"
    { article: "1", start: 50, end: 56, speaker: "?" }, // hit, no speaker: right
    { article: "2", start: 0, end: 5, speaker: "Petra Lind" }, // not hit
  ];
  const loaded = [
    ...gold,
    { article: "1", start: 70, end: 75 }, // the outlet's own words: given a speaker
    { article: "2", start: 20, end: 25 }, // the outlet's own words: no speaker
  ];
  const s = scoreSpeakers(
    new Map([
      ["1", [
        { start: 10, end: 16, text: "vile", speaker: "Dost" },
        { start: 31, end: 35, text: "thug", speaker: "He" },
        { start: 50, end: 56, text: "Butcher", speaker: null },
        { start: 70, end: 75, text: "tyrant", speaker: "Kim" },
        { start: 90, end: 95, text: "brutal", speaker: "Kim" }, // no gold span: not scored
      ]],
      ["2", [{ start: 20, end: 25, text: "farce", speaker: null }]],
    ]),
    gold,
    loaded,
  );
  assertEquals([s.goldSpans, s.goldFound, s.hits, s.correct], [4, 3, 3, 2]);
  assertEquals(s.accuracy, 2 / 3);
  assertEquals(s.unnamed, { hits: 1, correct: 1 });
  assertEquals(s.ownVoice, { hits: 2, givenSpeaker: 1 });
  assertEquals(s.cases[0], {
    article: "1",
    text: "thug",
    gold: "Aurel Varga",
    found: "He",
    correct: false,
  });
});
