/**
 * Imported just after Vega (see `render.ts` and `quiet_begin.ts`): restores Node's deprecation
 * warnings to what they were before Vega loaded.
 *
 * @module
 */
import nodeProcess from "node:process";

const process = nodeProcess as unknown as { noDeprecation?: boolean };
const state = globalThis as { __framingLabNoDeprecation?: boolean };
process.noDeprecation = state.__framingLabNoDeprecation ?? false;
delete state.__framingLabNoDeprecation;
