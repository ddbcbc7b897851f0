/**
 * Interactive charts on the offline report pages.
 *
 * The `offline` template writes each chart as its static SVG (an `<img>`) followed by its
 * Vega-Lite spec in a `<script type="application/json" class="fl-spec">`. This module inlines
 * Vega, Vega-Lite and vega-embed, read from the project's own npm dependencies (`node_modules/`,
 * the versions pinned in deno.json), into the page with a small script that draws every spec as
 * an SVG chart with tooltips and then hides the static copy. Nothing is loaded from a network or
 * from another file: the page still works from `file://`, e-mailed or copied alone. If a chart
 * cannot be drawn, its static copy stays.
 *
 * @module
 */

/** The three browser builds to inline, in load order (each defines a global the next needs). */
export const VEGA_SCRIPTS: readonly string[] = [
  "vega/build/vega.min.js",
  "vega-lite/build/vega-lite.min.js",
  "vega-embed/build/vega-embed.min.js",
];

/** The browser code that turns each embedded spec into an interactive chart. */
export const EMBED_SCRIPT = `(function () {
  "use strict";
  if (typeof vegaEmbed !== "function") return;
  var specs = document.querySelectorAll("script.fl-spec");
  for (var i = 0; i < specs.length; i++) {
    (function (node) {
      var box = node.parentElement;
      var still = box.querySelector("img.fl-static");
      var spec;
      try { spec = JSON.parse(node.textContent); } catch (e) { return; }
      var target = document.createElement("div");
      target.className = "fl-interactive";
      box.insertBefore(target, box.firstChild);
      vegaEmbed(target, spec, { renderer: "svg", actions: false, tooltip: { theme: "light" } })
        .then(function () { if (still) still.style.display = "none"; })
        .catch(function (e) {
          target.remove();
          console.warn("framing lab: chart kept as a static image:", e);
        });
    })(specs[i]);
  }
})();`;

/**
 * Reads the browser builds of Vega, Vega-Lite and vega-embed from `nodeModules`; the error
 * names the missing file and the command that installs it.
 *
 * @example
 * ```ts
 * const scripts = await readVegaScripts(`${ROOT}/node_modules`);
 * ```
 */
export async function readVegaScripts(nodeModules: string): Promise<string[]> {
  const out: string[] = [];
  for (const rel of VEGA_SCRIPTS) {
    const path = `${nodeModules}/${rel}`;
    try {
      out.push(await Deno.readTextFile(path));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      throw new Error(
        `interactive charts: ${path} is missing; run \`deno install\` in the project ` +
          `(vega, vega-lite and vega-embed are npm dependencies in deno.json)`,
      );
    }
  }
  return out;
}

/** Makes JavaScript source safe inside an inline `<script>` element. */
function inlineScript(source: string): string {
  return `<script>${source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--")}</script>`;
}

/**
 * Inlines `scripts` (the Vega builds) and the embedding code just before `</body>` when the page
 * holds at least one embedded Vega-Lite spec; returns other pages unchanged.
 *
 * @example
 * ```ts
 * const page = withInteractiveCharts(html, await readVegaScripts(`${ROOT}/node_modules`));
 * ```
 */
export function withInteractiveCharts(html: string, scripts: readonly string[]): string {
  if (!/<script type="application\/json" class="fl-spec">/.test(html)) return html;
  const end = html.lastIndexOf("</body>");
  if (end < 0) throw new Error("interactive charts: the page has no </body>");
  const inline = [...scripts, EMBED_SCRIPT].map(inlineScript).join("\n");
  return `${html.slice(0, end)}${inline}\n${html.slice(end)}`;
}
