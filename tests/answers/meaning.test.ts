import { describe, expect, it } from "vitest";
import { WordVectors } from "../../src/answers/meaning.js";

const vectors = WordVectors.load();
const closeness = (a: string, b: string) => {
  const [first, second] = [vectors.meaning(a)!, vectors.meaning(b)!];
  return first.reduce((sum, value, d) => sum + value * second[d]!, 0);
};

describe("the meaning of a question", () => {
  it("is close for questions worded apart that ask the same", () => {
    const asked = "how did the alliance react to the ethnic bloodshed in the south of kyrgyzstan";
    expect(closeness(asked, "what did the csto do about the violent clashes between uzbeks and kyrgyz")).toBeGreaterThan(0.6);
    expect(closeness(asked, "who is the secretary general now")).toBeLessThan(0.3);
  });

  it("is a unit vector", () => {
    const meaning = vectors.meaning("which capital pays half the bill")!;
    expect(Math.hypot(...meaning)).toBeCloseTo(1, 5);
  });

  it("is unknown for text with no English word the vectors hold", () => {
    expect(vectors.meaning("кто в ОДКБ")).toBeUndefined();
    expect(vectors.meaning("")).toBeUndefined();
  });
});
