import { assert, assertEquals, assertMatch, assertRejects } from "../lib/testing.ts";
import { buildReport } from "./report.ts";

function notebook(cells: { cell_type: string; source: string }[]): string {
  return JSON.stringify({
    cells: cells.map((c) =>
      c.cell_type === "code"
        ? { ...c, metadata: {}, outputs: [], execution_count: null }
        : { ...c, metadata: {} }
    ),
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

Deno.test("a failing cell fails the report, naming notebook and cell, and keeps the old report", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/nb`);
  await Deno.writeTextFile(
    `${dir}/nb/01_ok.ipynb`,
    notebook([
      { cell_type: "markdown", source: "# Fine" },
      {
        cell_type: "code",
        source: 'await Deno.jupyter.display({ "text/plain": "hi" }, { raw: true });',
      },
    ]),
  );
  // First a good report.
  const index = await buildReport({ out: `${dir}/out`, notebooksDir: `${dir}/nb`, log: () => {} });
  const html = await Deno.readTextFile(index);
  assertMatch(html, /href="01_ok.html">Fine</);
  const page = await Deno.readTextFile(`${dir}/out/01_ok.html`);
  assertEquals(/<script[^>]+src=/.test(page), false);
  // Then a broken notebook: the run fails and the previous report stays.
  await Deno.writeTextFile(
    `${dir}/nb/02_bad.ipynb`,
    notebook([
      { cell_type: "markdown", source: "# Broken" },
      { cell_type: "code", source: "const a = 1;" },
      { cell_type: "code", source: 'throw new Error("boom in cell three");' },
    ]),
  );
  const err = await assertRejects(
    () => buildReport({ out: `${dir}/out`, notebooksDir: `${dir}/nb`, log: () => {} }),
  );
  assertMatch(err.message, /02_bad\.ipynb cell 3: .*boom in cell three/);
  assert((await Deno.readTextFile(`${dir}/out/index.html`)).includes("01_ok.html"));
  const left = [];
  for await (const e of Deno.readDir(dir)) left.push(e.name);
  assertEquals(left.sort(), ["nb", "out"]);
  await Deno.remove(dir, { recursive: true });
});
