/**
 * How outlets are named and ordered on every page: one wording for an article whose outlet is
 * not given ("outlet not given (000)", never "unnamed (000)" in one place and "unknown" in
 * another), and one order (named outlets alphabetically, then those not given) shared by every
 * chart and table of a notebook.
 *
 * @module
 */
import { isOutletNamed } from "../io/manifest.ts";

/** The words shown for an article whose outlet is not given. */
export const OUTLET_NOT_GIVEN = "outlet not given";

/**
 * The outlet as shown on a page: a named outlet as is; "unnamed (000)", "unknown" or an empty
 * value as "outlet not given", keeping the article id in brackets when the manifest gave one.
 *
 * @example
 * ```ts
 * outletLabel("RBC-Ukraine"); // "RBC-Ukraine"
 * outletLabel("unnamed (000)"); // "outlet not given (000)"
 * outletLabel("unknown"); // "outlet not given"
 * ```
 */
export function outletLabel(outlet: string | null | undefined): string {
  const o = (outlet ?? "").trim();
  if (isOutletNamed(o)) return o;
  const id = o.match(/\(([^()]+)\)\s*$/);
  return id ? `${OUTLET_NOT_GIVEN} (${id[1]})` : OUTLET_NOT_GIVEN;
}

/**
 * Compares two outlets for display: named outlets first, alphabetically (case and accents
 * ignored), then outlets not given, by their label.
 *
 * @example
 * ```ts
 * ["unnamed (001)", "ViewUS Global", "RBC-Ukraine"].sort(compareOutlets);
 * // ["RBC-Ukraine", "ViewUS Global", "unnamed (001)"]
 * ```
 */
export function compareOutlets(a: string, b: string): number {
  const na = isOutletNamed(a);
  const nb = isOutletNamed(b);
  if (na !== nb) return na ? -1 : 1;
  const la = outletLabel(a);
  const lb = outletLabel(b);
  return la.localeCompare(lb, "en", { sensitivity: "base", numeric: true }) ||
    (la < lb ? -1 : la > lb ? 1 : 0);
}

/**
 * The distinct outlets of `outlets` in display order ({@linkcode compareOutlets}): the order of
 * every chart and table of a notebook. Pass the outlet column of the articles table so that
 * outlets with nothing to show still get their row.
 *
 * @example
 * ```ts
 * outletOrder(corpus.articles.getColumn("outlet").toArray());
 * outletOrder(["B", "unnamed (2)", "A", "B"]); // ["A", "B", "unnamed (2)"]
 * ```
 */
export function outletOrder(outlets: Iterable<unknown>): string[] {
  const set = new Set<string>();
  for (const o of outlets) set.add(o === null || o === undefined ? "" : String(o));
  return [...set].sort(compareOutlets);
}

/**
 * How many outlets are named and how many articles have no outlet, in words, the same in every
 * notebook: "2 named outlets and 3 articles whose outlet is not given".
 *
 * @example
 * ```ts
 * outletCountWords(["RBC", "unnamed (1)", "unnamed (2)"]);
 * // "1 named outlet and 2 articles whose outlet is not given"
 * ```
 */
export function outletCountWords(articleOutlets: Iterable<unknown>): string {
  let notGiven = 0;
  const named = new Set<string>();
  for (const o of articleOutlets) {
    const s = o === null || o === undefined ? "" : String(o);
    if (isOutletNamed(s)) named.add(s);
    else notGiven++;
  }
  const n = named.size;
  const head = `${n} named outlet${n === 1 ? "" : "s"}`;
  if (notGiven === 0) return head;
  return `${head} and ${notGiven} article${notGiven === 1 ? "" : "s"} whose outlet is not given`;
}
