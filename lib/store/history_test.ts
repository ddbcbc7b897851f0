import { assertEquals, withTempDir } from "../testing.ts";
import { readReports, recordReport } from "./history.ts";

Deno.test("recordReport keeps the reports in order (the last 50); an unreadable record reads as none", async () => {
  await withTempDir(async (dir) => {
    assertEquals(await readReports(dir), []);
    for (let i = 0; i < 52; i++) {
      await recordReport(dir, { date: `d${i}`, fingerprint: `f${i}`, measures: [] });
    }
    const list = await readReports(dir);
    assertEquals([list.length, list[0].date, list.at(-1)!.date], [50, "d2", "d51"]);
    await Deno.writeTextFile(`${dir}/reports.json`, "{ broken");
    assertEquals(await readReports(dir), []);
  });
});
