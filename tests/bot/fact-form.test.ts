import { describe, expect, it } from "vitest";
import { splitLinkAndDate } from "../../src/bot/fact-form.js";

describe("the link field of the fact form", () => {
  it("holds a link and, after a space or a comma and space, its source's publication date", () => {
    expect(splitLinkAndDate("https://example.org/notes")).toEqual({ url: "https://example.org/notes", date: "" });
    expect(splitLinkAndDate("  https://example.org/notes   2024-03 ")).toEqual({ url: "https://example.org/notes", date: "2024-03" });
    expect(splitLinkAndDate("https://example.org/notes, 2024")).toEqual({ url: "https://example.org/notes", date: "2024" });
    // A comma inside a link stays part of it.
    expect(splitLinkAndDate("https://example.org/a,b 2024-03-05")).toEqual({ url: "https://example.org/a,b", date: "2024-03-05" });
  });

  it("takes a date typed alone as the date, and what follows the link whole, for the date check to judge", () => {
    expect(splitLinkAndDate("2017")).toEqual({ url: "", date: "2017" });
    expect(splitLinkAndDate("https://example.org/notes 17 May 2023")).toEqual({ url: "https://example.org/notes", date: "17 May 2023" });
    expect(splitLinkAndDate("")).toEqual({ url: "", date: "" });
  });
});
