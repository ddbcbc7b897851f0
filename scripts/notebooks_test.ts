import { assertEquals, assertMatch } from "../lib/testing.ts";
import {
  executedNotebookProblems,
  indexPage,
  notebookTitle,
  savedNotebookProblems,
  stripExternalResources,
} from "./notebooks.ts";

Deno.test("a display cell without output is reported with its cell number", () => {
  const problems = executedNotebookProblems({
    cells: [
      { cell_type: "markdown", source: "# Corpus" },
      { cell_type: "code", source: "const x = 1;", outputs: [] },
      { cell_type: "code", source: ["await showTable(df);"], outputs: [] },
      {
        cell_type: "code",
        source: "await Deno.jupyter.display(df);",
        outputs: [{ output_type: "display_data" }],
      },
      {
        cell_type: "code",
        source: "x.y;",
        outputs: [{ output_type: "error", ename: "TypeError", evalue: "x.y is undefined" }],
      },
    ],
  });
  assertEquals(problems.map((p) => p.cell), [3, 5]);
  assertEquals(problems.map((p) => p.lostOutput === true), [true, false]);
  assertMatch(problems[0].message, /cell 3 calls a display function but has no output \(lost/);
  assertMatch(problems[1].message, /cell 5: TypeError: x.y is undefined/);
});

Deno.test("notebookTitle takes the first markdown heading", () => {
  assertEquals(
    notebookTitle({
      cells: [{ cell_type: "code", source: "# not this" }, {
        cell_type: "markdown",
        source: "Intro\n## Framing: loaded words\n",
      }],
    }, "02.ipynb"),
    "Framing: loaded words",
  );
  assertEquals(notebookTitle({ cells: [] }, "02.ipynb"), "02.ipynb");
});

Deno.test("stripExternalResources removes scripts and stylesheets from outside the page", () => {
  const html = `<head><script src="file:///usr/share/javascript/requirejs/require.min.js"></script>
<script src="https://cdnjs.cloudflare.com/x.js"> </script><link rel="stylesheet" href="https://fonts/x.css">
<script type="text/x-mathjax-config">init()</script></head><body><img src="data:image/svg+xml;base64,AA=="></body>`;
  const out = stripExternalResources(html);
  assertEquals(/file:|https:/.test(out), false);
  assertMatch(out, /x-mathjax-config/);
  assertMatch(out, /data:image\/svg\+xml/);
});

Deno.test("indexPage escapes notebook titles and links every page", () => {
  const page = indexPage(
    [{
      file: "01_corpus.ipynb",
      html: "01_corpus.html",
      title: "<b>Corpus</b>",
      codeCells: 3,
      seconds: 1,
    }],
    { "articles.csv": "abc123" },
    "2026-01-01",
  );
  assertMatch(page, /href="01_corpus.html">&lt;b&gt;Corpus&lt;\/b&gt;<\/a>/);
  assertMatch(page, /href="01_corpus.ipynb"/);
  assertMatch(page, /articles.csv<\/td><td><code>abc123/);
});

Deno.test("savedNotebookProblems flags outputs left in and cells without ids", () => {
  const problems = savedNotebookProblems({
    cells: [
      { cell_type: "markdown", source: "# T", id: "a" },
      { cell_type: "code", source: "1", id: "b", outputs: [], execution_count: null },
      {
        cell_type: "code",
        source: "2",
        id: "c",
        outputs: [{ output_type: "stream" }],
        execution_count: 3,
      },
      { cell_type: "code", source: "3", outputs: [], execution_count: null },
    ],
  });
  assertEquals(problems.map((p) => p.cell), [3, 4]);
  assertMatch(problems[0].message, /saved with outputs/);
  assertMatch(problems[1].message, /no id/);
});
