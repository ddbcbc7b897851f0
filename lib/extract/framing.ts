/**
 * Framing hits: every lexicon term found in a text, with its category, target, voice and
 * speaker, plus scare quotes as `distancing` hits. One scan of the text per lexicon (one compiled
 * regular expression), quotes found once, and only hits are kept: never one row per token.
 *
 * Offsets are Unicode code points into the text given, end exclusive.
 *
 * @module
 */
import pl from "nodejs-polars";
import { codePointIndex, utf16Index } from "../text/codepoints.ts";
import type { Category, Lexicon, Target } from "../resources/lexicon.ts";
import {
  type DistancingOptions,
  findQuotes,
  isDistancingQuote,
  isScareQuoteContent,
  type Quote,
} from "../text/quotes.ts";
import {
  attributionAt,
  type AttributionLike,
  ownVoiceWordCount,
  type Voice,
  voiceAt,
} from "./voice.ts";

/** One framing hit. Offsets are code points into the text, end exclusive. */
export interface Hit {
  start: number;
  end: number;
  /** The matched text as written. */
  text: string;
  /** The lexicon term (its display name), or "scare quotes". */
  term: string;
  category: Category;
  target: Target | null;
  voice: Voice;
  speaker: string | null;
}

/** The term name of scare-quote hits. */
export const SCARE_QUOTES_TERM = "scare quotes";

/** Options of {@linkcode framingHits}. */
export interface FramingOptions {
  /** Attributions of this text (from `lib/attributions.ts`), for voice and speaker. */
  attributions?: readonly AttributionLike[];
  /** Quotes of this text if already found (else found here). */
  quotes?: readonly Quote[];
  /** `"headline"`: the text is a title, every hit has voice headline (default: decide per hit). */
  voice?: "headline";
  /**
   * Report scare quotes as `distancing` hits (default true): a short quote of 1–3 words (see
   * `isScareQuote`) with no speaker attributed to it (see `isDistancingQuote`). A short quote
   * inside the content of an attribution (`Kim called the treaty "the most powerful"`), after a
   * speech verb in its sentence (`the minister praised the "unshakeable" bond`, `what Moscow
   * termed 'illegal' sanctions`) or before a closing attribution (`…, officials said`) is a
   * quotation, not a scare quote; after "so-called", "alleged", "supposedly" it is distancing.
   */
  scareQuotes?: boolean;
  /** The cue lists of the scare-quote decision (default: those of `isDistancingQuote`). */
  distancing?: Omit<DistancingOptions, "sources">;
}

const WINDOW = 100;

const identity = (i: number): number => i;

/**
 * Finds the framing hits of one text. Hits excluded by their row's `exclude_before` /
 * `exclude_after` context ("sanctions regime") are dropped. Sorted by start.
 *
 * @example
 * ```ts
 * const lex = await parseLexicon("pattern,category,target\ndictator*,loaded_negative,person\n", "x.csv");
 * framingHits("The dictator said “dictators lie”.", lex).map((h) => h.voice); // ["narration", "quote"]
 * ```
 */
export function framingHits(text: string, lexicon: Lexicon, opts: FramingOptions = {}): Hit[] {
  const { matches, surrogates } = lexicon.matcher.scanDetailed(text);
  const wantScare = opts.scareQuotes ?? true;
  const headline = opts.voice === "headline";
  if (matches.length === 0 && !(wantScare && /["“”„«'‘]/.test(text))) return [];
  const quotes = opts.quotes ?? findQuotes(text, { surrogates }).quotes;
  const attributions = opts.attributions ?? [];
  const ctx = { quotes, attributions };
  // Without surrogates, code-point and UTF-16 offsets agree (no pass over the text needed).
  const cp = surrogates ? codePointIndex(text) : identity;
  const hits: Hit[] = [];
  for (const m of matches) {
    const e = m.value;
    if (
      e.excludeBefore && e.excludeBefore.test(text.slice(Math.max(0, m.index - WINDOW), m.index))
    ) {
      continue;
    }
    if (e.excludeAfter && e.excludeAfter.test(text.slice(m.end, m.end + WINDOW))) continue;
    const start = cp(m.index);
    const end = cp(m.end);
    const v = headline ? { voice: "headline" as Voice, speaker: null } : voiceAt(ctx, start, end);
    hits.push({
      start,
      end,
      text: m.text,
      term: e.term,
      category: e.category,
      target: e.target,
      voice: v.voice,
      speaker: v.speaker,
    });
  }
  if (wantScare) {
    const u = surrogates ? utf16Index(text) : identity;
    const sources = attributions.flatMap((a) => a.source ? [a.source] : []);
    for (const q of quotes) {
      if (!q.closed || q.multiParagraph || q.contentEnd - q.contentStart > 80) continue;
      if (!isScareQuoteContent(text.slice(u(q.contentStart), u(q.contentEnd)))) continue;
      // Someone's words (the content of an attribution) are a quotation, not a scare quote.
      if (attributionAt(attributions, q.contentStart, q.contentEnd)) continue;
      if (!isDistancingQuote(q, text, { ...opts.distancing, sources, surrogates })) continue;
      const v = headline
        ? { voice: "headline" as Voice, speaker: null }
        : voiceAt(ctx, q.start, q.end);
      hits.push({
        start: q.start,
        end: q.end,
        text: text.slice(u(q.start), u(q.end)),
        term: SCARE_QUOTES_TERM,
        category: "distancing",
        target: null,
        voice: v.voice,
        speaker: v.speaker,
      });
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
  }
  return hits;
}

/** Columns of {@linkcode hitsTable}, in order. */
export const HIT_COLUMNS: readonly string[] = [
  "article_id",
  "outlet",
  "field",
  "start",
  "end",
  "text",
  "term",
  "category",
  "target",
  "voice",
  "speaker",
  "sentence",
];

/** Attributions per article id (code points into the article body). */
export type AttributionsByArticle =
  | ReadonlyMap<string, readonly AttributionLike[]>
  | Readonly<Record<string, readonly AttributionLike[]>>;

/** The parts of a loaded corpus (`lib/corpus.ts`) that {@linkcode hitsTable} reads. */
export interface CorpusTables {
  articles: pl.DataFrame;
  sentences: pl.DataFrame;
}

/**
 * The attributions of article `id` in `by` (a Map or a plain record); none when `by` is absent or
 * has no entry for it.
 *
 * @example
 * ```ts
 * attributionsFor(new Map([["a1", []]]), "a1"); // []
 * attributionsFor(undefined, "a1"); // []
 * ```
 */
export function attributionsFor(
  by: AttributionsByArticle | undefined,
  id: string,
): readonly AttributionLike[] {
  if (!by) return [];
  if (by instanceof Map) return by.get(id) ?? [];
  return (by as Record<string, readonly AttributionLike[]>)[id] ?? [];
}

/**
 * The framing hits of a corpus as one tidy table: one row per hit, with article_id, outlet,
 * field ("title" | "body"), start, end (code points into that field), text, term, category,
 * target, voice (title hits are "headline"), speaker, and sentence (the body sentence index
 * holding the hit's start; null for the title).
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * const hits = hitsTable(corpus, await loadLexicon());
 * hits.filter(pl.col("voice").eq(pl.lit("narration"))).height;
 * ```
 */
export function hitsTable(
  corpus: CorpusTables,
  lexicon: Lexicon,
  attributionsByArticle?: AttributionsByArticle,
  opts: Pick<FramingOptions, "scareQuotes" | "distancing"> = {},
): pl.DataFrame {
  const cols: Record<string, Array<string | number | null>> = Object.fromEntries(
    HIT_COLUMNS.map((c) => [c, []]),
  );
  const sentenceStarts = new Map<string, number[]>();
  for (const s of corpus.sentences.select("article_id", "sentence", "start").toRecords()) {
    const id = String(s.article_id);
    if (!sentenceStarts.has(id)) sentenceStarts.set(id, []);
    const arr = sentenceStarts.get(id)!;
    arr[Number(s.sentence)] = Number(s.start);
  }
  const push = (id: string, outlet: string, field: string, h: Hit, sentence: number | null) => {
    cols.article_id.push(id);
    cols.outlet.push(outlet);
    cols.field.push(field);
    cols.start.push(h.start);
    cols.end.push(h.end);
    cols.text.push(h.text);
    cols.term.push(h.term);
    cols.category.push(h.category);
    cols.target.push(h.target);
    cols.voice.push(h.voice);
    cols.speaker.push(h.speaker);
    cols.sentence.push(sentence);
  };
  const rows = corpus.articles.select("id", "outlet", "title", "body").toRecords();
  for (const r of rows) {
    const id = String(r.id);
    const outlet = String(r.outlet);
    const title = r.title == null ? "" : String(r.title);
    if (title !== "") {
      for (const h of framingHits(title, lexicon, { voice: "headline", ...opts })) {
        push(id, outlet, "title", h, null);
      }
    }
    const body = r.body == null ? "" : String(r.body);
    const starts = sentenceStarts.get(id) ?? [];
    const hits = framingHits(body, lexicon, {
      attributions: attributionsFor(attributionsByArticle, id),
      ...opts,
    });
    for (const h of hits) push(id, outlet, "body", h, sentenceOf(starts, h.start));
  }
  return pl.DataFrame({
    article_id: pl.Series("article_id", cols.article_id, pl.Utf8),
    outlet: pl.Series("outlet", cols.outlet, pl.Utf8),
    field: pl.Series("field", cols.field, pl.Utf8),
    start: pl.Series("start", cols.start, pl.Int64),
    end: pl.Series("end", cols.end, pl.Int64),
    text: pl.Series("text", cols.text, pl.Utf8),
    term: pl.Series("term", cols.term, pl.Utf8),
    category: pl.Series("category", cols.category, pl.Utf8),
    target: pl.Series("target", cols.target, pl.Utf8),
    voice: pl.Series("voice", cols.voice, pl.Utf8),
    speaker: pl.Series("speaker", cols.speaker, pl.Utf8),
    sentence: pl.Series("sentence", cols.sentence, pl.Int64),
  });
}

/** Index of the last sentence starting at or before `offset` (binary search), or null. */
function sentenceOf(starts: readonly number[], offset: number): number | null {
  let lo = 0;
  let hi = starts.length - 1;
  let ans: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * Words in the outlet's own voice per article of a corpus: body words outside quotation marks
 * and outside attribution contents (`ownVoiceWordCount`), as a Map from article id. The
 * denominator of `evaluativeDensityByOutlet` (`lib/measures/framing.ts`).
 *
 * @example
 * ```ts
 * const ownWords = ownVoiceWords(corpus, attributionsByArticle);
 * const density = evaluativeDensityByOutlet(evaluativeHits, corpus.articles, { ownWords });
 * ```
 */
export function ownVoiceWords(
  corpus: Pick<CorpusTables, "articles">,
  attributionsByArticle?: AttributionsByArticle,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of corpus.articles.select("id", "body").toRecords()) {
    const id = String(r.id);
    const body = r.body == null ? "" : String(r.body);
    out.set(
      id,
      ownVoiceWordCount(body, {
        quotes: findQuotes(body).quotes,
        attributions: attributionsFor(attributionsByArticle, id),
      }),
    );
  }
  return out;
}
