import { assert, assertEquals } from "../lib/testing.ts";
import { stripNotebookText } from "./nbstrip.ts";
import { installGitFilter } from "./setup.ts";

const CLEAN = JSON.stringify(
  {
    cells: [
      { cell_type: "markdown", id: "m1", metadata: {}, source: ["# Tïtle\n"] },
      {
        cell_type: "code",
        execution_count: null,
        id: "c1",
        metadata: { tags: ["hide-input"] },
        outputs: [],
        source: ['import * as lab from "../lib/mod.ts";'],
      },
    ],
    metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
) + "\n";

Deno.test("stripNotebookText: a clean notebook passes through byte for byte", () => {
  assertEquals(stripNotebookText(CLEAN), CLEAN);
});

Deno.test("stripNotebookText: outputs, counts and run metadata go; tags, ids and order stay", () => {
  const nb = JSON.parse(CLEAN);
  nb.cells[1].outputs = [{ output_type: "display_data", data: { "text/plain": "x".repeat(5000) } }];
  nb.cells[1].execution_count = 7;
  nb.cells[1].metadata.execution = { "iopub.execute_input": "2024-06-19T00:00:00Z" };
  const run = JSON.stringify(nb, null, 1) + "\n";
  assertEquals(stripNotebookText(run), CLEAN);
  // Another indentation and CRLF line ends are kept.
  const two = JSON.stringify(nb, null, 2).replace(/\n/g, "\r\n") + "\r\n";
  assertEquals(
    stripNotebookText(two),
    JSON.stringify(JSON.parse(CLEAN), null, 2).replace(/\n/g, "\r\n") + "\r\n",
  );
});

Deno.test("stripNotebookText: what is not a notebook passes through unchanged", () => {
  for (const text of ["<<<<<<< HEAD\n{\n", "[1, 2]\n", '{"cells": 3}\n', ""]) {
    assertEquals(stripNotebookText(text), text);
  }
});

Deno.test("the git filter: `git add` stores a run notebook without outputs, the file keeps them", async () => {
  const dir = await Deno.makeTempDir();
  const git = async (...args: string[]) => {
    const out = await new Deno.Command("git", {
      args: ["-c", "user.name=t", "-c", "user.email=t@t", ...args],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    if (out.code !== 0) throw new Error(`git ${args.join(" ")}: ${dec.decode(out.stderr)}`);
    return dec.decode(out.stdout);
  };
  try {
    await git("init", "-q");
    await Deno.mkdir(`${dir}/notebooks`);
    await Deno.mkdir(`${dir}/scripts`);
    await Deno.copyFile(new URL("./nbstrip.ts", import.meta.url), `${dir}/scripts/nbstrip.ts`);
    await Deno.writeTextFile(`${dir}/notebooks/a.ipynb`, CLEAN);
    await installGitFilter(dir, Deno.execPath());
    const attributes = await Deno.readTextFile(`${dir}/.gitattributes`);
    assert(attributes.includes("notebooks/*.ipynb filter=nbstrip"), attributes);
    await installGitFilter(dir, Deno.execPath()); // twice: no duplicate line
    assertEquals(
      (await Deno.readTextFile(`${dir}/.gitattributes`)).match(/filter=nbstrip/g)?.length,
      1,
    );
    await git("add", "-A");
    await git("commit", "-qm", "clean notebook");
    assertEquals(await git("status", "--porcelain"), "", "a clean notebook is not 'modified'");
    const nb = JSON.parse(CLEAN);
    nb.cells[1].outputs = [{ output_type: "stream", name: "stdout", text: "big output\n" }];
    nb.cells[1].execution_count = 1;
    await Deno.writeTextFile(`${dir}/notebooks/a.ipynb`, JSON.stringify(nb, null, 1) + "\n");
    // (git status may list the file until `git add`, as with any clean filter: it sees the size.)
    assertEquals(await git("diff"), "", "outputs alone change nothing to commit");
    await git("add", "-A");
    assertEquals(await git("status", "--porcelain"), "", "after git add nothing is staged");
    assertEquals(await git("show", "HEAD:notebooks/a.ipynb"), CLEAN);
    assert((await Deno.readTextFile(`${dir}/notebooks/a.ipynb`)).includes("big output"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
