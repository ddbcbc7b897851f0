/**
 * A git clean filter for notebooks: what is committed is the notebook without its outputs.
 *
 * `deno task kernel` registers it (`filter.nbstrip.clean` in `.git/config`; `.gitattributes`
 * routes `notebooks/*.ipynb` through it), so saving a run notebook in Jupyter no longer turns a
 * 10 KB file into half a megabyte of outputs in git: `git add` stores the notebook with outputs
 * and execution counts removed, while the file on disk keeps them. Everything else (cell ids,
 * tags, key order, indentation) is left as it was, so an already clean notebook passes through
 * byte for byte. Input that is not a notebook (a merge conflict, say) passes through unchanged.
 *
 * Run as `deno run --quiet --no-config --no-lock scripts/nbstrip.ts < in.ipynb > out.ipynb`; it
 * imports nothing, so it starts in milliseconds and needs no permissions.
 *
 * @module
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Cell metadata keys that record a run rather than the notebook (removed). */
const RUN_METADATA: readonly string[] = ["execution", "collapsed", "scrolled", "ExecuteTime"];

/**
 * The notebook text without outputs, execution counts and run metadata, in the input's own
 * indentation and key order; text that is not a notebook is returned unchanged.
 *
 * @example
 * ```ts
 * stripNotebookText('{\n "cells": [{"cell_type": "code", "outputs": [1], "execution_count": 3}]\n}\n');
 * // '{\n "cells": [\n  {\n   "cell_type": "code",\n   "outputs": [],\n   "execution_count": null\n  }\n ]\n}\n'
 * ```
 */
export function stripNotebookText(text: string): string {
  let nb: Json;
  try {
    nb = JSON.parse(text);
  } catch {
    return text;
  }
  if (nb === null || typeof nb !== "object" || Array.isArray(nb) || !Array.isArray(nb.cells)) {
    return text;
  }
  for (const cell of nb.cells) {
    if (cell === null || typeof cell !== "object" || Array.isArray(cell)) continue;
    if (cell.cell_type === "code") {
      if ("outputs" in cell) cell.outputs = [];
      if ("execution_count" in cell) cell.execution_count = null;
    }
    const meta = cell.metadata;
    if (meta !== null && typeof meta === "object" && !Array.isArray(meta)) {
      for (const key of RUN_METADATA) delete meta[key];
    }
  }
  const indent = text.match(/^\{\r?\n( +)"/)?.[1].length ?? 1;
  const out = JSON.stringify(nb, null, indent) + "\n";
  return /\r\n/.test(text) ? out.replace(/\n/g, "\r\n") : out;
}

if (import.meta.main) {
  const input = await new Response(Deno.stdin.readable).text();
  const out = new TextEncoder().encode(stripNotebookText(input));
  let written = 0;
  while (written < out.length) written += await Deno.stdout.write(out.subarray(written));
}
