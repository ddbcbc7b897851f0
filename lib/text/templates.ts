/**
 * Template lines of an outlet: the short lines its pages repeat around every article (footers,
 * newsletter and follow prompts, standard links), found over the outlet's raw article texts and
 * removed by the `repeated_line` cleaning rule (`template-repeated-line` in
 * `data/cleaning_rules.csv`).
 *
 * A line is a template line of an outlet when, in its {@linkcode templateKey} form (white space
 * collapsed, lower case):
 * - it is short: at most {@linkcode TEMPLATE_DEFAULTS}`.maxWords` (20) words, so a paragraph of
 *   reporting is never one;
 * - it holds no quotation mark (`"`, `“`, `”`, `«`, `»`, `„`): a quote repeated across articles is
 *   what someone said, not page chrome;
 * - it occurs in at least `minArticles` (4) of the outlet's stories and in at least `minShare`
 *   (half) of them. Stories, not articles: articles of the outlet that share their first long
 *   line (more than `maxWords` words, the reporting) count once, so that versions of one story
 *   (an update, a wire copy run twice) do not make their own sentences a template.
 *
 * So a stock phrase that a few wire copies share ("The Kremlin did not immediately respond to a
 * request for comment.") is kept unless it is in half of an outlet's stories, and nothing is a
 * template in an outlet with fewer than four stories.
 *
 * Each article is reduced once to {@linkcode TemplateCandidates} (hashes of its short lines and of
 * its story): a store keeps them, so that an outlet's template set is recomputed without reading
 * its texts, and {@linkcode templateSetKey} says when the set changed (its articles must then be
 * cleaned again).
 *
 * @example
 * ```ts
 * const texts = [a1, a2, a3, a4]; // one outlet's raw texts, each ending "Sign up to our newsletter"
 * const sets = outletTemplateSets(texts.map((t) => ({ outlet: "Echo", ...templateCandidates(t) })));
 * const lines = templateLinesOf(a1, sets.get("Echo")!); // Set { "sign up to our newsletter" }
 * cleanArticle(a1, rules, { outlet: "Echo", templateLines: lines });
 * ```
 *
 * @module
 */
import { shortDigest } from "../io/hash.ts";
import { templateKey } from "./clean.ts";

/** Thresholds of template lines (see the module doc). */
export interface TemplateOptions {
  /** Least number of the outlet's stories a line must appear in (default 4). */
  minArticles?: number;
  /** Least share of the outlet's stories a line must appear in (default 0.5). */
  minShare?: number;
  /** Longest line, in words, that can be a template line (default 20). */
  maxWords?: number;
}

/** The default thresholds. */
export const TEMPLATE_DEFAULTS: Readonly<Required<TemplateOptions>> = {
  minArticles: 4,
  minShare: 0.5,
  maxWords: 20,
};

/** What template detection needs of one article, computed from its raw text alone. */
export interface TemplateCandidates {
  /** Hashes of its distinct short lines without quotation marks (template candidates). */
  lines: string[];
  /** Hash of its first long line (its story), or null when it has none. */
  story: string | null;
}

const QUOTE_MARKS = /["“”«»„]/;

function wordCount(key: string): number {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}

/** True when `raw` has more than `max` runs of non-white-space (counted without copying it). */
function moreWordsThan(raw: string, max: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const white = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 ||
      (c > 127 && /\s/.test(raw[i]));
    if (white) inWord = false;
    else if (!inWord) {
      inWord = true;
      if (++words > max) return true;
    }
  }
  return false;
}

/** A line's key when it can be a template line, else null; long lines give "long". */
function candidateKey(raw: string, maxWords: number): string | null | "long" {
  // A line with more words than that before collapsing has as many after ("&nbsp;" only splits).
  if (moreWordsThan(raw, maxWords)) return "long";
  if (raw.trim() === "") return null;
  const key = templateKey(raw);
  if (key === "") return null;
  if (wordCount(key) > maxWords) return "long";
  return QUOTE_MARKS.test(key) ? null : key;
}

/**
 * The template candidates of one raw article text (see {@linkcode TemplateCandidates}).
 *
 * @example
 * ```ts
 * templateCandidates("Title\nA long paragraph of reporting …\nFollow us").lines.length; // 2
 * ```
 */
export function templateCandidates(
  text: string,
  options: Pick<TemplateOptions, "maxWords"> = {},
): TemplateCandidates {
  const maxWords = options.maxWords ?? TEMPLATE_DEFAULTS.maxWords;
  const lines = new Set<string>();
  let story: string | null = null;
  for (const raw of text.split("\n")) {
    const key = candidateKey(raw, maxWords);
    if (key === null) continue;
    if (key === "long") {
      story ??= shortDigest(raw.trim());
      continue;
    }
    lines.add(shortDigest(key));
  }
  return { lines: [...lines], story };
}

/** One article for {@linkcode outletTemplateSets}. */
export interface TemplateArticle extends TemplateCandidates {
  outlet: string | null | undefined;
}

/** The outlet name template sets are kept under ("" for none: such articles get no templates). */
export function templateOutlet(outlet: string | null | undefined): string {
  return (outlet ?? "").trim();
}

/**
 * The template set (line hashes) of every outlet with at least one template line. Articles
 * without an outlet get none.
 *
 * @example
 * ```ts
 * outletTemplateSets(articles).get("Northern Echo")?.size; // 2
 * ```
 */
export function outletTemplateSets(
  articles: Iterable<TemplateArticle>,
  options: TemplateOptions = {},
): Map<string, Set<string>> {
  const minArticles = options.minArticles ?? TEMPLATE_DEFAULTS.minArticles;
  const minShare = options.minShare ?? TEMPLATE_DEFAULTS.minShare;
  // outlet → story → its lines
  const byOutlet = new Map<string, Map<string, Set<string>>>();
  let solo = 0;
  for (const a of articles) {
    const outlet = templateOutlet(a.outlet);
    if (outlet === "" || a.lines.length === 0 && a.story === null) continue;
    let stories = byOutlet.get(outlet);
    if (!stories) byOutlet.set(outlet, stories = new Map());
    const story = a.story === null ? `\0${solo++}` : a.story;
    let lines = stories.get(story);
    if (!lines) stories.set(story, lines = new Set());
    for (const h of a.lines) lines.add(h);
  }
  const out = new Map<string, Set<string>>();
  for (const [outlet, stories] of byOutlet) {
    const need = Math.max(minArticles, Math.ceil(minShare * stories.size));
    if (stories.size < need) continue;
    const counts = new Map<string, number>();
    for (const lines of stories.values()) {
      for (const h of lines) counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    const set = new Set<string>();
    for (const [h, n] of counts) if (n >= need) set.add(h);
    if (set.size > 0) out.set(outlet, set);
  }
  return out;
}

/**
 * A short key of a template set ("" for none), part of an article's cleaning cache key: equal
 * sets give equal keys.
 *
 * @example
 * ```ts
 * templateSetKey(new Set()); // ""
 * ```
 */
export function templateSetKey(set: ReadonlySet<string> | undefined): string {
  if (!set || set.size === 0) return "";
  return `t${set.size}-${shortDigest([...set].sort().join(" "))}`;
}

/**
 * The template lines of one raw text (as {@linkcode templateKey} forms, for `cleanArticle`'s
 * `templateLines`): its lines whose hash is in the outlet's template set.
 *
 * @example
 * ```ts
 * templateLinesOf(text, sets.get("Echo") ?? new Set());
 * ```
 */
export function templateLinesOf(
  text: string,
  set: ReadonlySet<string> | undefined,
  options: Pick<TemplateOptions, "maxWords"> = {},
): Set<string> {
  const out = new Set<string>();
  if (!set || set.size === 0) return out;
  const maxWords = options.maxWords ?? TEMPLATE_DEFAULTS.maxWords;
  for (const raw of text.split("\n")) {
    const key = candidateKey(raw, maxWords);
    if (key === null || key === "long") continue;
    if (set.has(shortDigest(key))) out.add(key);
  }
  return out;
}

/**
 * Template lines (as {@linkcode templateKey} forms) of one outlet's raw articles, each given as
 * its text: the union of {@linkcode templateLinesOf} over them.
 *
 * @example
 * ```ts
 * templateLines([a1, a2, a3, a4]); // Set { "sign up to our newsletter" }
 * ```
 */
export function templateLines(
  texts: readonly string[],
  options: TemplateOptions = {},
): Set<string> {
  const sets = outletTemplateSets(
    texts.map((t) => ({ outlet: "outlet", ...templateCandidates(t, options) })),
    options,
  );
  const set = sets.get("outlet");
  const out = new Set<string>();
  for (const t of texts) for (const k of templateLinesOf(t, set, options)) out.add(k);
  return out;
}
