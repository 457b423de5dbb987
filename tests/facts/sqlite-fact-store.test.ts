import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { UserFacingError } from "../../src/errors.js";
import { FactConflictError, FactNotFoundError, SuggestionNotFoundError } from "../../src/facts/fact-errors.js";
import type { FactInput } from "../../src/facts/fact-input.js";
import { MIGRATIONS, migrate } from "../../src/facts/sqlite-migrations.js";
import { SqliteFactStore, factsDatabasePath } from "../../src/facts/sqlite-fact-store.js";
import {
  FACT_WITH_LISTED_SOURCE,
  FACT_WITH_OWN_SOURCE,
  GUILD,
  MEMBER,
  MODERATOR,
  OTHER_GUILD,
  OTHER_MODERATOR,
  useMemoryStore,
  useTempDir,
} from "./helpers.js";

const openMemoryStore = useMemoryStore();
const makeTempDir = useTempDir();

const EDITED: FactInput = { ...FACT_WITH_LISTED_SOURCE, statement: "The CSTO charter was signed in Chisinau in 2002." };

describe("migrations", () => {
  it("create the schema in a fresh file, in WAL mode, at the latest version", () => {
    const path = factsDatabasePath(`${makeTempDir()}/data`);
    new SqliteFactStore(path).close();
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["fact_revisions", "facts", "id_counters", "moderator_roles", "quiz_answers", "quiz_disabled_questions", "quiz_pool_facts", "suggestions"]);
    db.close();
  });

  it("leave a reopened file's version and facts as they were", () => {
    const path = factsDatabasePath(makeTempDir());
    const first = new SqliteFactStore(path);
    const fact = first.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    first.close();
    const reopened = new SqliteFactStore(path);
    expect(reopened.get(GUILD, fact.id)).toEqual(fact);
    expect(reopened.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR).id).toBe("server-2");
    reopened.close();
  });

  it("apply only the steps a file has not had yet", () => {
    const db = new Database(factsDatabasePath(makeTempDir()));
    migrate(db);
    const nextStep = "CREATE TABLE later_addition (x INTEGER);";
    migrate(db, [...MIGRATIONS, nextStep]);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(() => migrate(db, [...MIGRATIONS, nextStep])).not.toThrow();
    db.close();
  });

  it("roll back every step when one fails", () => {
    const db = new Database(factsDatabasePath(makeTempDir()));
    expect(() => migrate(db, [...MIGRATIONS, "CREATE TABLE broken ("])).toThrow();
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master").pluck().get()).toBe(0);
    db.close();
  });

  it("refuse a file written by newer code", () => {
    const path = factsDatabasePath(makeTempDir());
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new SqliteFactStore(path)).toThrow(/written by a newer csto-bot/);
  });
});

describe("adding, editing, removing and restoring", () => {
  it("adds a fact at revision 1 with a server id, and records its creation", () => {
    const store = openMemoryStore();
    const fact = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
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
    expect(store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR).id).toBe("server-2");
    expect(store.history(GUILD, "server-1")).toEqual([
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

  it("edits a fact, recording only the fields that changed", () => {
    const store = openMemoryStore();
    const { id } = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const edited = store.edit(GUILD, id, FACT_WITH_OWN_SOURCE, 1, OTHER_MODERATOR);
    expect(edited).toMatchObject({ ...FACT_WITH_OWN_SOURCE, revision: 2, updatedBy: OTHER_MODERATOR });
    expect(edited.createdBy).toBe(MODERATOR);
    expect(edited.sourceId).toBeUndefined();
    expect(store.history(GUILD, id)[1]).toEqual({
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

  it("treats an edit that changes nothing as no new revision", () => {
    const store = openMemoryStore();
    const fact = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    expect(store.edit(GUILD, fact.id, FACT_WITH_LISTED_SOURCE, 1, OTHER_MODERATOR)).toEqual(fact);
    expect(store.history(GUILD, fact.id)).toHaveLength(1);
  });

  it("removes a fact softly: hidden from reads unless asked, kept with its history, then restored", () => {
    const store = openMemoryStore();
    const { id } = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const removed = store.remove(GUILD, id, OTHER_MODERATOR);
    expect(removed).toMatchObject({ revision: 2, deletedBy: OTHER_MODERATOR, deletedAt: removed.updatedAt });
    expect(store.get(GUILD, id)).toBeUndefined();
    expect(store.get(GUILD, id, { includeDeleted: true })).toEqual(removed);
    expect(store.list(GUILD)).toEqual({ facts: [], total: 0 });
    expect(store.list(GUILD, { includeDeleted: true }).total).toBe(1);
    expect([...store.allActive()]).toEqual([]);

    const restored = store.restore(GUILD, id, MODERATOR);
    expect(restored).toMatchObject({ revision: 3, deletedAt: null, deletedBy: null, updatedBy: MODERATOR });
    expect(store.get(GUILD, id)).toEqual(restored);
    expect(store.history(GUILD, id).map(({ action, changes }) => [action, changes])).toEqual([
      ["created", expect.any(Array)],
      ["removed", []],
      ["restored", []],
    ]);
  });

  it("refuses to remove twice, restore a live fact, or edit a removed one", () => {
    const store = openMemoryStore();
    const { id } = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    expect(() => store.restore(GUILD, id, MODERATOR)).toThrow(/has not been removed/);
    store.remove(GUILD, id, MODERATOR);
    expect(() => store.remove(GUILD, id, MODERATOR)).toThrow(/already been removed/);
    expect(() => store.edit(GUILD, id, EDITED, 2, MODERATOR)).toThrow(UserFacingError);
    expect(store.history(GUILD, id)).toHaveLength(2);
  });

  it("never reuses the id of a removed fact", () => {
    const store = openMemoryStore();
    store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const second = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    store.remove(GUILD, second.id, MODERATOR);
    expect(store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR).id).toBe("server-3");
  });

  it("lists facts oldest first, a page at a time, with the total", () => {
    const store = openMemoryStore();
    for (let i = 1; i <= 5; i++) store.add(GUILD, { ...FACT_WITH_LISTED_SOURCE, statement: `Fact ${i}.` }, MODERATOR);
    const page = store.list(GUILD, { offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.facts.map((fact) => fact.statement)).toEqual(["Fact 2.", "Fact 3."]);
    expect(() => store.list(GUILD, { limit: 0 })).toThrow(RangeError);
  });

  it("refuses input that did not pass the input schema", () => {
    const store = openMemoryStore();
    const unchecked = { statement: "x".repeat(2000), sourceId: "edm-2005" };
    expect(() => store.add(GUILD, unchecked, MODERATOR)).toThrow();
    expect(store.list(GUILD).total).toBe(0);
  });
});

describe("optimistic concurrency", () => {
  it("refuses a save based on an old revision, names the current one, and changes nothing", () => {
    const store = openMemoryStore();
    const { id } = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const firstSave = store.edit(GUILD, id, EDITED, 1, MODERATOR);

    const secondSave = () => store.edit(GUILD, id, FACT_WITH_OWN_SOURCE, 1, OTHER_MODERATOR);
    expect(secondSave).toThrow(FactConflictError);
    expect(secondSave).toThrow(/now at revision 2/);
    expect(store.get(GUILD, id)).toEqual(firstSave);
    expect(store.history(GUILD, id)).toHaveLength(2);
  });
});

describe("guild isolation", () => {
  it("keeps each guild's facts, ids and counts to itself", () => {
    const store = openMemoryStore();
    const mine = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const theirs = store.add(OTHER_GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
    expect(theirs.id).toBe(mine.id);
    expect(store.get(GUILD, mine.id)).toEqual(mine);
    expect(store.get(OTHER_GUILD, mine.id)).toEqual(theirs);
    expect(store.list(GUILD).facts).toEqual([mine]);
    expect(store.exportGuild(GUILD).facts.map((fact) => fact.statement)).toEqual([mine.statement]);
  });

  it("reports another guild's fact as not found for every operation", () => {
    const store = openMemoryStore();
    const { id } = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    expect(store.get(OTHER_GUILD, id, { includeDeleted: true })).toBeUndefined();
    expect(() => store.edit(OTHER_GUILD, id, EDITED, 1, MODERATOR)).toThrow(FactNotFoundError);
    expect(() => store.remove(OTHER_GUILD, id, MODERATOR)).toThrow(FactNotFoundError);
    expect(() => store.restore(OTHER_GUILD, id, MODERATOR)).toThrow(FactNotFoundError);
    expect(() => store.history(OTHER_GUILD, id)).toThrow(/There is no fact `server-1` on this server/);
    expect(store.get(GUILD, id)?.revision).toBe(1);
  });

  it("loads every guild's live facts for the search index", () => {
    const store = openMemoryStore();
    const a = store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const removed = store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
    const b = store.add(OTHER_GUILD, FACT_WITH_OWN_SOURCE, MODERATOR);
    store.remove(GUILD, removed.id, MODERATOR);
    expect([...store.allActive()]).toEqual([a, b]);
  });
});

describe("moderator roles", () => {
  it("replaces and reads each guild's roles separately", () => {
    const store = openMemoryStore();
    expect(store.getModeratorRoles(GUILD)).toEqual([]);
    store.setModeratorRoles(GUILD, ["111", "222"]);
    store.setModeratorRoles(OTHER_GUILD, ["333"]);
    store.setModeratorRoles(GUILD, ["222", "444", "444"]);
    expect(store.getModeratorRoles(GUILD)).toEqual(["222", "444"]);
    expect(store.getModeratorRoles(OTHER_GUILD)).toEqual(["333"]);
    expect(() => store.setModeratorRoles(GUILD, ["<@&1>"])).toThrow(TypeError);
  });
});

describe("suggestions", () => {
  it("queues a member's suggestion and, when accepted, stores it as a fact credited to them", () => {
    const store = openMemoryStore();
    const suggestion = store.suggest(GUILD, FACT_WITH_OWN_SOURCE, MEMBER);
    expect(suggestion).toMatchObject({ ...FACT_WITH_OWN_SOURCE, id: "suggestion-1", status: "pending" });
    expect(suggestion.suggestedBy).toBe(MEMBER);
    expect(store.listSuggestions(GUILD)).toEqual([suggestion]);

    const fact = store.acceptSuggestion(GUILD, suggestion.id, MODERATOR);
    expect(fact).toMatchObject({ ...FACT_WITH_OWN_SOURCE, id: "server-1", revision: 1 });
    expect([fact.createdBy, fact.suggestedBy]).toEqual([MODERATOR, MEMBER]);
    expect(store.history(GUILD, fact.id)[0]).toMatchObject({ action: "created", by: MODERATOR });
    expect(store.listSuggestions(GUILD)).toEqual([]);
    expect(() => store.acceptSuggestion(GUILD, suggestion.id, MODERATOR)).toThrow(/already been accepted/);
  });

  it("rejects a suggestion without storing a fact", () => {
    const store = openMemoryStore();
    const { id } = store.suggest(GUILD, FACT_WITH_LISTED_SOURCE, MEMBER);
    const rejected = store.rejectSuggestion(GUILD, id, MODERATOR);
    expect(rejected).toMatchObject({ status: "rejected", decidedBy: MODERATOR, factId: null });
    expect(store.listSuggestions(GUILD)).toEqual([]);
    expect(store.list(GUILD).total).toBe(0);
    expect(() => store.acceptSuggestion(GUILD, id, MODERATOR)).toThrow(/already been rejected/);
  });

  it("keeps suggestions within their guild", () => {
    const store = openMemoryStore();
    const { id } = store.suggest(GUILD, FACT_WITH_LISTED_SOURCE, MEMBER);
    expect(store.listSuggestions(OTHER_GUILD)).toEqual([]);
    expect(() => store.acceptSuggestion(OTHER_GUILD, id, MODERATOR)).toThrow(SuggestionNotFoundError);
    expect(() => store.rejectSuggestion(OTHER_GUILD, id, MODERATOR)).toThrow(SuggestionNotFoundError);
    expect(store.listSuggestions(GUILD)).toHaveLength(1);
  });
});
