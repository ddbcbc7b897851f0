/**
 * `deno task test`: the whole check, as CI runs it.
 *
 * 1. set-up (Jupyter executor, kernelspec, Chromium), installing what a fresh Debian machine lacks;
 * 2. `deno fmt --check`, `deno lint`, `deno check` (type-check);
 * 3. executes every notebook headless into a throw-away report (fails on any cell error);
 * 4. `deno test -A` (unit tests, and the browser test of that report's pages).
 *
 * One line per step on the terminal ("deno lint … ok (2.1 s)"); the tools' own output goes to
 * the task's log (`.cache/logs/test.log`, see `steps.ts`), and a failing step prints what failed.
 * Every step runs even if an earlier one failed; the last line is `test: N passed, N failed`
 * (unit tests plus steps) and the exit code is 1 on any failure.
 *
 * @module
 */
import { ensureChromium, ROOT, setupNotebooks } from "./setup.ts";
import { buildReport } from "./report.ts";
import { cellSource, type Notebook, savedNotebookProblems } from "./notebooks.ts";
import { denoTestCounts, detail, failureReport, runLogged } from "./steps.ts";

const deno = Deno.execPath();
const failures: string[] = [];
let passed = 0;
let failed = 0;

const encoder = new TextEncoder();

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  await Deno.stdout.write(encoder.encode(`${name} … `));
  detail(`\n== ${name}`);
  const t0 = performance.now();
  try {
    await fn();
    passed++;
    const line = `ok (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
    console.log(line);
    detail(`== ${name}: ${line}`);
  } catch (e) {
    failed++;
    failures.push(name);
    const message = e instanceof Error ? e.message : String(e);
    console.log(`FAILED\n${message.replace(/^/gm, "  ")}`);
    detail(`== ${name}: FAILED\n${message}`);
  }
}

/** Runs deno with `args`, output to the log; throws with the output's tail when it fails. */
async function denoStep(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runLogged(deno, args, { env, cwd: ROOT });
  if (r.code !== 0) {
    throw new Error(`deno ${args.join(" ")} exited ${r.code}:\n${failureReport(r.output, 30)}`);
  }
  return r.output;
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
    const r = await runLogged(deno, [
      "fmt",
      "--check",
      "--no-config",
      "--line-width",
      "100",
      dir,
    ]);
    if (r.code !== 0) {
      throw new Error(
        r.output.replaceAll(dir + "/", "notebooks/") +
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
  await buildReport({ out: reportDir, log: detail, force: true });
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
  const r = await runLogged(deno, ["test", "-A", "--no-check"], { env, cwd: ROOT });
  const counts = denoTestCounts(r.output);
  if (counts) {
    unitPassed = counts.passed;
    unitFailed = counts.failed;
  }
  if (r.code !== 0) {
    throw new Error(
      (counts
        ? `${counts.failed} unit test${counts.failed === 1 ? "" : "s"} failed`
        : `deno test exited ${r.code} before its summary`) +
        `:\n${failureReport(r.output)}`,
    );
  }
});

console.log(
  `unit tests: ${unitPassed} passed, ${unitFailed} failed; steps: ${passed} passed, ` +
    `${failed} failed` + (failures.length ? ` (${failures.join("; ")})` : ""),
);
console.log(`test: ${unitPassed + passed} passed, ${unitFailed + failed} failed`);
Deno.exit(failed ? 1 : 0);
