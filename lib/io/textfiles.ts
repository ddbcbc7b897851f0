/**
 * Folders of plain text files, as the command-line exports read them: the files, their text
 * exactly as stored, and a view of that text with scraped page debris blanked out.
 *
 * Offsets into the text of a file are code points into the file as stored (UTF-8, newlines and
 * byte-order mark kept), so exported spans line up with other tools' annotations of the same file.
 *
 * @module
 */
import { cleanArticle, type CleaningRules } from "../text/clean.ts";
import { binaryReason, firstInvalidUtf8Byte } from "./decode.ts";

/** A file {@link listTextFiles} did not list, and why. */
export interface SkippedFile {
  /** Path relative to the folder. */
  path: string;
  /** Why it was not read: "not .txt", "symlink", "not a regular file". */
  reason: "not .txt" | "symlink" | "not a regular file";
}

/** The `.txt` files of a folder (a string array), with what was left out in `skipped`. */
export type TextFileList = string[] & { skipped: SkippedFile[] };

/**
 * The `*.txt` files under `dir`, recursively, as paths relative to `dir`, sorted. Everything else
 * is listed in `skipped` with the reason (other extensions such as .html and .md; symlinks,
 * which could point outside the folder; sockets and other special files), so that a command can
 * say what it did not read. Hidden files (starting with ".") are skipped without mention. Errors
 * name the folder and say what to give instead.
 *
 * @example
 * ```ts
 * const files = await listTextFiles("corpus/"); // ["a.txt", "sub/b.txt"]
 * files.skipped; // [{ path: "notes.md", reason: "not .txt" }]
 * ```
 */
export async function listTextFiles(dir: string): Promise<TextFileList> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(dir);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(`folder not found: ${dir} — give a folder of .txt files`);
    }
    throw e;
  }
  if (!info.isDirectory) throw new Error(`not a folder: ${dir} — give a folder of .txt files`);
  const out: string[] = [];
  const skipped: SkippedFile[] = [];
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel === "" ? dir : `${dir}/${rel}`)) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.name.startsWith(".")) continue;
      if (e.isSymlink) skipped.push({ path, reason: "symlink" });
      else if (e.isDirectory) await walk(path);
      else if (!e.isFile) skipped.push({ path, reason: "not a regular file" });
      else if (e.name.toLowerCase().endsWith(".txt")) out.push(path);
      else skipped.push({ path, reason: "not .txt" });
    }
  };
  await walk("");
  const byPath = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  skipped.sort((a, b) => byPath(a.path, b.path));
  return Object.assign(out.sort(byPath), { skipped });
}

/**
 * A one-paragraph summary of what an export read and skipped, for stderr: counts of files read
 * and skipped by reason, with up to three example paths per reason.
 *
 * @example
 * ```ts
 * readSummary(await listTextFiles("corpus/"));
 * // "read 12 .txt files; skipped 2: not .txt (1: notes.md), symlink (1: link.txt)"
 * ```
 */
export function readSummary(files: TextFileList): string {
  const read = `read ${files.length} .txt file${files.length === 1 ? "" : "s"}`;
  if (files.skipped.length === 0) return `${read}; skipped none`;
  const by = new Map<string, string[]>();
  for (const s of files.skipped) by.set(s.reason, [...(by.get(s.reason) ?? []), s.path]);
  const parts = [...by].map(([reason, paths]) =>
    `${reason} (${paths.length}: ${paths.slice(0, 3).join(", ")}${paths.length > 3 ? ", …" : ""})`
  );
  return `${read}; skipped ${files.skipped.length}: ${parts.join(", ")} — only regular .txt ` +
    `files inside the folder are read`;
}

/**
 * Reads a file as UTF-8 exactly as stored (BOM and newlines kept). Throws an Error naming the file
 * and the first invalid byte if it is not UTF-8, or why it is not text (see `binaryReason`).
 *
 * @example
 * ```ts
 * const text = await readUtf8("corpus/a.txt");
 * ```
 */
export async function readUtf8(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  const binary = binaryReason(bytes);
  if (binary !== null) {
    throw new Error(`${path}: not a text file (${binary}) — remove it or convert it to text`);
  }
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad >= 0) {
    throw new Error(
      `${path}: not valid UTF-8 (byte ${bad} is 0x${
        bytes[bad].toString(16)
      }) — convert it to UTF-8`,
    );
  }
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/**
 * The text with every line that the cleaning rules remove as page debris (related-headline lists,
 * comment widgets, cookie notices, navigation, template residue, bylines, …) replaced by spaces,
 * one space per code point, newlines kept: code-point offsets into the result are offsets into
 * `text`. The title line is kept (it is part of what an export reports, as a headline). `text` is
 * the file as stored; a byte-order mark and CRLF line ends are allowed.
 *
 * @example
 * ```ts
 * const rules = await loadCleaningRules("data/cleaning_rules.csv");
 * maskDebris("Title\nBody.\nAdd Comment", rules); // "Title\nBody.\n           "
 * ```
 */
export function maskDebris(text: string, rules: CleaningRules): string {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const cleaned = cleanArticle(normalised, rules);
  const drop = new Set(
    cleaned.removed.filter((r) => r.category !== "title" && !r.span).map((r) => r.line),
  );
  if (drop.size === 0) return text;
  const parts = text.split(/(\r\n|\r|\n)/); // lines at even indices, their ends at odd ones
  for (let i = 0, line = 1; i < parts.length; i += 2, line++) {
    if (drop.has(line)) {
      const bom = line === 1 && parts[i].startsWith("\uFEFF") ? "\uFEFF" : "";
      parts[i] = bom + " ".repeat([...parts[i]].length - bom.length);
    }
  }
  return parts.join("");
}
