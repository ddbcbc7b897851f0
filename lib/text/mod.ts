/**
 * Text: a string in, spans out. Cleaning (page debris → removed lines and metadata), paragraphs and sentences, quotes, word counts, code-point offsets, and the one safe pattern language.
 *
 * @example
 * ```ts
 * import { findQuotes } from "./mod.ts";
 * findQuotes("He said “no”.").quotes.length; // 1
 * ```
 *
 * @module
 */
export * from "./clean.ts";
export * from "./codepoints.ts";
export * from "./memo.ts";
export * from "./patterns.ts";
export * from "./quotes.ts";
export * from "./safe_regex.ts";
export * from "./search.ts";
export * from "./segment.ts";
export * from "./templates.ts";
export * from "./words.ts";
