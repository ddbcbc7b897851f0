/**
 * A deterministic synthetic corpus for benchmarks.
 *
 * Articles are assembled from the sentences of the bundled seed articles
 * (`data/articles/`), so the text has the same vocabulary, quotes, apostrophes
 * and attribution phrasing as the real corpus, at any size. A fixed seed gives
 * the same bytes every time. The corpus is one CSV file (columns `id, outlet,
 * published, title, text`; the text keeps its paragraph breaks as `"\n\n"`
 * inside a quoted field), so a million articles are one 2.5 GB file that can be
 * streamed, and that ripgrep and scikit-learn read as they are.
 *
 * @module
 */
import { decodeArticleBytes } from "../../lib/io/decode.ts";
import { seededRandom } from "../../lib/measures/stats.ts";

/** Bumped whenever the output for the same options changes; part of the cache key. */
export const GENERATOR_VERSION = 1;

/** The 40 synthetic outlet names (some with spaces and punctuation, as real names have). */
export const OUTLETS: readonly string[] = [
  "Baltic Courier",
  "Eastern Herald",
  "The Morning Ledger",
  "Pacific Dispatch",
  "Steppe Times",
  "Harbour Gazette",
  "Northern Observer",
  "Daily Meridian",
  "The Capital Post",
  "Riverside Tribune",
  "Global Wire Digest",
  "Continental Review",
  "The Evening Signal",
  "Frontier Monitor",
  "Summit News",
  "Coastal Chronicle",
  "The Plain Dealer-Gazette",
  "Metro Bulletin",
  "Atlas Weekly",
  "The Independent Voice",
  "Union Standard",
  "Highland Record",
  "Lakeside Journal",
  "Central Telegraph",
  "The Civic Sentinel",
  "Orient Express News",
  "Prairie Reporter",
  "Southern Star",
  "The Western Mail & Guardian",
  "Polar Times",
  "Delta Press",
  "Granite Examiner",
  "The Open Forum",
  "Crossroads Daily",
  "Horizon Report",
  "Valley Inquirer",
  "The Compass",
  "Meridian Wire",
  "Seaboard Sun",
  "Republic Review",
];

/** One generated article. */
export interface SyntheticArticle {
  id: string;
  outlet: string;
  /** ISO date in 2024 (`YYYY-MM-DD`), non-decreasing with the article index. */
  published: string;
  title: string;
  /** Paragraphs joined by `"\n\n"`. */
  text: string;
}

/** Options of {@link syntheticArticles}. */
export interface SyntheticOptions {
  /** Number of articles. */
  articles: number;
  /** PRNG seed (default 20240619). */
  seed?: number;
  /** Mean article size in UTF-8 bytes (default 2500). */
  targetBytes?: number;
  /** Outlet names to draw from (default {@link OUTLETS}). */
  outlets?: readonly string[];
}

/** Default seed: the day the treaty was signed. */
export const DEFAULT_SEED = 20240619;

const SENTENCE_BREAK = /(?<=[.!?][”"’]?)\s+(?=[“"‘A-Z0-9])/u;

function balanced(s: string): boolean {
  const opens = (s.match(/“/g) ?? []).length;
  const closes = (s.match(/”/g) ?? []).length;
  const straight = (s.match(/"/g) ?? []).length;
  return opens === closes && straight % 2 === 0;
}

/**
 * Splits raw article texts crudely into sentences usable as generator material:
 * each line is a paragraph, split after `.`, `!` or `?`; kept are sentences of at
 * least 5 words that end like a sentence and have balanced double quotes. Leading
 * bullets and whitespace are trimmed. Duplicates are dropped; order is kept.
 *
 * @example
 * ```ts
 * sentencePool(["Kim met Putin in Pyongyang today. He said “this is big news for us.”"]);
 * // ["Kim met Putin in Pyongyang today.", "He said “this is big news for us.”"]
 * ```
 */
export function sentencePool(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    for (const rawLine of text.split(/\r?\n/)) {
      const line = rawLine.replace(/^[\s•\u00a0*-]+/u, "").trim();
      if (!line) continue;
      for (const piece of line.split(SENTENCE_BREAK)) {
        const s = piece.trim();
        if (s.split(/\s+/).length < 5) continue;
        if (!/[.!?][”"’]?$/u.test(s)) continue;
        if (!balanced(s)) continue;
        if (seen.has(s)) continue;
        seen.add(s);
        out.push(s);
      }
    }
  }
  return out;
}

const encoder = new TextEncoder();

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function isoDay(dayOfYear: number): string {
  const d = new Date(Date.UTC(2024, 0, 1 + dayOfYear));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/**
 * Yields `articles` deterministic synthetic articles built from `pool`.
 * Outlets follow a skewed (Zipf-like, exponent 0.5) distribution, as real
 * coverage does; dates run through 2024 (366 days) in order, so a batch of
 * consecutive articles touches few months. Sizes vary ±15% around `targetBytes`.
 *
 * @example
 * ```ts
 * const pool = sentencePool(["Kim met Putin in Pyongyang on Wednesday. They signed a treaty there."]);
 * const [first] = [...syntheticArticles(pool, { articles: 1, targetBytes: 100 })];
 * first.published; // "2024-01-01"
 * ```
 */
export function* syntheticArticles(
  pool: readonly string[],
  options: SyntheticOptions,
): Generator<SyntheticArticle> {
  if (pool.length === 0) throw new Error("syntheticArticles: the sentence pool is empty");
  const n = options.articles;
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`syntheticArticles: articles must be a non-negative integer, got ${n}`);
  }
  const outlets = options.outlets ?? OUTLETS;
  const target = options.targetBytes ?? 2500;
  const rand = seededRandom(options.seed ?? DEFAULT_SEED);
  const weights = outlets.map((_, k) => 1 / Math.sqrt(k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push(acc += w / total);
  const poolBytes = pool.map((s) => encoder.encode(s).length);
  // The loop below stops after crossing the goal: aim half a sentence short so the mean hits it.
  const overshoot = poolBytes.reduce((a, b) => a + b, 0) / poolBytes.length / 2;
  const titles = pool.filter((s) => s.length <= 110);
  const titlePool = titles.length > 0 ? titles : pool;
  const width = Math.max(7, String(n).length);
  for (let i = 0; i < n; i++) {
    const u = rand();
    let o = 0;
    while (o < cumulative.length - 1 && u >= cumulative[o]) o++;
    const day = Math.min(365, Math.floor(((i + rand()) * 366) / Math.max(n, 1)));
    const goal = target * (0.85 + 0.3 * rand()) - overshoot;
    const paragraphs: string[] = [];
    let bytes = 0;
    while (bytes < goal) {
      const k = 1 + Math.floor(rand() * 4);
      const sentences: string[] = [];
      for (let j = 0; j < k && bytes < goal; j++) {
        const s = Math.floor(rand() * pool.length);
        sentences.push(pool[s]);
        bytes += poolBytes[s] + 1;
      }
      paragraphs.push(sentences.join(" "));
      bytes += 1;
    }
    const title = titlePool[Math.floor(rand() * titlePool.length)].replace(/[.]$/, "");
    yield {
      id: `gen-${pad(i + 1, width)}`,
      outlet: outlets[o],
      published: isoDay(day),
      title,
      text: paragraphs.join("\n\n"),
    };
  }
}

/**
 * One CSV record (RFC 4180): fields with `"`, `,`, CR or LF are quoted, `"` doubled;
 * ends with `"\n"`.
 *
 * @example
 * ```ts
 * csvRecord(["a", "b,c", 'say "hi"']); // 'a,"b,c","say ""hi"""\n'
 * ```
 */
export function csvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",") +
    "\n";
}

/** The header of the generated CSV. */
export const CORPUS_COLUMNS: readonly string[] = ["id", "outlet", "published", "title", "text"];

/** Options of {@link generateCorpus}. */
export interface GenerateOptions extends SyntheticOptions {
  /** Folder of seed articles to draw sentences from (default the repo's `data/articles/`). */
  sourceDir?: string;
  /** Folder for generated corpora (default the repo's `.cache/bench/`). */
  cacheDir?: string;
}

/** A generated corpus file. */
export interface GeneratedCorpus {
  path: string;
  articles: number;
  bytes: number;
  seed: number;
  /** First 16 hex digits of the sha256 of the parameters and the seed files; in the file name. */
  key: string;
  /** True when an existing file with the same key was reused. */
  reused: boolean;
  /** Number of distinct sentences the articles were drawn from. */
  poolSize: number;
}

async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await file.write(bytes.subarray(off));
}

/**
 * Generates (or reuses) a synthetic corpus CSV under `cacheDir`, named
 * `corpus-n{articles}-{key}.csv` where the key hashes every parameter, the
 * generator version and the seed files' bytes. Written to a temporary file in
 * the same folder and renamed, so a half-written corpus is never reused.
 *
 * @example
 * ```ts
 * const c = await generateCorpus({ articles: 1000 });
 * c.path; // ".../.cache/bench/corpus-n1000-<key>.csv"
 * ```
 */
export async function generateCorpus(options: GenerateOptions): Promise<GeneratedCorpus> {
  const sourceDir = options.sourceDir ?? new URL("../../data/articles/", import.meta.url).pathname;
  const cacheDir = options.cacheDir ?? new URL("../../.cache/bench/", import.meta.url).pathname;
  const seed = options.seed ?? DEFAULT_SEED;
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(sourceDir)) {
      if (e.isFile && e.name.endsWith(".txt")) names.push(e.name);
    }
  } catch (err) {
    throw new Error(
      `generateCorpus: cannot read the seed folder ${sourceDir}: ${(err as Error).message}`,
    );
  }
  names.sort();
  if (names.length === 0) {
    throw new Error(`generateCorpus: no .txt seed articles in ${sourceDir}`);
  }
  const texts: string[] = [];
  const fileHashes: string[] = [];
  for (const name of names) {
    const path = `${sourceDir.replace(/\/$/, "")}/${name}`;
    const bytes = await Deno.readFile(path);
    texts.push(decodeArticleBytes(bytes, path).text);
    fileHashes.push(`${name}:${await sha256Hex(bytes)}`);
  }
  const pool = sentencePool(texts);
  const params = {
    version: GENERATOR_VERSION,
    articles: options.articles,
    seed,
    targetBytes: options.targetBytes ?? 2500,
    outlets: options.outlets ?? OUTLETS,
    files: fileHashes,
  };
  const key = (await sha256Hex(JSON.stringify(params))).slice(0, 16);
  await Deno.mkdir(cacheDir, { recursive: true });
  const path = `${cacheDir.replace(/\/$/, "")}/corpus-n${options.articles}-${key}.csv`;
  try {
    const st = await Deno.stat(path);
    return {
      path,
      articles: options.articles,
      bytes: st.size,
      seed,
      key,
      reused: true,
      poolSize: pool.length,
    };
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const tmp = await Deno.makeTempFile({ dir: cacheDir, prefix: ".corpus-", suffix: ".tmp" });
  let bytes = 0;
  try {
    const file = await Deno.open(tmp, { write: true, truncate: true });
    try {
      let chunk = csvRecord(CORPUS_COLUMNS);
      let rows = 0;
      for (const a of syntheticArticles(pool, { ...options, seed })) {
        chunk += csvRecord([a.id, a.outlet, a.published, a.title, a.text]);
        if (++rows % 2000 === 0) {
          const b = encoder.encode(chunk);
          bytes += b.length;
          await writeAll(file, b);
          chunk = "";
        }
      }
      const b = encoder.encode(chunk);
      bytes += b.length;
      await writeAll(file, b);
    } finally {
      file.close();
    }
    await Deno.chmod(tmp, 0o644); // makeTempFile creates it private
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
  return {
    path,
    articles: options.articles,
    bytes,
    seed,
    key,
    reused: false,
    poolSize: pool.length,
  };
}
