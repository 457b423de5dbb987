import { describe, expect, it } from "vitest";
import { sameStatement } from "../../src/facts/duplicates.js";

describe("a suggestion that repeats a fact", () => {
  const fact = "Armenia froze its participation in the CSTO in February 2024.";

  it("is the same statement whatever its case, punctuation or a word added", () => {
    expect(sameStatement(fact, "armenia froze its participation in the CSTO in February, 2024")).toBe(true);
    expect(sameStatement(fact, "Armenia froze its CSTO participation in the CSTO in February 2024!")).toBe(true);
  });

  it("is not a statement that says something else about the same things", () => {
    expect(sameStatement(fact, "Armenia asked the CSTO for help in September 2022.")).toBe(false);
    expect(sameStatement(fact, "Kazakhstan froze nothing.")).toBe(false);
    expect(sameStatement(fact, "")).toBe(false);
  });
});
