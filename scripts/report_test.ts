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

Deno.test("consecutive reports: the index says what changed since the last one; an unchanged corpus is not run again", async () => {
  // Inside the project (under .cache/), so that the kernel finds deno.json and its imports.
  const cache = new URL("../.cache", import.meta.url).pathname;
  await Deno.mkdir(cache, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: cache, prefix: "report_test_" });
  try {
    const data = `${dir}/data`;
    await new Deno.Command("cp", {
      args: ["-r", new URL("../lib/testdata/bundled", import.meta.url).pathname, data],
    }).output();
    await Deno.mkdir(`${dir}/nb`);
    await Deno.writeTextFile(
      `${dir}/nb/01_count.ipynb`,
      notebook([
        { cell_type: "markdown", source: "# Count" },
        {
          cell_type: "code",
          source:
            `import { openCorpus } from ${
              JSON.stringify(new URL("../lib/mod.ts", import.meta.url).href)
            };\nconst c = await openCorpus({ log: () => {} });\n` +
            'await Deno.jupyter.display({ "text/plain": `${c.articles.height} articles` }, { raw: true });',
        },
      ]),
    );
    const lines: string[] = [];
    const opts = {
      out: `${dir}/out`,
      notebooksDir: `${dir}/nb`,
      dataDir: data,
      log: (l: string) => lines.push(l),
    };
    const index = await buildReport(opts);
    assertMatch(await Deno.readTextFile(index), /First report of this corpus<\/h2><p>5 articles/);
    assertMatch(await Deno.readTextFile(`${dir}/out/01_count.html`), /5 articles/);

    // A new article from a new outlet arrives.
    const manifest = await Deno.readTextFile(`${data}/articles.csv`);
    const header = manifest.slice(0, manifest.indexOf("\n")).split(",");
    const row: Record<string, string> = {
      id: "900",
      file: "900.txt",
      outlet: "Harbour Times",
      published: "2024-06-21",
    };
    await Deno.writeTextFile(
      `${data}/articles.csv`,
      manifest.trimEnd() + "\n" + header.map((c) => row[c] ?? "").join(",") + "\n",
    );
    await Deno.writeTextFile(
      `${data}/articles/900.txt`,
      "Harbour view\n\nThe dictator Kim met President Putin, KCNA said. “We are friends,” Kim said.\n",
    );
    await buildReport(opts);
    const second = await Deno.readTextFile(index);
    assertMatch(
      second,
      /Since the last report \(\d{4}-\d\d-\d\d \d\d:\d\d\)<\/h2>\s*<p>\+1 articles \(Harbour Times \+1\)/,
    );
    assertMatch(await Deno.readTextFile(`${dir}/out/01_count.html`), /6 articles/);

    // Nothing changed: nothing is executed, and the report says it is up to date.
    lines.length = 0;
    await buildReport(opts);
    assert(
      lines.some((l) => /report: up to date — nothing changed since the report of/.test(l)),
      lines.join("\n"),
    );
    assert(!lines.some((l) => /running 01_count/.test(l)), "no notebook was run");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--corpus and --store: the report and its notebooks' openCorpus() read that corpus CSV and store", async () => {
  const cache = new URL("../.cache", import.meta.url).pathname;
  await Deno.mkdir(cache, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: cache, prefix: "report_test_" });
  try {
    await Deno.writeTextFile(
      `${dir}/corpus.csv`,
      "id,outlet,published,title,text\n" +
        "w1,Wire One,2024-06-19,Talks end,The minister said the talks had ended.\n" +
        'w2,Wire Two,2024-06-20,Deal signed,"The deal was signed, officials said."\n' +
        "w3,Wire One,2024-06-21,Visit,The visit was short.\n",
    );
    await Deno.mkdir(`${dir}/nb`);
    await Deno.writeTextFile(
      `${dir}/nb/01_csv.ipynb`,
      notebook([
        { cell_type: "markdown", source: "# CSV" },
        {
          cell_type: "code",
          source:
            `import { openCorpus, scanTable } from ${
              JSON.stringify(new URL("../lib/mod.ts", import.meta.url).href)
            };\nconst c = await openCorpus({ log: () => {} });\n` +
            'const ids = scanTable(c, "articles", ["id"]).getColumn("id").toArray().join(" ");\n' +
            'await Deno.jupyter.display({ "text/plain": `${c.store.dir}: ${ids}` }, { raw: true });',
        },
      ]),
    );
    const lines: string[] = [];
    await buildReport({
      out: `${dir}/out`,
      notebooksDir: `${dir}/nb`,
      corpus: `${dir}/corpus.csv`,
      store: `${dir}/store`,
      log: (l) => lines.push(l),
    });
    assert(lines.some((l) => /^store: analysed 3 of 3 articles/.test(l)), lines.join("\n"));
    const nb = JSON.parse(await Deno.readTextFile(`${dir}/out/01_csv.ipynb`));
    const shown = nb.cells[1].outputs.map((o: { data?: Record<string, string> }) =>
      o.data?.["text/plain"]
    ).join("");
    assertEquals(shown, `${dir}/store: w1 w2 w3`);
    assert((await Deno.stat(`${dir}/store/store.json`)).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
