/**
 * Safe output folders for the pipeline: everything is written into a staging folder beside the
 * output folder and renamed into place only when the run succeeded; an output folder is replaced
 * only when a marker file (`.framing-lab-output`) says the pipeline wrote it and it holds nothing
 * else; an output folder that holds one of the run's inputs is refused. Nothing the pipeline did
 * not write is ever deleted, and a failed run never leaves output that reads as complete.
 *
 * @module
 */
import { clearStaleStaging } from "../io/staging.ts";

/** Name of the marker file in every folder the pipeline wrote (JSON: the entries it wrote). */
export const OUTPUT_MARKER = ".framing-lab-output";

/**
 * A refused output folder, or output that was not published. The message names the folder and
 * what to do.
 *
 * @example
 * ```ts
 * new OutputError("out: ...", "out").folder; // "out"
 * ```
 */
export class OutputError extends Error {
  /** The output folder as given. */
  readonly folder: string;
  constructor(message: string, folder: string) {
    super(message);
    this.name = "OutputError";
    this.folder = folder;
  }
}

/** An output folder being written: the staging folder to write into, published at the end. */
export interface StagedOutput {
  /** The output folder as given (no trailing slash). */
  out: string;
  /** The folder to write into (beside `out`, hidden). */
  staging: string;
}

/** Options of {@link stageOutput}. */
export interface StageOutputOptions {
  /** Replace an existing output folder the pipeline wrote (default false). */
  overwrite?: boolean;
  /** Input files of the run: an output folder that contains one of them is refused. */
  inputs?: readonly string[];
}

interface Marker {
  tool: string;
  entries: string[];
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
}

/** The canonical absolute path: symlinks resolved for the longest part that exists. */
function canonical(path: string): string {
  const parts = absolute(path).split("/").filter((p) => p !== "" && p !== ".");
  const stack: string[] = [];
  for (const p of parts) {
    if (p === "..") stack.pop();
    else stack.push(p);
  }
  for (let k = stack.length; k >= 0; k--) {
    const head = "/" + stack.slice(0, k).join("/");
    try {
      const real = Deno.realPathSync(head);
      const rest = stack.slice(k).join("/");
      return rest === "" ? real : `${real.replace(/\/$/, "")}/${rest}`;
    } catch {
      // try a shorter head
    }
  }
  return "/" + stack.join("/");
}

function readMarker(dir: string): Marker | null {
  try {
    const m = JSON.parse(Deno.readTextFileSync(`${dir}/${OUTPUT_MARKER}`));
    if (m && Array.isArray(m.entries) && m.entries.every((e: unknown) => typeof e === "string")) {
      return m as Marker;
    }
  } catch {
    // no marker or not ours
  }
  return null;
}

function writeMarker(dir: string, entries: string[]): void {
  const tmp = `${dir}/${OUTPUT_MARKER}.tmp`;
  const body = JSON.stringify({ tool: "framing-lab pipeline", entries }, null, 2) + "\n";
  Deno.writeTextFileSync(tmp, body);
  Deno.renameSync(tmp, `${dir}/${OUTPUT_MARKER}`);
}

function split(out: string): { parent: string; base: string } {
  const abs = canonical(out);
  const slash = abs.lastIndexOf("/");
  return { parent: abs.slice(0, slash) || "/", base: abs.slice(slash + 1) };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Checks the output folder and creates a staging folder beside it, after removing staging
 * folders that killed runs left for the same output. Throws {@link OutputError} when the folder
 * is a file, contains one of `inputs`, is not empty and `overwrite` is not set, or (with
 * `overwrite`) was not written by the pipeline or holds files it did not write.
 *
 * @example
 * ```ts
 * const staged = await stageOutput("out", { overwrite: true, inputs: ["corpus.csv"] });
 * // ... write into staged.staging ...
 * await publishOutput(staged);
 * ```
 */
export async function stageOutput(
  outDir: string,
  options: StageOutputOptions = {},
): Promise<StagedOutput> {
  const out = outDir.replace(/(.)\/+$/, "$1");
  const outAbs = canonical(out);
  for (const input of options.inputs ?? []) {
    const inAbs = canonical(input);
    if (inAbs === outAbs || inAbs.startsWith(outAbs === "/" ? "/" : outAbs + "/")) {
      throw new OutputError(
        `${out}: the output folder contains the input ${input} — choose an output folder ` +
          `that does not hold the corpus (e.g. a new folder beside it)`,
        out,
      );
    }
  }
  let entries: string[] | null = null;
  try {
    const info = Deno.statSync(out);
    if (!info.isDirectory) {
      throw new OutputError(`${out}: is a file, not a folder — give a folder for the output`, out);
    }
    entries = [...Deno.readDirSync(out)].map((e) => e.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (entries !== null && entries.length > 0) {
    if (!options.overwrite) {
      throw new OutputError(
        `${out}: the output folder is not empty; choose an empty folder or pass overwrite: true`,
        out,
      );
    }
    const marker = readMarker(out);
    if (marker === null) {
      throw new OutputError(
        `${out}: the folder was not written by the pipeline (it has no ${OUTPUT_MARKER} ` +
          `file), so --overwrite will not replace it — choose a new folder, or empty this one ` +
          `yourself`,
        out,
      );
    }
    const own = new Set([...marker.entries, OUTPUT_MARKER]);
    const foreign = entries.filter((e) => !own.has(e)).sort();
    if (foreign.length > 0) {
      const shown = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? ", …" : "");
      throw new OutputError(
        `${out}: holds ${foreign.length} file(s) the pipeline did not write (${shown}), so ` +
          `--overwrite will not replace it — move them out or choose a new folder`,
        out,
      );
    }
  }
  const { parent, base } = split(out);
  await Deno.mkdir(parent, { recursive: true });
  const stalePattern = new RegExp(`^\\.${escapeRe(base)}\\.(?:staging|old)-(\\d+)-[0-9a-f]+$`);
  await clearStaleStaging(parent, stalePattern, (p) => readMarker(p) !== null);
  const staging = `${parent}/.${base}.staging-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(staging);
  writeMarker(staging, []);
  return { out, staging };
}

/**
 * Publishes a staging folder: writes the marker listing what it holds, then renames it to the
 * output folder. A previous output folder (checked by {@link stageOutput}) is first renamed
 * aside, then only the entries its marker lists are deleted; anything else that appeared in it
 * meanwhile is kept there and named in the returned warnings.
 *
 * @example
 * ```ts
 * const warnings = await publishOutput(staged);
 * ```
 */
export async function publishOutput(staged: StagedOutput): Promise<string[]> {
  const { out, staging } = staged;
  const written = [...Deno.readDirSync(staging)].map((e) => e.name)
    .filter((n) => n !== OUTPUT_MARKER).sort();
  writeMarker(staging, written);
  let old: string | null = null;
  try {
    const entries = [...Deno.readDirSync(out)];
    if (entries.length > 0) {
      const { parent, base } = split(out);
      old = `${parent}/.${base}.old-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
      await Deno.rename(out, old);
    } else {
      await Deno.remove(out);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  await Deno.rename(staging, out);
  const warnings: string[] = [];
  if (old !== null) {
    const marker = readMarker(old);
    for (const name of marker?.entries ?? []) {
      if (name.includes("/") || name === "." || name === "..") continue;
      await Deno.remove(`${old}/${name}`, { recursive: true }).catch(() => {});
    }
    if (marker) await Deno.remove(`${old}/${OUTPUT_MARKER}`).catch(() => {});
    try {
      await Deno.remove(old);
    } catch {
      warnings.push(
        `${old}: files appeared in the previous output while the pipeline ran; they were kept ` +
          `here — move them and delete this folder`,
      );
    }
  }
  return warnings;
}

/**
 * Deletes a staging folder after a failed run (only the staging folder: the output folder is
 * untouched) and returns the error to throw: it says the output is incomplete and was not
 * published, and why.
 *
 * @example
 * ```ts
 * throw await abandonOutput(staged, err);
 * ```
 */
export async function abandonOutput(staged: StagedOutput, cause: unknown): Promise<OutputError> {
  await Deno.remove(staged.staging, { recursive: true }).catch(() => {});
  const why = cause instanceof Error ? cause.message : String(cause);
  const e = new OutputError(
    `${staged.out}: the output is incomplete and was not published (${why})`,
    staged.out,
  );
  (e as { cause?: unknown }).cause = cause;
  return e;
}
