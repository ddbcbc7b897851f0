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

import { detail, step } from "./steps.ts";

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

async function aptInstall(packages: string[], what: string): Promise<void> {
  const t0 = performance.now();
  step(`installing ${what} with apt-get (one time)…`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    const u = await run(["apt-get", "update", "-qq"], { env });
    detail(`$ apt-get update -qq\n${u.stdout}${u.stderr}`);
    if (u.code !== 0) throw new Error(`setup: apt-get update failed:\n${u.stderr}`);
    aptUpdated = true;
  }
  const r = await run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...packages], {
    env,
  });
  detail(`$ apt-get install ${packages.join(" ")}\n${r.stdout}${r.stderr}`);
  if (r.code === 0) step(`  ${what} installed (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
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
    await aptInstall(
      [...JUPYTER_PACKAGES],
      "Jupyter's notebook executor (nbconvert, nbclient; about 50 s, 300 MB)",
    );
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
    await aptInstall(["chromium"], "Chromium for the report's browser test (a few minutes)");
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

/** The V8 flags the project's kernel runs with (`DENO_V8_FLAGS` in its kernelspec). */
export const KERNEL_V8_FLAGS = "--expose-gc";

/** Where the project keeps its own deno for the kernelspec and the git filter. */
export const PROJECT_DENO: string = `${ROOT}/.cache/deno/bin/deno`;

/**
 * Makes `.cache/deno/bin/deno` the deno that is running now: a hard link when it can (no extra
 * disk), else a copy, replaced atomically when the running deno is another file. The kernelspec
 * and the git filter point at it, so they keep working when npm prunes the npx cache that
 * `npx -y deno@2.9.6` runs from. Returns its path.
 *
 * @example
 * ```ts
 * const deno = await ensureProjectDeno(); // ".../.cache/deno/bin/deno"
 * ```
 */
export async function ensureProjectDeno(
  source: string = Deno.execPath(),
  target: string = PROJECT_DENO,
): Promise<string> {
  if (source === target) return target;
  const [src, dst] = await Promise.all([
    Deno.stat(source),
    Deno.stat(target).catch(() => null),
  ]);
  if (dst && dst.ino !== null && dst.ino === src.ino && dst.dev === src.dev) return target;
  if (dst && dst.size === src.size && (dst.mtime?.getTime() ?? 0) >= (src.mtime?.getTime() ?? 1)) {
    return target;
  }
  await Deno.mkdir(target.replace(/\/[^/]+$/, ""), { recursive: true });
  const tmp = `${target}.tmp-${Deno.pid}`;
  try {
    await Deno.remove(tmp).catch(() => {});
    try {
      await Deno.link(source, tmp);
    } catch {
      await Deno.copyFile(source, tmp);
      await Deno.chmod(tmp, 0o755);
    }
    await Deno.rename(tmp, target);
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
  return target;
}

/**
 * Writes the project's Deno kernelspec into `dir/kernels/deno/kernel.json`,
 * pointing at `deno` (by default the project's own copy, {@linkcode PROJECT_DENO}, refreshed
 * from the deno running now), atomically. Returns the kernelspec written.
 *
 * @example
 * ```ts
 * await writeKernelspec(JUPYTER_DIR);
 * // then run Jupyter with JUPYTER_PATH=.cache/jupyter
 * ```
 */
export async function writeKernelspec(
  dir: string = JUPYTER_DIR,
  deno?: string,
): Promise<Kernelspec> {
  deno ??= await ensureProjectDeno();
  const spec: Kernelspec = {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
    // `gc` for releaseMemory (lib/present/memory.ts): the display functions collect the polars
    // frames of finished cells, whose native memory V8 does not see (a kernel over 100,000
    // articles held about 0.5 GB more without).
    env: { DENO_V8_FLAGS: KERNEL_V8_FLAGS },
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

/** The line of `.gitattributes` that sends notebooks through the output-stripping filter. */
export const NOTEBOOK_ATTRIBUTES = "notebooks/*.ipynb filter=nbstrip";

/**
 * Registers the git clean filter that keeps notebook outputs out of commits
 * (`scripts/nbstrip.ts`): `filter.nbstrip.clean` in the repository's git config runs it with
 * the project's own deno, and `.gitattributes` routes `notebooks/*.ipynb` through it (the line is
 * added if missing). Idempotent.
 *
 * @example
 * ```ts
 * await installGitFilter(); // what `deno task kernel` does
 * ```
 */
export async function installGitFilter(
  repo: string = ROOT,
  deno: string = PROJECT_DENO,
): Promise<void> {
  const quoted = `'${deno.replaceAll("'", `'\\''`)}'`;
  const settings: Array<[string, string]> = [
    ["filter.nbstrip.clean", `${quoted} run --quiet --no-config --no-lock scripts/nbstrip.ts`],
    ["filter.nbstrip.smudge", "cat"],
  ];
  for (const [key, value] of settings) {
    const r = await run(["git", "-C", repo, "config", key, value]);
    if (r.code !== 0) throw new Error(`setup: git config ${key} failed: ${r.stderr.trim()}`);
  }
  const path = `${repo}/.gitattributes`;
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (!text.split(/\r?\n/).some((l) => l.trim() === NOTEBOOK_ATTRIBUTES)) {
    const tmp = `${path}.tmp-${Deno.pid}`;
    await Deno.writeTextFile(
      tmp,
      `${text}${text && !text.endsWith("\n") ? "\n" : ""}${NOTEBOOK_ATTRIBUTES}\n`,
    );
    await Deno.rename(tmp, path);
  }
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
  await installGitFilter();
  step(`kernelspec: ${JUPYTER_DIR}/kernels/deno/kernel.json (deno ${PROJECT_DENO})`);
  step(`python with nbclient: ${s.python}`);
  step("git: notebook outputs are now stripped on `git add` (filter nbstrip, .gitattributes)");
  step(`To use the project kernel in Jupyter: export JUPYTER_PATH=${JUPYTER_DIR}`);
}
