/**
 * The corpus: the manifest and the article files it lists, analysed into nodejs-polars tables
 * (`articles`, `paragraphs`, `sentences`, `quotes`, `removed`, `attributions`, `hits`,
 * `mentions`; see `schema.ts`), keyed by article id, with code-point offsets into each article's
 * cleaned `body`.
 *
 * {@linkcode listCorpus} reads and validates the listing, {@linkcode readArticle} reads one file,
 * {@linkcode corpusTables} assembles the tables; {@linkcode loadCorpus} does all of it in memory,
 * and `openCorpus` (lib/store) does the same through a cache. Raw files are only read, never written.
 *
 * @module
 */
import pl from "nodejs-polars";
import { analyseArticle, loadResources, type ResourcePaths, type Resources } from "../analyse.ts";
import { binaryReason, decodeArticleBytes } from "../io/decode.ts";
import { defaultDataDir, REPO_DATA_DIR } from "../resources/data_dir.ts";
import { sha256Hex } from "../io/hash.ts";
import { CorpusError } from "../io/csv.ts";
import { isOutletNamed, type ManifestEntry, manifestLinks, parseManifest } from "../io/manifest.ts";
import { listTextFiles, type SkippedFile } from "../io/textfiles.ts";
import {
  outletTemplateSets,
  templateCandidates,
  templateLinesOf,
  templateOutlet,
} from "../text/templates.ts";
import { countWords } from "../text/words.ts";
import { applyCopyLinks, withCopyLinks } from "./copies.ts";
import { AnalysisTables } from "./rows.ts";
import { ARTICLE_SOURCE_COLUMNS, type TableName, TABLES, typedFrame } from "./schema.ts";

export { countWords };

export { sha256Hex };

export { CorpusError } from "../io/csv.ts";

/** The analysed corpus: one DataFrame per table (see `schema.ts` for their columns). */
export interface Corpus {
  /** One row per article: the manifest's fields, the cleaned title, body and metadata, counts. */
  articles: pl.DataFrame;
  /** article_id, paragraph, start, end, text, file_start, file_end, kind. */
  paragraphs: pl.DataFrame;
  /** article_id, sentence, paragraph, start, end, text. */
  sentences: pl.DataFrame;
  /** article_id, quote, start, end, content_start, content_end, depth, closed, multi_paragraph. */
  quotes: pl.DataFrame;
  /** article_id, line, rule, category, text: what cleaning removed. */
  removed: pl.DataFrame;
  /** One row per attribution (title and body). */
  attributions: pl.DataFrame;
  /** One row per framing hit (title and body). */
  hits: pl.DataFrame;
  /** One row per actor mention (title and body). */
  mentions: pl.DataFrame;
  /** One row per hit of the broad evaluative lexicon in a body (evaluative density). */
  evaluative: pl.DataFrame;
  /** Non-fatal problems (unlisted files, non-UTF-8 bytes, title mismatches). */
  warnings: string[];
  /** sha256 (hex) of the inputs that shape results: `manifest` and every data file. */
  hashes: Record<string, string>;
  /** The data files the analysis used (lexicon, actors, gazetteer, rules). */
  resources: Resources;
}

/** Where the corpus is read from. Relative paths resolve against the cwd. */
export interface LoadCorpusOptions extends ResourcePaths {
  /**
   * Folder holding `articles.csv`, `articles/` and the data files (default: the repo's `data/`);
   * a data file it lacks is taken from the repo's `data/`.
   */
  dataDir?: string;
  /**
   * Manifest CSV (default `<dataDir>/articles.csv`), or `false` for a plain folder of text files:
   * every `*.txt` file under `articlesDir`, recursively (see `listTextFiles`), id = its path relative
   * to the folder, outlet "unknown", no "not listed" warnings.
   */
  manifest?: string | false;
  /** Folder of article files (default `<dataDir>/articles`). */
  articlesDir?: string;
}

/** Environment variable naming a corpus CSV that `openCorpus()` opens when given no corpus. */
export const CORPUS_ENV = "FRAMING_LAB_CORPUS";
/** Environment variable naming the store folder that `openCorpus()` uses when given no corpus. */
export const STORE_ENV = "FRAMING_LAB_STORE";

/**
 * `options` with the corpus CSV and store folder named by `$FRAMING_LAB_CORPUS` and
 * `$FRAMING_LAB_STORE` (each when set and not empty), but only when `options` name no corpus
 * (no `corpus`, `dataDir`, `manifest` or `articlesDir`): so that `task report` and the bench can
 * point the notebooks' `openCorpus()` at a large corpus and its built store.
 *
 * @example
 * ```ts
 * Deno.env.set("FRAMING_LAB_CORPUS", "/tmp/corpus.csv");
 * withCorpusEnvironment({}).corpus; // "/tmp/corpus.csv"
 * withCorpusEnvironment({ dataDir: "data" }).corpus; // undefined
 * ```
 */
export function withCorpusEnvironment<
  T extends LoadCorpusOptions & { corpus?: string; store?: string },
>(
  options: T,
): T {
  const named = options.corpus !== undefined || options.dataDir !== undefined ||
    options.manifest !== undefined || options.articlesDir !== undefined;
  if (named) return options;
  const env = (name: string) => {
    const v = Deno.env.get(name);
    return v && v.trim() !== "" ? v : undefined;
  };
  const corpus = env(CORPUS_ENV);
  const store = options.store ?? env(STORE_ENV);
  return { ...options, ...(corpus ? { corpus } : {}), ...(store ? { store } : {}) };
}

const REPO_ROOT = REPO_DATA_DIR.replace(/\/data\/?$/, "");

/** Path shown in messages: repo-relative when inside the repo, else as given. */
function shown(path: string): string {
  return path.startsWith(REPO_ROOT + "/") ? path.slice(REPO_ROOT.length + 1) : path;
}

function join(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/**
 * The data files for a corpus folder: each of `<dataDir>`'s own files where it has one, else the
 * repo's `data/` file; explicit paths win.
 *
 * @example
 * ```ts
 * (await corpusResourcePaths({ dataDir: "my_corpus" })).lexicon; // my_corpus/lexicons/framing.csv or data/…
 * ```
 */
export async function corpusResourcePaths(options: LoadCorpusOptions = {}): Promise<ResourcePaths> {
  const dir = options.dataDir ?? defaultDataDir();
  const pick = async (given: string | undefined, name: string) =>
    given ?? ((await exists(join(dir, name))) ? join(dir, name) : join(defaultDataDir(), name));
  const gazetteer = options.gazetteer ??
    ((await exists(join(dir, "sources.csv"))) ? undefined : join(defaultDataDir(), "sources.csv"));
  return {
    dataDir: (await exists(join(dir, "sources.csv"))) ? dir : defaultDataDir(),
    rules: await pick(options.rules, "cleaning_rules.csv"),
    abbreviations: await pick(options.abbreviations, "abbreviations.csv"),
    lexicon: await pick(options.lexicon, "lexicons/framing.csv"),
    evaluative: await pick(options.evaluative, "lexicons/evaluative.csv"),
    actors: await pick(options.actors, "actors.csv"),
    gazetteer,
  };
}

/**
 * Where the article `rel` (a normalised path relative to `dir`) is: a readable file inside `dir`
 * (symlinks resolved), missing, a folder, or outside `dir` (a symlink, or a path that leaves it).
 */
function articleLocation(dir: string, rel: string): "file" | "missing" | "folder" | "outside" {
  let real: string;
  let realDir: string;
  try {
    // Synchronous: on a folder of 100,000 files each asynchronous call costs several times more.
    realDir = Deno.realPathSync(dir);
    real = Deno.realPathSync(join(dir, rel));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return "missing";
    throw e;
  }
  if (!real.startsWith(realDir.replace(/\/?$/, "/"))) return "outside";
  const info = Deno.statSync(real);
  return info.isDirectory ? "folder" : "file";
}

function readBytes(path: string): Uint8Array | null {
  try {
    return Deno.readFileSync(path); // (synchronous: see articleLocation)
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** One article of the listing: its manifest entry (line null for an unlisted file) and path. */
export interface ListedArticle {
  entry: Omit<ManifestEntry, "line"> & { line: number | null };
  /** Path of the article file. */
  path: string;
  /** The file as named in messages ("data/articles/000.txt"). */
  shownName: string;
  /** Copy link set in the manifest, if any. */
  link: { copy_of: string | null; similarity: number | null };
  /** An empty file is read as an empty article with a warning (a folder without manifest). */
  emptyAllowed?: boolean;
}

/** The validated listing of a corpus folder. */
export interface CorpusListing {
  articles: ListedArticle[];
  /** Unlisted files and other problems that did not stop the listing. */
  warnings: string[];
  /** The manifest as named in messages. */
  manifestName: string;
  /** sha256 of the manifest's bytes (without a manifest: of the list of files). */
  manifestSha256: string;
  /** Without a manifest: what the folder held that is not read, and why (see `listTextFiles`). */
  skipped?: SkippedFile[];
}

/**
 * Reads and validates the manifest and lists the articles folder: every manifest row, then every
 * file the manifest does not list (with a warning and outlet "unknown"). Throws
 * {@linkcode CorpusError} naming the file, line or column and the fix.
 *
 * @example
 * ```ts
 * const listing = await listCorpus({ dataDir: "data" });
 * listing.articles.map((a) => a.entry.id);
 * ```
 */
export async function listCorpus(options: LoadCorpusOptions = {}): Promise<CorpusListing> {
  if (options.manifest === false) return await listFolder(options);
  const dataDir = options.dataDir ?? defaultDataDir();
  const manifestPath = options.manifest ?? join(dataDir, "articles.csv");
  const articlesDir = options.articlesDir ?? join(dataDir, "articles");
  const manifestName = shown(manifestPath);
  const dirName = shown(articlesDir).replace(/\/?$/, "/");

  const manifestBytes = readBytes(manifestPath);
  if (manifestBytes === null) {
    throw new CorpusError(
      `${manifestName}: manifest not found — create it (columns id,file,outlet,published,url,` +
        `title,language,notes) or pass its path as 'manifest'`,
      manifestName,
    );
  }
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

  const links = manifestLinks(manifestText.text, manifestName);
  const articles: ListedArticle[] = entries.map((entry) => ({
    entry,
    path: join(articlesDir, entry.file),
    shownName: `${dirName}${entry.file}`,
    link: {
      copy_of: links.get(entry.id)?.copy_of ?? null,
      similarity: links.get(entry.id)?.similarity ?? null,
    },
  }));
  const listed = new Set(entries.map((e) => e.file));
  const ids = new Set(entries.map((e) => e.id));
  for (const name of dirEntries) {
    if (listed.has(name)) continue;
    const binary = binaryReason(readBytes(join(articlesDir, name)) ?? new Uint8Array());
    if (binary !== null) {
      warnings.push(`${dirName}${name}: skipped — not a text file (${binary})`);
      continue;
    }
    let id = name.replace(/\.[^.]*$/, "");
    if (ids.has(id)) id = name;
    ids.add(id);
    warnings.push(
      `${dirName}${name}: not listed in ${manifestName} — loaded with outlet 'unknown'; ` +
        `add a row for it to the manifest`,
    );
    articles.push({
      entry: unlistedEntry(id, name),
      path: join(articlesDir, name),
      shownName: `${dirName}${name}`,
      link: { copy_of: null, similarity: null },
    });
  }
  return { articles, warnings, manifestName, manifestSha256: await sha256Hex(manifestBytes) };
}

/** The manifest entry of a file no manifest row describes: outlet 'unknown', nothing else known. */
function unlistedEntry(id: string, file: string): ListedArticle["entry"] {
  return {
    line: null,
    id,
    file,
    outlet: "unknown",
    outlet_named: isOutletNamed("unknown"),
    published: null,
    url: null,
    title: null,
    language: null,
    notes: null,
  };
}

/** The listing of a folder of text files without a manifest (`manifest: false`). */
async function listFolder(options: LoadCorpusOptions): Promise<CorpusListing> {
  const dir = options.articlesDir ?? join(options.dataDir ?? defaultDataDir(), "articles");
  const dirName = shown(dir).replace(/\/?$/, "/");
  const files = await listTextFiles(dir);
  const articles: ListedArticle[] = files.map((rel) => ({
    entry: unlistedEntry(rel, rel),
    path: join(dir, rel),
    shownName: `${dirName}${rel}`,
    link: { copy_of: null, similarity: null },
    emptyAllowed: true,
  }));
  return {
    articles,
    warnings: [],
    manifestName: `${dirName} (no manifest)`,
    manifestSha256: await sha256Hex(new TextEncoder().encode(files.join("\n"))),
    skipped: files.skipped,
  };
}

/** One article file as read. */
export interface ArticleText {
  /** Decoded text (UTF-8, else Windows-1252 with a warning). */
  text: string;
  encoding: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  warnings: string[];
}

/**
 * Reads and decodes one listed article. A missing or empty file is a {@linkcode CorpusError}
 * naming the manifest line and the fix (an empty file of a folder listed without a manifest is
 * read, with a warning).
 *
 * @example
 * ```ts
 * const { text, sha256 } = await readArticle(listing.articles[0], listing);
 * ```
 */
export async function readArticle(
  article: ListedArticle,
  listing: Pick<CorpusListing, "manifestName">,
): Promise<ArticleText> {
  const { entry, path, shownName } = article;
  const where = entry.line === null
    ? ""
    : ` (listed at ${listing.manifestName} line ${entry.line})`;
  const dirName = shownName.slice(0, shownName.length - entry.file.length);
  const listedAt = entry.line === null ? shownName : `${listing.manifestName} line ${entry.line}`;
  const refuse = (why: string) =>
    new CorpusError(
      `${listedAt}: file '${entry.file}' ${why}`,
      entry.line === null ? shownName : listing.manifestName,
      entry.line ?? undefined,
      "file",
    );
  const location = articleLocation(
    path.slice(0, path.length - entry.file.length),
    entry.file,
  );
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
  const bytes = readBytes(path)!;
  const binary = binaryReason(bytes);
  if (binary !== null) {
    throw refuse(`is not a text file (${binary}) — list only plain-text article files`);
  }
  const decoded = decodeArticleBytes(bytes, shownName);
  if (decoded.text.trim() === "" && article.emptyAllowed) {
    decoded.warnings.push(`${shownName}: the file is empty — nothing to analyse`);
  } else if (decoded.text.trim() === "") {
    throw new CorpusError(
      `${shownName}: the file is empty${where} — add the article text or ` +
        (entry.line === null ? "remove the file" : "remove its row from the manifest"),
      shownName,
    );
  }
  return {
    text: decoded.text,
    encoding: decoded.encoding,
    sha256: await sha256Hex(bytes),
    warnings: decoded.warnings,
  };
}

/** What the listing says of one article, besides its id and content (see `ArticleSourceRow`). */
export interface ArticleMeta {
  file: string;
  outlet: string;
  outlet_named: boolean;
  published: string | null;
  url: string | null;
  language: string | null;
  notes: string | null;
  /** A copy link set in the manifest (`none`: not a copy), or null. */
  copy_of: string | null;
  similarity: number | null;
}

/** One article's listing columns, as the articles table has them. */
export interface ArticleSourceRow extends ArticleMeta {
  id: string;
  sha256: string;
  encoding: string;
}

/**
 * The articles table's listing columns (see `ARTICLE_SOURCE_COLUMNS`), one row per article in
 * listing order.
 *
 * @example
 * ```ts
 * articleSourceFrame([]).columns[0]; // "id"
 * ```
 */
export function articleSourceFrame(rows: readonly ArticleSourceRow[]): pl.DataFrame {
  const cols: Record<string, unknown[]> = Object.fromEntries(
    ARTICLE_SOURCE_COLUMNS.map(([n]) => [n, []]),
  );
  for (const r of rows) {
    for (const [n] of ARTICLE_SOURCE_COLUMNS) cols[n].push(r[n as keyof ArticleSourceRow]);
  }
  return typedFrame(ARTICLE_SOURCE_COLUMNS, cols);
}

/** How the rows of each per-article table are ordered within an article. */
const WITHIN: Record<Exclude<TableName, "articles">, string[]> = {
  paragraphs: ["paragraph"],
  sentences: ["sentence"],
  quotes: ["quote"],
  removed: ["line"],
  attributions: ["attribution"],
  hits: ["__field", "start", "end", "__row"],
  mentions: ["__field", "start", "end", "__row"],
  evaluative: ["__field", "start", "end", "__row"],
};

/**
 * One corpus table from the listing columns of the articles (`id`, `outlet`, …, in listing order)
 * and that table's analysis rows (analysis columns, any row order): the articles table joins the
 * analysis onto the listing (with the copy links `links` when given, in listing order, else found
 * over the signatures); the others get `outlet` and are ordered by article (listing order),
 * then by position in the article. Columns as in `schema.ts`.
 *
 * @example
 * ```ts
 * corpusTable("hits", source, analysis.hits).columns.slice(0, 2); // ["article_id", "outlet"]
 * ```
 */
export function corpusTable(
  table: TableName,
  source: pl.DataFrame,
  analysis: pl.DataFrame,
  links?: { copyOf: ReadonlyArray<string | null>; similarity: ReadonlyArray<number | null> },
): pl.DataFrame {
  if (table === "articles") {
    // Copy links: found over the signatures, or given (the store keeps them, in listing order).
    const joined = source.join(analysis.rename({ article_id: "id" }), { on: "id", how: "left" });
    return (links ? applyCopyLinks(joined, links.copyOf, links.similarity) : withCopyLinks(joined))
      .select(...TABLES.articles.map(([n]) => n));
  }
  const order = source.select(pl.col("id").alias("article_id"), pl.col("outlet"))
    .withRowIndex("__article");
  const keys = WITHIN[table];
  let df = analysis.withRowIndex("__row").join(order, { on: "article_id", how: "inner" });
  if (keys.includes("__field")) {
    df = df.withColumn(pl.col("field").eq(pl.lit("body")).cast(pl.Int32).alias("__field"));
  }
  return df.sort(["__article", ...keys]).select(...TABLES[table].map(([n]) => n));
}

/** Options of {@linkcode scanTable}. */
export interface ScanOptions {
  /**
   * Rows in the table's order (default true). False leaves them in store order, without the sort
   * that copies every column: for counts and measures, which do not depend on row order.
   */
  ordered?: boolean;
  /** Only the rows this holds for (an expression over the table's analysis columns). */
  where?: pl.Expr;
  /** Only the rows of these articles. */
  ids?: readonly string[];
}

/** A corpus whose tables can be scanned lazily: what `openCorpus` returns. */
export interface ScannableCorpus {
  /** The articles' listing columns (id, outlet, …) in corpus order. */
  listing: pl.DataFrame;
  /** The analysis rows of a table as a lazy scan (no `outlet`, store order). */
  scan(table: TableName): pl.LazyDataFrame;
  /**
   * The articles' copy links as the store keeps them (`copy_of`, `similarity` found from the
   * signatures, in listing order), when it has them; without, {@linkcode scanTable} finds them
   * from the signatures.
   */
  copyLinks?(): CopyLinks;
}

/** Copy links found from the signatures, one per article in listing order (null: none). */
export interface CopyLinks {
  copyOf: ReadonlyArray<string | null>;
  similarity: ReadonlyArray<number | null>;
}

/**
 * The columns `columns` of one corpus table, read lazily from the store so that only those
 * columns are held: the same rows, in the same order and with the same values as that table of
 * `openCorpus()` (`corpus.hits` etc.), at a fraction of its memory. For a corpus of 100,000
 * articles, where the whole tables do not fit. The articles table gets its copy links (as
 * {@linkcode corpusTable}) whatever the columns.
 *
 * @example
 * ```ts
 * const corpus = await openCorpus();
 * const hits = scanTable(corpus, "hits", ["article_id", "outlet", "category", "voice"]);
 * ```
 */
export function scanTable(
  corpus: ScannableCorpus,
  table: TableName,
  columns: readonly string[],
  options: ScanOptions = {},
): pl.DataFrame {
  const known = TABLES[table].map(([n]) => n);
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length) {
    throw new Error(
      `scanTable: the ${table} table has no column ${unknown.join(", ")} (it has ${
        known.join(", ")
      })`,
    );
  }
  const sourceNames = ARTICLE_SOURCE_COLUMNS.map(([n]) => n);
  if (table === "articles") {
    // The store's copy links, else found from the signatures (the minhash column, read for that).
    const links = corpus.copyLinks?.();
    const fromAnalysis = [...new Set(links ? columns : [...columns, "minhash"])].filter((c) =>
      !sourceNames.includes(c)
    );
    const analysis = corpus.scan("articles").select("article_id", ...fromAnalysis)
      .rename({ article_id: "id" }).collectSync();
    const joined = corpus.listing.join(analysis, { on: "id", how: "left" });
    return (links ? applyCopyLinks(joined, links.copyOf, links.similarity) : withCopyLinks(joined))
      .select(...columns);
  }
  const keys = WITHIN[table];
  let listing = corpus.listing.select(pl.col("id").alias("article_id"), pl.col("outlet"))
    .withRowIndex("__article");
  if (options.ids) {
    const only = pl.DataFrame([pl.Series("article_id", [...options.ids], pl.Utf8)]);
    listing = listing.join(only, { on: "article_id", how: "semi" });
  }
  const order = listing.lazy();
  const ordered = options.ordered !== false;
  const sortKeys = ordered ? keys.filter((k) => k !== "__field" && k !== "__row") : [];
  const analysisNames = columns.filter((c) => c !== "outlet");
  const read = [...new Set(["article_id", ...analysisNames, ...sortKeys])];
  if (ordered && keys.includes("__field") && !read.includes("field")) read.push("field");
  let scan = corpus.scan(table);
  if (options.where) scan = scan.filter(options.where);
  if (!ordered) {
    // Rows in store order: no sort (it copies every column), for counts and measures.
    return scan.select(...read).join(order.drop("__article"), { on: "article_id", how: "inner" })
      .select(...columns).collectSync();
  }
  let lf = scan.select(...read).withRowIndex("__row")
    .join(order, { on: "article_id", how: "inner" });
  if (keys.includes("__field")) {
    lf = lf.withColumns(pl.col("field").eq(pl.lit("body")).cast(pl.Int32).alias("__field"));
  }
  return lf.sort(["__article", ...keys]).select(...columns).collectSync();
}

/**
 * Several tables' columns at once ({@linkcode scanTable} for each): what a notebook reads of the
 * corpus, and nothing more.
 *
 * @example
 * ```ts
 * const { articles, hits } = scanTables(await openCorpus(), {
 *   articles: ["id", "outlet", "n_words"],
 *   hits: ["article_id", "outlet", "category", "voice"],
 * });
 * ```
 */
export function scanTables<K extends TableName>(
  corpus: ScannableCorpus,
  columns: Readonly<Record<K, readonly string[]>>,
  options: Pick<ScanOptions, "ordered"> = {},
): Record<K, pl.DataFrame> {
  const out = {} as Record<K, pl.DataFrame>;
  for (const t of Object.keys(columns) as K[]) {
    // The articles table is small and always in corpus order (measures follow its order).
    out[t] = scanTable(corpus, t, columns[t], t === "articles" ? {} : options);
  }
  return out;
}

/**
 * Every corpus table (see {@linkcode corpusTable}).
 *
 * @example
 * ```ts
 * const tables = corpusTables(source, analysis);
 * ```
 */
export function corpusTables(
  source: pl.DataFrame,
  analysis: Record<TableName, pl.DataFrame>,
): Record<TableName, pl.DataFrame> {
  return Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((t) => [t, corpusTable(t, source, analysis[t])]),
  ) as Record<TableName, pl.DataFrame>;
}

/**
 * Loads and analyses the whole corpus in memory, without a cache: reads and validates the
 * manifest, decodes every listed file (and any unlisted file in the articles folder, with a
 * warning and outlet "unknown"), finds each outlet's template lines over its raw articles
 * (`lib/text/templates.ts`), and runs the analysis on each. Throws {@linkcode CorpusError}
 * on bad input, naming the file, the line or column, and the fix. `openCorpus` (lib/store) gives
 * the same tables through a cache.
 *
 * @example
 * ```ts
 * const corpus = await loadCorpus({ dataDir: "data" });
 * corpus.articles.height; // 5 for the bundled articles
 * ```
 */
export async function loadCorpus(options: LoadCorpusOptions = {}): Promise<Corpus> {
  const resources = await loadResources(await corpusResourcePaths(options));
  const listing = await listCorpus(options);
  const warnings = [...listing.warnings];
  const tables = new AnalysisTables();
  const read: ArticleSourceRow[] = [];
  // Every text first: an outlet's template lines are found over all its articles.
  const texts: ArticleText[] = [];
  for (const article of listing.articles) texts.push(await readArticle(article, listing));
  const templates = outletTemplateSets(
    listing.articles.map((a, i) => ({
      outlet: a.entry.outlet,
      ...templateCandidates(texts[i].text),
    })),
  );
  for (const [i, article] of listing.articles.entries()) {
    const text = texts[i];
    warnings.push(...text.warnings);
    const analysis = analyseArticle({
      id: article.entry.id,
      text: text.text,
      title: article.entry.title,
      file: article.shownName,
      outlet: article.entry.outlet,
      url: article.entry.url,
      templateLines: templateLinesOf(
        text.text,
        templates.get(templateOutlet(article.entry.outlet)),
      ),
    }, resources);
    warnings.push(...analysis.cleaned.warnings);
    tables.add(analysis);
    const { entry } = article;
    read.push({
      id: entry.id,
      file: entry.file,
      outlet: entry.outlet,
      outlet_named: entry.outlet_named,
      published: entry.published,
      url: entry.url,
      language: entry.language,
      notes: entry.notes,
      sha256: text.sha256,
      encoding: text.encoding,
      ...article.link,
    });
  }
  return {
    ...corpusTables(articleSourceFrame(read), tables.frames()),
    warnings,
    hashes: { manifest: listing.manifestSha256, ...resources.hashes },
    resources,
  };
}
