import {
  aliasEntry,
  buildGazetteer,
  countriesIn,
  loadGazetteer,
  outletShapeType,
  roleOf,
} from "./gazetteer.ts";
import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "../testing.ts";

const CUES = [{ cue: "said", pattern: "verb", category: "speech", complement: "any" }];
const ROW = {
  id: "kcna",
  name: "Korean Central News Agency",
  aliases: "KCNA",
  type: "state_media",
  country: "KP",
  kind: "organisation",
  gender: "",
  descriptions: "agency|North Korean state media",
};

Deno.test("the default gazetteer covers the seeds' sources with types and countries", async () => {
  const gaz = await loadGazetteer();
  const expect: Array<[string, string, string, string | null]> = [
    ["KCNA", "kcna", "state_media", "KP"],
    ["TASS", "tass", "state_media", "RU"],
    ["RIA Novosti", "ria_novosti", "state_media", "RU"],
    ["Yonhap", "yonhap", "news_agency", "KR"],
    ["Kyiv Independent", "kyiv_independent", "other_media", "UA"],
    ["ISW", "isw", "expert_or_think_tank", "US"],
    ["Musienko", "musienko", "expert_or_think_tank", "UA"],
    ["Kovalenko", "kovalenko", "expert_or_think_tank", "UA"],
    ["Lavrov", "lavrov", "official", "RU"],
    ["Shin Won-sik", "shin_won_sik", "official", "KR"],
  ];
  for (const [alias, id, type, country] of expect) {
    const e = gaz.byAlias.get(alias);
    assertEquals([e?.id, e?.type, e?.country], [id, type, country], alias);
  }
  assert(gaz.byId.get("putin")!.descriptions.includes("russian leader"));
  const files = Object.keys(gaz.hashes);
  assertEquals(files.length, 7);
  for (const f of files) assertMatch(gaz.hashes[f], /^[0-9a-f]{64}$/);
});

Deno.test("a malformed gazetteer row is an error naming the row and the field", () => {
  const build = (row: Record<string, string>) =>
    buildGazetteer({ sources: [ROW, row], roles: [], countries: [], cues: CUES });
  assertThrows(
    () => build({ ...ROW, id: "tass", aliases: "TASS", type: "state media" }),
    /data\/sources\.csv line 3 \(id "tass"\): field "type" is "state media"; use one of state_media/,
  );
  assertThrows(
    () => build({ ...ROW, id: "tass", aliases: "TASS", name: "" }),
    /line 3 \(id "tass"\): field "name" is empty/,
  );
  assertThrows(() => build({ ...ROW }), /id "kcna" is used twice/);
  assertThrows(
    () => build({ ...ROW, id: "tass", aliases: "KCNA" }),
    /"KCNA" is already an alias of "kcna"/,
  );
  assertThrows(
    () => build({ ...ROW, id: "tass", aliases: "TASS", gender: "x" }),
    /line 3 \(id "tass"\): field "gender" is "x"; use m, f or leave it empty/,
  );
  assertThrows(
    () => build({ ...ROW, id: "tass", aliases: "TASS", country: "Russia" }),
    /field "country" is "Russia"/,
  );
});

Deno.test("loadGazetteer reports a missing column with the file name", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/sources.csv`, "id,name,type\nkcna,KCNA,state_media\n");
    await assertRejects(
      () => loadGazetteer(`${dir}/sources.csv`),
      /sources\.csv: missing column\(s\) "aliases"/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("descriptions give countries and role types", async () => {
  const gaz = await loadGazetteer();
  assertEquals(countriesIn(gaz, "US and South Korean officials"), "KR|US");
  assertEquals(countriesIn(gaz, "Russian news agencies"), "RU");
  assertEquals(countriesIn(gaz, "analysts"), null);
  assertEquals(
    roleOf(gaz, "head of the Center for Military and Legal Studies")?.type,
    "expert_or_think_tank",
  );
  assertEquals(roleOf(gaz, "Russian state media")?.type, "state_media");
  assertEquals(roleOf(gaz, "South Korean Defense Minister")?.type, "official");
  assertEquals(roleOf(gaz, "senior"), null);
});

Deno.test("roleOf and countriesIn give the same answers when memoised and for a rebuilt table", async () => {
  const gaz = await loadGazetteer();
  const phrases = [
    "US and South Korean officials",
    "Russian state media",
    "analysts",
    "senior",
    "",
  ];
  const first = phrases.map((p) => [roleOf(gaz, p), countriesIn(gaz, p)]);
  assertEquals(phrases.map((p) => [roleOf(gaz, p), countriesIn(gaz, p)]), first);
  // A gazetteer whose tables are replaced is not answered from the old memo.
  const other = { ...gaz, countryByWord: new Map([["Russian", "XX"]]) };
  assertEquals(countriesIn(other, "Russian state media"), "XX");
  assertEquals(countriesIn(gaz, "Russian state media"), "RU");
});

const RIA = {
  id: "ria_novosti",
  name: "RIA Novosti",
  aliases: "RIA Novosti|RIA",
  type: "state_media",
  country: "RU",
  kind: "organisation",
  gender: "",
  descriptions: "agency",
};

function smallGazetteer() {
  return buildGazetteer({
    sources: [ROW, RIA],
    roles: [],
    countries: [],
    cues: CUES,
    governments: [
      { name: "Russia", country: "RU", kind: "country", source: "test" },
      { name: "Moscow", country: "RU", kind: "capital", source: "test" },
      { name: "the Kremlin", country: "RU", kind: "seat", source: "test" },
      { name: "Russian", country: "RU", kind: "demonym", source: "test" },
      { name: "Seoul", country: "KR", kind: "capital", source: "test" },
      { name: "KCNA", country: "KP", kind: "seat", source: "test" },
    ],
    outlets: [
      { name: "Daily Meridian", aliases: "", type: "other_media", country: "GB", source: "test" },
      { name: "Baltic Wire", aliases: "BW", type: "news_agency", country: "LT", source: "test" },
      { name: "KCNA Watch", aliases: "KCNA", type: "state_media", country: "KP", source: "test" },
    ],
    outletShapes: [
      { word: "Times", type: "other_media", source: "test" },
      { word: "Agency", type: "news_agency", source: "test" },
    ],
  });
}

Deno.test("governments: names, capitals and seats are one entry per country; demonyms are country words", () => {
  const gaz = smallGazetteer();
  const ru = gaz.byAlias.get("Moscow")!;
  assertEquals([ru.id, ru.type, ru.country, ru.kind], [
    "gov_ru",
    "government",
    "RU",
    "organisation",
  ]);
  assertEquals(gaz.byAlias.get("the Kremlin")?.id, "gov_ru");
  assertEquals(gaz.byAlias.get("Russia")?.id, "gov_ru");
  assertEquals(gaz.byAlias.get("Russian"), undefined);
  assertEquals(countriesIn(gaz, "Russian and Seoul officials"), "KR|RU");
  // An alias of the sources file keeps its entry.
  assertEquals(gaz.byAlias.get("KCNA")?.id, "kcna");
});

Deno.test("outlets: typed entries; a row sharing an alias with the sources file is left out", () => {
  const gaz = smallGazetteer();
  const dm = gaz.byAlias.get("Daily Meridian")!;
  assertEquals([dm.id, dm.type, dm.country], ["outlet_daily_meridian", "other_media", "GB"]);
  assertEquals(gaz.byAlias.get("BW")?.id, "outlet_baltic_wire");
  assertEquals(gaz.byAlias.get("KCNA Watch"), undefined);
  assert(gaz.byAlias.get("Baltic Wire")!.descriptions.includes("agency"));
});

Deno.test("aliasEntry: case-insensitive when each word keeps its initial's case, exact for short aliases", () => {
  const gaz = smallGazetteer();
  assertEquals(aliasEntry(gaz, "Ria Novosti")?.id, "ria_novosti");
  assertEquals(aliasEntry(gaz, "RIA NOVOSTI")?.id, "ria_novosti");
  assertEquals(aliasEntry(gaz, "ria novosti"), null);
  assertEquals(aliasEntry(gaz, "Ria"), null);
  assertEquals(aliasEntry(gaz, "The Kremlin")?.id, "gov_ru");
  assertEquals(aliasEntry(gaz, "bw"), null);
  // The pattern finds the case variants, for aliasEntry to judge.
  const found = gaz.aliasScanner.scan("Ria Novosti said").map((m) => m.text);
  assertEquals(found, ["Ria Novosti"]);
});

Deno.test("outletShapeType: a capitalised name ending in a shape word", () => {
  const gaz = smallGazetteer();
  assertEquals(outletShapeType(gaz, "the Riverside Times"), "other_media");
  assertEquals(outletShapeType(gaz, "Baltic News Agency"), "news_agency");
  assertEquals(outletShapeType(gaz, "the times"), null);
  assertEquals(outletShapeType(gaz, "The Times"), null);
  assertEquals(outletShapeType(gaz, "the news agency"), null);
});

Deno.test("malformed government, outlet and shape rows are errors naming file, line and field", () => {
  const build = (t: Record<string, Record<string, string>[]>) =>
    buildGazetteer({ sources: [ROW], roles: [], countries: [], cues: CUES, ...t });
  assertThrows(
    () => build({ governments: [{ name: "Russia", country: "Russia", kind: "country" }] }),
    /data\/governments\.csv line 2 \("Russia"\): field "country" is "Russia"; use one ISO alpha-2 code/,
  );
  assertThrows(
    () => build({ governments: [{ name: "Moscow", country: "RU", kind: "city" }] }),
    /data\/governments\.csv line 2 \("Moscow"\): field "kind" is "city"; use one of country/,
  );
  assertThrows(
    () => build({ outlets: [{ name: "X Times", aliases: "", type: "newspaper", country: "" }] }),
    /data\/outlets\.csv line 2 \("X Times"\): field "type" is "newspaper"; use one of state_media/,
  );
  assertThrows(
    () =>
      build({
        outlets: [
          { name: "A Post", aliases: "AP2", type: "other_media", country: "" },
          { name: "B Post", aliases: "AP2", type: "other_media", country: "" },
        ],
      }),
    /data\/outlets\.csv line 3 \("B Post"\): an alias is already one of "A Post"/,
  );
  assertThrows(
    () => build({ outletShapes: [{ word: "times", type: "other_media" }] }),
    /data\/outlet_shapes\.csv line 2: field "word" is "times"; give one capitalised word/,
  );
});
