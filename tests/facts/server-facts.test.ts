/**
 * A server's facts reach its search on the server's first use, not at start-up, and every change is
 * searchable as soon as it is stored; on SQLite and on PostgreSQL alike.
 */
import { describe, expect, it } from "vitest";
import type { FactStore } from "../../src/facts/fact-store.js";
import { ServerFacts } from "../../src/facts/server-facts.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { BACKENDS } from "./backends.js";
import { FACT_WITH_OWN_SOURCE, MODERATOR } from "./helpers.js";

const kb = createKnowledgeBase();
let guildNumber = 0;
/** A guild of its own for each test, since they share one search engine. */
const newGuild = () => `1000000000000${String(++guildNumber).padStart(5, "0")}`;

const ZEBRA = { ...FACT_WITH_OWN_SOURCE, statement: "Our study group mascot is a zebra called Tashkent." };
const OKAPI = { ...FACT_WITH_OWN_SOURCE, statement: "Our study group mascot is now an okapi called Dushanbe." };

/** The ids of the guild's own facts that a search for the word finds. */
const found = (guildId: string, word: string) => kb.engine.search(word, { scope: guildId, ownFactsOnly: true }).hits.map((hit) => hit.entry.id);

function serverFacts(store: FactStore, onUnshowable?: (guildId: string, ids: string[]) => void): ServerFacts {
  return new ServerFacts(store, kb.engine, kb.knowledge.sourceRefs, kb.knowledge.quoteOccurs, onUnshowable);
}

describe.each(BACKENDS)("a server's facts on $name", (backend) => {
  const openStores = backend.useStores();

  describe.skipIf(!backend.available)("loading", () => {
    it("reads nothing until the guild is used, then indexes its live facts once, however many ask at once", async () => {
      const { facts: store } = await openStores();
      const guild = newGuild();
      const kept = await store.add(guild, ZEBRA, MODERATOR);
      await store.remove(guild, (await store.add(guild, OKAPI, MODERATOR)).id, MODERATOR);
      let reads = 0;
      const counting: FactStore = Object.assign(Object.create(store) as FactStore, { liveFacts: (guildId: string) => (reads++, store.liveFacts(guildId)) });
      const facts = serverFacts(counting);

      expect(found(guild, "zebra")).toEqual([]);
      await Promise.all([facts.load(guild), facts.load(guild), facts.load(guild)]);
      expect(reads).toBe(1);
      expect(found(guild, "zebra")).toEqual([kept.id]);
      expect(found(guild, "okapi")).toEqual([]);
    });

    it("tries a guild again after a load that failed", async () => {
      const { facts: store } = await openStores();
      const guild = newGuild();
      const { id } = await store.add(guild, ZEBRA, MODERATOR);
      let failures = 1;
      const flaky: FactStore = Object.assign(Object.create(store) as FactStore, {
        liveFacts: (guildId: string) => (failures-- > 0 ? Promise.reject(new Error("connection lost")) : store.liveFacts(guildId)),
      });
      const facts = serverFacts(flaky);
      await expect(facts.load(guild)).rejects.toThrow("connection lost");
      await facts.load(guild);
      expect(found(guild, "zebra")).toEqual([id]);
    });

    it("reports the facts it cannot show and loads the rest", async () => {
      const { facts: store } = await openStores();
      const guild = newGuild();
      const shown = await store.add(guild, ZEBRA, MODERATOR);
      const orphan = await store.add(guild, { statement: "Our zebra likes the 2002 charter.", sourceId: "edm-2005" }, MODERATOR);
      const reported: string[][] = [];
      // As after an update that dropped a listed source the fact cites.
      const sourceRefs = new Map([...kb.knowledge.sourceRefs].filter(([id]) => id !== "edm-2005"));
      const facts = new ServerFacts(store, kb.engine, sourceRefs, kb.knowledge.quoteOccurs, (_, ids) => reported.push(ids));
      await facts.load(guild);
      expect(reported).toEqual([[orphan.id]]);
      expect(found(guild, "zebra")).toEqual([shown.id]);
    });
  });

  describe.skipIf(!backend.available)("changes", () => {
    it("are searchable right after an add, an edit, a removal and a restoration", async () => {
      const { facts: store } = await openStores();
      const guild = newGuild();
      const facts = serverFacts(store);

      const added = await facts.add(guild, ZEBRA, MODERATOR);
      expect(found(guild, "zebra")).toEqual([added.id]);
      await facts.edit(guild, added.id, OKAPI, added.revision, MODERATOR);
      expect(found(guild, "zebra")).toEqual([]);
      expect(found(guild, "okapi")).toEqual([added.id]);
      await facts.remove(guild, added.id, MODERATOR);
      expect(found(guild, "okapi")).toEqual([]);
      await facts.restore(guild, added.id, MODERATOR);
      expect(found(guild, "okapi")).toEqual([added.id]);
    });

    it("made to a guild before its first use are there once it loads, with the index following the store", async () => {
      const { facts: store } = await openStores();
      const guild = newGuild();
      const facts = serverFacts(store);
      const first = await store.add(guild, ZEBRA, MODERATOR);
      // The first change through ServerFacts loads the guild, then applies itself on top.
      const second = await facts.add(guild, OKAPI, MODERATOR);
      expect(found(guild, "mascot").sort()).toEqual([first.id, second.id].sort());
    });

    it("that race end with the index showing what the store holds", async () => {
      const { facts: store } = await openStores();
      const guild = newGuild();
      const facts = serverFacts(store);
      const { id, revision } = await facts.add(guild, ZEBRA, MODERATOR);
      await Promise.allSettled([facts.edit(guild, id, OKAPI, revision, MODERATOR), facts.remove(guild, id, MODERATOR), facts.edit(guild, id, ZEBRA, revision, MODERATOR)]);
      const stored = await store.get(guild, id, { includeDeleted: true });
      expect(stored?.deletedAt).not.toBeNull();
      expect(found(guild, "mascot")).toEqual([]);
    });
  });
});
