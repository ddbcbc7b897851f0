/**
 * `deno task eval:attributions DIR [--limit N] [--json]`: scores {@linkcode extractAttributions}
 * against brat attribution annotations (PolNeAR layout: `DIR/text/<article>.txt` and
 * `DIR/attributions/<article>_<annotator>.ann`; the first annotator file in sorted order is
 * used). Prints precision, recall and F1 of source, cue and content spans, exact and overlap, on
 * all attributions and on direct quotations alone (see `lib/attribution_eval.ts` for the
 * matching and for what counts as a direct quotation).
 *
 * @module
 */
import { extractAttributions } from "../lib/extract/attributions.ts";
import { type BratAttribution, parseBratAttributions } from "../lib/eval/brat.ts";
import {
  addText,
  type AttributionScores,
  emptyCounts,
  finishScores,
  isDirectContent,
  quotedMask,
  type SpanAttribution,
} from "../lib/eval/attributions.ts";
import { loadGazetteer } from "../lib/resources/gazetteer.ts";

/** One text and its gold file. */
export interface EvalItem {
  article: string;
  textPath: string;
  annPath: string;
}

/**
 * Lists the texts of a PolNeAR-style folder with the first annotation file (sorted) of each.
 * Texts without an annotation file are skipped. Throws a clear error when the folder layout is
 * wrong.
 *
 * @example
 * ```ts
 * const items = await listEvalItems("../shared/eval/polnear/train");
 * ```
 */
export async function listEvalItems(dir: string): Promise<EvalItem[]> {
  const textDir = `${dir}/text`;
  const annDir = `${dir}/attributions`;
  const names = async (d: string, ext: string) => {
    try {
      const out: string[] = [];
      for await (const e of Deno.readDir(d)) if (e.isFile && e.name.endsWith(ext)) out.push(e.name);
      return out.sort();
    } catch (e) {
      throw new Error(
        `${d}: cannot read this folder (${
          (e as Error).message
        }); DIR must hold text/*.txt and attributions/*.ann`,
      );
    }
  };
  const texts = await names(textDir, ".txt");
  const anns = await names(annDir, ".ann");
  const firstAnn = new Map<string, string>();
  for (const a of anns) {
    const article = a.slice(0, a.lastIndexOf("_"));
    if (!firstAnn.has(article)) firstAnn.set(article, a);
  }
  const items: EvalItem[] = [];
  for (const t of texts) {
    const article = t.slice(0, -4);
    const ann = firstAnn.get(article);
    if (ann) items.push({ article, textPath: `${textDir}/${t}`, annPath: `${annDir}/${ann}` });
  }
  return items;
}

function toSpans(b: BratAttribution): SpanAttribution {
  return { source: b.source, cue: b.cue, content: b.content };
}

/** Scores on all attributions and on direct quotations. */
export interface EvalResult {
  texts: number;
  all: AttributionScores;
  direct: AttributionScores;
  seconds: number;
}

/**
 * Runs the evaluation over `items` (optionally the first `limit`).
 *
 * @example
 * ```ts
 * const r = await evaluate(await listEvalItems(dir), 20);
 * r.direct.overlap.source.f1;
 * ```
 */
export async function evaluate(items: readonly EvalItem[], limit?: number): Promise<EvalResult> {
  const t0 = performance.now();
  const gaz = await loadGazetteer();
  const all = emptyCounts();
  const direct = emptyCounts();
  const chosen = limit === undefined ? items : items.slice(0, limit);
  for (const item of chosen) {
    const text = await Deno.readTextFile(item.textPath);
    const gold = parseBratAttributions(await Deno.readTextFile(item.annPath), item.annPath).map(
      toSpans,
    );
    const predicted: SpanAttribution[] = extractAttributions(text, gaz).map((a) => ({
      source: a.source ? [[a.source.start, a.source.end]] : null,
      cue: a.cue ? [[a.cue.start, a.cue.end]] : null,
      content: [[a.content.start, a.content.end]],
    }));
    const cps = [...text];
    const mask = quotedMask(text);
    addText(all, text, predicted, gold);
    addText(direct, text, predicted, gold, (a) => isDirectContent(a.content, cps, mask));
  }
  return {
    texts: chosen.length,
    all: finishScores(all),
    direct: finishScores(direct),
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * The result as a plain-text table.
 *
 * @example
 * ```ts
 * console.log(formatResult(result));
 * ```
 */
export function formatResult(r: EvalResult): string {
  const lines: string[] = [];
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  for (const [name, s] of [["all attributions", r.all], ["direct quotations", r.direct]] as const) {
    lines.push(
      `${name}: ${s.gold} gold, ${s.predicted} predicted, ${s.paired} paired (${r.texts} texts)`,
    );
    lines.push("  role     match     P      R      F1   (matched/predicted/gold)");
    for (const m of ["exact", "overlap"] as const) {
      for (const role of ["source", "cue", "content"] as const) {
        const x = s[m][role];
        lines.push(
          `  ${role.padEnd(8)} ${m.padEnd(8)} ${pct(x.precision)}  ${pct(x.recall)}  ${
            pct(x.f1)
          }   (${x.matched}/${x.predicted}/${x.gold})`,
        );
      }
    }
  }
  lines.push(`time: ${r.seconds.toFixed(1)} s`);
  return lines.join("\n");
}

if (import.meta.main) {
  const args = [...Deno.args];
  let limit: number | undefined;
  const li = args.indexOf("--limit");
  if (li >= 0) {
    limit = Number(args[li + 1]);
    if (!Number.isInteger(limit) || limit < 1) {
      console.error(`--limit needs a positive whole number, got "${args[li + 1] ?? ""}"`);
      Deno.exit(2);
    }
    args.splice(li, 2);
  }
  const json = args.includes("--json");
  const rest = args.filter((a) => a !== "--json");
  if (rest.length !== 1) {
    console.error("usage: deno task eval:attributions DIR [--limit N] [--json]");
    console.error(
      "  DIR holds text/*.txt and attributions/*_<annotator>.ann (e.g. ../shared/eval/polnear/train)",
    );
    Deno.exit(2);
  }
  try {
    const result = await evaluate(await listEvalItems(rest[0]), limit);
    console.log(json ? JSON.stringify(result, null, 2) : formatResult(result));
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}
