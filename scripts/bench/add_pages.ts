/**
 * Bench of `task add` on saved web pages: `deno run -A scripts/bench/add_pages.ts [--pages N]
 * [--seed N]` generates N deterministic pages (a realistic page chrome — head with metadata,
 * inline scripts and styles, navigation, share widgets, captions, related links, cookie banner,
 * footer — around an article built from the bundled corpus's sentences), adds them to an empty
 * corpus in a temporary folder, and prints the time per page (Readability extraction, cleaning,
 * copy detection, files and manifest written). Generation is not timed. Target: ≤ 30 ms per page.
 *
 * @module
 */
import { join } from "node:path";
import { addArticles } from "../../lib/ingest/add.ts";
import { parseManifest } from "../../lib/io/manifest.ts";
import { readCsvBatches } from "../../lib/io/csv.ts";
import { csvField } from "../../lib/ingest/manifest_write.ts";
import { DEFAULT_SEED, OUTLETS, sentencePool, syntheticArticles } from "./generate.ts";
import { V8_FLAGS } from "../steps.ts";

const REPO = new URL("../../", import.meta.url).pathname;

/** Result of {@linkcode benchAddPages}. */
export interface AddPagesResult {
  pages: number;
  /** Mean page size in bytes. */
  meanPageBytes: number;
  added: number;
  copies: number;
  skipped: number;
  /** Wall time of the `addArticles` call, seconds. */
  seconds: number;
  msPerPage: number;
}

/** Options of {@linkcode benchAddPages}. */
export interface AddPagesOptions {
  pages: number;
  seed?: number;
  /** Folder with the project's data (articles for sentences, rules, column table). */
  dataDir?: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/**
 * One synthetic saved page around `title` and `paragraphs`.
 *
 * @example
 * ```ts
 * syntheticPage({ outlet: "Daily Post", title: "T", published: "2024-06-19", paragraphs: ["P."], n: 1 })
 *   .includes('og:site_name" content="Daily Post"'); // true
 * ```
 */
export function syntheticPage(a: {
  outlet: string;
  title: string;
  published: string;
  paragraphs: string[];
  n: number;
}): string {
  const slug = a.outlet.toLowerCase().replace(/[^a-z]+/g, "");
  const nav = Array.from({ length: 40 }, (_, i) => `<li><a href="/s/${i}">Section ${i}</a></li>`)
    .join("");
  const script = `window.__STATE__=${
    JSON.stringify({ n: a.n, items: Array.from({ length: 200 }, (_, i) => ({ i, k: `key${i}` })) })
  };`;
  const style = Array.from({ length: 150 }, (_, i) => `.c${i}{margin:${i}px;padding:0}`).join("");
  const body: string[] = [];
  a.paragraphs.forEach((p, i) => {
    body.push(`<p>${escapeHtml(p)}</p>`);
    if (i === 1) {
      body.push(
        `<figure><img src="/img/${a.n}.jpg" alt=""><figcaption>${
          escapeHtml(a.title)
        }. Jane Doe/AFP via Getty Images</figcaption></figure>`,
      );
    }
    if (i === 3) body.push(`<p>Also read: <a href="/r/${a.n}">Another story on the talks</a></p>`);
  });
  const related = Array.from(
    { length: 8 },
    (_, i) => `<li><a href="/r/${a.n}/${i}">Related headline number ${i}</a></li>`,
  ).join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(a.title)} | ${a.outlet}</title>
<meta property="og:site_name" content="${a.outlet}">
<meta property="og:title" content="${escapeHtml(a.title)}">
<meta property="article:published_time" content="${a.published}T08:00:00Z">
<link rel="canonical" href="https://www.${slug}.example/news/${a.n}">
<style>${style}</style><script>${script}</script>
<script type="application/ld+json">{"@type":"NewsArticle","headline":${
    JSON.stringify(a.title)
  },"datePublished":"${a.published}","publisher":{"name":"${a.outlet}"}}</script>
</head><body>
<div class="cookie">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><ul>${nav}</ul></nav></header>
<main><article><h1>${escapeHtml(a.title)}</h1>
<div class="share"><a>Facebook</a> <a>Twitter</a> <a>Email</a></div>
<span class="time">2 hours ago</span>
${body.join("\n")}
<p>Share this article</p>
</article><aside><h2>Related</h2><ul>${related}</ul></aside></main>
<footer><p>© 2024 ${a.outlet}. All rights reserved.</p></footer>
<script>(function(){var x=${a.n};for(var i=0;i<10;i++){x+=i}})();</script>
</body></html>
`;
}

/**
 * Generates `pages` saved pages into a temporary folder and times adding them to an empty
 * corpus (same rules and column table as `dataDir`).
 *
 * @example
 * ```ts
 * const r = await benchAddPages({ pages: 100 });
 * console.log(r.msPerPage);
 * ```
 */
export async function benchAddPages(options: AddPagesOptions): Promise<AddPagesResult> {
  const dataDir = options.dataDir ?? join(REPO, "data");
  const manifest = parseManifest(
    await Deno.readTextFile(join(dataDir, "articles.csv")),
    "articles.csv",
  );
  const texts = await Promise.all(
    manifest.map((e) => Deno.readTextFile(join(dataDir, "articles", e.file))),
  );
  const pool = sentencePool(texts);
  const tmp = await Deno.makeTempDir({ prefix: "bench_add_" });
  try {
    const data = join(tmp, "data");
    const input = join(tmp, "pages");
    await Deno.mkdir(join(data, "articles"), { recursive: true });
    await Deno.mkdir(input);
    await Deno.writeTextFile(
      join(data, "articles.csv"),
      "id,file,outlet,published,url,title,language,notes\n",
    );
    await Deno.copyFile(join(dataDir, "cleaning_rules.csv"), join(data, "cleaning_rules.csv"));
    await Deno.copyFile(join(dataDir, "export_columns.csv"), join(data, "export_columns.csv"));
    let bytes = 0;
    let n = 0;
    for (
      const a of syntheticArticles(pool, {
        articles: options.pages,
        seed: options.seed ?? DEFAULT_SEED,
        outlets: OUTLETS,
      })
    ) {
      const page = syntheticPage({
        outlet: a.outlet,
        title: a.title,
        published: a.published,
        paragraphs: a.text.split("\n\n"),
        n,
      });
      bytes += page.length;
      await Deno.writeTextFile(join(input, `${String(n++).padStart(6, "0")}.html`), page);
    }
    const t0 = performance.now();
    const r = await addArticles([input], { dataDir: data });
    const seconds = (performance.now() - t0) / 1000;
    const count = (k: string) => r.outcomes.filter((o) => o.kind === k).length;
    return {
      pages: n,
      meanPageBytes: n === 0 ? 0 : Math.round(bytes / n),
      added: count("added"),
      copies: count("copy"),
      skipped: count("skipped"),
      seconds,
      msPerPage: n === 0 ? 0 : (seconds * 1000) / n,
    };
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

/**
 * A corpus folder in `data` (manifest `articles.csv`, one `.txt` per article under `articles/`,
 * and the rules and export column table of `sourceData`) made from a corpus CSV of the bench
 * (columns id, outlet, published, title, text). Returns the number of articles.
 *
 * @example
 * ```ts
 * await folderCorpusFromCsv(".cache/bench/corpus-100000.csv", "/tmp/big/data");
 * ```
 */
export async function folderCorpusFromCsv(
  csv: string,
  data: string,
  sourceData: string = join(REPO, "data"),
): Promise<number> {
  await Deno.mkdir(join(data, "articles"), { recursive: true });
  await Deno.copyFile(join(sourceData, "cleaning_rules.csv"), join(data, "cleaning_rules.csv"));
  await Deno.copyFile(join(sourceData, "export_columns.csv"), join(data, "export_columns.csv"));
  const manifest: string[] = ["id,file,outlet,published,url,title,language,notes\n"];
  let n = 0;
  for await (const batch of readCsvBatches(csv)) {
    const at = (name: string) => batch.header.indexOf(name);
    const [id, outlet, published, title, text] = ["id", "outlet", "published", "title", "text"]
      .map(at);
    for (const row of batch.rows) {
      const file = `${row[id]}.txt`;
      const t = title >= 0 && row[title] ? `${row[title]}\n\n${row[text]}\n` : `${row[text]}\n`;
      Deno.writeTextFileSync(join(data, "articles", file), t);
      manifest.push(
        [
          row[id],
          file,
          row[outlet],
          row[published] ?? "",
          "",
          title >= 0 ? row[title] ?? "" : "",
          "en",
          "",
        ]
          .map((f) => csvField(f ?? "")).join(",") + "\n",
      );
      n++;
    }
  }
  await Deno.writeTextFile(join(data, "articles.csv"), manifest.join(""));
  return n;
}

/** Result of {@linkcode benchArrival}. */
export interface ArrivalResult {
  /** Articles in the corpus before. */
  articles: number;
  /** `task add` of one page into the corpus with no kept copy index (it is built): process ms. */
  firstMs: number;
  /** Articles of the corpus that run cleaned and indexed. */
  firstIndexed: number;
  /** `task add` of `pages` pages with the kept index: process ms (Deno start-up included). */
  addMs: number;
  pages: number;
  added: number;
  nearCopies: number;
  copies: number;
  /** Articles of the corpus that run cleaned (0 when the kept index held). */
  indexed: number;
}

async function taskAdd(input: string, data: string) {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--v8-flags=${V8_FLAGS}`,
      join(REPO, "scripts/add.ts"),
      input,
      "--data",
      data,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const ms = performance.now() - t0;
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`task add ${input} failed:\n${text.slice(-2000)}`);
  const summary = /^(\d+) added \((\d+) near copies linked\), (\d+) copies not added/m.exec(text);
  const indexed = /^copy index: (\d+) articles/m.exec(text);
  if (!summary) throw new Error(`task add ${input}: no summary line in its output`);
  return {
    ms,
    added: Number(summary[1]),
    nearCopies: Number(summary[2]),
    copies: Number(summary[3]),
    indexed: indexed ? Number(indexed[1]) : 0,
  };
}

/**
 * Times the arrival of `pages` saved pages into the corpus folder `data` with `task add` (a
 * process of its own, as a researcher runs it), after a first `task add` of one page has built
 * the kept copy index. Pages are generated from the bundled corpus's sentences (another seed than
 * the corpus).
 *
 * @example
 * ```ts
 * const r = await benchArrival({ data: "/tmp/big/data", pages: 100 });
 * r.addMs / coldBuildMs; // share of the cold build
 * ```
 */
export async function benchArrival(
  options: {
    data: string;
    pages: number;
    seed?: number;
    /** Folder whose articles give the pages' sentences (default the repository's `data/`). */
    sourceData?: string;
  },
): Promise<ArrivalResult> {
  const data = options.data;
  const source = options.sourceData ?? join(REPO, "data");
  const articles = parseManifest(
    await Deno.readTextFile(join(data, "articles.csv")),
    "articles.csv",
  ).length;
  const texts = await Promise.all(
    parseManifest(await Deno.readTextFile(join(source, "articles.csv")), "articles.csv")
      .map((e) => Deno.readTextFile(join(source, "articles", e.file))),
  );
  const pool = sentencePool(texts);
  const tmp = await Deno.makeTempDir({ prefix: "bench_arrival_" });
  try {
    const write = async (dir: string, count: number, seed: number) => {
      await Deno.mkdir(dir);
      let n = 0;
      for (const a of syntheticArticles(pool, { articles: count, seed, outlets: OUTLETS })) {
        const page = syntheticPage({
          outlet: a.outlet,
          title: a.title,
          published: a.published,
          paragraphs: a.text.split("\n\n"),
          n,
        });
        await Deno.writeTextFile(join(dir, `${String(n++).padStart(6, "0")}.html`), page);
      }
    };
    const seed = (options.seed ?? DEFAULT_SEED) + 1;
    await write(join(tmp, "first"), 1, seed);
    await write(join(tmp, "pages"), options.pages, seed + 1);
    const first = await taskAdd(join(tmp, "first"), data);
    const r = await taskAdd(join(tmp, "pages"), data);
    return {
      articles,
      firstMs: first.ms,
      firstIndexed: first.indexed,
      addMs: r.ms,
      pages: options.pages,
      added: r.added,
      nearCopies: r.nearCopies,
      copies: r.copies,
      indexed: r.indexed,
    };
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

if (import.meta.main) {
  const args = Deno.args;
  const opt = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const v = Number(args[i + 1]);
    if (!Number.isInteger(v) || v < 1) {
      console.error(`${name} needs a whole number ≥ 1`);
      Deno.exit(2);
    }
    return v;
  };
  const r = await benchAddPages({ pages: opt("--pages", 1000), seed: opt("--seed", DEFAULT_SEED) });
  console.log(
    `task add, saved pages: ${r.pages} pages of ${(r.meanPageBytes / 1024).toFixed(1)} KB ` +
      `(${r.added} added, ${r.copies} copies, ${r.skipped} skipped) in ${
        r.seconds.toFixed(2)
      } s: ` +
      `${r.msPerPage.toFixed(1)} ms per page (target ≤ 30)`,
  );
}
