import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "../../src/facts/sqlite-migrations.js";
import { SqliteFactStore, factsDatabasePath } from "../../src/facts/sqlite-fact-store.js";
import { FACT_WITH_LISTED_SOURCE, FACT_WITH_OWN_SOURCE, GUILD, MODERATOR, useTempDir } from "./helpers.js";

const makeTempDir = useTempDir();

describe("SQLite migrations", () => {
  it("create the schema in a fresh file, in WAL mode, at the latest version", () => {
    const path = factsDatabasePath(`${makeTempDir()}/data`);
    new SqliteFactStore(path).close();
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["data_migrations", "fact_revisions", "facts", "guild_settings", "id_counters", "moderator_roles", "quiz_answers", "quiz_disabled_questions", "quiz_pool_facts", "suggestions"]);
    db.close();
  });

  it("leave a reopened file's version and facts as they were", async () => {
    const path = factsDatabasePath(makeTempDir());
    const first = new SqliteFactStore(path);
    const fact = await first.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    first.close();
    const reopened = new SqliteFactStore(path);
    expect(await reopened.get(GUILD, fact.id)).toEqual(fact);
    expect((await reopened.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR)).id).toBe("server-2");
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
