import { assert, assertEquals } from "../lib/testing.ts";
import { ensureProjectDeno, writeKernelspec } from "./setup.ts";

Deno.test("the project kernelspec points at the given deno, and rewrites a stale one", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.mkdir(`${dir}/kernels/deno`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/kernels/deno/kernel.json`,
    JSON.stringify({
      argv: ["/gone/npx-cache/deno", "jupyter"],
      display_name: "Deno",
      language: "typescript",
    }),
  );
  await writeKernelspec(dir, "/project/.cache/deno/bin/deno");
  const spec = JSON.parse(await Deno.readTextFile(`${dir}/kernels/deno/kernel.json`));
  assertEquals(spec.argv, [
    "/project/.cache/deno/bin/deno",
    "jupyter",
    "--kernel",
    "--conn",
    "{connection_file}",
  ]);
  assertEquals(spec.display_name, "Deno");
  assertEquals(spec.env, { DENO_V8_FLAGS: "--expose-gc" }); // gc for releaseMemory
  const names = [];
  for await (const e of Deno.readDir(`${dir}/kernels/deno`)) names.push(e.name);
  assertEquals(names, ["kernel.json"]); // no temp file left behind
  await Deno.remove(dir, { recursive: true });
});

Deno.test("ensureProjectDeno keeps its own deno, survives the source going away, follows a new one", async () => {
  const dir = await Deno.makeTempDir();
  const npx = `${dir}/npx-cache/deno`;
  await Deno.mkdir(`${dir}/npx-cache`);
  await Deno.writeTextFile(npx, "deno 2.9.6");
  const own = `${dir}/project/.cache/deno/bin/deno`;
  assertEquals(await ensureProjectDeno(npx, own), own);
  assertEquals(await Deno.readTextFile(own), "deno 2.9.6");
  assertEquals(await ensureProjectDeno(npx, own), own); // nothing to do the second time
  // npm prunes its cache: the project's deno is still there.
  await Deno.remove(`${dir}/npx-cache`, { recursive: true });
  assertEquals(await Deno.readTextFile(own), "deno 2.9.6");
  // Another deno runs the task: the project's copy follows it.
  const other = `${dir}/other-deno`;
  await Deno.writeTextFile(other, "deno 2.9.7 (a longer file)");
  await ensureProjectDeno(other, own);
  assertEquals(await Deno.readTextFile(own), "deno 2.9.7 (a longer file)");
  const left = [...Deno.readDirSync(`${dir}/project/.cache/deno/bin`)].map((e) => e.name);
  assertEquals(left, ["deno"]);
  assert((await Deno.stat(own)).isFile);
  await Deno.remove(dir, { recursive: true });
});
