import { describe, expect, it } from "vitest";
import { damerauLevenshtein } from "../../src/text/edit-distance.js";

/** The textbook full-matrix optimal-string-alignment distance, with no shortcuts, to check the fast one against. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const options = [d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)];
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) options.push(d[i - 2]![j - 2]! + 1);
      d[i]![j] = Math.min(...options);
    }
  }
  return d[a.length]![b.length]!;
}

/** Every word of up to `maxLength` letters over a small alphabet. */
function allWords(alphabet: string, maxLength: number): string[] {
  let words = [""];
  const all = [""];
  for (let length = 1; length <= maxLength; length++) {
    words = words.flatMap((word) => [...alphabet].map((letter) => word + letter));
    all.push(...words);
  }
  return all;
}

describe("edit distance", () => {
  it("counts a changed, added, dropped or swapped letter as one edit", () => {
    expect(damerauLevenshtein("bordyuzha", "bordjuzha")).toBe(1);
    expect(damerauLevenshtein("kazakhstan", "kazakstan")).toBe(1);
    expect(damerauLevenshtein("serbiya", "serbiyaa")).toBe(1);
    expect(damerauLevenshtein("armenai", "armenia")).toBe(1);
    expect(damerauLevenshtein("xarmenia", "armenia")).toBe(1);
    expect(damerauLevenshtein("raménia", "armenia")).toBe(2);
  });

  it("agrees with the full table on every pair of short words, with no limit and within one edit or none", () => {
    const words = allWords("abc", 4);
    for (const a of words) {
      for (const b of words) {
        const exact = referenceDistance(a, b);
        expect(damerauLevenshtein(a, b), `${a} / ${b}`).toBe(exact);
        for (const limit of [0, 1]) {
          const bounded = damerauLevenshtein(a, b, limit);
          // Within the limit the distance is exact; past it, only that it lies past it counts.
          if (exact <= limit) expect(bounded, `${a} / ${b} within ${limit}`).toBe(exact);
          else expect(bounded, `${a} / ${b} within ${limit}`).toBeGreaterThan(limit);
        }
      }
    }
  });
});
