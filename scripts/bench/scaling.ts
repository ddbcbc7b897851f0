/**
 * `deno run -A scripts/bench/scaling.ts [--articles N] [--runs R]`: what this machine gives the
 * analysis, the numbers that bound the store's cold build against the floor.
 *
 * - **Threads:** `analyseArticle` over N generated articles (after a warm-up) in one process
 *   alone, then in two processes at once; prints each one's ms per article and the throughput of
 *   two against one (2.0 would be two cores working as two). The best of R runs each.
 * - **Fresh memory:** milliseconds to write 256 MB of newly allocated memory against the same
 *   memory written again (the cost of the page faults every heap growth and large read pays).
 *
 * @module
 */
import { analyseArticle, loadResources } from "../../lib/analyse.ts";
import { decodeArticleBytes } from "../../lib/io/decode.ts";
import { V8_FLAGS } from "../steps.ts";
import { sentencePool, syntheticArticles } from "./generate.ts";

const REPO = new URL("../../", import.meta.url).pathname;

/** Analyses `n` generated articles in this process; returns ms per article (after a warm-up). */
async function analysePerArticle(n: number): Promise<number> {
  const dir = `${REPO}data/articles`;
  const texts = [...Deno.readDirSync(dir)]
    .filter((e) => e.name.endsWith(".txt"))
    .map((e) => e.name)
    .sort()
    .map((name) => decodeArticleBytes(Deno.readFileSync(`${dir}/${name}`), name).text);
  const pool = sentencePool(texts);
  const articles = [...syntheticArticles(pool, { articles: n + 200 })];
  const resources = await loadResources({ dataDir: `${REPO}data` });
  const input = (a: (typeof articles)[number]) => ({
    id: a.id,
    text: `${a.title}\n\n${a.text}`,
    title: a.title,
    outlet: a.outlet,
  });
  for (const a of articles.slice(0, 200)) analyseArticle(input(a), resources);
  const t0 = performance.now();
  for (const a of articles.slice(200)) analyseArticle(input(a), resources);
  return (performance.now() - t0) / n;
}

/** Ms to write `mb` MB of fresh memory, and of the same memory again. */
function freshMemoryMs(mb: number): { fresh: number; again: number } {
  const t0 = performance.now();
  const a = new Uint8Array(mb << 20);
  a.fill(1);
  const t1 = performance.now();
  a.fill(2);
  return { fresh: t1 - t0, again: performance.now() - t1 };
}

async function child(n: number): Promise<number> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `--v8-flags=${V8_FLAGS}`,
      new URL(import.meta.url).pathname,
      "--one",
      `${n}`,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error("scaling: a child run failed");
  return Number(new TextDecoder().decode(out.stdout).trim());
}

if (import.meta.main) {
  const arg = (name: string, fallback: number) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
  };
  if (Deno.args.includes("--one")) {
    console.log(await analysePerArticle(arg("--one", 2000)));
  } else {
    const n = arg("--articles", 3000);
    const runs = arg("--runs", 2);
    let one = Infinity;
    let two = [Infinity, Infinity];
    for (let r = 0; r < runs; r++) {
      one = Math.min(one, await child(n));
      const pair = await Promise.all([child(n), child(n)]);
      if (Math.max(...pair) < Math.max(...two)) two = pair;
    }
    // Throughput: articles per ms of one process alone, and of two at once.
    const gain = (1 / two[0] + 1 / two[1]) / (1 / one);
    const mem = [1, 2, 3].map(() => freshMemoryMs(256));
    const fresh = Math.min(...mem.map((m) => m.fresh));
    const again = Math.min(...mem.map((m) => m.again));
    console.log(`analysis of ${n} generated articles (best of ${runs}):`);
    console.log(`  one process alone:   ${one.toFixed(3)} ms per article`);
    console.log(
      `  two processes at once: ${two.map((x) => x.toFixed(3)).join(" and ")} ms per article`,
    );
    console.log(`  throughput of two against one: ${gain.toFixed(2)}×`);
    console.log(
      `fresh memory: 256 MB written in ${fresh.toFixed(0)} ms when new, ${
        again.toFixed(0)
      } ms again (${((fresh - again) / 256 * 100).toFixed(0)} ms per 100 MB of page faults)`,
    );
  }
}
