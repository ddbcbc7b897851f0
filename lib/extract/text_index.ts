/**
 * The text index of attribution extraction: one text in, the positions the rules ask about out.
 *
 * {@linkcode TextIndex} holds the paragraph and sentence ranges, the depth-0 quotations (found on
 * the text with `''` pairs and odd closing marks normalised, see
 * {@linkcode doubleApostrophesAsQuotes} and {@linkcode oddClosingMarksAsClosing}), the gazetteer
 * alias mentions and the cue matches of `data/cues.csv` (cue words in link lines and photo
 * captions, before "tank"/"off"/"up", after a determiner, or capitalised mid-sentence outside a
 * headline are dropped here), and the tokens, made in chunks on first use. Lookups by position
 * (sentence, paragraph, quotation around or starting at a position, mentions within a range) are
 * binary searches. The rules that use it are in `attributions.ts`, source resolution in
 * `sources.ts`.
 *
 * @example
 * ```ts
 * const index = new TextIndex("He left. “No,” Kim said.", await loadGazetteer());
 * index.sentenceOf(12); // [9, 24]
 * ```
 *
 * @module
 */
import { utf16Index } from "../text/codepoints.ts";
import type { Cue, CueLexicon } from "../resources/cues.ts";
import { type Token, tokenize } from "./noun_phrases.ts";
import { findQuotes, isScareQuoteContent, type Quote } from "../text/quotes.ts";
import { paragraphRanges, paragraphSentences, type Range } from "../text/segment.ts";
import { type Abbreviations, defaultAbbreviations } from "../resources/abbreviations.ts";
import { aliasEntry, type Gazetteer, type SourceEntry } from "../resources/gazetteer.ts";
import { firstAfter, firstAtOrAfter, lastAtOrBefore } from "../text/search.ts";

/** A depth-0 quotation: marks [s, e), content [cs, ce), UTF-16 offsets. */
export interface QuoteRange {
  s: number;
  e: number;
  cs: number;
  ce: number;
  closed: boolean;
  scare: boolean;
}

/** A gazetteer alias found in the text at [s, e) (UTF-16 offsets). */
export interface Mention {
  s: number;
  e: number;
  entry: SourceEntry;
}

/** A cue of the cue lexicon found in the text at [s, e) (UTF-16 offsets). */
export interface CueHit {
  s: number;
  e: number;
  cue: Cue;
}

/**
 * The paragraph and sentence ranges of a text (UTF-16) as the {@linkcode TextIndex} splits it:
 * `paragraphRanges(text)` and `paragraphSentences(text, paragraphs, { protect, abbreviations,
 * dottedInitials: true })` with its closed depth-0 quotations protected (a '' quotation up to its
 * first closing apostrophe).
 */
export interface TextSegments {
  paragraphs: Range[];
  sentences: Range[];
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** Length of the chunks the text is tokenised in (extended to the next white space). */
const TOKEN_CHUNK = 256;
const WHITE_SPACE = /\s/u;

/**
 * What follows a cue word when it is not a cue: "think tank", "showed off", "show up".
 */
const NOT_CUE_AFTER = /^\s+(?:tanks?|off|up|to\s+mind)(?![\p{L}\p{N}])/u;
/** A determiner or possessive straight before a cue word, which makes it a noun. */
const NOUN_BEFORE =
  /(?:(?<![\p{L}\p{N}])(?:the|a|an|these|those|his|her|its|their|our|my|your|some|many|several|both|other|such|no|any|each|every|whose)|(?<![\p{L}\p{N}])(?!(?:he|she|it|that|who|there|what|where|here)[’']s)\p{L}+[’']s)\s+$/iu;
/** A quantifier that stands alone as a subject straight before a cue word ("many said"). */
const QUANTIFIER_BEFORE = /(?<![\p{L}\p{N}])(?:some|many|several|both)\s+$/iu;
/**
 * Paragraphs that hold no attribution: link lines ("Also read: …", "READ MORE: …") and photo
 * captions ("Photo: …", "… (Photo: AFP)", "… | Getty Images").
 */
const NOT_ATTRIBUTION_PARAGRAPH =
  /^(?:also read|read also|read more|more reading|related|see also|recommended|watch|listen|photo|photograph|image|picture|caption|credit|file photo)\s*[:|\-–—]|(?:\(|\s)(?:photo|photograph|image|picture|credit|file photo|pictured)\s*(?:[:/]|by\s)[^\n]{0,80}\)?\s*$|(?:getty images|\/\s*(?:afp|reuters|ap|epa|yonhap|kcna)(?:\s+via\s+\p{L}+)?)\)?\s*$/iu;

/** Lower-case words a title-case headline may keep: "Deal With N. Korea", "Talks Over Arms". */
const TITLE_SMALL_WORDS: ReadonlySet<string> = new Set([
  "with",
  "from",
  "into",
  "over",
  "after",
  "about",
  "than",
  "amid",
  "upon",
  "onto",
  "that",
  "this",
  "their",
  "your",
]);

/** Whether a UTF-16 unit is an ASCII lower-case letter (so not `\p{Lu}`). */
function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

const cueLookups = new WeakMap<CueLexicon, (matched: string) => Cue | undefined>();

/**
 * The cue of a match of the lexicon's pattern (by its normalised phrase), memoised by the
 * matched text: cue matches repeat the same few strings.
 */
function cueLookup(lex: CueLexicon): (matched: string) => Cue | undefined {
  let f = cueLookups.get(lex);
  if (f === undefined) {
    const memo = new Map<string, Cue | null>();
    f = (matched: string) => {
      let cue = memo.get(matched);
      if (cue === undefined) {
        cue = lex.byPhrase.get(matched.toLowerCase().replace(/\s+/g, " ").replace(/’/g, "'")) ??
          null;
        if (memo.size < 10_000) memo.set(matched, cue);
      }
      return cue ?? undefined;
    };
    cueLookups.set(lex, f);
  }
  return f;
}

/**
 * Index of the last range starting at or before `pos` (ranges sorted by start), or -1.
 *
 * @example
 * ```ts
 * lowerBound([[0, 5], [5, 9]], 6); // 1
 * lowerBound([[3, 5]], 1); // -1
 * ```
 */
export function lowerBound(ranges: readonly Range[], pos: number): number {
  return lastAtOrBefore(ranges, pos, rangeStart) ?? -1;
}

const rangeStart = (r: Range): number => r[0];
const tokenEnd = (t: Token): number => t.e;

/**
 * The index of one text that the attribution rules and source resolution query: its paragraphs
 * and sentences, its depth-0 quotations, the gazetteer aliases and the cues found in it (one pass
 * of each pattern), and its tokens (made in chunks on first use). Offsets are UTF-16 indices
 * into `text`; lookups by position are binary searches over the sorted ranges.
 *
 * @example
 * ```ts
 * const gaz = await loadGazetteer();
 * const index = new TextIndex("Kim arrived. “We are friends,” Putin said.", gaz);
 * index.sentences.length; // 2
 * index.quoteStartingAt(13)?.closed; // true
 * index.cues.map((c) => c.cue.cue); // ["said"]
 * ```
 */
export class TextIndex {
  readonly paragraphs: Range[];
  readonly sentences: Range[] = [];
  readonly quotes: QuoteRange[];
  readonly mentions: Mention[] = [];
  readonly cues: CueHit[] = [];
  readonly cueAt = new Map<number, CueHit>();
  /** Cue start by cue end. */
  readonly cueEnds = new Map<number, number>();
  /** Link lines and photo captions (see NOT_ATTRIBUTION_PARAGRAPH), by start. */
  skippedParagraphs: Range[] = [];
  /** Mention positions by description phrase (see `SourceResolver.description`). */
  readonly mentionsByDescription = new Map<string, Mention[]>();
  readonly vocab: ReadonlySet<string>;
  /** Tokens by chunk of the text, made on first use (see `tokens`). */
  readonly tokenChunks: Token[][] = [];
  /** Start of each token chunk (see `chunkStart`). */
  readonly chunkStarts: number[] = [];
  /** titleCaseAt by line start. */
  readonly titleCaseLines = new Map<number, boolean>();
  /** Whether the text holds UTF-16 surrogates (else UTF-16 indices are code points). */
  readonly surrogates: boolean;

  constructor(
    readonly text: string,
    readonly gaz: Gazetteer,
    givenQuotes?: readonly Quote[],
    readonly abbreviations: Abbreviations = defaultAbbreviations(),
    segments?: TextSegments,
  ) {
    this.vocab = gaz.nounPhraseWords;
    this.surrogates = SURROGATE.test(text);
    const u = this.surrogates ? utf16Index(text) : (i: number) => i;
    const quoteText = oddClosingMarksAsClosing(doubleApostrophesAsQuotes(text));
    // Quotations the caller found with findQuotes(text) are those of quoteText when it is text.
    const quotes = givenQuotes !== undefined && quoteText === text
      ? givenQuotes
      : findQuotes(quoteText, { surrogates: this.surrogates }).quotes;
    // A '' mark is two characters: the quotation spans both (see doubleApostrophesAsQuotes).
    const zw = (i: number) => quoteText.charCodeAt(i) === 0x200b;
    this.quotes = [];
    for (const q of quotes) {
      if (q.depth !== 0) continue;
      const cs = u(q.contentStart);
      const ce = u(q.contentEnd);
      const e = u(q.end);
      this.quotes.push({
        s: u(q.start),
        e: e + (zw(e) ? 1 : 0),
        cs: cs + (zw(cs) ? 1 : 0),
        ce,
        closed: q.closed,
        // isScareQuote(q, quoteText), without converting the offsets again.
        scare: q.closed && !q.multiParagraph && isScareQuoteContent(quoteText.slice(cs, ce)),
      });
    }
    if (segments) {
      this.paragraphs = segments.paragraphs;
      this.sentences = segments.sentences;
    } else {
      // A '' quotation is protected up to its first closing apostrophe, as in the sentences
      // table, so that `… this.'' He said …` holds a boundary.
      const protect: Range[] = this.quotes.filter((q) => q.closed).map((
        q,
      ) => [q.s, text[q.e - 1] === "'" && text[q.e - 2] === "'" ? q.e - 1 : q.e]);
      this.paragraphs = paragraphRanges(text);
      const bounds = {
        protect,
        abbreviations: abbreviations.stems,
        closers: abbreviations.closers,
        dottedInitials: true,
      };
      for (const r of paragraphSentences(text, this.paragraphs, bounds)) this.sentences.push(r);
    }
    const aliasMatches = gaz.aliasScanner.scan(text);
    const cueMatches = gaz.cues.scanner.scan(text);
    for (const m of aliasMatches) {
      // The longest alias matched in the wrong case ("Xinhua news agency" for "Xinhua News
      // Agency"): a shorter alias it starts with may hold ("Xinhua").
      let matched = m.text;
      let entry = aliasEntry(gaz, matched);
      while (!entry && /\s/.test(matched)) {
        matched = matched.replace(/\s+\S+$/, "");
        entry = gaz.byAlias.has(matched) ? aliasEntry(gaz, matched) : null;
      }
      if (!entry) continue;
      const mention = { s: m.index, e: m.index + matched.length, entry };
      this.mentions.push(mention);
      for (const d of entry.descriptions) {
        const list = this.mentionsByDescription.get(d);
        if (list) list.push(mention);
        else this.mentionsByDescription.set(d, [mention]);
      }
    }
    const cueOf = cueLookup(gaz.cues);
    const skipped = this.skippedParagraphs = this.paragraphs.filter(([ps, pe]) =>
      NOT_ATTRIBUTION_PARAGRAPH.test(text.slice(ps, pe))
    );
    let si = 0;
    for (const m of cueMatches) {
      const cue = cueOf(m.text);
      if (!cue) continue;
      while (si < skipped.length && skipped[si][1] <= m.index) si++;
      if (si < skipped.length && skipped[si][0] <= m.index) continue;
      if (NOT_CUE_AFTER.test(text.slice(m.index + m.text.length, m.index + m.text.length + 8))) {
        continue;
      }
      // A determiner before the word makes it a noun: "the states that …", "his calls for …".
      // But a quantifier before a verb form no noun takes is the subject: "several said".
      if (
        cue.pattern !== "source_after" &&
        NOUN_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)) &&
        !(QUANTIFIER_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)) &&
          /^(?:said|says|told|tells)$/i.test(m.text))
      ) {
        continue;
      }
      if (
        !isLowerAscii(m.text.charCodeAt(0)) && /^\p{Lu}/u.test(m.text) &&
        !this.sentenceInitial(m.index) && !this.titleCaseAt(m.index)
      ) {
        continue;
      }
      const hit = { s: m.index, e: m.index + m.text.length, cue };
      this.cues.push(hit);
      this.cueAt.set(hit.s, hit);
      this.cueEnds.set(hit.e, hit.s);
    }
  }

  /** Whether `pos` starts a sentence: nothing but white space since a line start or `.!?`. */
  sentenceInitial(pos: number): boolean {
    const head = this.text.slice(Math.max(0, pos - 4), pos);
    return pos === 0 || /(?:^|[\n.!?]["”’]?)\s*$/.test(head) && !/\p{L}\s*$/u.test(head);
  }

  /** Whether the line holding `pos` is in title case (a headline): most long words capitalised. */
  titleCaseAt(pos: number): boolean {
    const ls = this.text.lastIndexOf("\n", pos) + 1;
    const known = this.titleCaseLines.get(ls);
    if (known !== undefined) return known;
    let le = this.text.indexOf("\n", pos);
    if (le < 0) le = this.text.length;
    const words = this.text.slice(ls, le).match(/\p{L}{4,}/gu) ?? [];
    const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    const lower = words.filter((w) => /^\p{Ll}/u.test(w) && !TITLE_SMALL_WORDS.has(w)).length;
    const title = caps >= 3 && lower === 0;
    this.titleCaseLines.set(ls, title);
    return title;
  }

  sentenceOf(pos: number): Range {
    const i = lowerBound(this.sentences, pos);
    return i >= 0 ? this.sentences[i] : [0, this.text.length];
  }

  sentenceIndex(pos: number): number {
    return lowerBound(this.sentences, pos);
  }

  paragraphOf(pos: number): Range {
    const i = lowerBound(this.paragraphs, pos);
    return i >= 0 ? this.paragraphs[i] : [0, this.text.length];
  }

  /** The depth-0 quotation whose marks enclose `pos` (strictly inside), if any. */
  quoteAround(pos: number): QuoteRange | undefined {
    // Depth-0 quotations do not overlap: only the last one opening before `pos` can enclose it.
    const i = firstAtOrAfter(this.quotes, pos, (q) => q.s) - 1;
    const q = this.quotes[i];
    return q !== undefined && q.s < pos && pos < q.e ? q : undefined;
  }

  inQuoteContent(pos: number): boolean {
    const i = firstAtOrAfter(this.quotes, pos + 1, (q) => q.s) - 1;
    const q = this.quotes[i];
    return q !== undefined && q.cs <= pos && pos < q.ce;
  }

  /** The depth-0 quotation opening at `pos`, if any. */
  quoteStartingAt(pos: number): QuoteRange | undefined {
    const q = this.quotes[firstAtOrAfter(this.quotes, pos, (x) => x.s)];
    return q !== undefined && q.s === pos ? q : undefined;
  }

  /** The depth-0 quotations lying wholly in [s, e). */
  quotesWithin(s: number, e: number): QuoteRange[] {
    const out: QuoteRange[] = [];
    for (let i = firstAtOrAfter(this.quotes, s, (q) => q.s); i < this.quotes.length; i++) {
      const q = this.quotes[i];
      if (q.s >= e) break;
      if (q.e <= e) out.push(q);
    }
    return out;
  }

  /** The gazetteer mentions lying wholly in [s, e). */
  mentionsWithin(s: number, e: number): Mention[] {
    const out: Mention[] = [];
    for (let i = firstAtOrAfter(this.mentions, s, (m) => m.s); i < this.mentions.length; i++) {
      const m = this.mentions[i];
      if (m.s >= e) break;
      if (m.e <= e) out.push(m);
    }
    return out;
  }

  /** Moves range ends that fall inside a quotation out to its marks. */
  outOfQuotes(r: Range): Range {
    let [s, e] = r;
    const qs = this.quoteAround(s);
    if (qs && qs.closed) s = qs.s;
    const qe = this.quoteAround(e);
    if (qe && qe.closed && qe.e > e) e = qe.e;
    return [s, e];
  }

  /** Trims white space and trailing . , ; : (not a closing quotation mark). */
  trim(r: Range): Range | null {
    let [s, e] = r;
    const t = this.text;
    while (s < e && /[\s,:;]/.test(t[s])) s++;
    while (e > s && /[\s.,;:]/.test(t[e - 1])) e--;
    if (e > s && /[(\[]/.test(t[e - 1])) e--;
    if (!/[\p{L}\p{N}]/u.test(t.slice(s, e))) return null;
    return [s, e];
  }

  /**
   * The same tokens as `tokenize(this.text, s, e)`, taken from a tokenisation of the text made
   * in chunks on demand (see `chunkTokens`). Tokenising a slice that starts at a token start or
   * in the white space between tokens gives the tokens of the whole text up to the slice end;
   * only a token that runs over the end is tokenised again (cut at the end), and a start inside
   * a token falls back to `tokenize`.
   */
  tokens(s: number, e: number): Token[] {
    const text = this.text;
    if (e <= s) return [];
    if (s < 0 || e > text.length) return tokenize(text, s, e, this.abbreviations.titles);
    const out: Token[] = [];
    const last = Math.floor((e - 1) / TOKEN_CHUNK);
    let started = false;
    // The chunk holding s: chunk starts are moved forward to white space.
    let first = Math.floor(s / TOKEN_CHUNK);
    while (first > 0 && this.chunkStart(first) > s) first--;
    for (let k = first; k <= last; k++) {
      const chunk = this.chunkTokens(k);
      let i = 0;
      if (!started) {
        // The first token that ends after s.
        i = firstAfter(chunk, s, tokenEnd);
        if (i === chunk.length) continue; // s is past this chunk's tokens
        if (chunk[i].s < s) return tokenize(text, s, e, this.abbreviations.titles);
        started = true;
      }
      for (; i < chunk.length; i++) {
        const t = chunk[i];
        if (t.e <= e) {
          out.push(t);
          continue;
        }
        if (t.s < e) {
          for (const u of tokenize(text, t.s, e, this.abbreviations.titles)) out.push(u);
        }
        return out;
      }
    }
    return out;
  }

  /**
   * The tokens of chunk `k` of the text: from the first white space at or after `k *
   * TOKEN_CHUNK` to the first at or after `(k + 1) * TOKEN_CHUNK` (no token holds white space,
   * so these are the tokens of the whole text there).
   */
  chunkTokens(k: number): Token[] {
    let chunk = this.tokenChunks[k];
    if (chunk === undefined) {
      const [from, to] = [this.chunkStart(k), this.chunkStart(k + 1)];
      chunk = tokenize(this.text, from, to, this.abbreviations.titles);
      this.tokenChunks[k] = chunk;
    }
    return chunk;
  }

  chunkStart(k: number): number {
    let start = this.chunkStarts[k];
    if (start === undefined) {
      const text = this.text;
      let i = k * TOKEN_CHUNK;
      if (i <= 0) i = 0;
      else {
        while (i < text.length) {
          const c = text.charCodeAt(i);
          if (
            c === 32 || c === 10 || (c >= 128 || (c >= 9 && c <= 13)) && WHITE_SPACE.test(text[i])
          ) {
            break;
          }
          i++;
        }
      }
      start = Math.min(i, text.length);
      this.chunkStarts[k] = start;
    }
    return start;
  }

  /** Start of the cue that ends at `cueEnd` (the cue index holds it), or `cueEnd`. */
  cueStart(cueEnd: number): number {
    return this.cueEnds.get(cueEnd) ?? cueEnd;
  }

  /** Start of the sentence holding `pos`, moved out of a quotation. */
  sentenceStart(pos: number): number {
    return this.outOfQuotes([this.sentenceOf(pos)[0], pos])[0];
  }
}

/**
 * `text` with each pair of straight apostrophes used as a double quotation mark (''No,'' as
 * some newspapers write) replaced by `"` and a zero-width space, so that quotation detection
 * sees a double quote. Same length in UTF-16 units and code points, so offsets carry over.
 *
 * @example
 * ```ts
 * doubleApostrophesAsQuotes("''No,'' he said"); // "\"\u200bNo,\"\u200b he said"
 * ```
 */
export function doubleApostrophesAsQuotes(text: string): string {
  if (!text.includes("''")) return text;
  // Three apostrophes are a single mark and a double one: inside first when closing
  // ("… 'old-school,'''"), outside first when opening ("'''Hey"), so a nested single
  // quotation stays inside the double one.
  return text.replace(/'''(?=[\p{L}\p{N}])/gu, "\"\u200b'").replace(/'''/g, "'\"\u200b")
    .replace(/''/g, '"\u200b');
}

/**
 * `text` with an opening mark “ used as a closing one (straight after a word or punctuation, and
 * before white space and a lower-case word, punctuation or the line end: `“…,“ the leader
 * added`) replaced by ”, so that quotation detection closes the quotation there. Same length.
 *
 * @example
 * ```ts
 * oddClosingMarksAsClosing("“We will win,“ the leader added."); // "“We will win,” the leader added."
 * ```
 */
export function oddClosingMarksAsClosing(text: string): string {
  return text.includes("“")
    ? text.replace(/(?<=[\p{L}\p{N},.!?…])“(?=\s+\p{Ll}|\s*$|[,.;:])/gmu, "”")
    : text;
}
