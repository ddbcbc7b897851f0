/**
 * Quotation detection.
 *
 * Finds the quotations in a text: straight (`"`, `'`) and curly (`“ ”`, `‘ ’`) marks, German and
 * French marks (`„…“`, `‚…‘`, `«…»`, `»…«`, `‹…›`), the same text in any of these styles giving the
 * same quotes; `“` used as a closing mark (`“…,“ he said`), straight and curly marks mixed in one
 * quote, quotes nested in quotes, a quotation that runs over several paragraphs
 * (an opening mark at the start of each paragraph, the closing mark only at the end), and
 * apostrophes that are not quotation marks (Russia’s, don’t, countries’, rock ’n’ roll, ’90s).
 * Unbalanced marks are reported as problems, never thrown.
 *
 * Paragraphs are lines by default (news text stores one paragraph per line, or separates
 * paragraphs with blank lines); pass `{ paragraphs: "blank-lines" }` for hard-wrapped text.
 *
 * Every offset is a Unicode code-point index into the text, end exclusive.
 *
 * @module
 */
import { lastAtOrBefore } from "./search.ts";
import { codePointIndex, utf16Index } from "./codepoints.ts";
import { paragraphRanges, sentenceRanges } from "./segment.ts";

/** One quotation. Offsets are code points into the text, end exclusive. */
export interface Quote {
  /** Start of the span, at the opening mark. */
  start: number;
  /** End of the span, after the closing mark (or at the paragraph/text end when unclosed). */
  end: number;
  /** Start of the quoted words, after the opening mark. */
  contentStart: number;
  /** End of the quoted words, before the closing mark. */
  contentEnd: number;
  /** 0 = outermost, 1 = nested in a quote, and so on. */
  depth: number;
  /** false = no closing mark: the quote ran to the end of its paragraph or of the text. */
  closed: boolean;
  /** true = continued over paragraphs (opening mark at each start, closing mark only at the end). */
  multiParagraph: boolean;
}

/** A quotation mark that could not be paired. `offset` is the code point of the mark. */
export interface QuoteProblem {
  offset: number;
  message: string;
}

/** Options of {@linkcode findQuotes}. */
export interface FindQuotesOptions {
  /**
   * How paragraphs are separated: `"lines"` (default: every line break ends a paragraph) or
   * `"blank-lines"` (only an empty or blank line ends a paragraph, for hard-wrapped text).
   */
  paragraphs?: "lines" | "blank-lines";
  /**
   * Whether the text may hold UTF-16 surrogates (code points above U+FFFF). Give `false` only
   * when known (e.g. from `TermMatcher.scanDetailed`): it skips a pass over the text. Default:
   * checked here.
   */
  surrogates?: boolean;
}

type Kind = "double" | "single";

interface Open {
  kind: Kind;
  mark: string;
  pos: number; // UTF-16 index of the opening mark
  multiParagraph: boolean;
}

/** A {@linkcode Quote} with UTF-16 indices instead of code points (converted at the end). */
type RawQuote = Quote;

const WORD = /[\p{L}\p{N}]/u;
const MARK = /["'“”„«»‘’‚‹›]/g;
const DOUBLE_MARKS = '"“”„«»';
const SINGLE_MARKS = "'‘‚‹›";
const SPACE = /\s/u;
// Elisions written with a leading apostrophe: rock 'n' roll, 'em, 'tis, 'twas, '90s, 'cause, 'til.
const ELISION =
  /^(?:n['’](?![\p{L}\p{N}])|em(?![\p{L}\p{N}])|tis(?![\p{L}\p{N}])|twas(?![\p{L}\p{N}])|\d\ds?(?![\p{L}\p{N}])|cause(?![\p{L}\p{N}])|til(?![\p{L}\p{N}]))/iu;
// Characters after which a straight single quote may open a quotation.
const OPENING_CONTEXT = /[\s([{“"‘'«„—–\-/:]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || SPACE.test(ch);
}

/** Where an opening mark sits: after a space, the start or opening punctuation, before a word. */
function openingPosition(prev: string | undefined, next: string | undefined): boolean {
  return (prev === undefined || isSpace(prev) || OPENING_CONTEXT.test(prev)) && !isSpace(next);
}

/** Where a closing mark sits: after a non-space, before a space, punctuation or the end. */
function closingPosition(prev: string | undefined, next: string | undefined): boolean {
  return !isSpace(prev) && !isWordChar(next);
}

/**
 * Finds the quotations in `text` and reports marks that could not be paired.
 *
 * Rules: `„` opens a double quote; `“ «` open one, but close an open double quote where a closing
 * mark sits (after the quoted words, before a space or punctuation: `“…,“ he said`, `„…“`,
 * `»…«`); `” »` close the innermost open double quote, or open one where an opening mark sits
 * (`”…”`, `»…«`); a straight `"` closes the innermost open double quote or else opens one. `‚ ‹`
 * open a single quote and `›` closes one (or opens one, `›…‹`). `‘` opens a single quote; `’` and `'` close an open single quote
 * when they follow a non-space and are not followed by a letter or digit, and otherwise are
 * apostrophes; `'` opens a single quote only after a space or opening punctuation and not before
 * an elision ('n', 'em, '90s). A paragraph that ends inside a quote continues it when the next
 * paragraph starts with an opening mark of the same kind (`multiParagraph`); otherwise the quote
 * is reported as unclosed and ends at the paragraph end.
 *
 * @example
 * ```ts
 * const { quotes, problems } = findQuotes("He said “it is Russia’s ‘red line’” today.");
 * quotes.length; // 2: the outer quote (depth 0) and ‘red line’ (depth 1)
 * problems.length; // 0
 * ```
 */
export function findQuotes(
  text: string,
  options: FindQuotesOptions = {},
): { quotes: Quote[]; problems: QuoteProblem[] } {
  const raw: RawQuote[] = [];
  const rawProblems: Array<{ pos: number; message: string }> = [];
  const paragraphs = paragraphRanges(text, { blankLines: options.paragraphs === "blank-lines" });
  let stack: Open[] = [];

  const close = (open: Open, depth: number, markPos: number, markLen: number) => {
    raw.push({
      start: open.pos,
      end: markPos + markLen,
      contentStart: open.pos + open.mark.length,
      contentEnd: markPos,
      depth,
      closed: true,
      multiParagraph: open.multiParagraph,
    });
  };
  const abandon = (open: Open, depth: number, endPos: number, why: string) => {
    raw.push({
      start: open.pos,
      end: endPos,
      contentStart: open.pos + open.mark.length,
      contentEnd: endPos,
      depth,
      closed: false,
      multiParagraph: open.multiParagraph,
    });
    rawProblems.push({ pos: open.pos, message: `unclosed quote ${open.mark}: ${why}` });
  };
  /** Close the innermost open quote of `kind`, abandoning quotes opened inside it. */
  const closeKind = (kind: Kind, pos: number, len: number, mark: string): boolean => {
    let idx = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].kind === kind) {
        idx = k;
        break;
      }
    }
    if (idx < 0) return false;
    for (let k = stack.length - 1; k > idx; k--) {
      abandon(stack[k], k, pos, `closed by the outer ${mark} before its own closing mark`);
    }
    close(stack[idx], idx, pos, len);
    stack = stack.slice(0, idx);
    return true;
  };
  const top = (): Open | undefined => stack[stack.length - 1];
  const openDouble = (ch: string, i: number) => {
    const t = top();
    if (t && t.kind === "double") {
      // A double opening mark directly inside a double quote: the earlier one was not closed.
      abandon(t, stack.length - 1, i, `another opening ${ch} came before its closing mark`);
      stack.pop();
    }
    stack.push({ kind: "double", mark: ch, pos: i, multiParagraph: false });
  };

  for (let p = 0; p < paragraphs.length; p++) {
    const [ps, pe] = paragraphs[p];
    let i = ps;
    // A continued quotation: the paragraph starts with an opening mark of the open outer quote.
    if (stack.length > 0 && stack[0].multiParagraph) {
      const ch = text[i];
      const kind: Kind | null = DOUBLE_MARKS.includes(ch)
        ? "double"
        : SINGLE_MARKS.includes(ch)
        ? "single"
        : null;
      if (kind === stack[0].kind) i++;
    }
    for (; i < pe; i++) {
      // Jump to the next quotation mark or apostrophe (most characters are neither).
      MARK.lastIndex = i;
      // test (no match object): the mark is one code unit, so it is at lastIndex - 1.
      if (!MARK.test(text) || MARK.lastIndex - 1 >= pe) break;
      i = MARK.lastIndex - 1;
      const ch = text[i];
      const prev = i > ps ? text[i - 1] : undefined;
      const next = i + 1 < pe ? text[i + 1] : undefined;
      switch (ch) {
        case "„": {
          // Always an opening mark („…“, „…”).
          openDouble(ch, i);
          break;
        }
        case "“":
        case "«": {
          // Usually opening; closing when a double quote is open and the mark sits where a
          // closing mark sits (“…,“ he said; „…“; »…«).
          if (
            stack.some((o) => o.kind === "double") && closingPosition(prev, next) &&
            !openingPosition(prev, next)
          ) {
            closeKind("double", i, 1, ch);
          } else openDouble(ch, i);
          break;
        }
        case "”":
        case "»": {
          // Usually closing; opening when no double quote is open and the mark sits where an
          // opening mark sits (”…”, »…«).
          if (closeKind("double", i, 1, ch)) break;
          if (openingPosition(prev, next)) openDouble(ch, i);
          else {rawProblems.push({
              pos: i,
              message: `closing quote ${ch} without an opening quote`,
            });}
          break;
        }
        case '"': {
          const hasDouble = stack.some((o) => o.kind === "double");
          if (hasDouble) closeKind("double", i, 1, ch);
          else stack.push({ kind: "double", mark: ch, pos: i, multiParagraph: false });
          break;
        }
        case "‚":
        case "‹": {
          // ‹ closes a single quote opened by › (›…‹) when it follows the quoted words.
          const t = top();
          if (
            ch === "‹" && t && t.kind === "single" && closingPosition(prev, next) &&
            !openingPosition(prev, next)
          ) {
            closeKind("single", i, 1, ch);
          } else if (!isSpace(next)) {
            stack.push({ kind: "single", mark: ch, pos: i, multiParagraph: false });
          }
          break;
        }
        case "›": {
          const t = top();
          if (t && t.kind === "single") closeKind("single", i, 1, ch);
          else if (openingPosition(prev, next)) {
            stack.push({ kind: "single", mark: ch, pos: i, multiParagraph: false });
          }
          break;
        }
        case "‘": {
          const t = top();
          // A closing ‘ (‚…‘, ‘…‘): a single quote is open and the mark follows its words.
          if (
            t && t.kind === "single" && closingPosition(prev, next) && !openingPosition(prev, next)
          ) {
            closeKind("single", i, 1, ch);
            break;
          }
          if (ELISION.test(text.slice(i + 1, Math.min(pe, i + 8)))) break; // rock ‘n’ roll
          if (isSpace(next)) break; // a stray mark before a space opens nothing
          stack.push({ kind: "single", mark: ch, pos: i, multiParagraph: false });
          break;
        }
        case "’":
        case "'": {
          const t = top();
          const canClose = !isSpace(prev) && !isWordChar(next);
          if (t && t.kind === "single" && canClose) {
            closeKind("single", i, 1, ch);
            break;
          }
          if (
            ch === "'" && (prev === undefined || OPENING_CONTEXT.test(prev)) && !isSpace(next) &&
            !ELISION.test(text.slice(i + 1, Math.min(pe, i + 8)))
          ) {
            stack.push({ kind: "single", mark: ch, pos: i, multiParagraph: false });
          }
          // Otherwise an apostrophe: Russia’s, don't, countries’, ’n’.
          break;
        }
      }
    }
    if (stack.length === 0) continue;
    // The paragraph ended inside a quote. Continue it if the next paragraph opens with the same kind.
    const nextPara = paragraphs[p + 1];
    const outer = stack[0];
    const nextCh = nextPara ? text[nextPara[0]] : undefined;
    const nextKind: Kind | null = nextCh === undefined
      ? null
      : DOUBLE_MARKS.includes(nextCh)
      ? "double"
      : SINGLE_MARKS.includes(nextCh) &&
          !ELISION.test(text.slice(nextPara![0] + 1, nextPara![0] + 8))
      ? "single"
      : null;
    for (let k = stack.length - 1; k >= 1; k--) {
      abandon(stack[k], k, pe, "the paragraph ended before its closing mark");
    }
    stack = [outer];
    if (nextKind === outer.kind) {
      outer.multiParagraph = true;
    } else {
      abandon(
        outer,
        0,
        pe,
        nextPara
          ? "the paragraph ended before its closing mark"
          : "the text ended before its closing mark",
      );
      stack = [];
    }
  }

  const cp = options.surrogates === false ? (i: number) => i : codePointIndex(text);
  const quotes: Quote[] = raw.map((q) => ({
    start: cp(q.start),
    end: cp(q.end),
    contentStart: cp(q.contentStart),
    contentEnd: cp(q.contentEnd),
    depth: q.depth,
    closed: q.closed,
    multiParagraph: q.multiParagraph,
  })).sort((a, b) => a.start - b.start || b.end - a.end);
  const problems: QuoteProblem[] = rawProblems.map((p) => ({
    offset: cp(p.pos),
    message: p.message,
  }))
    .sort((a, b) => a.offset - b.offset);
  return { quotes, problems };
}

/**
 * The quoted words of `quote` (between the marks) as a string.
 *
 * @example
 * ```ts
 * const text = "a “b c” d";
 * quoteContent(findQuotes(text).quotes[0], text); // "b c"
 * ```
 */
export function quoteContent(quote: Quote, text: string): string {
  const u = utf16Index(text);
  return text.slice(u(quote.contentStart), u(quote.contentEnd));
}

/**
 * Whether `quote` is a scare quote: a closed, single-paragraph quote of one to three words that
 * does not end in punctuation (“Comrade”, a “historic moment”), as opposed to a quoted fragment
 * of speech (“To be honest,”).
 *
 * @example
 * ```ts
 * const text = "the “Comrade” said “To be honest,” twice";
 * findQuotes(text).quotes.map((q) => isScareQuote(q, text)); // [true, false]
 * ```
 */
export function isScareQuote(quote: Quote, text: string): boolean {
  if (!quote.closed || quote.multiParagraph) return false;
  return isScareQuoteContent(quoteContent(quote, text));
}

/**
 * The word test of {@linkcode isScareQuote} on the quoted words alone: one to three words, not
 * ending in punctuation.
 *
 * @example
 * ```ts
 * isScareQuoteContent("great leader"); // true
 * isScareQuoteContent("To be honest,"); // false
 * ```
 */
export function isScareQuoteContent(content: string): boolean {
  const c = content.trim();
  if (c === "" || c.length > 80 || /[.,!?;:…]$/u.test(c)) return false;
  const words = c.split(/\s+/u).filter((w) => WORD.test(w));
  return words.length >= 1 && words.length <= 3;
}

/**
 * The innermost quote whose content contains the code-point span [start, end), or undefined.
 * `quotes` is the list returned by {@linkcode findQuotes}.
 *
 * @example
 * ```ts
 * const { quotes } = findQuotes("x “a ‘b’ c” y");
 * quoteAt(quotes, 5, 6)?.depth; // 1: "b" is inside the nested quote
 * ```
 */
export function quoteAt(quotes: readonly Quote[], start: number, end: number): Quote | undefined {
  // Quotes are sorted by start: find the last one starting at or before `start` by binary search,
  // then look back only as far as the longest quote reaches, so that a text with thousands of
  // quotes stays linear. Of the quotes holding the span, the deepest wins (the last one of equal
  // depth in the list).
  const ix = quoteIndex(quotes);
  let best: Quote | undefined;
  for (let i = lastAtOrBefore(ix.starts, start) ?? -1; i >= 0; i--) {
    const q = quotes[i];
    if (q.contentStart < start - ix.maxLen) break;
    if (end <= q.contentEnd && (!best || q.depth > best.depth)) best = q;
  }
  return best;
}

/** The content starts of a sorted quote list and its longest content, built once per list. */
const quoteIndexes = new WeakMap<readonly Quote[], { starts: number[]; maxLen: number }>();

function quoteIndex(quotes: readonly Quote[]): { starts: number[]; maxLen: number } {
  let ix = quoteIndexes.get(quotes);
  if (!ix) {
    let maxLen = 0;
    for (const q of quotes) maxLen = Math.max(maxLen, q.contentEnd - q.contentStart);
    ix = { starts: quotes.map((q) => q.contentStart), maxLen };
    quoteIndexes.set(quotes, ix);
  }
  return ix;
}

/**
 * Verbs and phrases that give quoted words a speaker when they come before the quote in its
 * sentence: speech (said, told, called, termed, dubbed, described … as, referred to, spoke of),
 * evaluation voiced by someone (praised, hailed, thanked, condemned, denounced, welcomed),
 * chanting and singing, and publication (released, published, issued, announced, wrote,
 * tweeted). Case-insensitive, whole words.
 *
 * @example
 * ```ts
 * SPEECH_BEFORE.test("what Moscow termed "); // true
 * SPEECH_BEFORE.test("Russia held "); // false
 * ```
 */
export const SPEECH_BEFORE: RegExp = new RegExp(
  // Not after a hyphen: "so-called" is the outlet's distancing, not a speech verb.
  "(?<![\\p{L}\\p{N}\\-‐‑])(?:" + [
    "sa(?:y|ys|id|ying)",
    "t(?:ell|ells|old|elling)",
    "call(?:s|ed|ing)?",
    "term(?:s|ed|ing)",
    "dub(?:s|bed|bing)",
    "describ(?:e|es|ed|ing)",
    "characteri[sz](?:e|es|ed|ing)",
    "label(?:s|ed|led|ing|ling)",
    "brand(?:s|ed|ing)",
    "refer(?:s|red|ring)",
    "sp(?:oke|eak|eaks|eaking) (?:of|about)",
    "hail(?:s|ed|ing)?",
    "prais(?:e|es|ed|ing)",
    "laud(?:s|ed|ing)?",
    "applaud(?:s|ed|ing)?",
    "thank(?:s|ed|ing)?",
    "chant(?:s|ed|ing)?",
    "shout(?:s|ed|ing)?",
    "s(?:ang|ing|ings|inging)",
    "(?:re)?promis(?:e|es|ed|ing)",
    "pledg(?:e|es|ed|ing)",
    "vow(?:s|ed|ing)?",
    "warn(?:s|ed|ing)?",
    "condemn(?:s|ed|ing)?",
    "denounc(?:e|es|ed|ing)",
    "decr(?:y|ies|ied|ying)",
    "criticis(?:e|es|ed|ing)",
    "criticiz(?:e|es|ed|ing)",
    "welcom(?:e|es|ed|ing)",
    "urg(?:e|es|ed|ing)",
    "insist(?:s|ed|ing)?",
    "stress(?:es|ed|ing)?",
    "not(?:e|es|ed|ing)",
    "talk(?:s|ed|ing)? (?:of|about)",
    "emphasi[sz](?:e|es|ed|ing)",
    "(?:re)?affirm(?:s|ed|ing)?",
    "reiterat(?:e|es|ed|ing)",
    "assert(?:s|ed|ing)?",
    "claim(?:s|ed|ing)?",
    "declar(?:e|es|ed|ing)",
    "proclaim(?:s|ed|ing)?",
    "announc(?:e|es|ed|ing)",
    "tout(?:s|ed|ing)?",
    "boast(?:s|ed|ing)?",
    "releas(?:es|ed|ing)",
    "publish(?:es|ed|ing)",
    "issu(?:ed|ing)",
    "unveil(?:s|ed|ing)",
    "wr(?:ote|ite|ites|iting|itten)",
    "tweet(?:s|ed|ing)?",
    "post(?:ed|ing)",
    "quot(?:e|es|ed|ing)",
    "cit(?:e|es|ed|ing)",
    "accord(?:ing) to",
    "in (?:his|her|their|its) words",
    "statement",
  ].join("|") + ")(?![\\p{L}\\p{N}])",
  "iu",
);

/**
 * A closing attribution after a quote in its sentence (`…, the ministry said`, `said Kim`,
 * `according to officials`, `as Kim put it`).
 *
 * @example
 * ```ts
 * SPEECH_AFTER.test(" was overdue, officials said."); // true
 * ```
 */
export const SPEECH_AFTER: RegExp =
  /(?<![\p{L}\p{N}])(?:said|says|told|added|noted|stated|declared|insisted|wrote|tweeted|according to|put it|quoted)(?![\p{L}\p{N}])/iu;

/**
 * Words with which the outlet itself distances from what follows: a quote right after one of
 * them is distancing even when someone else used the words.
 *
 * @example
 * ```ts
 * DISTANCING_BEFORE.test("the so-called "); // true
 * ```
 */
export const DISTANCING_BEFORE: RegExp =
  /(?<![\p{L}\p{N}])(?:so[\s\-‐‑]called|alleged(?:ly)?|supposed(?:ly)?|self[\s\-‐‑](?:styled|proclaimed|declared)|purported(?:ly)?|ostensibl[ey]|would[\s\-‐‑]be)(?:\s+[\p{L}\p{N}’'\-]+){0,2}\s*$/iu;

/**
 * A noun right before a quote that makes it a name or title, not a scare quote (`the newspaper
 * "Izvestia"`, `exercise "Vostok"`, `known as "the Summit of Friends"`).
 *
 * @example
 * ```ts
 * NAMING_BEFORE.test("the daily "); // true
 * ```
 */
export const NAMING_BEFORE: RegExp =
  /(?<![\p{L}\p{N}])(?:newspaper|magazine|daily|weekly|journal|agency|channel|broadcaster|film|movie|documentary|book|novel|poem|song|anthem|album|show|series|programme|program|operation|exercises?|drills?|code[\s\-]?named|named|titled|entitled|nicknamed|known as|slogan|motto|hashtag|headline|banner|brand|vessel|ship|satellite|festival|initiative|project|doctrine|party|movement|app|website)\s*[,:]?\s*$/iu;

/** Options of {@linkcode isDistancingQuote}. */
export interface DistancingOptions {
  /** Speech verbs before a quote (default {@linkcode SPEECH_BEFORE}). */
  speechBefore?: RegExp;
  /** Closing attributions after a quote (default {@linkcode SPEECH_AFTER}). */
  speechAfter?: RegExp;
  /** The outlet's own distancing words before a quote (default {@linkcode DISTANCING_BEFORE}). */
  distancingBefore?: RegExp;
  /** Naming nouns before a quote (default {@linkcode NAMING_BEFORE}). */
  namingBefore?: RegExp;
  /**
   * Code-point spans [start, end) of attribution sources (`lib/extract/attributions.ts`) in the
   * same text: a quote in a sentence holding a source has a speaker.
   */
  sources?: ReadonlyArray<{ start: number; end: number }>;
  /**
   * Whether the text may hold UTF-16 surrogates; give `false` only when known (as for
   * {@linkcode findQuotes}): offsets are then used as they are. Default: checked here.
   */
  surrogates?: boolean;
  /**
   * Words after which no sentence ends, lower case without the stop ("mr", "u.s"): the `stems`
   * of `data/abbreviations.csv` (default none).
   */
  abbreviations?: ReadonlySet<string>;
}

/** The sentence [start, end) (UTF-16) of `text` holding the UTF-16 index `at`. */
function sentenceAround(
  text: string,
  at: number,
  abbreviations?: ReadonlySet<string>,
): [number, number] {
  let ps = at;
  while (ps > 0 && text[ps - 1] !== "\n" && text[ps - 1] !== "\r") ps--;
  let pe = at;
  while (pe < text.length && text[pe] !== "\n" && text[pe] !== "\r") pe++;
  for (const [s, e] of sentenceRanges(text, ps, pe, { abbreviations })) {
    if (s <= at && at < e) return [s, e];
  }
  return [ps, pe];
}

/**
 * Whether `quote` distances the outlet from the quoted words: a scare quote (see
 * {@linkcode isScareQuote}) to which no speaker is attributed. A speaker is attributed when the
 * quote's sentence has a speech, evaluation or publication verb before it (`the minister praised
 * the "unshakeable" bond`, `what Moscow termed 'illegal' sanctions`, `officials released the
 * "final results"`), a closing attribution after it (`…, officials said`), or an attribution
 * source (`sources`); a quote right after a naming noun is a title (`the daily "Izvestia"`).
 * When the outlet itself writes "so-called", "alleged(ly)", "supposedly", "self-styled" or
 * "purported(ly)" right before the quote, the quote is distancing whoever spoke.
 *
 * @example
 * ```ts
 * const text = 'Russia held "elections". Kim praised the "unshakeable" bond.';
 * findQuotes(text).quotes.map((q) => isDistancingQuote(q, text)); // [true, false]
 * ```
 */
export function isDistancingQuote(
  quote: Quote,
  text: string,
  opts: DistancingOptions = {},
): boolean {
  if (!quote.closed || quote.multiParagraph) return false;
  const same = opts.surrogates === false;
  const u = same ? (i: number) => i : utf16Index(text);
  if (!isScareQuoteContent(text.slice(u(quote.contentStart), u(quote.contentEnd)))) return false;
  const qs = u(quote.start);
  const qe = u(quote.end);
  const [ss, se] = sentenceAround(text, qs, opts.abbreviations);
  const before = text.slice(ss, qs);
  const after = text.slice(qe, Math.max(qe, se));
  if ((opts.distancingBefore ?? DISTANCING_BEFORE).test(before.slice(-60))) return true;
  if ((opts.namingBefore ?? NAMING_BEFORE).test(before.slice(-40))) return false;
  if ((opts.speechBefore ?? SPEECH_BEFORE).test(before)) return false;
  if ((opts.speechAfter ?? SPEECH_AFTER).test(after)) return false;
  if (opts.sources && opts.sources.length > 0) {
    const cp = same ? (i: number) => i : codePointIndex(text);
    const s0 = cp(ss);
    const s1 = cp(se);
    if (opts.sources.some((src) => src.start < s1 && s0 < src.end)) return false;
  }
  return true;
}
