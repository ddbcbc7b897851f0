import { assertEquals } from "../testing.ts";
import { releaseMemory } from "./memory.ts";

Deno.test("releaseMemory: nothing without gc; with it, collects again only after the resident set grew", () => {
  const g = globalThis as { gc?: () => void };
  const saved = g.gc;
  try {
    delete g.gc;
    assertEquals(releaseMemory(0), false); // run without --expose-gc: does nothing
    let calls = 0;
    g.gc = () => void calls++;
    assertEquals(releaseMemory(1e15), true); // the first call collects
    assertEquals(calls, 1);
    assertEquals(releaseMemory(1e15), false); // grew by less than the threshold since
    assertEquals(releaseMemory(1e15), false);
    assertEquals(calls, 1);
    const ballast = new Uint8Array(8 * 1024 * 1024).fill(1); // resident: written to
    assertEquals(releaseMemory(1024 * 1024), true); // grew by more than 1 MB
    assertEquals(calls, 2);
    assertEquals(ballast[0], 1);
  } finally {
    if (saved) g.gc = saved;
    else delete g.gc;
  }
});
