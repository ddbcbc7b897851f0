/**
 * Pure helpers of the report runner: which notebooks to run, which cells
 * failed to show what they should, the self-contained HTML pages and the index.
 *
 * @module
 */
import { escapeHtml } from "../lib/present/html.ts";
import { sha256Hex } from "../lib/io/hash.ts";

/** The parts of an nbformat-4 notebook the runner reads. */
export interface Notebook {
  cells: {
    cell_type: string;
    source: string | string[];
    id?: string;
    execution_count?: number | null;
    outputs?: { output_type: string; ename?: string; evalue?: string }[];
  }[];
  metadata?: Record<string, unknown>;
}

/** A cell that was meant to show something and did not, or failed. */
export interface CellProblem {
  cell: number;
  message: string;
  /** True when the cell ran without error but its output is missing. */
  lostOutput?: boolean;
}

/** Source text of a cell. */
export function cellSource(cell: Notebook["cells"][number]): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Cells that call a display helper are meant to show something. */
const SHOWS = /(?:\bDeno\.jupyter\.display|\bshow[A-Z]\w*)\s*\(/;

/**
 * Lists the problems of an executed notebook: error outputs, and cells that
 * call a display function but have no output (the kernel's output was lost).
 * Cell numbers are 1-based over all cells, as Jupyter shows them.
 *
 * @example
 * ```ts
 * const problems = executedNotebookProblems(JSON.parse(await Deno.readTextFile("out.ipynb")));
 * if (problems.length) throw new Error(problems.map((p) => p.message).join("\n"));
 * ```
 */
export function executedNotebookProblems(nb: Notebook): CellProblem[] {
  const problems: CellProblem[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const outputs = cell.outputs ?? [];
    for (const o of outputs) {
      if (o.output_type === "error") {
        problems.push({ cell: i + 1, message: `cell ${i + 1}: ${o.ename}: ${o.evalue}` });
      }
    }
    if (SHOWS.test(cellSource(cell)) && outputs.length === 0) {
      problems.push({
        cell: i + 1,
        message: `cell ${i + 1} calls a display function but has no output (lost or never sent)`,
        lostOutput: true,
      });
    }
  });
  return problems;
}

/**
 * Lists what should not be in a notebook as committed: outputs and execution
 * counts (the report holds those), and cells without an id (nbformat 4.5).
 *
 * @example
 * ```ts
 * savedNotebookProblems({ cells: [{ cell_type: "code", source: "1", outputs: [{ output_type: "stream" }] }] });
 * // [{ cell: 1, message: "cell 1 was saved with outputs: clear them before committing" }, ...]
 * ```
 */
export function savedNotebookProblems(nb: Notebook): CellProblem[] {
  const problems: CellProblem[] = [];
  nb.cells.forEach((cell, i) => {
    if (
      cell.cell_type === "code" && ((cell.outputs ?? []).length > 0 || cell.execution_count != null)
    ) {
      problems.push({
        cell: i + 1,
        message: `cell ${i + 1} was saved with outputs: clear them before committing`,
      });
    }
    if (typeof cell.id !== "string" || cell.id === "") {
      problems.push({ cell: i + 1, message: `cell ${i + 1} has no id (nbformat 4.5 needs one)` });
    }
  });
  return problems;
}

/**
 * The notebook's title: its first markdown heading, else the file name.
 *
 * @example
 * ```ts
 * notebookTitle({ cells: [{ cell_type: "markdown", source: "# Corpus\ntext" }] }, "01.ipynb"); // "Corpus"
 * ```
 */
export function notebookTitle(nb: Notebook, file: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const m = cellSource(cell).match(/^#{1,3}\s+(.+)$/m);
    if (m) return m[1].trim();
  }
  return file;
}

/**
 * Makes an nbconvert HTML page self-contained: removes `<script src=…>` and
 * `<link href=…>` tags that point outside the page (Debian's nbconvert
 * references require.js and MathJax by file:///usr/share/… or CDN URLs, which
 * a shared report cannot rely on; the charts are SVG and need neither).
 *
 * @example
 * ```ts
 * stripExternalResources('<script src="https://cdn/x.js"></script><p>ok</p>'); // "<p>ok</p>"
 * ```
 */
export function stripExternalResources(html: string): string {
  return html
    .replace(/<script\b[^>]*\bsrc\s*=\s*["'](?!data:)[^"']*["'][^>]*>\s*<\/script>/gi, "")
    .replace(/<link\b[^>]*\bhref\s*=\s*["'](?:https?:|file:|\/\/)[^"']*["'][^>]*>/gi, "");
}

/** One executed notebook as listed on the index page. */
export interface ReportEntry {
  file: string;
  html: string;
  title: string;
  codeCells: number;
  seconds: number;
}

/**
 * The report's index page: links to every notebook page and executed
 * notebook, with the data files' sha256 hashes. All text is escaped.
 *
 * @example
 * ```ts
 * const page = indexPage([{ file: "01_corpus.ipynb", html: "01_corpus.html", title: "Corpus", codeCells: 5, seconds: 3 }], {});
 * ```
 */
export function indexPage(
  entries: ReportEntry[],
  dataHashes: Record<string, string>,
  generated: string = new Date().toISOString(),
  changes: string = "",
): string {
  const rows = entries.map((e) =>
    `<tr><td><a href="${escapeHtml(encodeURI(e.html))}">${escapeHtml(e.title)}</a></td>` +
    `<td><a href="${escapeHtml(encodeURI(e.file))}">${escapeHtml(e.file)}</a></td>` +
    `<td>${e.codeCells}</td><td>${e.seconds.toFixed(1)} s</td></tr>`
  ).join("\n");
  const hashes = Object.entries(dataHashes).sort(([a], [b]) => a.localeCompare(b)).map(([f, h]) =>
    `<tr><td>${escapeHtml(f)}</td><td><code>${escapeHtml(h)}</code></td></tr>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>framing lab report</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
code{font-size:.85em}tr.moved td{font-weight:600;background:#fff4e5}</style></head>
<body>
<h1>framing lab report</h1>
${changes}
<p>Generated ${
    escapeHtml(generated)
  }. Each notebook was executed top to bottom with the Deno kernel.</p>
<table><thead><tr><th>notebook</th><th>executed notebook</th><th>code cells</th><th>run time</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Data files (sha256)</h2>
<table><thead><tr><th>file</th><th>sha256</th></tr></thead><tbody>
${hashes}
</tbody></table>
</body></html>
`;
}

/**
 * sha256 (hex) of every CSV under `dataDir` (manifest, rules, lexicons, gazetteers), keyed by path relative to it.
 *
 * @example
 * ```ts
 * const hashes = await dataFileHashes("data");
 * ```
 */
export async function dataFileHashes(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(dir: string, rel: string) {
    const entries = [];
    for await (const e of Deno.readDir(dir)) entries.push(e);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = `${dir}/${e.name}`;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) await walk(p, r);
      else if (e.name.endsWith(".csv")) {
        out[r] = await sha256Hex(await Deno.readFile(p));
      }
    }
  }
  await walk(dataDir, "");
  return out;
}
