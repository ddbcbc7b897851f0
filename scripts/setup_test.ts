import { assertEquals } from "../lib/testing.ts";
import { writeKernelspec } from "./setup.ts";

Deno.test("the project kernelspec points at the deno that is running, and rewrites a stale one", async () => {
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
  await writeKernelspec(dir);
  const spec = JSON.parse(await Deno.readTextFile(`${dir}/kernels/deno/kernel.json`));
  assertEquals(spec.argv, [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"]);
  assertEquals(spec.display_name, "Deno");
  const names = [];
  for await (const e of Deno.readDir(`${dir}/kernels/deno`)) names.push(e.name);
  assertEquals(names, ["kernel.json"]); // no temp file left behind
  await Deno.remove(dir, { recursive: true });
});
