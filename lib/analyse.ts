/**
 * The one place the per-article chain is assembled: clean → segment → quotes → attributions →
 * framing hits → actor mentions. Notebooks (through the store), the exports, the pipeline
 * workers, the bench and the tests all call {@linkcode analyseArticle}; nothing else strings the
 * stages together.
 *
 * `resources` holds every data file the stages read, loaded once by {@linkcode loadResources},
 * with the sha256 of each file and a key per stage, so that a cache knows which stage's results
 * an edit of a data file invalidates (the lexicon touches hits and mentions, not attributions).
 *
 * @example
 * ```ts
 * const resources = await loadResources();
 * const a = analyseArticle({ id: "a1", text: "Title\n\nPutin said “no”." }, resources);
 * a.attributions.length; // 1
 * ```
 *
 * @module
 */
import { actorMentions, type Actors, loadActors, type Mention } from "./extract/actors.ts";
import {
  type Attribution,
  doubleApostrophesAsQuotes,
  extractAttributions,
  oddClosingMarksAsClosing,
} from "./extract/attributions.ts";
import { framingHits, type Hit } from "./extract/framing.ts";
import type { TextSegments } from "./extract/text_index.ts";
import { sha256Hex } from "./io/hash.ts";
import { type Abbreviations, loadAbbreviations } from "./resources/abbreviations.ts";
import { defaultDataDir } from "./resources/data_dir.ts";
import { type Gazetteer, loadGazetteer } from "./resources/gazetteer.ts";
import { type Lexicon, loadLexicon } from "./resources/lexicon.ts";
import { ownVoiceWordCount } from "./extract/voice.ts";
import {
  cleanArticle,
  type CleanedArticle,
  type CleaningRules,
  loadCleaningRules,
} from "./text/clean.ts";
import { codePointIndex, codePointLength, utf16Index } from "./text/codepoints.ts";
import { linkScanners } from "./text/patterns.ts";
import { findQuotes, type Quote } from "./text/quotes.ts";
import { lastAtOrBefore } from "./text/search.ts";
import {
  joinParagraphs,
  PARAGRAPH_SEPARATOR,
  paragraphRanges,
  paragraphSentences,
  type Range,
} from "./text/segment.ts";
import { countWords } from "./text/words.ts";
import { signature } from "./ingest/minhash.ts";

/**
 * Bumped whenever a change to the code changes any table; a store written by another version is
 * rebuilt.
 */
export const ANALYSIS_VERSION = "2026-12-03.14";

/** The stages whose results a cache keeps apart: each is invalidated by its own data files. */
export type Stage = "text" | "attributions" | "framing";

/** Everything the stages read, loaded once. */
export interface Resources {
  rules: CleaningRules;
  /** Words that end no sentence (`abbreviations.csv`): sentences, quotes' sentences, attributions. */
  abbreviations: Abbreviations;
  lexicon: Lexicon;
  /** The broad evaluative lexicon (evaluative density). */
  evaluative: Lexicon;
  gazetteer: Gazetteer;
  actors: Actors;
  /** sha256 of each data file, by its name in the data folder ("lexicons/framing.csv"). */
  hashes: Record<string, string>;
  /**
   * A key per stage: the sha256 of the analysis version and of every data file the stage and the
   * stages before it read. Equal keys give equal results.
   */
  stageKeys: Record<Stage, string>;
}

/** Where {@linkcode loadResources} reads the data files. */
export interface ResourcePaths {
  /** Folder of the data files (default: the repository's `data/`). */
  dataDir?: string;
  /** Cleaning rules (default `<dataDir>/cleaning_rules.csv`). */
  rules?: string;
  /** Abbreviations (default `<dataDir>/abbreviations.csv`). */
  abbreviations?: string;
  /** Framing lexicon (default `<dataDir>/lexicons/framing.csv`). */
  lexicon?: string;
  /** Broad evaluative lexicon (default `<dataDir>/lexicons/evaluative.csv`). */
  evaluative?: string;
  /** Source gazetteer (default `<dataDir>/sources.csv`; roles, countries, cues beside it). */
  gazetteer?: string;
  /** Actors (default `<dataDir>/actors.csv`). */
  actors?: string;
}

/** The data files' paths for `paths` (each defaulting into `paths.dataDir`). */
export function resourceFiles(paths: ResourcePaths = {}): Required<Omit<ResourcePaths, "dataDir">> {
  const dir = (paths.dataDir ?? defaultDataDir()).replace(/\/$/, "");
  return {
    rules: paths.rules ?? `${dir}/cleaning_rules.csv`,
    abbreviations: paths.abbreviations ?? `${dir}/abbreviations.csv`,
    lexicon: paths.lexicon ?? `${dir}/lexicons/framing.csv`,
    evaluative: paths.evaluative ?? `${dir}/lexicons/evaluative.csv`,
    gazetteer: paths.gazetteer ?? `${dir}/sources.csv`,
    actors: paths.actors ?? `${dir}/actors.csv`,
  };
}

/** A data file's name as reported: relative to the data folder, else its base name. */
function fileName(path: string, dir: string): string {
  if (path.startsWith(dir + "/")) return path.slice(dir.length + 1);
  const i = path.lastIndexOf("/data/");
  return i >= 0 ? path.slice(i + 6) : path.slice(path.lastIndexOf("/") + 1);
}

async function keyOf(parts: readonly string[]): Promise<string> {
  return await sha256Hex(new TextEncoder().encode(parts.join("\n")));
}

/**
 * Loads every data file the stages read: cleaning rules, lexicon, gazetteer (sources, roles,
 * countries, cues), actors. A file that fails to parse is an error naming it, before any work.
 *
 * @example
 * ```ts
 * const r = await loadResources({ dataDir: "data" });
 * r.hashes["lexicons/framing.csv"]; // its sha256
 * ```
 */
export async function loadResources(paths: ResourcePaths = {}): Promise<Resources> {
  const files = resourceFiles(paths);
  const dir = (paths.dataDir ?? defaultDataDir()).replace(/\/$/, "");
  const gazetteerDir = files.gazetteer.slice(0, files.gazetteer.lastIndexOf("/") + 1) || "./";
  const rules = await loadCleaningRules(files.rules);
  const abbreviations = await loadAbbreviations(files.abbreviations);
  const lexicon = await loadLexicon(files.lexicon);
  const evaluative = await loadLexicon(files.evaluative);
  const sibling = (name: string) =>
    paths.gazetteer === undefined ? `${dir}/${name}` : `${gazetteerDir}${name}`;
  const gazetteer = await loadGazetteer(files.gazetteer, {
    roles: sibling("source_roles.csv"),
    countries: sibling("source_countries.csv"),
    cues: sibling("cues.csv"),
  });
  const actors = await loadActors(files.actors);
  // The word scanners read the same texts (an article's title and body): one walk of a text
  // finds the matches of the phrase scanners (white space between words), one those of the
  // pattern scanners (spaces and hyphens between words).
  linkScanners([gazetteer.aliasScanner, gazetteer.cues.scanner]);
  linkScanners([lexicon.matcher.scanner, evaluative.matcher.scanner, actors.matcher.scanner]);
  const rulesHash = await sha256Hex(await Deno.readFile(files.rules));
  const abbreviationsHash = await sha256Hex(await Deno.readFile(files.abbreviations));
  const gazetteerHashes = Object.entries(gazetteer.hashes)
    .map(([p, h]) => [fileName(p, dir), h] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hashes: Record<string, string> = {
    [fileName(files.rules, dir)]: rulesHash,
    [fileName(files.abbreviations, dir)]: abbreviationsHash,
    [fileName(files.lexicon, dir)]: lexicon.sha256,
    [fileName(files.evaluative, dir)]: evaluative.sha256,
    [fileName(files.actors, dir)]: actors.sha256,
    ...Object.fromEntries(gazetteerHashes),
  };
  const text = await keyOf([ANALYSIS_VERSION, "text", rulesHash, abbreviationsHash]);
  const attributions = await keyOf([text, "attributions", ...gazetteerHashes.map(([, h]) => h)]);
  const framing = await keyOf([
    attributions,
    "framing",
    lexicon.sha256,
    evaluative.sha256,
    actors.sha256,
  ]);
  return {
    rules,
    abbreviations,
    lexicon,
    evaluative,
    gazetteer,
    actors,
    hashes,
    stageKeys: { text, attributions, framing },
  };
}

/** One article to analyse. */
export interface ArticleInput {
  id: string;
  /** The article's text as read from its file (decoded, not yet cleaned). */
  text: string;
  /** Title from the manifest or corpus CSV; wins over the file's own title line. */
  title?: string | null;
  /** The file's name, for warnings (default the id). */
  file?: string;
  /** The outlet and the article's URL: cleaning rules scoped to a site apply to them. */
  outlet?: string | null;
  url?: string | null;
  /**
   * The template lines of the article's outlet found in its text (`templateLinesOf` in
   * `lib/text/templates.ts`), which the `repeated_line` cleaning rule removes.
   */
  templateLines?: ReadonlySet<string>;
}

/** A paragraph of the cleaned body. Offsets are code points into the body. */
export interface ParagraphRow {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /** Offsets into the file's text. */
  file_start: number;
  file_end: number;
  kind: string;
}

/** A sentence of the cleaned body. */
export interface SentenceRow {
  sentence: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

/** Title or body. */
export type Field = "title" | "body";

/** An attribution with the field it was found in. */
export type FieldAttribution = Attribution & { field: Field };
/** A framing hit with its field and body sentence (null in the title). */
export type FieldHit = Hit & { field: Field; sentence: number | null };
/** An actor mention with its field. */
export type FieldMention = Mention & { field: Field };

/** Everything the chain finds in one article. */
export interface ArticleAnalysis {
  id: string;
  /** What cleaning kept as metadata, removed, and warned about. */
  cleaned: Omit<CleanedArticle, "paragraphs">;
  /** The cleaned body: the kept paragraphs joined by blank lines. */
  body: string;
  n_words: number;
  n_chars: number;
  paragraphs: ParagraphRow[];
  sentences: SentenceRow[];
  /** Quotes of the body. */
  quotes: Quote[];
  /** The title's attributions, then the body's. */
  attributions: FieldAttribution[];
  /** The title's hits (voice headline), then the body's. */
  hits: FieldHit[];
  /** The title's mentions, then the body's. */
  mentions: FieldMention[];
  /** Hits of the broad evaluative lexicon in the body, with voice and speaker. */
  evaluative: FieldHit[];
  /** Body words in the outlet's own voice (outside quotes and attributed content). */
  n_own_words: number;
  /** MinHash signature of the body's word 5-grams (base64), to find copies of one story. */
  minhash: string;
}

/** Options of {@linkcode analyseArticle}. */
export interface AnalyseOptions {
  /**
   * Attributions already found for this article with the same resources (a cache's): used as they
   * are instead of extracting them again.
   */
  attributions?: readonly FieldAttribution[];
  /** Called with the milliseconds each stage took (clean, segment, quotes, attributions, …). */
  time?: (stage: string, ms: number) => void;
}

/**
 * Runs the whole chain on one article: cleaning, paragraphs and sentences, quotes, attributions
 * (title and body), framing hits with voice and speaker (title hits are `headline`), and actor
 * mentions with their labels.
 *
 * @example
 * ```ts
 * const a = analyseArticle({ id: "x", text: "Kim met Putin.\n\nThe dictator smiled." }, resources);
 * a.hits.map((h) => h.term); // e.g. ["dictator*"]
 * ```
 */
export function analyseArticle(
  article: ArticleInput,
  resources: Resources,
  options: AnalyseOptions = {},
): ArticleAnalysis {
  const time = options.time;
  let t = time ? performance.now() : 0;
  const lap = (stage: string) => {
    if (!time) return;
    const now = performance.now();
    time(stage, now - t);
    t = now;
  };
  const { paragraphs: kept, ...cleaned } = cleanArticle(article.text, resources.rules, {
    title: article.title ?? null,
    file: article.file ?? article.id,
    outlet: article.outlet ?? null,
    url: article.url ?? null,
    templateLines: article.templateLines,
  });
  // An article that cleaning shrank by more than half is reported with the corpus warnings.
  if (cleaned.shrink_warning) cleaned.warnings = [...cleaned.warnings, cleaned.shrink_warning];
  lap("clean");
  const { body, spans } = joinParagraphs(kept.map((p) => p.text));
  const paragraphs: ParagraphRow[] = kept.map((p, i) => ({
    paragraph: i,
    start: spans[i].start,
    end: spans[i].end,
    text: p.text,
    file_start: p.file_start,
    file_end: p.file_end,
    kind: p.kind,
  }));
  const nWords = countWords(body);
  lap("segment");
  const quotes = findQuotes(body).quotes;
  const abbreviations = resources.abbreviations;
  lap("quotes");
  const segments: TextSegments = { paragraphs: [], sentences: [] };
  const sentences = bodySentences(
    body,
    kept.map((p) => p.text),
    quotes,
    abbreviations,
    segments,
  );
  lap("sentences");
  const title = cleaned.title ?? "";

  let attributions: FieldAttribution[];
  if (options.attributions) attributions = [...options.attributions];
  else {
    attributions = [];
    if (title !== "") {
      for (const a of extractAttributions(title, resources.gazetteer, { abbreviations })) {
        attributions.push({ ...a, field: "title" });
      }
    }
    for (
      const a of extractAttributions(body, resources.gazetteer, { quotes, abbreviations, segments })
    ) {
      attributions.push({ ...a, field: "body" });
    }
  }
  const bodyAttributions = attributions.filter((a) => a.field === "body");
  lap("attributions");

  const titleHits = title === "" ? [] : framingHits(title, resources.lexicon, {
    voice: "headline",
    attributions: attributions.filter((a) => a.field === "title"),
    abbreviations,
  });
  const bodyHits = framingHits(body, resources.lexicon, {
    quotes,
    attributions: bodyAttributions,
    abbreviations,
  });
  const starts = sentences.map((s) => s.start);
  const hits: FieldHit[] = [
    ...titleHits.map((h) => ({ ...h, field: "title" as const, sentence: null })),
    ...bodyHits.map((h) => ({
      ...h,
      field: "body" as const,
      sentence: lastAtOrBefore(starts, h.start),
    })),
  ];
  const evaluative: FieldHit[] = framingHits(body, resources.evaluative, {
    quotes,
    attributions: bodyAttributions,
    scareQuotes: false,
    abbreviations,
  }).map((h) => ({ ...h, field: "body" as const, sentence: lastAtOrBefore(starts, h.start) }));
  const nOwnWords = ownVoiceWordCount(body, { quotes, attributions: bodyAttributions });
  lap("framing");
  const mentions: FieldMention[] = [];
  if (title !== "") {
    for (const m of actorMentions(title, resources.actors, titleHits, { voice: "headline" })) {
      mentions.push({ ...m, field: "title" });
    }
  }
  for (
    const m of actorMentions(body, resources.actors, bodyHits, {
      attributions: bodyAttributions,
      quotes,
    })
  ) mentions.push({ ...m, field: "body" });
  lap("actors");
  const minhash = encodeSignature(signature(body));
  lap("minhash");

  return {
    id: article.id,
    cleaned,
    body,
    n_words: nWords,
    n_chars: codePointLength(body),
    paragraphs,
    sentences,
    quotes,
    attributions,
    hits,
    mentions,
    evaluative,
    n_own_words: nOwnWords,
    minhash,
  };
}

/**
 * The sentences of a body made of `paragraphs` joined by {@linkcode PARAGRAPH_SEPARATOR}, split
 * as the attribution extractor splits them ({@linkcode paragraphSentences}, with dotted initials:
 * George H.W. Bush): no boundary inside a closed quotation. `quotes` are `findQuotes(body)`'s
 * (code points). Offsets are code points. The paragraph and sentence ranges (UTF-16) are pushed
 * onto `segments`, the extractor's {@linkcode TextSegments} of the body.
 */
function bodySentences(
  body: string,
  paragraphs: readonly string[],
  quotes: readonly Quote[],
  abbreviations: Abbreviations,
  segments: TextSegments,
): SentenceRow[] {
  const surrogates = /[\uD800-\uDFFF]/.test(body);
  const u = surrogates ? utf16Index(body) : (i: number) => i;
  const cp = surrogates ? codePointIndex(body) : (i: number) => i;
  // The closed quotations the attribution extractor protects: doubled apostrophes (''No,'') and
  // “ used as a closing mark read as quotation marks. As in the extractor, a '' quotation is
  // protected up to its first closing apostrophe, so that `… this.'' He said …` holds a boundary.
  const quoteText = oddClosingMarksAsClosing(doubleApostrophesAsQuotes(body));
  const found = quoteText === body ? quotes : findQuotes(quoteText).quotes;
  const protect: Range[] = found.filter((q) => q.closed && q.depth === 0)
    .map((q) => [u(q.start), u(q.end)]);
  // Paragraph i ends at ends[i] (UTF-16); the splitter reads the body's lines, as the extractor.
  const ends: number[] = [];
  let pe = -PARAGRAPH_SEPARATOR.length;
  for (const text of paragraphs) ends.push(pe += PARAGRAPH_SEPARATOR.length + text.length);
  const out: SentenceRow[] = [];
  let p = 0;
  const options = {
    protect,
    abbreviations: abbreviations.stems,
    closers: abbreviations.closers,
    dottedInitials: true,
  };
  const ranges = paragraphRanges(body);
  segments.paragraphs.push(...ranges);
  for (const [s, e] of paragraphSentences(body, ranges, options)) {
    segments.sentences.push([s, e]);
    while (ends[p] <= s) p++;
    out.push({
      sentence: out.length,
      paragraph: p,
      start: cp(s),
      end: cp(e),
      text: body.slice(s, e),
    });
  }
  return out;
}

/**
 * A MinHash signature as base64 text (its little-endian bytes), as the articles table keeps it.
 *
 * @example
 * ```ts
 * decodeSignature(encodeSignature(new Uint32Array([1, 2]))); // Uint32Array [1, 2]
 * ```
 */
export function encodeSignature(sig: Uint32Array): string {
  const bytes = new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
  // Standard base64 (as btoa gives it), written as ASCII bytes and decoded once.
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = BASE64[v >> 18];
    out[o++] = BASE64[(v >> 12) & 63];
    out[o++] = BASE64[(v >> 6) & 63];
    out[o++] = BASE64[v & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[o++] = BASE64[v >> 18];
    out[o++] = BASE64[(v >> 12) & 63];
    out[o++] = two ? BASE64[(v >> 6) & 63] : 61; // "="
    out[o++] = 61;
  }
  return ASCII.decode(out);
}

const BASE64 = new TextEncoder().encode(
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
);
const ASCII = new TextDecoder();

/** The signature {@linkcode encodeSignature} encoded. */
export function decodeSignature(text: string): Uint32Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Uint32Array(bytes.buffer);
}
