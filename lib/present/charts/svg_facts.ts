/**
 * What a rendered Vega SVG shows, read back as data: its size, its texts, its legend entries
 * (label and swatch colour) and its data marks. The chart tests use it to check what a reader
 * sees (every label whole, legend order and colours, counts beside shares) rather than the spec.
 *
 * @module
 */

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
};

function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|apos|#39);/g, (e) => ENTITIES[e]);
}

/**
 * The width and height attributes of the outer `<svg>`.
 *
 * @example
 * ```ts
 * svgSize('<svg width="10" height="20"></svg>'); // { width: 10, height: 20 }
 * ```
 */
export function svgSize(svg: string): { width: number; height: number } {
  const m = svg.match(/^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/);
  if (!m) throw new Error("svgSize: no <svg width=… height=…> at the start");
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * Every text drawn (each `<text>`, its `<tspan>` lines joined by a space), decoded.
 *
 * @example
 * ```ts
 * svgTexts('<svg><text>a &amp; b</text></svg>'); // ["a & b"]
 * ```
 */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/gs)].map((m) =>
    decode(m[1].replace(/<tspan\b[^>]*>(.*?)<\/tspan>/gs, "$1 ").replace(/<[^>]+>/g, "").trim())
  );
}

/** One legend entry: its label and the fill of its swatch. */
export interface LegendEntry {
  label: string;
  colour: string;
}

/**
 * The entries of every symbol legend, in the order drawn.
 *
 * @example
 * ```ts
 * legendEntries(svg); // [{ label: "direct (quoted)", colour: "#01665e" }, …]
 * ```
 */
export function legendEntries(svg: string): LegendEntry[] {
  const re =
    /class="mark-symbol role-legend-symbol"[^>]*><path\b[^>]*\sfill="([^"]+)"[^>]*\/><\/g><g class="mark-text role-legend-label"[^>]*><text\b[^>]*>(.*?)<\/text>/gs;
  return [...svg.matchAll(re)].map((m) => ({ label: decode(m[2]), colour: m[1] }));
}

/**
 * The aria labels of the data marks of one kind (`aria-roledescription`: "bar", "point",
 * "rule", "rect", "text"; Vega adds " mark" inside facets), in the order drawn.
 *
 * @example
 * ```ts
 * markLabels(svg, "bar"); // ["outlet: A; attributions: 3", …]
 * ```
 */
export function markLabels(svg: string, role: string): string[] {
  const re = new RegExp(
    `<[a-z]+ aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="${role}(?: mark)?"`,
    "g",
  );
  return [...svg.matchAll(re)].map((m) => decode(m[1]));
}
