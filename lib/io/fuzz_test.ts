import { assert, assertEquals } from "../testing.ts";
import { FUZZ_KINDS, type FuzzKind, type FuzzOutcome } from "./fuzz_cases.ts";

const SEED = 20240619;
const CASES_PER_KIND = 240; // 5 kinds: 1,200 cases
/** A case that runs longer than this is a hang (the matcher backtracking), and fails the test. */
const DEADLINE_MS = 15_000;

/** A worker running fuzz cases, so that a hanging case can be stopped. */
function startWorker(): Worker {
  const src = `import { runFuzzCase } from ${
    JSON.stringify(new URL("./fuzz_cases.ts", import.meta.url).href)
  };
self.onmessage = async (e) => {
  const { kind, index, seed, tmp } = e.data;
  self.postMessage(await runFuzzCase(kind, index, seed, tmp));
};`;
  const url = URL.createObjectURL(new Blob([src], { type: "application/javascript" }));
  return new Worker(url, { type: "module" });
}

function runCase(
  worker: Worker,
  msg: { kind: FuzzKind; index: number; seed: number; tmp: string },
  ms: number,
): Promise<FuzzOutcome | "timeout"> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve("timeout"), ms);
    worker.onmessage = (e: MessageEvent<FuzzOutcome>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      e.preventDefault();
      reject(new Error(`worker crashed on ${msg.kind} case ${msg.index}: ${e.message}`));
    };
    worker.postMessage(msg);
  });
}

Deno.test("fuzz: 1,200 generated manifests, articles, lexicons, rules and corpus CSVs end in results or a named error", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "fuzz_" });
  let worker = startWorker();
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  try {
    // The first case also loads the modules (polars): give it longer.
    let first = true;
    for (let index = 0; index < CASES_PER_KIND; index++) {
      for (const kind of FUZZ_KINDS) {
        const out = await runCase(
          worker,
          { kind, index, seed: SEED, tmp },
          first ? 120_000 : DEADLINE_MS,
        );
        first = false;
        if (out === "timeout") {
          failures.push(
            `${kind} case ${index} (seed ${SEED}) did not end within ${DEADLINE_MS} ms`,
          );
          worker.terminate();
          worker = startWorker();
          first = true;
          continue;
        }
        counts[`${kind}: ${out.ended}`] = (counts[`${kind}: ${out.ended}`] ?? 0) + 1;
        if (out.ended === "failure") {
          failures.push(`${kind} case ${index} (seed ${SEED}): ${out.message}`);
        }
      }
    }
  } finally {
    worker.terminate();
    await Deno.remove(tmp, { recursive: true });
  }
  assertEquals(failures.slice(0, 5), []);
  // Both endings occur for every kind (the generator reaches the loaders' errors and their results).
  for (const kind of FUZZ_KINDS) {
    assert(
      (counts[`${kind}: results`] ?? 0) > 0,
      `no ${kind} case gave results: ${JSON.stringify(counts)}`,
    );
    if (kind !== "article") {
      assert(
        (counts[`${kind}: named error`] ?? 0) > 0,
        `no ${kind} case was refused: ${JSON.stringify(counts)}`,
      );
    }
  }
  console.log(counts);
});
