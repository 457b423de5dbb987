import { join } from "node:path";
import type Database from "better-sqlite3";
import { errorCode } from "../errors.js";
import { DatabaseBusyError } from "./fact-errors.js";
import type { FactRow, FactInsert, FieldsUpdate, RemovalUpdate, RevisionInsert, SuggestionDecision, SuggestionInsert, SuggestionRow } from "./fact-rows.js";
import type { FactAction, FactRevision, FieldChange } from "./fact-store.js";
import type { FactDatabase, FactTables } from "./fact-tables.js";
import { SqlFactStore, type FactStoreOptions } from "./sql-fact-store.js";
import { openStoreDatabase } from "./sqlite-database.js";
import { SerialQueue } from "./serial-queue.js";

export const FACTS_DATABASE_FILE = "facts.sqlite3";

export function factsDatabasePath(dataDir: string): string {
  return join(dataDir, FACTS_DATABASE_FILE);
}

type RevisionRow = { revision: number; at: string; by: string; action: FactAction; changes: string };
type PageParams = { guild_id: string; include_deleted: number; limit: number; offset: number };

const FACT_COLUMNS_SQL = "@statement, @question, @source_id, @source_title, @source_url, @source_date, @quote";
const SUGGESTION_SELECT_SQL = `
  SELECT suggestions.*, facts.id AS fact_id
  FROM suggestions LEFT JOIN facts ON facts.seq = suggestions.fact_seq`;

/** Prepared once per connection and reused. */
function prepareStatements(db: Database.Database) {
  return {
    factBySeq: db.prepare<[number], FactRow>("SELECT * FROM facts WHERE seq = ?"),
    factById: db.prepare<[string, string], FactRow>("SELECT * FROM facts WHERE guild_id = ? AND id = ?"),
    factIds: db.prepare<[string], string>("SELECT id FROM facts WHERE guild_id = ?").pluck(),
    pageOfFacts: db.prepare<PageParams, FactRow>(`
      SELECT * FROM facts WHERE guild_id = @guild_id AND (@include_deleted OR deleted_at IS NULL)
      ORDER BY seq LIMIT @limit OFFSET @offset`),
    countFacts: db
      .prepare<Omit<PageParams, "limit" | "offset">, number>(`
        SELECT count(*) FROM facts WHERE guild_id = @guild_id AND (@include_deleted OR deleted_at IS NULL)`)
      .pluck(),
    liveFacts: db.prepare<[string], FactRow>("SELECT * FROM facts WHERE guild_id = ? AND deleted_at IS NULL ORDER BY seq"),
    insertFact: db
      .prepare<FactInsert, number>(`
        INSERT INTO facts (guild_id, id, statement, question, source_id, source_title, source_url, source_date, quote, revision,
                           created_by, created_at, updated_by, updated_at, suggested_by)
        VALUES (@guild_id, @id, ${FACT_COLUMNS_SQL}, 1,
                @created_by, @created_at, @updated_by, @updated_at, @suggested_by)
        RETURNING seq`)
      .pluck(),
    updateFields: db.prepare<FieldsUpdate>(`
      UPDATE facts SET statement = @statement, question = @question, source_id = @source_id,
                       source_title = @source_title, source_url = @source_url, source_date = @source_date, quote = @quote,
                       revision = revision + 1, updated_by = @by, updated_at = @at
      WHERE seq = @seq`),
    setRemoval: db.prepare<RemovalUpdate>(`
      UPDATE facts SET deleted_at = @deleted_at, deleted_by = @deleted_by,
                       revision = revision + 1, updated_by = @by, updated_at = @at
      WHERE seq = @seq`),
    insertRevision: db.prepare<[number, number, FactAction, string, string, string]>(
      "INSERT INTO fact_revisions (fact_seq, revision, action, at, by, changes) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    revisionsOf: db.prepare<[number], RevisionRow>(
      "SELECT revision, at, by, action, changes FROM fact_revisions WHERE fact_seq = ? ORDER BY revision",
    ),
    nextNumber: db
      .prepare<[string, string], number>(`
        INSERT INTO id_counters (guild_id, kind, last_number) VALUES (?, ?, 1)
        ON CONFLICT (guild_id, kind) DO UPDATE SET last_number = last_number + 1
        RETURNING last_number`)
      .pluck(),
    moderatorRoles: db.prepare<[string], string>("SELECT role_id FROM moderator_roles WHERE guild_id = ? ORDER BY role_id").pluck(),
    clearModeratorRoles: db.prepare<[string]>("DELETE FROM moderator_roles WHERE guild_id = ?"),
    addModeratorRole: db.prepare<[string, string]>("INSERT OR IGNORE INTO moderator_roles (guild_id, role_id) VALUES (?, ?)"),
    factsQuotingListedSources: db.prepare<[], FactRow>("SELECT * FROM facts WHERE source_id IS NOT NULL AND quote IS NOT NULL ORDER BY seq"),
    dataMigrationApplied: db.prepare<[string], number>("SELECT count(*) FROM data_migrations WHERE name = ?").pluck(),
    recordDataMigration: db.prepare<[string, string]>("INSERT INTO data_migrations (name, applied_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"),
    logChannel: db.prepare<[string], string | null>("SELECT log_channel_id FROM guild_settings WHERE guild_id = ?").pluck(),
    setLogChannel: db.prepare<[string, string | null]>(`
      INSERT INTO guild_settings (guild_id, log_channel_id) VALUES (?, ?)
      ON CONFLICT (guild_id) DO UPDATE SET log_channel_id = excluded.log_channel_id`),
    insertSuggestion: db
      .prepare<SuggestionInsert, number>(`
        INSERT INTO suggestions (guild_id, id, statement, question, source_id, source_title, source_url, source_date, quote,
                                 suggested_by, suggested_at, status)
        VALUES (@guild_id, @id, ${FACT_COLUMNS_SQL}, @suggested_by, @suggested_at, 'pending')
        RETURNING seq`)
      .pluck(),
    suggestionBySeq: db.prepare<[number], SuggestionRow>(`${SUGGESTION_SELECT_SQL} WHERE suggestions.seq = ?`),
    suggestionById: db.prepare<[string, string], SuggestionRow>(`${SUGGESTION_SELECT_SQL} WHERE suggestions.guild_id = ? AND suggestions.id = ?`),
    pendingSuggestions: db.prepare<[string], SuggestionRow>(
      `${SUGGESTION_SELECT_SQL} WHERE suggestions.guild_id = ? AND status = 'pending' ORDER BY suggestions.seq`,
    ),
    decideSuggestion: db.prepare<SuggestionDecision>(`
      UPDATE suggestions SET status = @status, decided_by = @by, decided_at = @at, fact_seq = @fact_seq
      WHERE seq = @seq`),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** better-sqlite3 answers at once; the promises only give both databases one interface. */
class SqliteFactTables implements FactTables {
  constructor(private readonly sql: Statements) {}

  async factById(guildId: string, id: string) {
    return this.sql.factById.get(guildId, id);
  }
  async factBySeq(seq: number) {
    return this.sql.factBySeq.get(seq)!;
  }
  async factIds(guildId: string) {
    return new Set(this.sql.factIds.all(guildId));
  }
  async pageOfFacts(guildId: string, includeDeleted: boolean, limit: number, offset: number) {
    return this.sql.pageOfFacts.all({ guild_id: guildId, include_deleted: includeDeleted ? 1 : 0, limit, offset });
  }
  async countFacts(guildId: string, includeDeleted: boolean) {
    return this.sql.countFacts.get({ guild_id: guildId, include_deleted: includeDeleted ? 1 : 0 })!;
  }
  async liveFacts(guildId: string) {
    return this.sql.liveFacts.all(guildId);
  }
  async insertFact(fact: FactInsert) {
    return this.sql.insertFact.get(fact)!;
  }
  async updateFields(update: FieldsUpdate) {
    this.sql.updateFields.run(update);
  }
  async setRemoval(update: RemovalUpdate) {
    this.sql.setRemoval.run(update);
  }
  async insertRevision({ seq, revision, action, at, by, changes }: RevisionInsert) {
    this.sql.insertRevision.run(seq, revision, action, at, by, JSON.stringify(changes));
  }
  async revisionsOf(seq: number): Promise<FactRevision[]> {
    return this.sql.revisionsOf.all(seq).map((row) => ({ ...row, changes: JSON.parse(row.changes) as FieldChange[] }));
  }
  async nextNumber(guildId: string, kind: string) {
    return this.sql.nextNumber.get(guildId, kind)!;
  }
  async moderatorRoles(guildId: string) {
    return this.sql.moderatorRoles.all(guildId);
  }
  async replaceModeratorRoles(guildId: string, roleIds: readonly string[]) {
    this.sql.clearModeratorRoles.run(guildId);
    for (const roleId of roleIds) this.sql.addModeratorRole.run(guildId, roleId);
  }
  async factsQuotingListedSources() {
    return this.sql.factsQuotingListedSources.all();
  }
  async dataMigrationApplied(name: string) {
    return this.sql.dataMigrationApplied.get(name)! > 0;
  }
  async recordDataMigration(name: string, at: string) {
    this.sql.recordDataMigration.run(name, at);
  }
  async logChannel(guildId: string) {
    return this.sql.logChannel.get(guildId) ?? null;
  }
  async setLogChannel(guildId: string, channelId: string | null) {
    this.sql.setLogChannel.run(guildId, channelId);
  }
  async insertSuggestion(suggestion: SuggestionInsert) {
    return this.sql.insertSuggestion.get(suggestion)!;
  }
  async suggestionBySeq(seq: number) {
    return this.sql.suggestionBySeq.get(seq)!;
  }
  async suggestionById(guildId: string, id: string) {
    return this.sql.suggestionById.get(guildId, id);
  }
  async pendingSuggestions(guildId: string) {
    return this.sql.pendingSuggestions.all(guildId);
  }
  async decideSuggestion(decision: SuggestionDecision) {
    this.sql.decideSuggestion.run(decision);
  }
}

/**
 * One connection, used by one piece of work at a time: a read never sees a transaction half done, and a
 * transaction's awaits never let another one in.
 */
class SqliteFactDatabase implements FactDatabase {
  private readonly db: Database.Database;
  private readonly tables: SqliteFactTables;
  private readonly queue = new SerialQueue();

  constructor(path: string) {
    this.db = openStoreDatabase(path);
    try {
      this.tables = new SqliteFactTables(prepareStatements(this.db));
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  read<T>(work: (tables: FactTables) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.tables));
  }

  /**
   * IMMEDIATE takes the write lock up front, so two writers wait for each other instead of failing mid-way.
   * A lock held longer than the busy timeout (another instance, a sqlite3 shell, a VACUUM) is reported as
   * DatabaseBusyError, with nothing written, for the caller to retry without freezing the bot.
   */
  write<T>(_guildId: string, work: (tables: FactTables) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      try {
        this.db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(this.tables);
          this.db.exec("COMMIT");
          return result;
        } finally {
          if (this.db.inTransaction) this.db.exec("ROLLBACK");
        }
      } catch (error) {
        if (errorCode(error) === "SQLITE_BUSY") throw new DatabaseBusyError({ cause: error });
        throw error;
      }
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Facts in a SQLite file (or ":memory:"). */
export class SqliteFactStore extends SqlFactStore {
  private readonly connection: SqliteFactDatabase;

  constructor(path: string, options: FactStoreOptions = {}) {
    const connection = new SqliteFactDatabase(path);
    super(connection, options);
    this.connection = connection;
  }

  close(): void {
    this.connection.close();
  }
}
