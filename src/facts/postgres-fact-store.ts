import type pg from "pg";
import type { FactInsert, FactRow, FieldsUpdate, RemovalUpdate, RevisionInsert, SuggestionDecision, SuggestionInsert, SuggestionRow } from "./fact-rows.js";
import type { FactRevision } from "./fact-store.js";
import type { FactDatabase, FactTables } from "./fact-tables.js";
import { busyOrSame, type Queryable } from "./postgres-database.js";
import { SqlFactStore, type FactStoreOptions } from "./sql-fact-store.js";

/** First key of the advisory lock a write holds on its guild; the second is the guild id's hash. */
const GUILD_WRITE_LOCK = 0x66616374;

const SUGGESTION_SELECT_SQL = `
  SELECT suggestions.*, facts.id AS fact_id
  FROM suggestions LEFT JOIN facts ON facts.seq = suggestions.fact_seq`;

const fieldValues = (row: FieldsUpdate | FactInsert | SuggestionInsert) => [row.statement, row.question, row.source_id, row.source_title, row.source_url, row.source_date, row.quote];

class PostgresFactTables implements FactTables {
  constructor(private readonly db: Queryable) {}

  private async rows<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
    return (await this.db.query<T>(sql, values)).rows;
  }

  async factById(guildId: string, id: string) {
    return (await this.rows<FactRow>("SELECT * FROM facts WHERE guild_id = $1 AND id = $2", [guildId, id]))[0];
  }
  async factBySeq(seq: number) {
    return (await this.rows<FactRow>("SELECT * FROM facts WHERE seq = $1", [seq]))[0]!;
  }
  async factIds(guildId: string) {
    return new Set((await this.rows<{ id: string }>("SELECT id FROM facts WHERE guild_id = $1", [guildId])).map((row) => row.id));
  }
  pageOfFacts(guildId: string, includeDeleted: boolean, limit: number, offset: number) {
    return this.rows<FactRow>("SELECT * FROM facts WHERE guild_id = $1 AND ($2 OR deleted_at IS NULL) ORDER BY seq LIMIT $3 OFFSET $4", [guildId, includeDeleted, limit, offset]);
  }
  async countFacts(guildId: string, includeDeleted: boolean) {
    return (await this.rows<{ count: number }>("SELECT count(*)::integer AS count FROM facts WHERE guild_id = $1 AND ($2 OR deleted_at IS NULL)", [guildId, includeDeleted]))[0]!.count;
  }
  liveFacts(guildId: string) {
    return this.rows<FactRow>("SELECT * FROM facts WHERE guild_id = $1 AND deleted_at IS NULL ORDER BY seq", [guildId]);
  }
  async insertFact(fact: FactInsert) {
    const [row] = await this.rows<{ seq: number }>(
      `INSERT INTO facts (guild_id, id, statement, question, source_id, source_title, source_url, source_date, quote, revision,
                          created_by, created_at, updated_by, updated_at, suggested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $14)
       RETURNING seq`,
      [fact.guild_id, fact.id, ...fieldValues(fact), fact.created_by, fact.created_at, fact.updated_by, fact.updated_at, fact.suggested_by],
    );
    return row!.seq;
  }
  async updateFields(update: FieldsUpdate) {
    await this.db.query(
      `UPDATE facts SET statement = $1, question = $2, source_id = $3, source_title = $4, source_url = $5, source_date = $6, quote = $7,
                        revision = revision + 1, updated_by = $8, updated_at = $9
       WHERE seq = $10`,
      [...fieldValues(update), update.by, update.at, update.seq],
    );
  }
  async setRemoval(update: RemovalUpdate) {
    await this.db.query(
      "UPDATE facts SET deleted_at = $1, deleted_by = $2, revision = revision + 1, updated_by = $3, updated_at = $4 WHERE seq = $5",
      [update.deleted_at, update.deleted_by, update.by, update.at, update.seq],
    );
  }
  async insertRevision({ seq, revision, action, at, by, changes }: RevisionInsert) {
    await this.db.query("INSERT INTO fact_revisions (fact_seq, revision, action, at, by, changes) VALUES ($1, $2, $3, $4, $5, $6)", [
      seq,
      revision,
      action,
      at,
      by,
      JSON.stringify(changes),
    ]);
  }
  revisionsOf(seq: number) {
    return this.rows<FactRevision>("SELECT revision, at, by, action, changes FROM fact_revisions WHERE fact_seq = $1 ORDER BY revision", [seq]);
  }
  async nextNumber(guildId: string, kind: string) {
    const [row] = await this.rows<{ last_number: number }>(
      `INSERT INTO id_counters (guild_id, kind, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (guild_id, kind) DO UPDATE SET last_number = id_counters.last_number + 1
       RETURNING last_number`,
      [guildId, kind],
    );
    return row!.last_number;
  }
  async moderatorRoles(guildId: string) {
    // Byte order, as SQLite sorts: the database's own collation may order text otherwise.
    return (await this.rows<{ role_id: string }>('SELECT role_id FROM moderator_roles WHERE guild_id = $1 ORDER BY role_id COLLATE "C"', [guildId])).map((row) => row.role_id);
  }
  async replaceModeratorRoles(guildId: string, roleIds: readonly string[]) {
    await this.db.query("DELETE FROM moderator_roles WHERE guild_id = $1", [guildId]);
    await this.db.query("INSERT INTO moderator_roles (guild_id, role_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", [guildId, roleIds]);
  }
  factsQuotingListedSources() {
    return this.rows<FactRow>("SELECT * FROM facts WHERE source_id IS NOT NULL AND quote IS NOT NULL ORDER BY seq", []);
  }
  async dataMigrationApplied(name: string) {
    return (await this.rows("SELECT 1 FROM data_migrations WHERE name = $1", [name])).length > 0;
  }
  async recordDataMigration(name: string, at: string) {
    await this.db.query("INSERT INTO data_migrations (name, applied_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [name, at]);
  }
  async logChannel(guildId: string) {
    return (await this.rows<{ log_channel_id: string | null }>("SELECT log_channel_id FROM guild_settings WHERE guild_id = $1", [guildId]))[0]?.log_channel_id ?? null;
  }
  async setLogChannel(guildId: string, channelId: string | null) {
    await this.db.query(
      `INSERT INTO guild_settings (guild_id, log_channel_id) VALUES ($1, $2)
       ON CONFLICT (guild_id) DO UPDATE SET log_channel_id = excluded.log_channel_id`,
      [guildId, channelId],
    );
  }
  async insertSuggestion(suggestion: SuggestionInsert) {
    const [row] = await this.rows<{ seq: number }>(
      `INSERT INTO suggestions (guild_id, id, statement, question, source_id, source_title, source_url, source_date, quote,
                                suggested_by, suggested_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending')
       RETURNING seq`,
      [suggestion.guild_id, suggestion.id, ...fieldValues(suggestion), suggestion.suggested_by, suggestion.suggested_at],
    );
    return row!.seq;
  }
  async suggestionBySeq(seq: number) {
    return (await this.rows<SuggestionRow>(`${SUGGESTION_SELECT_SQL} WHERE suggestions.seq = $1`, [seq]))[0]!;
  }
  async suggestionById(guildId: string, id: string) {
    return (await this.rows<SuggestionRow>(`${SUGGESTION_SELECT_SQL} WHERE suggestions.guild_id = $1 AND suggestions.id = $2`, [guildId, id]))[0];
  }
  pendingSuggestions(guildId: string) {
    return this.rows<SuggestionRow>(`${SUGGESTION_SELECT_SQL} WHERE suggestions.guild_id = $1 AND status = 'pending' ORDER BY suggestions.seq`, [guildId]);
  }
  async decideSuggestion(decision: SuggestionDecision) {
    await this.db.query("UPDATE suggestions SET status = $1, decided_by = $2, decided_at = $3, fact_seq = $4 WHERE seq = $5", [
      decision.status,
      decision.by,
      decision.at,
      decision.fact_seq,
      decision.seq,
    ]);
  }
}

class PostgresFactDatabase implements FactDatabase {
  private readonly tables: PostgresFactTables;

  constructor(private readonly pool: pg.Pool) {
    this.tables = new PostgresFactTables(pool);
  }

  async read<T>(work: (tables: FactTables) => Promise<T>): Promise<T> {
    try {
      return await work(this.tables);
    } catch (error) {
      throw busyOrSame(error);
    }
  }

  /**
   * A transaction holding an advisory lock on its guild: writes to one guild (from any process) take turns,
   * as SQLite's single writer makes them, so a check and the write it allows see the same data.
   */
  async write<T>(guildId: string, work: (tables: FactTables) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [GUILD_WRITE_LOCK, guildId]);
      const result = await work(new PostgresFactTables(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped rather than handed to the next caller.
      await client.query("ROLLBACK").catch(() => (broken = true));
      throw busyOrSame(error);
    } finally {
      client.release(broken);
    }
  }
}

/** Facts in PostgreSQL, on a pool opened (and migrated) by openPostgres; whoever opened the pool ends it. */
export class PostgresFactStore extends SqlFactStore {
  constructor(pool: pg.Pool, options: FactStoreOptions = {}) {
    super(new PostgresFactDatabase(pool), options);
  }
}
