import {
  compareOutlets,
  OUTLET_NOT_GIVEN,
  outletCountWords,
  outletLabel,
  outletOrder,
} from "./outlets.ts";
import { assertEquals } from "../testing.ts";

Deno.test("outletLabel: one wording for an outlet that is not given, keeping the article id", () => {
  assertEquals(outletLabel("RBC-Ukraine"), "RBC-Ukraine");
  assertEquals(outletLabel("unnamed (000)"), "outlet not given (000)");
  assertEquals(outletLabel("Unnamed"), OUTLET_NOT_GIVEN);
  assertEquals(outletLabel("unknown"), "outlet not given");
  assertEquals(outletLabel(""), "outlet not given");
  assertEquals(outletLabel(null), "outlet not given");
});

Deno.test("outletOrder: named outlets alphabetically (case and accents aside), then those not given", () => {
  assertEquals(
    outletOrder([
      "unnamed (010)",
      "ViewUS Global",
      "unnamed (002)",
      "bbc",
      "Élysée Post",
      "RBC-Ukraine",
      "bbc",
    ]),
    ["bbc", "Élysée Post", "RBC-Ukraine", "ViewUS Global", "unnamed (002)", "unnamed (010)"],
  );
  assertEquals(["unnamed (1)", "A"].sort(compareOutlets), ["A", "unnamed (1)"]);
});

Deno.test("outletCountWords: the same sentence in every notebook", () => {
  assertEquals(
    outletCountWords(["A", "B", "A", "unnamed (1)", "unknown", "unnamed (3)"]),
    "2 named outlets and 3 articles whose outlet is not given",
  );
  assertEquals(outletCountWords(["A"]), "1 named outlet");
  assertEquals(
    outletCountWords(["unnamed (1)"]),
    "0 named outlets and 1 article whose outlet is not given",
  );
});
