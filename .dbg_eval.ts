import { extractAttributions } from "./lib/attributions.ts";
import { parseBratAttributions } from "./lib/brat.ts";
import { isDirectContent, pairAttributions, quotedMask, fragmentTexts, type SpanAttribution } from "./lib/attribution_eval.ts";
import { loadGazetteer } from "./scripts/../lib/sources.ts";
import { listEvalItems } from "./scripts/eval_attributions.ts";
const gaz = await loadGazetteer();
const items = (await listEvalItems("/work/shared/eval/polnear/train")).slice(Number(Deno.args[0] ?? 0), Number(Deno.args[1] ?? 60));
const mode = Deno.args[2] ?? "missed";
for (const it of items) {
  const text = Deno.readTextFileSync(it.textPath);
  const gold = parseBratAttributions(Deno.readTextFileSync(it.annPath), it.annPath);
  const raw = extractAttributions(text, gaz);
  const pred: SpanAttribution[] = raw.map((a) => ({ source: a.source ? [[a.source.start, a.source.end]] : null, cue: a.cue ? [[a.cue.start, a.cue.end]] : null, content: [[a.content.start, a.content.end]] }));
  const cps = [...text]; const mask = quotedMask(text);
  const isD = (a: SpanAttribution) => isDirectContent(a.content, cps, mask);
  const pd = pred.map((a, i) => [a, i] as const).filter(([a]) => isD(a));
  const gd = gold.filter((a) => isD(a));
  const pairs = pairAttributions(pd.map(([a]) => a), gd);
  const t = (f: any) => f ? fragmentTexts(text, f).join(" … ") : "-";
  const pg = new Set(pairs.map((p) => p[1])); const pp = new Set(pairs.map((p) => p[0]));
  if (mode === "missed") gd.forEach((g, j) => { if (!pg.has(j)) console.log(`MISS ${it.article}\n   S=${t(g.source)} C=${t(g.cue)} :: ${t(g.content).slice(0, 100)}`); });
  if (mode === "fp") pd.forEach(([a, i], k) => { if (!pp.has(k)) console.log(`FP ${it.article} [${raw[i].rule}]\n   S=${t(a.source)} C=${t(a.cue)} :: ${t(a.content).slice(0, 100)}`); });
  if (mode === "src") for (const [i, j] of pairs) {
    const a = pd[i][0], g = gd[j];
    const ov = a.source && g.source && a.source[0][0] < g.source.at(-1)![1] && g.source[0][0] < a.source[0][1];
    if (!ov) console.log(`SRC ${it.article} [${raw[pd[i][1]].rule}] pred=${t(a.source)} gold=${t(g.source)} cue=${t(a.cue)}/${t(g.cue)} :: ${t(g.content).slice(0, 80)}`);
  }
}
