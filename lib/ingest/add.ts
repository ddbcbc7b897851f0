/**
 * `task add`: new articles into the corpus from plain text files, saved web pages and
 * media-monitoring exports. Each input is cleaned with the corpus's cleaning rules; an input whose
 * cleaned body equals an article's already in the corpus is not added (`copy of <id>`), a near
 * copy is added with `copy_of` and `similarity`; files are written under new names only (never
 * over a file), and the manifest rows are appended atomically.
 *
 * @module
 */
import { extname, join, relative } from "node:path";
import { decodeArticleBytes } from "../io/decode.ts";
import { sha256Hex } from "../io/hash.ts";
import { CorpusError } from "../io/csv.ts";
import { type ManifestEntry, parseManifest } from "../io/manifest.ts";
import { cleanArticle, type CleaningRules, cleaningRulesFromCsv } from "../text/clean.ts";
import { countWords } from "../tables/corpus.ts";
import { CopyIndex, NEAR_COPY_THRESHOLD } from "./copies.ts";
import {
  type KeptEntry,
  keptEntry,
  loadCopyIndex,
  type LoadedCopyIndex,
  saveCopyIndex,
} from "./copy_cache.ts";
import { isoDateOf } from "./dates.ts";
import { type ExportColumns, parseExportColumns, readExport } from "./exports.ts";
import { domainOf, extractPage } from "./html.ts";
import { appendManifestRows } from "./manifest_write.ts";

/** Extensions `task add` reads. */
export const INPUT_EXTENSIONS: readonly string[] = [".txt", ".html", ".htm", ".csv", ".jsonl"];

/** Options of {@linkcode addArticles}. */
export interface AddOptions {
  /** Folder with articles.csv, articles/, cleaning_rules.csv, export_columns.csv. */
  dataDir: string;
  /** Outlet of every input (wins over what a page or export says). */
  outlet?: string | null;
  /** Least similarity for a near copy (default {@linkcode NEAR_COPY_THRESHOLD}). */
  copyThreshold?: number;
  /** Copy index of the corpus (e.g. kept by the store); built from the manifest when absent. */
  copyIndex?: CopyIndex;
  /** Manifest rows written per atomic manifest update (default 500). */
  batch?: number;
  /** Called with each outcome as soon as it is known (e.g. to print it). */
  onOutcome?: (o: AddOutcome) => void;
  /** Word threshold below which a page has no article (default 20). */
  minPageWords?: number;
}

/** What happened to one input (a file, or one row of an export). */
export type AddOutcome =
  | {
    kind: "added";
    input: string;
    id: string;
    outlet: string;
    words: number;
    file: string;
    page: string | null;
    copy_of: string | null;
    similarity: number | null;
    warnings: string[];
  }
  | { kind: "copy"; input: string; id: string; warnings: string[] }
  | { kind: "skipped"; input: string; reason: string; warnings: string[] };

/** Result of {@linkcode addArticles}. */
export interface AddReport {
  outcomes: AddOutcome[];
  /** Manifest rows appended, in order. */
  rows: Record<string, string>[];
  /** The copy index after the run (the corpus plus the articles added). */
  copyIndex: CopyIndex;
  /**
   * Articles of the corpus cleaned to bring the kept copy index up to date (0 when it held every
   * one; all of them on a first run or after a change of the cleaning rules).
   */
  indexed: number;
}

/**
 * One line for an outcome, as `task add` prints it.
 *
 * @example
 * ```ts
 * formatOutcome({ kind: "skipped", input: "a.pdf", reason: "unsupported extension", warnings: [] });
 * // "skipped a.pdf: unsupported extension"
 * ```
 */
export function formatOutcome(o: AddOutcome): string {
  switch (o.kind) {
    case "added": {
      const copy = o.copy_of === null
        ? ""
        : `; near copy of ${o.copy_of}, similarity ${o.similarity!.toFixed(2)}`;
      return `added ${o.id} (${o.outlet}, ${o.words} words${copy})`;
    }
    case "copy":
      return `copy of ${o.id} (${o.input}: same cleaned text, not added again)`;
    case "skipped":
      return `skipped ${o.input}: ${o.reason}`;
  }
}

/** A text to add, from a file or an export row. */
interface Candidate {
  input: string;
  /** The text file to store (title line, blank line, body for pages and exports). */
  text: string;
  /** Bytes of the text file when the input was a .txt file (stored byte for byte). */
  textBytes: Uint8Array | null;
  /** Page bytes and extension, for saved pages. */
  page: { bytes: Uint8Array; ext: string } | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  byline: string | null;
  language: string | null;
  warnings: string[];
}

const MAGIC: [string, number[]][] = [
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["ZIP archive (or .docx/.xlsx)", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip archive", [0x1f, 0x8b]],
];

/**
 * Why `bytes` are not text (a known binary format, or NUL / control bytes), or null when they
 * look like text.
 *
 * @example
 * ```ts
 * binaryReason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d])); // "binary file (PNG image)"
 * ```
 */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b)) return `binary file (${name})`;
  }
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return "binary file (NUL bytes)";
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.05 ? "binary file (control bytes)" : null;
}

async function readBytes(path: string): Promise<Uint8Array | string> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "not found";
    if (e instanceof Deno.errors.IsADirectory) return "is a folder";
    if (e instanceof Deno.errors.PermissionDenied) return "cannot be read (permission denied)";
    throw e;
  }
}

/** Files under `paths` (folders walked recursively, sorted, hidden files skipped). */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries: Deno.DirEntry[] = [];
    for await (const e of Deno.readDir(dir)) if (!e.name.startsWith(".")) entries.push(e);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory) await walk(p);
      else out.push(p);
    }
  };
  for (const p of paths) {
    let info: Deno.FileInfo | null = null;
    try {
      info = await Deno.stat(p);
    } catch {
      info = null;
    }
    if (info?.isDirectory) await walk(p);
    else out.push(p);
  }
  return out;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

const MANIFEST_HEADER = "id,file,outlet,published,url,title,language,notes\n";

/** The cleaned body (paragraphs joined by blank lines) of an article text. */
function cleanedBody(
  text: string,
  rules: CleaningRules,
  o: { title: string | null; outlet: string | null; url: string | null; file: string },
) {
  const cleaned = cleanArticle(text, rules, o);
  return { cleaned, body: cleaned.paragraphs.map((p) => p.text).join("\n\n") };
}

/**
 * A copy index of the articles listed in a manifest (their cleaned bodies, in manifest order).
 * Articles whose file is missing are left out.
 *
 * @example
 * ```ts
 * const index = await copyIndexOfCorpus("data");
 * index.size; // 5
 * ```
 */
export async function copyIndexOfCorpus(
  dataDir: string,
  rules?: CleaningRules,
): Promise<CopyIndex> {
  const manifestPath = join(dataDir, "articles.csv");
  const text = await readOptional(manifestPath);
  const index = new CopyIndex();
  if (text === null) return index;
  rules ??= cleaningRulesFromCsv(
    await Deno.readTextFile(join(dataDir, "cleaning_rules.csv")),
    join(dataDir, "cleaning_rules.csv"),
  );
  for (const e of parseManifest(text, manifestPath)) {
    const bytes = await readBytes(join(dataDir, "articles", e.file));
    if (typeof bytes === "string") continue;
    const { text: t } = decodeArticleBytes(bytes, e.file);
    const { body } = cleanedBody(t, rules, {
      title: e.title,
      outlet: e.outlet,
      url: e.url,
      file: e.file,
    });
    if (body.trim() !== "") await index.add(e.id, body);
  }
  return index;
}

/** Writes `bytes` to a new file `<stem><suffix><ext>` in `dir`, never over an existing file. */
async function writeNew(dir: string, stems: string[], exts: string[], data: Uint8Array[]) {
  for (let k = 1; k < 10000; k++) {
    const suffix = k === 1 ? "" : `-${k}`;
    const names = exts.map((ext, i) => `${stems[i]}${suffix}${ext}`);
    let free = true;
    for (const n of names) {
      try {
        await Deno.lstat(join(dir, n));
        free = false;
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
    }
    if (!free) continue;
    try {
      for (let i = 0; i < names.length; i++) {
        await Deno.writeFile(join(dir, names[i]), data[i], { createNew: true });
      }
      return names;
    } catch (e) {
      if (e instanceof Deno.errors.AlreadyExists) continue; // written by someone else meanwhile
      throw e;
    }
  }
  throw new Error(`no free file name for ${stems[0]} in ${dir}`);
}

/**
 * Adds the files and folders in `paths` to the corpus in `options.dataDir`. Every input ends in
 * one outcome (added, copy of an article, or skipped with the reason, naming the file and the
 * line for export rows); the rest of the batch goes on after a bad input. Throws
 * {@linkcode CorpusError} only for a broken manifest, rules file or column table.
 *
 * @example
 * ```ts
 * const r = await addArticles(["new/page.html"], { dataDir: "data" });
 * r.outcomes.map(formatOutcome); // ["added 005 (Daily Post, 412 words)"]
 * ```
 */
export async function addArticles(
  paths: readonly string[],
  options: AddOptions,
): Promise<AddReport> {
  const dataDir = options.dataDir;
  const articlesDir = join(dataDir, "articles");
  const manifestPath = join(dataDir, "articles.csv");
  const rulesPath = join(dataDir, "cleaning_rules.csv");
  const columnsPath = join(dataDir, "export_columns.csv");
  const threshold = options.copyThreshold ?? NEAR_COPY_THRESHOLD;
  const batch = Math.max(1, options.batch ?? 500);

  let manifestText = (await readOptional(manifestPath)) ?? MANIFEST_HEADER;
  // The manifest is parsed once, and not at all when the kept copy index was saved with it.
  let parsed: ManifestEntry[] | null = null;
  const entries = () => (parsed ??= parseManifest(manifestText, manifestPath));
  const rulesText = await readOptional(rulesPath);
  if (rulesText === null) {
    throw new CorpusError(`${rulesPath}: rules file not found — restore it`, rulesPath);
  }
  const rules = cleaningRulesFromCsv(rulesText, rulesPath);
  let columns: ExportColumns | null = null;
  const exportColumns = async () => {
    if (columns !== null) return columns;
    const t = await readOptional(columnsPath);
    if (t === null) {
      throw new CorpusError(
        `${columnsPath}: export column table not found — restore it to read .csv/.jsonl exports`,
        columnsPath,
      );
    }
    return (columns = parseExportColumns(t, columnsPath));
  };
  await Deno.mkdir(articlesDir, { recursive: true });
  // The copy index: given, or the one kept from the last run (brought up to date).
  let kept: KeptEntry[] | null = null;
  let keptSignatures: LoadedCopyIndex["signatures"] = null;
  let indexed = 0;
  let index: CopyIndex;
  let ids: string[];
  if (options.copyIndex) {
    index = options.copyIndex;
    ids = entries().map((e) => e.id);
  } else {
    const loaded = await loadCopyIndex(dataDir, manifestText, entries, rulesText, async (e) => {
      const bytes = await readBytes(join(articlesDir, e.file));
      if (typeof bytes === "string") return null;
      const { text: t } = decodeArticleBytes(bytes, e.file);
      return cleanedBody(t, rules, { title: e.title, outlet: e.outlet, url: e.url, file: e.file })
        .body;
    });
    index = loaded.index;
    kept = loaded.entries;
    keptSignatures = loaded.signatures;
    indexed = loaded.cleaned;
    ids = kept.map((e) => e.id);
  }

  const numericIds = ids.filter((id) => /^\d+$/.test(id));
  let nextId = numericIds.reduce((m, id) => Math.max(m, Number(id) + 1), 0);
  const width = numericIds.reduce((w, id) => Math.max(w, id.length), 3);
  const taken = new Set(ids);
  const newId = () => {
    let id: string;
    do id = String(nextId++).padStart(width, "0"); while (taken.has(id));
    taken.add(id);
    return id;
  };

  const outcomes: AddOutcome[] = [];
  const rows: Record<string, string>[] = [];
  let pending: Record<string, string>[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    manifestText = await appendManifestRows(manifestPath, manifestText, pending);
    pending = [];
  };
  const report = (o: AddOutcome) => {
    outcomes.push(o);
    options.onOutcome?.(o);
  };

  const addCandidate = async (c: Candidate) => {
    const outlet0 = options.outlet ?? c.outlet;
    const { cleaned, body } = cleanedBody(c.text, rules, {
      title: c.title,
      outlet: outlet0,
      url: c.url,
      file: c.input,
    });
    if (body.trim() === "") {
      report({
        kind: "skipped",
        input: c.input,
        reason: `no article text left after cleaning (${cleaned.removed.length} lines removed)`,
        warnings: c.warnings,
      });
      return;
    }
    const found = await index.find(body, threshold);
    if (found?.kind === "exact") {
      report({ kind: "copy", input: c.input, id: found.id, warnings: c.warnings });
      return;
    }
    const id = newId();
    const title = c.title ?? cleaned.fileTitle;
    const outlet = outlet0 ?? `unnamed (${id})`;
    const notes: string[] = [];
    let published: string | null = null;
    if (c.published !== null) {
      published = isoDateOf(c.published);
      if (published === null) {
        c.warnings.push(
          `${c.input}: published date '${c.published}' cannot be read as a date — kept in ` +
            `notes, 'published' left empty; write it as YYYY-MM-DD in the manifest if known`,
        );
        notes.push(`published as given: '${c.published}' (not read as a date)`);
      }
    }
    const hashed = c.page?.bytes ?? c.textBytes ?? new TextEncoder().encode(c.text);
    const stem = `${id}_${(await sha256Hex(hashed)).slice(0, 16)}`;
    const textBytes = c.textBytes ?? new TextEncoder().encode(c.text);
    const names = c.page
      ? await writeNew(articlesDir, [stem, stem], [".txt", c.page.ext], [textBytes, c.page.bytes])
      : await writeNew(articlesDir, [stem], [".txt"], [textBytes]);
    await index.add(id, body);
    if (kept) {
      const stat = await Deno.stat(join(articlesDir, names[0]));
      kept.push(
        keptEntry({ id, file: names[0], title, outlet, url: c.url }, stat, index.keyOf(id)!),
      );
    }
    const row: Record<string, string> = {
      id,
      file: names[0],
      outlet,
      published: published ?? "",
      url: c.url ?? "",
      title: title ?? "",
      language: c.language ?? "",
      notes: notes.join("; "),
    };
    if (c.page) row.page = names[1];
    if (c.byline) row.byline = c.byline;
    if (found?.kind === "near") {
      row.copy_of = found.id;
      row.similarity = found.similarity.toFixed(2);
    }
    rows.push(row);
    pending.push(row);
    report({
      kind: "added",
      input: c.input,
      id,
      outlet,
      words: countWords(body),
      file: names[0],
      page: names[1] ?? null,
      copy_of: found?.kind === "near" ? found.id : null,
      similarity: found?.kind === "near" ? found.similarity : null,
      warnings: c.warnings,
    });
    if (pending.length >= batch) await flush();
  };

  const skip = (input: string, reason: string, warnings: string[] = []) =>
    report({ kind: "skipped", input, reason, warnings });

  for (const path of await expandInputs(paths)) {
    const input = relative(Deno.cwd(), path).startsWith("..") ? path : relative(Deno.cwd(), path);
    const ext = extname(path).toLowerCase();
    if (!INPUT_EXTENSIONS.includes(ext)) {
      const stat = await Deno.stat(path).catch(() => null);
      skip(
        input,
        stat === null
          ? "not found"
          : `unsupported extension '${ext || "(none)"}' — give .txt, .html, .htm, .csv or .jsonl`,
      );
      continue;
    }
    const bytes = await readBytes(path);
    if (typeof bytes === "string") {
      skip(input, bytes);
      continue;
    }
    if (bytes.length === 0) {
      skip(input, "empty file");
      continue;
    }
    const binary = binaryReason(bytes);
    if (binary !== null) {
      skip(input, `${binary} — not a text, page or export`);
      continue;
    }
    const decoded = decodeArticleBytes(bytes, input);
    const warnings = [...decoded.warnings];
    if (decoded.text.trim() === "") {
      skip(input, "empty file (white space only)", warnings);
      continue;
    }
    const base: Omit<Candidate, "input" | "text"> = {
      textBytes: null,
      page: null,
      title: null,
      outlet: null,
      published: null,
      url: null,
      byline: null,
      language: null,
      warnings,
    };
    if (ext === ".txt") {
      await addCandidate({ ...base, input, text: decoded.text, textBytes: bytes });
    } else if (ext === ".html" || ext === ".htm") {
      const r = extractPage(decoded.text, { minWords: options.minPageWords });
      if (!r.ok) {
        skip(input, r.reason, warnings);
        continue;
      }
      const a = r.article;
      const title = a.title;
      const text = (title !== null ? `${title}\n\n` : "") + a.paragraphs.join("\n\n") + "\n";
      await addCandidate({
        ...base,
        input,
        text,
        page: { bytes, ext },
        title,
        outlet: a.outlet,
        published: a.published,
        url: a.url,
        byline: a.byline,
        language: a.language,
      });
    } else {
      let rowsRead;
      try {
        rowsRead = readExport(
          decoded.text,
          ext === ".csv" ? "csv" : "jsonl",
          await exportColumns(),
          input,
        );
      } catch (e) {
        if (e instanceof CorpusError && e.file === input) {
          skip(
            input,
            e.message.startsWith(`${input}: `) ? e.message.slice(input.length + 2) : e.message,
            warnings,
          );
          continue;
        }
        throw e;
      }
      const all = [
        ...rowsRead.records.map((r) => ({ line: r.line, r })),
        ...rowsRead.problems.map((p) => ({ line: p.line, p })),
      ].sort((a, b) => a.line - b.line);
      for (const item of all) {
        const rowInput = `${input} line ${item.line}`;
        if ("p" in item) {
          skip(rowInput, item.p.message.replace(`${input} line ${item.line}: `, ""));
          continue;
        }
        const r = item.r;
        const text = (r.title !== null ? `${r.title}\n\n` : "") + r.text + "\n";
        await addCandidate({
          ...base,
          warnings: [],
          input: rowInput,
          text,
          title: r.title,
          outlet: r.outlet ?? domainOf(r.url),
          published: r.published,
          url: r.url,
          byline: r.byline,
          language: r.language,
        });
      }
    }
  }
  await flush();
  if (kept) await saveCopyIndex(dataDir, manifestText, rulesText, index, kept, keptSignatures);
  return { outcomes, rows, copyIndex: index, indexed };
}

export { manifestLinks } from "../io/manifest.ts";
