import { describe, expect, it } from "vitest";
import { EvidenceReader } from "../../src/answers/evidence.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeEntry } from "../../src/knowledge/model.js";

const { knowledge, tokenizer } = createKnowledgeBase();
const countries = knowledge.entries.flatMap((entry) => (entry.country ? [entry.country.name] : []));
const reader = new EvidenceReader(tokenizer, knowledge.namedThings, countries);
const passage = (text: string) => reader.of({ ...knowledge.entries[0]!, title: "", quotes: [], text, date: undefined } as KnowledgeEntry);

describe("the places a passage names", () => {
  it("finds names of several words, and countries, as whole words", () => {
    const { places, localities } = passage("Troops moved from South Ossetia to Armenia, then on to Central Asia.");
    expect([...places].sort()).toEqual(["armenia", "asia", "central asia", "south ossetia"]);
    expect([...localities].sort()).toEqual(["asia", "central asia", "south ossetia"]);
  });

  it("takes no adjective or part of a word for a place", () => {
    expect([...passage("Russian and Armenian officers met in a southern town near the Caspian-side port.").places]).toEqual(["caspian"]);
    expect([...passage("Ossetian and Asian delegates met.").places]).toEqual([]);
  });

  it("reads a name at the very start and the very end of a passage", () => {
    expect([...passage("Almaty hosted the talks, not Bishkek").places].sort()).toEqual(["almaty", "bishkek"]);
  });
});
