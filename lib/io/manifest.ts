/**
 * The corpus manifest (`data/articles.csv`): one row per article with id,
 * file, outlet, published, url, title, language, notes.
 *
 * The manifest is read with the project's CSV reader (`csv.ts`), which keeps the
 * line each record starts on; every error names the file, the line (and column)
 * and what to fix.
 *
 * @module
 */
import { CorpusError, type CsvRecord, parseCsv } from "./csv.ts";

/** Columns a manifest must have. */
export const REQUIRED_MANIFEST_COLUMNS: readonly string[] = ["id", "file", "outlet"];

/** Columns a manifest may have; missing optional columns read as empty. */
export const MANIFEST_COLUMNS: readonly string[] = [
  "id",
  "file",
  "outlet",
  "published",
  "url",
  "title",
  "language",
  "notes",
  // Written by `task add` (lib/ingest): the saved page the text came from, the byline, and the
  // (near-)copy link with its similarity; a researcher may set or clear copy_of by hand.
  "page",
  "byline",
  "copy_of",
  "similarity",
];

/**
 * Edit distance (insertions, deletions, substitutions) between two strings.
 *
 * @example
 * ```ts
 * editDistance("publised", "published"); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j] + 1,
        cur[j - 1] + 1,
        prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The name of `known` nearest to `name` (case-insensitive edit distance at most 3, or one a
 * prefix of the other), or null.
 *
 * @example
 * ```ts
 * nearestName("publised", ["id", "published"]); // "published"
 * ```
 */
export function nearestName(name: string, known: readonly string[]): string | null {
  const n = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(n, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== null && (bestD <= Math.min(3, Math.max(1, Math.floor(n.length / 2))))
    ? best
    : null;
}

/**
 * A manifest `file` cell as a normalised path relative to the articles folder (`./a.txt` and
 * `sub//a.txt` become `a.txt` and `sub/a.txt`), or a reason it is refused: an absolute path, a
 * `..` step (the file would be outside the articles folder) or a backslash.
 *
 * @example
 * ```ts
 * normaliseArticlePath("./a.txt"); // { path: "a.txt" }
 * normaliseArticlePath("../secret.txt").error; // "'../secret.txt' leaves the articles folder ..."
 * ```
 */
export function normaliseArticlePath(file: string): { path: string; error?: undefined } | {
  path?: undefined;
  error: string;
} {
  if (file.includes("\\")) {
    return { error: `'${file}' contains a backslash — separate folders with /` };
  }
  if (file.startsWith("/") || file.startsWith("~") || /^[A-Za-z]:/.test(file)) {
    return {
      error: `'${file}' is an absolute path — give the path relative to the articles folder`,
    };
  }
  const parts = file.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    return {
      error: `'${file}' leaves the articles folder (..) — only files inside the articles ` +
        `folder can be listed; copy the file there`,
    };
  }
  if (parts.length === 0) return { error: `'${file}' names no file` };
  return { path: parts.join("/") };
}

/** One manifest row, validated. Empty optional cells are `null`. */
export interface ManifestEntry {
  /** 1-based line of the row in the manifest. */
  line: number;
  id: string;
  /** File name relative to the articles folder. */
  file: string;
  outlet: string;
  /** False for "unknown" and for outlets written "unnamed ..." (text names no outlet). */
  outlet_named: boolean;
  /** ISO date YYYY-MM-DD, or null. */
  published: string | null;
  url: string | null;
  title: string | null;
  language: string | null;
  notes: string | null;
}

/**
 * Whether an outlet label names a real outlet: false for an empty label,
 * "unknown", and labels starting with "unnamed" (e.g. "unnamed (000)").
 *
 * @example
 * ```ts
 * isOutletNamed("unnamed (000)"); // false
 * isOutletNamed("RBC-Ukraine"); // true
 * ```
 */
export function isOutletNamed(outlet: string): boolean {
  const o = outlet.trim().toLowerCase();
  return o !== "" && o !== "unknown" && !o.startsWith("unnamed");
}

/**
 * Whether `s` is a real calendar date written YYYY-MM-DD.
 *
 * @example
 * ```ts
 * isIsoDate("2024-06-19"); // true
 * isIsoDate("2024-02-30"); // false
 * ```
 */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * Parses and validates manifest text. `file` is the name used in messages.
 * Throws {@linkcode CorpusError} for a missing required column (naming the
 * header line), an empty id/file/outlet, a malformed published date (naming
 * line and column), and duplicate ids or files (naming both lines).
 *
 * @example
 * ```ts
 * const rows = parseManifest("id,file,outlet\n000,a.txt,unnamed (000)\n", "articles.csv");
 * rows[0].outlet_named; // false
 * ```
 */
export function parseManifest(text: string, file: string): ManifestEntry[] {
  const table = parseCsv(text, file);
  const col = new Map(table.header.map((h, i) => [h, i]));
  for (const required of REQUIRED_MANIFEST_COLUMNS) {
    if (!col.has(required)) {
      throw new CorpusError(
        `${file} line ${table.headerLine} (header): required column '${required}' is missing — ` +
          `add it to the header (expected columns: ${MANIFEST_COLUMNS.join(", ")})`,
        file,
        table.headerLine,
        required,
      );
    }
  }
  for (const h of table.header) {
    if (MANIFEST_COLUMNS.includes(h)) continue;
    const near = nearestName(h, MANIFEST_COLUMNS);
    throw new CorpusError(
      `${file} line ${table.headerLine} (header): unknown column '${h}' — ` +
        (near ? `did you mean '${near}'? ` : "") +
        `the columns are ${MANIFEST_COLUMNS.join(", ")}`,
      file,
      table.headerLine,
      h,
    );
  }
  const get = (r: CsvRecord, name: string): string | null => {
    const i = col.get(name);
    if (i === undefined) return null;
    const v = r.fields[i].trim();
    return v === "" ? null : v;
  };
  const seenId = new Map<string, number>();
  const seenFile = new Map<string, number>();
  const out: ManifestEntry[] = [];
  for (const r of table.rows) {
    const need = (name: string, fix: string): string => {
      const v = get(r, name);
      if (v === null) {
        throw new CorpusError(
          `${file} line ${r.line}, column '${name}': empty — ${fix}`,
          file,
          r.line,
          name,
        );
      }
      return v;
    };
    const id = need("id", "give every article a unique id");
    const fileCell = need("file", "name the article's file in the articles folder");
    const norm = normaliseArticlePath(fileCell);
    if (norm.error !== undefined) {
      throw new CorpusError(
        `${file} line ${r.line}, column 'file': ${norm.error}`,
        file,
        r.line,
        "file",
      );
    }
    const fileName = norm.path;
    const outlet = need(
      "outlet",
      "write the outlet, or 'unnamed (<id>)' if the text does not name it",
    );
    const published = get(r, "published");
    if (published !== null && !isIsoDate(published)) {
      throw new CorpusError(
        `${file} line ${r.line}, column 'published': '${published}' is not a date — ` +
          `write it as YYYY-MM-DD or leave it empty`,
        file,
        r.line,
        "published",
      );
    }
    const prevId = seenId.get(id);
    if (prevId !== undefined) {
      throw new CorpusError(
        `${file} lines ${prevId} and ${r.line}: duplicate id '${id}' — ids must be unique; ` +
          `rename one of them`,
        file,
        r.line,
        "id",
      );
    }
    seenId.set(id, r.line);
    const prevFile = seenFile.get(fileName);
    if (prevFile !== undefined) {
      throw new CorpusError(
        `${file} lines ${prevFile} and ${r.line}: file '${fileName}' is listed twice` +
          (fileCell !== fileName ? ` (written '${fileCell}' on line ${r.line})` : "") + ` — ` +
          `keep one row per article`,
        file,
        r.line,
        "file",
      );
    }
    seenFile.set(fileName, r.line);
    out.push({
      line: r.line,
      id,
      file: fileName,
      outlet,
      outlet_named: isOutletNamed(outlet),
      published,
      url: get(r, "url"),
      title: get(r, "title"),
      language: get(r, "language"),
      notes: get(r, "notes"),
    });
  }
  return out;
}

/**
 * A manifest's optional link columns by article id: `copy_of` and `similarity` (set by
 * `task add`, or by hand), and `page` (the saved page beside the extracted text).
 *
 * @example
 * ```ts
 * manifestLinks("id,file,outlet,copy_of\nb,b.txt,X,a\n", "articles.csv").get("b")?.copy_of; // "a"
 * ```
 */
export function manifestLinks(
  manifestText: string,
  file: string,
): Map<string, { copy_of: string | null; similarity: number | null; page: string | null }> {
  const t = parseCsv(manifestText, file);
  const col = (n: string) => t.header.indexOf(n);
  const [ci, si, pi, ii] = [col("copy_of"), col("similarity"), col("page"), col("id")];
  if (ii < 0) return new Map();
  const out = new Map<
    string,
    { copy_of: string | null; similarity: number | null; page: string | null }
  >();
  for (const r of t.rows) {
    const get = (i: number) => (i < 0 ? null : r.fields[i].trim() || null);
    const s = get(si);
    out.set(r.fields[ii].trim(), {
      copy_of: get(ci),
      similarity: s === null || !Number.isFinite(Number(s)) ? null : Number(s),
      page: get(pi),
    });
  }
  return out;
}
