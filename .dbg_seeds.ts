import { loadGazetteer } from "./lib/sources.ts";
import { extractAttributions } from "./lib/attributions.ts";
const gaz = await loadGazetteer();
const files = [...Deno.readDirSync("data/articles")].map((e) => e.name).sort();
for (const f of files) {
  if (Deno.args[0] && !f.startsWith(Deno.args[0])) continue;
  const text = Deno.readTextFileSync("data/articles/" + f);
  console.log("=====", f);
  for (const a of extractAttributions(text, gaz)) {
    console.log(`[${a.rule}/${a.kind}] SRC=${a.source?.text ?? "-"} -> ${a.source_id ?? "?"} (${a.source_type},${a.country},res=${a.resolved},name=${a.source_name}) CUE=${a.cue?.text ?? "-"} VIA=${a.via}\n    CONTENT=${a.content.text.slice(0, 150)}`);
  }
}
