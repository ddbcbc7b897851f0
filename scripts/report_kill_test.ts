import { assert, assertEquals } from "../lib/testing.ts";
import { clearStaleReports } from "./report.ts";
import { ROOT } from "./setup.ts";

const SLEEPER = (pidFile: string) =>
  JSON.stringify({
    cells: [{
      cell_type: "code",
      metadata: {},
      outputs: [],
      execution_count: null,
      source: `Deno.writeTextFileSync(${JSON.stringify(pidFile)}, String(Deno.pid));\n` +
        "await new Promise((r) => setTimeout(r, 120_000));",
    }],
    metadata: {
      kernelspec: { name: "deno", display_name: "Deno", language: "typescript" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  });

const alive = (pid: number) => {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return !/^\d+ \(.*\) Z /.test(stat); // a zombie has stopped
  } catch {
    return false;
  }
};

async function waitFor(what: string, ok: () => boolean, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `task report` on a notebook that sleeps; returns the process and the kernel's pid. */
async function startReport(dir: string) {
  await Deno.mkdir(`${dir}/nb`, { recursive: true });
  await Deno.writeTextFile(`${dir}/nb/01_sleep.ipynb`, SLEEPER(`${dir}/kernel.pid`));
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      `${ROOT}/scripts/report.ts`,
      "--out",
      `${dir}/out`,
      "--notebooks",
      `${dir}/nb`,
    ],
    cwd: ROOT,
    stdout: "null",
    stderr: "null",
    stdin: "null",
  }).spawn();
  await waitFor("the kernel to start", () => {
    try {
      return Deno.readTextFileSync(`${dir}/kernel.pid`).length > 0;
    } catch {
      return false;
    }
  }, 120);
  return { child, kernel: Number(Deno.readTextFileSync(`${dir}/kernel.pid`)) };
}

Deno.test("an interrupted report stops its kernel and removes its staging folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { child, kernel } = await startReport(dir);
    assert(alive(kernel));
    child.kill("SIGTERM");
    const status = await child.status;
    assertEquals(status.code, 143);
    await waitFor("the kernel to stop", () => !alive(kernel), 10);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["kernel.pid", "nb"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a killed report's kernel stops; the next run clears its staging folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { child, kernel } = await startReport(dir);
    child.kill("SIGKILL");
    await child.status;
    await waitFor("the kernel to stop after its report was killed", () => !alive(kernel), 15);
    const staging = `out.staging-${child.pid}`;
    assert([...Deno.readDirSync(dir)].some((e) => e.name === staging));
    // A staging folder of a running process is kept.
    await Deno.mkdir(`${dir}/out.staging-${Deno.pid}`);
    assertEquals(await clearStaleReports(`${dir}/out`), [`${dir}/${staging}`]);
    assertEquals([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "kernel.pid",
      "nb",
      `out.staging-${Deno.pid}`,
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
