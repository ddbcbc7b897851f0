/**
 * Evaluation: predictions and gold annotations in, precision, recall and F1 out (brat standoff files, PolNeAR attributions, speakers of quoted loaded words).
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
export * from "./speakers.ts";
