import { assert, assertEquals, assertMatch, assertRejects, withTempDir } from "../testing.ts";
import {
  abandonOutput,
  OUTPUT_MARKER,
  OutputError,
  publishOutput,
  stageOutput,
} from "./publish.ts";

function names(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

async function writeRun(out: string, text: string, overwrite = false) {
  const staged = await stageOutput(out, { overwrite });
  await Deno.mkdir(`${staged.staging}/hits`);
  await Deno.writeTextFile(`${staged.staging}/hits/part.txt`, text);
  await Deno.writeTextFile(`${staged.staging}/run.json`, "{}");
  return await publishOutput(staged);
}

Deno.test("stageOutput refuses an output folder that holds the corpus, even with overwrite", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/corpus.csv`, "id,outlet,published,text\n");
    await Deno.writeTextFile(`${dir}/notes.txt`, "mine");
    const e = await assertRejects(
      () => stageOutput(dir, { overwrite: true, inputs: [`${dir}/corpus.csv`] }),
      /the output folder contains the input .*corpus\.csv — choose an output folder that does not hold the corpus/,
    );
    assert(e instanceof OutputError);
    // Also through a relative path with ./ and .. in it.
    await Deno.mkdir(`${dir}/sub`);
    await assertRejects(
      () => stageOutput(`${dir}/sub/..`, { overwrite: true, inputs: [`${dir}/./corpus.csv`] }),
      /contains the input/,
    );
    assertEquals(names(dir), ["corpus.csv", "notes.txt", "sub"]);
  });
});

Deno.test("stageOutput with overwrite refuses a folder without the marker or with foreign files", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/out`);
    await Deno.writeTextFile(`${dir}/out/thesis.docx`, "years of work");
    await assertRejects(
      () => stageOutput(`${dir}/out`, { overwrite: true }),
      /out: the folder was not written by the pipeline \(it has no \.framing-lab-output file\), so --overwrite will not replace it/,
    );
    assertEquals(await Deno.readTextFile(`${dir}/out/thesis.docx`), "years of work");

    await writeRun(`${dir}/out2`, "run 1");
    await Deno.writeTextFile(`${dir}/out2/my_notes.md`, "keep");
    await assertRejects(
      () => stageOutput(`${dir}/out2`, { overwrite: true }),
      /out2: holds 1 file\(s\) the pipeline did not write \(my_notes\.md\), so --overwrite will not replace it — move them out/,
    );
    assertEquals(await Deno.readTextFile(`${dir}/out2/my_notes.md`), "keep");
    // Nothing was left beside the folders: no staging folder after a refusal.
    assertEquals(names(dir), ["out", "out2"]);
  });
});

Deno.test("publishOutput swaps in a complete run and deletes only what the marker lists", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out`;
    assertEquals(await writeRun(out, "run 1"), []);
    assertEquals(names(out), [OUTPUT_MARKER, "hits", "run.json"]);
    assertEquals(JSON.parse(await Deno.readTextFile(`${out}/${OUTPUT_MARKER}`)).entries, [
      "hits",
      "run.json",
    ]);
    await assertRejects(() => writeRun(out, "run 2"), /not empty; choose an empty folder/);
    assertEquals(await writeRun(out, "run 2", true), []);
    assertEquals(await Deno.readTextFile(`${out}/hits/part.txt`), "run 2");
    assertEquals(names(dir), ["out"]);
  });
});

Deno.test("abandonOutput leaves the previous output intact and says nothing was published", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/out`;
    await writeRun(out, "good run");
    const staged = await stageOutput(out, { overwrite: true });
    await Deno.writeTextFile(`${staged.staging}/run.json`, "partial");
    const e = await abandonOutput(staged, new Error("No space left on device (os error 28)"));
    assertMatch(
      e.message,
      /out: the output is incomplete and was not published \(No space left on device/,
    );
    assertEquals(await Deno.readTextFile(`${out}/hits/part.txt`), "good run");
    assertEquals(names(dir), ["out"]);
  });
});

Deno.test("stageOutput clears staging folders of killed runs (dead pid, with marker) only", async () => {
  await withTempDir(async (dir) => {
    // A pid far above pid_max is never running.
    const dead = `${dir}/.out.staging-99999999-abcdef12`;
    await Deno.mkdir(dead);
    await Deno.writeTextFile(`${dead}/${OUTPUT_MARKER}`, '{"entries":[]}');
    const foreign = `${dir}/.out.staging-99999998-abcdef12`; // no marker: not ours
    await Deno.mkdir(foreign);
    const live = `${dir}/.out.staging-${Deno.pid}-abcdef12`;
    await Deno.mkdir(live);
    await Deno.writeTextFile(`${live}/${OUTPUT_MARKER}`, '{"entries":[]}');
    const staged = await stageOutput(`${dir}/out`);
    const left = names(dir);
    assert(!left.includes(".out.staging-99999999-abcdef12"), left.join(" "));
    assert(left.includes(".out.staging-99999998-abcdef12"));
    assert(left.includes(`.out.staging-${Deno.pid}-abcdef12`));
    await Deno.remove(staged.staging, { recursive: true });
  });
});
