import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeEntry } from "../../src/knowledge/model.js";
import { CURATED_SCOPE, type CuratedIndexData } from "../../src/search/engine.js";
import { routeQuery } from "../../src/search/routing.js";
import { distractors } from "../../bench/corpus.js";

function serverFact(id: string, text: string, guildId: string): KnowledgeEntry {
  const source = { id: "lecture", title: "Week 3 lecture notes", author: "the moderators", publisher: "example.org", date: "2026", url: "https://example.org/week3" };
  return {
    id,
    kind: "server-fact",
    title: text,
    text,
    questions: [],
    keywords: [],
    aliases: [],
    tags: [],
    sources: [source],
    quotes: [{ text, source }],
    related: [],
    origin: { type: "guild", guildId, revision: 1 },
  };
}

describe("search engine", () => {
  it("finds a fact as soon as it is added, only in its own server, and forgets it when removed", () => {
    const { engine, answers } = createKnowledgeBase();
    engine.upsert(serverFact("server-1", "The Dushanbe seminar on zoroastrian fortifications meets on Fridays", "guild-a"), "guild-a");
    expect(answers.ask("zoroastrian fortifications seminar", "guild-a").answer?.id).toBe("server-1");
    expect(answers.ask("zoroastrian fortifications seminar", "guild-b").answered).toBe(false);
    engine.remove("server-1", "guild-a");
    expect(answers.ask("zoroastrian fortifications seminar", "guild-a").answered).toBe(false);
  });

  it("replaces an edited fact rather than keeping both versions", () => {
    const { engine } = createKnowledgeBase();
    engine.upsert(serverFact("server-2", "The reading group studies quince diplomacy", "guild-a"), "guild-a");
    engine.upsert(serverFact("server-2", "The reading group studies walnut diplomacy", "guild-a"), "guild-a");
    const ids = engine.search("quince", { scope: "guild-a" }).hits.map((hit) => hit.entry.id);
    expect(ids).not.toContain("server-2");
    expect(engine.search("walnut diplomacy", { scope: "guild-a" }).hits[0]?.entry.id).toBe("server-2");
  });

  it("completes a partly typed word in autocomplete, titles first, at most 25", () => {
    const { engine } = createKnowledgeBase();
    const entries = engine.autocomplete("operation kan");
    expect(entries[0]?.title).toMatch(/Kanal/);
    expect(engine.autocomplete("csto").length).toBeLessThanOrEqual(25);
    expect(engine.autocomplete("").length).toBe(25);
  });

  it("keeps a curated answer and its confidence when a server adds thousands of facts in the same words", () => {
    const { engine, answers } = createKnowledgeBase();
    const questions = [
      "when was the treaty signed",
      "how did the west respond to lukashenko's re-election in 2006",
      "why do critics call the csto a club of dictators",
      "how strong is the csto military compared with nato",
      "what did nikitina say about returning fighters",
    ];
    const before = questions.map((question) => answers.ask(question, "guild-a"));
    for (const fact of distractors([...engine.entries()], 3_000)) engine.upsert(fact, "guild-a");
    const after = questions.map((question) => answers.ask(question, "guild-a"));
    // The military comparison has no confident answer: the server's facts must not make one of it either.
    expect(before.map((answer) => answer.outcome)).toEqual(["answered", "answered", "answered", "unsure", "answered"]);
    after.forEach((answer, i) => {
      expect(answer.outcome).toBe(before[i]!.outcome);
      if (before[i]!.outcome !== "answered") return;
      expect(answer.answer?.id).toBe(before[i]!.answer!.id);
      // The confidence weighs how far the answer leads the other candidates, and the server's facts
      // (random strings of the knowledge's own words here) join them.
      expect(Math.abs(answer.confidence - before[i]!.confidence)).toBeLessThanOrEqual(0.1);
    });
  });

  it("tolerates a typo in a rare name", () => {
    const { answers } = createKnowledgeBase();
    expect(answers.ask("who is bordjuzha", "curated", 0).answer?.text).toMatch(/Bordyuzha/);
  });
});

describe("the curated index as data", () => {
  it("rebuilds an engine that searches, completes, takes server facts and forgets entries as the one it describes", () => {
    const original = createKnowledgeBase();
    const data = JSON.parse(JSON.stringify(original.engine.curatedData())) as CuratedIndexData;
    const rebuilt = createKnowledgeBase(original.knowledge, undefined, { curatedIndex: data, askedQuestions: original.answers.askedQuestions() });
    const forgotten = original.knowledge.entries.find((entry) => entry.kind === "qa")!;
    for (const { engine } of [original, rebuilt]) {
      engine.upsert(serverFact("server-3", "The Dushanbe seminar on zoroastrian fortifications meets on Fridays", "guild-a"), "guild-a");
      engine.remove(forgotten.id, CURATED_SCOPE);
    }
    for (const [query, scope] of [["zoroastrian fortifications seminar", "guild-a"], ["when was the treaty signed", undefined], ["armneia kazakstan uzbekistna tajikstan", undefined], [forgotten.title, undefined]]) {
      expect(rebuilt.engine.search(query!, { scope }), query).toEqual(original.engine.search(query!, { scope }));
    }
    for (const typed of ["colle", "uzbe", "zoroas"]) expect(rebuilt.engine.autocomplete(typed, { scope: "guild-a" }), typed).toEqual(original.engine.autocomplete(typed, { scope: "guild-a" }));
    // Numbered as they were added, server facts and removals included: no longer a plain description of the curated entries.
    expect(() => original.engine.curatedData()).toThrow();
  });
});

describe("a server's facts in its country records", () => {
  it("links the server's own fact about a country from that country's record, only in that server", async () => {
    const { CstoCommands } = await import("../../src/bot/csto-commands.js");
    const kb = createKnowledgeBase();
    kb.engine.upsert(serverFact("server-3", "Armenia week: the seminar compares Armenia's freeze with Uzbekistan's 2012 exit", "guild-a"), "guild-a");
    const commands = new CstoCommands(kb);
    const buttonIds = (guildId: string) => commands.member({ userId: "u", guildId }, "armenia").components.flat().map((button) => button.customId);
    expect(buttonIds("guild-a")).toContain("csto:show:server-3");
    expect(buttonIds("guild-b")).not.toContain("csto:show:server-3");
  });
});

describe("routing of terse queries", () => {
  const { engine } = createKnowledgeBase();
  const route = (query: string) => routeQuery(query, engine, "curated");

  it.each([
    ["member armenia", "country-armenia"],
    ["member Kirghizia", "country-kyrgyzstan"],
    ["belorussia membership", "country-belarus"],
    ["член Армения", "country-armenia"],
    ["member tadzhikistan", "country-tajikistan"],
  ])("sends %j straight to %s", (query, id) => {
    const routed = route(query);
    expect(routed.type === "entry" && routed.entry.id).toBe(id);
  });

  it("says a state the sources never mention is unknown, with suggestions", () => {
    const routed = route("member moldova");
    expect(routed.type).toBe("unknown-country");
    expect(routed.type === "unknown-country" && routed.suggestions.length).toBeGreaterThan(0);
  });

  it("leaves 'member states' to the search", () => {
    expect(route("member states").type).toBe("search");
  });
});
