import pg from "pg";
import { describe, expect, it } from "vitest";
import { StartupError } from "../../src/errors.js";
import { migratePostgres, openPostgres } from "../../src/facts/postgres-database.js";
import { POSTGRES_MIGRATIONS } from "../../src/facts/postgres-migrations.js";
import { PostgresFactStore } from "../../src/facts/postgres-fact-store.js";
import { postgresUrl, useFreshPostgres } from "../postgres/schemas.js";
import { FACT_WITH_LISTED_SOURCE, FACT_WITH_OWN_SOURCE, GUILD, MODERATOR } from "./helpers.js";

const freshDatabase = useFreshPostgres();
const version = async (pool: pg.Pool) => (await pool.query<{ version: number }>("SELECT version FROM schema_version")).rows.map((row) => row.version);
const tables = async (pool: pg.Pool) =>
  (await pool.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")).rows.map((row) => row.name);

describe.skipIf(!postgresUrl)("PostgreSQL migrations", () => {
  it("create the schema in an empty database, at the latest version", async () => {
    const { pool } = await freshDatabase();
    expect(await version(pool)).toEqual([POSTGRES_MIGRATIONS.length]);
    expect(await tables(pool)).toEqual([
      "data_migrations",
      "fact_revisions",
      "facts",
      "guild_settings",
      "id_counters",
      "moderator_roles",
      "quiz_answers",
      "quiz_disabled_questions",
      "quiz_pool_facts",
      "schema_version",
      "suggestions",
    ]);
  });

  it("leave a reopened database's version and facts as they were", async () => {
    const { url, pool } = await freshDatabase();
    const fact = await new PostgresFactStore(pool).add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
    const reopened = await openPostgres(url, () => undefined);
    try {
      expect(await version(reopened)).toEqual([POSTGRES_MIGRATIONS.length]);
      const store = new PostgresFactStore(reopened);
      expect(await store.get(GUILD, fact.id)).toEqual(fact);
      expect((await store.add(GUILD, FACT_WITH_OWN_SOURCE, MODERATOR)).id).toBe("server-2");
    } finally {
      await reopened.end();
    }
  });

  it("apply only the steps a database has not had yet, once even when two processes start together", async () => {
    const { pool } = await freshDatabase();
    const nextStep = "CREATE TABLE later_addition (x integer);";
    await Promise.all([migratePostgres(pool, "test", [...POSTGRES_MIGRATIONS, nextStep]), migratePostgres(pool, "test", [...POSTGRES_MIGRATIONS, nextStep])]);
    expect(await version(pool)).toEqual([POSTGRES_MIGRATIONS.length + 1]);
    expect(await tables(pool)).toContain("later_addition");
  });

  it("roll back every step when one fails", async () => {
    const { pool } = await freshDatabase();
    await pool.query("DROP TABLE data_migrations, fact_revisions, suggestions, facts, guild_settings, id_counters, moderator_roles, quiz_answers, quiz_pool_facts, quiz_disabled_questions, schema_version");
    await expect(migratePostgres(pool, "test", [...POSTGRES_MIGRATIONS, "CREATE TABLE broken ("])).rejects.toThrow();
    expect(await tables(pool)).toEqual([]);
  });

  it("refuse a database written by newer code with one line, leaving it as it was", async () => {
    const { url, pool } = await freshDatabase();
    await pool.query("UPDATE schema_version SET version = $1", [POSTGRES_MIGRATIONS.length + 1]);
    const opening = openPostgres(url, () => undefined);
    await expect(opening).rejects.toThrow(StartupError);
    await expect(opening).rejects.toThrow(
      new RegExp(`^the PostgreSQL database at 127\\.0\\.0\\.1:\\d+/postgres was written by a newer csto-bot \\(schema version ${POSTGRES_MIGRATIONS.length + 1}, this one knows up to ${POSTGRES_MIGRATIONS.length}\\); it was left as it is$`),
    );
    expect(await version(pool)).toEqual([POSTGRES_MIGRATIONS.length + 1]);
  });

  it("name an unreachable server in one line", async () => {
    const unreachable = "postgres://csto:secret-password@127.0.0.1:1/csto";
    const opening = openPostgres(unreachable, () => undefined);
    await expect(opening).rejects.toThrow(/^PostgreSQL at 127\.0\.0\.1:1\/csto is unreachable \(ECONNREFUSED\)$/);
    await expect(opening).rejects.not.toThrow(/secret-password/);
  });
});
