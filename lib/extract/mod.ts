/**
 * Extraction: one text and the resources in, findings out: attributions (source, cue, content), framing hits with voice and speaker, actor mentions with their labels.
 *
 * @example
 * ```ts
 * import { framingHits } from "./mod.ts";
 * framingHits("The dictator spoke.", lexicon).length;
 * ```
 *
 * @module
 */
export * from "./actors.ts";
export * from "./attributions.ts";
export * from "./framing.ts";
export * from "./noun_phrases.ts";
export * from "./voice.ts";
