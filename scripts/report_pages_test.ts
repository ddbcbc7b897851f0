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

const CHART_SELECTOR = "img[src^='data:image/svg+xml'], img[src$='.svg'], " +
  ":is(.jp-OutputArea-output, .output_subarea, .jp-RenderedSVG, .output_svg) svg:not(svg svg)";

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
            viewport: { width: 1000, height: 800 },
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
                  `1000-pixel-wide window, where the page cannot scroll: its legend is cut off; ` +
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
