/**
 * The corpus loader: manifest + article files + cleaning rules → nodejs-polars
 * tables (`articles`, `paragraphs`, `sentences`, `removed`), keyed by
 * `article_id`, with code-point offsets into each article's cleaned `body`.
 *
 * Raw files are only read, never written.
 *
 * @module
 */
import pl from "nodejs-polars";
import { binaryReason, decodeArticleBytes } from "../io/decode.ts";
import { CorpusError, isOutletNamed, type ManifestEntry, parseManifest } from "../io/manifest.ts";
import { cleanArticle, type CleaningRules, cleaningRulesFromCsv } from "../text/clean.ts";
import { joinParagraphs, splitSentences } from "../text/segment.ts";
import { codePointLength } from "../text/codepoints.ts";
import { sha256Hex } from "../io/hash.ts";

export { sha256Hex };

export { CorpusError } from "../io/manifest.ts";

/** The loaded corpus. */
export interface Corpus {
  /**
   * One row per article: id, file, outlet, outlet_named, title, published,
   * url, language, notes, source_line, byline, body, n_words, n_chars, sha256,
   * encoding, credit, date_line.
   */
  articles: pl.DataFrame;
  /** article_id, paragraph, start, end, text, file_start, file_end, kind. */
  paragraphs: pl.DataFrame;
  /** article_id, sentence, paragraph, start, end, text. */
  sentences: pl.DataFrame;
  /** article_id, line, rule, category, text: what cleaning removed. */
  removed: pl.DataFrame;
  /** Non-fatal problems (unlisted files, non-UTF-8 bytes, title mismatches). */
  warnings: string[];
  /** sha256 (hex) of the inputs that shape results: `manifest`, `rules`. */
  hashes: Record<string, string>;
}

/** Where {@linkcode loadCorpus} reads from. Relative paths resolve against the cwd. */
export interface LoadCorpusOptions {
  /** Folder holding `articles.csv`, `articles/` and `cleaning_rules.csv` (default: the repo's `data/`). */
  dataDir?: string;
  /** Manifest CSV (default `<dataDir>/articles.csv`). */
  manifest?: string;
  /** Folder of article files (default `<dataDir>/articles`). */
  articlesDir?: string;
  /**
   * Cleaning rules CSV (default `<dataDir>/cleaning_rules.csv` if it exists, else the
   * bundled `data/cleaning_rules.csv`).
   */
  rules?: string;
}

const REPO_ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(
  /\/$/,
  "",
);
const DEFAULT_DATA_DIR = `${REPO_ROOT}/data`;

/** Path shown in messages: repo-relative when inside the repo, else as given. */
function shown(path: string): string {
  return path.startsWith(REPO_ROOT + "/") ? path.slice(REPO_ROOT.length + 1) : path;
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

/** `<dataDir>/cleaning_rules.csv` if that file exists, else the bundled rules. */
async function defaultRulesPath(dataDir: string | undefined): Promise<string> {
  const bundled = join(DEFAULT_DATA_DIR, "cleaning_rules.csv");
  if (dataDir === undefined) return bundled;
  const own = join(dataDir, "cleaning_rules.csv");
  try {
    await Deno.stat(own);
    return own;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return bundled;
    throw e;
  }
}

// countWords counts the matches of /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu with a
// character scan and a lookup table instead of a match object per word.
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** For each UTF-16 code unit outside the surrogates: 1 when a letter or digit (built on first use). */
let isWordUnit: Uint8Array | null = null;

function wordUnits(): Uint8Array {
  if (isWordUnit !== null) return isWordUnit;
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if ((c < 0xd800 || c > 0xdfff) && WORD_CHAR.test(String.fromCharCode(c))) t[c] = 1;
  }
  return (isWordUnit = t);
}

/** Width (1 or 2 code units) of the letter or digit at `i`, or 0 when there is none. */
function wordCharAt(text: string, i: number, units: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return units[c];
  const cp = text.codePointAt(i)!;
  if (cp <= 0xffff) return 0; // a lone surrogate
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/**
 * Number of words in `text` (runs of letters/digits, joined by inner
 * apostrophes, hyphens or periods: "Kim's", "Jong-un", "1.5", "U.S" count once).
 *
 * @example
 * ```ts
 * countWords("Kim Jong-un's 1.5-hour talk."); // 3
 * ```
 */
export function countWords(text: string): number {
  const units = wordUnits();
  const n = text.length;
  let words = 0;
  let inWord = false; // the previous character was a letter or digit of a word
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let w = c < 0xd800 || c > 0xdfff ? units[c] : wordCharAt(text, i, units);
    if (w !== 0) {
      if (!inWord) words++;
      inWord = true;
      if (w === 2) i++;
      continue;
    }
    // A connector (' ’ . -) between two letters or digits joins them into one word.
    if (inWord && (c === 39 || c === 0x2019 || c === 46 || c === 45) && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      w = d < 0xd800 || d > 0xdfff ? units[d] : wordCharAt(text, i + 1, units);
      if (w !== 0) continue; // inWord stays true
    }
    inWord = false;
  }
  return words;
}

/**
 * Where the article `rel` (a normalised path relative to `dir`) is: a readable file inside `dir`
 * (symlinks resolved), missing, a folder, or outside `dir` (a symlink, or a path that leaves it).
 */
async function articleLocation(
  dir: string,
  rel: string,
): Promise<"file" | "missing" | "folder" | "outside"> {
  let real: string;
  let realDir: string;
  try {
    realDir = await Deno.realPath(dir);
    real = await Deno.realPath(join(dir, rel));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "missing";
    throw e;
  }
  if (!real.startsWith(realDir.replace(/\/?$/, "/"))) return "outside";
  const info = await Deno.stat(real);
  return info.isDirectory ? "folder" : "file";
}

async function readBytes(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

interface ArticleSource {
  entry: Omit<ManifestEntry, "line"> & { line: number | null };
}

const str = (name: string, values: (string | null)[]) => pl.Series(name, values, pl.Utf8);
const int = (name: string, values: number[]) => pl.Series(name, values, pl.Int64);
const bool = (name: string, values: boolean[]) => pl.Series(name, values, pl.Bool);

/**
 * Loads the corpus: reads and validates the manifest, decodes every listed
 * file (and any unlisted file in the articles folder, with a warning and
 * outlet "unknown"), cleans each with the rules, and segments the body into
 * paragraphs and sentences. Throws {@linkcode CorpusError} on bad input,
 * naming the file, the line or column, and the fix.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus();
 * corpus.articles.height; // 5 for the bundled seeds
 * console.log(corpus.hashes.manifest, corpus.hashes.rules);
 * ```
 */
export async function loadCorpus(options: LoadCorpusOptions = {}): Promise<Corpus> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const manifestPath = options.manifest ?? join(dataDir, "articles.csv");
  const articlesDir = options.articlesDir ?? join(dataDir, "articles");
  const rulesPath = options.rules ?? await defaultRulesPath(options.dataDir);
  const manifestName = shown(manifestPath);
  const dirName = shown(articlesDir).replace(/\/?$/, "/");

  const manifestBytes = await readBytes(manifestPath);
  if (manifestBytes === null) {
    throw new CorpusError(
      `${manifestName}: manifest not found — create it (columns id,file,outlet,published,url,` +
        `title,language,notes) or pass its path as 'manifest'`,
      manifestName,
    );
  }
  const rulesBytes = await readBytes(rulesPath);
  if (rulesBytes === null) {
    throw new CorpusError(
      `${shown(rulesPath)}: rules file not found — restore it or pass its path as 'rules'`,
      shown(rulesPath),
    );
  }
  const rules: CleaningRules = cleaningRulesFromCsv(
    new TextDecoder().decode(rulesBytes),
    shown(rulesPath),
  );
  const manifestText = decodeArticleBytes(manifestBytes, manifestName);
  if (manifestText.encoding !== "utf-8") {
    throw new CorpusError(
      `${manifestText.warnings[0]} — the manifest must be UTF-8`,
      manifestName,
    );
  }
  const entries = parseManifest(manifestText.text, manifestName);
  const warnings: string[] = [];

  let dirEntries: string[];
  try {
    dirEntries = [];
    for await (const e of Deno.readDir(articlesDir)) {
      if (e.isFile && !e.name.startsWith(".")) dirEntries.push(e.name);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new CorpusError(
        `${dirName}: articles folder not found — create it or pass its path as 'articlesDir'`,
        dirName,
      );
    }
    throw e;
  }
  dirEntries.sort();

  const sources: ArticleSource[] = entries.map((entry) => ({ entry }));
  const listed = new Set(entries.map((e) => e.file));
  const ids = new Set(entries.map((e) => e.id));
  for (const name of dirEntries) {
    if (listed.has(name)) continue;
    let id = name.replace(/\.[^.]*$/, "");
    if (ids.has(id)) id = name;
    ids.add(id);
    warnings.push(
      `${dirName}${name}: not listed in ${manifestName} — loaded with outlet 'unknown'; ` +
        `add a row for it to the manifest`,
    );
    sources.push({
      entry: {
        line: null,
        id,
        file: name,
        outlet: "unknown",
        outlet_named: isOutletNamed("unknown"),
        published: null,
        url: null,
        title: null,
        language: null,
        notes: null,
      },
    });
  }

  const A = {
    id: [] as string[],
    file: [] as string[],
    outlet: [] as string[],
    outlet_named: [] as boolean[],
    title: [] as (string | null)[],
    published: [] as (string | null)[],
    url: [] as (string | null)[],
    language: [] as (string | null)[],
    notes: [] as (string | null)[],
    source_line: [] as (string | null)[],
    byline: [] as (string | null)[],
    body: [] as string[],
    n_words: [] as number[],
    n_chars: [] as number[],
    sha256: [] as string[],
    encoding: [] as string[],
    credit: [] as (string | null)[],
    date_line: [] as (string | null)[],
  };
  const P = {
    article_id: [] as string[],
    paragraph: [] as number[],
    start: [] as number[],
    end: [] as number[],
    text: [] as string[],
    file_start: [] as number[],
    file_end: [] as number[],
    kind: [] as string[],
  };
  const S = {
    article_id: [] as string[],
    sentence: [] as number[],
    paragraph: [] as number[],
    start: [] as number[],
    end: [] as number[],
    text: [] as string[],
  };
  const R = {
    article_id: [] as string[],
    line: [] as number[],
    rule: [] as string[],
    category: [] as string[],
    text: [] as string[],
  };
  const abbreviations = new Set(rules.abbreviations);

  for (const { entry } of sources) {
    const path = join(articlesDir, entry.file);
    const fileName = `${dirName}${entry.file}`;
    const where = entry.line === null ? "" : ` (listed at ${manifestName} line ${entry.line})`;
    const listedAt = entry.line === null ? fileName : `${manifestName} line ${entry.line}`;
    const refuse = (why: string) =>
      new CorpusError(
        `${listedAt}: file '${entry.file}' ${why}`,
        entry.line === null ? fileName : manifestName,
        entry.line ?? undefined,
        "file",
      );
    const location = await articleLocation(articlesDir, entry.file);
    if (location === "missing") {
      throw refuse(`not found in ${dirName} — fix the file column or add the file`);
    }
    if (location === "folder") {
      throw refuse(`is a folder, not a file — name a text file inside ${dirName}`);
    }
    if (location === "outside") {
      throw refuse(
        `is a link to a file outside ${dirName} — only files inside the articles folder are ` +
          `read; copy the file there`,
      );
    }
    const bytes = (await readBytes(path))!;
    const binary = binaryReason(bytes);
    if (binary !== null) {
      if (entry.line === null) {
        warnings.push(`${fileName}: skipped — not a text file (${binary})`);
        continue;
      }
      throw refuse(`is not a text file (${binary}) — list only plain-text article files`);
    }
    const decoded = decodeArticleBytes(bytes, fileName);
    if (decoded.text.trim() === "") {
      throw new CorpusError(
        `${fileName}: the file is empty${where} — add the article text or remove its row ` +
          `from the manifest`,
        fileName,
      );
    }
    warnings.push(...decoded.warnings);
    const cleaned = cleanArticle(decoded.text, rules, { title: entry.title, file: fileName });
    warnings.push(...cleaned.warnings);
    const { body, spans } = joinParagraphs(cleaned.paragraphs.map((p) => p.text));

    A.id.push(entry.id);
    A.file.push(entry.file);
    A.outlet.push(entry.outlet);
    A.outlet_named.push(entry.outlet_named);
    A.title.push(cleaned.title);
    A.published.push(entry.published);
    A.url.push(entry.url);
    A.language.push(entry.language);
    A.notes.push(entry.notes);
    A.source_line.push(cleaned.source_line);
    A.byline.push(cleaned.byline);
    A.body.push(body);
    A.n_words.push(countWords(body));
    A.n_chars.push(codePointLength(body));
    A.sha256.push(await sha256Hex(bytes));
    A.encoding.push(decoded.encoding);
    A.credit.push(cleaned.credit);
    A.date_line.push(cleaned.date_line);

    let sentence = 0;
    cleaned.paragraphs.forEach((p, i) => {
      const span = spans[i];
      P.article_id.push(entry.id);
      P.paragraph.push(i);
      P.start.push(span.start);
      P.end.push(span.end);
      P.text.push(p.text);
      P.file_start.push(p.file_start);
      P.file_end.push(p.file_end);
      P.kind.push(p.kind);
      for (const s of splitSentences(p.text, abbreviations)) {
        S.article_id.push(entry.id);
        S.sentence.push(sentence++);
        S.paragraph.push(i);
        S.start.push(span.start + s.start);
        S.end.push(span.start + s.end);
        S.text.push(s.text);
      }
    });
    for (const r of cleaned.removed) {
      R.article_id.push(entry.id);
      R.line.push(r.line);
      R.rule.push(r.rule);
      R.category.push(r.category);
      R.text.push(r.text);
    }
  }

  const articles = pl.DataFrame([
    str("id", A.id),
    str("file", A.file),
    str("outlet", A.outlet),
    bool("outlet_named", A.outlet_named),
    str("title", A.title),
    str("published", A.published),
    str("url", A.url),
    str("language", A.language),
    str("notes", A.notes),
    str("source_line", A.source_line),
    str("byline", A.byline),
    str("body", A.body),
    int("n_words", A.n_words),
    int("n_chars", A.n_chars),
    str("sha256", A.sha256),
    str("encoding", A.encoding),
    str("credit", A.credit),
    str("date_line", A.date_line),
  ]);
  const paragraphs = pl.DataFrame([
    str("article_id", P.article_id),
    int("paragraph", P.paragraph),
    int("start", P.start),
    int("end", P.end),
    str("text", P.text),
    int("file_start", P.file_start),
    int("file_end", P.file_end),
    str("kind", P.kind),
  ]);
  const sentences = pl.DataFrame([
    str("article_id", S.article_id),
    int("sentence", S.sentence),
    int("paragraph", S.paragraph),
    int("start", S.start),
    int("end", S.end),
    str("text", S.text),
  ]);
  const removed = pl.DataFrame([
    str("article_id", R.article_id),
    int("line", R.line),
    str("rule", R.rule),
    str("category", R.category),
    str("text", R.text),
  ]);
  return {
    articles,
    paragraphs,
    sentences,
    removed,
    warnings,
    hashes: { manifest: await sha256Hex(manifestBytes), rules: await sha256Hex(rulesBytes) },
  };
}
