/**
 * Framing hits: every lexicon term found in a text, with its category, target, voice and
 * speaker, plus scare quotes as `distancing` hits. One scan of the text per lexicon (one compiled
 * regular expression), quotes found once, and only hits are kept: never one row per token.
 *
 * Offsets are Unicode code points into the text given, end exclusive.
 *
 * @module
 */
import { type Abbreviations, defaultAbbreviations } from "../resources/abbreviations.ts";
import { codePointIndex, utf16Index } from "../text/codepoints.ts";
import type { Category, Lexicon, Target } from "../resources/lexicon.ts";
import {
  type DistancingOptions,
  findQuotes,
  isDistancingQuote,
  isScareQuoteContent,
  type Quote,
} from "../text/quotes.ts";
import { attributionAt, type AttributionLike, type Voice, voiceAt } from "./voice.ts";

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
  /**
   * `"headline"`: the text is a title, every hit has voice headline (default: decide per hit);
   * its speaker is that of a headline attribution given in `attributions` ("Kim hails
   * “invincible” friendship": Kim), else null.
   */
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
  distancing?: Omit<DistancingOptions, "sources" | "abbreviations">;
  /**
   * Abbreviations that end no sentence, for the sentence of a scare quote (default: the data
   * folder's `abbreviations.csv`, see `defaultAbbreviations`).
   */
  abbreviations?: Abbreviations;
}

const WINDOW = 100;

/** What stands between a quote and a source of a relative clause about its noun: " treaty that ". */
const RELATIVE_AFTER = /^\s*(?:[\p{L}-]+\s+){0,2}(?:that|which|whom)\s+$/u;

/** A headline hit: voice headline, the speaker of a headline attribution covering it (if any). */
function headlineVoice(
  ctx: { quotes: readonly Quote[]; attributions: readonly AttributionLike[]; text: string },
  start: number,
  end: number,
): { voice: Voice; speaker: string | null } {
  return { voice: "headline", speaker: voiceAt(ctx, start, end).speaker };
}

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
  const ctx = { quotes, attributions, text };
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
    const v = headline ? headlineVoice(ctx, start, end) : voiceAt(ctx, start, end);
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
      const abbreviations = (opts.abbreviations ?? defaultAbbreviations()).stems;
      // A source in a relative clause after the quote speaks of its noun, not in its words:
      // 'a "peace mission" that critics branded a fiasco'.
      const qe = u(q.end);
      const own = sources.filter((src) =>
        !(src.start >= q.end && RELATIVE_AFTER.test(text.slice(qe, u(src.start))))
      );
      if (
        !isDistancingQuote(q, text, { ...opts.distancing, sources: own, surrogates, abbreviations })
      ) {
        continue;
      }
      const v = headline ? headlineVoice(ctx, q.start, q.end) : voiceAt(ctx, q.start, q.end);
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
