/**
 * Publication dates as pages and exports write them, read to the manifest's YYYY-MM-DD.
 *
 * @module
 */
import { isIsoDate } from "../io/manifest.ts";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function month(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, "");
  return MONTHS[n] ?? MONTHS[n.slice(0, 3)] ?? undefined;
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${
    String(d).padStart(2, "0")
  }`;
  return isIsoDate(s) ? s : null;
}

/**
 * The calendar date (YYYY-MM-DD) of a published date as found in a page or export, or null when
 * it cannot be read. Accepted: ISO 8601 dates and date-times (the date as written, time zone not
 * applied), `2024/06/19`, `19.06.2024`, `19 June 2024`, `June 19, 2024`, `Wed, 19 Jun 2024
 * 10:00:00 GMT`, and Unix times in seconds or milliseconds (UTC). `06/19/2024`-style dates are
 * refused as ambiguous.
 *
 * @example
 * ```ts
 * isoDateOf("2024-06-19T23:10:00-04:00"); // "2024-06-19"
 * isoDateOf("June 19, 2024"); // "2024-06-19"
 * isoDateOf("last Tuesday"); // null
 * ```
 */
export function isoDateOf(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim();
  if (s === "") return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:$|[T\s])/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|[\s,])/.exec(s);
  if (m) return iso(+m[3], +m[2], +m[1]);
  m = /^(?:\p{L}+\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+\.?),?\s+(\d{4})\b/u.exec(s);
  if (m && month(m[2])) return iso(+m[3], month(m[2])!, +m[1]);
  m = /^(?:\p{L}+\.?,?\s+)?(\p{L}+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/u.exec(s);
  if (m && month(m[1])) return iso(+m[3], month(m[1])!, +m[2]);
  m = /^(\d{9,13})$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    const d = new Date(m[1].length >= 12 ? n : n * 1000);
    return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}
