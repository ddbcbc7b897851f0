/**
 * Staging folders: output is written into a folder named after the process that writes it
 * (`<name>.staging-<pid>...`) and renamed into place at the end. A run that is killed leaves its
 * staging folder behind; the next run removes the ones whose process is gone.
 *
 * @module
 */

/**
 * Whether a process with this id is running (Linux: `/proc/<pid>` exists). Where that cannot be
 * told, answers true, so that nothing is deleted on a guess.
 *
 * @example
 * ```ts
 * pidAlive(Deno.pid); // true
 * ```
 */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === Deno.pid) return true;
  try {
    Deno.statSync("/proc/self");
  } catch {
    return true; // no /proc: cannot tell
  }
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes the folders of `dir` whose name matches `pattern` (its first capture group is the id of
 * the process that made the folder) and whose process is no longer running; `owned`, when given,
 * must also accept the folder (e.g. it holds the writer's marker file). Returns the removed paths.
 * A missing `dir` removes nothing.
 *
 * @example
 * ```ts
 * await clearStaleStaging("/tmp", /^reports\.staging-(\d+)$/); // ["/tmp/reports.staging-4242"]
 * ```
 */
export async function clearStaleStaging(
  dir: string,
  pattern: RegExp,
  owned: (path: string) => boolean = () => true,
): Promise<string[]> {
  const removed: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return removed;
    throw e;
  }
  for (const e of entries) {
    const m = pattern.exec(e.name);
    if (!m || !e.isDirectory) continue;
    const path = `${dir.replace(/\/+$/, "")}/${e.name}`;
    if (pidAlive(Number(m[1])) || !owned(path)) continue;
    await Deno.remove(path, { recursive: true });
    removed.push(path);
  }
  return removed;
}

let terminating = false;

/**
 * Whether an {@link onTerminate} cleanup is running: the process exits when it ends, so other
 * code (an error path that would exit with its own code) should wait instead.
 *
 * @example
 * ```ts
 * if (isTerminating()) await new Promise(() => {}); // the signal handler exits
 * ```
 */
export function isTerminating(): boolean {
  return terminating;
}

/**
 * Runs `cleanup` when the process gets SIGINT or SIGTERM, then exits with 130 or 143 (the shell's
 * codes for those signals), so that an interrupted command stops the processes it started and
 * removes its staging folder. Returns a function that removes the listeners (call it when the
 * work is done). A second signal during cleanup exits at once.
 *
 * @example
 * ```ts
 * const off = onTerminate(async () => { child.kill("SIGTERM"); await child.status; });
 * try { await work(); } finally { off(); }
 * ```
 */
export function onTerminate(cleanup: () => Promise<void> | void): () => void {
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  let running = false;
  const handlers = signals.map((sig) => {
    const handler = () => {
      const code = sig === "SIGINT" ? 130 : 143;
      if (running) Deno.exit(code);
      running = true;
      terminating = true;
      Promise.resolve()
        .then(cleanup)
        .catch((e) => console.error(`cleanup after ${sig} failed: ${(e as Error).message}`))
        .finally(() => Deno.exit(code));
    };
    Deno.addSignalListener(sig, handler);
    return [sig, handler] as const;
  });
  return () => {
    for (const [sig, handler] of handlers) Deno.removeSignalListener(sig, handler);
  };
}
