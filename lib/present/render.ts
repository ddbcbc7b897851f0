/**
 * Charts as Jupyter display bundles that every front end can show.
 *
 * A Vega-Lite chart becomes ONE bundle holding the spec
 * (`application/vnd.vegalite.v5+json`, drawn live by JupyterLab and VS Code),
 * a static `image/svg+xml` rendering (what nbconvert's HTML export shows: it
 * drops the Vega-Lite MIME type) and a `text/plain` description. An Observable
 * Plot figure is rendered server-side with linkedom into one standalone SVG.
 * Both renderers escape text taken from data (outlet names, titles).
 *
 * @module
 */
// Vega's Node build requires the deprecated `punycode` module (through node-fetch); the two quiet_*
// imports around it keep Deno from printing that deprecation warning (see quiet_begin.ts).
import "./quiet_begin.ts";
import * as vl from "vega-lite";
import * as vega from "vega";
import "./quiet_end.ts";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeHtml } from "./html.ts";
import { releaseMemory } from "./memory.ts";

/** A Jupyter MIME bundle: MIME type to data. */
export type MimeBundle = Record<string, unknown>;

/** A Vega-Lite v5 specification as a plain JSON object (inline data only). */
export type VegaLiteSpec = Record<string, unknown>;

/** The only Vega-Lite schema this project renders. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Checks that a spec only holds inline data: any `data` object with a `url`
 * (anywhere, including layers and facets) is rejected, because a rendered
 * report must not fetch anything.
 */
function assertInlineData(node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => assertInlineData(item, `${path}[${i}]`));
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (
      key === "data" && value !== null && typeof value === "object" && "url" in value
    ) {
      throw new Error(
        `vegaLiteBundle: ${path}.data has url ${
          JSON.stringify((value as { url: unknown }).url)
        }; charts must carry their data inline: use data: { values: [...] }`,
      );
    }
    assertInlineData(value, `${path}.${key}`);
  }
}

/**
 * The configuration every chart gets unless its spec says otherwise: no label limit on axes,
 * legends and facet headers (a cut name is a defect: "Korean Central News A…"), and titles that
 * may run as long as they are written.
 *
 * @example
 * ```ts
 * DEFAULT_CONFIG.axis; // { labelLimit: 0 }
 * ```
 */
export const DEFAULT_CONFIG: Readonly<Record<string, Record<string, unknown>>> = {
  axis: { labelLimit: 0 },
  legend: { labelLimit: 0, titleLimit: 0 },
  header: { labelLimit: 0, titleLimit: 0 },
  title: { limit: 0, subtitleColor: "#555" },
};

function withDefaultConfig(spec: VegaLiteSpec): VegaLiteSpec {
  const given = (spec.config ?? {}) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...given };
  for (const [key, defaults] of Object.entries(DEFAULT_CONFIG)) {
    const mine = given[key];
    config[key] = mine !== null && typeof mine === "object"
      ? { ...defaults, ...(mine as Record<string, unknown>) }
      : { ...defaults };
  }
  return { ...spec, config };
}

/**
 * Returns a copy of `spec` with the Vega-Lite v5 `$schema` set, after checking
 * that it holds inline data only, and {@linkcode DEFAULT_CONFIG} under the spec's own config.
 * Throws if the spec names another schema.
 *
 * @example
 * ```ts
 * const spec = withVegaLiteSchema({ data: { values: [{ a: 1 }] }, mark: "point" });
 * spec.$schema; // "https://vega.github.io/schema/vega-lite/v5.json"
 * ```
 */
export function withVegaLiteSchema(spec: VegaLiteSpec): VegaLiteSpec {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    throw new Error("vegaLiteBundle: spec must be a Vega-Lite JSON object");
  }
  const schema = spec.$schema;
  if (schema !== undefined && schema !== VEGA_LITE_SCHEMA) {
    throw new Error(
      `vegaLiteBundle: spec.$schema is ${JSON.stringify(schema)}; ` +
        `this project renders Vega-Lite v5: set $schema to ${VEGA_LITE_SCHEMA} or leave it out`,
    );
  }
  assertInlineData(spec, "spec");
  return withDefaultConfig({ $schema: VEGA_LITE_SCHEMA, ...spec });
}

/** A short plain-text description of a Vega-Lite chart for `text/plain`. */
function describeVegaLite(spec: VegaLiteSpec): string {
  const rawTitle = typeof spec.title === "string"
    ? spec.title
    : (spec.title as { text?: unknown } | undefined)?.text;
  const title = Array.isArray(rawTitle) ? rawTitle.join(" ") : rawTitle;
  const mark = typeof spec.mark === "string"
    ? spec.mark
    : (spec.mark as { type?: unknown } | undefined)?.type;
  const values = (spec.data as { values?: unknown } | undefined)?.values;
  const parts = [
    mark ? `${mark} chart` : "chart",
    Array.isArray(values) ? `${values.length} data rows` : undefined,
  ].filter(Boolean);
  const head = `Vega-Lite ${parts.join(", ")}`;
  const description = typeof spec.description === "string" ? spec.description : undefined;
  return [head, title ? String(title) : undefined, description].filter(Boolean).join(": ");
}

/**
 * A Vega-Lite logger that keeps its warnings to itself: they would land in a notebook's output as
 * stderr ("WARN Detected faceted independent scales…") about choices the charts make on purpose.
 * Errors still throw.
 */
function quietLogger() {
  let level = 0;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]): never {
      throw new Error(`vega-lite: ${args.map(String).join(" ")}`);
    },
    warn() {
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/**
 * Renders a Vega-Lite spec to SVG headless (no browser, no canvas).
 *
 * @example
 * ```ts
 * const svg = await vegaLiteSvg({ data: { values: [{ a: 1 }] }, mark: "point" });
 * svg.startsWith("<svg"); // true
 * ```
 */
export async function vegaLiteSvg(spec: VegaLiteSpec): Promise<string> {
  const full = withVegaLiteSchema(spec);
  const options = { logger: quietLogger() } as unknown as Parameters<typeof vl.compile>[1];
  // deno-lint-ignore no-explicit-any
  const compiled = vl.compile(full as any, options).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Builds one display bundle for a Vega-Lite chart: the spec, its SVG and a
 * plain-text description. Adds `$schema` when missing; rejects external data.
 *
 * @example
 * ```ts
 * const bundle = await vegaLiteBundle({
 *   data: { values: [{ outlet: "A", words: 10 }] },
 *   mark: "bar",
 *   encoding: { x: { field: "outlet", type: "nominal" }, y: { field: "words", type: "quantitative" } },
 * });
 * Object.keys(bundle); // ["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]
 * ```
 */
export async function vegaLiteBundle(spec: VegaLiteSpec): Promise<MimeBundle> {
  const full = withVegaLiteSchema(spec);
  return {
    "application/vnd.vegalite.v5+json": full,
    "image/svg+xml": await vegaLiteSvg(full),
    "text/plain": describeVegaLite(full),
  };
}

/**
 * Displays a Vega-Lite chart in the Deno Jupyter kernel as one raw bundle.
 *
 * @example
 * ```ts
 * await showVegaLite({ data: { values: [{ a: 1, b: 2 }] }, mark: "point",
 *   encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } } });
 * ```
 */
export async function showVegaLite(spec: VegaLiteSpec): Promise<void> {
  releaseMemory();
  await Deno.jupyter.display(await vegaLiteBundle(spec), { raw: true });
}

// deno-lint-ignore no-explicit-any
type DomElement = any;

const SWATCH = 15;
const SWATCH_ROW = 22;
const CHAR_WIDTH = 6; // rough width of one 10px system-ui character

/** One horizontal strip of the stacked standalone SVG. */
interface Strip {
  height: number;
  width: number;
  /** SVG markup placed with its top-left corner at (0, 0). */
  body: string;
}

function textStrip(text: string, size: number, weight: string, width: number): Strip {
  const height = Math.round(size * 1.6);
  return {
    height,
    width,
    body: `<text x="0" y="${Math.round(size * 1.15)}" font-size="${size}" font-weight="${weight}"` +
      ` font-family="system-ui, sans-serif" fill="currentColor">${escapeHtml(text)}</text>`,
  };
}

function swatchesStrip(div: DomElement, width: number): Strip {
  let x = 0;
  let y = 0;
  let body = "";
  for (const span of Array.from(div.children) as DomElement[]) {
    if (span.tagName.toLowerCase() === "style") continue;
    const icon = Array.from(span.children as DomElement[]).find((c) =>
      c.tagName.toLowerCase() === "svg"
    );
    const label = String(span.textContent ?? "");
    const itemWidth = SWATCH + 5 + label.length * CHAR_WIDTH + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += SWATCH_ROW;
    }
    if (icon) {
      icon.setAttribute("x", String(x));
      icon.setAttribute("y", String(y + 2));
      icon.setAttribute("width", String(SWATCH));
      icon.setAttribute("height", String(SWATCH));
      body += icon.outerHTML;
    }
    body += `<text x="${x + SWATCH + 5}" y="${y + 13}" font-size="10"` +
      ` font-family="system-ui, sans-serif" fill="currentColor">${escapeHtml(label)}</text>`;
    x += itemWidth;
  }
  return { height: y + SWATCH_ROW + 4, width, body };
}

function svgStrip(svg: DomElement): Strip {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  if (!(width > 0) || !(height > 0)) {
    throw new Error(
      "plotBundle: a Plot <svg> has no numeric width/height; give the plot explicit width and height",
    );
  }
  let attrs = "";
  for (const attr of Array.from(svg.attributes) as { name: string; value: string }[]) {
    if (["width", "height", "viewBox", "xmlns", "style"].includes(attr.name)) continue;
    attrs += ` ${attr.name}="${escapeHtml(attr.value)}"`;
  }
  const viewBox = String(svg.getAttribute("viewBox") ?? `0 0 ${width} ${height}`).split(/[\s,]+/)
    .map(Number);
  const [vx, vy] = viewBox.length === 4 && viewBox.every(Number.isFinite) ? viewBox : [0, 0];
  const shift = vx !== 0 || vy !== 0 ? ` transform="translate(${-vx},${-vy})"` : "";
  return { width, height, body: `<g${attrs}${shift}>${svg.innerHTML}</g>` };
}

/**
 * Turns what `Plot.plot` returned (an `<svg>`, or a `<figure>` wrapping title,
 * legend swatches, the plot svg and a caption) into one standalone SVG string.
 */
function standaloneSvg(node: DomElement): string {
  const tag = String(node.tagName).toLowerCase();
  if (tag === "svg") {
    node.setAttribute("xmlns", SVG_NS);
    return node.outerHTML;
  }
  if (tag !== "figure") {
    throw new Error(`plotBundle: Plot returned <${tag}>, expected <svg> or <figure>`);
  }
  const children = Array.from(node.children) as DomElement[];
  const svgWidths = children.filter((c) => c.tagName.toLowerCase() === "svg")
    .map((c) => Number(c.getAttribute("width")) || 0);
  const width = Math.max(640, ...svgWidths);
  const strips: Strip[] = [];
  for (const child of children) {
    const childTag = String(child.tagName).toLowerCase();
    const text = String(child.textContent ?? "");
    if (childTag === "h2") strips.push(textStrip(text, 16, "bold", width));
    else if (childTag === "h3") strips.push(textStrip(text, 12, "normal", width));
    else if (childTag === "figcaption") strips.push(textStrip(text, 11, "normal", width));
    else if (childTag === "svg") strips.push(svgStrip(child));
    else if (childTag === "div" && String(child.getAttribute("class")).includes("swatches")) {
      strips.push(swatchesStrip(child, width));
    } else {
      throw new Error(
        `plotBundle: cannot turn <${childTag}> in a Plot figure into static SVG ` +
          `(continuous colour legends and tips need a browser): remove that legend or mark`,
      );
    }
  }
  let y = 0;
  let body = "";
  for (const strip of strips) {
    body += `<g transform="translate(0,${y})">${strip.body}</g>`;
    y += strip.height;
  }
  const height = Math.ceil(y);
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" style="max-width:100%;height:auto;background:white">` +
    `<rect width="100%" height="100%" fill="white"/>${body}</svg>`;
}

/**
 * Renders an Observable Plot figure server-side (linkedom) to one standalone
 * SVG string with `xmlns` set. Avoid `tip` marks and continuous colour legends:
 * they need a browser.
 *
 * @example
 * ```ts
 * const svg = plotSvg({ marks: [Plot.barY([{ x: "a", y: 1 }], { x: "x", y: "y" })] });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function plotSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML(
    "<!DOCTYPE html><html><head></head><body></body></html>",
  ) as unknown as { document: unknown };
  const node = Plot.plot({ ...options, document } as Plot.PlotOptions);
  return standaloneSvg(node);
}

/**
 * Builds a display bundle (`image/svg+xml` + `text/plain`) for an Observable
 * Plot figure rendered server-side.
 *
 * @example
 * ```ts
 * const bundle = plotBundle({ title: "Words", marks: [Plot.barY([{ x: "a", y: 1 }], { x: "x", y: "y" })] });
 * Object.keys(bundle); // ["image/svg+xml", "text/plain"]
 * ```
 */
export function plotBundle(options: Plot.PlotOptions): MimeBundle {
  const svg = plotSvg(options);
  const title = [options.title, options.subtitle, options.caption]
    .filter((t) => typeof t === "string" && t.length > 0).join(": ");
  const nMarks = options.marks?.length ?? 0;
  return {
    "image/svg+xml": svg,
    "text/plain": `Observable Plot chart (${nMarks} mark${nMarks === 1 ? "" : "s"})` +
      (title ? `: ${title}` : ""),
  };
}

/**
 * Displays an Observable Plot figure in the Deno Jupyter kernel as one raw bundle.
 *
 * @example
 * ```ts
 * await showPlot({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] });
 * ```
 */
export async function showPlot(options: Plot.PlotOptions): Promise<void> {
  releaseMemory();
  await Deno.jupyter.display(plotBundle(options), { raw: true });
}
