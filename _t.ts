import { cleanArticle, loadCleaningRules } from "./lib/text/clean.ts";
import { parseManifest } from "./lib/io/manifest.ts";
import { decodeArticleBytes } from "./lib/io/decode.ts";
const rules = await loadCleaningRules("data/cleaning_rules.csv");
const m = parseManifest(await Deno.readTextFile("data/articles.csv"), "a");
for (const e of m) {
  const { text } = decodeArticleBytes(await Deno.readFile("data/articles/" + e.file), e.file);
  const c = cleanArticle(text, rules, { title: e.title, outlet: e.outlet, url: e.url });
  const one = cleanArticle(text.replace(/\n+/g, " "), rules, { title: e.title, outlet: e.outlet, url: e.url });
  const w = (cc: typeof c) => cc.paragraphs.map((p) => p.text).join(" ").split(/\s+/).filter(Boolean).length;
  console.log(e.id, w(c), c.input_chars, c.kept_chars, c.shrunk, "| one line:", w(one), one.removed.map((r) => r.rule + ":" + r.text.slice(0, 50)));
}
