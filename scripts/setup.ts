/**
 * Idempotent set-up for the report and test tasks: Jupyter's notebook executor
 * (nbconvert + nbclient), a Deno kernelspec inside the project, and Chromium
 * for the report's browser test.
 *
 * On Debian as root, missing Debian packages are installed with apt-get;
 * anywhere else the error names what to install.
 *
 * @module
 */

/** Repository root (the folder holding deno.json). */
export const ROOT: string = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Folder whose `kernels/deno/kernel.json` is the project's kernelspec (put on `JUPYTER_PATH`). */
export const JUPYTER_DIR: string = `${ROOT}/.cache/jupyter`;

/** The Debian packages that give `jupyter nbconvert --execute` with nbclient. */
export const JUPYTER_PACKAGES: readonly string[] = [
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-jupyter-client",
];

/** Result of running a command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command, capturing its output; a missing program gives code 127.
 *
 * @example
 * ```ts
 * const r = await run(["python3", "--version"]);
 * ```
 */
export async function run(
  cmd: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CommandResult> {
  try {
    const out = await new Deno.Command(cmd[0], {
      args: cmd.slice(1),
      env: opts.env,
      cwd: opts.cwd,
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { code: 127, stdout: "", stderr: String(e) };
    throw e;
  }
}

/** The python3 that has nbclient (Debian's, not a pyenv shim that lacks it). */
export async function jupyterPython(): Promise<string | null> {
  for (const py of ["/usr/bin/python3", "python3"]) {
    const r = await run([py, "-c", "import nbclient, nbconvert, nbformat"]);
    if (r.code === 0) return py;
  }
  return null;
}

async function isDebianRoot(): Promise<boolean> {
  try {
    await Deno.stat("/etc/debian_version");
  } catch {
    return false;
  }
  return Deno.uid?.() === 0 && (await run(["apt-get", "--version"])).code === 0;
}

let aptUpdated = false;

async function aptInstall(packages: string[], why: string): Promise<void> {
  console.error(`setup: installing ${packages.join(" ")} (${why}) with apt-get ...`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    const u = await run(["apt-get", "update", "-qq"], { env });
    if (u.code !== 0) throw new Error(`setup: apt-get update failed:\n${u.stderr}`);
    aptUpdated = true;
  }
  const r = await run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...packages], {
    env,
  });
  if (r.code !== 0) {
    throw new Error(
      `setup: apt-get install ${packages.join(" ")} failed:\n${r.stderr.slice(-2000)}`,
    );
  }
}

/**
 * Makes sure nbconvert + nbclient are importable; installs the Debian packages
 * when missing and running as root on Debian. Returns the python to use.
 *
 * @example
 * ```ts
 * const python = await ensureJupyter();
 * ```
 */
export async function ensureJupyter(): Promise<string> {
  let py = await jupyterPython();
  if (py) return py;
  if (await isDebianRoot()) {
    await aptInstall([...JUPYTER_PACKAGES], "to execute notebooks");
    py = await jupyterPython();
    if (py) return py;
  }
  throw new Error(
    "setup: Jupyter's notebook executor is missing (python modules nbclient, nbconvert).\n" +
      `  Debian/Ubuntu: sudo apt-get install -y ${JUPYTER_PACKAGES.join(" ")}\n` +
      "  elsewhere:     pip install nbconvert nbclient jupyter_client",
  );
}

/**
 * Makes sure Chromium is installed (for the report's browser test); returns its path.
 *
 * @example
 * ```ts
 * const chromium = await ensureChromium();
 * ```
 */
export async function ensureChromium(): Promise<string> {
  const path = "/usr/bin/chromium";
  const ok = async () => (await run([path, "--version"])).code === 0;
  if (await ok()) return path;
  if (await isDebianRoot()) {
    await aptInstall(["chromium"], "for the report's browser test");
    if (await ok()) return path;
  }
  throw new Error(
    "setup: Chromium is missing at /usr/bin/chromium (the report's browser test needs it).\n" +
      "  Debian/Ubuntu: sudo apt-get install -y chromium",
  );
}

/** A Jupyter kernelspec as written to kernel.json. */
export interface Kernelspec {
  argv: string[];
  display_name: string;
  language: string;
  env?: Record<string, string>;
}

/**
 * Writes the project's Deno kernelspec into `dir/kernels/deno/kernel.json`,
 * pointing at the deno binary that is running now (so it never goes stale),
 * atomically. Returns the kernelspec written.
 *
 * @example
 * ```ts
 * await writeKernelspec(JUPYTER_DIR);
 * // then run Jupyter with JUPYTER_PATH=.cache/jupyter
 * ```
 */
export async function writeKernelspec(
  dir: string = JUPYTER_DIR,
  deno: string = Deno.execPath(),
): Promise<Kernelspec> {
  const spec: Kernelspec = {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
  };
  const folder = `${dir}/kernels/deno`;
  await Deno.mkdir(folder, { recursive: true });
  const text = JSON.stringify(spec, null, 2) + "\n";
  const target = `${folder}/kernel.json`;
  let current = "";
  try {
    current = await Deno.readTextFile(target);
  } catch { /* not there yet */ }
  if (current !== text) {
    const tmp = `${target}.tmp-${Deno.pid}`;
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, target);
  }
  return spec;
}

/** What the notebook tasks need, found or installed. */
export interface Setup {
  python: string;
  jupyterPath: string;
}

/**
 * Everything the report needs: Jupyter executor and the kernelspec.
 *
 * @example
 * ```ts
 * const { python, jupyterPath } = await setupNotebooks();
 * ```
 */
export async function setupNotebooks(): Promise<Setup> {
  const python = await ensureJupyter();
  await writeKernelspec(JUPYTER_DIR);
  return { python, jupyterPath: JUPYTER_DIR };
}

if (import.meta.main) {
  const s = await setupNotebooks();
  console.log(`kernelspec: ${JUPYTER_DIR}/kernels/deno/kernel.json (deno ${Deno.execPath()})`);
  console.log(`python with nbclient: ${s.python}`);
  console.log(`To use the project kernel in Jupyter: export JUPYTER_PATH=${JUPYTER_DIR}`);
}
