import { loadResources, type Resources } from "../analyse.ts";
import { assertEquals, FIXTURE_DATA } from "../testing.ts";
import { analyseItems } from "./workers.ts";

/** The fixture's resources, with a lexicon scan that fails on a text holding "BOOM". */
async function failingResources(): Promise<Resources> {
  const r = await loadResources({ dataDir: FIXTURE_DATA });
  const matcher = r.lexicon.matcher;
  const scanDetailed: typeof matcher.scanDetailed = (text) => {
    if (text.includes("BOOM")) throw new Error("scan failed on purpose");
    return matcher.scanDetailed(text);
  };
  return { ...r, lexicon: { ...r.lexicon, matcher: { ...matcher, scanDetailed } } };
}

Deno.test("analyseItems: an article whose analysis fails is named with its file and the error and left out; the others are analysed", async () => {
  const resources = await failingResources();
  const r = analyseItems([
    { id: "a", text: "Talks\n\nThe dictator said “no”, officials said.", file: "a.txt" },
    { id: "b", text: "Boom\n\nBOOM went the regime.", file: "b.txt" },
    { id: "c", text: "More\n\nPutin said the regime is strong.", file: "c.txt" },
  ], resources);
  assertEquals(Object.keys(r.skipped), ["b"]);
  assertEquals(
    r.skipped.b,
    "article b (b.txt) could not be analysed (scan failed on purpose) and was skipped",
  );
  assertEquals(r.frames.articles.getColumn("article_id").toArray(), ["a", "c"]);
  assertEquals(Object.keys(r.warnings).sort(), ["a", "c"]);
  assertEquals(
    [...new Set(r.frames.attributions.getColumn("article_id").toArray())].sort(),
    ["a", "c"],
  );
});
