import pl from "nodejs-polars";
import {
  categoryRatesByOutlet,
  distinguishingTerms,
  evaluativeDensityByOutlet,
  hitCounts,
  loadedShareByOutlet,
  ownVoiceTermCounts,
  topDistinguishingTerms,
  voiceGroup,
} from "./framing.ts";
import { parseActors } from "../extract/actors.ts";
import { assert, assertEquals, assertThrows } from "../testing.ts";

// Two outlets: A has one article (1000 words), B has six articles (100 words each).
const articles = pl.DataFrame({
  id: ["a1", "b1", "b2", "b3", "b4", "b5", "b6"],
  outlet: ["A", "B", "B", "B", "B", "B", "B"],
  n_words: [1000, 100, 100, 100, 100, 100, 100],
});

function hit(
  article_id: string,
  outlet: string,
  category: string,
  target: string | null,
  voice: string,
  term: string,
  field = "body",
) {
  return { article_id, outlet, field, category, target, voice, term };
}

const hits = pl.DataFrame([
  hit("a1", "A", "loaded_negative", "person", "narration", "dictator"),
  hit("a1", "A", "loaded_negative", "person", "narration", "dictator"),
  hit("a1", "A", "neutral", "person", "quote", "president"),
  hit("a1", "A", "loaded_negative", "person", "headline", "dictator", "title"),
  hit("b1", "B", "neutral", "person", "narration", "president"),
  hit("b2", "B", "neutral", "person", "narration", "president"),
  hit("b3", "B", "loaded_negative", "person", "quote", "dictator"),
  hit("b4", "B", "neutral", "person", "narration", "president"),
  hit("b5", "B", "neutral", "state", "narration", "government"),
  hit("b6", "B", "distancing", null, "narration", "alleged"),
]);

Deno.test("categoryRatesByOutlet: body hits per 1,000 words; exact interval below 5 articles", () => {
  const r = categoryRatesByOutlet(hits, articles).toRecords();
  const a = r.find((x) => x.outlet === "A" && x.category === "loaded_negative")!;
  // The title hit is not counted: 2 body hits / 1000 words.
  assertEquals([a.hits, a.n_words, a.n_articles, a.rate_per_1000], [2, 1000, 1, 2]);
  assert(String(a.method).startsWith("exact Poisson"));
  assert(Math.abs(Number(a.lower) - 0.2422) < 1e-3 && Math.abs(Number(a.upper) - 7.2247) < 1e-3);
  const b = r.find((x) => x.outlet === "B" && x.category === "neutral")!;
  assertEquals([b.hits, b.n_words, b.n_articles, b.rate_per_1000], [4, 600, 6, 4000 / 600]);
  assert(String(b.method).startsWith("article bootstrap"));
  assertEquals(r.length, 8, "2 outlets × 4 categories, zero counts included");
});

Deno.test("loadedShareByOutlet: loaded / (loaded + neutral) per target, with counts", () => {
  const s = loadedShareByOutlet(hits, articles).toRecords();
  const a = s.find((x) => x.outlet === "A" && x.target === "person")!;
  assertEquals([a.loaded, a.neutral, a.share, a.n_articles], [3, 1, 0.75, 1]);
  assert(String(a.method).startsWith("Wilson"));
  const b = s.find((x) => x.outlet === "B" && x.target === "person")!;
  assertEquals([b.loaded, b.neutral, b.share, b.n_articles, b.n_articles_outlet], [
    1,
    3,
    0.25,
    4,
    6,
  ]);
  assertEquals(s.some((x) => x.target === null), false, "distancing hits have no target");
  const noTitle = loadedShareByOutlet(hits, articles, { includeTitle: false }).toRecords();
  assertEquals(noTitle.find((x) => x.outlet === "A" && x.target === "person")!.share, 2 / 3);
});

Deno.test("loadedShareByOutlet: split by voice group", () => {
  const s = loadedShareByOutlet(hits, articles, { byVoiceGroup: true }).toRecords();
  const own = s.find((x) =>
    x.outlet === "A" && x.voice_group === "own voice" && x.target === "person"
  )!;
  const others = s.find((x) =>
    x.outlet === "A" && x.voice_group === "others' words" && x.target === "person"
  )!;
  assertEquals([own.loaded, own.neutral, own.share], [3, 0, 1]);
  assertEquals([others.loaded, others.neutral, others.share], [0, 1, 0]);
  assertEquals(voiceGroup("headline"), "own voice");
  assertEquals(voiceGroup("quote"), "others' words");
});

Deno.test("loadedShareByOutlet: name-only actor mentions are references; n and low_n", async () => {
  const actors = await parseActors(
    "actor,alias,kind,type\nVladimir Putin,Putin,name,person\nRussia,Moscow,name,state\n" +
      "NATO,NATO,name,organisation\n",
    "actors.csv",
  );
  const mention = (id: string, field: string, actor: string, label: string, voice: string) => ({
    article_id: id,
    outlet: id.startsWith("a") ? "A" : "B",
    field,
    actor,
    label,
    voice,
  });
  const mentions = pl.DataFrame([
    mention("a1", "body", "Vladimir Putin", "(name only)", "narration"),
    mention("a1", "body", "Vladimir Putin", "(name only)", "narration"),
    mention("a1", "body", "Vladimir Putin", "(name only)", "quote"),
    mention("a1", "title", "Vladimir Putin", "(name only)", "headline"),
    mention("a1", "body", "Vladimir Putin", "dictator", "narration"), // counted by its hit
    mention("a1", "body", "Russia", "(name only)", "narration"),
    mention("a1", "body", "NATO", "(name only)", "narration"), // not a share target
  ]);
  const s = loadedShareByOutlet(hits, articles, { mentions, actors }).toRecords();
  const a = s.find((x) => x.outlet === "A" && x.target === "person")!;
  // 3 loaded + 1 neutral hits + 4 name-only mentions = 8 references.
  assertEquals([a.loaded, a.neutral, a.name_only, a.references, a.share, a.low_n], [
    3,
    1,
    4,
    8,
    3 / 8,
    false,
  ]);
  const state = s.find((x) => x.outlet === "A" && x.target === "state")!;
  assertEquals([state.loaded, state.references, state.share, state.low_n], [0, 1, 0, true]);
  assertEquals(s.some((x) => x.outlet === "A" && x.target === "agreement"), false);
  // Without mentions, A's person share stands on 4 references and is flagged.
  const bare = loadedShareByOutlet(hits, articles).toRecords();
  const bareA = bare.find((x) => x.outlet === "A" && x.target === "person")!;
  assertEquals([bareA.references, bareA.share, bareA.low_n], [4, 0.75, true]);
  assertEquals(
    loadedShareByOutlet(hits, articles, { minReferences: 4 }).toRecords()
      .find((x) => x.outlet === "A" && x.target === "person")!.low_n,
    false,
  );
  // By voice group and without the title: the headline mention and hit drop out.
  const own = loadedShareByOutlet(hits, articles, {
    mentions,
    actors,
    byVoiceGroup: true,
    includeTitle: false,
  }).toRecords().find((x) =>
    x.outlet === "A" && x.voice_group === "own voice" && x.target === "person"
  )!;
  assertEquals([own.loaded, own.name_only, own.references], [2, 2, 4]);
  assertThrows(
    () => loadedShareByOutlet(hits, articles, { mentions }),
    /mentions given without actors/,
  );
});

Deno.test("evaluativeDensityByOutlet: own-voice evaluative words per 1,000 own-voice words", () => {
  const ev = pl.DataFrame([
    hit("a1", "A", "loaded_negative", null, "narration", "farcical"),
    hit("a1", "A", "loaded_positive", null, "narration", "splendid"),
    hit("a1", "A", "loaded_negative", null, "quote", "absurd"), // someone else's words
    hit("a1", "A", "loaded_negative", null, "headline", "farcical", "title"), // not in n_words
    hit("b1", "B", "loaded_negative", null, "narration", "bizarre"),
    hit("b2", "B", "loaded_negative", null, "narration", "bizarre"),
    hit("b3", "B", "loaded_negative", null, "paraphrase", "bizarre"),
  ]);
  const ownWords = new Map([["a1", 500], ["b1", 80], ["b2", 80], ["b3", 40], ["b4", 100]]);
  ownWords.set("b5", 100).set("b6", 100);
  const r = evaluativeDensityByOutlet(ev, articles, { ownWords }).toRecords();
  const a = r.find((x) => x.outlet === "A")!;
  assertEquals([a.evaluative, a.negative, a.positive, a.n_words, a.density_per_1000], [
    2,
    1,
    1,
    500,
    4,
  ]);
  assertEquals(a.denominator, "own-voice words");
  assert(String(a.method).startsWith("exact Poisson"));
  assert(Number(a.lower) < 4 && Number(a.upper) > 4);
  const b = r.find((x) => x.outlet === "B")!;
  assertEquals([b.evaluative, b.n_words, b.density_per_1000], [2, 500, 4]);
  assert(String(b.method).startsWith("article bootstrap"));
  // Without own-voice counts the body's n_words is the denominator, and the table says so.
  const plain = evaluativeDensityByOutlet(ev, articles).toRecords().find((x) => x.outlet === "A")!;
  assertEquals([plain.density_per_1000, plain.denominator], [2, "body words"]);
  assertThrows(
    () => evaluativeDensityByOutlet(ev, articles, { ownWords: { a1: 10 } }),
    /no word count for article "b1"/,
  );
});

Deno.test("distinguishingTerms: outlet against the rest, min-count guard", () => {
  const d = distinguishingTerms(hits, articles, { minCount: 3 }).toRecords();
  // dictator: A 3, B 1 (total 4); president: A 1, B 3 (total 4); others below 3.
  const aDict = d.find((x) => x.outlet === "A" && x.term === "dictator")!;
  assertEquals([aDict.count_outlet, aDict.count_rest], [3, 1]);
  assert(Number(aDict.z) > 0);
  const aPres = d.find((x) => x.outlet === "A" && x.term === "president")!;
  assert(Number(aPres.z) < 0);
  assertEquals(d.some((x) => x.term === "alleged" || x.term === "government"), false);
  assertEquals(d.filter((x) => x.outlet === "A").map((x) => x.term), ["dictator", "president"]);
});

Deno.test("measures: a table without the needed columns is a clear error", () => {
  assertThrows(
    () => categoryRatesByOutlet(pl.DataFrame({ x: [1] }), articles),
    /categoryRatesByOutlet: the hits table has no columns "article_id", "field", "category", "voice"; it has x; pass the hits table of openCorpus\(\) or loadCorpus\(\)/,
  );
  assertThrows(
    () => loadedShareByOutlet(hits, pl.DataFrame({ id: ["a"] })),
    /loadedShareByOutlet: the articles table has no columns "outlet", "n_words"; it has id; pass corpus.articles of openCorpus\(\) or loadCorpus\(\)/,
  );
  assertThrows(
    () => loadedShareByOutlet(hits, articles, { mentions: pl.DataFrame({ actor: ["x"] }) }),
    /loadedShareByOutlet: the mentions table has no columns "article_id", "field", "label", "voice"; it has actor; pass the mentions table of openCorpus\(\) or loadCorpus\(\)/,
  );
  assertThrows(
    () => topDistinguishingTerms(pl.DataFrame({ outlet: ["A"], term: ["x"] })),
    /topDistinguishingTerms: the distinguishing-terms table has no column "z"; it has outlet, term; pass the table from distinguishingTerms/,
  );
});

Deno.test("hitCounts: hits per combination of columns, sorted by them", () => {
  assertEquals(hitCounts(hits, ["category", "voice"]).toRecords(), [
    { category: "distancing", voice: "narration", hits: 1 },
    { category: "loaded_negative", voice: "headline", hits: 1 },
    { category: "loaded_negative", voice: "narration", hits: 2 },
    { category: "loaded_negative", voice: "quote", hits: 1 },
    { category: "neutral", voice: "narration", hits: 4 },
    { category: "neutral", voice: "quote", hits: 1 },
  ]);
  const none = hitCounts(hits.head(0), ["category"]);
  assertEquals([none.columns, none.height], [["category", "hits"], 0]);
  assertThrows(
    () => hitCounts(hits, ["speaker"]),
    /hitCounts: the hits table has no column "speaker"; it has .*; pass the hits table/,
  );
  assertThrows(() => hitCounts(hits, []), /at least one column/);
});

Deno.test("ownVoiceTermCounts: terms of a category in headline and narration only", () => {
  const more = pl.concat([
    hits,
    pl.DataFrame([
      hit("b1", "B", "loaded_negative", "state", "narration", "regime"),
      hit("b2", "B", "loaded_negative", "state", "headline", "regime", "title"),
      hit("b2", "B", "loaded_negative", "person", "narration", "autocrat"),
      hit("b2", "B", "loaded_positive", "person", "narration", "great leader"),
      hit("b3", "B", "loaded_negative", "person", "paraphrase", "tyrant"),
    ]),
  ]);
  // A: 2 in narration + 1 in the headline; B's quoted "dictator" and paraphrased "tyrant" are
  // others' words; B's regime (narration + headline) outranks autocrat.
  assertEquals(ownVoiceTermCounts(more).toRecords(), [
    { outlet: "A", term: "dictator", hits: 3 },
    { outlet: "B", term: "regime", hits: 2 },
    { outlet: "B", term: "autocrat", hits: 1 },
  ]);
  assertEquals(ownVoiceTermCounts(more, { category: "loaded_positive" }).toRecords(), [
    { outlet: "B", term: "great leader", hits: 1 },
  ]);
  const none = ownVoiceTermCounts(hits, { category: "loaded_positive" });
  assertEquals([none.columns, none.height], [["outlet", "term", "hits"], 0]);
});

Deno.test("topDistinguishingTerms: at most N terms with z > 0 per outlet, highest first", () => {
  const distinct = pl.DataFrame({
    outlet: ["B", "A", "A", "A", "A", "B", "B"],
    term: ["war", "regime", "dictator", "treaty", "leader", "ally", "president"],
    z: [0, 0.4, 2.5, 1.2, -0.3, 1.1, 1.1],
  });
  assertEquals(topDistinguishingTerms(distinct, { perOutlet: 2 }).toRecords(), [
    { outlet: "A", term: "dictator", z: 2.5 },
    { outlet: "A", term: "treaty", z: 1.2 },
    { outlet: "B", term: "ally", z: 1.1 },
    { outlet: "B", term: "president", z: 1.1 },
  ]);
  const one = topDistinguishingTerms(distinct, { perOutlet: 1 }).toRecords();
  assertEquals(one.map((r) => r.term), ["dictator", "ally"], "equal z: by term");
  const all = topDistinguishingTerms(distinct);
  assertEquals(all.height, 5, "default 6 per outlet keeps every term with z > 0");
  assertEquals(topDistinguishingTerms(distinct, { perOutlet: 0 }).height, 0);
  assertThrows(() => topDistinguishingTerms(distinct, { perOutlet: 1.5 }), /whole number/);
  // On the output of distinguishingTerms: one row per term, not lists.
  const top = topDistinguishingTerms(distinguishingTerms(hits, articles, { minCount: 3 }), {
    perOutlet: 1,
  });
  assertEquals(top.toRecords().map((r) => [r.outlet, r.term]), [["A", "dictator"], [
    "B",
    "president",
  ]]);
});
