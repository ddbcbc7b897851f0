import {
  type Attribution,
  doubleApostrophesAsQuotes,
  extractAttributions,
  hasName,
} from "./attributions.ts";
import pl from "nodejs-polars";
import { loadCorpus } from "../tables/corpus.ts";
import { findQuotes } from "../text/quotes.ts";
import { loadGazetteer } from "../resources/gazetteer.ts";
import { assert, assertEquals } from "../testing.ts";

const gaz = await loadGazetteer();
const seedDir = new URL("../testdata/bundled/articles/", import.meta.url);
async function seed(prefix: string): Promise<string> {
  for await (const e of Deno.readDir(seedDir)) {
    if (e.name.startsWith(prefix)) return await Deno.readTextFile(new URL(e.name, seedDir));
  }
  throw new Error(`no seed ${prefix}`);
}
const brief = (a: Attribution) => ({
  source: a.source?.text ?? null,
  id: a.source_id,
  cue: a.cue?.text ?? null,
  content: a.content.text,
  kind: a.kind,
});

Deno.test("“…,” X said: the quotation is the content, code-point offsets", () => {
  const text = "😀 “This is truly a landmark document,” Putin stated at a news conference.";
  const [a] = extractAttributions(text, gaz);
  assertEquals(brief(a), {
    source: "Putin",
    id: "putin",
    cue: "stated",
    content: "“This is truly a landmark document,”",
    kind: "direct",
  });
  // The emoji is two UTF-16 units but one code point.
  assertEquals([a.content.start, a.content.end, a.source!.start], [2, 38, 39]);
  assertEquals(a.rule, "quote_then_source");
});

Deno.test("X said, “…” / X said that … / X: “…” / …, said X", () => {
  const t1 = "Kim said, “We are allies.” Then he left.";
  assertEquals(brief(extractAttributions(t1, gaz)[0]), {
    source: "Kim",
    id: "kim_jong_un",
    cue: "said",
    content: "“We are allies.”",
    kind: "direct",
  });
  const t2 = "Lavrov said that the treaty was defensive.";
  assertEquals(brief(extractAttributions(t2, gaz)[0]), {
    source: "Lavrov",
    id: "lavrov",
    cue: "said",
    content: "the treaty was defensive",
    kind: "indirect",
  });
  const t3 = "Blinken: “This is dangerous.”";
  const a3 = extractAttributions(t3, gaz)[0];
  assertEquals([a3.source?.text, a3.cue?.text, a3.content.text, a3.rule], [
    "Blinken",
    ":",
    "“This is dangerous.”",
    "source_colon_quote",
  ]);
  const t4 = "The deal is a threat to peace, said the Pentagon.";
  const a4 = extractAttributions(t4, gaz)[0];
  assertEquals([a4.source?.text, a4.source_id, a4.content.text, a4.rule], [
    "the Pentagon",
    "pentagon",
    "The deal is a threat to peace",
    "content_cue_source",
  ]);
});

Deno.test("according to X and …, as reported by X", () => {
  const [a] = extractAttributions("According to TASS, the talks lasted two hours.", gaz);
  assertEquals([a.source?.text, a.source_type, a.cue?.text, a.content.text], [
    "TASS",
    "state_media",
    "According to",
    "the talks lasted two hours",
  ]);
  const [b] = extractAttributions("The talks lasted two hours, as reported by Reuters.", gaz);
  assertEquals([b.source_id, b.content.text], ["reuters", "The talks lasted two hours"]);
});

Deno.test("a relay gives two attributions: the reporter, and the speaker via the reporter", () => {
  const out = extractAttributions(
    "KCNA reported that Kim stressed that the alliance was firm.",
    gaz,
  );
  assertEquals(out.map((a) => [a.source_id, a.cue?.text, a.content.text, a.via]), [
    ["kcna", "reported", "Kim stressed that the alliance was firm", null],
    ["kim_jong_un", "stressed", "the alliance was firm", "kcna"],
  ]);
});

Deno.test("pronouns and descriptions resolve to an earlier compatible source, or stay unresolved", () => {
  const out = extractAttributions(
    "Putin met Kim. The Russian leader said the deal was historic. KCNA reported the visit. " +
      "The agency said relations were strong. She said nothing new.",
    gaz,
  );
  assertEquals(out.map((a) => [a.source?.text, a.source_id, a.resolved]), [
    ["The Russian leader", "putin", true],
    ["KCNA", "kcna", true],
    ["The agency", "kcna", true],
    ["She", null, false],
  ]);
  // No earlier expert: "the expert" is typed but left unresolved, not guessed.
  const [e] = extractAttributions("The deal is risky, - emphasized the expert.", gaz);
  assertEquals([e.source_id, e.source_type, e.resolved, e.kind, e.rule], [
    null,
    "expert_or_think_tank",
    false,
    "direct",
    "dash",
  ]);
});

Deno.test("unknown sources are typed by their description", () => {
  const [a] = extractAttributions(
    "Ivan Petrenko, a military analyst at the Kyiv Institute, said that the pact was a threat.",
    gaz,
  );
  assertEquals([a.source?.text, a.source_id, a.source_type, a.resolved], [
    "Ivan Petrenko",
    null,
    "expert_or_think_tank",
    true,
  ]);
  const [b] = extractAttributions(
    "US and South Korean officials suggest that arms were sent.",
    gaz,
  );
  assertEquals([b.source_type, b.country, b.source_name], [
    "unnamed",
    "KR|US",
    "US and South Korean officials",
  ]);
});

Deno.test("no attribution in plain narration, and a capitalised cue word is not a cue mid-sentence", () => {
  assertEquals(extractAttributions("The United States and its allies met in Seoul.", gaz), []);
  assertEquals(extractAttributions("", gaz), []);
});

Deno.test("'' pairs count as quotation marks without moving offsets", () => {
  const t = "''No,'' Mrs. Clinton said.";
  assertEquals(doubleApostrophesAsQuotes(t).length, t.length);
  const [a] = extractAttributions(t, gaz);
  assertEquals([a.content.text, a.source?.text, a.kind], ["''No,''", "Mrs. Clinton", "direct"]);
});

Deno.test("seed 004: KCNA is a state-media source that reports on the treaty", async () => {
  const out = extractAttributions(await seed("004_"), gaz);
  const kcna = out.filter((a) => a.source_id === "kcna");
  assert(kcna.length >= 3, `KCNA attributions: ${kcna.length}`);
  assert(kcna.every((a) => a.source_type === "state_media" && a.country === "KP"));
  const first = kcna[0];
  assertEquals(first.source?.text, "Korean Central News Agency (KCNA)");
  assertEquals(first.cue?.text, "reported");
  assert(
    first.content.text.includes(
      "ratification documents for the Treaty on Comprehensive Strategic Partnership",
    ),
  );
  // "The agency emphasized …" resolves to KCNA.
  assert(kcna.some((a) => a.source?.text === "The agency" && a.cue?.text === "emphasized"));
});

Deno.test("seed 002: Musienko and Kovalenko are experts, Lavrov a Russian official; dash quotes are direct", async () => {
  const out = extractAttributions(await seed("002_"), gaz);
  const of = (id: string) => out.filter((a) => a.source_id === id);
  assert(of("musienko").length >= 3 && of("kovalenko").length >= 2);
  for (const id of ["musienko", "kovalenko"]) {
    assert(of(id).every((a) => a.source_type === "expert_or_think_tank"), id);
  }
  const lavrov = of("lavrov");
  assertEquals(lavrov.map((a) => [a.source_type, a.country, a.cue?.text]), [[
    "official",
    "RU",
    "said",
  ]]);
  const dash = out.filter((a) => a.rule === "dash");
  assertEquals(dash.map((a) => [a.source?.text, a.source_id, a.cue?.text, a.kind]), [
    ["Oleksandr Musienko", "musienko", "believes", "direct"],
    ["the expert", "musienko", "emphasized", "direct"],
  ]);
  assert(dash[0].content.text.startsWith("It can be said that North Korea saved Russia"));
  assert(dash[0].content.text.endsWith("military and economic spheres"));
  // "I see two ways…" continues Musienko's words (first person, no marks).
  const cont = out.filter((a) => a.rule === "continuation");
  assert(
    cont.some((a) => a.source_id === "musienko" && a.content.text.startsWith("I see two ways.")),
  );
  assert(
    cont.some((a) => a.source_id === "kovalenko" && a.content.text.startsWith("Perhaps they")),
  );
});

Deno.test("seed 002: continued speech runs to the next heading (cleaned body)", async () => {
  // Once continued, the speech runs on to the next heading: Musienko's "In any case…" and
  // "First, …" (with "Kim Jong-un is a paranoid who expects…"), Kovalenko's "At the same time…"
  // up to the heading "Why a new treaty to both dictators". The raw file's cookie notice after
  // the last paragraph is removed by cleaning first, as the pipeline does.
  const corpus = await loadCorpus();
  const body = corpus.articles.filter(pl.col("id").eq(pl.lit("002"))).getColumn("body").get(0);
  const cont = extractAttributions(body as string, gaz).filter((a) => a.rule === "continuation");
  assertEquals(
    cont.map((a) => [a.source_id, a.content.text.slice(0, 24)]),
    [
      ["kovalenko", "Perhaps they (North Kore"],
      ["kovalenko", "At the same time, he is "],
      ["musienko", "I see two ways. The firs"],
      ["musienko", "In any case, Russia's st"],
      ["musienko", "First, North Korea will "],
    ],
  );
});

Deno.test("continued dash speech stops at a heading and at a new attribution", () => {
  const text = [
    "The war goes on, - believes Oleksandr Musienko, head of the Center for Military and Legal Studies.",
    "We will see what happens. My view has not changed.",
    "In any case, this is bad news.",
    "What comes next",
    "Nobody knows yet.",
  ].join("\n\n");
  const out = extractAttributions(text, gaz);
  assertEquals(
    out.filter((a) => a.rule === "continuation").map((a) => [a.source_id, a.content.text]),
    [
      ["musienko", "We will see what happens. My view has not changed"],
      ["musienko", "In any case, this is bad news"],
    ],
  );
  // Without the first-person paragraph nothing continues: plain narration stays narration.
  const plain = extractAttributions(
    text.replace("We will see what happens. My view has not changed.", "The talks ended."),
    gaz,
  );
  assertEquals(plain.filter((a) => a.rule === "continuation"), []);
});

Deno.test("seed 003: Russian news agencies are unnamed Russian media; “landmark document” is Putin's direct quote", async () => {
  const out = extractAttributions(await seed("003_"), gaz);
  const agencies = out.find((a) => a.cue?.text === "as reported by")!;
  assertEquals(
    [agencies.source?.text, agencies.source_id, agencies.source_type, agencies.country],
    [
      "Russian news agencies",
      null,
      "unnamed",
      "RU",
    ],
  );
  assert(agencies.content.text.startsWith("He highlighted that the treaty includes provisions"));
  const landmark = out.find((a) => a.content.text.includes("landmark document"))!;
  assertEquals([landmark.source_id, landmark.kind, landmark.cue?.text, landmark.content.text], [
    "putin",
    "direct",
    "stated",
    "“This is truly a landmark document,”",
  ]);
  // "He highlighted …" is Putin's, relayed by the agencies.
  const he = out.find((a) => a.cue?.text === "highlighted")!;
  assertEquals([he.source?.text, he.source_id, he.via], ["He", "putin", "Russian news agencies"]);
});

Deno.test("seed 000: the Kyiv Independent is cited for the losses; “he noted” after Putin's quote is Putin", async () => {
  const out = extractAttributions(await seed("000_"), gaz);
  const ki = out.find((a) => a.source_id === "kyiv_independent")!;
  assertEquals([ki.source_type, ki.cue?.text], ["other_media", "show"]);
  assert(ki.content.text.includes("534,360"));
  const noted = out.find((a) => a.content.text.startsWith("“this treaty is nothing new"))!;
  assertEquals([noted.source?.text, noted.cue?.text, noted.source_id, noted.resolved, noted.kind], [
    "He",
    "noted",
    "putin",
    true,
    "direct",
  ]);
  const stressed = out.find((a) => a.cue?.text === "stressed")!;
  assertEquals([stressed.source_id, stressed.via], ["kim_jong_un", "kcna"]);
});

Deno.test("X told Y, X reported, headline attributions, quotes over paragraphs, other cue verbs", () => {
  const row = (t: string) =>
    extractAttributions(t, gaz).map((
      a,
    ) => [a.source?.text, a.source_id, a.cue?.text, a.content.text, a.kind]);
  assertEquals(row("Putin told reporters that the treaty was nothing new."), [
    ["Putin", "putin", "told", "the treaty was nothing new", "indirect"],
  ]);
  assertEquals(row("Shapps told the BBC: “A new axis of tyranny is forming.”"), [
    ["Shapps", "shapps", "told", "“A new axis of tyranny is forming.”", "direct"],
  ]);
  assertEquals(row("TASS reported that the documents were exchanged in Moscow."), [
    ["TASS", "tass", "reported", "the documents were exchanged in Moscow", "indirect"],
  ]);
  // A headline in title case, with a scare-quoted phrase: partly quoted, so "mixed".
  assertEquals(row("Putin Says Treaty Is ‘Nothing New’"), [
    ["Putin", "putin", "Says", "Treaty Is ‘Nothing New’", "mixed"],
  ]);
  // Open quote at the start of each paragraph, close only at the end: one quotation.
  assertEquals(
    row("“The first part of the quote runs on.\n\n“And the second ends it,” Lavrov said."),
    [
      [
        "Lavrov",
        "lavrov",
        "said",
        "“The first part of the quote runs on.\n\n“And the second ends it,”",
        "direct",
      ],
    ],
  );
  assertEquals(
    row(
      "Kim stressed that the pact was peaceful. Lavrov emphasised that sanctions would fail. " +
        "Blinken noted that the visit was worrying.",
    ),
    [
      ["Kim", "kim_jong_un", "stressed", "the pact was peaceful", "indirect"],
      ["Lavrov", "lavrov", "emphasised", "sanctions would fail", "indirect"],
      ["Blinken", "blinken", "noted", "the visit was worrying", "indirect"],
    ],
  );
});

Deno.test("given quotations give the same attributions as those found here", async () => {
  const texts = [
    await seed("000"),
    await seed("001"),
    "😀 “A,” he said, “B.” Putin: “C” ''D,'' Kim said.",
    "“One.\n“Two,” said Putin.",
  ];
  for (const t of texts) {
    assertEquals(
      extractAttributions(t, gaz, { quotes: findQuotes(t).quotes }),
      extractAttributions(t, gaz),
    );
  }
});

Deno.test("hasName sees names but not country words and opening determiners", () => {
  assertEquals(hasName(gaz, "Oleksandr Kovalenko"), true);
  assertEquals(hasName(gaz, "the Institute for the Study of War"), true);
  assertEquals(hasName(gaz, "the Pentagon"), false); // a country word
  assertEquals(hasName(gaz, "US and South Korean officials"), false);
  assertEquals(hasName(gaz, "The agency"), false);
  assertEquals(hasName(gaz, "Russian news agencies"), false);
  // Memoised: the same answer again.
  assertEquals(hasName(gaz, "Oleksandr Kovalenko"), true);
  assertEquals(hasName(gaz, "US and South Korean officials"), false);
});

/** Source, cue and content text of each attribution found in `text`. */
const spans = (text: string) =>
  extractAttributions(text, gaz).map((a) => ({
    source: a.source?.text ?? null,
    cue: a.cue?.text ?? null,
    content: a.content.text,
  }));

Deno.test("a sentence ends before a quotation opened with two apostrophes (broadsheet style)", () => {
  const text =
    "Ms. Alvarez said the plan could work if funded. ''We have the people,'' she said. " +
    "''What we lack is money.''";
  assertEquals(spans(text), [
    { source: "Ms. Alvarez", cue: "said", content: "the plan could work if funded" },
    {
      source: "she",
      cue: "said",
      content: "''We have the people,'' she said. ''What we lack is money.''",
    },
  ]);
});

Deno.test("stance and refusal cues: endorsed, declined, refused, sought, dismissed, blamed, made clear", () => {
  assertEquals(spans("The mayor endorsed Ms. Ortiz on Sunday."), [
    { source: "The mayor", cue: "endorsed", content: "Ms. Ortiz on Sunday" },
  ]);
  assertEquals(spans("A spokeswoman for the ministry declined to comment."), [
    { source: "A spokeswoman for the ministry", cue: "declined", content: "to comment" },
  ]);
  assertEquals(spans("The governor refused to say whether he would run again."), [
    { source: "The governor", cue: "refused", content: "to say whether he would run again" },
  ]);
  assertEquals(spans("Ms. Lee dismissed the report as partisan."), [
    { source: "Ms. Lee", cue: "dismissed", content: "the report as partisan" },
  ]);
  assertEquals(spans("Union leaders blamed the company for the delays."), [
    { source: "Union leaders", cue: "blamed", content: "the company for the delays" },
  ]);
  assertEquals(spans("The senator made clear that she would vote no."), [
    { source: "The senator", cue: "made clear", content: "she would vote no" },
  ]);
  assertEquals(spans("Mr. Okafor said the vote was rigged, referring to the March count."), [
    { source: "Mr. Okafor", cue: "said", content: "the vote was rigged" },
    { source: "Mr. Okafor", cue: "referring to", content: "the March count" },
  ]);
});

Deno.test("a cue word that heads a noun phrase is no cue: swing states have, show up", () => {
  assertEquals(spans("Rust Belt states have lost many factory jobs since 2000."), []);
  assertEquals(spans("Few voters show up for the spring primaries."), []);
  assertEquals(spans("Swing states will decide the race, the pollster said."), [
    { source: "the pollster", cue: "said", content: "Swing states will decide the race" },
  ]);
});

Deno.test("a quotation after the cue ends the content when a new clause follows", () => {
  assertEquals(spans("Kim said “we are friends” and left the room."), [
    { source: "Kim", cue: "said", content: "“we are friends”" },
  ]);
  assertEquals(
    spans("The coach told reporters, “It was a fair result,” before boarding the bus."),
    [
      { source: "The coach", cue: "told", content: "“It was a fair result,”" },
    ],
  );
  // A partial quotation inside a clause keeps the clause.
  assertEquals(spans("She said “the economy” is stronger than it looks."), [
    { source: "She", cue: "said", content: "“the economy” is stronger than it looks" },
  ]);
});

Deno.test("a short clause after the cue is the content, not the opening phrase", () => {
  assertEquals(spans("Asked about the deal, Mr. Brown said he had no comment."), [
    { source: "Mr. Brown", cue: "said", content: "he had no comment" },
  ]);
  assertEquals(spans("The plant will close in May, the company said on Friday."), [
    { source: "the company", cue: "said", content: "The plant will close in May" },
  ]);
});

Deno.test("…, said an aide who …: an inverted source with an article and a relative clause", () => {
  assertEquals(spans("The vote was close, said an aide who spoke on condition of anonymity."), [
    { source: "an aide", cue: "said", content: "The vote was close" },
  ]);
  assertEquals(spans("Turnout fell sharply, says a pollster."), [
    { source: "a pollster", cue: "says", content: "Turnout fell sharply" },
  ]);
  // An appositive subject before the verb is no inversion.
  assertEquals(
    spans("Pavone, a priest from Ohio, criticized the draft language.").map((a) => a.source),
    ["Pavone"],
  );
});

Deno.test("“A,” he said. “B.”: the next quoted sentence continues the same speaker", () => {
  const wire = "“We lost,” the mayor said on Tuesday. “Now we rebuild. It will take years.” " +
    "Officials were not available.";
  assertEquals(spans(wire), [{
    source: "the mayor",
    cue: "said",
    content: "“We lost,” the mayor said on Tuesday. “Now we rebuild. It will take years.”",
  }]);
  // A quotation with its own speaker is not a continuation.
  assertEquals(spans("“We lost,” he said. “Now we rebuild,” she added."), [
    { source: "he", cue: "said", content: "“We lost,”" },
    { source: "she", cue: "added", content: "“Now we rebuild,”" },
  ]);
  // Nor one after another cue: “…,” X said, referring to … “…”.
  const tabloid = "“It was a disgrace,” Mr. Hale said, referring to the vote. “Never again.”";
  assertEquals(spans(tabloid).map((a) => a.content), [
    "“It was a disgrace,”",
    "the vote",
  ]);
});

Deno.test("more speech cues: chanted, put it, remembered, called for, lashed out, brushed off", () => {
  assertEquals(spans("Outside the hall, protesters chanted “No more cuts!”"), [
    { source: "protesters", cue: "chanted", content: "“No more cuts!”" },
  ]);
  assertEquals(spans("As one farmer put it, “The rain came too late.”"), [
    { source: "one farmer", cue: "put it", content: "“The rain came too late.”" },
  ]);
  assertEquals(
    spans("“She never gave up,” remembered Ana Ruiz, a former colleague."),
    [{ source: "Ana Ruiz", cue: "remembered", content: "“She never gave up,”" }],
  );
  assertEquals(spans("The council called for an independent inquiry."), [
    { source: "The council", cue: "called for", content: "an independent inquiry" },
  ]);
  assertEquals(spans("The chancellor brushed off the criticism on Monday."), [
    { source: "The chancellor", cue: "brushed off", content: "the criticism on Monday" },
  ]);
  // "remembered" needs a clause or a quotation: "remembered his keys" is no attribution.
  assertEquals(spans("The driver remembered his keys."), []);
});

Deno.test("…, citing X: the speaker cites, X is the content (unless it relays a report)", () => {
  assertEquals(spans("The senator voted no, citing its cost to farmers."), [
    { source: "The senator", cue: "citing", content: "its cost to farmers" },
  ]);
  // A relay: according to state media, citing the ministry.
  const relay = spans(
    "The talks will resume in May, according to state media citing the foreign ministry.",
  );
  assertEquals(relay.map((a) => a.source), ["state media", "the foreign ministry"]);
});

Deno.test("the subject of a participle cue skips a dateline and an opening time phrase", () => {
  assertEquals(
    spans("WASHINGTON (AP) — Sen. Ruth Alder rallied supporters, saying: “We will win.”"),
    [{ source: "Sen. Ruth Alder", cue: "saying", content: "“We will win.”" }],
  );
  assertEquals(
    spans("Hours later, the governor returned the compliment, telling Reuters that he was glad."),
    [{ source: "the governor", cue: "telling", content: "he was glad" }],
  );
});

Deno.test("Name: “…” after a dash or 'from' (newsletter style), not after a cue", () => {
  assertEquals(
    spans("POLLS WERE NOT WRONG - Maria Chen: “The polls caught the late swing.”"),
    [{ source: "Maria Chen", cue: ":", content: "“The polls caught the late swing.”" }],
  );
  assertEquals(spans("More from the report: “Turnout was the highest since 1992.”"), [
    { source: "the report", cue: ":", content: "“Turnout was the highest since 1992.”" },
  ]);
  // "told CNN:" is the cue; CNN is the hearer, not a second source.
  assertEquals(spans("The mayor told CNN: “We are ready.”").map((a) => a.source), [
    "The mayor",
  ]);
});

Deno.test("party labels and descriptions around names: (D-Ore.), said retired judge Ann Ray", () => {
  assertEquals(spans("“There is energy in many races,” Rep. Earl Dunn (D-Ore.) said."), [
    {
      source: "Rep. Earl Dunn (D-Ore.)",
      cue: "said",
      content: "“There is energy in many races,”",
    },
  ]);
  assertEquals(spans("Sen. Ada Moss (R-Tex.) said she would vote against it."), [
    { source: "Sen. Ada Moss (R-Tex.)", cue: "said", content: "she would vote against it" },
  ]);
  assertEquals(spans("“It was a fair trial,” said retired judge Ann Ray, who sat on the bench."), [
    { source: "retired judge Ann Ray", cue: "said", content: "“It was a fair trial,”" },
  ]);
  assertEquals(spans("“We start over,” said the new coach Tom Bell."), [
    { source: "the new coach Tom Bell", cue: "said", content: "“We start over,”" },
  ]);
});

Deno.test("a quotation after the cue ends before a participle clause", () => {
  assertEquals(spans("Ms. Ito said, “It is time for a change,” drawing cheers from the crowd."), [
    { source: "Ms. Ito", cue: "said", content: "“It is time for a change,”" },
  ]);
});

Deno.test("participle cues after a quotation's inner comma, after 'by' and after 'and'", () => {
  assertEquals(spans("Mr. Hale said of the fight, “I don’t like it,” adding that it was rare."), [
    { source: "Mr. Hale", cue: "said", content: "“I don’t like it,”" },
    { source: "Mr. Hale", cue: "adding", content: "it was rare" },
  ]);
  assertEquals(spans("She followed that by saying, “I am not a natural politician.”"), [
    { source: "She", cue: "saying", content: "“I am not a natural politician.”" },
  ]);
  // "by saying" after a noun phrase without a subject in view gives nothing to guess.
  assertEquals(spans("by saying so."), []);
});

Deno.test("a stance cue's object ends at a comma; '…, law enforcement officials say.'", () => {
  assertEquals(spans("The union, which is large, endorsed Ms. Park in May, a big boost for her."), [
    { source: "The union", cue: "endorsed", content: "Ms. Park in May" },
  ]);
  assertEquals(spans("Checks take weeks, federal officials said."), [
    { source: "federal officials", cue: "said", content: "Checks take weeks" },
  ]);
  assertEquals(spans("The line was long, a school spokesman told reporters."), [
    { source: "a school spokesman", cue: "told", content: "The line was long" },
  ]);
  // A clause before the subject is not part of it.
  assertEquals(spans("The vote was close, in part because he said so.").map((a) => a.source), [
    "he",
  ]);
});

Deno.test("cues that take an object: mentioned, agreed, recalled, offered, opposed, asking", () => {
  assertEquals(spans("The minister never mentioned the strike."), [
    { source: "The minister", cue: "mentioned", content: "the strike" },
  ]);
  assertEquals(spans("Both sides agreed to a ceasefire on Sunday."), [
    { source: "Both sides", cue: "agreed", content: "to a ceasefire on Sunday" },
  ]);
  assertEquals(spans("The coach offered no excuses."), [
    { source: "The coach", cue: "offered", content: "no excuses" },
  ]);
  assertEquals(spans("Farm groups opposed the tariff."), [
    { source: "Farm groups", cue: "opposed", content: "the tariff" },
  ]);
  assertEquals(spans("The mayor wrote to residents, asking them to save water."), [
    { source: "The mayor", cue: "wrote", content: "to residents" },
    { source: "The mayor", cue: "asking", content: "them to save water" },
  ]);
  // Passive "is opposed to" names no source.
  assertEquals(spans("The plan is opposed by farmers."), []);
});

Deno.test("a clause cue takes a clause without 'that' when a subject pronoun opens it", () => {
  assertEquals(spans("Many farmers feel they were ignored."), [
    { source: "Many farmers", cue: "feel", content: "they were ignored" },
  ]);
  // An object is not a clause: "feel the heat".
  assertEquals(spans("Many farmers feel the heat."), []);
});

Deno.test("the subject skips a time phrase before the cue and an opening adverb or participle", () => {
  assertEquals(spans("Trump at the time said he was joking."), [
    { source: "Trump", cue: "said", content: "he was joking" },
  ]);
  // "have long said", "has since said": the adverb stands between subject and cue.
  assertEquals(spans("Officials have long said the plan would fail."), [
    { source: "Officials", cue: "said", content: "the plan would fail" },
  ]);
  assertEquals(spans("Moscow has since said the treaty is defensive.")[0].source, "Moscow");
  // Wire style: a time or a setting between subject and cue.
  for (
    const [text, source] of [
      [
        "RNC spokesman Sean Spicer on Thursday evening said the party was calm.",
        "RNC spokesman Sean Spicer",
      ],
      ["The ministry late on Monday said the talks would resume.", "The ministry"],
      ["The Kremlin earlier this week said the visit was productive.", "The Kremlin"],
      ["Kim in a speech said the treaty was an alliance.", "Kim"],
      ["The ministry in a televised statement said the drills would go on.", "The ministry"],
    ]
  ) {
    assertEquals(spans(text).map((a) => a.source), [source], text);
  }
  // "both" after a coordinated subject: each speaks.
  assertEquals(
    spans("Washington and Seoul both said the deal was dangerous.").map((a) => a.source),
    ["Washington", "Seoul"],
  );
  // "to" joins a role to its place: the envoy speaks, not the place.
  assertEquals(
    spans("The U.S. ambassador to the United Nations said the vote was close.")[0].source,
    "The U.S. ambassador to the United Nations",
  );
  assertEquals(
    spans("Ms. Ruiz has in the past described the plan as costly.").map((a) => a.source),
    [
      "Ms. Ruiz",
    ],
  );
  assertEquals(
    spans("Walking out of the hall, Ms. Ebeling told reporters, adding that she was tired.").map(
      (a) => a.source,
    ),
    ["Ms. Ebeling", "Ms. Ebeling"],
  );
});

Deno.test("In a poll/report, …: the document reports the rest of the sentence", () => {
  assertEquals(spans("In a new survey by the state university, most drivers backed the toll."), [
    {
      source: "a new survey by the state university",
      cue: "In",
      content: "most drivers backed the toll",
    },
  ]);
  // With a cue of its own, the sentence is that cue's attribution.
  assertEquals(
    spans("In the report released Monday, the auditors said costs had doubled.").map((a) => a.cue),
    ["said"],
  );
  // Not a document: "In the morning, …".
  assertEquals(spans("In the morning, the roads were closed."), []);
});

Deno.test("documents as sources: a poll finds, a chart indicates", () => {
  assertEquals(spans("The new poll finds the race tied."), [
    { source: "The new poll", cue: "finds", content: "the race tied" },
  ]);
});

Deno.test("a belief inside reported speech is part of the speech; a comma alone is no clause", () => {
  assertEquals(spans("Mr. Reyes said he thought the law would cut the deficit."), [
    { source: "Mr. Reyes", cue: "said", content: "he thought the law would cut the deficit" },
  ]);
  // On its own the belief is an attribution.
  assertEquals(spans("He thought the law would cut the deficit."), [
    { source: "He", cue: "thought", content: "the law would cut the deficit" },
  ]);
  // "states" before a comma is a noun, not the clause cue "states".
  assertEquals(
    spans("Voters in swing states, including Ohio, will decide.").filter((a) => a.cue === "states"),
    [],
  );
});

Deno.test("with/about NAME calling …: a named speaker straight before a participle", () => {
  assertEquals(spans("Rivals went further, with former Gov. Ann Dale calling the plan a fraud."), [
    { source: "former Gov. Ann Dale", cue: "calling", content: "the plan a fraud" },
  ]);
  // Without a name or "with", a participle needs its comma.
  assertEquals(spans("The crowd kept calling the plan a fraud."), []);
});

Deno.test("participle cues after an adverb, a dash, 'while', a form of 'be' or a document", () => {
  assertEquals(spans("Cruz turned tougher, eventually saying he would be a disaster."), [
    { source: "Cruz", cue: "saying", content: "he would be a disaster" },
  ]);
  assertEquals(spans("Rubio switched sides – saying he was rooting for Denver."), [
    { source: "Rubio", cue: "saying", content: "he was rooting for Denver" },
  ]);
  assertEquals(spans("He isn't saying what other steps he would support."), [
    { source: "He", cue: "saying", content: "what other steps he would support" },
  ]);
  assertEquals(spans("Ms. Ortiz issued a statement Monday saying the vote was fair."), [
    { source: "Ms. Ortiz", cue: "saying", content: "the vote was fair" },
  ]);
});

Deno.test("X quoted Y as saying …: Y is the source of the words", () => {
  const wire = "The agency quoted Deputy Minister Ivan Petrov as saying that talks would resume.";
  assertEquals(
    spans(wire).find((a) => a.cue === "saying"),
    { source: "Deputy Minister Ivan Petrov", cue: "saying", content: "talks would resume" },
  );
});

Deno.test("the content ends before a subordinate clause with its own cue", () => {
  assertEquals(spans("Six in 10 say he is decisive, after the board said so in March.")[0], {
    source: "Six in 10",
    cue: "say",
    content: "he is decisive",
  });
  assertEquals(spans("Ms. Lin said the law is fair, while her rivals say it is not.")[0], {
    source: "Ms. Lin",
    cue: "said",
    content: "the law is fair",
  });
  // "…, and he railed against …", "… but Senator Diaz said …": a pronoun or a name and a cue
  // after "and"/"but" open a new attribution.
  assertEquals(
    spans(
      "Rubio said the real extremist is Clinton, and he railed against the moderators for it.",
    ),
    [
      { source: "Rubio", cue: "said", content: "the real extremist is Clinton" },
      { source: "he", cue: "railed against", content: "the moderators for it" },
    ],
  );
  assertEquals(spans("Mayor Ortiz said taxes will fall but Ana Diaz said they will rise.")[0], {
    source: "Mayor Ortiz",
    cue: "said",
    content: "taxes will fall",
  });
  // "…, he said there is …": after a comma, a pronoun or a name with its cue.
  assertEquals(
    spans("While Comey said Clinton was careless, he said there is no precedent for it.")
      .map((a) => [a.source, a.content]),
    [["Comey", "Clinton was careless"], ["he", "there is no precedent for it"]],
  );
  assertEquals(
    spans("Lee said the talks failed, Kim Ji-woo said they went well.").map((a) => a.content),
    ["the talks failed", "they went well"],
  );
  // "… on Twitter before claiming …": a participle cue after a conjunction of time.
  assertEquals(
    spans("Trump said the deadlock kept us safe on Twitter before claiming open borders hurt.")
      .map((a) => [a.cue, a.content]),
    [["said", "the deadlock kept us safe on Twitter"], ["claiming", "open borders hurt"]],
  );
  // "that" before a finite verb is the content's subject, not a conjunction.
  assertEquals(
    spans("Christie said that was a natural part of running.")[0].content,
    "that was a natural part of running",
  );
  assertEquals(spans("Christie said that the race was over.")[0].content, "the race was over");
  // (A clause without a cue stays in the content.)
  assertEquals(
    spans("Lee said prices rose, and wages fell.")[0].content,
    "prices rose, and wages fell",
  );
  // A sentence ends after "U.S." before "He": the content stops there.
  assertEquals(
    spans("Cox says attacks rose in the U.S. He says lectures will not help.").map((a) =>
      a.content
    ),
    ["attacks rose in the U.S", "lectures will not help"],
  );
});

Deno.test("a headline colon with a tally, a roster of names or 'The Latest' is no attribution", () => {
  assertEquals(spans("Lopez: 1,547"), []);
  assertEquals(spans("Ohio: Ann Bell, Tom Diaz, Raj Patel, Mia Wong, Lee Park, Sam Roe"), []);
  assertEquals(spans("The Latest: Lopez wins the state caucuses"), []);
  assertEquals(spans("Lopez: We will win the state"), [
    { source: "Lopez", cue: ":", content: "We will win the state" },
  ]);
});

Deno.test("dotted initials and 'v.' do not end the sentence that holds the attribution", () => {
  // Each was split after the dotted letters, giving a wrong speaker or a cut content.
  assertEquals(spans("The mayor praised Sen. J.D. Vance and said the bill would pass."), [
    { source: "The mayor", cue: "praised", content: "Sen. J.D. Vance" },
    { source: "The mayor", cue: "said", content: "the bill would pass" },
  ]);
  assertEquals(
    spans("Ms. Ruiz said she backs Brown v. Board of Education, adding that it stands."),
    [
      { source: "Ms. Ruiz", cue: "said", content: "she backs Brown v. Board of Education" },
      { source: "Ms. Ruiz", cue: "adding", content: "it stands" },
    ],
  );
  assertEquals(spans("He compared the race to George H.W. Bush's campaign, aides said."), [
    {
      source: "aides",
      cue: "said",
      content: "He compared the race to George H.W. Bush's campaign",
    },
  ]);
  // A decade is a word, not an initial: its stop still ends the sentence.
  assertEquals(spans("Officials said prices fell in the 1990s. She said they rose again."), [
    { source: "Officials", cue: "said", content: "prices fell in the 1990s" },
    { source: "She", cue: "said", content: "they rose again" },
  ]);
});

Deno.test("a quotation closed with two apostrophes ends its sentence (broadsheet style)", () => {
  // Was one sentence: the content ran on and the next cue took the whole of it.
  assertEquals(
    spans(
      "The dean said the campus was ''safer than ever.'' Students disagreed, the paper reported.",
    ),
    [
      { source: "The dean", cue: "said", content: "the campus was ''safer than ever.''" },
      { source: "the paper", cue: "reported", content: "Students disagreed" },
    ],
  );
  assertEquals(spans("Ms. Okafor called the levy ''a tax on hope.'' Her rival said it was fair."), [
    { source: "Ms. Okafor", cue: "called", content: "the levy ''a tax on hope.''" },
    { source: "Her rival", cue: "said", content: "it was fair" },
  ]);
});

Deno.test("NAME, AGE, DESCRIPTION, said: the name before an age and a description is the source", () => {
  // Was no attribution: the phrase before the description's comma is the age.
  assertEquals(spans("Maria Lopez, 34, a nurse from Tucson, said she voted early."), [
    { source: "Maria Lopez", cue: "said", content: "she voted early" },
  ]);
  const [a] = extractAttributions(
    "Ana Cruz, 52, an economist at the central bank, said rates would rise.",
    gaz,
  );
  assertEquals([a.source?.text, a.content.text, a.source_type], [
    "Ana Cruz",
    "rates would rise",
    "expert_or_think_tank",
  ]);
});

Deno.test("a lawmaker's party and state set off by commas is no source name", () => {
  // Was source "R-Ohio" with content "Sen. Ann Bell".
  assertEquals(spans("Sen. Ann Bell, R-Ohio, said the plan would fail."), [
    { source: "Sen. Ann Bell", cue: "said", content: "the plan would fail" },
  ]);
  assertEquals(spans("Rep. Tom Hale, D-N.Y., a former mayor, said he was tired."), [
    { source: "Rep. Tom Hale", cue: "said", content: "he was tired" },
  ]);
});

Deno.test("a quantifier alone before 'said' is the subject, not a determiner", () => {
  // Was no attribution: "several said" read as a noun after a determiner.
  assertEquals(spans("The tenants met on Friday. Several said they would move out."), [
    { source: "Several", cue: "said", content: "they would move out" },
  ]);
  assertEquals(spans("Many said the rent was too high."), [
    { source: "Many", cue: "said", content: "the rent was too high" },
  ]);
  // Still a noun after a determiner: no cue.
  assertEquals(spans("Several claims were false."), []);
});

Deno.test("which/what X said + verb: the rest of the relative clause is the content", () => {
  // Was no attribution: the verb after "said" made it read as a noun ("states have").
  assertEquals(
    spans("The new rules, which officials said will take effect in May, do not cover visitors."),
    [{ source: "officials", cue: "said", content: "will take effect in May" }],
  );
  assertEquals(
    spans("The boats were freed, in what many analysts said was a sign of warmer ties."),
    [
      { source: "many analysts", cue: "said", content: "was a sign of warmer ties" },
    ],
  );
  assertEquals(spans("It is a levy that many economists say will fail."), [
    { source: "many economists", cue: "say", content: "will fail" },
  ]);
  // A cue word as the head noun of a subject is still no cue.
  assertEquals(spans("Swing states will vote first."), []);
});

Deno.test("no speaker where a cue word does other work: 'adding to', a thing called X, '30 states'", () => {
  // Wire style: "adding to" and "added to" grow something; nobody speaks.
  assertEquals(
    spans("Prices rose sharply in May, adding to the pressure on the central bank."),
    [],
  );
  assertEquals(
    spans("The shelling added to tensions along the border, the ministry said."),
    [{
      source: "the ministry",
      cue: "said",
      content: "The shelling added to tensions along the border",
    }],
  );
  assertEquals(spans("The governor added to her lead in the polls."), []);
  // …while "added" before a clause or after a quotation still speaks.
  assertEquals(spans("Lee added that talks would resume on Monday."), [
    { source: "Lee", cue: "added", content: "talks would resume on Monday" },
  ]);
  assertEquals(spans("“We will rebuild,” he added."), [
    { source: "he", cue: "added", content: "“We will rebuild,”" },
  ]);
  // Feature style: a naming verb after an indefinite noun names a thing.
  assertEquals(spans("Barden now helps run a charity called Sandy Hook Promise."), []);
  assertEquals(spans("The post linked to a group called the “We The People Foundation.”"), []);
  assertEquals(spans("A new group called Black Votes Matter is trying to register voters."), []);
  // "what’s called", "it’s believed": after it/what/that/there, ’s is "is": a passive.
  assertEquals(
    spans("Doctors hope to use what’s now called “regenerative medicine.”").map((a) => a.cue),
    ["hope"],
  );
  assertEquals(spans("It’s widely believed the deal is dead."), []);
  // …but an indefinite speaker who calls someone something speaks.
  assertEquals(spans("A spokesman called Putin a liar."), [
    { source: "A spokesman", cue: "called", content: "Putin a liar" },
  ]);
  // Wire credit lines and civics: "reported from", "reports to" name no source.
  assertEquals(spans("Lerer reported from Los Angeles."), []);
  assertEquals(spans("The governor reports to the legislature every year."), []);
  // Broadcast pages: "show" after a singular noun is the noun; after a plural subject (or its
  // head before a preposition) it is a document speaking.
  assertEquals(spans("The TV show “The Apprentice” ran for years."), []);
  assertEquals(spans("He also hosts a Sunday talk show, writes a column and leads a podcast."), []);
  assertEquals(spans("FEC records from the 2008 cycle show he backed both men."), [
    { source: "FEC records from the 2008 cycle", cue: "show", content: "he backed both men" },
  ]);
  // "reports show": the noun heads the subject of the verb cue; "Polls … show majorities
  // believe": the subject of "believe" starts after "show".
  assertEquals(spans("New fundraising reports show he raised two million.").map((a) => a.cue), [
    "show",
  ]);
  assertEquals(
    spans("Polls consistently show majorities believe the country is on the wrong track.")
      .map((a) => [a.source, a.cue]),
    [["Polls", "show"], ["majorities", "believe"]],
  );
  // Op-ed style: after a number, a cue word in -s is a plural noun.
  assertEquals(
    spans("As the Post observed, Republicans now control both chambers in 30 states."),
    [],
  );
  // Broadsheet style: the terms of anonymity are no statement of their own.
  assertEquals(spans("The official, who asked not to be named, said the talks had stalled."), [
    { source: "The official", cue: "said", content: "the talks had stalled" },
  ]);
  assertEquals(spans("The aide requested anonymity."), []);
  // …and before "that" and a plural verb, it heads a relative clause.
  assertEquals(spans("Rust Belt states that have suffered job losses backed Trump."), []);
  assertEquals(spans("Section 2 states that each side will help the other."), [
    { source: "Section 2", cue: "states", content: "each side will help the other" },
  ]);
});

Deno.test("an official or state-run news agency, a state broadcaster and Xinhua are state media", () => {
  for (
    const text of [
      "Pyongyang's official news agency reported that the two leaders signed the pact.",
      "The state-run news agency said the drills had ended.",
      "Iran's state broadcaster said the talks failed.",
    ]
  ) {
    assertEquals(extractAttributions(text, gaz).map((a) => a.source_type), ["state_media"], text);
  }
  // A known agency named inside the phrase is that agency, though its longest alias ("Xinhua
  // News Agency") is written in another case.
  assertEquals(
    extractAttributions("China's official Xinhua news agency said the visit went well.", gaz)
      .map((a) => [a.source_id, a.source_type]),
    [["xinhua", "state_media"]],
  );
  // …but a name before a role word that does not describe it stays a modifier.
  assertEquals(
    extractAttributions("Putin's spokesman said the visit went well.", gaz).map((a) => a.source_id),
    [null],
  );
});

Deno.test("an expert of an endowment is an expert or think tank", () => {
  assertEquals(
    extractAttributions(
      "Ankit Panda of the Carnegie Endowment for International Peace said it was symbolic.",
      gaz,
    ).map((a) => a.source_type),
    ["expert_or_think_tank"],
  );
});
