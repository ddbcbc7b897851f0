/**
 * The entry of `deno task report`, `deno task test` and `deno task kernel`: a quiet start.
 *
 * It imports nothing from npm, so Deno has nothing to download before it runs. It opens the
 * task's log (`.cache/logs/<task>.log`), installs the npm packages on the first run (one line on
 * the terminal, deno's download lines in the log), runs the task script with the log's path in
 * `FRAMING_LAB_LOG` (so the script prints one line per step and logs the rest), and names the
 * log at the end. `NO_COLOR` is set when the output is not a terminal.
 *
 * What it cannot silence: the `Task report deno run …` line that `deno task` itself prints
 * first, and anything `npx` prints while it fetches Deno.
 *
 * @module
 */
import { LOG_ENV, openLog, runLogged, step, V8_FLAGS } from "./steps.ts";

const ROOT: string = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** The task names and the scripts they run. */
export const TASK_SCRIPTS: Readonly<Record<string, string>> = {
  report: "scripts/report.ts",
  test: "scripts/check_all.ts",
  kernel: "scripts/setup.ts",
};

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Whether `node_modules` is older than deno.json or deno.lock (or missing). */
async function packagesStale(): Promise<boolean> {
  const stamp = `${ROOT}/node_modules/.deno/.framing-lab-installed`;
  if (!(await exists(stamp))) return true;
  const t = (await Deno.stat(stamp)).mtime?.getTime() ?? 0;
  for (const f of ["deno.json", "deno.lock"]) {
    if (((await Deno.stat(`${ROOT}/${f}`)).mtime?.getTime() ?? 0) > t) return true;
  }
  return false;
}

/**
 * Runs `task` quietly and returns its exit code.
 *
 * @example
 * ```ts
 * Deno.exit(await startTask("report", ["--only", "01"]));
 * ```
 */
export async function startTask(task: string, args: string[]): Promise<number> {
  const script = TASK_SCRIPTS[task];
  if (!script) {
    console.error(
      `start: unknown task ${JSON.stringify(task)}; use one of ${
        Object.keys(TASK_SCRIPTS).join(", ")
      }`,
    );
    return 2;
  }
  const log = await openLog(task);
  Deno.env.set(LOG_ENV, log);
  const deno = Deno.execPath();
  const env: Record<string, string> = { [LOG_ENV]: log, DENO_NO_UPDATE_CHECK: "1" };
  if (!Deno.stdout.isTerminal()) env.NO_COLOR = "1";
  const rel = log.startsWith(`${ROOT}/`) ? log.slice(ROOT.length + 1) : log;
  if (await packagesStale()) {
    const t0 = performance.now();
    const first = !(await exists(`${ROOT}/node_modules`));
    step(
      first
        ? "installing npm packages (first run only: about 30 s, 300 MB in node_modules/)…"
        : "updating npm packages…",
    );
    const r = await runLogged(deno, ["install"], { env });
    if (r.code !== 0) {
      step(`npm packages could not be installed (deno install exited ${r.code}); see ${rel}`);
      return 1;
    }
    await Deno.mkdir(`${ROOT}/node_modules/.deno`, { recursive: true });
    await Deno.writeTextFile(`${ROOT}/node_modules/.deno/.framing-lab-installed`, "");
    step(`  npm packages ready (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const child = new Deno.Command(deno, {
    args: ["run", "-A", "--quiet", `--v8-flags=${V8_FLAGS}`, `${ROOT}/${script}`, ...args],
    cwd: ROOT,
    env,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const status = await child.status;
  console.log(`details: ${rel}`);
  return status.code;
}

if (import.meta.main) {
  Deno.exit(await startTask(Deno.args[0] ?? "", Deno.args.slice(1)));
}
