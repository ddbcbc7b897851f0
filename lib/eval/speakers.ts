/**
 * Speaker of quoted loaded words: does the hits table name the right speaker for loaded words
 * inside a quotation or a paraphrase?
 *
 * Gold: a development set's `*-speakers.tsv` (`article_id<TAB>start<TAB>end<TAB>speaker`, code
 * points, end exclusive; written by `scripts/build_devset.ts` from `{L@Name|words}` markup), one
 * row per labelled loaded span that sits inside someone's quoted or reported words, with the
 * speaker as a careful reader names them; `?` when the text names no one ("dubbed “the
 * Butcher”", "was accused of a grovelling PR disaster").
 *
 * Scored: every loaded hit that overlaps such a span. Its `speaker` (the hits table's: the
 * attribution's source as `lib/extract/voice.ts` resolves it) is correct when it names the gold
 * speaker ({@linkcode speakerMatches}); for `?`, when it is null. Hits on labelled spans that
 * are the outlet's own words (no speaker annotated) but were given a speaker are counted apart.
 *
 * @module
 */

/** The gold speaker of quoted or reported words whose speaker the text does not name. */
export const UNNAMED_GOLD_SPEAKER = "?";

/** One gold span with its speaker. */
export interface GoldSpeaker {
  article: string;
  start: number;
  end: number;
  speaker: string;
}

/**
 * Parses a speakers file (`article_id<TAB>start<TAB>end<TAB>speaker`, header line allowed).
 * Throws an Error naming the file and line for a malformed line.
 *
 * @example
 * ```ts
 * parseGoldSpeakers("article_id\tstart\tend\tspeaker\n01\t3\t9\tIlhan Dost\n", "s.tsv");
 * // [{ article: "01", start: 3, end: 9, speaker: "Ilhan Dost" }]
 * ```
 */
export function parseGoldSpeakers(text: string, file: string): GoldSpeaker[] {
  const out: GoldSpeaker[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || (i === 0 && line.startsWith("article_id\t"))) return;
    const f = line.split("\t");
    const start = Number(f[1]);
    const end = Number(f[2]);
    if (
      f.length !== 4 || f[0] === "" || f[3].trim() === "" || !Number.isInteger(start) ||
      !Number.isInteger(end) || start < 0 || end <= start
    ) {
      throw new Error(
        `${file} line ${
          i + 1
        }: expected article_id<TAB>start<TAB>end<TAB>speaker with integers 0 <= start < end`,
      );
    }
    out.push({ article: f[0], start, end, speaker: f[3].trim() });
  });
  return out;
}

const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  "the",
  "a",
  "an",
  "one",
  "our",
  "his",
  "her",
  "its",
  "their",
  "and",
]);
const PREPOSITIONS: ReadonlySet<string> = new Set([
  "of",
  "for",
  "in",
  "at",
  "from",
  "to",
  "on",
  "with",
  "by",
]);

/** Lower-cased words of a speaker name, possessive 's and function words dropped. */
function nameWords(name: string): { words: string[]; head: string | null } {
  const all = name.normalize("NFKC").toLowerCase().replace(/['’]s\b/gu, "")
    .split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "" && !FUNCTION_WORDS.has(w));
  const p = all.findIndex((w) => PREPOSITIONS.has(w));
  const before = p < 0 ? all : all.slice(0, p);
  return {
    words: all.filter((w) => !PREPOSITIONS.has(w)),
    head: before.length > 0 ? before[before.length - 1] : null,
  };
}

/**
 * Whether a hit's speaker (`found`) names the gold speaker, case-insensitively: the head of
 * either name (its last word before a preposition, "the", "one", possessive 's dropped: the
 * surname of "President Aurel Varga", "spokeswoman" of "a spokeswoman for the Alliance") is one
 * of the other's words. The gold `?` (no speaker named) matches only null.
 *
 * @example
 * ```ts
 * speakerMatches("Ilhan Dost", "Tarnovan leader Ilhan Dost"); // true
 * speakerMatches("Alliance", "A spokeswoman for the Alliance"); // true
 * speakerMatches("Aurel Varga", "He"); // false
 * speakerMatches("?", null); // true
 * ```
 */
export function speakerMatches(gold: string, found: string | null): boolean {
  if (gold === UNNAMED_GOLD_SPEAKER) return found === null;
  if (found === null) return false;
  const g = nameWords(gold);
  const f = nameWords(found);
  return (g.head !== null && f.words.includes(g.head)) ||
    (f.head !== null && g.words.includes(f.head));
}

/** A loaded hit with its speaker, offsets into the article as scored. */
export interface SpeakerHit {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
}

/** One scored hit, for the report. */
export interface SpeakerCase {
  article: string;
  text: string;
  gold: string;
  found: string | null;
  correct: boolean;
}

/** The speaker scores. */
export interface SpeakerScores {
  /** Gold spans with a speaker (named or `?`). */
  goldSpans: number;
  /** Of them, spans overlapped by a loaded hit. */
  goldFound: number;
  /** Loaded hits overlapping a gold span with a speaker: the n of the accuracy. */
  hits: number;
  correct: number;
  accuracy: number;
  /** The part of the above on spans whose gold speaker is `?`. */
  unnamed: { hits: number; correct: number };
  /**
   * Loaded hits on labelled spans annotated as the outlet's own words (no speaker) and the number
   * of them given a speaker anyway.
   */
  ownVoice: { hits: number; givenSpeaker: number };
  /** Every scored hit, misses first. */
  cases: SpeakerCase[];
}

/**
 * Scores the speakers of loaded hits (`hits`: article id → its loaded hits) against `gold`
 * (spans with speakers). `loaded` are all labelled loaded spans (for the own-voice count).
 *
 * @example
 * ```ts
 * const s = scoreSpeakers(
 *   new Map([["1", [{ start: 10, end: 15, text: "vile", speaker: "Kim Jong Un" }]]]),
 *   [{ article: "1", start: 10, end: 15, speaker: "Kim" }],
 *   [{ article: "1", start: 10, end: 15 }],
 * );
 * s.accuracy; // 1
 * ```
 */
export function scoreSpeakers(
  hits: ReadonlyMap<string, readonly SpeakerHit[]>,
  gold: readonly GoldSpeaker[],
  loaded: ReadonlyArray<{ article: string; start: number; end: number }>,
): SpeakerScores {
  const cases: SpeakerCase[] = [];
  const found = new Set<GoldSpeaker>();
  const unnamed = { hits: 0, correct: 0 };
  const ownVoice = { hits: 0, givenSpeaker: 0 };
  const overlaps = (h: SpeakerHit, g: { start: number; end: number }) =>
    h.start < g.end && g.start < h.end;
  let goldSpans = 0;
  for (const g of gold) if (hits.has(g.article)) goldSpans++;
  for (const [article, list] of hits) {
    const mine = gold.filter((g) => g.article === article);
    const own = loaded.filter((l) =>
      l.article === article && !mine.some((g) => g.start < l.end && l.start < g.end)
    );
    for (const h of list) {
      const g = mine.find((g) => overlaps(h, g));
      if (g) {
        found.add(g);
        const correct = speakerMatches(g.speaker, h.speaker);
        cases.push({ article, text: h.text, gold: g.speaker, found: h.speaker, correct });
        if (g.speaker === UNNAMED_GOLD_SPEAKER) {
          unnamed.hits++;
          if (correct) unnamed.correct++;
        }
      } else if (own.some((l) => overlaps(h, l))) {
        ownVoice.hits++;
        if (h.speaker !== null) ownVoice.givenSpeaker++;
      }
    }
  }
  const correct = cases.filter((c) => c.correct).length;
  return {
    goldSpans,
    goldFound: found.size,
    hits: cases.length,
    correct,
    accuracy: cases.length === 0 ? 0 : correct / cases.length,
    unnamed,
    ownVoice,
    cases: [...cases.filter((c) => !c.correct), ...cases.filter((c) => c.correct)],
  };
}
