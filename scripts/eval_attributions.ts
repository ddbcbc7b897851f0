/**
 * `deno task eval:attributions DIR [--limit N] [--json] [--out FILE]`: scores
 * {@linkcode extractAttributions}
 * against brat attribution annotations (PolNeAR layout: `DIR/text/<article>.txt` and
 * `DIR/attributions/<article>_<annotator>.ann`; the first annotator file in sorted order is
 * used). Prints precision, recall and F1 of source, cue and content spans, exact and overlap, on
 * all attributions and on direct quotations alone (see `lib/eval/attributions.ts` for the
 * matching and for what counts as a direct quotation).
 *
 * When `DIR/source_types.tsv` exists (columns `article, source_start, source_end, source_text,
 * type`: the gold source type of each attribution, by its source span), source-type accuracy is
 * reported too: over the gold attributions paired with a predicted one, the share whose
 * predicted `source_type` is the gold type (and that share over all typed gold attributions).
 * `--out FILE` writes the figures as JSON to FILE (temporary file, then rename).
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
  pairAttributions,
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

/** Source-type accuracy against `source_types.tsv`. */
export interface SourceTypeScore {
  /** Typed gold attributions. */
  gold: number;
  /** Of those, paired with a predicted attribution. */
  paired: number;
  /** Of the paired, with the gold type. */
  correct: number;
  /** correct / paired. */
  accuracy: number;
  /** correct / gold. */
  accuracyOfAll: number;
  /** Confusions, "gold -> predicted", with counts. */
  confusions: Record<string, number>;
}

/** Scores on all attributions and on direct quotations. */
export interface EvalResult {
  texts: number;
  all: AttributionScores;
  direct: AttributionScores;
  /** Present when the folder has `source_types.tsv`. */
  sourceTypes?: SourceTypeScore;
  seconds: number;
}

/**
 * Reads a `source_types.tsv` into gold types by `article:start:end` of the source span. Throws
 * an error naming the file and line when a row is malformed.
 *
 * @example
 * ```ts
 * const types = await readSourceTypes("lib/testdata/devset/sourcing/source_types.tsv");
 * ```
 */
export async function readSourceTypes(path: string): Promise<Map<string, string>> {
  const lines = (await Deno.readTextFile(path)).split("\n");
  const header = lines[0].split("\t");
  const want = ["article", "source_start", "source_end", "source_text", "type"];
  if (want.some((c, i) => header[i] !== c)) {
    throw new Error(`${path} line 1: the header must be ${want.join(", ")} (tab-separated)`);
  }
  const out = new Map<string, string>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const f = line.split("\t");
    if (f.length !== 5 || !/^\d+$/.test(f[1]) || !/^\d+$/.test(f[2]) || f[4] === "") {
      throw new Error(
        `${path} line ${i + 2}: expected article, start, end (whole numbers), text and type`,
      );
    }
    out.set(`${f[0]}:${f[1]}:${f[2]}`, f[4]);
  });
  return out;
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
export async function evaluate(
  items: readonly EvalItem[],
  limit?: number,
  goldTypes?: ReadonlyMap<string, string>,
): Promise<EvalResult> {
  const t0 = performance.now();
  const gaz = await loadGazetteer();
  const all = emptyCounts();
  const direct = emptyCounts();
  const types = { gold: 0, paired: 0, correct: 0, confusions: {} as Record<string, number> };
  const chosen = limit === undefined ? items : items.slice(0, limit);
  for (const item of chosen) {
    const text = await Deno.readTextFile(item.textPath);
    const gold = parseBratAttributions(await Deno.readTextFile(item.annPath), item.annPath).map(
      toSpans,
    );
    const found = extractAttributions(text, gaz);
    const predicted: SpanAttribution[] = found.map((a) => ({
      source: a.source ? [[a.source.start, a.source.end]] : null,
      cue: a.cue ? [[a.cue.start, a.cue.end]] : null,
      content: [[a.content.start, a.content.end]],
    }));
    const cps = [...text];
    const mask = quotedMask(text);
    addText(all, text, predicted, gold);
    addText(direct, text, predicted, gold, (a) => isDirectContent(a.content, cps, mask));
    if (goldTypes) {
      const typeOf = (g: SpanAttribution) =>
        g.source
          ? goldTypes.get(`${item.article}:${g.source[0][0]}:${g.source[g.source.length - 1][1]}`)
          : undefined;
      types.gold += gold.filter((g) => typeOf(g) !== undefined).length;
      for (const [i, j] of pairAttributions(predicted, gold)) {
        const want = typeOf(gold[j]);
        if (want === undefined) continue;
        types.paired++;
        const got = found[i].source_type ?? "none";
        if (got === want) types.correct++;
        else {
          const key = `${want} -> ${got}`;
          types.confusions[key] = (types.confusions[key] ?? 0) + 1;
        }
      }
    }
  }
  return {
    texts: chosen.length,
    all: finishScores(all),
    direct: finishScores(direct),
    ...(goldTypes
      ? {
        sourceTypes: {
          ...types,
          accuracy: types.paired === 0 ? 0 : types.correct / types.paired,
          accuracyOfAll: types.gold === 0 ? 0 : types.correct / types.gold,
        },
      }
      : {}),
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
  if (r.sourceTypes) {
    const t = r.sourceTypes;
    lines.push(
      `source types: ${pct(t.accuracy)} % of ${t.paired} paired attributions ` +
        `(${t.correct} correct; ${pct(t.accuracyOfAll)} % of ${t.gold} typed gold attributions)`,
    );
    const conf = Object.entries(t.confusions).sort((a, b) => b[1] - a[1]);
    for (const [k, n] of conf) lines.push(`  ${String(n).padStart(3)}  ${k}`);
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
  let out: string | undefined;
  const oi = args.indexOf("--out");
  if (oi >= 0) {
    out = args[oi + 1];
    if (out === undefined || out.startsWith("--")) {
      console.error("--out needs a file name, e.g. --out reports/eval_attributions.json");
      Deno.exit(2);
    }
    args.splice(oi, 2);
  }
  const json = args.includes("--json");
  const rest = args.filter((a) => a !== "--json");
  if (rest.length !== 1) {
    console.error("usage: deno task eval:attributions DIR [--limit N] [--json] [--out FILE]");
    console.error(
      "  DIR holds text/*.txt and attributions/*_<annotator>.ann (e.g. ../shared/eval/polnear/train)",
    );
    Deno.exit(2);
  }
  try {
    const dir = rest[0];
    let goldTypes: Map<string, string> | undefined;
    try {
      goldTypes = await readSourceTypes(`${dir}/source_types.tsv`);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    const result = await evaluate(await listEvalItems(dir), limit, goldTypes);
    console.log(json ? JSON.stringify(result, null, 2) : formatResult(result));
    if (out !== undefined) await writeJsonAtomic(out, { dir, ...result });
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}

/**
 * Writes `value` as JSON to `path` through a temporary file in the same folder and a rename.
 *
 * @example
 * ```ts
 * await writeJsonAtomic("reports/eval.json", { f1: 0.9 });
 * ```
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID()}`;
  try {
    await Deno.writeTextFile(tmp, JSON.stringify(value, null, 2) + "\n");
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw new Error(`${path}: cannot write the figures (${(e as Error).message})`);
  }
}
