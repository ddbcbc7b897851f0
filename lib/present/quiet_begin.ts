/**
 * Imported just before Vega (see `render.ts`): turns Node deprecation warnings off while Vega
 * loads. Vega's Node build loads node-fetch, whose URL parser (tr46) requires Node's deprecated
 * `punycode` module, and Deno then prints "[DEP0040] DeprecationWarning: The `punycode` module is
 * deprecated" in every process that draws a chart. `quiet_end.ts` restores the setting, so
 * deprecation warnings of anything loaded later still show.
 *
 * @module
 */
import nodeProcess from "node:process";

const process = nodeProcess as unknown as { noDeprecation?: boolean };
const state = globalThis as { __framingLabNoDeprecation?: boolean };
state.__framingLabNoDeprecation = process.noDeprecation;
process.noDeprecation = true;
