/**
 * Attribution extraction: who is cited, with which cue, saying what.
 *
 * Rule-based over one string: one pass of the cue lexicon (`data/cues.csv`), one pass of the
 * gazetteer aliases, the quotations of `findQuotes`, and sentence-level patterns around each cue.
 * No per-token rows are made, so it scales to large corpora.
 *
 * Three modules: `text_index.ts` (the {@linkcode TextIndex}: sentences, paragraphs, quotations,
 * alias and cue matches, tokens, lookups by position), this one (the patterns below, each
 * recording what it finds through one emit helper, then relays, kinds and output), and
 * `sources.ts` (the {@linkcode SourceResolver}: who a source phrase is).
 *
 * Patterns (the `rule` of each attribution):
 * - `quote_then_source`: “…,” Putin said / “…,” said Putin / “…,” Musienko, an expert, said /
 *   “…,” said an aide who … / “…,” said retired judge Ann Ray. A quotation opening the next
 *   sentence of the paragraph with no attribution of its own (“A,” he said. “B.”) continues the
 *   content.
 * - `source_colon_quote`: Putin: “…” (opening the sentence, or after a dash or "from" with no
 *   cue before it: "HEADLINE - Jones: “…”", "More from the report: “…”"; "More from Strand's
 *   press conference: “…”" gives Strand).
 * - `source_colon`: a headline or paragraph opening with a short name and a colon: "Lynch: No
 *   outside influence on FBI probe", "NY Post: …" (not a dateline in capitals, a label such as
 *   "Note:" or "Update:", or a list introduced by "Here they are:").
 * - `source_cue_content`: Putin said (that) … / Putin said, “…” / KCNA reported that … /
 *   Kim told reporters that … (a quotation that runs over several sentences is taken whole).
 * - `content_source_cue`: …, Putin said.  `content_cue_source`: …, said Putin.
 * - `participle`: …, adding that … / “…,” adding … / …, eventually saying … / … by saying … /
 *   Trump isn't saying … / with Gov. X calling … / a statement saying … / quoted X as saying …
 *   (the source is the named one, else the sentence's earlier source or subject). `…, citing X`
 *   is a participle too: the speaker cites X.
 * - `according_to`: according to X, … / …, as reported by X / … according to state media
 *   citing X (a relay) / In a new poll (survey, report, ruling …), … with no cue of its own.
 * - `dash`: Ukrainian-press style verbatim speech without quotation marks: a paragraph of the
 *   speaker's words ending "…, - believes Oleksandr Musienko, head of …" or "…, - emphasized
 *   the expert." The content is the paragraph up to the comma and the kind is `direct`.
 * - `continuation`: in a text that uses the dash style, a following paragraph with no
 *   attribution of its own, no quotation marks, and first-person words (I, my, we, our) or an
 *   editor's insertion ("— ed.") continues the previous speaker's words (kind `direct`, no
 *   source or cue span; the speaker is the previous paragraph's). After such a paragraph, the
 *   following unattributed paragraphs that end like a sentence continue too, up to a heading.
 *
 * Relays: an attribution whose cue lies inside the content of a report by a medium (or of an
 * `according to`/`reported by` attribution) has `via` = that reporter ("KCNA reported that Kim
 * stressed …" gives Kim via KCNA, and KCNA).
 *
 * Sources (resolved in `sources.ts`): a gazetteer alias inside the source phrase gives the source id, type and country.
 * Pronouns (he, she, him, her, who) resolve to the nearest earlier person: in the nearest earlier
 * sentence holding one, the source of an attribution first, else the first mention, else a name
 * opening the sentence as its subject ("Dost has reacted. … he reiterated"); "they" and "it" to
 * the nearest group or organisation source in their sentence or the one before. Definite
 * descriptions ("the agency", "the Russian leader", "the expert", "the Tarnovan leader") resolve
 * to the nearest earlier gazetteer source whose descriptions hold the phrase, else to the nearest
 * earlier name written with the descriptor as its title ("the Chairman" → "Chairman Ilhan
 * Dost"), else to the nearest earlier source of the same role type, else to a name of that type
 * opening one of the three sentences before. What cannot be resolved keeps `resolved: false` and `source_id: null`; it is
 * never guessed. Unknown names are typed by their description ("Oleksandr Kovalenko, a
 * military-political analyst" → expert), and unnamed plural sources ("US and South Korean
 * officials", "Russian news agencies") get type `unnamed` (or `state_media`/`document`/
 * `government` when the description says so) and the countries named.
 *
 * Governments: a state, capital or seat of government ("Russia", "Kyiv", "the Kremlin") is a
 * `government` source with its country when it is the whole source phrase ("US officials" is
 * unnamed with country US); a state institution ("South Korea's military", "Russian
 * authorities") is `government` too. Anonymous heads ("a source close to the Kremlin",
 * "government sources", "one senior British minister") are `unnamed`. A name repeated by one
 * word ("Hayashi") takes the earlier full name's resolution. Outlets the gazetteer lacks are
 * typed by their shape ("the Riverside Times" → other_media).
 *
 * Coordinated sources give one attribution per party ("Washington and Seoul said"); a
 * possessive conjunct ("the US and its allies") names no one and is dropped. Not attributions:
 * a cue after a form of "be" (passive: "X is accused of …"), "think tank", "showed off", a cue
 * word after a determiner or possessive ("the states", "Trump's show"), link lines ("Also
 * read: …") and photo captions. A quotation that runs on into the next paragraph (a paragraph
 * of quotation with no attribution of its own) extends the previous direct attribution's
 * content.
 *
 * Kind: `direct` when the content is a quotation (or a dash/continuation paragraph), `mixed` when
 * it holds quoted words, `indirect` otherwise. Offsets are code points, end exclusive.
 *
 * @module
 */
import { codePointIndex } from "../text/codepoints.ts";
import type { Cue } from "../resources/cues.ts";
import {
  type NounPhrase,
  phraseEndingAt,
  phraseStartingAt,
  skipBetweenSubjectAndCue,
  type Token,
} from "./noun_phrases.ts";
import type { Quote } from "../text/quotes.ts";
import type { Range } from "../text/segment.ts";
import type { Abbreviations } from "../resources/abbreviations.ts";
import type { Gazetteer, SourceType } from "../resources/gazetteer.ts";
import { firstAtOrAfter } from "../text/search.ts";
import { type CueHit, lowerBound, TextIndex, type TextSegments } from "./text_index.ts";
import { hasName, type Resolution, type SourceClaim, SourceResolver } from "./sources.ts";

export type { SourceType } from "../resources/gazetteer.ts";
export { doubleApostrophesAsQuotes, oddClosingMarksAsClosing } from "./text_index.ts";
export { doubleApostrophesAsMarks } from "../text/segment.ts";
export { hasName } from "./sources.ts";

/** A span of text: code-point offsets, end exclusive, and the text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Which pattern found an attribution (see the module documentation). */
export type AttributionRule =
  | "quote_then_source"
  | "source_colon_quote"
  | "source_colon"
  | "source_cue_content"
  | "content_source_cue"
  | "content_cue_source"
  | "participle"
  | "according_to"
  | "dash"
  | "continuation";

/** How the content is given: verbatim, partly quoted, or paraphrased. */
export type AttributionKind = "direct" | "mixed" | "indirect";

/** One attribution: source, cue and content spans with the source's identity. */
export interface Attribution {
  /** The source phrase as written ("he", "Putin", "US and South Korean officials"), or null. */
  source: Span | null;
  /** Gazetteer id of the source (after resolving pronouns and descriptions), or null. */
  source_id: string | null;
  source_type: SourceType | null;
  /** ISO alpha-2 code(s) joined by `|`, or null. */
  country: string | null;
  cue: Span | null;
  content: Span;
  kind: AttributionKind;
  /** Who relayed it: the relaying source's id, or its phrase when it has none; null if direct. */
  via: string | null;
  /** false when a pronoun or description could not be linked to a source (or there is none). */
  resolved: boolean;
  /** Canonical name (gazetteer), the antecedent's or the phrase's own text, or null. */
  source_name: string | null;
  /** Source type of the relaying source, or null. */
  via_type: SourceType | null;
  rule: AttributionRule;
}

/** An attribution as the rules find it (UTF-16 ranges), before output. */
interface Raw extends SourceClaim {
  src: Range | null;
  srcKind: "pronoun" | "phrase" | null;
  desc: Range | null;
  cue: Range | null;
  cueInfo: Cue | null;
  content: Range;
  rule: AttributionRule;
  inherit: Raw | null;
  res: Resolution | null;
  via: Raw | null;
}

const MEDIA_TYPES: ReadonlySet<string> = new Set(["state_media", "news_agency", "other_media"]);
const RELAY_CATEGORIES: ReadonlySet<string> = new Set(["report", "relay"]);
const WHITE_SPACE = /\s/u;
const FIRST_PERSON = /(?<![\p{L}\p{N}])(?:I|me|my|we|We|our|Our|us|My)(?![\p{L}\p{N}])|\bed\.\)/u;
/** A paragraph that ends like a sentence (a heading does not). */
const SENTENCE_END = /[.!?…]["”’»)]*\s*$/;
/** Words that do not open a source phrase after a quotation ("…,” when asked, …). */
const NOT_OPENERS: ReadonlySet<string> = new Set([
  "it",
  "there",
  "this",
  "that",
  "these",
  "those",
  "when",
  "as",
  "if",
  "while",
  "which",
  "who",
  "after",
  "before",
  "because",
  "so",
  "but",
  "and",
  "then",
  "to",
  "in",
  "on",
  "at",
  "for",
  "with",
  "of",
  "by",
  "from",
  "was",
  "is",
  "were",
  "are",
  "has",
  "had",
  "have",
  "not",
  "or",
  "than",
  "though",
  "although",
  "during",
  "into",
  "about",
  "over",
  "under",
  "since",
  "until",
  "what",
  "where",
  "why",
  "how",
]);

/** What stands before a participle cue: a comma (a quotation mark may follow it), or "by". */
const PARTICIPLE_BEFORE =
  /(?:(?:,["”’']*|\s[—–-])\s*(?:\p{Ll}+ly\s+)?|(?<![\p{L}\p{N}])(?:by|upon|and|while|after|before|when)\s+(?:\p{Ll}+ly\s+)?|(?<![\p{L}\p{N}])(?:statement|letter|e-?mail|message|tweet|post|note|memo|release|video|sign|petition|report)\s+(?:[\p{L}\d]+\s+){0,2})$|,$/u;
/** A form of "be" before a participle cue: "Trump isn't saying", "some are quietly saying". */
const PROGRESSIVE_BEFORE =
  /(?<![\p{L}\p{N}])(?:is|are|was|were|am|been|be|['’]s|['’]re|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)(?:\s+not)?\s+(?:\p{Ll}+ly\s+)?$/u;
/** A document that can report content: "In a new poll", "In her letter to the board". */
const IN_DOCUMENT =
  /^(?:(?:a|an|the|his|her|its|their|this|that|one|another)\s+)?(?:[\p{L}\d/.'’&-]+\s+){0,8}(?:poll|polls|survey|surveys|study|report|analysis|memo|filing|ruling|complaint|lawsuit|indictment)\b/iu;
/** A time phrase that is no subject: "the time", "the past", "last month", "this week". */
const TIME_PHRASE =
  /^(?:the (?:time|past|moment|end|start|weekend|morning|evening|night)|(?:last|this|next|that) (?:week|month|year|weekend|morning|night|spring|summer|fall|autumn|winter|time)|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)$/i;
/** A dateline opening a sentence: "WASHINGTON (AP) — ", "KYIV, Ukraine — ". */
const DATELINE = /^\p{Lu}[\p{Lu}\s.,'-]*(?:,\s*[\p{L}.\s]+)?(?:\s*\([^)]{1,30}\))?\s*[—–-]+\s*/u;
/** Words of an opening time phrase ("Hours later, …", "Last week, …"). */
const TIME_WORDS =
  /^(?:later|earlier|ago|today|yesterday|tonight|morning|afternoon|evening|night|day|days|week|weeks|month|months|year|years|hours?|minutes?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** "… from Eva Strand's press conference" ending a phrase before a colon: the owner's name. */
const OCCASION_OWNER =
  /\b[Ff]rom\s+((?:\p{Lu}[\p{L}.’'-]*\s+){0,3}\p{Lu}[\p{L}-]*)[’']s(?:\s+\p{Ll}[\p{L}-]*){1,3}\s*$/u;

/** Words that may stand between a form of "be" and a passive cue. */
const PASSIVE_ADVERB =
  /^(?:\p{Ll}+ly|also|not|widely|now|still|yesterday|today|tonight|earlier|again|once|already|even|never|last|night)$/u;

/** Cues whose object is the hearer: "told reporters the deal was illegal". */
const TELL_CUES: ReadonlySet<string> = new Set(["told", "tells", "tell", "telling"]);
const WEEKDAY = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)$/;
/** A word that may open the clause after a hearer: a determiner, a pronoun, a name, a number. */
const CLAUSE_START =
  /^(?:the|a|an|this|these|those|his|her|its|their|our|my|your|he|she|it|they|we|i|you|there|some|many|most|no|\p{Lu}[\p{L}’'.-]*|\d[\d.,%]*)$/u;

/** A share of people ending just before a subject phrase: "42% (of)", "about 60 percent of". */
const SHARE_BEFORE =
  /(?:^|[\s(])((?:(?:about|nearly|almost|roughly|around|just|only|over|more than|fewer than|less than)\s+)?\d[\d.,]*\s?(?:%|percent|per cent)\s+(of\s+)?)$/i;

/** A verb in its bare form (not -s, -ed or -ing): "show", "say", "suggest". */
const BARE_VERB = /^[\p{L}]+$(?<![sd]|ing)/u;
/** A plural noun or pronoun heading a subject: "polls", "the data", "they". */
const PLURAL_HEAD =
  /^(?:\p{L}+[^s\W]s|\p{L}*(?:data|media|people|police|criteria|they|we|you|these|those|both|all|many|most|some|others))$/iu;
/** "that" before a plural verb: a relative clause ("states that have voted"). */
const RELATIVE_PLURAL = /^that\s+(?:have|are|were|do|haven['’]t|aren['’]t|weren['’]t|don['’]t)\s/i;
/** A modal or auxiliary before a bare verb: "would show", "did not show", "to show". */
const MODAL =
  /^(?:would|will|should|could|can|may|might|must|did|does|do|to|not|n['’]t|['’]ll|['’]d)$/i;
/** A preposition after the head of a subject: "records from the FEC", "polls in Ohio". */
const HEAD_PREPOSITION = /^(?:from|in|of|at|on|for|with|across|by|among)$/i;

/**
 * Whether the subject ending at token `k` is plural: its last word is ("polls", "the data"), or
 * a plural word before a preposition within the last eight words is ("records from the 2008
 * cycle", "polls in New Hampshire").
 */
function pluralSubjectEndingAt(toks: readonly Token[], k: number): boolean {
  if (k < 0) return false;
  if (PLURAL_HEAD.test(toks[k].text)) return true;
  for (let j = k - 1; j >= 0 && j >= k - 8; j--) {
    if (!/^[\p{L}\p{N}]/u.test(toks[j].text)) return false;
    if (HEAD_PREPOSITION.test(toks[j + 1].text) && PLURAL_HEAD.test(toks[j].text)) return true;
  }
  return false;
}

/** The terms of anonymity after "asked", "requested": "not to be named", "anonymity". */
const ANONYMITY_TERMS =
  /^(?:not\s+to\s+be\s+(?:named|identified|quoted)|anonymity|to\s+remain\s+anonymous|that\s+(?:his|her|their)\s+names?\s+not\s+be)\b/i;
/** A number above one or a plural quantifier: the noun after it is plural. */
const PLURAL_QUANTIFIER =
  /^(?:[2-9]|[1-9]\d+|\d{1,3}(?:,\d{3})+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds|thousands|dozens|several|many|few|these|those|both|various|numerous)$/i;
/** An indefinite noun of up to four lower-case words: "a group", "an advocacy outfit". */
const INDEFINITE_NOUN = /^(?:[Aa]|[Aa]n)\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+$/u;
/**
 * A name or a quoted term, then the end or the verb of the sentence: "Sandy Hook Promise", "the
 * “Crossroads”", "Black Votes Matter is trying …".
 */
const NAME_ONLY =
  /^(?:the\s+)?(?:[“"‘'][^“”"]{1,80}[”"’']|\p{Lu}[\p{L}\p{N}’'.&-]*(?:\s+(?:of|the|for|and|\p{Lu}[\p{L}\p{N}’'.&-]*))*)(?:[.,]?$|\s+(?:is|was|are|were|has|had|which|that)\s)/u;

/** A subject pronoun opening what follows a cue: a clause ("said he had no comment"). */
const CLAUSE_SUBJECT = /^\s*(?:he|she|they|we|I|it|there)\s+\p{Ll}/u;
/** A short clause with a finite verb after a cue: "(said) the deal was bad". */
const FINITE_CLAUSE =
  /^\s*(?:the|a|an|this|his|her|its|their)\s+(?:[\p{L}-]+\s+){0,2}(?:is|was|are|were|has|had|have|will|would|could|can|should|might|must)\s/u;
/** A finite auxiliary opening what follows a cue word: the word was a noun ("states have"). */
const FINITE_AUXILIARY =
  /^(?:have|has|had|are|is|was|were|will|would|can|could|did|do|does|may|might|must|should)(?![\p{L}\p{N}])/u;
/** Forms of "be" that make a cue passive ("X is accused of …": X is not the source). */
const PASSIVE_BE: ReadonlySet<string> = new Set([
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "'s",
  "’s",
  // "It’s widely believed", "what’s today called": after these, 's is "is", not "has".
  "it's",
  "it’s",
  "what's",
  "what’s",
  "that's",
  "that’s",
  "there's",
  "there’s",
]);

/** Labels before a colon that name no source ("Note:", "Update:", "Here they are:"). */
const COLON_LABELS =
  /^(?:note|the latest|update|updated|correction|editor'?s? note|editor’s note|photo|image|video|watch|listen|read|also read|read more|related|see also|here|this|that|it|there|what|why|how|when|where|question|answer|q|a|subject|re|warning|breaking|live|opinion|analysis|comment|commentary|review|exclusive|factbox|explainer|timeline|key points|summary|tl;dr|ps|p\.s\.|by|from|to|cc|date|source|sources|credit|caption|tags?|topics?|category|filed under|more|and|but|so|first|second|third|finally|step \d+|chapter \d+|part \d+|day \d+)\b/i;

/** Cues that name what something is; their quoted content is the quotation alone. */
const NAMING_CUES: ReadonlySet<string> = new Set([
  "called",
  "calls",
  "calling",
  "described",
  "describes",
  "describing",
  "labeled",
  "labelled",
  "labeling",
  "labelling",
  "termed",
  "dubbed",
  "branded",
  "characterised",
  "characterized",
]);

/**
 * The attribution rules over one text: each pattern reads the {@linkcode TextIndex} and records
 * what it finds through {@linkcode Extraction.emit}; sources are resolved by a
 * {@linkcode SourceResolver}; `output` turns the records into {@linkcode Attribution}s.
 */
class Extraction {
  readonly index: TextIndex;
  readonly sources: SourceResolver;
  readonly raws: Raw[] = [];
  /** Raws by the sentence index of their cue (see `previousInSentence`). */
  readonly rawsBySentence = new Map<number, Raw[]>();
  /** Raws by the sentence index of their source start (see `rawsBySource`). */
  sourceIndex = new Map<number, Raw[]>();
  /** Verbatim contents found by the quotation and dash patterns, by start, with running max end. */
  directContents: { s: number; e: number; maxEnd: number }[] = [];
  readonly used = new Set<CueHit>();

  constructor(
    text: string,
    gaz: Gazetteer,
    givenQuotes?: readonly Quote[],
    abbreviations?: Abbreviations,
    segments?: TextSegments,
  ) {
    this.index = new TextIndex(text, gaz, givenQuotes, abbreviations, segments);
    this.sources = new SourceResolver(this.index, (si) => this.rawsBySource(si));
  }

  /** Where the content after a cue ends: the sentence end, or before a later relay cue. */
  contentEnd(from: number, sentEnd: number): number {
    let end = sentEnd;
    for (
      let i = firstAtOrAfter(this.index.cues, from + 1, (c) => c.s);
      i < this.index.cues.length;
      i++
    ) {
      const c = this.index.cues[i];
      if (c.s >= end) break;
      const before = this.index.text.slice(Math.max(from, c.s - 4), c.s);
      // "…, according to X" / "…, adding that …": the content ends at the comma.
      if (
        (c.cue.pattern === "source_after" || c.cue.pattern === "participle" ||
          c.cue.pattern === "participle_object") &&
        /,\s*$/.test(before) &&
        !this.index.inQuoteContent(c.s)
      ) {
        end = this.index.text.lastIndexOf(",", c.s);
        break;
      }
      // "… on Twitter before claiming …", "… while insisting …": a participle cue after a
      // conjunction of time opens the speaker's next statement.
      if (
        (c.cue.pattern === "participle" || c.cue.pattern === "participle_object") &&
        !this.index.inQuoteContent(c.s)
      ) {
        const m = /\s(?:before|after|while|then)\s+$/.exec(this.index.text.slice(from, c.s));
        if (m) {
          end = from + m.index;
          break;
        }
      }
      if (
        (c.cue.pattern === "verb" || c.cue.pattern === "verb_object") &&
        !this.index.inQuoteContent(c.s)
      ) {
        // "… and also said", "…, and he railed against", "…, after half said so", "… while
        // others say …": a new clause with its own cue (and a subject of up to five words, or
        // after "and"/"but" a pronoun or a name) ends the content.
        const m =
          /(?:,\s*|\s)(?:(?:and|but)\s+(?:(?:he|she|they|we|I|\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+){0,2})\s+)?(?:\p{Ll}+ly\s+|also\s+)?|(?:after|while|whereas|although|though|because|since)\s+(?:[\p{L}\d’'-]+\s+){1,5})$/u
            .exec(this.index.text.slice(from, c.s));
        if (m) {
          end = from + m.index;
          break;
        }
        // "…, he said there is no precedent": after a comma, a pronoun or a name and its cue
        // open the next statement (", he said," between commas is a parenthesis).
        const named =
          /,\s*(?:he|she|they|we|I|\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+){0,2})\s+(?:also\s+)?$/u
            .exec(this.index.text.slice(from, c.s));
        if (named && !/^\s*,/.test(this.index.text.slice(c.e, c.e + 3))) {
          end = from + named.index;
          break;
        }
      }
    }
    return end;
  }

  /**
   * Content after a cue: skips a short adjunct or hearer up to "that" (said in a statement that,
   * told reporters that) or up to a comma or colon (told Kim: “…”).
   */
  contentAfter(cueEnd: number, sentEnd: number): Range | null {
    let p = cueEnd;
    const toks = this.index.tokens(cueEnd, Math.min(sentEnd, cueEnd + 400));
    // A hearer or adjunct, then "that", or a comma or colon before a quotation: "wrote to his
    // 20,000 Twitter followers, “…”" (up to 12 tokens when a quotation follows).
    for (let j = 0; j < Math.min(toks.length, 12); j++) {
      const t = toks[j].text;
      const quoteNext = /^[“"‘]$/.test(toks[j + 1]?.text ?? "");
      if (t === "that" && j < 6) {
        // "said that was wrong": "that" before a finite verb is the subject of the content.
        const next = toks[j + 1]?.text ?? "";
        p = FINITE_AUXILIARY.test(next) && next.length === toks[j + 1].e - toks[j + 1].s
          ? toks[j].s
          : toks[j].e;
        break;
      }
      if ((t === ":" || t === ",") && (j === 0 || quoteNext)) {
        p = toks[j].e;
        break;
      }
      if ((t === ":" || t === ",") && j < 6 && !/^\d/.test(toks[j + 1]?.text ?? "")) break;
      if (/^[“"‘(;.!?]$/.test(t) || this.index.cueAt.has(toks[j].s)) break;
    }
    // "told reporters the deal was illegal", "tells CNN he will run": the hearer is no content.
    const cueWord = this.index.text.slice(this.index.cueStart(cueEnd), cueEnd).toLowerCase();
    if (p === cueEnd && TELL_CUES.has(cueWord)) {
      let np = phraseStartingAt(toks, 0, this.index.vocab);
      // (A plain word the phrase walk does not know: "reporters", "lawmakers".)
      if (!np && toks.length > 1 && /^\p{Ll}+$/u.test(toks[0].text)) {
        if (!CLAUSE_START.test(toks[0].text)) np = { s: toks[0].s, e: toks[0].e, kind: "phrase" };
      }
      let j = np ? toks.findIndex((t) => t.s >= np!.e) : -1;
      if (j > 0 && WEEKDAY.test(toks[j].text)) j++; // "told lawmakers Tuesday the deal …"
      if (j >= toks.length) j = -1;
      if (
        np && np.kind !== "pronoun" && j > 0 && j <= 5 && CLAUSE_START.test(toks[j].text)
      ) {
        p = toks[j].s;
      }
    }
    let end = this.contentEnd(p, sentEnd);
    // A stance cue takes an object, not a clause: "endorsed Clinton in November, is …" ends
    // at the comma.
    const cue = this.index.cueAt.get(this.index.cueStart(cueEnd));
    if (cue?.cue.category === "stance" && p === cueEnd) {
      const comma = this.index.text.slice(p, end).search(/[,;:(—–]|\s(?:but|and then)\s/);
      if (comma > 0) end = p + comma;
    }
    const r = this.index.trim([p, end]);
    if (!r) return null;
    let content = this.index.trim(this.index.outOfQuotes(r));
    // “Kim said “we are friends” and left”: a quotation opening the content ends it when a new
    // clause follows (and, but, before, then …).
    const q = content ? this.index.quoteStartingAt(content[0]) : undefined;
    if (
      content && q && q.closed && q.e < content[1] &&
      /^\s*(?:,?\s*(?:and|but|before|after|then|while|as|when|or)\s+\p{Ll}|,\s*\p{Ll}+ing\s)/u.test(
        (this.index.text[q.ce - 1] === "," ? "," : "") + this.index.text.slice(q.e, content[1]),
      )
    ) {
      content = [q.s, q.e];
    }
    return content &&
        NAMING_CUES.has(this.index.text.slice(this.index.cueStart(cueEnd), cueEnd).toLowerCase())
      ? this.namedQuotation(content) ?? content
      : content;
  }

  /**
   * The quotation of a naming cue's content: "called his actions “a crucial step”" gives the
   * quotation, when at most six words stand before it and it has five words or more.
   */
  namedQuotation(content: Range): Range | null {
    const qs = this.index.quotesWithin(content[0], content[1]).filter((q) => q.closed && !q.scare);
    if (qs.length === 0) return null;
    const q = qs[0];
    const words = this.index.text.slice(content[0], q.s).trim().split(/\s+/).filter((w) =>
      w !== ""
    );
    if (words.length > 6 || words.some((w) => /[.;:!?]$/.test(w))) return null;
    // A short label ("called him “a loser”") names rather than quotes speech: keep the whole.
    const quoted = this.index.text.slice(q.cs, q.ce).trim().split(/\s+/).length;
    return quoted >= 5 ? [q.s, q.e] : null;
  }

  /** The subject phrase at the start of the sentence holding `pos` (after an opening clause). */
  sentenceSubject(pos: number): Range | null {
    let [ss] = this.index.sentenceOf(pos);
    // A dateline is no subject: "WASHINGTON (AP) — Officials …".
    const dateline = DATELINE.exec(this.index.text.slice(ss, Math.min(pos, ss + 80)));
    if (dateline) ss += dateline[0].length;
    const toks = this.index.tokens(ss, pos);
    let k = 0;
    if (toks.length > 0) {
      const comma = toks.findIndex((t, i) => i < 10 && t.text === ",");
      const first = toks[0].text;
      if (
        comma > 0 &&
        (/^\p{Ll}/u.test(first) ||
          /^(In|On|At|After|Before|During|As|When|While|Then|But|And|However|Meanwhile|Earlier|Later|Previously|Following)$/
            .test(first) ||
          // "Hastily, …", "Walking out, …", "Having announced …, ".
          /^\p{Lu}\p{Ll}+(?:ly|ing)$/u.test(first) ||
          (comma <= 4 && toks.slice(0, comma).some((t) => TIME_WORDS.test(t.text))))
      ) {
        k = comma + 1;
      }
    }
    const np = phraseStartingAt(toks, k, this.index.vocab);
    return np ? [np.s, np.e] : null;
  }

  /**
   * The one place a rule records an attribution: fills the fields it leaves out, and, when the
   * cue is a hit of the cue index, takes the cue span and entry from the hit and marks the hit
   * used (no other rule takes it). Indexes the record by its cue's sentence.
   */
  emit(
    raw: Omit<Raw, "res" | "via" | "inherit" | "desc" | "cueInfo" | "cue"> & Partial<Raw>,
    hit?: CueHit,
  ): Raw {
    const full: Raw = {
      cue: null,
      desc: null,
      cueInfo: null,
      inherit: null,
      res: null,
      via: null,
      ...raw,
    };
    if (hit) {
      this.used.add(hit);
      full.cue = [hit.s, hit.e];
      full.cueInfo = hit.cue;
    }
    this.raws.push(full);
    if (full.cue) {
      const si = this.index.sentenceIndex(full.cue[0]);
      const list = this.rawsBySentence.get(si);
      if (list) list.push(full);
      else this.rawsBySentence.set(si, [full]);
    }
    return full;
  }

  /** True when `pos` lies in the content of an attribution found so far that is verbatim. */
  inDirectContent(pos: number): boolean {
    // directContents is sorted by start; maxEnd is the largest end up to each entry.
    const i = firstAtOrAfter(this.directContents, pos + 1, (d) => d.s) - 1;
    return i >= 0 && this.directContents[i].maxEnd > pos;
  }

  /** Indexes the verbatim contents found so far (see `inDirectContent`). */
  indexDirectContents(): void {
    const list = this.raws.filter((r) =>
      r.rule === "dash" || r.rule === "quote_then_source" || r.rule === "source_colon_quote"
    ).map((r) => ({ s: r.content[0], e: r.content[1], maxEnd: 0 })).sort((a, b) => a.s - b.s);
    let max = -1;
    for (const d of list) {
      max = Math.max(max, d.e);
      d.maxEnd = max;
    }
    this.directContents = list;
  }

  run(): void {
    this.quotePatterns();
    this.colonPattern();
    this.dashPattern();
    this.indexDirectContents();
    for (const c of this.index.cues) {
      if (this.used.has(c) || this.index.inQuoteContent(c.s) || this.inDirectContent(c.s)) continue;
      if (c.cue.pattern === "source_after") this.sourceAfter(c);
      else if (c.cue.pattern === "participle" || c.cue.pattern === "participle_object") {
        this.participle(c);
      } else this.verb(c);
    }
    this.inDocument();
    this.splitCoordinated();
    this.resolveAll();
    this.continuations();
    this.quoteContinuations();
    this.resolveAll();
    this.relays();
  }

  /** “…,” X said / “…,” said X / X: “…”. */
  quotePatterns(): void {
    // “A,” he said. “B.”: a quotation that opens the next sentence of the paragraph, with no
    // attribution of its own, continues the content of the attribution before it.
    const continues = new Map<number, Raw>();
    const nextQuote = (raw: Raw, from: number, pe: number, between: RegExp) => {
      const i = firstAtOrAfter(this.index.quotes, from, (x) => x.s);
      const q2 = this.index.quotes[i];
      // (No other cue in between: "…,” Hedge said, referring to the resorts. “…”.)
      const cueFrom = raw.cue ? raw.cue[1] : from;
      const cue = this.index.cues[firstAtOrAfter(this.index.cues, cueFrom, (c) => c.s)];
      if (
        q2 && q2.s < pe && q2.closed && !q2.scare &&
        between.test(this.index.text.slice(from, q2.s)) &&
        !(cue && cue.s < q2.s)
      ) {
        continues.set(q2.s, raw);
      }
    };
    for (const q of this.index.quotes) {
      const pi = lowerBound(this.index.skippedParagraphs, q.s);
      if (pi >= 0 && q.s < this.index.skippedParagraphs[pi][1]) continue;
      const [, pe] = this.index.paragraphOf(Math.max(q.s, q.e - 1));
      // A quotation straight after a verb cue is that cue's object ("what Kerem termed «…», the
      // sides agreed …"): no source after it.
      const hi = firstAtOrAfter(this.index.cues, q.s, (c) => c.s) - 1;
      const hostCue = hi >= 0 ? this.index.cues[hi] : undefined;
      const hosted = hostCue !== undefined && hostCue.e <= q.s && q.s - hostCue.e <= 3 &&
        (hostCue.cue.pattern === "verb" || hostCue.cue.pattern === "verb_object") &&
        /^\s*$/.test(this.index.text.slice(hostCue.e, q.s));
      // After the quotation.
      if (q.closed && q.e < pe && !hosted) {
        const toks = this.index.tokens(q.e, Math.min(pe, q.e + 300));
        let k = 0;
        if (toks[k]?.text === ",") k++;
        const innerEnd = this.index.text[q.ce - 1] ?? "";
        const hit = this.afterQuote(toks, k, innerEnd === ".");
        if (hit) {
          const raw = this.emit(
            {
              src: hit.src,
              srcKind: hit.srcKind,
              desc: hit.desc,
              content: [q.s, q.e],
              rule: "quote_then_source",
            },
            hit.cue,
          );
          // “A,” he said, “B.”: the second quotation has the same source and cue.
          const rest = this.index.text.slice(hit.end, Math.min(pe, hit.end + 6));
          const m = /^\s*,\s*(?=[“"‘])/.exec(rest);
          if (m) {
            const q2 = this.index.quoteStartingAt(hit.end + m[0].length);
            if (q2) raw.content = [q.s, q2.e];
          } else nextQuote(raw, hit.end, pe, /^[^“”"‘’.!?\n]{0,60}[.!?]\s+$/u);
          continue;
        }
      }
      const host = continues.get(q.s);
      // (Followed by white space or the paragraph end.)
      if (
        host && /[.!?…]/.test(this.index.text[q.ce - 1] ?? "") &&
        (q.e >= pe || WHITE_SPACE.test(this.index.text[q.e]))
      ) {
        host.content = [host.content[0], q.e];
        nextQuote(host, q.e, pe, /^\s+$/);
        continue;
      }
      // X: “…” (the quotation may open the next paragraph)
      const before = this.index.text.slice(Math.max(0, q.s - 6), q.s);
      if (/:\s*$/.test(before) && !this.index.titleCaseAt(q.s)) {
        const colon = this.index.text.lastIndexOf(":", q.s);
        const [ss] = this.index.sentenceOf(colon);
        const toks = this.index.tokens(ss, colon);
        const last = toks.length - 1;
        if (last >= 0 && this.index.cueAt.has(toks[last].s)) continue; // "said:" is a cue pattern
        const np = phraseEndingAt(toks, last, this.index.vocab);
        // The phrase must open its sentence: "Kerry: “…”", not "… he told CNN: “…”"; or follow
        // a dash or "from" in a sentence with no cue before it ("HEADLINE - Jones: “…”", "More
        // from the report: “…”").
        const lead = np ? this.index.text.slice(ss, np.s) : "";
        const ci = firstAtOrAfter(this.index.cues, ss, (c) => c.s);
        const opens = np !== null && toks.length > 0 &&
          (np.s === toks[0].s ||
            (/(?:\s[-–—]+|\b[Ff]rom)\s+$/.test(lead) &&
              !(ci < this.index.cues.length && this.index.cues[ci].s < colon)));
        if (
          np && opens &&
          (np.kind === "pronoun" || /\p{Lu}/u.test(this.index.text.slice(np.s, np.e)) ||
            /\b[Ff]rom\s+$/.test(lead))
        ) {
          this.emit({
            src: [np.s, np.e],
            srcKind: np.kind,
            cue: [colon, colon + 1],
            content: [q.s, q.e],
            rule: "source_colon_quote",
          });
        } else if (!np || !opens) {
          // "More from Strand's press conference: “…”": the occasion's owner speaks.
          const head = this.index.text.slice(ss, colon);
          const owner = OCCASION_OWNER.exec(head);
          if (owner && !(ci < this.index.cues.length && this.index.cues[ci].s < colon)) {
            const s0 = ss + owner.index + owner[0].indexOf(owner[1]);
            this.emit({
              src: [s0, s0 + owner[1].length],
              srcKind: "phrase",
              cue: [colon, colon + 1],
              content: [q.s, q.e],
              rule: "source_colon_quote",
            });
          }
        }
      }
    }
  }

  /**
   * "In a new poll released Monday, 50 percent chose …": a sentence opening with "In" and a
   * document (poll, survey, report, letter, statement …) up to a comma, with no cue of its own
   * after the comma, reports the document's content (rule `according_to`, cue "In").
   */
  inDocument(): void {
    for (const [ss, se] of this.index.sentences) {
      if (!this.index.text.startsWith("In ", ss)) continue;
      const at = this.index.text.slice(ss, Math.min(se, ss + 121)).indexOf(",");
      if (at < 0) continue;
      const comma = ss + at;
      const head = this.index.text.slice(ss + 3, comma);
      if (!IN_DOCUMENT.test(head) || /[“”"]/.test(head)) continue;
      let own = false;
      for (
        let ci = firstAtOrAfter(this.index.cues, ss, (c) => c.s);
        ci < this.index.cues.length;
        ci++
      ) {
        const c = this.index.cues[ci];
        if (c.s >= se) break;
        if (c.cue.pattern !== "participle" && !this.index.inQuoteContent(c.s)) own = true;
      }
      if (own) continue;
      const content = this.index.trim([comma + 1, se]);
      const src = this.index.trim([ss + 3, comma]);
      if (!content || !src) continue;
      this.emit({
        src,
        srcKind: "phrase",
        cue: [ss, ss + 2],
        content: this.index.trim(this.index.outOfQuotes(content)) ?? content,
        rule: "according_to",
      });
    }
  }

  /** Lynch: No outside influence … (a headline or paragraph opening "Name: claim"). */
  colonPattern(): void {
    const taken = new Set(
      this.raws.filter((r) => r.rule === "source_colon_quote").map((r) => r.cue![0]),
    );
    for (let pi = 0; pi < this.index.paragraphs.length; pi++) {
      const [ps, pe] = this.index.paragraphs[pi];
      const colon = this.index.text.indexOf(":", ps);
      if (colon < 0 || colon >= Math.min(pe, ps + 60) || taken.has(colon)) continue;
      const skip = lowerBound(this.index.skippedParagraphs, ps);
      if (skip >= 0 && this.index.skippedParagraphs[skip][0] === ps) continue;
      const toks = this.index.tokens(ps, colon);
      if (toks.length === 0 || toks.length > 6) continue;
      const head = this.index.text.slice(ps, colon);
      if (
        !/^\p{Lu}/u.test(head) || head === head.toUpperCase() || COLON_LABELS.test(head) ||
        toks.some((t) =>
          this.index.cueAt.has(t.s) || !/^[\p{L}\p{N}]/u.test(t.text) && t.text !== "-"
        )
      ) {
        continue;
      }
      const last = toks[toks.length - 1].text;
      if (!/^\p{Lu}/u.test(last) && !this.index.vocab.has(last.toLowerCase())) continue;
      const content = this.index.trim([colon + 1, pe]);
      if (!content || !/^\s*["“‘'\p{Lu}\p{N}]/u.test(this.index.text.slice(colon + 1, pe))) {
        continue;
      }
      // A tally ("Clinton: 2,316") or a roster of names ("Iowa: Tim Albrecht, Brad Anderson,
      // …") is no claim.
      const said = this.index.text.slice(content[0], content[1]);
      const items = said.split(",");
      if (
        /^[\d.,%\s]+$/.test(said) ||
        (items.length >= 5 &&
          items.every((x) => /^\s*(?:and\s+)?(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}$/u.test(x)))
      ) {
        continue;
      }
      this.emit({
        src: [ps, colon],
        srcKind: toks.length === 1 && /^(?:He|She|They|We|I)$/.test(head) ? "pronoun" : "phrase",
        cue: [colon, colon + 1],
        content,
        rule: "source_colon",
      });
    }
  }

  /**
   * The source phrase at token `j` after an inverted cue. "…,” said a longtime adviser to the
   * mayor, who …": a determiner opens a longer source that runs to a comma, stop or relative
   * pronoun (at most 12 words).
   */
  sourceAfterCue(toks: readonly Token[], j: number): NounPhrase | null {
    let np = phraseStartingAt(toks, j, this.index.vocab);
    if (j < toks.length && LENIENT_OPENERS.has(toks[j].text.toLowerCase())) {
      let e = j + 1;
      while (
        e < toks.length && e - j < 12 && /^[\p{L}\p{N}]/u.test(toks[e].text) &&
        (!CLAUSE_WORDS.has(toks[e].text.toLowerCase()) || toks[e].text === "to")
      ) {
        e++;
      }
      const ends = e >= toks.length || /^[.,;!?]$/.test(toks[e].text) ||
        /^(?:who|which|that)$/.test(toks[e].text);
      if (ends && e - 1 > j && (!np || np.e < toks[e - 1].e)) {
        np = { s: toks[j].s, e: toks[e - 1].e, kind: "phrase" };
      }
    }
    // "said retired neurosurgeon Ben Carson, …", "said pollster Frank Luntz.": descriptive words
    // before a name of two or more capitalised words.
    if (!np && j < toks.length && /^\p{Ll}/u.test(toks[j].text)) {
      let e = j;
      while (
        e < toks.length && e - j < 8 && /^[\p{L}][\p{L}'’.-]*$/u.test(toks[e].text) &&
        !CLAUSE_WORDS.has(toks[e].text.toLowerCase())
      ) {
        e++;
      }
      const ends = e >= toks.length || /^[.,;!?]$/.test(toks[e].text);
      const name = e - j >= 3 && /^\p{Lu}/u.test(toks[e - 1].text) &&
        /^\p{Lu}/u.test(toks[e - 2].text);
      if (ends && name) np = { s: toks[j].s, e: toks[e - 1].e, kind: "phrase" };
    }
    return np;
  }

  afterQuote(
    toks: Token[],
    k: number,
    sentenceEnded: boolean,
  ):
    | { src: Range; srcKind: "pronoun" | "phrase"; desc: Range | null; cue: CueHit; end: number }
    | null {
    if (k >= toks.length) return null;
    const isVerb = (c: CueHit | undefined) =>
      c !== undefined && (c.cue.pattern === "verb" || c.cue.pattern === "verb_object");
    // said Putin
    const c0 = this.index.cueAt.get(toks[k].s);
    if (isVerb(c0)) {
      let j = k;
      while (j < toks.length && toks[j].s < c0!.e) j++;
      const np = this.sourceAfterCue(toks, j);
      if (np) {
        const found = np;
        let end = np.e;
        let desc: Range | null = null;
        const jj = toks.findIndex((t) => t.s >= found.e);
        if (jj >= 0 && toks[jj].text === ",") {
          const stop = toks.findIndex((t, i) => i > jj && /^[.,;]$/.test(t.text));
          if (stop > jj + 1) desc = [toks[jj + 1].s, toks[stop - 1].e];
        }
        if (desc) end = Math.max(end, desc[1]);
        return {
          src: [found.s, found.e],
          srcKind: found.kind,
          desc,
          cue: c0!,
          end: Math.max(end, c0!.e),
        };
      }
      return null;
    }
    // Putin said / Musienko, an expert, said. After a quotation that ends its sentence, a new
    // sentence is the attribution only when it ends at the cue: “… missing.” Trump said.
    const endsAtCue = sentenceEnded && /^\p{Lu}/u.test(toks[k].text);
    while (k < toks.length && /^(and|but|so|then|But|And|So|Then)$/.test(toks[k].text)) k++;
    if (k >= toks.length) return null;
    let np = phraseStartingAt(toks, k, this.index.vocab);
    // A short run of words straight before a cue that opens with a determiner or a name:
    // “…,” the gambling tycoon told Reuters.
    const opener = /^\p{L}/u.test(toks[k].text) && !NOT_OPENERS.has(toks[k].text.toLowerCase());
    const lenientEnd = toks.findIndex((t, i) =>
      i >= k && (this.index.cueAt.has(t.s) || !/^[\p{L}\p{N}]/u.test(t.text))
    );
    if (
      opener && lenientEnd > k && lenientEnd - k <= 5 && this.index.cueAt.has(toks[lenientEnd].s)
    ) {
      const last = skipBetweenSubjectAndCue(toks, lenientEnd - 1);
      // (Not a second predicate: “…” facing the nations and reiterated …)
      const conjunction = last >= k && /^(?:and|or|but)$/i.test(toks[last].text) ||
        // (Nor a relative clause: “…” treaty that experts say is …)
        toks.slice(k, lenientEnd).some((t) => /^(?:that|which|who|whom)$/i.test(t.text));
      if (last >= k && !conjunction && (!np || np.e < toks[last].e)) {
        np = {
          s: toks[k].s,
          e: toks[last].e,
          kind: last === k && np?.kind === "pronoun" ? "pronoun" : "phrase",
        };
      }
    }
    if (!np) return null;
    let j = toks.findIndex((t) => t.s >= np.e);
    if (j < 0) return null;
    let desc: Range | null = null;
    // “…,” Sen. Ann Bell (D-Ohio), said: a stray comma straight before the cue.
    if (toks[j].text === "," && isVerb(this.index.cueAt.get(toks[j + 1]?.s ?? -1))) j++;
    if (toks[j].text === ",") {
      // Up to three comma-separated segments of description, then the cue:
      // “…,” Cecelia Purner, 67, a retired representative in Allentown, Pa., said.
      let stop = -1;
      for (let i = j + 1; i < Math.min(toks.length, j + 40); i++) {
        // "Allentown, Pa., said": a stop straight before a comma ends an abbreviation.
        const abbreviation = toks[i].text === "." && toks[i + 1]?.text === ",";
        if (/^[.;:!?“”"]$/.test(toks[i].text) && !abbreviation) break;
        if (toks[i].text === "," && this.index.cueAt.has(toks[i + 1]?.s ?? -1)) {
          stop = i;
          break;
        }
      }
      if (stop > j + 1) {
        desc = [toks[j + 1].s, toks[stop - 1].e];
        j = stop + 1;
      } else return null;
    }
    // skip adverbs and auxiliaries
    let guard = 0;
    while (
      j < toks.length && guard < 3 && !this.index.cueAt.has(toks[j].s) &&
      /^(also|then|later|has|had|once|again|\p{Ll}+ly)$/u.test(toks[j].text)
    ) {
      j++;
      guard++;
    }
    const c = j < toks.length ? this.index.cueAt.get(toks[j].s) : undefined;
    if (!isVerb(c)) return null;
    if (endsAtCue && !/^[.!]$/.test(toks[j + 1]?.text ?? ".")) return null;
    return { src: [np.s, np.e], srcKind: np.kind, desc, cue: c!, end: c!.e };
  }

  /** …, - believes Oleksandr Musienko, head of … (verbatim speech without quotation marks). */
  dashPattern(): void {
    for (const c of this.index.cues) {
      if (c.cue.pattern !== "verb" && c.cue.pattern !== "verb_object") continue;
      const head = this.index.text.slice(Math.max(0, c.s - 6), c.s);
      const m = /,\s*[-–—]\s*$/.exec(head);
      if (!m) continue;
      const comma = c.s - head.length + m.index;
      const [ps, pe] = this.index.paragraphOf(c.s);
      const toks = this.index.tokens(c.e, pe);
      const np = phraseStartingAt(toks, 0, this.index.vocab);
      if (!np) continue;
      let desc: Range | null = null;
      const j = toks.findIndex((t) => t.s >= np.e);
      if (j >= 0 && toks[j].text === ",") {
        const lastWord = toks.length - 1 -
          [...toks].reverse().findIndex((t) => /[\p{L}\p{N})]/u.test(t.text));
        if (lastWord > j) desc = [toks[j + 1].s, toks[lastWord].e];
      } else if (j >= 0 && !/^[.;!?]$/.test(toks[j].text)) continue;
      const content = this.index.trim([ps, comma]);
      if (!content) continue;
      this.emit(
        {
          src: [np.s, np.e],
          srcKind: np.kind,
          desc,
          content,
          rule: "dash",
        },
        c,
      );
    }
  }

  /** Subject (or inverted) verb cues: X said that … / …, X said / …, said X. */
  verb(c: CueHit): void {
    const [ss, se] = this.index.sentenceOf(c.s);
    const before = this.index.tokens(ss, c.s);
    let k = before.length - 1;
    // Inverted: …, said X. (A stance verb is not inverted: "…, endorsed Park in May".)
    if (k >= 0 && before[k].text === "," && c.cue.category !== "stance") {
      const after = this.index.tokens(c.e, Math.min(se, c.e + 300));
      const strict = phraseStartingAt(after, 0, this.index.vocab);
      // "…, said an aide who spoke on condition of anonymity": an article opens a longer source
      // that ends the sentence or runs into a relative clause.
      // (Only after "said"/"says" and up to five words: "Pavone, a priest, criticized the
      // draft language" is no inversion.)
      const lenient = strict === null && /^(?:a|an|the|one|another)$/i.test(after[0]?.text ?? "") &&
          /^(?:said|says)$/i.test(this.index.text.slice(c.s, c.e))
        ? this.sourceAfterCue(after, 0)
        : null;
      const np = strict ??
        (lenient && after.findIndex((t) => t.s >= lenient.e) <= 5 ? lenient : null);
      if (np) {
        const j = after.findIndex((t) => t.s >= np.e);
        const tail = j < 0 ? [] : after.slice(j);
        const ends = tail.length === 0 || /^[.!?;]$/.test(tail[0].text) ||
          (strict !== null && tail[0].text === "," && tail.length <= 25) ||
          (/^(?:who|whose)$/.test(tail[0].text) && tail.length <= 30);
        if (ends) {
          const content = this.index.trim(
            this.index.outOfQuotes([this.index.sentenceStart(c.s), before[k].s]),
          );
          if (content) {
            let desc: Range | null = null;
            if (tail.length > 1 && /^(?:,|who|whose)$/.test(tail[0].text)) {
              const last = tail.length - 1 - (/^[.!?]$/.test(tail[tail.length - 1].text) ? 1 : 0);
              if (last >= 1) desc = [tail[1].s, tail[last].e];
            }
            this.emit(
              {
                src: [np.s, np.e],
                srcKind: np.kind,
                desc,
                content,
                rule: "content_cue_source",
              },
              c,
            );
            return;
          }
        }
      }
    }
    if (this.passiveAt(before)) return;
    const cueWord = this.index.text.slice(c.s, c.e);
    // "New fundraising reports show …": a cue word in -s straight before a verb cue in its bare
    // form is the plural noun heading the subject of that verb.
    if (/[^s]s$/i.test(cueWord)) {
      const next = this.index.tokens(c.e, Math.min(se, c.e + 40))[0];
      const hit = next && this.index.cueAt.get(next.s);
      if (
        hit && hit.cue.pattern === "verb" && BARE_VERB.test(this.index.text.slice(hit.s, hit.e))
      ) {
        return;
      }
    }
    // "in 30 states", "several reports": after a number or a plural quantifier, a cue word in -s
    // is a plural noun (a verb in -s takes a singular subject). Not after a name's number:
    // "Article 4 specifies".
    if (
      /[^s]s$/i.test(cueWord) && k >= 0 &&
      PLURAL_QUANTIFIER.test(before[k].text) && !/^\p{Lu}/u.test(before[k - 1]?.text ?? "")
    ) {
      return;
    }
    // "Bob said he thought …": a belief of the speaker inside reported speech is part of the
    // speech, not an attribution of its own.
    if (c.cue.category === "belief") {
      const host = this.previousInSentence(c.s);
      const pron = /^(?:he|she|they|we|I)$/.test(before[before.length - 1]?.text ?? "");
      if (
        host && pron && host.cueInfo?.category === "speech" && host.content[0] <= c.s &&
        host.content[1] >= c.e
      ) {
        return;
      }
    }
    k = skipBetweenSubjectAndCue(before, k);
    // "He even thanked Dost for …", "She has even said …".
    while (k >= 1 && before[k].text === "even") k = skipBetweenSubjectAndCue(before, k - 1);
    if (k < 0) return;
    // "The TV show “The Apprentice”", "a Sunday talk show": a document cue in its bare form
    // ("show") takes a plural subject ("polls show", "records from the FEC show", "the data
    // show") unless a modal stands between ("Trump would show"); after a singular noun it is a
    // noun itself.
    if (
      c.cue.category === "document" && BARE_VERB.test(cueWord) &&
      !before.slice(k + 1).some((x) => MODAL.test(x.text)) && !pluralSubjectEndingAt(before, k)
    ) {
      return;
    }
    let src: Range | null = null;
    let srcKind: "pronoun" | "phrase" | null = null;
    let desc: Range | null = null;
    let inherit: Raw | null = null;
    let npStart = -1;
    const t = before[k].text;
    if (t === ",") {
      // Appositive: "Oleksandr Kovalenko, a military-political analyst of …, suggests"
      // or "The representative of the Pentagon, Pat Ryder, said".
      let j = k - 1;
      while (j >= 0 && before[j].text !== ",") j--;
      if (j < 1 || k - j < 2) return;
      const s1Text = this.index.text.slice(before[j + 1].s, before[k - 1].e);
      const s0Np = phraseEndingAt(before, j - 1, this.index.vocab);
      const s0Person = s0Np !== null &&
        this.index.mentionsWithin(s0Np.s, s0Np.e).some((m) => m.entry.kind === "person");
      const s1HasName = !s0Person && !PARTY_STATE.test(s1Text) &&
        (/^\p{Lu}/u.test(s1Text) && !/^(The|A|An)\s/.test(s1Text) ||
          /^the\s+(?:\p{Ll}[\p{L}-]*\s+)*\p{Lu}\S*(?:\s+\p{Lu}\S*)+$/u.test(s1Text));
      let np;
      // "Ana Ruiz, 34, a nurse from Tucson, said", "Sen. Ann Bell, R-Ohio, a former mayor,
      // said": an age or a party and state between the name and the description.
      let j2 = j - 1;
      while (j2 >= 0 && j - j2 <= 6 && before[j2].text !== ",") j2--;
      const tagged = !s1HasName && j2 >= 1 && j - j2 >= 2 && before[j2].text === "," &&
        AGE_OR_PARTY.test(this.index.text.slice(before[j2 + 1].s, before[j - 1].e));
      if (tagged) {
        np = phraseEndingAt(before, j2 - 1, this.index.vocab);
        desc = [before[j2 + 1].s, before[k - 1].e];
      } else if (!s1HasName) {
        np = phraseEndingAt(before, j - 1, this.index.vocab);
        desc = [before[j + 1].s, before[k - 1].e];
      } else {
        np = phraseEndingAt(before, k - 1, this.index.vocab);
        // The description is what stands before the comma: "The U.S. ambassador to the U.N.".
        if (j >= 1) desc = [before[Math.max(0, j - 12)].s, before[j - 1].e];
      }
      if (!np) return;
      // The name must be the subject: only an opening clause may stand before it.
      src = [np.s, np.e];
      srcKind = np.kind;
      npStart = np.s;
    } else if (t === "and" || t === "but") {
      inherit = this.previousInSentence(c.s);
      if (inherit) {
        src = inherit.src;
        srcKind = inherit.srcKind;
        desc = inherit.desc;
      } else {
        const subj = this.sentenceSubject(c.s);
        if (!subj) return;
        src = subj;
        srcKind = "phrase";
      }
    } else {
      let np = phraseEndingAt(before, k, this.index.vocab) ?? lenientSubject(before, k);
      if (!np) return;
      // "Polls consistently show majorities believe …": a verb cue inside the subject ends a
      // clause of its own; the subject is what follows it.
      const inner = before.findLastIndex((x) =>
        x.s >= np!.s && x.e < np!.e && this.index.cueAt.get(x.s)?.cue.pattern === "verb"
      );
      if (inner >= 0) {
        const cueEnd = this.index.cueAt.get(before[inner].s)!.e;
        const rest = before.findIndex((x) => x.s >= cueEnd);
        if (rest < 0 || rest > k) return;
        np = { s: before[rest].s, e: np.e, kind: "phrase" };
      }
      // "42% of voters say", "About 60 percent of Democrats say": the share is the subject.
      const share = SHARE_BEFORE.exec(this.index.text.slice(Math.max(ss, np.s - 40), np.s));
      if (share && (share[2] || /^of\s/.test(this.index.text.slice(np.s, np.e)))) {
        np = { s: np.s - share[1].length, e: np.e, kind: "phrase" };
      }
      // "Trump at the time said", "who has in the past described", "Sherman last month
      // joked": a time phrase stands between the subject and the cue.
      const npFirst = before.findIndex((x) => x.s >= np!.s);
      const prep = npFirst >= 1 ? before[npFirst - 1].text.toLowerCase() : "";
      const timePhrase = TIME_PHRASE.test(this.index.text.slice(np.s, np.e)) &&
        (npFirst === 0 || /^(?:at|in|on|during|over|for|earlier|late|early)$/.test(prep) ||
          /^(?:last|this|next|that)\s/i.test(this.index.text.slice(np.s, np.e)));
      if (timePhrase) {
        const back = skipBetweenSubjectAndCue(
          before,
          /^(?:last|this|next)\s/i.test(this.index.text.slice(np.s, np.e))
            ? npFirst - 1
            : npFirst - 2,
        );
        const subj = back >= 0 ? phraseEndingAt(before, back, this.index.vocab) : null;
        if (!subj) return;
        np = subj;
      }

      src = [np.s, np.e];
      srcKind = np.kind;
      npStart = np.s;
    }
    const content = this.contentAfter(c.e, se);
    const rest = this.index.text.slice(c.e, se);
    // A quotation after the cue (in any marks, '' included) is content, not a short tail.
    // A clause after the cue ("Asked about it, Brown said he had no comment") is content,
    // however short.
    const short = !content ||
      (/^[^“”"]*$/.test(rest) && this.index.quotesWithin(c.e, se).length === 0 &&
        rest.trim().split(/\s+/).length <= 6 && !/\bthat\b/.test(rest) &&
        !CLAUSE_SUBJECT.test(rest) && !FINITE_CLAUSE.test(rest));
    if (short && npStart >= 0) {
      let head = this.index.text.slice(Math.max(ss, npStart - 4), npStart);
      let m = /(,)\s*$/.exec(head);
      // "…, law enforcement officials say.": up to three more words of the subject after the
      // comma.
      if (!m && src) {
        const wide = this.index.text.slice(Math.max(ss, npStart - 40), npStart);
        const w = /,\s*((?:[\p{L}][\p{L}'’.-]*\s+){1,3})$/u.exec(wide);
        const words = w ? w[1].trim().split(/\s+/).map((x) => x.toLowerCase()) : [];
        if (
          w && srcKind !== "pronoun" &&
          words.every((x) =>
            !NOT_OPENERS.has(x) && !CLAUSE_WORDS.has(x) && !this.index.cueAt.has(0)
          )
        ) {
          npStart -= w[1].length;
          src = [npStart, src[1]];
          srcKind = "phrase";
          head = this.index.text.slice(Math.max(ss, npStart - 4), npStart);
          m = /(,)\s*$/.exec(head);
        }
      }
      if (m) {
        const comma = npStart - head.length + m.index;
        const trailing = this.index.trim(
          this.index.outOfQuotes([this.index.sentenceStart(c.s), comma]),
        );
        if (trailing) {
          this.emit(
            {
              src,
              srcKind,
              desc,
              content: trailing,
              rule: "content_source_cue",
            },
            c,
          );
          return;
        }
      }
    }
    let finalContent = content;
    if (!finalContent) {
      // "Putin said:" at the end of a paragraph, the quotation in the next one.
      const [, pe] = this.index.paragraphOf(c.s);
      if (/^\s*[:,]?\s*$/.test(this.index.text.slice(c.e, pe))) {
        const next = this.index.paragraphs[lowerBound(this.index.paragraphs, c.s) + 1];
        const q = next && this.index.quoteStartingAt(next[0]);
        if (q) finalContent = [q.s, q.e];
      }
    }
    if (!finalContent || !this.complementOk(c, finalContent)) return;
    // "Rust Belt states have suffered", "swing states will vote": a verb straight after the cue
    // word makes it the head noun of the subject, not a cue.
    if (
      finalContent[0] - c.e <= 1 &&
      FINITE_AUXILIARY.test(this.index.text.slice(finalContent[0], finalContent[0] + 12))
    ) {
      // But "said"/"says" is no noun: after "which officials said", "what analysts said" the
      // verb opens the rest of a relative clause, which is the content up to its comma.
      const at = npStart >= 0 ? before.findIndex((x) => x.s >= npStart) : -1;
      const relative = at >= 1 && /^(?:which|that|what|who)$/i.test(before[at - 1].text) &&
        /^(?:said|says|say)$/i.test(this.index.text.slice(c.s, c.e));
      if (!relative) return;
      const comma = this.index.text.indexOf(",", finalContent[0]);
      if (comma >= 0 && comma < finalContent[1]) finalContent = [finalContent[0], comma];
    }
    // "Rust Belt states that have suffered": a cue word in -s before "that" and a plural verb is
    // a plural noun with its relative clause ("that has" would be the singular demonstrative).
    if (
      /[^s]s$/i.test(this.index.text.slice(c.s, c.e)) &&
      RELATIVE_PLURAL.test(this.index.text.slice(finalContent[0], finalContent[0] + 20))
    ) {
      return;
    }
    // "a group called the “We The People Foundation”", "a program named Sandy Hook Promise": a
    // naming verb after an indefinite noun names the thing; nobody speaks. ("A spokesman called
    // Putin a liar" still speaks: its content is more than a name.)
    if (
      src && NAMING_CUES.has(this.index.text.slice(c.s, c.e).toLowerCase()) &&
      INDEFINITE_NOUN.test(this.index.text.slice(src[0], src[1])) &&
      NAME_ONLY.test(this.index.text.slice(finalContent[0], finalContent[1]))
    ) {
      return;
    }
    this.emit(
      {
        src,
        srcKind,
        desc,
        content: finalContent,
        rule: "source_cue_content",
        inherit,
      },
      c,
    );
  }

  /**
   * Whether the tokens before a cue end in a form of "be" (up to two adverb or time words may
   * stand between): "X is accused of …", "X was widely believed to …", "X was yesterday accused
   * of …". The subject is not the source.
   */
  passiveAt(before: readonly Token[]): boolean {
    let k = before.length - 1;
    // Up to two words: "was yesterday accused", "was last night accused", "is also widely seen".
    for (let n = 0; n < 2 && k >= 0 && PASSIVE_ADVERB.test(before[k].text); n++) k--;
    return k >= 0 && PASSIVE_BE.has(before[k].text.toLowerCase());
  }

  /**
   * The terms of anonymity are no content ("asked not to be named"). A `clause` cue needs
   * "that", a colon, a comma or a quotation before its content; a `not_to_from` cue takes no
   * content opened by "to" or "from" ("adding to her lead", "the attack added to tensions",
   * "Lee reported from Seoul").
   */
  complementOk(c: CueHit, content: Range): boolean {
    // "who asked not to be named", "requested anonymity": the terms of anonymity, not speech.
    if (ANONYMITY_TERMS.test(this.index.text.slice(content[0], content[0] + 40))) return false;
    if (c.cue.complement === "any") return true;
    if (c.cue.complement === "not_to_from") {
      return !/^(?:to|from)\s/i.test(this.index.text.slice(content[0], content[0] + 5));
    }
    const between = this.index.text.slice(c.e, content[0]);
    // A clause without "that": "I know he is right", "voters feel they were ignored".
    // (A comma alone is no complement: "swing states, including Ohio".)
    return /\bthat\b|:/.test(between) ||
      (/,\s*$/.test(between) && /^["“‘]/.test(this.index.text.slice(content[0], content[0] + 1))) ||
      /^["“‘]/.test(this.index.text.slice(content[0], content[0] + 1)) ||
      (between.trim() === "" &&
        CLAUSE_SUBJECT.test(this.index.text.slice(content[0], content[0] + 40)));
  }

  /** The latest attribution found so far whose cue is earlier in the same sentence. */
  previousInSentence(pos: number): Raw | null {
    const [ss] = this.index.sentenceOf(pos);
    let best: Raw | null = null;
    for (const r of this.rawsBySentence.get(this.index.sentenceIndex(pos)) ?? []) {
      if (!r.cue || r.cue[0] < ss || r.cue[0] >= pos) continue;
      if (!best || r.cue[0] > best.cue![0]) best = r;
    }
    return best;
  }

  /** …, adding that … : the source is the sentence's earlier source, or its subject. */
  participle(c: CueHit): void {
    const [ss, se] = this.index.sentenceOf(c.s);
    // "…, adding", "“…,” adding" (the comma inside the quotation), "… by saying", "and adding".
    let named: NounPhrase | null = null;
    const lead = this.index.text.slice(Math.max(ss, c.s - 40), c.s);
    const asSaying = /\bquoted\s+(\S(?:[^,;:“”"]*\S)?)\s+as\s+$/u.exec(
      this.index.text.slice(Math.max(ss, c.s - 120), c.s),
    );
    if (asSaying) {
      // "Interfax quoted Deputy Minister Andrei Rudenko as saying that …": the one quoted
      // speaks (relayed by the one quoting).
      const e = c.s - asSaying[0].length + asSaying[0].indexOf(asSaying[1]) + asSaying[1].length;
      named = { s: e - asSaying[1].length, e, kind: "phrase" };
    } else if (PROGRESSIVE_BEFORE.test(lead)) {
      // "Trump isn't saying what …", "some are quietly saying it is time": the subject before
      // the form of "be" speaks.
      const before = this.index.tokens(ss, c.s);
      let k = before.length - 1;
      while (
        k >= 0 &&
        /^(?:is|are|was|were|am|been|be|['’]s|['’]re|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|not|n['’]t|\p{Ll}+ly)$/u
          .test(before[k].text)
      ) {
        k--;
      }
      named = k >= 0 ? phraseEndingAt(before, k, this.index.vocab) : null;
      if (!named) return;
    } else if (!PARTICIPLE_BEFORE.test(lead)) {
      // "…, with Gov. Martin O’Malley calling Trump a fascist", "about Pope Francis calling
      // Christmas a sham": a name straight before the participle after "with"/"about".
      const before = this.index.tokens(ss, c.s);
      named = phraseEndingAt(before, before.length - 1, this.index.vocab);
      const i = named ? before.findIndex((t) => t.s >= named!.s) : -1;
      if (
        !named || named.kind !== "phrase" || i < 1 || named.e < c.s - 40 ||
        !(/^(?:with|about|of)$/i.test(before[i - 1].text) ||
          (i >= 2 && /^\p{Ll}+$/u.test(before[i - 1].text) &&
            /^(?:with|about|of)$/i.test(before[i - 2].text))) ||
        !/(?:^|\s)\p{Lu}/u.test(this.index.text.slice(named.s, named.e))
      ) {
        return;
      }
    }
    const inherit = named ? null : this.previousInSentence(c.s);

    let src: Range | null = named ? [named.s, named.e] : null;
    if (!inherit && !src) {
      src = this.sentenceSubject(c.s);
      if (!src) return;
    }
    const content = this.contentAfter(c.e, se);
    if (!content || !this.complementOk(c, content)) return;
    this.emit(
      {
        src: inherit ? inherit.src : src,
        srcKind: inherit ? inherit.srcKind : named ? named.kind : "phrase",
        desc: inherit ? inherit.desc : null,
        content,
        rule: "participle",
        inherit,
      },
      c,
    );
  }

  /** according to X, … / …, as reported by X / …, citing X. */
  sourceAfter(c: CueHit): void {
    const [ss, se] = this.index.sentenceOf(c.s);
    const after = this.index.tokens(c.e, Math.min(se, c.e + 300));
    const before = this.index.tokens(ss, c.s);
    const prev = before[before.length - 1];
    // The source runs to the first comma or stop (at most 25 tokens, no quotation, clause mark
    // or cue on the way): "according to early results of exit polls conducted for …", "according
    // to the results", "according to two officials familiar with the planning, …".
    let np = phraseStartingAt(after, 0, this.index.vocab);
    let stop = -1;
    for (let i = 0; i < Math.min(after.length, 26); i++) {
      const t = after[i].text;
      if (/^[,;:.!?“”"‘’()—–]$/.test(t) || (i > 0 && this.index.cueAt.has(after[i].s))) {
        stop = i;
        break;
      }
    }
    if (stop < 0 && after.length <= 25) stop = after.length;
    if (stop > 0 && /^[\p{L}\p{N}]/u.test(after[0].text) && (!np || np.e < after[stop - 1].e)) {
      np = { s: after[0].s, e: after[stop - 1].e, kind: np?.kind ?? "phrase" };
      if (stop > 1) np.kind = "phrase";
    }
    if (!np) return;
    // "… as reported by Russian state media citing the Kremlin’s website": a relay.
    if (c.cue.category === "relay") {
      const host = (this.rawsBySentence.get(this.index.sentenceIndex(c.s)) ?? []).find((r) =>
        r.rule === "according_to" && r.src && r.src[1] <= c.s && c.s - r.src[1] <= 3
      );
      if (host) {
        const raw = this.emit(
          {
            src: [np.s, np.e],
            srcKind: np.kind,
            content: host.content,
            rule: "according_to",
          },
          c,
        );
        raw.via = host;
        return;
      }
      // "Sanders said …, citing the report": the one who cites is the sentence's speaker (or
      // subject) and what is cited the content, as with "…, adding …".
      if (prev?.text === ",") {
        this.participle(c);
        return;
      }
    }
    let content: Range | null = null;
    const found = np;
    let nextTok = after.find((t) => t.s >= found.e);
    if (!prev && nextTok && nextTok.text !== ",") {
      // "According to two officials familiar with the planning, …": the source runs to the
      // first comma (a short post-modifier, no quotation or clause mark on the way).
      const from = after.indexOf(nextTok);
      for (let i = from; i < Math.min(after.length, from + 12); i++) {
        const t = after[i].text;
        if (/^[“”"‘’:;.!?()]$/.test(t) || this.index.cueAt.has(after[i].s)) break;
        if (t === ",") {
          if (i > from) {
            np.e = after[i - 1].e;
            nextTok = after[i];
          }
          break;
        }
      }
    }
    const contentAfterComma = (): Range | null => {
      if (!nextTok || nextTok.text !== ",") return null;
      const r = this.index.trim([nextTok.e, this.contentEnd(nextTok.e, se)]);
      return r ? this.index.trim(this.index.outOfQuotes(r)) : null;
    };
    if (!prev || (prev.text === "," && before.length <= 5 && nextTok?.text === ",")) {
      content = contentAfterComma();
    } else if (prev.text === ",") {
      content = this.index.trim(this.index.outOfQuotes([this.index.sentenceStart(c.s), prev.s]));
    } else {
      const k = skipBetweenSubjectAndCue(before, before.length - 1);
      if (k >= 0) {
        content = this.index.trim(
          this.index.outOfQuotes([this.index.sentenceStart(c.s), before[k].e]),
        );
      }
    }
    if (!content) content = contentAfterComma();
    if (!content) return;
    this.emit(
      {
        src: [np.s, np.e],
        srcKind: np.kind,
        content,
        rule: "according_to",
      },
      c,
    );
  }

  /**
   * Dash-style texts: unattributed first-person paragraphs continue the previous speaker, and
   * once a paragraph has continued, the following unattributed paragraphs that end like a
   * sentence continue too, up to a heading (no closing punctuation), a quotation or another
   * attribution.
   */
  continuations(): void {
    if (!this.raws.some((r) => r.rule === "dash")) return;
    // The raws touching each paragraph: by content, and by cue.
    const byParagraph = new Map<number, Set<Raw>>();
    const note = (pi: number, r: Raw) => {
      const set = byParagraph.get(pi);
      if (set) set.add(r);
      else byParagraph.set(pi, new Set([r]));
    };
    for (const r of this.raws) {
      const first = Math.max(0, lowerBound(this.index.paragraphs, r.content[0]));
      const last = lowerBound(this.index.paragraphs, Math.max(r.content[0], r.content[1] - 1));
      for (let pi = first; pi <= last; pi++) note(pi, r);
      if (r.cue) {
        const pi = lowerBound(this.index.paragraphs, r.cue[0]);
        if (pi >= 0) note(pi, r);
      }
    }
    const rank = new Map(this.raws.map((r, i) => [r, i]));
    let speaker: Raw | null = null;
    for (let pi = 0; pi < this.index.paragraphs.length; pi++) {
      const [ps, pe] = this.index.paragraphs[pi];
      // Inside continued speech, a belief reported with a pronoun source ("a paranoid who
      // expects an attack") is part of the speaker's words, not a new turn.
      const inSpeech: boolean = speaker?.rule === "continuation";
      const touching = [...(byParagraph.get(pi) ?? [])].sort((a, b) => rank.get(a)! - rank.get(b)!);
      const here: Raw[] = touching.filter((r) =>
        ((r.content[0] < pe && r.content[1] > ps) ||
          (r.cue !== null && r.cue[0] >= ps && r.cue[0] < pe)) &&
        !(inSpeech && r.srcKind === "pronoun" && r.cueInfo?.category === "belief")
      );
      if (here.length > 0) {
        speaker = here.reduce((a, b) => (b.content[1] > a.content[1] ? b : a));
        const res = speaker.res;
        if (!res || !res.resolved || res.name === null || res.entity !== "person") speaker = null;
        continue;
      }
      let hasQuote = false;
      for (
        let i = firstAtOrAfter(this.index.quotes, ps, (q) => q.s);
        i < this.index.quotes.length;
        i++
      ) {
        const q = this.index.quotes[i];
        if (q.s >= pe) break;
        if (!q.scare) {
          hasQuote = true;
          break;
        }
      }
      const paragraph = this.index.text.slice(ps, pe);
      const chained = speaker?.rule === "continuation" && SENTENCE_END.test(paragraph);
      if (speaker && !hasQuote && (chained || FIRST_PERSON.test(paragraph))) {
        const content = this.index.trim([ps, pe]);
        if (content) {
          speaker = this.emit({
            src: null,
            srcKind: null,
            cue: null,
            content,
            rule: "continuation",
            inherit: speaker,
          });
          continue;
        }
      }
      speaker = null;
    }
  }

  /**
   * Coordinated sources give one attribution per party: "Washington and Seoul said" gives
   * Washington and Seoul; "the US and its allies said" gives the US ("its allies" names no one).
   * A phrase is split only when each conjunct is a gazetteer name or a proper name, or a
   * possessive phrase that refers back ("its allies", "their partners"); "US and South Korean
   * officials" stays whole.
   */
  splitCoordinated(): void {
    for (const r of [...this.raws]) {
      if (!r.src || r.srcKind !== "phrase") continue;
      const [s, e] = r.src;
      const phrase = this.index.text.slice(s, e);
      if (!/,\s|\sand\s/.test(phrase)) continue;
      const parts: Range[] = [];
      const sep = /\s*,\s*(?:and\s+)?|\s+and\s+/g;
      let from = 0;
      for (const m of phrase.matchAll(sep)) {
        parts.push([s + from, s + m.index!]);
        from = m.index! + m[0].length;
      }
      parts.push([s + from, e]);
      const kept: Range[] = [];
      let dropped = 0;
      let whole = false;
      for (const [ps, pe] of parts) {
        const part = this.index.text.slice(ps, pe);
        if (part === "") {
          whole = true;
          break;
        }
        if (/^(?:its|their|other|others)\b/i.test(part)) {
          dropped++;
          continue;
        }
        const bare = /^(?:the|The)\s+/.exec(part);
        const ms = this.index.mentionsWithin(ps, pe);
        const isMention = ms.length === 1 &&
          (ms[0].s === ps || ms[0].s === ps + (bare ? bare[0].length : 0)) &&
          ms[0].e === pe;
        if (isMention || (hasName(this.index.gaz, part) && !/^\p{Ll}/u.test(part))) {
          kept.push([ps, pe]);
        } else {
          whole = true;
          break;
        }
      }
      if (whole || kept.length === 0 || (kept.length === 1 && dropped === 0)) continue;
      r.src = kept[0];
      for (const k of kept.slice(1)) this.emit({ ...r, src: k, res: null });
    }
  }

  /**
   * A quotation that continues into the next paragraph keeps its speaker: a paragraph that
   * opens with a quotation mark, is mostly quoted and has no attribution of its own, after a
   * paragraph whose last attribution is a direct quotation (or after another such paragraph),
   * is added to that attribution's content (which then runs to the paragraph's end).
   */
  quoteContinuations(): void {
    const lastDirect = new Map<number, Raw>();
    const touched = new Set<number>();
    for (const r of this.raws) {
      const pis = [lowerBound(this.index.paragraphs, r.content[0])];
      if (r.cue) pis.push(lowerBound(this.index.paragraphs, r.cue[0]));
      for (const pi of pis) touched.add(pi);
      const direct = r.rule === "quote_then_source" || r.rule === "source_colon_quote" ||
        (r.rule === "source_cue_content" && this.kindOf(r) === "direct");
      const pi = lowerBound(this.index.paragraphs, r.content[1] - 1);
      const prev = lastDirect.get(pi);
      if (direct && (!prev || prev.content[1] <= r.content[1])) lastDirect.set(pi, r);
      else if (!direct && prev && prev.content[1] < r.content[1]) lastDirect.delete(pi);
    }
    let speaker: Raw | null = null;
    for (let pi = 0; pi < this.index.paragraphs.length; pi++) {
      const [ps, pe] = this.index.paragraphs[pi];
      if (touched.has(pi)) {
        speaker = lastDirect.get(pi) ?? null;
        continue;
      }
      if (speaker === null) continue;
      // A quotation opening the paragraph, or one from an earlier paragraph running on.
      const q = this.index.quoteStartingAt(ps) ?? this.index.quoteAround(ps);
      let quoted = 0;
      const from = Math.max(0, firstAtOrAfter(this.index.quotes, ps, (x) => x.s) - 1);
      for (let i = from; i < this.index.quotes.length; i++) {
        const x = this.index.quotes[i];
        if (x.s >= pe) break;
        if (x.e > ps) quoted += Math.min(x.e, pe) - Math.max(x.s, ps);
      }
      if (!q || q.scare || quoted < 0.8 * (pe - ps)) {
        speaker = null;
        continue;
      }
      // The speaker's content runs on to the end of this paragraph.
      speaker.content = [speaker.content[0], pe];
    }
  }

  resolveAll(): void {
    this.raws.sort((a, b) => this.anchor(a) - this.anchor(b));
    this.sourceIndex = new Map();
    for (const r of this.raws) {
      if (!r.src) continue;
      const si = this.index.sentenceIndex(r.src[0]);
      const list = this.sourceIndex.get(si);
      if (list) list.push(r);
      else this.sourceIndex.set(si, [r]);
    }
    for (const r of this.raws) r.res = this.sources.resolve(r);
  }

  /** Raws whose source starts in sentence `si` (as of the last `resolveAll`). */
  rawsBySource(si: number): readonly Raw[] {
    return this.sourceIndex.get(si) ?? [];
  }

  anchor(r: Raw): number {
    return Math.min(r.cue ? r.cue[0] : Infinity, r.src ? r.src[0] : Infinity, r.content[0]);
  }

  /** Sets `via` on attributions whose cue lies in the content of a relaying attribution. */
  relays(): void {
    // The relaying attributions by content start; a host's content holds the cue, so only
    // hosts starting at most `longest` before it can.
    const hosts = this.raws.filter((b) =>
      b.res !== null && b.rule !== "dash" && b.rule !== "continuation" &&
      ((b.cueInfo !== null && RELAY_CATEGORIES.has(b.cueInfo.category)) ||
        (b.res.type !== null && MEDIA_TYPES.has(b.res.type)))
    ).sort((x, y) => x.content[0] - y.content[0]);
    const longest = hosts.reduce((m, b) => Math.max(m, b.content[1] - b.content[0]), 0);
    for (const a of this.raws) {
      if (a.via) continue;
      const at = a.cue ? a.cue[0] : a.src ? a.src[0] : -1;
      if (at < 0) continue;
      let host: Raw | null = null;
      for (let i = firstAtOrAfter(hosts, at + 1, (b) => b.content[0]) - 1; i >= 0; i--) {
        const b = hosts[i];
        if (b.content[0] < at - longest) break;
        if (b === a || at >= b.content[1]) continue;
        if (!host || b.content[1] - b.content[0] < host.content[1] - host.content[0]) host = b;
      }
      if (host) a.via = host;
    }
  }

  kindOf(r: Raw): AttributionKind {
    if (r.rule === "dash" || r.rule === "continuation" || r.rule === "quote_then_source") {
      return "direct";
    }
    const [s, e] = r.content;
    const inside = this.index.quotesWithin(s, e);
    if (inside.length === 0) return "indirect";
    if (inside.length > 1) return "mixed";
    const q = inside[0];
    // Direct when only white space (or "that") stands before the quotation and only white space
    // and punctuation after it.
    const text = this.index.text;
    if (/^\s*(?:that\s*)?$/i.test(text.slice(s, q.s)) && !/[^\s.,;:!?]/.test(text.slice(q.e, e))) {
      return "direct";
    }
    return "mixed";
  }

  output(): Attribution[] {
    const cp = this.index.surrogates ? codePointIndex(this.index.text) : (i: number) => i;
    const span = (r: Range | null): Span | null =>
      r === null
        ? null
        : { start: cp(r[0]), end: cp(r[1]), text: this.index.text.slice(r[0], r[1]) };
    // Raws kept, by content start: one per content, cue start and source start.
    const seen = new Map<number, Raw[]>();
    const out: Attribution[] = [];
    for (const r of this.raws) {
      const same = seen.get(r.content[0]);
      if (
        same?.some((o) =>
          o.content[1] === r.content[1] && o.cue?.[0] === r.cue?.[0] && o.src?.[0] === r.src?.[0]
        )
      ) {
        continue;
      }
      if (same) same.push(r);
      else seen.set(r.content[0], [r]);
      const res = r.res!;
      const viaRes = r.via?.res ?? null;
      out.push({
        source: span(r.src),
        source_id: res.id,
        source_type: res.type,
        country: res.country,
        cue: span(r.cue),
        content: span(r.content)!,
        kind: this.kindOf(r),
        via: r.via
          ? (viaRes?.id ?? viaRes?.name ??
            (r.via.src ? this.index.text.slice(r.via.src[0], r.via.src[1]) : null))
          : null,
        resolved: res.resolved,
        source_name: res.name,
        via_type: viaRes?.type ?? null,
        rule: r.rule,
      });
    }
    return out;
  }
}

/** Words that end no subject ("to say", "would say", "let me say"). */
const NOT_SUBJECT_END: ReadonlySet<string> = new Set([
  "to",
  "not",
  "never",
  "would",
  "will",
  "can",
  "could",
  "may",
  "might",
  "should",
  "must",
  "do",
  "does",
  "did",
  "it",
  "this",
  "that",
  "there",
  "which",
  "what",
  "who",
  "whom",
  "also",
  "just",
  "only",
  "even",
  "then",
  "than",
  "and",
  "but",
  "or",
  "so",
  "as",
  "if",
  "when",
  "me",
  "him",
  "her",
  "us",
  "them",
  "you",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "has",
  "have",
  "had",
  "being",
  "the",
  "a",
  "an",
  "of",
  "in",
  "on",
  "at",
  "for",
  "with",
  "by",
  "from",
  "now",
  "here",
  "today",
  "yesterday",
  "again",
  "often",
  "usually",
  "once",
  "later",
  "earlier",
]);
/** A party and state after a lawmaker's name: "R-Ohio", "D-N.Y.", "I-Vt.". */
const PARTY_STATE = /^[RDI]-\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?$/u;
/** An age ("34") or a party and state ({@linkcode PARTY_STATE}) set off by commas after a name. */
const AGE_OR_PARTY = /^(?:\d{1,3}|[RDI]-\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)$/u;

/** Determiners that open an inverted source after a quotation ("said a longtime adviser"). */
const LENIENT_OPENERS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "one",
  "another",
  "his",
  "her",
  "their",
  "its",
]);
/** Words a subject does not hold (a clause boundary or a verb group). */
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  "that",
  "which",
  "who",
  "whom",
  "whose",
  "when",
  "while",
  "because",
  "if",
  "as",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "has",
  "have",
  "had",
  "would",
  "will",
  "to",
  "not",
  "it",
  "there",
  "than",
  "where",
  "although",
  "though",
  "after",
  "before",
  "since",
  "until",
  "said",
  "says",
  "say",
  "told",
  "can",
  "could",
  "may",
  "might",
  "should",
  "must",
  "do",
  "does",
  "did",
  "he",
  "she",
  "they",
  "we",
  "i",
  "you",
  "his",
  "her",
  "their",
  "our",
  "my",
]);
/** Words that open a clause before its subject ("But aides say"). */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  "but",
  "and",
  "so",
  "yet",
  "still",
  "also",
  "however",
  "meanwhile",
  "now",
  "then",
  "instead",
  "or",
  "while",
  "though",
  "although",
  "because",
  "as",
  "that",
]);
/** One-word subjects that are not plural nouns: "half said", "most say", "others say". */
const QUANTITY_SUBJECTS: ReadonlySet<string> = new Set([
  "half",
  "most",
  "many",
  "some",
  "others",
  "all",
  "both",
  "few",
  "several",
  "none",
  "everyone",
  "everybody",
  "nobody",
  "someone",
  "somebody",
  "majority",
  "minority",
]);

/**
 * A subject the noun-phrase walk does not take, before a cue at token `last`: a short run of
 * words from the clause start ("Seventy-four percent of Democratic registered voters", "About 4
 * in 10", "tech executives", "aides"), without a clause word or punctuation. One word must be a
 * plural or a quantity ("aides", "half"). Null when there is none.
 */
function lenientSubject(toks: readonly Token[], last: number): NounPhrase | null {
  if (last < 0) return null;
  const word = (t: Token) => /^[\p{L}\p{N}][\p{L}\p{N}’'\-.]*$/u.test(t.text);
  const lastLower = toks[last].text.toLowerCase();
  if (!word(toks[last]) || NOT_SUBJECT_END.has(lastLower) || /ly$/.test(lastLower)) return null;
  let i = last;
  while (i - 1 >= 0 && last - (i - 1) < 10) {
    const t = toks[i - 1];
    const lower = t.text.toLowerCase();
    if (!word(t) || CLAUSE_WORDS.has(lower) || CLAUSE_OPENERS.has(lower)) break;
    i--;
  }
  // The run must start the clause: the sentence start, punctuation or a clause opener.
  const prev = toks[i - 1];
  if (prev && word(prev) && !CLAUSE_OPENERS.has(prev.text.toLowerCase())) return null;
  while (i < last && CLAUSE_OPENERS.has(toks[i].text.toLowerCase())) i++;
  if (i === last) {
    const w = lastLower;
    if (!QUANTITY_SUBJECTS.has(w) && !/[^s]s$/.test(w)) return null;
  }
  return { s: toks[i].s, e: toks[last].e, kind: "phrase" };
}

/** Options of {@linkcode extractAttributions}. */
export interface ExtractAttributionsOptions {
  /**
   * The quotations of `text` as found by `findQuotes(text)` (default options), when the caller
   * has them already: they are not searched for again. Ignored when `text` holds a pair of
   * straight apostrophes (''), whose quotations are found here (see
   * {@linkcode doubleApostrophesAsQuotes}). The result is the same with or without them.
   */
  quotes?: readonly Quote[];
  /**
   * Abbreviations that end no sentence, and titles kept with their stop (default: the data
   * folder's `abbreviations.csv`, see `defaultAbbreviations`).
   */
  abbreviations?: Abbreviations;
  /**
   * The paragraph and sentence ranges of `text` as the extractor splits it (see
   * {@linkcode TextSegments}), when the caller has them: not split again. The result is the same.
   */
  segments?: TextSegments;
}

/**
 * Extracts the attributions of `text` (an article body, a headline, or a whole file), in text
 * order. Offsets are code points into `text`. Pass `options.quotes` when the quotations of
 * `text` are known (from `findQuotes(text)`) to skip finding them again.
 *
 * @example
 * ```ts
 * const gaz = await loadGazetteer();
 * const [a] = extractAttributions("“This is truly a landmark document,” Putin stated.", gaz);
 * a.source_id; // "putin"
 * a.kind; // "direct"
 * a.content.text; // "“This is truly a landmark document,”"
 * const t = "“Yes,” Kim said.";
 * extractAttributions(t, gaz, { quotes: findQuotes(t).quotes }); // the same attributions
 * ```
 */
export function extractAttributions(
  text: string,
  gazetteer: Gazetteer,
  options: ExtractAttributionsOptions = {},
): Attribution[] {
  const x = new Extraction(
    text,
    gazetteer,
    options.quotes,
    options.abbreviations,
    options.segments,
  );
  x.run();
  return x.output();
}
