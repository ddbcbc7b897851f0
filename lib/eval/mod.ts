/**
 * Evaluation: predictions and gold annotations in, precision, recall and F1 out (brat standoff files, PolNeAR attributions).
 *
 * @example
 * ```ts
 * import { parseBratAttributions } from "./mod.ts";
 * ```
 *
 * @module
 */
export * from "./attributions.ts";
export * from "./brat.ts";
