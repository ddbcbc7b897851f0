/**
 * Source noun phrases next to a cue, found by a short walk over word tokens: "US Secretary of
 * State Antony Blinken", "the North Korean leader", "analysts at the Institute for the Study of
 * War (ISW)", "he". A phrase is made of capitalised words, the role and modifier words of the
 * gazetteer (`officials`, `agency`, `senior`), connectors between them (`of`, `for`, `and`,
 * `at`, `in`) and one determiner at its start; its last word is a capitalised word or a role
 * word. All indices are UTF-16 indices of one string.
 *
 * @module
 */
import { type Token, tokenize } from "../text/words.ts";
import { remembered } from "../text/memo.ts";

export { type Token, tokenize };

/** A noun phrase found next to a cue. */
export interface NounPhrase {
  s: number;
  e: number;
  /** `pronoun` (he, she, they, who, him), or `phrase`. */
  kind: "pronoun" | "phrase";
}

const SUBJECT_PRONOUNS = new Set(["he", "she", "they", "it", "we", "i", "you", "who"]);
const OBJECT_PRONOUNS = new Set(["him", "her", "them", "us", "me", "it", "you"]);
const DETERMINERS = new Set([
  "the",
  "one",
  "a",
  "an",
  "his",
  "her",
  "its",
  "their",
  "our",
  "my",
  "this",
  "these",
  "those",
  "some",
  "many",
  "several",
  "other",
  "two",
  "three",
  "four",
  "both",
  "most",
  "few",
]);
/** Determiners that may open a phrase with a common noun the vocabulary lacks. */
const LENIENT_DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "one",
  "another",
  "his",
  "her",
  "their",
  "its",
]);
const CONNECTORS = new Set([
  "of",
  "for",
  "to",
  "and",
  "at",
  "in",
  "de",
  "von",
  "van",
  "al",
  "bin",
  "&",
]);
/** Capitalised words that start sentences and clauses but are not names. */
const NOT_NAMES = new Set([
  "in",
  "on",
  "at",
  "but",
  "and",
  "or",
  "so",
  "then",
  "however",
  "meanwhile",
  "also",
  "still",
  "yet",
  "now",
  "today",
  "yesterday",
  "when",
  "while",
  "after",
  "before",
  "as",
  "if",
  "asked",
  "speaking",
  "earlier",
  "later",
  "that",
  "there",
  "here",
  "why",
  "what",
  "how",
  "where",
  "according",
  "previously",
  "recently",
  "following",
  "during",
  "since",
  "although",
  "because",
  "with",
  "without",
  "for",
  "from",
  "by",
  "of",
  "to",
  "instead",
  "indeed",
  "perhaps",
  "first",
  "secondly",
  "finally",
  "moreover",
  "furthermore",
  "additionally",
  "last",
  "next",
  "such",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "not",
  "no",
  "yes",
  "even",
  "once",
  "again",
]);
/** Words skipped between a subject and its cue: "Putin also said", "he has repeatedly said". */
const BETWEEN_SUBJECT_AND_CUE = new Set([
  "also",
  "then",
  "later",
  "previously",
  "recently",
  "once",
  "again",
  "has",
  "have",
  "had",
  "was",
  "were",
  "is",
  "are",
  "be",
  "been",
  "would",
  "will",
  "could",
  "may",
  "might",
  "can",
  "should",
  "further",
  "earlier",
  "still",
  "himself",
  "herself",
  "itself",
  "themselves",
  "not",
  "never",
  "already",
  "just",
  "first",
  "last",
  "week",
  "yesterday",
  "today",
  "tonight",
  "on",
  "in",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "did",
  "does",
  "do",
  // "critics have long said", "has often argued", "have always insisted", "has since said".
  "long",
  "often",
  "always",
  "since",
  "ever",
  // "on Thursday evening said", "late on Monday said", "earlier this week said".
  "morning",
  "afternoon",
  "evening",
  "night",
  "late",
  "this",
  // "Washington and Seoul both said".
  "both",
]);

/** Determiners opening a prepositional phrase between subject and cue ("in a statement"). */
const PP_DETERMINERS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "his",
  "her",
  "their",
  "its",
  "our",
]);

function isCapitalised(t: string): boolean {
  return (wordInfo(t).flags & INFO_CAPITALISED) !== 0;
}

/** What the word classes of a token text depend on, but the vocabulary. */
interface WordInfo {
  /** INFO_* flags. */
  flags: number;
  /** Lower case, without a final ’s or 's (the form looked up in the vocabulary). */
  lower: string;
}

const INFO_DETERMINER = 1;
const INFO_CONNECTOR = 2;
const INFO_CAPITALISED = 4;
const INFO_WORD = 8;
/** WordInfo by token text: token texts repeat, and the walks look at each several times. */
const wordInfos = new Map<string, WordInfo>();
const WORD_INFO_LIMIT = 100_000;

/** The {@linkcode WordInfo} of a token text, computed once per text. */
function wordInfo(t: string): WordInfo {
  return remembered(wordInfos, t, WORD_INFO_LIMIT, computeWordInfo);
}

function computeWordInfo(t: string): WordInfo {
  const lowerAll = t.toLowerCase();
  const flags = (DETERMINERS.has(lowerAll) ? INFO_DETERMINER : 0) |
    (CONNECTORS.has(t) ? INFO_CONNECTOR : 0) |
    (/^[\p{Lu}\p{N}]/u.test(t) && /\p{L}/u.test(t) && !NOT_NAMES.has(lowerAll)
      ? INFO_CAPITALISED
      : 0) |
    (/^[\p{L}\p{N}]/u.test(t) ? INFO_WORD : 0);
  return { flags, lower: lowerAll.replace(/[’']s$/, "") };
}

/** Word classes used by the walk. */
function classOf(
  t: string,
  vocab: ReadonlySet<string>,
): "name" | "role" | "conn" | "det" | "other" {
  const { flags, lower } = wordInfo(t);
  if (flags & INFO_DETERMINER) return "det";
  if (flags & INFO_CONNECTOR) return "conn";
  if (flags & INFO_CAPITALISED) return "name";
  if ((flags & INFO_WORD) && vocab.has(lower)) return "role";
  return "other";
}

/**
 * Index of the last token of a subject before a cue, skipping adverbs and auxiliaries ("also",
 * "has", "on Wednesday"); -1 when nothing is left.
 *
 * @example
 * ```ts
 * const toks = tokenize("Putin also said", 0, 10); // Putin, also
 * skipBetweenSubjectAndCue(toks, toks.length - 1); // 0
 * ```
 */
export function skipBetweenSubjectAndCue(tokens: readonly Token[], last: number): number {
  let i = last;
  let skipped = 0;
  while (i >= 0 && skipped < 4) {
    const t = tokens[i].text;
    const lower = t.toLowerCase();
    // "Kim in a speech said", "the ministry in a televised statement said": a prepositional
    // phrase opened by a determiner (not "the team in Seoul", which names the subject).
    const pp = [2, 3].find((n) =>
      i - n >= 0 && /^(?:in|on|during)$/i.test(tokens[i - n].text) &&
      PP_DETERMINERS.has(tokens[i - n + 1].text.toLowerCase()) &&
      tokens.slice(i - n + 2, i + 1).every((x) => /^\p{Ll}[\p{Ll}-]*$/u.test(x.text))
    );
    if (pp !== undefined) {
      i -= pp + 1;
      skipped++;
      continue;
    }
    if (BETWEEN_SUBJECT_AND_CUE.has(lower) || (/^\p{Ll}+ly$/u.test(t) && lower !== "only")) {
      i--;
      skipped++;
      continue;
    }
    break;
  }
  return i;
}

/**
 * The noun phrase ending at token `last` (walking left), or null when the tokens there do not
 * make one. `vocab` holds the lower-case role and modifier words that may stand in a phrase.
 *
 * @example
 * ```ts
 * const t = "Asked, US Secretary of State Antony Blinken";
 * const toks = tokenize(t, 0, t.length);
 * const np = phraseEndingAt(toks, toks.length - 1, new Set());
 * t.slice(np!.s, np!.e); // "US Secretary of State Antony Blinken"
 * ```
 */
export function phraseEndingAt(
  tokens: readonly Token[],
  last: number,
  vocab: ReadonlySet<string>,
): NounPhrase | null {
  const np = phraseEndingAtOne(tokens, last, vocab);
  if (np === null || np.kind === "pronoun") return np;
  // "the US and its allies": a possessive conjunct takes the phrase before "and" with it.
  const first = tokens.findIndex((t) => t.s === np.s);
  if (
    first >= 2 && POSSESSIVES.has(tokens[first].text.toLowerCase()) &&
    tokens[first - 1].text === "and"
  ) {
    const before = phraseEndingAtOne(tokens, first - 2, vocab);
    if (before !== null && before.kind === "phrase") {
      return { s: before.s, e: np.e, kind: "phrase" };
    }
  }
  // "a source close to the Kremlin", "people familiar with the talks": the head comes first.
  if (first >= 3) {
    const link = `${tokens[first - 2].text} ${tokens[first - 1].text}`.toLowerCase();
    if (link === "close to" || link === "familiar with") {
      const before = phraseEndingAtOne(tokens, first - 3, vocab);
      if (before !== null && before.kind === "phrase") {
        return { s: before.s, e: np.e, kind: "phrase" };
      }
    }
  }
  return np;
}

/** Function words that end no noun phrase ("his inability to", "a statement to"). */
const NOT_HEADS: ReadonlySet<string> = new Set([
  "to",
  "of",
  "in",
  "on",
  "at",
  "for",
  "with",
  "by",
  "from",
  "and",
  "or",
  "but",
  "not",
  "that",
  "which",
  "who",
  "than",
  "as",
  "if",
  "so",
  "then",
  "also",
  "about",
  "into",
  "over",
  "after",
]);

/** Possessive determiners that refer back to a conjunct: "the US and its allies". */
const POSSESSIVES: ReadonlySet<string> = new Set(["its", "their"]);

function phraseEndingAtOne(
  tokens: readonly Token[],
  last: number,
  vocab: ReadonlySet<string>,
): NounPhrase | null {
  if (last < 0) return null;
  const head = tokens[last];
  const lowerHead = head.text.toLowerCase();
  if (SUBJECT_PRONOUNS.has(lowerHead)) {
    if (lowerHead === "i" && head.text !== "I") return null;
    return { s: head.s, e: head.e, kind: "pronoun" };
  }
  let i = last;
  let first = -1;
  let heads = 0;
  while (i >= 0 && last - i < 14) {
    const t = tokens[i].text;
    // A middle initial inside a name: "George W. Bush", "Vladimir V. Putin".
    if (t === "." && first >= 0 && i >= 2 && isInitialAt(tokens, i - 1)) {
      i -= 2;
      continue;
    }
    // "Article 4", "Resolution 2397": a number after a capitalised word ends a name.
    if (i === last && /^\d+$/.test(t) && i >= 1 && isCapitalised(tokens[i - 1].text)) {
      first = i;
      heads++;
      i--;
      continue;
    }
    if (t === ")" && i >= 2 && tokens[i - 2].text === "(" && isCapitalised(tokens[i - 1].text)) {
      first = i - 2;
      i -= 3;
      continue;
    }
    // "(D-Ore.)": a party label ending in a stop.
    if (
      t === ")" && i >= 3 && tokens[i - 1].text === "." && tokens[i - 3].text === "(" &&
      isCapitalised(tokens[i - 2].text)
    ) {
      first = i - 3;
      i -= 4;
      continue;
    }
    const c = classOf(t, vocab);
    if (c === "other" && i === last && /^\p{Ll}[\p{L}-]*$/u.test(t) && !NOT_HEADS.has(t)) {
      // A common noun the vocabulary lacks, right before the cue, after a determiner and at
      // most two more words: "the judge", "the gambling tycoon", "one party activist".
      for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
        const w = tokens[j].text;
        if (LENIENT_DETERMINERS.has(w.toLowerCase())) {
          return { s: tokens[j].s, e: head.e, kind: "phrase" };
        }
        if (!/^\p{Ll}[\p{L}-]*$/u.test(w) || classOf(w, vocab) === "conn") break;
      }
      return null;
    }
    if (c === "name" || c === "role") {
      // A possessive inside a phrase is fine (the Kyiv Independent’s latest figures), but a phrase
      // does not end in one.
      if (i === last && /[’']s$/.test(t)) return null;
      first = i;
      heads++;
      i--;
      continue;
    }
    if (c === "conn" && first >= 0) {
      i--;
      continue;
    }
    if (c === "det" && first >= 0) {
      first = i;
      // "the Institute for the Study of War": a determiner after a connector inside a name.
      const prev = i >= 2 ? tokens[i - 1].text : "";
      const cls = i >= 2 ? classOf(tokens[i - 2].text, vocab) : "other";
      if (CONNECTORS.has(prev) && prev !== "and" && (cls === "name" || cls === "role")) {
        i--;
        continue;
      }
    }
    break;
  }
  if (first < 0 || heads === 0) return null;
  const lastClass = classOf(head.text, vocab);
  if (
    lastClass !== "name" && lastClass !== "role" && head.text !== ")" && !/^\d+$/.test(head.text)
  ) {
    return null;
  }
  // Drop connectors the walk stepped over at the start.
  while (first < last && classOf(tokens[first].text, vocab) === "conn") first++;
  return { s: tokens[first].s, e: head.e, kind: "phrase" };
}

/**
 * The noun phrase starting at token `first` (walking right), or null. Object pronouns count
 * ("according to him").
 *
 * @example
 * ```ts
 * const t = "the expert.";
 * const np = phraseStartingAt(tokenize(t, 0, t.length), 0, new Set(["expert"]));
 * t.slice(np!.s, np!.e); // "the expert"
 * ```
 */
export function phraseStartingAt(
  tokens: readonly Token[],
  first: number,
  vocab: ReadonlySet<string>,
): NounPhrase | null {
  if (first >= tokens.length) return null;
  const t0 = tokens[first].text;
  const lower0 = t0.toLowerCase();
  if ((SUBJECT_PRONOUNS.has(lower0) && lower0 !== "who") || OBJECT_PRONOUNS.has(lower0)) {
    if (lower0 === "i" && t0 !== "I") return null;
    return { s: tokens[first].s, e: tokens[first].e, kind: "pronoun" };
  }
  let i = first;
  let lastHead = -1;
  if (classOf(t0, vocab) === "det") i++;
  while (i < tokens.length && i - first < 14) {
    const t = tokens[i].text;
    if (
      t === "(" && i + 2 < tokens.length && tokens[i + 2].text === ")" &&
      isCapitalised(tokens[i + 1].text)
    ) {
      if (lastHead < 0) break;
      lastHead = i + 2;
      i += 3;
      continue;
    }
    if (
      t === "(" && i + 3 < tokens.length && tokens[i + 2].text === "." &&
      tokens[i + 3].text === ")" && isCapitalised(tokens[i + 1].text)
    ) {
      if (lastHead < 0) break;
      lastHead = i + 3; // "(D-Ore.)"
      i += 4;
      continue;
    }
    if (lastHead === i - 1 && isInitialAt(tokens, i) && tokens[i + 2] !== undefined) {
      const next = classOf(tokens[i + 2].text, vocab);
      if (next === "name") {
        i += 2; // a middle initial: "George W. Bush"
        continue;
      }
    }
    const c = classOf(t, vocab);
    if (c === "name" || c === "role") {
      lastHead = i;
      i++;
      continue;
    }
    if (c === "conn" && lastHead >= 0) {
      i++;
      continue;
    }
    if (c === "det" && lastHead >= 0 && CONNECTORS.has(tokens[i - 1].text)) {
      i++; // "the Institute for the Study of War"
      continue;
    }
    break;
  }
  if (lastHead < 0) return null;
  if (/[’']s$/.test(tokens[lastHead].text)) return null;
  return { s: tokens[first].s, e: tokens[lastHead].e, kind: "phrase" };
}

/** Whether token `i` is one capital letter followed at once by a "." token (an initial). */
function isInitialAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const dot = tokens[i + 1];
  return t !== undefined && dot !== undefined && dot.text === "." && dot.s === t.e &&
    /^\p{Lu}$/u.test(t.text);
}
