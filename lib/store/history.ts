/**
 * The store's record of reports: each report's date, the fingerprint of what it was made from
 * (articles, data files, notebooks, code) and its headline measures per outlet, so that the next
 * report can say what changed, and skip the work when nothing did.
 *
 * @module
 */
import type { HeadlineRow } from "../measures/headline.ts";
import { atomicWriteText } from "./files.ts";

/** One report as the store remembers it. */
export interface ReportRecord {
  /** ISO date and time of the report. */
  date: string;
  /** sha256 of everything the report was made from. */
  fingerprint: string;
  /** Articles per outlet and the headline measures. */
  measures: HeadlineRow[];
  /** The report's folder (reports of other folders, such as the test's, are kept apart). */
  out?: string;
}

/** How many reports are kept. */
const KEEP = 50;

/**
 * The reports recorded in the store, oldest first (none when the store has no record, or an
 * unreadable one).
 *
 * @example
 * ```ts
 * (await readReports(".cache/store/data")).at(-1)?.date;
 * ```
 */
export async function readReports(storeDir: string): Promise<ReportRecord[]> {
  try {
    const list = JSON.parse(await Deno.readTextFile(`${storeDir}/reports.json`));
    return Array.isArray(list) ? list as ReportRecord[] : [];
  } catch {
    return [];
  }
}

/**
 * Adds a report to the store's record (atomically; the last 50 are kept).
 *
 * @example
 * ```ts
 * await recordReport(".cache/store/data", { date, fingerprint, measures });
 * ```
 */
export async function recordReport(storeDir: string, record: ReportRecord): Promise<void> {
  const list = [...await readReports(storeDir), record].slice(-KEEP);
  await Deno.mkdir(storeDir, { recursive: true });
  await atomicWriteText(`${storeDir}/reports.json`, JSON.stringify(list));
}
