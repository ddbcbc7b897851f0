/**
 * Voice: who is speaking at a given span of an article.
 *
 * - `headline`: the title (decided by the caller: the title is metadata, not body text);
 * - `quote`: inside the marks of a direct quotation, or inside the content of an attribution of
 *   kind `direct` (a quotation without marks, e.g. the Ukrainian-press convention
 *   "…, - believes Oleksandr Musienko");
 * - `paraphrase`: inside the content of an `indirect` or `mixed` attribution, outside quote marks;
 * - `narration`: everything else, the outlet's own voice.
 *
 * The speaker is the `source_id` of the attribution whose content contains the span (the
 * innermost one); when the source has no id, its `source_name` (the name a pronoun or description
 * was resolved to: "she" → "Petra Lind"), else the source's text; null when no attribution covers
 * the span, and for a quotation that names something by others' words with no agent ("General
 * Vask, dubbed “the Butcher”", "known as “the Wall”"): who coined it is not the attribution's
 * source, unless the naming word is that attribution's cue. Attributions come from `lib/attributions.ts` (sourcing); this
 * module only needs the fields below, so it does not import that module.
 *
 * @module
 */
import { findQuotes, type Quote, quoteAt } from "../text/quotes.ts";
import { codePointIndex, utf16Index } from "../text/codepoints.ts";
import { lastAtOrBefore } from "../text/search.ts";
import { countWords } from "../text/words.ts";

/** Who speaks at a span. */
export type Voice = "headline" | "narration" | "quote" | "paraphrase";

/** All voices, in display order. */
export const VOICES: readonly Voice[] = ["headline", "narration", "quote", "paraphrase"];

/** The fields of an attribution (see `lib/attributions.ts`) that voice needs. Code points. */
export interface AttributionLike {
  source: { start: number; end: number; text: string } | null;
  source_id: string | null;
  /** The name the source was resolved to (an antecedent's for "he", "the minister"), or null. */
  source_name?: string | null;
  /** The cue span, if any (a naming cue keeps its source: "critics dubbed it “a farce”"). */
  cue?: { start: number; end: number } | null;
  content: { start: number; end: number };
  kind: "direct" | "mixed" | "indirect";
}

/** What {@linkcode voiceAt} needs about one text: its quotes and its attributions. */
export interface VoiceContext {
  quotes: readonly Quote[];
  attributions: readonly AttributionLike[];
  /** The text, to see a quotation named by others ("dubbed “…”"); without it, not checked. */
  text?: string;
}

/** The voice of one span and its speaker. */
export interface VoiceResult {
  voice: Voice;
  speaker: string | null;
}

/**
 * Builds the context for {@linkcode voiceAt}: finds the quotes of `text` (unless given) and keeps
 * the attributions.
 *
 * @example
 * ```ts
 * const ctx = voiceContext("He said “no”.");
 * voiceAt(ctx, 9, 11).voice; // "quote"
 * ```
 */
export function voiceContext(
  text: string,
  attributions: readonly AttributionLike[] = [],
  quotes?: readonly Quote[],
): VoiceContext {
  return { quotes: quotes ?? findQuotes(text).quotes, attributions, text };
}

/** A naming word with no agent straight before a quotation: "dubbed", "known as". */
const NAMED_BY_OTHERS =
  /(?:^|[^\p{L}])(?:dubbed|nicknamed|(?:widely\s+|also\s+|better\s+)?known\s+as|labell?ed|billed\s+as|styled)\s*$/iu;

const utf16Of = new WeakMap<VoiceContext, (i: number) => number>();

/**
 * Whether quotation `q` names something in others' words with no agent ("General Vask, dubbed
 * “the Butcher”"), where the naming word is not attribution `a`'s cue.
 */
function namedByOthers(ctx: VoiceContext, q: Quote, a: AttributionLike): boolean {
  const text = ctx.text;
  if (text === undefined) return false;
  let u = utf16Of.get(ctx);
  if (!u) {
    u = /[\uD800-\uDFFF]/.test(text) ? utf16Index(text) : (i: number) => i;
    utf16Of.set(ctx, u);
  }
  const qs = u(q.start);
  const m = NAMED_BY_OTHERS.exec(text.slice(Math.max(0, qs - 40), qs));
  if (!m) return false;
  if (/^\s*,?\s*by\s/.test(text.slice(u(q.end), u(q.end) + 12))) return false;
  // The attribution's own cue inside the naming words keeps its source ("critics dubbed it").
  const from = q.start - [...m[0]].length;
  return !(a.cue && a.cue.start >= from && a.cue.end <= q.start);
}

function speakerOf(a: AttributionLike): string | null {
  return a.source_id ?? a.source_name ?? a.source?.text ?? null;
}

/**
 * The innermost attribution whose content contains the code-point span [start, end), or undefined.
 *
 * @example
 * ```ts
 * const a = { kind: "indirect" as const, content: { start: 10, end: 40 }, source_id: "kcna", source: null };
 * attributionAt([a], 12, 20)?.source_id; // "kcna"
 * ```
 */
export function attributionAt(
  attributions: readonly AttributionLike[],
  start: number,
  end: number,
): AttributionLike | undefined {
  if (attributions.length < 16) {
    let best: AttributionLike | undefined;
    for (const a of attributions) {
      if (a.content.start <= start && end <= a.content.end) {
        if (!best || a.content.end - a.content.start < best.content.end - best.content.start) {
          best = a;
        }
      }
    }
    return best;
  }
  // Many attributions (a long article): look only at those whose content starts at most the
  // longest content's length before `start`, found by binary search, so that a text with
  // thousands of attributions stays linear. Ties go to the earlier attribution, as above.
  const ix = contentIndex(attributions);
  let best = -1;
  let bestLen = Infinity;
  for (let i = lastAtOrBefore(ix.starts, start) ?? -1; i >= 0; i--) {
    if (ix.starts[i] < start - ix.maxLen) break;
    const k = ix.order[i];
    const a = attributions[k];
    if (end <= a.content.end) {
      const len = a.content.end - a.content.start;
      if (len < bestLen || (len === bestLen && k < best)) {
        best = k;
        bestLen = len;
      }
    }
  }
  return best < 0 ? undefined : attributions[best];
}

/** Attributions sorted by content start: their starts, original positions and longest content. */
interface ContentIndex {
  starts: number[];
  order: number[];
  maxLen: number;
}

const contentIndexes = new WeakMap<readonly AttributionLike[], ContentIndex>();

function contentIndex(attributions: readonly AttributionLike[]): ContentIndex {
  let ix = contentIndexes.get(attributions);
  if (!ix) {
    const order = attributions.map((_, i) => i)
      .sort((x, y) => attributions[x].content.start - attributions[y].content.start || x - y);
    let maxLen = 0;
    for (const a of attributions) maxLen = Math.max(maxLen, a.content.end - a.content.start);
    ix = { starts: order.map((i) => attributions[i].content.start), order, maxLen };
    contentIndexes.set(attributions, ix);
  }
  return ix;
}

/**
 * The voice and speaker of the code-point span [start, end) of a body text.
 *
 * @example
 * ```ts
 * const text = "Putin said the treaty is “historic”. Kim agreed.";
 * const ctx = voiceContext(text);
 * voiceAt(ctx, 26, 34); // { voice: "quote", speaker: null } (no attributions given)
 * voiceAt(ctx, 0, 5); // { voice: "narration", speaker: null }
 * ```
 */
export function voiceAt(ctx: VoiceContext, start: number, end: number): VoiceResult {
  const q = quoteAt(ctx.quotes, start, end);
  const a = attributionAt(ctx.attributions, start, end);
  if (q) {
    return { voice: "quote", speaker: a && !namedByOthers(ctx, q, a) ? speakerOf(a) : null };
  }
  if (a) return { voice: a.kind === "direct" ? "quote" : "paraphrase", speaker: speakerOf(a) };
  return { voice: "narration", speaker: null };
}

/**
 * Number of words of `text` in the outlet's own voice: words outside quotation marks and outside
 * the content of attributions (the narration of {@linkcode voiceAt}), counted as `countWords`
 * counts them. `ctx` is the text's {@linkcode VoiceContext}; quotes are found if not given.
 *
 * @example
 * ```ts
 * ownVoiceWordCount("Kim said “we are friends” and left."); // 4: Kim, said, and, left
 * ```
 */
export function ownVoiceWordCount(text: string, ctx?: VoiceContext): number {
  const c = ctx ?? voiceContext(text);
  const spans: Array<[number, number]> = [];
  for (const q of c.quotes) if (q.depth === 0) spans.push([q.start, q.end]);
  for (const a of c.attributions) spans.push([a.content.start, a.content.end]);
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const u = utf16Index(text);
  let words = 0;
  let at = 0; // code point where the narration resumes
  for (const [s, e] of spans) {
    if (s > at) words += countWords(text.slice(u(at), u(s)));
    if (e > at) at = e;
  }
  const total = codePointIndex(text)(text.length);
  if (at < total) words += countWords(text.slice(u(at)));
  return words;
}
