/**
 * Browser test of the rendered report.
 *
 * Opens every `*.html` page under `REPORT_DIR` (default: `reports/` in the
 * repo; build it first with `deno task report`) in headless Chromium and
 * checks that the page is self-contained and its charts are drawn:
 *
 * - no request leaves `file://` (every request URL is recorded; http(s), ws
 *   and other schemes fail the test, naming page and URL);
 * - no console error and no uncaught page error;
 * - every chart (`<img>` of an SVG, or an inline `<svg>` in an output area) is
 *   visible, has a non-zero bounding box and actually draws something;
 * - every notebook page has at least one chart;
 * - every chart with a Vega-Lite spec is drawn interactively (its static copy
 *   hidden) and shows a tooltip when a mark is hovered;
 * - each legend label has one colour across all charts of the page;
 * - no chart text ends in "…" (nothing cut);
 * - no table cell reads `null`, and no table (or chart) is wider than the
 *   960-pixel column or runs past its output area;
 * - `index.html` links to every other page, and every relative link on it
 *   resolves to an existing file.
 *
 * Needs Debian's `chromium` at /usr/bin/chromium (`apt-get install -y chromium`).
 *
 * @module
 */
import { chromium } from "playwright-core";
import { assert } from "../lib/testing.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Resolves the report folder and checks that it holds an index.html. */
function reportDir(): string {
  const fromEnv = Deno.env.get("REPORT_DIR");
  const dir = fromEnv && fromEnv.length > 0
    ? fromEnv
    : decodeURIComponent(new URL("../reports/", import.meta.url).pathname);
  const abs = dir.startsWith("/") ? dir : `${Deno.cwd()}/${dir}`;
  const clean = abs.replace(/\/+$/, "");
  try {
    Deno.statSync(`${clean}/index.html`);
  } catch {
    throw new Error(
      `report_pages_test: ${clean}/index.html not found` +
        (fromEnv ? ` (REPORT_DIR=${fromEnv})` : " (REPORT_DIR is not set)") +
        `: run \`deno task report\` first to build the report, or set REPORT_DIR to its folder`,
    );
  }
  return clean;
}

/** Every `*.html` file under `dir`, as paths relative to it, sorted. */
function htmlPages(dir: string, sub = ""): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(sub ? `${dir}/${sub}` : dir)) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...htmlPages(dir, rel));
    else if (entry.isFile && entry.name.endsWith(".html")) out.push(rel);
  }
  return out.sort();
}

function fileUrl(path: string): string {
  return "file://" + path.split("/").map(encodeURIComponent).join("/");
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What the page reports about its charts and links (computed in the browser). */
interface PageFacts {
  isNotebook: boolean;
  charts: {
    kind: string;
    width: number;
    height: number;
    drawn: boolean;
    fits: boolean;
    describe: string;
  }[];
  links: string[];
}

/**
 * Runs inside the page: finds charts (SVG images and top-level inline SVGs in
 * output areas) and links. Written as a string so that it is not type-checked
 * against Deno's (DOM-less) types.
 */
const COLLECT_FACTS = `(() => {
  const isNotebook = !!document.querySelector(
    ".jp-Notebook, .jp-Cell, #notebook-container, .cell, .jp-OutputArea");
  const charts = [];
  const box = (el) => el.getBoundingClientRect();
  const outputs = ".jp-OutputArea-output, .output_subarea, .jp-RenderedSVG, .output_svg";
  for (const img of document.querySelectorAll("img")) {
    const src = img.getAttribute("src") || "";
    if (!/^data:image\\/svg\\+xml/.test(src) && !/\\.svg([?#].*)?$/i.test(src)) continue;
    if (getComputedStyle(img).display === "none") continue; // replaced by its interactive copy
    const r = box(img);
    charts.push({ kind: "img", width: r.width, height: r.height,
      drawn: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
      fits: r.right <= document.documentElement.clientWidth + 1,
      describe: "<img src=" + JSON.stringify(src.slice(0, 60)) + ">" });
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.parentElement && svg.parentElement.closest("svg")) continue; // nested
    if (!svg.closest(outputs)) continue; // page chrome, not an output
    const r = box(svg);
    const shapes = svg.querySelectorAll(
      "path, rect, circle, line, polyline, polygon, ellipse, image").length;
    charts.push({ kind: "svg", width: r.width, height: r.height, drawn: shapes > 0,
      fits: r.right <= document.documentElement.clientWidth + 1,
      describe: "<svg> #" + charts.length + " with " + shapes + " shapes" });
  }
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"));
  return { isNotebook, charts, links };
})()`;

const CHART_SELECTOR = "img[src^='data:image/svg+xml']:visible, img[src$='.svg']:visible, " +
  ":is(.jp-OutputArea-output, .output_subarea, .jp-RenderedSVG, .output_svg) svg:not(svg svg)";

/**
 * Observable Plot figures have no spec to draw interactively, so they show no tooltip. The
 * notebooks draw none (every chart is Vega-Lite), so every chart of every page must show a
 * tooltip; `ALLOW_STATIC_PLOT=1` relaxes that for notebooks of your own that draw with Plot.
 */
const ALLOW_STATIC_PLOT = Deno.env.get("ALLOW_STATIC_PLOT") === "1";

/** What a reader would trip over on a notebook page (computed in the browser). */
interface ReaderFacts {
  problems: string[];
  /** Charts drawn interactively from their Vega-Lite spec. */
  interactive: number;
  /** Charts without a spec (static images only), by their description. */
  staticOnly: string[];
}

/**
 * Runs inside the page: charts drawn from their spec, one colour per legend label across the
 * page, no cut chart text, no table cell reading "null", nothing wider than the 960-pixel column
 * or its output area.
 */
const READER_CHECKS = `(() => {
  const problems = [];
  const COLUMN = 960;
  const colours = new Map();
  const staticOnly = [];
  let interactive = 0;
  const legendAndText = (root, name, i) => {
    for (const t of root.querySelectorAll("text")) {
      if (t.textContent.trim().endsWith("…")) problems.push(name + ": text cut: " + t.textContent);
    }
    for (const sym of root.querySelectorAll("g.role-legend-symbol")) {
      const label = sym.parentElement.querySelector("g.role-legend-label text");
      const path = sym.querySelector("path");
      if (!label || !path) continue;
      const key = label.textContent;
      const fill = path.getAttribute("fill");
      if (!colours.has(key)) colours.set(key, new Map());
      colours.get(key).set(fill, (colours.get(key).get(fill) || []).concat([i + 1]));
    }
  };
  const images = [...document.querySelectorAll(".jp-OutputArea-output img")]
    .filter((img) => /^data:image\\/svg\\+xml/.test(img.getAttribute("src") || ""));
  images.forEach((img, i) => {
    const name = "chart " + (i + 1);
    const box = img.closest(".fl-chart");
    const spec = box && box.querySelector("script.fl-spec");
    const svg = box && box.querySelector(".fl-interactive svg");
    const area = img.closest(".jp-OutputArea-child") || img.parentElement;
    if (spec && !svg) problems.push(name + " has a Vega-Lite spec but was not drawn interactively");
    if (!spec) staticOnly.push(name + " (" + img.getAttribute("alt") + ")");
    const src = img.getAttribute("src");
    const text = decodeURIComponent(src.slice(src.indexOf(",") + 1));
    const still = new DOMParser().parseFromString(text, "image/svg+xml");
    legendAndText(still, name + " (static copy)", i);
    if (!svg) return;
    interactive++;
    if (getComputedStyle(img).display !== "none") {
      problems.push(name + ": both the static and the interactive copy are shown");
    }
    const r = svg.getBoundingClientRect();
    if (r.width > COLUMN + 1) problems.push(name + " is " + Math.round(r.width) + " px wide");
    if (r.right > area.getBoundingClientRect().right + 1) {
      problems.push(name + " runs past its output area");
    }
    legendAndText(svg, name, i);
  });
  for (const [label, fills] of colours) {
    if (fills.size > 1) {
      problems.push("legend label " + JSON.stringify(label) + " has " + fills.size +
        " colours: " + [...fills].map(([f, c]) => f + " in chart " + c.join(", ")).join("; "));
    }
  }
  const tables = [...document.querySelectorAll(".jp-OutputArea-output table")];
  tables.forEach((table, i) => {
    const name = "table " + (i + 1) + (table.caption ? " (" + table.caption.textContent + ")" : "");
    const r = table.getBoundingClientRect();
    if (r.width > COLUMN + 1) problems.push(name + " is " + Math.round(r.width) + " px wide");
    const area = table.closest(".jp-OutputArea-child");
    if (area && r.right > area.getBoundingClientRect().right + 1) {
      problems.push(name + " runs past its output area");
    }
    const nulls = [...table.querySelectorAll("td")].filter((td) => td.textContent.trim() === "null");
    if (nulls.length > 0) problems.push(name + ": " + nulls.length + " cells read null");
  });
  return { problems, interactive, staticOnly };
})()`;

/**
 * Hovers the data marks of the `k`-th interactive chart (at most five tries) and says whether
 * the tooltip showed text.
 */
async function hoverShowsTooltip(
  tab: import("playwright-core").Page,
  k: number,
): Promise<boolean> {
  const chart = tab.locator(".fl-interactive svg").nth(k);
  await chart.scrollIntoViewIfNeeded();
  const marks = chart.locator(
    ".role-mark path[role='graphics-symbol'], .role-mark line, .role-mark path, .role-mark text",
  );
  const n = Math.min(await marks.count(), 5);
  for (let i = 0; i < n; i++) {
    const box = await marks.nth(i).boundingBox();
    if (!box) continue;
    await tab.mouse.move(0, 0);
    await tab.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
    const shown = await tab.waitForFunction(
      `(() => { const t = document.getElementById("vg-tooltip-element");
        return !!t && t.classList.contains("visible") && t.textContent.trim().length > 0; })()`,
      undefined,
      { timeout: 1500 },
    ).then(() => true, () => false);
    if (shown) {
      await tab.mouse.move(0, 0);
      return true;
    }
  }
  return false;
}

Deno.test({
  name: "rendered report pages are self-contained, error-free and draw their charts",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const dir = reportDir();
    const pages = htmlPages(dir);
    assert(pages.includes("index.html"), `${dir} has no index.html`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      for (const page of pages) {
        await t.step(page, async () => {
          // A laptop-sized window: charts must scale to the notebook column, not run off it.
          const context = await browser.newContext({
            offline: true,
            viewport: { width: 1024, height: 800 },
          });
          const tab = await context.newPage();
          const requests: string[] = [];
          const errors: string[] = [];
          tab.on("request", (r) => requests.push(r.url()));
          tab.on("websocket", (ws) => requests.push(ws.url()));
          tab.on("console", (m) => {
            if (m.type() !== "error") return;
            const where = m.location().url;
            errors.push(`console error: ${m.text()}${where ? ` (at ${where})` : ""}`);
          });
          tab.on("requestfailed", (r) => {
            errors.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? "unknown"})`);
          });
          tab.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
          // Anything not file:// or data: is recorded above and never sent.
          await context.route(/^(?!file:|data:)/, (route) => route.abort());
          try {
            await tab.goto(fileUrl(`${dir}/${page}`), { waitUntil: "load" });
            await tab.waitForLoadState("networkidle");
            const outside = requests.filter((u) => !/^(file|data|about|blob):/.test(u));
            assert(
              outside.length === 0,
              `${page} requested URLs outside file:// (a report must load nothing from ` +
                `the network):\n  ${outside.join("\n  ")}`,
            );
            assert(errors.length === 0, `${page} logged errors:\n  ${errors.join("\n  ")}`);

            const facts = await tab.evaluate(COLLECT_FACTS) as PageFacts;
            for (const chart of facts.charts) {
              assert(
                chart.width > 0 && chart.height > 0,
                `${page}: chart ${chart.describe} has an empty bounding box ` +
                  `(${chart.width}×${chart.height})`,
              );
              assert(
                chart.fits,
                `${page}: chart ${chart.describe} runs past the right edge of a ` +
                  `1024-pixel-wide window, where the page cannot scroll: its legend is cut off; ` +
                  `scale it to its column (max-width: 100%)`,
              );
              assert(
                chart.drawn,
                `${page}: chart ${chart.describe} draws nothing (a broken image, or an SVG ` +
                  `whose elements were stripped, e.g. by nbconvert's clean_html)`,
              );
            }
            const handles = await tab.locator(CHART_SELECTOR).all();
            assert(handles.length === facts.charts.length, `${page}: chart count mismatch`);
            for (const [i, handle] of handles.entries()) {
              await handle.scrollIntoViewIfNeeded();
              assert(await handle.isVisible(), `${page}: chart ${i + 1} is not visible`);
            }
            if (page !== "index.html" && facts.isNotebook) {
              assert(
                facts.charts.length >= 1,
                `${page} is a notebook page but shows no chart (expected at least one ` +
                  `<img src="data:image/svg+xml..."> or inline <svg> in an output)`,
              );
            }

            if (facts.isNotebook) {
              const reader = await tab.evaluate(READER_CHECKS) as ReaderFacts;
              assert(
                reader.problems.length === 0,
                `${page}:\n  ${reader.problems.join("\n  ")}`,
              );
              const noTip: string[] = [];
              for (let k = 0; k < reader.interactive; k++) {
                if (!(await hoverShowsTooltip(tab, k))) noTip.push(`chart ${k + 1}`);
              }
              assert(
                noTip.length === 0,
                `${page}: no tooltip when hovering a mark of ${noTip.join(", ")} ` +
                  `(each chart should say value, n and interval on hover)`,
              );
              if (!ALLOW_STATIC_PLOT) {
                assert(
                  reader.staticOnly.length === 0,
                  `${page}: static charts without tooltips: ${reader.staticOnly.join("; ")}`,
                );
              }
            }

            if (page === "index.html") {
              const local = facts.links.filter((h) =>
                !/^[a-z][a-z0-9+.-]*:/i.test(h) && !h.startsWith("#")
              );
              const problems: string[] = [];
              for (const href of local) {
                const target = decodeURIComponent(href.replace(/[?#].*$/, ""));
                if (!exists(`${dir}/${target}`)) {
                  problems.push(`links to ${JSON.stringify(href)}, which is not a file in ${dir}`);
                }
              }
              const linked = new Set(
                local.map((h) => decodeURIComponent(h.replace(/[?#].*$/, "").replace(/^\.\//, ""))),
              );
              const missing = pages.filter((p) => p !== "index.html" && !linked.has(p));
              if (missing.length > 0) problems.push(`does not link to: ${missing.join(", ")}`);
              assert(problems.length === 0, `index.html ${problems.join("; ")}`);
            }
          } finally {
            await context.close();
          }
        });
      }
    } finally {
      await browser.close();
    }
  },
});
