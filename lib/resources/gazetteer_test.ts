import { buildGazetteer, countriesIn, loadGazetteer, roleOf } from "./gazetteer.ts";
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
  assertEquals(files.length, 4);
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
