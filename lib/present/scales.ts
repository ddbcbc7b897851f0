/**
 * One colour and one word per value, for every categorical domain the report draws: framing
 * category, voice, voice group, source type, attribution kind and cleaning-rule category. Every
 * chart takes its colours and legend words from here, so "loaded (negative)" is the same red in
 * every chart of every notebook, and the legend lists values in the order bars are stacked.
 *
 * Outlets get no colour on purpose: a corpus can hold forty outlets and no palette tells forty
 * colours apart, so charts sort and label outlets (see `outlets.ts`) instead of colour-coding them.
 *
 * @module
 */

/** One value of a domain: the id found in the tables, the word shown, and its colour. */
export interface ScaleEntry {
  value: string;
  label: string;
  colour: string;
}

/** A categorical domain: its legend title and its values in display (and stacking) order. */
export interface Scale {
  /** Legend and tooltip title, in words ("source type"). */
  title: string;
  entries: readonly ScaleEntry[];
}

/** Colours for values a scale does not list (a new source type in someone's gazetteer). */
const FALLBACK_COLOURS: readonly string[] = [
  "#17becf",
  "#bcbd22",
  "#ff9896",
  "#c49c94",
  "#f7b6d2",
  "#dbdb8d",
  "#9edae5",
  "#c5b0d5",
];

function scale(title: string, entries: Array<[string, string, string]>): Scale {
  return { title, entries: entries.map(([value, label, colour]) => ({ value, label, colour })) };
}

/**
 * Framing categories of the lexicon: red negative, blue positive, grey neutral, purple distancing.
 *
 * @example
 * ```ts
 * labelOf(FRAMING_CATEGORY, "loaded_negative"); // "loaded (negative)"
 * ```
 */
export const FRAMING_CATEGORY: Scale = scale("category", [
  ["loaded_negative", "loaded (negative)", "#c0392b"],
  ["loaded_positive", "loaded (positive)", "#2e86c1"],
  ["neutral", "neutral", "#95a5a6"],
  ["distancing", "distancing", "#8e44ad"],
]);

/**
 * The four voices of a hit (headline and narration are the outlet's own voice).
 *
 * @example
 * ```ts
 * colourOf(VOICE, "quote"); // "#1b9e77"
 * ```
 */
export const VOICE: Scale = scale("voice", [
  ["headline", "headline", "#a6611a"],
  ["narration", "narration", "#e08214"],
  ["quote", "quote", "#1b9e77"],
  ["paraphrase", "paraphrase", "#66c2a5"],
]);

/**
 * The two voice groups: the outlet's own voice against others' words.
 *
 * @example
 * ```ts
 * labelOf(VOICE_GROUP, "own voice"); // "own voice"
 * ```
 */
export const VOICE_GROUP: Scale = scale("voice", [
  ["own voice", "own voice", "#e08214"],
  ["others' words", "others' words", "#1b9e77"],
]);

/**
 * Source types of the gazetteer and role words; `unknown` is an attribution with no type.
 *
 * @example
 * ```ts
 * labelOf(SOURCE_TYPE, "expert_or_think_tank"); // "expert or think tank"
 * ```
 */
export const SOURCE_TYPE: Scale = scale("source type", [
  ["state_media", "state media", "#d62728"],
  ["news_agency", "news agency", "#1f77b4"],
  ["other_media", "other media", "#aec7e8"],
  ["official", "official", "#2ca02c"],
  ["government", "government", "#98df8a"],
  ["expert_or_think_tank", "expert or think tank", "#9467bd"],
  ["document", "document", "#8c564b"],
  ["unnamed", "unnamed source", "#e377c2"],
  ["other", "other source", "#7f7f7f"],
  ["unknown", "not typed", "#c7c7c7"],
]);

/**
 * Attribution kinds, from most to least of the source's own words.
 *
 * @example
 * ```ts
 * labelOf(ATTRIBUTION_KIND, "direct"); // "direct (quoted)"
 * ```
 */
export const ATTRIBUTION_KIND: Scale = scale("kind", [
  ["direct", "direct (quoted)", "#01665e"],
  ["mixed", "mixed", "#5ab4ac"],
  ["indirect", "indirect (paraphrase)", "#d8b365"],
]);

/**
 * The attribution kinds in stacking order.
 *
 * @example
 * ```ts
 * SOURCE_KIND_ORDER; // ["direct", "mixed", "indirect"]
 * ```
 */
export const SOURCE_KIND_ORDER: readonly string[] = ATTRIBUTION_KIND.entries.map((e) => e.value);

/**
 * Categories of the cleaning rules (`data/cleaning_rules.csv`); a researcher's new category gets
 * a fallback colour.
 *
 * @example
 * ```ts
 * labelOf(CLEANING_CATEGORY, "navigation"); // "navigation"
 * ```
 */
export const CLEANING_CATEGORY: Scale = scale("rule category", [
  ["navigation", "navigation", "#1f77b4"],
  ["title", "title", "#aec7e8"],
  ["source", "source line", "#ff7f0e"],
  ["byline", "byline", "#ffbb78"],
  ["credit", "credit", "#2ca02c"],
  ["date", "date", "#98df8a"],
  ["related", "related links", "#d62728"],
  ["comments", "comments", "#ff9896"],
  ["notice", "notice", "#9467bd"],
  ["contact", "contact", "#c5b0d5"],
  ["footer", "footer", "#8c564b"],
  ["structure", "structure", "#c49c94"],
  ["template", "template", "#e377c2"],
  ["category", "category line", "#7f7f7f"],
]);

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * The word shown for a value: the scale's label, else the id with underscores as spaces; null is
 * "unknown".
 *
 * @example
 * ```ts
 * labelOf(SOURCE_TYPE, "state_media"); // "state media"
 * labelOf(SOURCE_TYPE, "new_type"); // "new type"
 * ```
 */
export function labelOf(s: Scale, value: string | null | undefined): string {
  const v = value ?? "unknown";
  return s.entries.find((e) => e.value === v)?.label ?? v.replaceAll("_", " ");
}

/**
 * The colour of a value: the scale's, else a fallback colour chosen from the value itself (so
 * the same unknown value gets the same colour in every chart).
 *
 * @example
 * ```ts
 * colourOf(FRAMING_CATEGORY, "loaded_negative"); // "#c0392b"
 * ```
 */
export function colourOf(s: Scale, value: string | null | undefined): string {
  const v = value ?? "unknown";
  return s.entries.find((e) => e.value === v)?.colour ??
    FALLBACK_COLOURS[hash(v) % FALLBACK_COLOURS.length];
}

/**
 * The rank of a value in display order (values the scale lacks come after, by name).
 *
 * @example
 * ```ts
 * rankOf(ATTRIBUTION_KIND, "indirect"); // 2
 * ```
 */
export function rankOf(s: Scale, value: string | null | undefined): number {
  const i = s.entries.findIndex((e) => e.value === (value ?? "unknown"));
  return i >= 0 ? i : s.entries.length;
}

/**
 * The values present, in display order: the scale's order, then values it lacks by name.
 *
 * @example
 * ```ts
 * presentValues(ATTRIBUTION_KIND, ["indirect", "direct"]); // ["direct", "indirect"]
 * ```
 */
export function presentValues(s: Scale, values: Iterable<string | null | undefined>): string[] {
  const set = new Set([...values].map((v) => v ?? "unknown"));
  return [...set].sort((a, b) => rankOf(s, a) - rankOf(s, b) || a.localeCompare(b));
}

/**
 * A Vega-Lite colour encoding over the label field `field` (holding {@linkcode labelOf} words),
 * listing only the `values` present, in display order, each with its fixed colour, so a legend
 * reads in stacking order and every chart colours a value alike.
 *
 * @example
 * ```ts
 * colourEncoding(ATTRIBUTION_KIND, "kind_label", ["indirect", "direct"]);
 * // { field: "kind_label", type: "nominal", title: "kind",
 * //   scale: { domain: ["direct (quoted)", "indirect (paraphrase)"], range: ["#01665e", "#d8b365"] }, ... }
 * ```
 */
export function colourEncoding(
  s: Scale,
  field: string,
  values: Iterable<string | null | undefined>,
  opts: { legend?: boolean | "bottom"; title?: string } = {},
): Record<string, unknown> {
  const present = presentValues(s, values);
  return {
    field,
    type: "nominal",
    title: opts.title ?? s.title,
    scale: {
      domain: present.map((v) => labelOf(s, v)),
      range: present.map((v) => colourOf(s, v)),
    },
    ...(opts.legend === false ? { legend: null } : opts.legend === "bottom"
      ? {
        legend: { labelLimit: 0, orient: "bottom", direction: "horizontal", columns: 4 },
      }
      : { legend: { labelLimit: 0 } }),
  };
}
