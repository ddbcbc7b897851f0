/**
 * Scoring predicted attributions against gold ones (PolNeAR-style: source, cue, content spans).
 *
 * Matching: predicted and gold attributions of one text are paired one-to-one, greedily by the
 * number of content code points they share (largest first), then remaining ones by cue overlap.
 * Each role (source, cue, content) of a pair is then scored:
 * - exact: the spans are equal after trimming white space and trailing `.,;:` from each
 *   fragment;
 * - overlap: the spans share at least one non-space code point.
 * Precision = matched roles / predicted attributions having that role; recall = matched roles /
 * gold attributions having that role.
 *
 * Direct quotations: an attribution (gold or predicted, by the same test) is a direct quotation
 * when its content begins with an opening quotation mark and ends with a closing one (after
 * trailing punctuation), or when at least 80% of its letters and digits lie inside quotation
 * marks found by {@linkcode findQuotes} in the document (a pair of straight apostrophes, as some
 * newspapers write them, counts as a double quotation mark). The direct subset is scored with the
 * same matching, restricted to pairs where both sides are direct.
 *
 * @module
 */
import type { Fragments } from "./brat.ts";
import { findQuotes } from "../text/quotes.ts";
import { doubleApostrophesAsQuotes } from "../extract/attributions.ts";

export type { Fragments } from "./brat.ts";

/** An attribution reduced to its spans (code points) and whether it is a direct quotation. */
export interface SpanAttribution {
  source: Fragments | null;
  cue: Fragments | null;
  content: Fragments | null;
}

/** Counts and rates of one role under one matching. */
export interface RoleScore {
  matched: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The roles scored. */
export type Role = "source" | "cue" | "content";

/** Scores by role and matching, plus attribution counts. */
export interface AttributionScores {
  predicted: number;
  gold: number;
  paired: number;
  exact: Record<Role, RoleScore>;
  overlap: Record<Role, RoleScore>;
}

/** Running counts; add texts with {@linkcode addText}, read rates with {@linkcode finishScores}. */
export interface ScoreCounts {
  predicted: number;
  gold: number;
  paired: number;
  exact: Record<Role, { matched: number; predicted: number; gold: number }>;
  overlap: Record<Role, { matched: number; predicted: number; gold: number }>;
}

const ROLES: readonly Role[] = ["source", "cue", "content"];

/**
 * Empty counts.
 *
 * @example
 * ```ts
 * emptyCounts().predicted; // 0
 * ```
 */
export function emptyCounts(): ScoreCounts {
  const z = () => ({ matched: 0, predicted: 0, gold: 0 });
  return {
    predicted: 0,
    gold: 0,
    paired: 0,
    exact: { source: z(), cue: z(), content: z() },
    overlap: { source: z(), cue: z(), content: z() },
  };
}

/** Number of code points two fragment lists share. */
function shared(a: Fragments | null, b: Fragments | null): number {
  if (!a || !b) return 0;
  let n = 0;
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) n += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  }
  return n;
}

/**
 * Trims each fragment of white space and trailing `.,;:` (code points into `cps`, the text as
 * an array of code points) and drops empty fragments.
 */
function trimFragments(f: Fragments, cps: readonly string[]): Fragments {
  const out: Fragments = [];
  for (const [s0, e0] of f) {
    let s = s0;
    let e = Math.min(e0, cps.length);
    while (s < e && /\s/u.test(cps[s])) s++;
    while (e > s && /[\s.,;:]/u.test(cps[e - 1])) e--;
    if (e > s) out.push([s, e]);
  }
  return out;
}

function sameSpans(a: Fragments | null, b: Fragments | null, cps: readonly string[]): boolean {
  if (!a || !b) return false;
  const x = trimFragments(a, cps);
  const y = trimFragments(b, cps);
  return x.length === y.length && x.every(([s, e], i) => s === y[i][0] && e === y[i][1]);
}

function overlaps(a: Fragments | null, b: Fragments | null, cps: readonly string[]): boolean {
  if (!a || !b) return false;
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      for (let i = Math.max(s1, s2); i < Math.min(e1, e2); i++) {
        if (!/\s/u.test(cps[i])) return true;
      }
    }
  }
  return false;
}

/**
 * Pairs predicted with gold attributions one-to-one: by shared content code points (largest
 * first), then the rest by shared cue code points. Returns [predicted index, gold index] pairs.
 *
 * @example
 * ```ts
 * pairAttributions(
 *   [{ source: null, cue: [[5, 9]], content: [[10, 20]] }],
 *   [{ source: [[0, 4]], cue: [[5, 9]], content: [[12, 20]] }],
 * ); // [[0, 0]]
 * ```
 */
export function pairAttributions(
  predicted: readonly SpanAttribution[],
  gold: readonly SpanAttribution[],
): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  for (const role of ["content", "cue"] as const) {
    const candidates: Array<[number, number, number]> = [];
    predicted.forEach((p, i) => {
      if (usedP.has(i)) return;
      gold.forEach((g, j) => {
        if (usedG.has(j)) return;
        const n = shared(p[role], g[role]);
        if (n > 0) candidates.push([n, i, j]);
      });
    });
    candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [, i, j] of candidates) {
      if (usedP.has(i) || usedG.has(j)) continue;
      usedP.add(i);
      usedG.add(j);
      pairs.push([i, j]);
    }
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/**
 * Whether a content span is a direct quotation (see the module documentation). `text` is the
 * document; `inQuote[i]` tells whether code point i lies inside quotation marks.
 *
 * @example
 * ```ts
 * const text = "He said “we will win.” Then left.";
 * isDirectContent([[8, 22]], text, quotedMask(text)); // true
 * ```
 */
export function isDirectContent(
  content: Fragments | null,
  text: string | readonly string[],
  inQuote: Uint8Array,
): boolean {
  if (!content || content.length === 0) return false;
  const cps = typeof text === "string" ? [...text] : text;
  const f = trimFragments(content, cps);
  if (f.length === 0) return false;
  const first = cps[f[0][0]];
  let lastIdx = f[f.length - 1][1] - 1;
  while (lastIdx > f[f.length - 1][0] && /[.,;:!?)\s]/u.test(cps[lastIdx])) lastIdx--;
  const last = cps[lastIdx];
  if (/["“‘«']/.test(first) && /["”’»']/.test(last)) return true;
  let letters = 0;
  let quoted = 0;
  for (const [s, e] of f) {
    for (let i = s; i < e; i++) {
      if (/[\p{L}\p{N}]/u.test(cps[i])) {
        letters++;
        if (inQuote[i]) quoted++;
      }
    }
  }
  return letters > 0 && quoted / letters >= 0.8;
}

/**
 * A mask over the code points of `text`: 1 where the code point lies inside the content of a
 * quotation found by {@linkcode findQuotes}.
 *
 * @example
 * ```ts
 * quotedMask("a “b” c")[3]; // 1
 * ```
 */
export function quotedMask(text: string): Uint8Array {
  const cps = [...text];
  const mask = new Uint8Array(cps.length);
  for (const q of findQuotes(doubleApostrophesAsQuotes(text)).quotes) {
    for (let i = q.contentStart; i < q.contentEnd && i < mask.length; i++) mask[i] = 1;
  }
  return mask;
}

/**
 * Adds one text's predicted and gold attributions to running counts. `subset` (optional) keeps
 * only attributions for which it returns true (on each side), e.g. direct quotations.
 *
 * @example
 * ```ts
 * const counts = emptyCounts();
 * const a = { source: [[0, 3]], cue: [[4, 8]], content: [[9, 12]] } as SpanAttribution;
 * addText(counts, "Kim said hi!", [a], [a]);
 * finishScores(counts).exact.source.f1; // 1
 * ```
 */
export function addText(
  counts: ScoreCounts,
  text: string,
  predicted: readonly SpanAttribution[],
  gold: readonly SpanAttribution[],
  subset: (a: SpanAttribution) => boolean = () => true,
): void {
  const cps = [...text];
  const p = predicted.filter(subset);
  const g = gold.filter(subset);
  counts.predicted += p.length;
  counts.gold += g.length;
  for (const role of ROLES) {
    const np = p.filter((a) => a[role] !== null && a[role]!.length > 0).length;
    const ng = g.filter((a) => a[role] !== null && a[role]!.length > 0).length;
    counts.exact[role].predicted += np;
    counts.exact[role].gold += ng;
    counts.overlap[role].predicted += np;
    counts.overlap[role].gold += ng;
  }
  const pairs = pairAttributions(p, g);
  counts.paired += pairs.length;
  for (const [i, j] of pairs) {
    for (const role of ROLES) {
      if (sameSpans(p[i][role], g[j][role], cps)) counts.exact[role].matched++;
      if (overlaps(p[i][role], g[j][role], cps)) counts.overlap[role].matched++;
    }
  }
}

function rate(c: { matched: number; predicted: number; gold: number }): RoleScore {
  const precision = c.predicted === 0 ? 0 : c.matched / c.predicted;
  const recall = c.gold === 0 ? 0 : c.matched / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/**
 * Precision, recall and F1 from running counts.
 *
 * @example
 * ```ts
 * finishScores(emptyCounts()).overlap.cue.f1; // 0
 * ```
 */
export function finishScores(counts: ScoreCounts): AttributionScores {
  const by = (m: "exact" | "overlap") =>
    Object.fromEntries(ROLES.map((r) => [r, rate(counts[m][r])])) as Record<Role, RoleScore>;
  return {
    predicted: counts.predicted,
    gold: counts.gold,
    paired: counts.paired,
    exact: by("exact"),
    overlap: by("overlap"),
  };
}
