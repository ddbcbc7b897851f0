/**
 * The evaluation figures the eval commands write (`deno task eval:loaded … --out`,
 * `deno task eval:attributions … --out`, into `data/evaluation/`), as one tidy table a notebook
 * shows: so the notebooks quote measured figures, never copied numbers.
 *
 * @module
 */
import pl from "nodejs-polars";
import { defaultDataPath } from "../resources/data_dir.ts";

/** What each figures file measured, in words a reader of the report has. */
const DATASETS: Record<string, string> = {
  ptc_loaded: "PTC training split (SemEval-2020 Task 11, 371 articles)",
  devset_loaded: "project dev set: articles written in new outlets' styles",
  polnear_attributions: "PolNeAR training split (840 US political news articles)",
  devset_attributions: "project dev set: articles written in new outlets' styles",
};

type Json = Record<string, unknown>;

/**
 * The measure name of the speaker of quoted loaded words (its precision column is the share of
 * loaded hits on quoted or reported spans whose speaker names the annotated one; n those hits).
 */
export const SPEAKER_MEASURE = "speaker of quoted loaded words (accuracy)";

interface FigureRow {
  dataset: string;
  measure: string;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  n: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function rowsOf(name: string, d: Json): FigureRow[] {
  const dataset = DATASETS[name] ?? name;
  const out: FigureRow[] = [];
  const add = (measure: string, p: unknown, r: unknown, f: unknown, n: unknown) =>
    out.push({ dataset, measure, precision: num(p), recall: num(r), f1: num(f), n: num(n) });
  if (name.endsWith("_loaded")) {
    const l = d.loaded as Json | undefined;
    if (l) add("loaded language (any overlap)", l.precision, l.recall, l.f1, l.goldSpans);
    const neg = d.loadedNegative as Json | undefined;
    if (neg) add("loaded_negative hits", neg.precision, null, null, neg.hits);
    const dist = d.distancing as Json | null | undefined;
    if (dist) {
      add(
        "distancing (scare quotes, so-called)",
        dist.precision,
        dist.recall,
        null,
        dist.goldSpans,
      );
    }
    const chain = d.distancingChain as Json | null | undefined;
    if (chain) {
      add(
        "distancing in the hits table (with attributions)",
        chain.precision,
        chain.recall,
        null,
        chain.goldSpans,
      );
    }
    const sp = d.speakers as Json | null | undefined;
    if (sp) add(SPEAKER_MEASURE, sp.accuracy, null, null, sp.hits);
    for (const s of (d.byStyle as Json[] | null | undefined) ?? []) {
      if (s.style === "opinion") {
        add("loaded language, opinion pieces", s.precision, s.recall, null, s.goldSpans);
      }
    }
  } else {
    for (const [scope, label] of [["all", "all attributions"], ["direct", "direct quotations"]]) {
      const s = d[scope] as Json | undefined;
      const o = (s?.overlap ?? {}) as Record<string, Json>;
      for (const role of ["source", "cue", "content"]) {
        if (o[role]) {
          add(`${label}: ${role}`, o[role].precision, o[role].recall, o[role].f1, s?.gold);
        }
      }
    }
    const t = d.sourceTypes as Json | undefined;
    if (t) add("source type (accuracy)", t.accuracy, null, null, t.paired);
  }
  return out;
}

/**
 * The figures in `<data>/evaluation/*.json`: dataset, measure, precision, recall, F1 (0–1) and n
 * (gold spans or attributions; hits for a precision alone). Empty when no file was written.
 * `only` keeps one eval command's files (`"loaded"`, `"attributions"`), or `"speakers"` the
 * speaker of quoted loaded words alone ({@linkcode SPEAKER_MEASURE}, from `eval:loaded`'s files).
 *
 * @example
 * ```ts
 * await showTable(await evaluationFigures(), { caption: "How far to trust the extractors" });
 * ```
 */
export async function evaluationFigures(
  dir: string = defaultDataPath("evaluation"),
  only?: "loaded" | "attributions" | "speakers",
): Promise<pl.DataFrame> {
  const rows: FigureRow[] = [];
  let names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".json")) names.push(e.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  names = names.sort();
  for (const file of names) {
    const name = file.replace(/\.json$/, "");
    const suffix = only === "speakers" ? "loaded" : only;
    if (suffix && !name.endsWith(`_${suffix}`)) continue;
    let d: Json;
    try {
      d = JSON.parse(await Deno.readTextFile(`${dir}/${file}`));
    } catch (e) {
      throw new Error(
        `${dir}/${file}: not the JSON an eval command writes (${
          (e as Error).message
        }) — run it again with --out`,
      );
    }
    const got = rowsOf(name, d);
    rows.push(...(only === "speakers" ? got.filter((r) => r.measure === SPEAKER_MEASURE) : got));
  }
  return pl.DataFrame([
    pl.Series("dataset", rows.map((r) => r.dataset), pl.Utf8),
    pl.Series("measure", rows.map((r) => r.measure), pl.Utf8),
    pl.Series("precision", rows.map((r) => r.precision), pl.Float64),
    pl.Series("recall", rows.map((r) => r.recall), pl.Float64),
    pl.Series("f1", rows.map((r) => r.f1), pl.Float64),
    pl.Series("n", rows.map((r) => r.n), pl.Int64),
  ]);
}
