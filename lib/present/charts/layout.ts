/**
 * Sizing and wording shared by the chart modules: every chart fits a 960-pixel column with its
 * labels whole (no label limit, titles wrapped), shows the count behind each share, and draws
 * shares from fewer than {@linkcode FEW} references lighter.
 *
 * Widths are estimated the way Vega estimates text without a browser (0.8 × font size per
 * character), which overestimates real fonts, so a chart sized here fits in Jupyter too.
 *
 * @module
 */

/** The width every chart and table must fit, in CSS pixels. */
export const COLUMN_WIDTH = 960;

/** Below this many references a share is drawn lighter and its tooltip says so. */
export const FEW = 5;

/** Opacity of a mark resting on fewer than {@linkcode FEW} references. */
export const FEW_OPACITY = 0.35;

/**
 * Estimated width in pixels of `text` at `fontSize` (Vega's own estimate without a browser).
 *
 * @example
 * ```ts
 * textWidth("abcde", 10); // 40
 * ```
 */
export function textWidth(text: string, fontSize = 10): number {
  return Math.ceil(0.8 * Array.from(text).length * fontSize);
}

/**
 * The widest of `texts` (estimated), 0 for none.
 *
 * @example
 * ```ts
 * widestText(["ab", "abcd"], 10); // 32
 * ```
 */
export function widestText(texts: Iterable<string>, fontSize = 10): number {
  let w = 0;
  for (const t of texts) w = Math.max(w, textWidth(t, fontSize));
  return w;
}

/**
 * Splits `text` into lines of at most `maxChars` characters at spaces (a word longer than that
 * gets its own line, whole).
 *
 * @example
 * ```ts
 * wrapWords("one two three four", 9); // ["one two", "three", "four"]
 * ```
 */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line === "") line = word;
    else if (Array.from(line).length + 1 + Array.from(word).length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}

/**
 * A Vega-Lite title wrapped to the column (13-pixel title, 11-pixel subtitle), left-aligned.
 *
 * @example
 * ```ts
 * chartTitle("Words per article", "one bar per article");
 * // { text: ["Words per article"], subtitle: ["one bar per article"], anchor: "start" }
 * ```
 */
export function chartTitle(text: string, subtitle?: string): Record<string, unknown> {
  const maxTitle = Math.floor((COLUMN_WIDTH - 160) / (0.8 * 13));
  const maxSub = Math.floor((COLUMN_WIDTH - 160) / (0.8 * 11));
  return {
    text: wrapWords(text, maxTitle),
    ...(subtitle ? { subtitle: wrapWords(subtitle, maxSub) } : {}),
    anchor: "start",
  };
}

/**
 * A share as a whole percentage ("42%"); NaN as "–".
 *
 * @example
 * ```ts
 * percent(0.4166); // "42%"
 * ```
 */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 100)}%` : "–";
}

/**
 * An interval as "lower–upper" in percent ("18–71%").
 *
 * @example
 * ```ts
 * percentInterval(0.181, 0.709); // "18–71%"
 * ```
 */
export function percentInterval(lower: number, upper: number): string {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return "–";
  return `${Math.round(lower * 100)}–${Math.round(upper * 100)}%`;
}

/**
 * The fill-opacity encoding: marks with fewer than {@linkcode FEW} references (`field` < 5)
 * lighter. Use it as `fillOpacity` together with a full-colour outline ({@linkcode outlineLike}),
 * so a light mark keeps its hue (a light red must not read as pink).
 *
 * @example
 * ```ts
 * fewOpacity("n"); // { condition: { test: 'datum["n"] < 5', value: 0.35 }, value: 1 }
 * ```
 */
export function fewOpacity(field: string): Record<string, unknown> {
  return {
    condition: { test: `datum[${JSON.stringify(field)}] < ${FEW}`, value: FEW_OPACITY },
    value: 1,
  };
}

/**
 * A stroke encoding with the same field, colours and legend as a colour encoding (Vega-Lite
 * merges the two legends into one): the outline of a light (few references) mark in its full
 * colour.
 *
 * @example
 * ```ts
 * outlineLike({ field: "kind", type: "nominal", scale: { domain: ["a"], range: ["#000"] } });
 * // { field: "kind", type: "nominal", scale: { domain: ["a"], range: ["#000"] } }
 * ```
 */
export function outlineLike(colour: Record<string, unknown>): Record<string, unknown> {
  return { ...colour };
}

/** The note under a chart that draws small counts lighter. */
export const FEW_NOTE = `lighter: fewer than ${FEW}`;

/**
 * The pixel width left for the plot area once y labels, a legend and a right-hand label column
 * are placed, between `min` and `max`.
 *
 * @example
 * ```ts
 * plotWidth({ yLabels: 180, legend: 150, right: 60, max: 480 }); // 480
 * ```
 */
export function plotWidth(
  parts: { yLabels?: number; legend?: number; right?: number; max?: number; min?: number },
): number {
  const free = COLUMN_WIDTH - 30 - (parts.yLabels ?? 0) - (parts.legend ?? 0) -
    (parts.right ?? 0);
  return Math.max(parts.min ?? 120, Math.min(parts.max ?? 480, free));
}

/**
 * The width a legend takes: its widest label or title plus the swatch and padding.
 *
 * @example
 * ```ts
 * legendWidth(["direct (quoted)", "mixed"], "kind"); // 158
 * ```
 */
export function legendWidth(labels: readonly string[], title: string): number {
  return Math.max(widestText(labels, 10) + 26, textWidth(title, 11)) + 16;
}
