/**
 * Issue 11 (sourcing on new outlets): government sources, coordinated sources, outlets, cues
 * and non-attributions, on sentences written for these tests, with a gazetteer built here
 * (tests do not read data/).
 */
import { type Attribution, extractAttributions, oddClosingMarksAsClosing } from "./attributions.ts";
import { buildGazetteer } from "../resources/gazetteer.ts";
import { assert, assertEquals } from "../testing.ts";

const cue = (c: string, pattern = "verb", complement = "any", category = "speech") => ({
  cue: c,
  pattern,
  category,
  complement,
});
const role = (phrase: string, type: string, kind: string) => ({ phrase, type, kind });
const gaz = buildGazetteer({
  sources: [
    {
      id: "putin",
      name: "Vladimir Putin",
      aliases: "Vladimir Putin|Putin",
      type: "official",
      country: "RU",
      kind: "person",
      gender: "m",
      descriptions: "Russian leader",
    },
    {
      id: "kremlin",
      name: "Kremlin",
      aliases: "Kremlin|the Kremlin",
      type: "government",
      country: "RU",
      kind: "organisation",
      gender: "",
      descriptions: "",
    },
    {
      id: "ria_novosti",
      name: "RIA Novosti",
      aliases: "RIA Novosti|RIA",
      type: "state_media",
      country: "RU",
      kind: "organisation",
      gender: "",
      descriptions: "agency",
    },
  ],
  roles: [
    role("officials", "official", "group"),
    role("official", "official", "person"),
    role("minister", "official", "person"),
    role("spokesman", "official", "person"),
    role("adviser", "official", "person"),
    role("military", "government", "organisation"),
    role("ministry", "government", "organisation"),
    role("authorities", "government", "group"),
    role("allies", "government", "group"),
    role("source", "unnamed", "person"),
    role("sources", "unnamed", "group"),
    role("treaty", "document", "document"),
    role("text", "document", "document"),
    role("full text", "document", "document"),
    role("article", "document", "document"),
    role("think tank", "expert_or_think_tank", "organisation"),
    role("senior", "other", "modifier"),
    role("defence", "other", "modifier"),
    role("national", "other", "modifier"),
    role("security", "other", "modifier"),
  ],
  countries: [{ word: "South Korean", country: "KR" }],
  cues: [
    cue("said"),
    cue("says"),
    cue("told", "verb_object"),
    cue("added"),
    cue("accused"),
    cue("thanked", "verb_object"),
    cue("spoke of"),
    cue("characterised"),
    cue("specifies", "verb", "any", "document"),
    cue("denies"),
    cue("vowed"),
    cue("think", "verb", "any", "belief"),
    cue("showed", "verb", "any", "document"),
    cue("according to", "source_after", "any", "according"),
  ],
  governments: [
    { name: "United States", country: "US", kind: "country" },
    { name: "US", country: "US", kind: "country" },
    { name: "the US", country: "US", kind: "country" },
    { name: "Washington", country: "US", kind: "capital" },
    { name: "South Korea", country: "KR", kind: "country" },
    { name: "South Korea’s", country: "KR", kind: "country" },
    { name: "South Korea's", country: "KR", kind: "country" },
    { name: "Seoul", country: "KR", kind: "capital" },
    { name: "Russia", country: "RU", kind: "country" },
    { name: "Moscow", country: "RU", kind: "capital" },
    { name: "Kyiv", country: "UA", kind: "capital" },
    { name: "Russian", country: "RU", kind: "demonym" },
  ],
  outlets: [
    { name: "Korea Herald", aliases: "The Korea Herald", type: "other_media", country: "KR" },
    { name: "Fox News", aliases: "", type: "other_media", country: "US" },
  ],
  outletShapes: [
    { word: "Times", type: "other_media" },
    { word: "Agency", type: "news_agency" },
  ],
});

function one(text: string): Attribution {
  const out = extractAttributions(text, gaz);
  assertEquals(out.length, 1, JSON.stringify(out.map((a) => a.source?.text)));
  return out[0];
}
const who = (a: Attribution) => [a.source?.text ?? null, a.source_type, a.country];

Deno.test("states and governments are `government` sources with their country", () => {
  assertEquals(who(one("Kyiv said the strike hit a school.")), ["Kyiv", "government", "UA"]);
  assertEquals(who(one("The Kremlin said it was ready.")), ["The Kremlin", "government", "RU"]);
  assertEquals(who(one("South Korea's military said it detected a launch.")), [
    "South Korea's military",
    "government",
    "KR",
  ]);
  assertEquals(who(one("Russian authorities said the border was closed.")), [
    "Russian authorities",
    "government",
    "RU",
  ]);
  // A country word as a modifier is not the government.
  assertEquals(who(one("US officials said the talks failed.")), ["US officials", "unnamed", "US"]);
});

Deno.test("anonymous sources are `unnamed`, even next to a government's name", () => {
  assertEquals(who(one("A source close to the Kremlin said the deal was done."))[1], "unnamed");
  assertEquals(who(one("Government sources said Moscow would respond.")), [
    "Government sources",
    "unnamed",
    null,
  ]);
  assertEquals(who(one("A senior South Korean official said the launch failed.")), [
    "A senior South Korean official",
    "unnamed",
    "KR",
  ]);
});

Deno.test("coordinated sources give one attribution per party; “its allies” is not a source", () => {
  const two = extractAttributions("Washington and Seoul said the drills were defensive.", gaz);
  assertEquals(two.map(who), [["Washington", "government", "US"], ["Seoul", "government", "KR"]]);
  assertEquals(two[0].content.text, two[1].content.text);
  assertEquals(who(one("The US and its allies said Pyongyang must stop.")), [
    "The US",
    "government",
    "US",
  ]);
  // Not coordinated parties: one source.
  assertEquals(who(one("US and South Korean officials said the launch failed.")), [
    "US and South Korean officials",
    "unnamed",
    "KR|US",
  ]);
});

Deno.test("outlets: gazetteer rows, case-insensitive aliases, and outlet shapes", () => {
  const a = one("According to Ria Novosti, the talks went well.");
  assertEquals([a.source_id, a.source_type], ["ria_novosti", "state_media"]);
  assertEquals(who(one("Fox News said the deal was signed.")), ["Fox News", "other_media", "US"]);
  assertEquals(who(one("The Korea Herald said the office met.")), [
    "The Korea Herald",
    "other_media",
    "KR",
  ]);
  assertEquals(who(one("The Riverside Times said the minister resigned.")).slice(0, 2), [
    "The Riverside Times",
    "other_media",
  ]);
  assertEquals(who(one("Baltic News Agency said the port was closed.")).slice(0, 2), [
    "Baltic News Agency",
    "news_agency",
  ]);
});

Deno.test("not attributions: passive accusations, think tank, showed off, link lines, captions", () => {
  const none = (t: string) => assertEquals(extractAttributions(t, gaz).map((a) => a.cue?.text), []);
  none("North Korea is accused of supplying arms to Russia.");
  none("Kim showed off a new missile at the parade.");
  none("Also read: Putin says the West is losing");
  none("Putin greets Kim in Pyongyang. (Photo: KCNA via Reuters)");
  // "think tank" is not the cue "think": the cue is "said".
  assertEquals(one("The think tank said the launch failed.").cue?.text, "said");
});

Deno.test("cues: characterised, specifies, denies, vowed; documents as sources", () => {
  const c = one("Putin characterised the pact as a breakthrough.");
  assertEquals([c.source_id, c.cue?.text, c.content.text], [
    "putin",
    "characterised",
    "the pact as a breakthrough",
  ]);
  const art = one("Article 4 specifies that each side will help the other.");
  assertEquals([art.source?.text, art.source_type, art.content.text], [
    "Article 4",
    "document",
    "each side will help the other",
  ]);
  const full = one(
    "According to the full text of the treaty, the parties will provide military aid.",
  );
  assertEquals([full.source?.text, full.source_type], ["the full text of the treaty", "document"]);
  assertEquals(one("The ministry denies that troops were sent.").cue?.text, "denies");
  assertEquals(who(one("Moscow vowed to respond.")), ["Moscow", "government", "RU"]);
});

Deno.test("quotes hosted by thanked and spoke of have the subject as speaker", () => {
  const t = one('Putin thanked Kim for his "steadfast support against imperialist hegemony".');
  assertEquals([t.source_id, t.cue?.text, t.kind], ["putin", "thanked", "mixed"]);
  assert(t.content.text.includes("steadfast support"));
  const s = one('Putin spoke of "historic tasks" ahead.');
  assertEquals([s.source_id, s.cue?.text, s.content.text], [
    "putin",
    "spoke of",
    '"historic tasks" ahead',
  ]);
});

Deno.test("a closing attribution after “ used as a closing mark", () => {
  assertEquals(
    oddClosingMarksAsClosing("“We will win,“ the leader added."),
    "“We will win,” the leader added.",
  );
  assertEquals(oddClosingMarksAsClosing("He said “no” to “them”."), "He said “no” to “them”.");
  const a = one("“We will win,“ the minister added.");
  assertEquals([a.source?.text, a.cue?.text, a.kind, a.content.text], [
    "the minister",
    "added",
    "direct",
    "“We will win,“",
  ]);
});

Deno.test("middle initials and titles stay in the source name", () => {
  const out = extractAttributions(
    "President Vladimir V. Putin said the talks went well. George W. Bush said so too.",
    gaz,
  );
  assertEquals(out.map((a) => a.source?.text), ["President Vladimir V. Putin", "George W. Bush"]);
  assertEquals(out[0].source_id, "putin");
});

Deno.test("a surname written again takes the earlier full name's type", () => {
  const out = extractAttributions(
    "National Security Adviser Chang Ho-jin said the review would start. Chang said it was urgent.",
    gaz,
  );
  assertEquals(out.map((a) => [a.source?.text, a.source_type]), [
    ["National Security Adviser Chang Ho-jin", "official"],
    ["Chang", "official"],
  ]);
});

Deno.test("a quotation that continues into the next paragraph keeps its speaker", () => {
  const t =
    "“We will not stop,” Putin said. “The enemy will pay.\n\n“Our victory is certain.”\n\n" +
    "The parade ended at noon.";
  const out = extractAttributions(t, gaz);
  assertEquals(out.length, 1);
  assertEquals([out[0].source_id, out[0].kind], ["putin", "direct"]);
  assertEquals(out[0].content.end, t.indexOf("certain.”") + "certain.”".length);
  // A paragraph that is not a quotation ends it.
  const u = "“We will not stop,” Putin said.\n\nThe parade ended at noon.";
  assertEquals(extractAttributions(u, gaz)[0].content.text, "“We will not stop,”");
});

Deno.test("headline “Name: claim” is an attribution; datelines and labels are not", () => {
  const a = one("Lavrov: No talks without guarantees");
  assertEquals([a.source?.text, a.cue?.text, a.content.text, a.rule], [
    "Lavrov",
    ":",
    "No talks without guarantees",
    "source_colon",
  ]);
  assertEquals(extractAttributions("SEOUL: The drills began on Monday.", gaz), []);
  assertEquals(extractAttributions("Update: This story was corrected.", gaz), []);
  assertEquals(extractAttributions("10:05 GMT", gaz), []);
});
