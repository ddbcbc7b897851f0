/**
 * Quiet task output: one line per step on the terminal, everything else (apt-get, deno's
 * download lines, notebook cell progress, test output) in a log file named at the end.
 *
 * The log is `.cache/logs/<task>.log`, overwritten by each run; `scripts/start.ts` opens it and
 * passes its path to the task in `FRAMING_LAB_LOG`. Without that variable (a script run on its
 * own), details go to stderr as before. This module imports nothing from npm, so the launcher can
 * use it before the npm packages are installed.
 *
 * @module
 */

/** Repository root (the folder holding deno.json). */
const ROOT: string = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/**
 * The V8 flag the tasks that open the store run with (`deno run --v8-flags=…`; the tasks of
 * `deno.json` and the bench's processes): every function is compiled to baseline code at once,
 * instead of first running in the interpreter. A run that analyses a few hundred articles (adding
 * articles to a built store, `task add`) is spent mostly before the compiler has warmed up: with it,
 * bringing a 100,000-article store up to date with 100 new articles took 6.0–6.2 s instead of
 * 7.8–8.9 s (four runs, alternating, on the same store).
 *
 * @example
 * ```ts
 * ["run", "-A", `--v8-flags=${V8_FLAGS}`, "scripts/report.ts"];
 * ```
 */
export const V8_FLAGS = "--always-sparkplug";

/** Environment variable holding the log file of the running task. */
export const LOG_ENV = "FRAMING_LAB_LOG";

/** Removes ANSI escape sequences (colours, cursor moves) from text bound for a file. */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]/g, "");
}

/** The log file of the running task, or null when details go to stderr. */
export function logPath(): string | null {
  const p = Deno.env.get(LOG_ENV);
  return p && p.length > 0 ? p : null;
}

/**
 * The log file for `task` (`.cache/logs/<task>.log`), emptied.
 *
 * @example
 * ```ts
 * const log = await openLog("report"); // ".../.cache/logs/report.log"
 * ```
 */
export async function openLog(task: string): Promise<string> {
  const dir = `${ROOT}/.cache/logs`;
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/${task}.log`;
  await Deno.writeTextFile(path, `# ${task}, ${new Date().toISOString()}\n`);
  return path;
}

/**
 * Appends text to the task's log (escape codes removed), or writes it to stderr when there is
 * no log.
 *
 * @example
 * ```ts
 * detail("apt-get: 12 packages installed");
 * ```
 */
export function detail(text: string): void {
  const path = logPath();
  const line = text.endsWith("\n") ? text : `${text}\n`;
  if (path === null) {
    Deno.stderr.writeSync(new TextEncoder().encode(line));
    return;
  }
  Deno.writeTextFileSync(path, stripAnsi(line), { append: true });
}

/**
 * Prints one step line on stdout, and copies it to the log.
 *
 * @example
 * ```ts
 * step("installing Jupyter (about 50 s, 300 MB)…");
 * ```
 */
export function step(line: string): void {
  console.log(line);
  const path = logPath();
  if (path !== null) Deno.writeTextFileSync(path, `${line}\n`, { append: true });
}

/** Result of {@linkcode runLogged}. */
export interface LoggedResult {
  code: number;
  /** Everything the command printed (stdout then stderr), escape codes removed. */
  output: string;
}

/**
 * Runs a command with its output sent to the log (not the terminal), and returns its exit code
 * and output. `NO_COLOR` is set so that the output holds no escape codes.
 *
 * @example
 * ```ts
 * const r = await runLogged(Deno.execPath(), ["fmt", "--check"]);
 * ```
 */
export async function runLogged(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<LoggedResult> {
  detail(`$ ${[cmd, ...args].join(" ")}`);
  let out;
  try {
    out = await new Deno.Command(cmd, {
      args,
      cwd: opts.cwd ?? ROOT,
      env: { NO_COLOR: "1", ...opts.env },
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
    }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      detail(`${cmd}: not found`);
      return { code: 127, output: `${cmd}: not found` };
    }
    throw e;
  }
  const dec = new TextDecoder();
  const output = stripAnsi(dec.decode(out.stdout) + dec.decode(out.stderr));
  if (output.length > 0) detail(output);
  detail(`(exit ${out.code})`);
  return { code: out.code, output };
}

/** Counts of a `deno test` run. */
export interface TestCounts {
  passed: number;
  failed: number;
}

/**
 * Reads the summary line of `deno test` output ("ok | 5 passed (3 steps) | 0 failed (1s)" or
 * "FAILED | 3 passed (2 steps) | 1 failed (1 step) (1s)"); null when there is none (the run
 * stopped before it, e.g. on a type error).
 *
 * @example
 * ```ts
 * denoTestCounts("FAILED | 3 passed (2 steps) | 1 failed (1s)"); // { passed: 3, failed: 1 }
 * ```
 */
export function denoTestCounts(output: string): TestCounts | null {
  const lines = stripAnsi(output).split("\n").reverse();
  for (const line of lines) {
    const m = line.match(/^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/);
    if (m) return { passed: Number(m[1]), failed: Number(m[2]) };
  }
  return null;
}

/**
 * The part of `deno test` output a reader needs when tests fail: from its " ERRORS " section
 * on (or the last `lines` lines when there is none).
 *
 * @example
 * ```ts
 * failureReport(output); // " ERRORS \n\nname => file:12:6\nerror: AssertionError: …"
 * ```
 */
export function failureReport(output: string, lines = 40): string {
  const text = stripAnsi(output);
  const at = text.indexOf(" ERRORS ");
  if (at >= 0) return text.slice(at).trimEnd();
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
