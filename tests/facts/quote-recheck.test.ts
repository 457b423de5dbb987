/**
 * The start-up data migration that takes out of stored facts a quote their listed source does not hold: facts
 * written straight into the tables, as a bot from before the quote check could have stored them, on both databases.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type FactStore } from "../../src/facts/fact-store.js";
import { PostgresFactStore } from "../../src/facts/postgres-fact-store.js";
import { factsDatabasePath, SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { postgresUrl, useFreshPostgres } from "../postgres/schemas.js";
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

/** Writes the facts with plain SQL, bypassing every check of the store. */
type WriteDirectly = (facts: StoredFact[]) => Promise<void>;

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

const BACKENDS: { name: string; available: boolean; use(): () => Promise<{ store: FactStore; write: WriteDirectly; close(): void }> }[] = [
  {
    name: "SQLite",
    available: true,
    use() {
      const tempDir = useTempDir();
      return async () => {
        const path = factsDatabasePath(tempDir());
        const store = new SqliteFactStore(path, { now: steppingClock("2026-01-01T00:00:00.000Z") });
        const db = new Database(path);
        // PostgreSQL's numbered parameters as SQLite's plain ones, each value given where it is used.
        const run = (sql: string, values: unknown[]) => {
          const ordered = [...sql.matchAll(/\$(\d+)/g)].map((match) => values[Number(match[1]) - 1]);
          const statement = db.prepare(sql.replace(/\$\d+/g, "?"));
          return statement.reader ? statement.pluck().get(...ordered) : statement.run(...ordered);
        };
        const write: WriteDirectly = async (facts) => {
          for (const fact of facts) run(INSERT_REVISION, [run(INSERT_FACT, valuesOf(fact)), MODERATOR]);
        };
        return { store, write, close: () => (db.close(), store.close()) };
      };
    },
  },
  {
    name: "PostgreSQL",
    available: postgresUrl !== null,
    use() {
      const fresh = useFreshPostgres();
      return async () => {
        const { pool } = await fresh();
        const write: WriteDirectly = async (facts) => {
          for (const fact of facts) {
            const { rows } = await pool.query<{ seq: number }>(INSERT_FACT, valuesOf(fact));
            await pool.query(INSERT_REVISION, [rows[0]!.seq, MODERATOR]);
          }
        };
        return { store: new PostgresFactStore(pool, { now: steppingClock("2026-01-01T00:00:00.000Z") }), write, close: () => undefined };
      };
    },
  },
];

describe.each(BACKENDS)("re-checking stored quotes on $name", (backend) => {
  const open = backend.use();

  it.skipIf(!backend.available)("removes a forged quote once, with a revision by the bot recording it, and keeps the statement and every other fact", async () => {
    const { store, write, close } = await open();
    try {
      await write([
        { guildId: GUILD, id: "server-1", sourceId: "bescotti-2017", quote: FORGED },
        { guildId: GUILD, id: "server-2", sourceId: "bescotti-2017", quote: REAL },
        { guildId: OTHER_GUILD, id: "server-1", sourceId: "bescotti-2017", quote: FORGED, deleted: true },
        // A source of the moderators' own cannot be checked; one no longer listed is not shown at all.
        { guildId: GUILD, id: "server-3", sourceId: null, sourceTitle: "Lecture notes", sourceUrl: "https://example.org/notes", quote: FORGED },
        { guildId: GUILD, id: "server-4", sourceId: "withdrawn-2001", quote: FORGED },
      ]);

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
      close();
    }
  });
});
