/**
 * The start-up data migration that takes out of stored facts a quote their listed source does not hold: facts
 * written straight into the tables, as a bot from before the quote check could have stored them, on both databases.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type FactStore } from "../../src/facts/fact-store.js";
import { migratePostgres } from "../../src/facts/postgres-database.js";
import { PostgresFactStore } from "../../src/facts/postgres-fact-store.js";
import { POSTGRES_MIGRATIONS } from "../../src/facts/postgres-migrations.js";
import { factsDatabasePath, SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { migrate, MIGRATIONS } from "../../src/facts/sqlite-migrations.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createSchema, postgresUrl } from "../postgres/schemas.js";
import { GUILD, MODERATOR, OTHER_GUILD, steppingClock, useTempDir } from "./helpers.js";

const { quoteOccurs, sourceRefs } = createKnowledgeBase().knowledge;
const KNOWN = new Set(sourceRefs.keys());
const REAL = "Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan signed in Tashkent the Collective Security Treaty";
const FORGED = "The CSTO is a paper tiger and will collapse by 2030.";
const STATEMENT = "Bescotti expects the CSTO to collapse.";

/** A fact row as an older bot wrote it, quote unchecked, with its first revision. */
interface StoredFact {
  guildId: string;
  id: string;
  sourceId: string | null;
  sourceTitle?: string;
  sourceUrl?: string;
  quote: string;
  deleted?: boolean;
}

const INSERT_FACT = `INSERT INTO facts (guild_id, id, statement, source_id, source_title, source_url, quote, revision, created_by, created_at, updated_by, updated_at, deleted_at, deleted_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, '2024-01-01T00:00:00.000Z', $8, '2024-01-01T00:00:00.000Z', $9, $10) RETURNING seq`;
const INSERT_REVISION = `INSERT INTO fact_revisions (fact_seq, revision, action, at, by, changes) VALUES ($1, 1, 'created', '2024-01-01T00:00:00.000Z', $2, '[]')`;
const valuesOf = (fact: StoredFact) => [
  fact.guildId,
  fact.id,
  STATEMENT,
  fact.sourceId,
  fact.sourceTitle ?? null,
  fact.sourceUrl ?? null,
  fact.quote,
  MODERATOR,
  fact.deleted ? "2024-02-01T00:00:00.000Z" : null,
  fact.deleted ? MODERATOR : null,
];

/** The schema version before quotes were re-checked: the databases older bots left. */
const BEFORE_RECHECK = 4;

/** An opener of a database at BEFORE_RECHECK holding the given facts, then brought up to date by the store. */
type OpenOldDatabase = (facts: StoredFact[]) => Promise<{ store: FactStore; close(): Promise<void> }>;

const BACKENDS: { name: string; available: boolean; use(): OpenOldDatabase }[] = [
  {
    name: "SQLite",
    available: true,
    use() {
      const tempDir = useTempDir();
      return async (facts) => {
        const path = factsDatabasePath(tempDir());
        const db = new Database(path);
        migrate(db, MIGRATIONS.slice(0, BEFORE_RECHECK));
        // PostgreSQL's numbered parameters as SQLite's plain ones, each value given where it is used.
        const run = (sql: string, values: unknown[]) => {
          const ordered = [...sql.matchAll(/\$(\d+)/g)].map((match) => values[Number(match[1]) - 1]);
          const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
          return statement.reader ? statement.pluck().get(...ordered) : statement.run(...ordered);
        };
        for (const fact of facts) run(INSERT_REVISION, [run(INSERT_FACT, valuesOf(fact)), MODERATOR]);
        db.close();
        const store = new SqliteFactStore(path, { now: steppingClock("2026-01-01T00:00:00.000Z") });
        return { store, close: async () => store.close() };
      };
    },
  },
  {
    name: "PostgreSQL",
    available: postgresUrl !== null,
    use() {
      const opened: { drop(): Promise<void>; pool: pg.Pool }[] = [];
      afterEach(async () => {
        for (const { pool, drop } of opened.splice(0)) await pool.end().then(drop);
      });
      return async (facts) => {
        const schema = await createSchema();
        const pool = new pg.Pool({ connectionString: schema.url });
        opened.push({ pool, drop: schema.drop });
        await migratePostgres(pool, "test", POSTGRES_MIGRATIONS.slice(0, BEFORE_RECHECK));
        for (const fact of facts) {
          const { rows } = await pool.query<{ seq: number }>(INSERT_FACT, valuesOf(fact));
          await pool.query(INSERT_REVISION, [rows[0]!.seq, MODERATOR]);
        }
        await migratePostgres(pool, "test");
        return { store: new PostgresFactStore(pool, { now: steppingClock("2026-01-01T00:00:00.000Z") }), close: async () => undefined };
      };
    },
  },
];

describe.each(BACKENDS)("re-checking stored quotes on $name", (backend) => {
  const open = backend.use();

  it.skipIf(!backend.available)("removes a forged quote once, with a revision by the bot recording it, and keeps the statement and every other fact", async () => {
    const { store, close } = await open([
      { guildId: GUILD, id: "server-1", sourceId: "bescotti-2017", quote: FORGED },
      { guildId: GUILD, id: "server-2", sourceId: "bescotti-2017", quote: REAL },
      { guildId: OTHER_GUILD, id: "server-1", sourceId: "bescotti-2017", quote: FORGED, deleted: true },
      // A source of the moderators' own cannot be checked; one no longer listed is not shown at all.
      { guildId: GUILD, id: "server-3", sourceId: null, sourceTitle: "Lecture notes", sourceUrl: "https://example.org/notes", quote: FORGED },
      { guildId: GUILD, id: "server-4", sourceId: "withdrawn-2001", quote: FORGED },
    ]);
    try {
      const changed = await store.recheckStoredQuotes(quoteOccurs, KNOWN);
      expect(changed.map((fact) => `${fact.guildId} ${fact.id}`)).toEqual([`${GUILD} server-1`, `${OTHER_GUILD} server-1`]);

      const fixed = await store.get(GUILD, "server-1");
      expect(fixed).toMatchObject({ statement: STATEMENT, sourceId: "bescotti-2017", revision: 2, updatedBy: SYSTEM_ACTOR, updatedAt: "2026-01-01T00:00:00.000Z" });
      expect(fixed?.quote).toBeUndefined();
      expect(await store.history(GUILD, "server-1")).toEqual([
        expect.objectContaining({ revision: 1, action: "created", by: MODERATOR }),
        { revision: 2, at: "2026-01-01T00:00:00.000Z", by: SYSTEM_ACTOR, action: "edited", changes: [{ field: "quote", before: FORGED, after: null }] },
      ]);
      const removed = await store.get(OTHER_GUILD, "server-1", { includeDeleted: true });
      expect(removed).toMatchObject({ revision: 2, deletedBy: MODERATOR });
      expect(removed?.quote).toBeUndefined();
      expect(await store.get(GUILD, "server-2")).toMatchObject({ quote: REAL, revision: 1 });
      expect(await store.get(GUILD, "server-3")).toMatchObject({ quote: FORGED, revision: 1 });
      expect((await store.get(GUILD, "server-4"))?.revision).toBe(1);

      // Run at every start, it does its work once.
      expect(await store.recheckStoredQuotes(quoteOccurs, KNOWN)).toEqual([]);
      expect(await store.history(GUILD, "server-1")).toHaveLength(2);

      // A fact the bot changed exports and imports like any other.
      const exported = await store.exportGuild(GUILD);
      expect(exported.facts[0]).toMatchObject({ id: "server-1", updatedBy: SYSTEM_ACTOR });
      const document = { ...exported, facts: exported.facts.filter((fact) => fact.id === "server-1") };
      expect((await store.importGuild("100000000000000003", JSON.stringify(document), MODERATOR, KNOWN, quoteOccurs)).ok).toBe(true);
    } finally {
      await close();
    }
  });

  it.skipIf(!backend.available)("has nothing to do on a database that had no facts before quotes were checked, so it never reads the sources' texts", async () => {
    const { store, close } = await open([]);
    try {
      await store.add(GUILD, { statement: STATEMENT, sourceId: "bescotti-2017", quote: REAL }, MODERATOR);
      const neverCalled = () => {
        throw new Error("the quotes were checked again");
      };
      expect(await store.recheckStoredQuotes(neverCalled, KNOWN)).toEqual([]);
    } finally {
      await close();
    }
  });
});
