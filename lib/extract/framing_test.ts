import pl from "nodejs-polars";
import { loadCorpus } from "../tables/corpus.ts";
import { TABLES } from "../tables/schema.ts";
import { miniCorpus } from "../testdata/mini_corpus.ts";
import { framingHits } from "./framing.ts";
import { parseLexicon } from "../resources/lexicon.ts";
import { assert, assertEquals } from "../testing.ts";

const MINI = "pattern,category,target,exclude_before,exclude_after\n" +
  "dictator*,loaded_negative,person,,\n" +
  "regimes?,loaded_negative,state,sanctions|restrictive,\n" +
  "president,neutral,person,,\n" +
  "alleged,distancing,,,\n";

Deno.test("framingHits: categories, exclusions, code-point offsets, voices", async () => {
  const lex = await parseLexicon(MINI, "mini.csv");
  const text = "😀 The regime's dictator, President X, defied the sanctions regime. " +
    "“The restrictive regime must go,” said the alleged “dictator”.";
  const hits = framingHits(text, lex);
  assertEquals(
    hits.map((h) => [h.start, h.end, h.text, h.term, h.category, h.voice]),
    [
      [6, 12, "regime", "regimes?", "loaded_negative", "narration"],
      [15, 23, "dictator", "dictator*", "loaded_negative", "narration"],
      [25, 34, "President", "president", "neutral", "narration"],
      [110, 117, "alleged", "alleged", "distancing", "narration"],
      [118, 128, "“dictator”", "scare quotes", "distancing", "narration"],
      [119, 127, "dictator", "dictator*", "loaded_negative", "quote"],
    ],
  );
  assertEquals([...text].slice(6, 12).join(""), "regime");
  const noScare = framingHits(text, lex, { scareQuotes: false });
  assertEquals(noScare.some((h) => h.term === "scare quotes"), false);
  const title = framingHits("Dictators meet", lex, { voice: "headline" });
  assertEquals(title.map((h) => [h.text, h.voice]), [["Dictators", "headline"]]);
});

Deno.test("framingHits: a short quote that is someone's words is not a scare quote", async () => {
  const lex = await parseLexicon(MINI, "mini.csv");
  const text = "Kim pronounced it “peaceful” today.";
  assertEquals(framingHits(text, lex).map((h) => h.term), ["scare quotes"]);
  const attributions = [{
    kind: "direct" as const,
    content: { start: 19, end: 27 },
    source_id: "kim_jong_un",
    source: { start: 0, end: 3, text: "Kim" },
  }];
  assertEquals(framingHits(text, lex, { attributions }), []);
});

Deno.test("framingHits: scare quotes only where no speaker is attributed (issue 11)", async () => {
  const lex = await parseLexicon(MINI, "mini.csv");
  const text = "The minister praised the \"unshakeable\" bond. What Moscow termed 'illegal' " +
    "sanctions stay. Crowds were chanting “long live the friendship”. Officials released the " +
    "“final results”. Russia held “elections” there. The so-called «treaty» was signed.";
  const scare = framingHits(text, lex).filter((h) => h.category === "distancing");
  assertEquals(scare.map((h) => h.text), ["“elections”", "«treaty»"]);
});

Deno.test("framingHits: pattern families and conventional-wording exclusions (issue 11)", async () => {
  const lex = await parseLexicon(
    "pattern,category,target,exclude_before,exclude_after\n" +
      "axis of *,loaded_negative,agreement,,\n" +
      "historic,loaded_positive,agreement,,visits?|summits?|talks|treaty\n" +
      "landmark,loaded_positive,agreement,,visits?|summits?|deals?\n" +
      "desperate,loaded_negative,action,,needs?|residents|civilians\n" +
      "in desperation,loaded_negative,action,,\n" +
      "hell bent,loaded_negative,action,,\n" +
      "hell,loaded_negative,action,,bent\n",
    "family.csv",
  );
  const terms = (text: string) => framingHits(text, lex).map((h) => h.text);
  assertEquals(terms("They form an axis of upheaval, an Axis of Autocracies."), [
    "axis of upheaval",
    "Axis of Autocracies",
  ]);
  assertEquals(terms("After the historic summit and a landmark visit, talks resumed."), []);
  assertEquals(terms("It was a historic moment, a landmark for tyranny."), [
    "historic",
    "landmark",
  ]);
  assertEquals(terms("Desperate residents fled; a desperate Kremlin, in desperation, struck."), [
    "desperate",
    "in desperation",
  ]);
  assertEquals(terms("The regime is hell-bent on war."), ["hell-bent"]);
});

Deno.test("corpus tables: own-voice words per article, quotes and attribution contents left out", async () => {
  const corpus = await miniCorpus([
    { id: "a", outlet: "A", title: "Friends", body: "Kim said “we are friends”. He left." },
    { id: "b", outlet: "B", title: "Summit", body: "😀 Officials believe the summit failed." },
  ]);
  const own = corpus.articles.select("id", "n_words", "n_own_words").toRecords();
  // a: "Kim said … He left" (the quote left out); b: "😀 Officials believe" is narration, the
  // content of the attribution ("the summit failed") is the officials' words.
  assertEquals(own, [
    { id: "a", n_words: 7, n_own_words: 4 },
    { id: "b", n_words: 5, n_own_words: 2 },
  ]);
  const b = corpus.attributions.filter(pl.col("article_id").eq(pl.lit("b"))).toRecords();
  assertEquals(b.map((r) => [r.source_text, r.content_start, r.content_end]), [
    ["Officials", 20, 37],
  ]);
});

Deno.test("corpus tables: a mini lexicon's hits by field, voice, speaker and sentence", async () => {
  const corpus = await miniCorpus(
    [{
      id: "a1",
      outlet: "Daily A",
      title: "Dictators meet",
      body: "The dictator arrived. Putin said “the regime is strong”.\n\nThe “regime” held.",
    }],
    { "lexicons/framing.csv": MINI },
  );
  assertEquals(corpus.hits.columns, TABLES.hits.map(([name]) => name));
  assertEquals(
    corpus.hits.toRecords().map((
      r,
    ) => [r.field, r.start, r.end, r.text, r.term, r.voice, r.speaker, r.sentence]),
    [
      ["title", 0, 9, "Dictators", "dictator*", "headline", null, null],
      ["body", 4, 12, "dictator", "dictator*", "narration", null, 0],
      ["body", 38, 44, "regime", "regimes?", "quote", "putin", 1],
      ["body", 62, 70, "“regime”", "scare quotes", "narration", null, 2],
      ["body", 63, 69, "regime", "regimes?", "quote", null, 2],
    ],
  );
});

// Done-when checks on the seed articles (hand-checked against the fixture copy of data/articles).
const corpus = await loadCorpus();
const hits = corpus.hits;

function rows(df: pl.DataFrame): Array<Record<string, unknown>> {
  return df.toRecords() as Array<Record<string, unknown>>;
}

Deno.test("the corpus hits table: tidy columns, one row per hit", () => {
  assertEquals(hits.columns, TABLES.hits.map(([name]) => name));
  assert(hits.height > 100);
});

Deno.test("seeds: RBC-Ukraine (002) uses dictator, illegitimate and odious in its own voice", () => {
  const own = rows(
    hits.filter(
      pl.col("article_id").eq(pl.lit("002")).and(pl.col("field").eq(pl.lit("body"))).and(
        pl.col("voice").eq(pl.lit("narration")),
      ),
    ),
  );
  const terms = new Set(own.map((r) => r.term));
  for (const t of ["dictator", "illegitimate president", "odious"]) assert(terms.has(t), t);
  const illegitimate = own.find((r) => r.term === "illegitimate president")!;
  assertEquals([illegitimate.start, illegitimate.end, illegitimate.outlet], [4, 26, "RBC-Ukraine"]);
  const odious = own.find((r) => r.term === "odious")!;
  assertEquals(odious.text, "odious");
  assertEquals(own.filter((r) => r.term === "dictator").length, 5);
  // The headline calls them dictators too.
  const title = rows(
    hits.filter(pl.col("article_id").eq(pl.lit("002")).and(pl.col("field").eq(pl.lit("title")))),
  );
  assertEquals(title.filter((r) => r.term === "dictator").map((r) => r.voice), ["headline"]);
});

Deno.test("seeds: 'Russian President' in narration counts as neutral (000, 001, 003)", () => {
  for (const [id, start] of [["000", 252], ["001", 8], ["003", 49]] as const) {
    const r = rows(
      hits.filter(pl.col("article_id").eq(pl.lit(id)).and(pl.col("start").eq(pl.lit(start)))),
    );
    assertEquals(r.map((x) => [x.text, x.category, x.voice]), [[
      "President",
      "neutral",
      "narration",
    ]], id);
  }
});

Deno.test("seeds: 'UN sanctions regime' and quoted 'restrictive regime' (003) are not hits", () => {
  const body = String(rows(corpus.articles.filter(pl.col("id").eq(pl.lit("003"))))[0].body);
  assert(body.includes("sanctions regime") && body.includes("restrictive regime"));
  const regime = hits.filter(
    pl.col("article_id").eq(pl.lit("003")).and(pl.col("term").eq(pl.lit("regime"))),
  );
  assertEquals(regime.height, 0);
});

Deno.test("seeds: hits inside quotes have voice quote", () => {
  const quoted = rows(hits.filter(pl.col("voice").eq(pl.lit("quote"))));
  const find = (id: string, term: string) =>
    quoted.find((r) => r.article_id === id && r.term === term);
  assert(find("002", "axis of …"), "Shapps's “axis of tyranny” is quoted");
  assert(find("003", "landmark"), "“This is truly a landmark document,” Putin stated");
  assert(find("003", "hegemony"), "hegemonism is in Putin's quoted statement");
  assertEquals(find("002", "axis of …")!.text, "axis of tyranny");
});

Deno.test("seeds with attributions: speakers on quotes, own-voice labels stay narration", () => {
  const all = rows(hits);
  const landmark = all.find((r) => r.article_id === "003" && r.term === "landmark")!;
  assertEquals([landmark.voice, landmark.speaker], ["quote", "putin"]);
  const own = all.filter((r) =>
    r.article_id === "002" &&
    ["dictator", "illegitimate president", "odious"].includes(String(r.term)) &&
    r.field === "body"
  );
  assertEquals(new Set(own.map((r) => r.voice)), new Set(["narration"]));
  assertEquals(own.length, 7);
});

Deno.test("framingHits: voices and order agree with voiceAt over nested and unclosed quotes", async () => {
  const { findQuotes } = await import("../text/quotes.ts");
  const { voiceAt } = await import("./voice.ts");
  const lex = await parseLexicon(MINI, "mini.csv");
  const texts = [
    "“a ‘dictator’ and “dictator” then dictator” dictator “dictator",
    "He said “the dictator ‘president’ of “regime” is dictator” and “alleged” dictator.",
    "“dictator ‘regime\n“president” dictator ‘dictators’ “the dictator”",
    "😀 “dictator” “regime ‘president’ dictator” president",
  ];
  for (const text of texts) {
    const hits = framingHits(text, lex);
    const ctx = { quotes: findQuotes(text).quotes, attributions: [] };
    for (const h of hits) assertEquals(h.voice, voiceAt(ctx, h.start, h.end).voice, text);
    const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
    assertEquals(hits, sorted);
  }
});
