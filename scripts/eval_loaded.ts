/**
 * `deno task eval:loaded DIR [--lexicon PATH] [--categories a,b] [--labels FILE] [--articles DIR]
 * [--json] [--out FILE]`
 *
 * Scores the framing lexicon against propaganda-technique spans in the PTC format (SemEval-2020
 * Task 11): DIR holds `*-articles/article<ID>.txt` and a `*-TC.labels` file with
 * `article_id<TAB>technique<TAB>start<TAB>end` (code points, end exclusive). The gold spans are
 * those of `Loaded_Language` and `Name_Calling,Labeling` (identical spans labelled twice count
 * once). Hits are lexicon hits of the given categories (default `loaded_negative,loaded_positive`;
 * neutral and distancing terms are not claims of loaded language).
 *
 * A hit is a true positive when it overlaps a gold span. Prints precision (TP hits / hits),
 * recall (gold spans overlapped by at least one hit / gold spans), F1, per-term precision (term,
 * hits, TP, precision; most frequent first) and the lexicon's sha256. Reads DIR only; never
 * copies it.
 *
 * Also printed: the precision of `loaded_negative` hits alone; when DIR has a `*-styles.tsv`
 * (`article_id<TAB>style`: wire, tabloid, opinion, state, regional, live, analysis, …), precision
 * and recall per style; and when the labels hold `Distancing` spans (scare quotes and the
 * outlet's own "so-called", "alleged" as in the development set under
 * `lib/testdata/devset/framing/`), the precision and recall of `distancing` hits (all, and scare
 * quotes alone). When DIR has a `*-speakers.tsv` (the speaker of each labelled loaded span inside a
 * quotation or paraphrase, see `lib/eval/speakers.ts`), the speaker of quoted loaded words: each
 * article goes through the one chain (`analyseArticle` with the data folder's resources, the
 * given lexicon), and of the loaded hits that overlap such a span, the share whose `speaker` (the
 * hits table's) names the annotated speaker, with n. `--out FILE` writes all figures as JSON
 * (temp file, then rename), for notebooks.
 *
 * @module
 */
import { framingHits, SCARE_QUOTES_TERM } from "../lib/extract/framing.ts";
import { CATEGORIES, type Category, type Lexicon, loadLexicon } from "../lib/resources/lexicon.ts";
import { relative } from "node:path";
import { readUtf8 } from "../lib/io/textfiles.ts";
import { analyseArticle, loadResources, type Resources } from "../lib/analyse.ts";
import { fileOffsets } from "../lib/tables/file_offsets.ts";
import {
  parseGoldSpeakers,
  scoreSpeakers,
  type SpeakerHit,
  type SpeakerScores,
} from "../lib/eval/speakers.ts";

/** Techniques scored as loaded wording. */
export const LOADED_TECHNIQUES: readonly string[] = ["Loaded_Language", "Name_Calling,Labeling"];
/** The technique of distancing spans (scare quotes, "so-called") in the development set. */
export const DISTANCING_TECHNIQUE = "Distancing";

/** One gold span. */
export interface GoldSpan {
  article: string;
  start: number;
  end: number;
}

/** Per-term precision. */
export interface TermScore {
  term: string;
  category: string;
  hits: number;
  tp: number;
  precision: number;
}

/** The scores. */
export interface LoadedScores {
  articles: number;
  goldSpans: number;
  hits: number;
  truePositives: number;
  goldFound: number;
  precision: number;
  recall: number;
  f1: number;
  terms: TermScore[];
  lexicon: string;
  lexiconSha256: string;
  categories: Category[];
}

/**
 * Parses PTC technique labels, keeping the loaded-wording techniques, deduplicated. Throws an
 * Error naming the file and line for a malformed line.
 *
 * @example
 * ```ts
 * parseGoldLabels("1\tLoaded_Language\t3\t9\n", "x.labels"); // [{ article: "1", start: 3, end: 9 }]
 * ```
 */
export function parseGoldLabels(
  text: string,
  file: string,
  techniques: readonly string[] = LOADED_TECHNIQUES,
): GoldSpan[] {
  const seen = new Set<string>();
  const out: GoldSpan[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const f = line.split("\t");
    if (f.length !== 4) {
      throw new Error(
        `${file} line ${
          i + 1
        }: ${f.length} tab-separated fields, expected 4 (article_id, technique, start, end)`,
      );
    }
    const [article, technique, s, e] = f;
    const start = Number(s);
    const end = Number(e);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
      throw new Error(
        `${file} line ${i + 1}: start/end must be integers with 0 <= start <= end, got ${s}, ${e}`,
      );
    }
    if (!techniques.includes(technique)) return;
    const key = `${article}\u0000${start}\u0000${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ article, start, end });
  });
  return out;
}

/**
 * Scores lexicon hits on `texts` (article id → text) against `gold`.
 *
 * @example
 * ```ts
 * const s = scoreLoaded(new Map([["1", "a dictator"]]), [{ article: "1", start: 2, end: 10 }], lex);
 * s.precision; // 1
 * ```
 */
export function scoreLoaded(
  texts: ReadonlyMap<string, string>,
  gold: readonly GoldSpan[],
  lexicon: Lexicon,
  categories: readonly Category[] = ["loaded_negative", "loaded_positive"],
): LoadedScores {
  const goldBy = new Map<string, GoldSpan[]>();
  for (const g of gold) {
    if (!texts.has(g.article)) continue;
    if (!goldBy.has(g.article)) goldBy.set(g.article, []);
    goldBy.get(g.article)!.push(g);
  }
  const found = new Set<GoldSpan>();
  const perTerm = new Map<string, TermScore>();
  let hits = 0;
  let tp = 0;
  for (const [id, text] of texts) {
    const spans = goldBy.get(id) ?? [];
    for (const h of framingHits(text, lexicon, { scareQuotes: false })) {
      if (!categories.includes(h.category)) continue;
      hits++;
      let ok = false;
      for (const g of spans) {
        if (h.start < g.end && g.start < h.end) {
          ok = true;
          found.add(g);
        }
      }
      if (ok) tp++;
      const t = perTerm.get(h.term) ?? {
        term: h.term,
        category: h.category,
        hits: 0,
        tp: 0,
        precision: 0,
      };
      t.hits++;
      if (ok) t.tp++;
      perTerm.set(h.term, t);
    }
  }
  let goldSpans = 0;
  for (const s of goldBy.values()) goldSpans += s.length;
  const precision = hits === 0 ? 0 : tp / hits;
  const recall = goldSpans === 0 ? 0 : found.size / goldSpans;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const terms = [...perTerm.values()].map((t) => ({ ...t, precision: t.tp / t.hits }))
    .sort((a, b) => b.hits - a.hits || b.precision - a.precision || a.term.localeCompare(b.term));
  return {
    articles: texts.size,
    goldSpans,
    hits,
    truePositives: tp,
    goldFound: found.size,
    precision,
    recall,
    f1,
    terms,
    // Relative to the working directory: the figures file names no machine's folders.
    lexicon: relative(Deno.cwd(), lexicon.source),
    lexiconSha256: lexicon.sha256,
    categories: [...categories],
  };
}

/** Precision and recall of distancing hits against `Distancing` gold spans. */
export interface DistancingScores {
  goldSpans: number;
  hits: number;
  truePositives: number;
  goldFound: number;
  precision: number;
  recall: number;
  /** Scare-quote hits alone (term "scare quotes"). */
  scareQuotes: { hits: number; truePositives: number; precision: number };
}

/**
 * Scores `distancing` hits (scare quotes without a speaker, and the lexicon's distancing words)
 * on `texts` against `gold` (the `Distancing` spans). A hit is a true positive when it overlaps
 * a gold span.
 *
 * @example
 * ```ts
 * const s = scoreDistancing(new Map([["1", 'Russia held "elections".']]), [{ article: "1", start: 12, end: 23 }], lex);
 * s.precision; // 1
 * ```
 */
export function scoreDistancing(
  texts: ReadonlyMap<string, string>,
  gold: readonly GoldSpan[],
  lexicon: Lexicon,
): DistancingScores {
  const hits = new Map<string, ScoredHit[]>();
  for (const [id, text] of texts) hits.set(id, framingHits(text, lexicon));
  return scoreDistancingHits(hits, gold);
}

/** A hit as the scoring needs it (code points into the article as scored). */
export interface ScoredHit {
  start: number;
  end: number;
  term: string;
  category: string;
}

/**
 * {@linkcode scoreDistancing} of given hits (article id → its hits, of any category; the
 * `distancing` ones are scored), e.g. the hits of the one chain ({@linkcode chainHits}).
 *
 * @example
 * ```ts
 * const hits = new Map([["1", [{ start: 12, end: 23, term: "scare quotes", category: "distancing" }]]]);
 * scoreDistancingHits(hits, [{ article: "1", start: 12, end: 23 }]).precision; // 1
 * ```
 */
export function scoreDistancingHits(
  byArticle: ReadonlyMap<string, readonly ScoredHit[]>,
  gold: readonly GoldSpan[],
): DistancingScores {
  const texts = byArticle;
  const goldBy = new Map<string, GoldSpan[]>();
  for (const g of gold) {
    if (!texts.has(g.article)) continue;
    if (!goldBy.has(g.article)) goldBy.set(g.article, []);
    goldBy.get(g.article)!.push(g);
  }
  const found = new Set<GoldSpan>();
  let hits = 0;
  let tp = 0;
  let sqHits = 0;
  let sqTp = 0;
  for (const [id, list] of byArticle) {
    const spans = goldBy.get(id) ?? [];
    for (const h of list) {
      if (h.category !== "distancing") continue;
      hits++;
      const scare = h.term === SCARE_QUOTES_TERM;
      if (scare) sqHits++;
      let ok = false;
      for (const g of spans) {
        if (h.start < g.end && g.start < h.end) {
          ok = true;
          found.add(g);
        }
      }
      if (ok) {
        tp++;
        if (scare) sqTp++;
      }
    }
  }
  let goldSpans = 0;
  for (const s of goldBy.values()) goldSpans += s.length;
  return {
    goldSpans,
    hits,
    truePositives: tp,
    goldFound: found.size,
    precision: hits === 0 ? 0 : tp / hits,
    recall: goldSpans === 0 ? 0 : found.size / goldSpans,
    scareQuotes: { hits: sqHits, truePositives: sqTp, precision: sqHits === 0 ? 0 : sqTp / sqHits },
  };
}

/** Precision and recall of loaded hits on the articles of one style. */
export interface StyleScores {
  style: string;
  articles: number;
  goldSpans: number;
  hits: number;
  precision: number;
  recall: number;
}

/**
 * Parses a styles file (`article_id<TAB>style`, a header line `article_id<TAB>style` allowed)
 * into a map. Throws an Error naming the file and line for a malformed line.
 *
 * @example
 * ```ts
 * parseStyles("article_id\tstyle\n01\topinion\n", "s.tsv").get("01"); // "opinion"
 * ```
 */
export function parseStyles(text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || (i === 0 && line.startsWith("article_id\t"))) return;
    const f = line.split("\t");
    if (f.length !== 2 || f[0] === "" || f[1] === "") {
      throw new Error(`${file} line ${i + 1}: expected article_id<TAB>style`);
    }
    out.set(f[0], f[1]);
  });
  return out;
}

/**
 * {@linkcode scoreLoaded} per style of article (`styles`: article id → style), sorted by style.
 *
 * @example
 * ```ts
 * scoreByStyle(texts, gold, lex, new Map([["1", "opinion"]]))[0].recall;
 * ```
 */
export function scoreByStyle(
  texts: ReadonlyMap<string, string>,
  gold: readonly GoldSpan[],
  lexicon: Lexicon,
  styles: ReadonlyMap<string, string>,
  categories: readonly Category[] = ["loaded_negative", "loaded_positive"],
): StyleScores[] {
  const names = [...new Set([...texts.keys()].map((id) => styles.get(id) ?? "(none)"))].sort();
  return names.map((style) => {
    const sub = new Map([...texts].filter(([id]) => (styles.get(id) ?? "(none)") === style));
    const s = scoreLoaded(sub, gold, lexicon, categories);
    return {
      style,
      articles: sub.size,
      goldSpans: s.goldSpans,
      hits: s.hits,
      precision: s.precision,
      recall: s.recall,
    };
  });
}

/** Everything `eval:loaded` measures, as written by `--out`. */
export interface EvalReport {
  dataset: string;
  loaded: LoadedScores;
  loadedNegative: { hits: number; truePositives: number; precision: number };
  byStyle: StyleScores[] | null;
  distancing: DistancingScores | null;
  /** Speaker of quoted loaded words (when the set has a `*-speakers.tsv`). */
  speakers: SpeakerScores | null;
  /**
   * {@linkcode DistancingScores} of the hits table's distancing hits (the one chain: scare quotes
   * decided with the attributions found), when the set has a `*-speakers.tsv`; `distancing` scores
   * the scare-quote rule alone.
   */
  distancingChain: DistancingScores | null;
}

/** A hit of the one chain: its speaker, term and category. */
export interface ChainHit extends SpeakerHit, ScoredHit {}

/**
 * The hits of `categories` in each article as the hits table has them (the one chain,
 * `analyseArticle`, with `resources`), with their speakers, at code-point offsets into the article's text as given
 * (title hits mapped into the title line, body hits through the paragraphs' file offsets).
 *
 * @example
 * ```ts
 * const hits = chainHits(new Map([["1", "Title\nKim called it “vile”."]]), await loadResources());
 * hits.get("1"); // [{ start: 23, end: 27, text: "vile", speaker: "Kim" }]
 * ```
 */
export function chainHits(
  texts: ReadonlyMap<string, string>,
  resources: Resources,
  categories: readonly Category[] = ["loaded_negative", "loaded_positive"],
): Map<string, ChainHit[]> {
  const out = new Map<string, ChainHit[]>();
  for (const [id, text] of texts) {
    // The chain reads a file decoded (byte-order mark dropped, CRLF and CR as LF); offsets are
    // mapped back to the text as given.
    const decoded = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const a = analyseArticle({ id, text: decoded, file: id }, resources);
    const titleRow = a.cleaned.removed.find((r) => r.category === "title");
    const at = fileOffsets(text, a.paragraphs, titleRow ? { line: titleRow.line } : null);
    const hits: ChainHit[] = [];
    for (const h of a.hits) {
      if (!categories.includes(h.category)) continue;
      const span = h.field === "title" ? at.title(h.start, h.end, h.text) : at.body(h.start, h.end);
      if (span) {
        hits.push({
          start: span[0],
          end: span[1],
          text: h.text,
          speaker: h.speaker,
          term: h.term,
          category: h.category,
        });
      }
    }
    out.set(id, hits);
  }
  return out;
}

/**
 * The plain-text report of {@linkcode scoreLoaded}.
 *
 * @example
 * ```ts
 * console.log(formatScores(scores));
 * ```
 */
export function formatScores(s: LoadedScores): string {
  const pct = (x: number) => (100 * x).toFixed(1) + "%";
  const lines = [
    `lexicon: ${s.lexicon}`,
    `lexicon sha256: ${s.lexiconSha256}`,
    `categories scored: ${s.categories.join(", ")}`,
    `articles: ${s.articles}; gold spans (${
      LOADED_TECHNIQUES.join(" + ")
    }): ${s.goldSpans}; hits: ${s.hits}`,
    `precision: ${pct(s.precision)} (${s.truePositives}/${s.hits} hits overlap a gold span)`,
    `recall: ${pct(s.recall)} (${s.goldFound}/${s.goldSpans} gold spans overlapped by a hit)`,
    `F1: ${pct(s.f1)}`,
    "",
    "per-term precision (most frequent first):",
    "term\tcategory\thits\tTP\tprecision",
    ...s.terms.map((t) =>
      `${t.term}\t${t.category}\t${t.hits}\t${t.tp}\t${t.precision.toFixed(3)}`
    ),
  ];
  return lines.join("\n");
}

/**
 * The plain-text report of the extra figures: loaded_negative precision, per-style scores and
 * distancing scores.
 *
 * @example
 * ```ts
 * console.log(formatExtra(report));
 * ```
 */
export function formatExtra(r: EvalReport): string {
  const pct = (x: number) => (100 * x).toFixed(1) + "%";
  const lines = [
    `loaded_negative precision: ${
      pct(r.loadedNegative.precision)
    } (${r.loadedNegative.truePositives}/${r.loadedNegative.hits})`,
  ];
  if (r.byStyle) {
    lines.push("", "by style:", "style\tarticles\tgold\thits\tprecision\trecall");
    for (const s of r.byStyle) {
      lines.push(
        `${s.style}\t${s.articles}\t${s.goldSpans}\t${s.hits}\t${s.precision.toFixed(3)}\t${
          s.recall.toFixed(3)
        }`,
      );
    }
  }
  if (r.speakers) {
    const sp = r.speakers;
    lines.push(
      "",
      `speaker of quoted loaded words: ${
        pct(sp.accuracy)
      } (${sp.correct}/${sp.hits} loaded hits on quoted or reported spans name the annotated ` +
        `speaker; ${sp.goldFound}/${sp.goldSpans} such spans hit; head-name overlap, ` +
        `case-insensitive)`,
      `  of them, words no one is named for ("?"): ${sp.unnamed.correct}/${sp.unnamed.hits} ` +
        `given no speaker`,
      `  the outlet's own loaded words given a speaker: ${sp.ownVoice.givenSpeaker}/${sp.ownVoice.hits}`,
    );
    for (const c of sp.cases.filter((c) => !c.correct)) {
      lines.push(`  miss\t${c.article}\t${c.text}\tgold: ${c.gold}\tfound: ${c.found ?? "(none)"}`);
    }
  }
  if (r.distancing) {
    const d = r.distancing;
    lines.push(
      "",
      `distancing precision: ${
        pct(d.precision)
      } (${d.truePositives}/${d.hits} hits overlap a Distancing span)`,
      `distancing recall: ${pct(d.recall)} (${d.goldFound}/${d.goldSpans} Distancing spans found)`,
      `scare-quote precision: ${
        pct(d.scareQuotes.precision)
      } (${d.scareQuotes.truePositives}/${d.scareQuotes.hits})`,
    );
  }
  if (r.distancingChain) {
    const d = r.distancingChain;
    lines.push(
      `distancing in the hits table (the one chain, with attributions): precision ${
        pct(d.precision)
      } (${d.truePositives}/${d.hits}), recall ${pct(d.recall)} (${d.goldFound}/${d.goldSpans})`,
    );
  }
  return lines.join("\n");
}

async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}`;
  await Deno.writeTextFile(tmp, JSON.stringify(value, null, 2) + "\n");
  await Deno.rename(tmp, path);
}

async function findOptional(dir: string, re: RegExp): Promise<string | null> {
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && re.test(e.name)) return `${dir}/${e.name}`;
  }
  return null;
}

async function findOne(dir: string, re: RegExp, what: string, isDir: boolean): Promise<string> {
  const found: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if ((isDir ? e.isDirectory : e.isFile) && re.test(e.name)) found.push(e.name);
  }
  found.sort();
  if (found.length === 0) {
    throw new Error(
      `${dir}: no ${what} found (expected a name matching ${re}) — pass it explicitly`,
    );
  }
  return `${dir}/${found[0]}`;
}

async function main(argv: string[]): Promise<number> {
  const usage =
    "usage: deno task eval:loaded DIR [--lexicon PATH] [--categories a,b] [--labels FILE] [--articles DIR] [--json] [--out FILE]";
  let dir = "";
  let lexiconPath: string | undefined;
  let labels: string | undefined;
  let articlesDir: string | undefined;
  let json = false;
  let outFile: string | undefined;
  let categories: Category[] = ["loaded_negative", "loaded_positive"];
  try {
    for (let i = 0; i < argv.length; i++) {
      const x = argv[i];
      const value = () => {
        const v = argv[++i];
        if (!v) throw new Error(`${x} needs a value\n${usage}`);
        return v;
      };
      if (x === "--lexicon") lexiconPath = value();
      else if (x === "--labels") labels = value();
      else if (x === "--articles") articlesDir = value();
      else if (x === "--json") json = true;
      else if (x === "--out") outFile = value();
      else if (x === "--categories") {
        categories = value().split(",").map((c) => c.trim()) as Category[];
        for (const c of categories) {
          if (!CATEGORIES.includes(c)) {
            throw new Error(`unknown category "${c}" — use ${CATEGORIES.join(", ")}`);
          }
        }
      } else if (x.startsWith("--")) throw new Error(`unknown option ${x}\n${usage}`);
      else if (dir === "") dir = x;
      else throw new Error(`more than one DIR given\n${usage}`);
    }
    if (dir === "") throw new Error(`no DIR given\n${usage}`);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  try {
    try {
      if (!(await Deno.stat(dir)).isDirectory) throw new Error(`not a folder: ${dir}`);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new Error(
          `folder not found: ${dir} — give a PTC folder (train-articles/, *-TC.labels)`,
        );
      }
      throw e;
    }
    const labelsFile = labels ?? await findOne(dir, /-TC\.labels$/, "technique labels file", false);
    const artDir = articlesDir ?? await findOne(dir, /-articles$/, "articles folder", true);
    const labelText = await Deno.readTextFile(labelsFile);
    const gold = parseGoldLabels(labelText, labelsFile);
    const distancingGold = parseGoldLabels(labelText, labelsFile, [DISTANCING_TECHNIQUE]);
    const stylesFile = await findOptional(dir, /-styles\.tsv$/);
    const speakersFile = await findOptional(dir, /-speakers\.tsv$/);
    const styles = stylesFile ? parseStyles(await Deno.readTextFile(stylesFile), stylesFile) : null;
    const texts = new Map<string, string>();
    const names: string[] = [];
    for await (const e of Deno.readDir(artDir)) {
      if (e.isFile && /^article\d+\.txt$/.test(e.name)) names.push(e.name);
    }
    names.sort();
    if (names.length === 0) throw new Error(`${artDir}: no article<ID>.txt files`);
    for (const n of names) texts.set(n.slice(7, -4), await readUtf8(`${artDir}/${n}`));
    const lexicon = await loadLexicon(lexiconPath);
    const s = scoreLoaded(texts, gold, lexicon, categories);
    const neg = scoreLoaded(texts, gold, lexicon, ["loaded_negative"]);
    // The one chain's hits (all categories), when the set annotates speakers.
    const chain = speakersFile
      ? chainHits(texts, await loadResources({ lexicon: lexiconPath }), [
        ...new Set<Category>([...categories, "distancing"]),
      ])
      : null;
    const report: EvalReport = {
      dataset: dir,
      loaded: s,
      loadedNegative: {
        hits: neg.hits,
        truePositives: neg.truePositives,
        precision: neg.precision,
      },
      byStyle: styles ? scoreByStyle(texts, gold, lexicon, styles, categories) : null,
      distancing: distancingGold.length > 0
        ? scoreDistancing(texts, distancingGold, lexicon)
        : null,
      speakers: chain
        ? scoreSpeakers(
          new Map(
            [...chain].map(([id, hs]) => [
              id,
              hs.filter((h) => (categories as readonly string[]).includes(h.category)),
            ]),
          ),
          parseGoldSpeakers(await Deno.readTextFile(speakersFile!), speakersFile!),
          gold,
        )
        : null,
      distancingChain: chain && distancingGold.length > 0
        ? scoreDistancingHits(chain, distancingGold)
        : null,
    };
    console.log(
      json ? JSON.stringify(report, null, 2) : `${formatScores(s)}\n\n${formatExtra(report)}`,
    );
    if (outFile) await writeJsonAtomic(outFile, report);
    return 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
