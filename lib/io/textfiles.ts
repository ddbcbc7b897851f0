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
import { firstInvalidUtf8Byte } from "./decode.ts";

/**
 * The `*.txt` files under `dir`, recursively, as paths relative to `dir`, sorted. Errors name the
 * folder and say what to give instead.
 *
 * @example
 * ```ts
 * await listTextFiles("corpus/"); // ["a.txt", "sub/b.txt"]
 * ```
 */
export async function listTextFiles(dir: string): Promise<string[]> {
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
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel === "" ? dir : `${dir}/${rel}`)) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) await walk(path);
      else if (e.isFile && e.name.toLowerCase().endsWith(".txt")) out.push(path);
    }
  };
  await walk("");
  return out.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Reads a file as UTF-8 exactly as stored (BOM and newlines kept). Throws an Error naming the file
 * and the first invalid byte if it is not UTF-8.
 *
 * @example
 * ```ts
 * const text = await readUtf8("corpus/a.txt");
 * ```
 */
export async function readUtf8(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
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
