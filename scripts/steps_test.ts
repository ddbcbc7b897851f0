import { assertEquals } from "../lib/testing.ts";
import { denoTestCounts, failureReport, stripAnsi, V8_FLAGS } from "./steps.ts";

Deno.test("denoTestCounts reads passing and failing summaries, with steps and colours", () => {
  assertEquals(denoTestCounts("x\nok | 5 passed (3 steps) | 0 failed (1s)\n"), {
    passed: 5,
    failed: 0,
  });
  assertEquals(
    denoTestCounts(
      "\x1b[0m\x1b[31mFAILED\x1b[0m | 3 passed (2 steps) | 1 failed (1 step) \x1b[0m(1s)\n\nerror: Test failed\n",
    ),
    { passed: 3, failed: 1 },
  );
  assertEquals(denoTestCounts("error: Type checking failed.\n"), null);
});

Deno.test("failureReport starts at deno's ERRORS section", () => {
  const out =
    "a ... ok\nb ... FAILED\n\n ERRORS \n\nb => x.ts:1:6\nerror: boom\n\nFAILED | 1 passed | 1 failed\n";
  assertEquals(failureReport(out).split("\n")[0], " ERRORS ");
  assertEquals(failureReport("1\n2\n3\n", 2), "2\n3");
});

Deno.test("stripAnsi removes colour codes", () => {
  assertEquals(stripAnsi("\x1b[0m\x1b[32mDownload\x1b[0m x"), "Download x");
});

Deno.test("V8_FLAGS: the deno.json tasks that open the store run with them", () => {
  const config = JSON.parse(
    Deno.readTextFileSync(new URL("../deno.json", import.meta.url)),
  ) as { tasks: Record<string, string> };
  for (const task of ["hits", "attributions", "pipeline", "add"]) {
    assertEquals(
      config.tasks[task].includes(`deno run -A --v8-flags=${V8_FLAGS} scripts/${task}.ts`),
      true,
      `task ${task}: ${config.tasks[task]}`,
    );
  }
});
