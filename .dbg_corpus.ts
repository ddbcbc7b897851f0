import { loadCorpus } from "./lib/corpus.ts";
import { loadGazetteer } from "./lib/sources.ts";
import { extractAttributions } from "./lib/attributions.ts";
const c = await loadCorpus();
const gaz = await loadGazetteer();
for (const r of c.articles.select("id", "outlet", "title", "body").toRecords() as any[]) {
  console.log("=====", r.id, r.outlet, "|", r.title);
  for (const f of ["title", "body"]) for (const a of extractAttributions(r[f] ?? "", gaz)) console.log(`  ${f} [${a.rule}/${a.kind}] ${a.source?.text ?? "-"} -> ${a.source_id ?? a.source_name} (${a.source_type},${a.country},${a.resolved}) cue=${a.cue?.text} via=${a.via} :: ${a.content.text.slice(0, 70)}`);
}
