import { hasName, type SourceClaim, SourceResolver } from "./sources.ts";
import { TextIndex } from "./text_index.ts";
import { loadGazetteer } from "../resources/gazetteer.ts";
import { assertEquals } from "../testing.ts";

const gaz = await loadGazetteer();
const claim = (s: number, e: number, srcKind: "pronoun" | "phrase"): SourceClaim => ({
  src: [s, e],
  srcKind,
  desc: null,
  inherit: null,
  res: null,
});
const resolverFor = (text: string) => new SourceResolver(new TextIndex(text, gaz), () => []);

Deno.test("SourceResolver: a pronoun resolves to the nearest earlier person", () => {
  const text = "Vladimir Putin arrived. He said it was a great day.";
  const res = resolverFor(text).resolve(claim(24, 26, "pronoun"));
  assertEquals([res.id, res.type, res.resolved], ["putin", "official", true]);
  // "She" finds no woman before it: unresolved, never guessed.
  const she = resolverFor("Vladimir Putin arrived. She said it was a great day.")
    .resolve(claim(24, 27, "pronoun"));
  assertEquals([she.id, she.resolved], [null, false]);
});

Deno.test("SourceResolver: an alias in the phrase, an anonymous head, an unknown name", () => {
  const text = "Kremlin leader Vladimir Putin, a source close to the Kremlin, Olena Petrenko.";
  const r = resolverFor(text);
  assertEquals(r.resolve(claim(0, 29, "phrase")).id, "putin");
  const anon = r.resolve(claim(31, 60, "phrase"));
  assertEquals([anon.id, anon.type, anon.name], [null, "unnamed", "a source close to the Kremlin"]);
  const unknown = r.resolve(claim(62, 76, "phrase"));
  assertEquals([unknown.id, unknown.name, unknown.entity], [null, "Olena Petrenko", "person"]);
});

Deno.test("SourceResolver: a continuation takes the resolution of the one it inherits", () => {
  const text = "Vladimir Putin spoke.";
  const r = resolverFor(text);
  const first = claim(0, 14, "phrase");
  const next: SourceClaim = { src: null, srcKind: null, desc: null, inherit: first, res: null };
  assertEquals(r.resolve(next).id, "putin");
});

Deno.test("hasName: a capitalised word other than a country word or determiner", () => {
  assertEquals(hasName(gaz, "Oleksandr Kovalenko"), true);
  assertEquals(hasName(gaz, "US and South Korean officials"), false);
  assertEquals(hasName(gaz, "The agency"), false);
});

Deno.test("SourceResolver.titledName: a hyphenated title word (ex-girlfriend) finds the name written after it", () => {
  const text = "Ex-girlfriend Maria Lopez spoke first. Later the ex-girlfriend said more.";
  const r = resolverFor(text);
  const res = r.titledName(text.indexOf("the ex-girlfriend"), "the ex-girlfriend");
  assertEquals(res?.name?.endsWith("Maria Lopez"), true);
  assertEquals(res?.entity, "person");
  assertEquals(r.titledName(text.indexOf("Later"), "the co-chair"), null);
});
