import { assert, assertEquals, assertThrows } from "../testing.ts";
import { bodyKey, CopyIndex } from "./copies.ts";
import { SAME_EVENT, WIRE, WIRE_EDITED } from "../testdata/ingest/texts.ts";

Deno.test("CopyIndex.find: exact copy by body (white space aside), near copy, or nothing", async () => {
  const index = new CopyIndex();
  await index.add("001", WIRE);
  await index.add("002", SAME_EVENT);
  assertEquals(await index.find(WIRE.replace(/ /g, "\n\n")), { kind: "exact", id: "001" });
  const near = await index.find(WIRE_EDITED);
  assertEquals(near?.kind === "near" && near.id, "001");
  assertEquals(await index.find("A short unrelated note about the weather in the hills."), null);
  // The article itself can be left out.
  assertEquals(await index.find(WIRE, 0.5, "001"), null);
  assertEquals(await bodyKey("a \n b"), await bodyKey("a b"));
});

Deno.test("CopyIndex.links: each article to an earlier copy; JSON round trip keeps it", async () => {
  const index = new CopyIndex();
  await index.add("001", WIRE);
  await index.add("002", SAME_EVENT);
  await index.add("003", WIRE_EDITED);
  const links = index.links();
  assertEquals([...links.keys()], ["003"]);
  assertEquals(links.get("003")!.copy_of, "001");
  assert(links.get("003")!.similarity > 0.6);
  const back = CopyIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
  assertEquals(back.size, 3);
  assertEquals([...back.links()], [...links]);
  assertEquals(await back.find(WIRE), { kind: "exact", id: "001" });
  assertThrows(() => CopyIndex.fromJSON({} as never), /not a serialised CopyIndex/);
});
