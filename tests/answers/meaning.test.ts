import { describe, expect, it } from "vitest";
import { decodeWordVectors, encodeWordVectors, WordVectors } from "../../src/answers/meaning.js";

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

describe("the word vectors file", () => {
  const data = { dimensions: 2, words: "alliance bloc", scales: Float32Array.from([0.5, 0.25]), vectors: Int8Array.from([1, -2, 3, 4]) };

  it("reads back what it writes", () => {
    const read = decodeWordVectors(encodeWordVectors(data));
    expect(read.words).toBe("alliance bloc");
    expect([...read.scales]).toEqual([0.5, 0.25]);
    expect([...read.vectors]).toEqual([1, -2, 3, 4]);
    expect([...new WordVectors(read).meaning("bloc")!].map((value) => value.toFixed(3))).toEqual(["0.600", "0.800"]);
  });

  it("refuses a file cut short", () => {
    expect(() => decodeWordVectors(encodeWordVectors(data).subarray(0, 12))).toThrow(/cut short/);
  });
});
