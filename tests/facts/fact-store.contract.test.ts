/** The contract every FactStore keeps, run against SQLite and against a real PostgreSQL server. */
import { describe, expect, it } from "vitest";
import { UserFacingError } from "../../src/errors.js";
import { FactConflictError, FactNotFoundError, SuggestionNotFoundError } from "../../src/facts/fact-errors.js";
import type { FactInput } from "../../src/facts/fact-input.js";
import { BACKENDS } from "./backends.js";
import { FACT_WITH_LISTED_SOURCE, FACT_WITH_OWN_SOURCE, GUILD, MEMBER, MODERATOR, OTHER_GUILD, OTHER_MODERATOR } from "./helpers.js";

const EDITED: FactInput = { ...FACT_WITH_LISTED_SOURCE, statement: "The CSTO charter was signed in Chisinau in 2002." };

describe.each(BACKENDS)("a fact store on $name", (backend) => {
  const openStores = backend.useStores();
  const openStore = async () => (await openStores()).facts;

  describe.skipIf(!backend.available)("adding, editing, removing and restoring", () => {
    it("adds a fact at revision 1 with a server id, and records its creation", async () => {
      const store = await openStore();
      const fact = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      expect(fact).toEqual({
        ...FACT_WITH_LISTED_SOURCE,
        id: "server-1",
        guildId: GUILD,
        revision: 1,
        createdBy: MODERATOR,
        createdAt: "2025-01-01T00:00:00.000Z",
        updatedBy: MODERATOR,
        updatedAt: "2025-01-01T00:00:00.000Z",
        deletedAt: null,
        deletedBy: null,
        suggestedBy: null,
      });
      expect((await store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR)).id).toBe("server-2");
      expect(await store.history(GUILD, "server-1")).toEqual([
        {
          revision: 1,
          at: "2025-01-01T00:00:00.000Z",
          by: MODERATOR,
          action: "created",
          changes: [
            { field: "statement", before: null, after: FACT_WITH_LISTED_SOURCE.statement },
            { field: "question", before: null, after: FACT_WITH_LISTED_SOURCE.question },
            { field: "sourceId", before: null, after: "edm-2005" },
            { field: "quote", before: null, after: FACT_WITH_LISTED_SOURCE.quote },
          ],
        },
      ]);
    });

    it("stores the publication date of a moderator's own source, and records its change in the history", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
      const dated = await store.edit(GUILD, id, { ...FACT_WITH_OWN_SOURCE, sourceDate: "2024-02-22" }, 1, MODERATOR);
      expect(dated.sourceDate).toBe("2024-02-22");
      expect((await store.get(GUILD, id))?.sourceDate).toBe("2024-02-22");
      expect((await store.history(GUILD, id))[1]?.changes).toEqual([{ field: "sourceDate", before: null, after: "2024-02-22" }]);
      const suggestion = await store.suggest(GUILD, { ...FACT_WITH_OWN_SOURCE, sourceDate: "2023" }, MEMBER);
      expect(suggestion.sourceDate).toBe("2023");
      expect((await store.acceptSuggestion(GUILD, suggestion.id, MODERATOR)).sourceDate).toBe("2023");
    });

    it("edits a fact, recording only the fields that changed", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const edited = await store.edit(GUILD, id, FACT_WITH_OWN_SOURCE, 1, OTHER_MODERATOR);
      expect(edited).toMatchObject({ ...FACT_WITH_OWN_SOURCE, revision: 2, updatedBy: OTHER_MODERATOR });
      expect(edited.createdBy).toBe(MODERATOR);
      expect(edited.sourceId).toBeUndefined();
      expect((await store.history(GUILD, id))[1]).toEqual({
        revision: 2,
        at: edited.updatedAt,
        by: OTHER_MODERATOR,
        action: "edited",
        changes: [
          { field: "statement", before: FACT_WITH_LISTED_SOURCE.statement, after: FACT_WITH_OWN_SOURCE.statement },
          { field: "question", before: FACT_WITH_LISTED_SOURCE.question, after: null },
          { field: "sourceId", before: "edm-2005", after: null },
          { field: "sourceTitle", before: null, after: FACT_WITH_OWN_SOURCE.sourceTitle },
          { field: "sourceUrl", before: null, after: FACT_WITH_OWN_SOURCE.sourceUrl },
          { field: "quote", before: FACT_WITH_LISTED_SOURCE.quote, after: null },
        ],
      });
    });

    it("treats an edit that changes nothing as no new revision", async () => {
      const store = await openStore();
      const fact = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      expect(await store.edit(GUILD, fact.id, FACT_WITH_LISTED_SOURCE, 1, OTHER_MODERATOR)).toEqual(fact);
      expect(await store.history(GUILD, fact.id)).toHaveLength(1);
    });

    it("removes a fact softly: hidden from reads unless asked, kept with its history, then restored", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const removed = await store.remove(GUILD, id, OTHER_MODERATOR);
      expect(removed).toMatchObject({ revision: 2, deletedBy: OTHER_MODERATOR, deletedAt: removed.updatedAt });
      expect(await store.get(GUILD, id)).toBeUndefined();
      expect(await store.get(GUILD, id, { includeDeleted: true })).toEqual(removed);
      expect(await store.list(GUILD)).toEqual({ facts: [], total: 0 });
      expect((await store.list(GUILD, { includeDeleted: true })).total).toBe(1);
      expect(await store.liveFacts(GUILD)).toEqual([]);

      const restored = await store.restore(GUILD, id, MODERATOR);
      expect(restored).toMatchObject({ revision: 3, deletedAt: null, deletedBy: null, updatedBy: MODERATOR });
      expect(await store.get(GUILD, id)).toEqual(restored);
      expect((await store.history(GUILD, id)).map(({ action, changes }) => [action, changes])).toEqual([
        ["created", expect.any(Array)],
        ["removed", []],
        ["restored", []],
      ]);
    });

    it("refuses to remove twice, restore a live fact, or edit a removed one", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      await expect(store.restore(GUILD, id, MODERATOR)).rejects.toThrow(/has not been removed/);
      await store.remove(GUILD, id, MODERATOR);
      await expect(store.remove(GUILD, id, MODERATOR)).rejects.toThrow(/already been removed/);
      await expect(store.edit(GUILD, id, EDITED, 2, MODERATOR)).rejects.toThrow(UserFacingError);
      expect(await store.history(GUILD, id)).toHaveLength(2);
    });

    it("never reuses the id of a removed fact", async () => {
      const store = await openStore();
      await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const second = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      await store.remove(GUILD, second.id, MODERATOR);
      expect((await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR)).id).toBe("server-3");
    });

    it("lists facts oldest first, a page at a time, with the total", async () => {
      const store = await openStore();
      for (let i = 1; i <= 5; i++) await store.add(GUILD, { ...FACT_WITH_LISTED_SOURCE, statement: `Fact ${i}.` }, MODERATOR);
      const page = await store.list(GUILD, { offset: 1, limit: 2 });
      expect(page.total).toBe(5);
      expect(page.facts.map((fact) => fact.statement)).toEqual(["Fact 2.", "Fact 3."]);
      await expect(store.list(GUILD, { limit: 0 })).rejects.toThrow(RangeError);
    });

    it("refuses input that did not pass the input schema", async () => {
      const store = await openStore();
      const unchecked = { statement: "x".repeat(2000), sourceId: "edm-2005" };
      await expect(store.add(GUILD, unchecked, MODERATOR)).rejects.toThrow();
      expect((await store.list(GUILD)).total).toBe(0);
    });
  });

  describe.skipIf(!backend.available)("optimistic concurrency", () => {
    it("refuses a save based on an old revision, names the current one, and changes nothing", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const firstSave = await store.edit(GUILD, id, EDITED, 1, MODERATOR);

      const secondSave = store.edit(GUILD, id, FACT_WITH_OWN_SOURCE, 1, OTHER_MODERATOR);
      await expect(secondSave).rejects.toThrow(FactConflictError);
      await expect(secondSave).rejects.toThrow(/now at revision 2/);
      expect(await store.get(GUILD, id)).toEqual(firstSave);
      expect(await store.history(GUILD, id)).toHaveLength(2);
    });

    it("lets exactly one of two saves made at once from the same revision through", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const saves = await Promise.allSettled([store.edit(GUILD, id, EDITED, 1, MODERATOR), store.edit(GUILD, id, FACT_WITH_OWN_SOURCE, 1, OTHER_MODERATOR)]);
      expect(saves.map((save) => save.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(saves.find((save) => save.status === "rejected")?.reason).toBeInstanceOf(FactConflictError);
      expect(await store.history(GUILD, id)).toHaveLength(2);
    });

    it("hands out distinct ids to facts added at once", async () => {
      const store = await openStore();
      const added = await Promise.all(Array.from({ length: 8 }, (_, i) => store.add(GUILD, { ...FACT_WITH_OWN_SOURCE, statement: `Fact ${i}.` }, MODERATOR)));
      expect(new Set(added.map((fact) => fact.id)).size).toBe(8);
      expect((await store.list(GUILD)).total).toBe(8);
    });
  });

  describe.skipIf(!backend.available)("guild isolation", () => {
    it("keeps each guild's facts, ids and counts to itself", async () => {
      const store = await openStore();
      const mine = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const theirs = await store.add(OTHER_GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
      expect(theirs.id).toBe(mine.id);
      expect(await store.get(GUILD, mine.id)).toEqual(mine);
      expect(await store.get(OTHER_GUILD, mine.id)).toEqual(theirs);
      expect((await store.list(GUILD)).facts).toEqual([mine]);
      expect((await store.exportGuild(GUILD)).facts.map((fact) => fact.statement)).toEqual([mine.statement]);
    });

    it("reports another guild's fact as not found for every operation", async () => {
      const store = await openStore();
      const { id } = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      expect(await store.get(OTHER_GUILD, id, { includeDeleted: true })).toBeUndefined();
      await expect(store.edit(OTHER_GUILD, id, EDITED, 1, MODERATOR)).rejects.toThrow(FactNotFoundError);
      await expect(store.remove(OTHER_GUILD, id, MODERATOR)).rejects.toThrow(FactNotFoundError);
      await expect(store.restore(OTHER_GUILD, id, MODERATOR)).rejects.toThrow(FactNotFoundError);
      await expect(store.history(OTHER_GUILD, id)).rejects.toThrow(/There is no fact `server-1` on this server/);
      expect((await store.get(GUILD, id))?.revision).toBe(1);
    });

    it("gives a guild's live facts, oldest first, for its search index", async () => {
      const store = await openStore();
      const a = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
      const removed = await store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
      const b = await store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
      await store.add(OTHER_GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
      await store.remove(GUILD, removed.id, MODERATOR);
      expect(await store.liveFacts(GUILD)).toEqual([a, b]);
    });
  });

  describe.skipIf(!backend.available)("moderator roles", () => {
    it("replaces and reads each guild's roles separately", async () => {
      const store = await openStore();
      expect(await store.getModeratorRoles(GUILD)).toEqual([]);
      await store.setModeratorRoles(GUILD, ["111", "222"]);
      await store.setModeratorRoles(OTHER_GUILD, ["333"]);
      await store.setModeratorRoles(GUILD, ["222", "444", "444", "1000"]);
      expect(await store.getModeratorRoles(GUILD)).toEqual(["1000", "222", "444"]);
      expect(await store.getModeratorRoles(OTHER_GUILD)).toEqual(["333"]);
      await expect(store.setModeratorRoles(GUILD, ["<@&1>"])).rejects.toThrow(TypeError);
    });
  });

  describe.skipIf(!backend.available)("the log channel", () => {
    it("sets, replaces and clears each guild's log channel separately", async () => {
      const store = await openStore();
      expect(await store.getLogChannel(GUILD)).toBeNull();
      await store.setLogChannel(GUILD, "555");
      await store.setLogChannel(OTHER_GUILD, "666");
      await store.setLogChannel(GUILD, "777");
      expect(await store.getLogChannel(GUILD)).toBe("777");
      expect(await store.getLogChannel(OTHER_GUILD)).toBe("666");
      await store.setLogChannel(GUILD, null);
      expect(await store.getLogChannel(GUILD)).toBeNull();
      expect(await store.getLogChannel(OTHER_GUILD)).toBe("666");
      await expect(store.setLogChannel(GUILD, "<#1>")).rejects.toThrow(TypeError);
    });
  });

  describe.skipIf(!backend.available)("suggestions", () => {
    it("queues a member's suggestion and, when accepted, stores it as a fact credited to them", async () => {
      const store = await openStore();
      const suggestion = await store.suggest(GUILD, FACT_WITH_OWN_SOURCE, MEMBER);
      expect(suggestion).toMatchObject({ ...FACT_WITH_OWN_SOURCE, id: "suggestion-1", status: "pending" });
      expect(suggestion.suggestedBy).toBe(MEMBER);
      expect(await store.listSuggestions(GUILD)).toEqual([suggestion]);

      const fact = await store.acceptSuggestion(GUILD, suggestion.id, MODERATOR);
      expect(fact).toMatchObject({ ...FACT_WITH_OWN_SOURCE, id: "server-1", revision: 1 });
      expect([fact.createdBy, fact.suggestedBy]).toEqual([MODERATOR, MEMBER]);
      expect((await store.history(GUILD, fact.id))[0]).toMatchObject({ action: "created", by: MODERATOR });
      expect(await store.listSuggestions(GUILD)).toEqual([]);
      await expect(store.acceptSuggestion(GUILD, suggestion.id, MODERATOR)).rejects.toThrow(/already been accepted/);
    });

    it("rejects a suggestion without storing a fact", async () => {
      const store = await openStore();
      const { id } = await store.suggest(GUILD, FACT_WITH_LISTED_SOURCE, MEMBER);
      const rejected = await store.rejectSuggestion(GUILD, id, MODERATOR);
      expect(rejected).toMatchObject({ status: "rejected", decidedBy: MODERATOR, factId: null });
      expect(await store.listSuggestions(GUILD)).toEqual([]);
      expect((await store.list(GUILD)).total).toBe(0);
      await expect(store.acceptSuggestion(GUILD, id, MODERATOR)).rejects.toThrow(/already been rejected/);
    });

    it("keeps suggestions within their guild", async () => {
      const store = await openStore();
      const { id } = await store.suggest(GUILD, FACT_WITH_LISTED_SOURCE, MEMBER);
      expect(await store.listSuggestions(OTHER_GUILD)).toEqual([]);
      await expect(store.acceptSuggestion(OTHER_GUILD, id, MODERATOR)).rejects.toThrow(SuggestionNotFoundError);
      await expect(store.rejectSuggestion(OTHER_GUILD, id, MODERATOR)).rejects.toThrow(SuggestionNotFoundError);
      expect(await store.listSuggestions(GUILD)).toHaveLength(1);
    });
  });
});
