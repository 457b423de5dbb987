import { describe, expect, it } from "vitest";
import { foldText } from "../../src/text/normalize.js";

describe("foldText", () => {
  it("folds every ASCII character as the Unicode rules do: letters and digits kept in lower case, the rest a word break", () => {
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      const expected = /[A-Za-z0-9]/.test(char) ? `x${char.toLowerCase()}y` : "x y";
      expect(foldText(`X${char}Y`)).toBe(expected);
    }
  });

  it("still removes diacritics and folds ё once a word is not plain ASCII", () => {
    expect(foldText("Kazakhstán, Ёлка!")).toBe("kazakhstan елка");
  });
});
