/**
 * `deno task test`: the whole check, as CI runs it.
 *
 * 1. set-up (Jupyter executor, kernelspec, Chromium), installing what a fresh Debian machine lacks;
 * 2. `deno fmt --check`, `deno lint`, `deno check` (type-check);
 * 3. executes every notebook headless into a throw-away report (fails on any cell error);
 * 4. `deno test -A` (unit tests, and the browser test of that report's pages).
 *
 * Every step runs even if an earlier one failed; the last line is
 * `test: N passed, N failed` (unit tests plus steps) and the exit code is 1 on any failure.
 *
 * @module
 */
import { ensureChromium, ROOT, setupNotebooks } from "./setup.ts";
import { buildReport } from "./report.ts";
import { cellSource, type Notebook, savedNotebookProblems } from "./notebooks.ts";

const deno = Deno.execPath();
const failures: string[] = [];
let passed = 0;
let failed = 0;

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  console.log(`\n== ${name}`);
  const t0 = performance.now();
  try {
    await fn();
    passed++;
    console.log(`== ${name}: ok (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    failures.push(name);
    console.log(`== ${name}: FAILED\n${e instanceof Error ? e.message : e}`);
  }
}

async function denoStep(args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = new Deno.Command(deno, {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "inherit",
    stdin: "null",
  }).spawn();
  let text = "";
  const dec = new TextDecoderStream();
  for await (const chunk of child.stdout.pipeThrough(dec)) {
    text += chunk;
    await Deno.stdout.write(new TextEncoder().encode(chunk));
  }
  const status = await child.status;
  if (status.code !== 0) throw new Error(`deno ${args.join(" ")} exited ${status.code}`);
  return text;
}

const reportDir = `${ROOT}/.cache/test-report`;
let reportBuilt = false;

await step("set-up (Jupyter, kernelspec, Chromium)", async () => {
  await setupNotebooks();
  await ensureChromium();
});
await step("deno fmt --check", async () => void await denoStep(["fmt", "--check"]));
await step("notebooks saved clean, code cells formatted", async () => {
  // `deno fmt --check` misreports .ipynb files as unformatted (its notebook formatter always
  // returns a rewrite), so notebooks are excluded from it and their code cells checked here.
  const dir = await Deno.makeTempDir();
  try {
    const problems: string[] = [];
    for await (const e of Deno.readDir(`${ROOT}/notebooks`)) {
      if (!e.name.endsWith(".ipynb")) continue;
      const nb: Notebook = JSON.parse(await Deno.readTextFile(`${ROOT}/notebooks/${e.name}`));
      problems.push(...savedNotebookProblems(nb).map((p) => `${e.name}: ${p.message}`));
      for (const [i, cell] of nb.cells.entries()) {
        if (cell.cell_type !== "code") continue;
        const stem = `${e.name.replace(/\.ipynb$/, "")}_cell${String(i + 1).padStart(2, "0")}`;
        await Deno.writeTextFile(`${dir}/${stem}.ts`, cellSource(cell).replace(/\n*$/, "\n"));
      }
    }
    if (problems.length) throw new Error(problems.join("\n"));
    const out = await new Deno.Command(deno, {
      args: ["fmt", "--check", "--no-config", "--line-width", "100", dir],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.code !== 0) {
      throw new Error(
        new TextDecoder().decode(out.stderr).replaceAll(dir + "/", "notebooks/") +
          "\nrun `deno fmt --no-config --line-width 100 notebooks/` to format the notebooks",
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
await step("deno lint", async () => void await denoStep(["lint"]));
await step("deno check", async () => void await denoStep(["check", "lib/", "scripts/"]));
await step("notebooks execute headless", async () => {
  await buildReport({ out: reportDir, log: (l) => console.log(l) });
  reportBuilt = true;
});

let unitPassed = 0;
let unitFailed = 0;
await step("deno test", async () => {
  // Tests read their own fixture copy of the bundled data, never the researcher's data/.
  const env: Record<string, string> = {
    REPORT_DIR: reportBuilt ? reportDir : "",
    FRAMING_LAB_DATA: `${ROOT}/lib/testdata/bundled`,
  };
  let out = "";
  try {
    out = await denoStep(["test", "-A", "--no-check"], env);
  } finally {
    const m = out.match(/(\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed/);
    if (m) {
      unitPassed = Number(m[1]);
      unitFailed = Number(m[3]);
    }
  }
});

console.log(
  `\nunit tests: ${unitPassed} passed, ${unitFailed} failed; steps: ${passed} passed, ${failed} failed` +
    (failures.length ? ` (${failures.join("; ")})` : ""),
);
console.log(`test: ${unitPassed + passed} passed, ${unitFailed + failed} failed`);
Deno.exit(failed ? 1 : 0);
