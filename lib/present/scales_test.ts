import {
  ATTRIBUTION_KIND,
  CLEANING_CATEGORY,
  colourEncoding,
  colourOf,
  FRAMING_CATEGORY,
  labelOf,
  presentValues,
  rankOf,
  SOURCE_TYPE,
  VOICE,
  VOICE_GROUP,
} from "./scales.ts";
import { SOURCE_TYPES } from "../resources/gazetteer.ts";
import { CATEGORIES } from "../resources/lexicon.ts";
import { assert, assertEquals } from "../testing.ts";

Deno.test("scales: every value the library produces has its own word and colour", () => {
  for (const t of SOURCE_TYPES) {
    assert(SOURCE_TYPE.entries.some((e) => e.value === t), `source type ${t} is in SOURCE_TYPE`);
  }
  for (const c of CATEGORIES) {
    assert(FRAMING_CATEGORY.entries.some((e) => e.value === c), `category ${c} is in the scale`);
  }
  assertEquals(labelOf(SOURCE_TYPE, "expert_or_think_tank"), "expert or think tank");
  assertEquals(labelOf(FRAMING_CATEGORY, "loaded_negative"), "loaded (negative)");
  assertEquals(labelOf(SOURCE_TYPE, null), "not typed");
});

Deno.test("scales: within a page no two legend words share a colour, no word has two colours", () => {
  // The scales drawn together on one page: 02 (categories, voices), 03 (types, kinds), 01.
  const pages = [[FRAMING_CATEGORY, VOICE, VOICE_GROUP], [SOURCE_TYPE, ATTRIBUTION_KIND], [
    CLEANING_CATEGORY,
  ]];
  for (const scales of pages) {
    const colourOfLabel = new Map<string, string>();
    for (const s of scales) {
      for (const e of s.entries) {
        const seen = colourOfLabel.get(e.label);
        assert(seen === undefined || seen === e.colour, `"${e.label}" has two colours`);
        colourOfLabel.set(e.label, e.colour);
      }
      const colours = s.entries.map((e) => e.colour);
      assertEquals(new Set(colours).size, colours.length, `${s.title}: colours repeat`);
    }
  }
});

Deno.test("scales: unknown values get words from their id and one stable colour", () => {
  assertEquals(labelOf(SOURCE_TYPE, "regional_body"), "regional body");
  assertEquals(colourOf(SOURCE_TYPE, "regional_body"), colourOf(SOURCE_TYPE, "regional_body"));
  assertEquals(rankOf(ATTRIBUTION_KIND, "indirect"), 2);
  assertEquals(rankOf(ATTRIBUTION_KIND, "other"), 3);
  assertEquals(presentValues(ATTRIBUTION_KIND, ["zz", "indirect", null, "direct", "indirect"]), [
    "direct",
    "indirect",
    "unknown",
    "zz",
  ]);
});

Deno.test("colourEncoding: only the values present, in display order, with their fixed colours", () => {
  const enc = colourEncoding(ATTRIBUTION_KIND, "kind_label", ["indirect", "direct"]) as {
    field: string;
    scale: { domain: string[]; range: string[] };
  };
  assertEquals(enc.field, "kind_label");
  assertEquals(enc.scale.domain, ["direct (quoted)", "indirect (paraphrase)"]);
  assertEquals(enc.scale.range, ["#01665e", "#d8b365"]);
  assertEquals(
    (colourEncoding(VOICE, "v", ["quote"], { legend: false }) as { legend: unknown }).legend,
    null,
  );
});
