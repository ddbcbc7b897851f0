import pl from "nodejs-polars";
import {
  actorLabels,
  actorMentions,
  actorsOfType,
  attachedLabels,
  loadActors,
  NAME_ONLY,
  parseActors,
} from "./actors.ts";
import { loadCorpus } from "../tables/corpus.ts";
import { framingHits } from "./framing.ts";
import { findQuotes } from "../text/quotes.ts";
import { loadLexicon } from "../resources/lexicon.ts";
import { assertEquals, assertRejects, assertThrows } from "../testing.ts";

const actors = await loadActors();
const lexicon = await loadLexicon();

function mentions(text: string) {
  const hits = framingHits(text, lexicon, { scareQuotes: false });
  return actorMentions(text, actors, hits).map((m) => [m.actor, m.text, m.label]);
}

Deno.test("actorMentions: Kim Jong-un, Kim Jong Un and Kim are one actor; other Kims are not", () => {
  assertEquals(mentions("Kim Jong-un met Kim Jong Un and Kim Jong-Un; Kim smiled."), [
    ["Kim Jong Un", "Kim Jong-un", NAME_ONLY],
    ["Kim Jong Un", "Kim Jong Un", NAME_ONLY],
    ["Kim Jong Un", "Kim Jong-Un", NAME_ONLY],
    ["Kim Jong Un", "Kim", NAME_ONLY],
  ]);
  assertEquals(mentions("Deputy Foreign Minister Kim Jong Kyu and reporter Daniel Kim wrote."), []);
});

Deno.test("actorMentions: labels before, after, and in descriptors", () => {
  assertEquals(mentions("Russian President Vladimir Putin arrived."), [
    ["Vladimir Putin", "Vladimir Putin", "president"],
  ]);
  assertEquals(
    mentions(
      "The illegitimate president of Russia, Vladimir Putin, met North Korean dictator Kim Jong-un.",
    ),
    [
      ["Russia", "Russia", NAME_ONLY],
      ["Vladimir Putin", "Vladimir Putin", "illegitimate president"],
      ["Kim Jong Un", "Kim Jong-un", "dictator"],
    ],
  );
  assertEquals(mentions("Dictators Putin and Kim Jong-un signed."), [
    ["Vladimir Putin", "Putin", "dictator"],
    ["Kim Jong Un", "Kim Jong-un", "dictator"],
  ]);
  assertEquals(mentions("The Russian leader downplayed it. Kim Jong-un is a paranoid."), [
    ["Vladimir Putin", "Russian leader", "leader"],
    ["Kim Jong Un", "Kim Jong-un", "paranoid"],
  ]);
  assertEquals(mentions('Kim called Putin - "the dearest friend of the Korean people."'), [
    ["Kim Jong Un", "Kim", NAME_ONLY],
    ["Vladimir Putin", "Putin", "dearest friend"],
  ]);
  // A lowercase verb between label and name breaks the link.
  assertEquals(mentions("The president said Putin left."), [[
    "Vladimir Putin",
    "Putin",
    NAME_ONLY,
  ]]);
});

Deno.test("parseActors: malformed rows name the line", async () => {
  await assertRejects(
    () => parseActors("actor,alias,kind,type\nX,,name,person\n", "a.csv"),
    /a\.csv line 2: the alias is empty/,
  );
  await assertRejects(
    () => parseActors("actor,alias,kind,type\nX,Y,nickname,person\n", "a.csv"),
    /a\.csv line 2: unknown kind "nickname"/,
  );
  await assertRejects(() => loadActors("/nonexistent.csv"), /actors file not found/);
});

Deno.test("seeds: actor labels by outlet (outlet × actor × label × voice)", async () => {
  const corpus = await loadCorpus();
  const table = actorLabels(corpus.mentions);
  const get = (outlet: string, actor: string, label: string, voice: string) =>
    table.filter(
      pl.col("outlet").eq(pl.lit(outlet)).and(pl.col("actor").eq(pl.lit(actor))).and(
        pl.col("label").eq(pl.lit(label)),
      ).and(pl.col("voice").eq(pl.lit(voice))),
    ).toRecords()[0]?.mentions;
  assertEquals(get("RBC-Ukraine", "Kim Jong Un", "dictator", "narration"), 3);
  assertEquals(get("RBC-Ukraine", "Vladimir Putin", "illegitimate president", "narration"), 1);
  assertEquals(get("RBC-Ukraine", "Sergey Lavrov", "odious", "narration"), 1);
  assertEquals(get("unnamed (001)", "Vladimir Putin", "president", "narration"), 1);
  assertEquals(get("unnamed (003)", "Vladimir Putin", "president", "narration"), 1);
  assertEquals(get("unnamed (003)", "Vladimir Putin", "dearest friend", "quote"), 1);
  // No Kim Jong-un / Kim Jong Un split: one actor name in the table.
  const kims = new Set(
    table.getColumn("actor").toArray().filter((a) => String(a).startsWith("Kim")),
  );
  assertEquals([...kims], ["Kim Jong Un"]);
});

Deno.test("attachedLabels: labelled mentions only, of the actors asked for", () => {
  const labels = pl.DataFrame({
    outlet: ["A", "A", "A", "B", "B"],
    actor: ["Vladimir Putin", "Vladimir Putin", "Russia", "Kim Jong Un", "Kim Jong Un"],
    label: ["dictator", NAME_ONLY, "regime", NAME_ONLY, "leader"],
    voice: ["narration", "narration", "narration", "quote", "quote"],
    mentions: [3, 5, 2, 1, 1],
  });
  const rows = (df: pl.DataFrame) => df.toRecords().map((r) => [r.outlet, r.actor, r.label]);
  assertEquals(rows(attachedLabels(labels, { actors: ["Vladimir Putin", "Kim Jong Un"] })), [
    ["A", "Vladimir Putin", "dictator"],
    ["B", "Kim Jong Un", "leader"],
  ]);
  assertEquals(rows(attachedLabels(labels)), [
    ["A", "Vladimir Putin", "dictator"],
    ["A", "Russia", "regime"],
    ["B", "Kim Jong Un", "leader"],
  ]);
  assertEquals(attachedLabels(labels, { actors: [] }).height, 0);
  assertEquals(attachedLabels(labels).columns, labels.columns);
  assertThrows(
    () => attachedLabels(pl.DataFrame({ actor: ["x"] })),
    /attachedLabels: the labels table has no column "label"; it has actor; pass the table from actorLabels/,
  );
  assertThrows(
    () => actorLabels(pl.DataFrame({ actor: ["x"] })),
    /actorLabels: the mentions table has no columns "article_id", "outlet", "label", "voice"; it has actor; pass the mentions table of openCorpus\(\) or loadCorpus\(\)/,
  );
});

Deno.test("actorsOfType: canonical names of one type, in file order, once each", async () => {
  const mini = await parseActors(
    "actor,alias,kind,type\n" +
      "Vladimir Putin,Putin,name,person\n" +
      "Russia,Russia,name,state\n" +
      "Vladimir Putin,Vladimir Putin,name,person\n" +
      "Kim Jong Un,Kim Jong Un,name,person\n",
    "mini.csv",
  );
  assertEquals(actorsOfType(mini, "person"), ["Vladimir Putin", "Kim Jong Un"]);
  assertEquals(actorsOfType(mini, "state"), ["Russia"]);
  assertEquals(actorsOfType(mini, "organisation"), []);
});

Deno.test("actorMentions: code-point offsets and voice with and without astral characters", () => {
  const plain = `Putin said "Kim is a friend." The dictator Putin left.`;
  const astral = `😀 Putin said "Kim 𝐊 is a friend." The dictator Putin left. ſ`;
  for (const text of [plain, astral, plain.replaceAll("\n", "\r\n")]) {
    const hits = framingHits(text, lexicon, { scareQuotes: false });
    const got = actorMentions(text, actors, hits);
    const chars = [...text];
    for (const m of got) assertEquals(chars.slice(m.start, m.end).join(""), m.text);
    assertEquals(got.map((m) => [m.text, m.label, m.voice]), [
      ["Putin", NAME_ONLY, "narration"],
      ["Kim", NAME_ONLY, "quote"],
      ["Putin", "dictator", "narration"],
    ]);
    const headline = actorMentions(text, actors, hits, { voice: "headline" });
    assertEquals(
      headline.map((m) => [m.start, m.end, m.voice]),
      got.map((m) => [m.start, m.end, "headline"]),
    );
  }
});

Deno.test("actorMentions uses the quotes it is given instead of finding them again", () => {
  const text = "Analysts said “Putin wants more shells” and Putin left.";
  const hits = framingHits(text, lexicon);
  const voices = (m: ReturnType<typeof actorMentions>) => m.map((x) => [x.start, x.voice]);
  const found = actorMentions(text, actors, hits);
  assertEquals(voices(found), [[15, "quote"], [44, "narration"]]);
  assertEquals(voices(actorMentions(text, actors, hits, { quotes: findQuotes(text).quotes })), [
    [15, "quote"],
    [44, "narration"],
  ]);
  // Given no quotes, none are looked for: both mentions are narration.
  assertEquals(voices(actorMentions(text, actors, hits, { quotes: [] })), [
    [15, "narration"],
    [44, "narration"],
  ]);
});
