import { loadGazetteer } from "./lib/sources.ts";
import { extractAttributions } from "./lib/attributions.ts";
const gaz = await loadGazetteer();
for (const a of extractAttributions(Deno.args[0], gaz)) console.log(JSON.stringify(a));
