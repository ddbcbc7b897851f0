/**
 * Files of the store: atomic writes (a temporary name in the same folder, then a rename) and the
 * lock that keeps a second process out of a store.
 *
 * @module
 */

/**
 * Writes a file atomically: `write` writes a temporary name in the same folder, which is then
 * renamed to `path`, so a reader sees the old file or the new one, never a part.
 *
 * @example
 * ```ts
 * await atomicWrite("out/outlets.parquet", (tmp) => outlets.writeParquet(tmp));
 * ```
 */
export async function atomicWrite(
  path: string,
  write: (tmp: string) => void | Promise<void>,
): Promise<void> {
  const slash = path.lastIndexOf("/");
  const dir = slash >= 0 ? path.slice(0, slash) : ".";
  const tmp = `${dir}/.${path.slice(slash + 1)}.${crypto.randomUUID()}.tmp`;
  try {
    await write(tmp);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/**
 * Writes `text` to `path` atomically: a reader sees the old file or the new one, never a part.
 *
 * @example
 * ```ts
 * await atomicWriteText(".cache/store/data/store.json", "{}");
 * ```
 */
export function atomicWriteText(path: string, text: string): Promise<void> {
  return atomicWrite(path, (tmp) => Deno.writeTextFile(tmp, text));
}

/** Whether a process with this pid runs on this machine. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/** The store is held by another live process for longer than the caller would wait. */
export class StoreLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number, waitedMs: number) {
    super(
      `store ${dir} is in use by process ${pid} (lock file ${dir}/lock); waited ` +
        `${(waitedMs / 1000).toFixed(0)} s — let that process finish, or stop it, then run again`,
    );
    this.name = "StoreLockedError";
  }
}

/**
 * Runs `fn` holding the store's lock (`<dir>/lock`, holding the pid). While another live process
 * holds it, waits up to `timeoutMs`, then throws {@linkcode StoreLockedError} naming that pid. A
 * lock whose process is gone (killed) is taken over, with a warning.
 *
 * @example
 * ```ts
 * await withStoreLock(".cache/store/data", 60_000, console.warn, async () => {});
 * ```
 */
export async function withStoreLock<T>(
  dir: string,
  timeoutMs: number,
  warn: (message: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const path = `${dir}/lock`;
  const t0 = Date.now();
  for (;;) {
    try {
      const f = await Deno.open(path, { createNew: true, write: true });
      await f.write(new TextEncoder().encode(JSON.stringify({ pid: Deno.pid })));
      f.close();
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    }
    let pid = -1;
    try {
      pid = Number(JSON.parse(await Deno.readTextFile(path)).pid);
    } catch {
      // A lock being written, or garbage: treat as held for a moment, then as stale.
      if (Date.now() - t0 < 1000) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
    }
    if (processAlive(pid)) {
      if (Date.now() - t0 >= timeoutMs) throw new StoreLockedError(dir, pid, Date.now() - t0);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    warn(
      `store: took over the lock of ${dir}, left by process ${pid} which is no longer running`,
    );
    await Deno.remove(path).catch(() => {});
  }
  try {
    return await fn();
  } finally {
    await Deno.remove(path).catch(() => {});
  }
}
