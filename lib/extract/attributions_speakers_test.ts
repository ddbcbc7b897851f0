/**
 * Issue 11 (speaker of quoted loaded words on new outlets): who says the quoted or reported
 * words, on sentences written for these tests in wire, tabloid, state-media, regional and
 * live-blog styles, with a gazetteer built here (tests do not read data/).
 */
import { type Attribution, extractAttributions } from "./attributions.ts";
import { buildGazetteer } from "../resources/gazetteer.ts";
import { parseLexicon } from "../resources/lexicon.ts";
import { framingHits } from "./framing.ts";
import { assertEquals } from "../testing.ts";

const cue = (c: string, pattern = "verb") => ({
  cue: c,
  pattern,
  category: "speech",
  complement: "any",
});
const role = (phrase: string, type: string, kind: string) => ({ phrase, type, kind });
const gaz = buildGazetteer({
  sources: [],
  roles: [
    role("leader", "official", "person"),
    role("chairman", "official", "person"),
    role("president", "official", "person"),
    role("minister", "official", "person"),
    role("nurse", "other", "person"),
    role("experts", "expert_or_think_tank", "group"),
    role("critics", "unnamed", "group"),
    role("officials", "official", "group"),
    role("poll", "document", "document"),
    role("survey", "document", "document"),
  ],
  countries: [],
  cues: [
    cue("said"),
    cue("say"),
    cue("says"),
    cue("added"),
    cue("accused"),
    cue("called"),
    cue("condemned"),
    cue("found"),
    cue("thanked", "verb_object"),
    cue("told", "verb_object"),
    cue("spoke of"),
    cue("reiterated"),
    cue("hails"),
    cue("calls"),
    cue("termed"),
    cue("branded"),
    cue("agreed"),
  ],
  governments: [],
  outlets: [],
  outletShapes: [],
});

const all = (t: string) => extractAttributions(t, gaz);
const row = (a: Attribution) => [a.source?.text ?? null, a.source_name, a.content.text];

Deno.test("live blog: 'More from Strand's press conference:' quotes Strand, into the next paragraph", () => {
  const t = "10:05 Eva Strand arrived in Brill.\n" +
    "12:15 More from Strand's press conference: \"We will not be blackmailed.\n" +
    '"If they want isolation, they will have it."';
  const out = all(t);
  assertEquals(out.length, 1);
  assertEquals([out[0].source?.text, out[0].cue?.text, out[0].kind], ["Strand", ":", "direct"]);
  assertEquals(out[0].content.end, [...t].length);
  // Without a name before the occasion, the occasion itself stays the source.
  assertEquals(
    all('More from the press conference: "We will not be blackmailed."')
      .map((a) => a.source?.text),
    ["the press conference"],
  );
});

Deno.test("tabloid: a passive accusation with a time word between 'was' and the cue has no source", () => {
  assertEquals(all("Minister Petra Lind was yesterday accused of a grovelling PR disaster."), []);
  assertEquals(all("Lind was last night accused of lying to parliament."), []);
});

Deno.test("state media: a second cue joined by 'and' after a quote keeps the subject", () => {
  const out = all(
    'In the letter, Dost spoke of "historic tasks" facing the nations and reiterated his ' +
      '"unbreakable resolve to smash the schemes of the warmongers".',
  );
  assertEquals(out.map((a) => [a.source?.text, a.cue?.text]), [
    ["Dost", "spoke of"],
    ["Dost", "reiterated"],
  ]);
  assertEquals(out[1].content.text.startsWith('his "unbreakable resolve'), true);
});

Deno.test("tabloid: 'He even thanked …' resolves he to a one-word name that spoke before", () => {
  const out = all('Varga said the war was won. He even thanked Dost for "standing firm".');
  assertEquals(out.map(row)[1], ["He", "Varga", 'Dost for "standing firm"']);
});

Deno.test("live blog: he resolves to a name opening an earlier sentence with no speech", () => {
  const t = "Our editor said the mood was tense.\n13:30 Dost has reacted. In a statement, he " +
    'called the summit "a gathering of puppets".';
  const he = all(t).find((a) => a.source?.text === "he")!;
  assertEquals(he.source_name, "Dost");
});

Deno.test("wire: “…,“ the Salen leader added resolves the description to the named leader", () => {
  const out = all(
    'Opposition leader Ivo Brandt said the pact was "a provocation". ' +
      "“We will not be silent,“ the Salen leader added.",
  );
  assertEquals(out.map((a) => a.source_name), [
    "Opposition leader Ivo Brandt",
    "Opposition leader Ivo Brandt",
  ]);
});

Deno.test("a stray comma before the cue: “…,” Sen. Ann Bell (D-Ohio), said", () => {
  const out = all('"We will fight this," Sen. Ann Bell (D-Ohio), said.');
  assertEquals(out.map((a) => [a.source?.text, a.cue?.text, a.content.text]), [
    ["Sen. Ann Bell (D-Ohio)", "said", '"We will fight this,"'],
  ]);
});

Deno.test("regional: a name, an age and a description before 'said': the source is the name", () => {
  const [a] = all("Maria Lopez, 34, a nurse in Tucson, said the topic came up at dinner.");
  assertEquals([a.source?.text, a.content.text], ["Maria Lopez", "the topic came up at dinner"]);
});

Deno.test("'told reporters the deal was illegal': the hearer is not content", () => {
  const content = (t: string) => all(t).map((a) => a.content.text);
  assertEquals(content("Holm told reporters the deal was illegal."), ["the deal was illegal"]);
  assertEquals(content("Holm told CNN he would run again."), ["he would run again"]);
  assertEquals(content("Holm told lawmakers Tuesday the deal was illegal."), [
    "the deal was illegal",
  ]);
  // An order keeps its object; a hearer that is not a plain phrase stays in the content.
  assertEquals(content("Holm told him to leave."), ["him to leave"]);
  assertEquals(content("Holm told reporters that the deal was illegal."), ["the deal was illegal"]);
});

Deno.test("polls: a poll is a document source; a share of people is an unnamed source", () => {
  const types = (t: string) => all(t).map((a) => [a.source?.text, a.source_type]);
  assertEquals(types("A Gallup poll found that most voters oppose the deal."), [
    ["A Gallup poll", "document"],
  ]);
  assertEquals(types("42% of voters say the economy is the top issue."), [
    ["42% of voters", "unnamed"],
  ]);
  assertEquals(types("Forty-two percent of voters say the economy matters most."), [
    ["Forty-two percent of voters", "unnamed"],
  ]);
  assertEquals(types("Most voters say the deal is bad."), [["Most voters", "unnamed"]]);
  // A short clause after the cue is its content, not the opening phrase before the subject.
  assertEquals(all("In the poll, most voters said the deal was bad.").map((a) => a.content.text), [
    "the deal was bad",
  ]);
});

Deno.test("opinion: 'a treaty that experts say is …': experts say the relative clause", () => {
  const out = all(
    'They signed a "friendship" treaty that experts say is really an axis of evil aimed at ' +
      "the West.",
  );
  assertEquals(out.map((a) => [a.source?.text, a.content.text]), [
    ["experts", "is really an axis of evil aimed at the West"],
  ]);
});

Deno.test("state media: 'The Chairman' is the name written earlier with that title", () => {
  const t = "KEREM (TNA) - Respected Chairman Ilhan Dost received a message from President " +
    "Aurel Varga.\nThe Chairman reiterated that the army would punish any provocation.\n" +
    "The president said the talks were good.";
  assertEquals(all(t).map((a) => [a.source?.text, a.source_name, a.source_type]), [
    ["The Chairman", "Chairman Ilhan Dost", "official"],
    ["The president", "President Aurel Varga", "official"],
  ]);
  // With no such name before it, the phrase is its own name (as any capitalised phrase).
  assertEquals(all("The Chairman said no.").map((a) => a.source_name), ["The Chairman"]);
});

Deno.test("'what they called “…”': they is the group that spoke before in the sentence", () => {
  const out = all('Officials in Seoul condemned what they called a "reckless provocation".');
  assertEquals(out.map((a) => [a.source?.text, a.source_name]), [
    ["Officials in Seoul", "Officials in Seoul"],
    ["they", "Officials in Seoul"],
  ]);
  // No group before it: unresolved.
  assertEquals(all("They said the drills were a provocation.").map((a) => a.resolved), [false]);
});

Deno.test("state media: 'It also called …' is the agency that spoke before, not a person", () => {
  const g = buildGazetteer({
    sources: [{
      id: "tna",
      name: "Tarnovan News Agency",
      aliases: "TNA|Tarnovan News Agency",
      type: "state_media",
      country: "",
      kind: "organisation",
      gender: "",
      descriptions: "agency",
    }],
    roles: [],
    countries: [],
    cues: [cue("said"), cue("called")],
    governments: [],
    outlets: [],
    outletShapes: [],
  });
  const out = extractAttributions(
    'TNA said the drills were a provocation. It also called the allies "warmongers".',
    g,
  );
  assertEquals(out.map((a) => [a.source?.text, a.source_id]), [["TNA", "tna"], ["It", "tna"]]);
  const person = extractAttributions(
    'Dost said the talks failed. It called the sanctions "criminal".',
    g,
  );
  assertEquals(person.map((a) => a.resolved), [true, false]);
});

Deno.test("headline: a quoted loaded word gets the headline attribution's speaker", async () => {
  const lex = await parseLexicon(
    "pattern,category,target\ninvincible,loaded_positive,\ndespot*,loaded_negative,person\n",
    "lex.csv",
  );
  const title = 'Dost hails "invincible" friendship with the despot';
  const hits = framingHits(title, lex, { voice: "headline", attributions: all(title) });
  assertEquals(hits.map((h) => [h.text, h.voice, h.speaker]), [
    ["invincible", "headline", "Dost"],
    ["despot", "headline", "Dost"],
  ]);
  // Without attributions, or outside their content, a headline hit has no speaker.
  const own = framingHits("Despot wins", lex, {
    voice: "headline",
    attributions: all("Despot wins"),
  });
  assertEquals(own.map((h) => [h.voice, h.speaker]), [["headline", null]]);
});

Deno.test("'what Kerem termed «…»' and 'that critics branded a fiasco' name their speakers", () => {
  const t = "In what Kerem termed «an answer to illegal sanctions», the sides agreed to trade " +
    "in their own currencies.";
  const out = all(t);
  const termed = out.find((a) => a.cue?.text === "termed")!;
  assertEquals([termed.source?.text, termed.content.text], [
    "Kerem",
    "«an answer to illegal sanctions»",
  ]);
  // The quotation is the object of "termed": no closing source after it takes it as content.
  assertEquals(out.filter((a) => a.content.text === termed.content.text).length, 1);
  const [b] = all('Lind flew to Kerem on a "peace mission" that critics branded a fiasco.');
  assertEquals([b.source?.text, b.content.text], ["critics", "a fiasco"]);
});

Deno.test("live blog: a name opening an earlier sentence is the antecedent of he and the leader", () => {
  const t = '14:02 Dost speaks. He calls the sanctions "barbaric".\n' +
    "President Aurel Varga spoke for an hour.\n“The puppets will fail,“ the leader said.";
  assertEquals(all(t).map((a) => [a.source?.text, a.source_name]), [
    ["He", "Dost"],
    ["the leader", "President Aurel Varga"],
  ]);
});

Deno.test("a scare quote before a relative clause with a source stays distancing", async () => {
  const lex = await parseLexicon("pattern,category,target\nfiasco,loaded_negative,\n", "lex.csv");
  const t = 'Lind flew to Kerem on a "peace mission" that critics branded a fiasco.';
  const scare = framingHits(t, lex, { attributions: all(t) }).filter((h) =>
    h.category === "distancing"
  );
  assertEquals(scare.map((h) => h.text), ['"peace mission"']);
  // A source in the sentence otherwise makes the quote theirs.
  const u = 'Critics called it a "peace mission" on Monday.';
  assertEquals(
    framingHits(u, lex, { attributions: all(u) }).filter((h) => h.category === "distancing"),
    [],
  );
});

Deno.test("a capitalised opener ('Which reflects …') is no name for a pronoun", () => {
  const t = "Dost said the deal was good. Which reflects the plans of both. He said it would last.";
  assertEquals(all(t).map((a) => a.source_name), ["Dost", "Dost"]);
});
