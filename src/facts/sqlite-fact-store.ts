import { join } from "node:path";
import type Database from "better-sqlite3";
import { errorCode, UserFacingError } from "../errors.js";
import { DatabaseBusyError, FACT_MESSAGES as M, FactConflictError, FactNotFoundError, SuggestionNotFoundError } from "./fact-errors.js";
import { buildExport, readFactsExport, type FactsExport, type ImportResult } from "./fact-export.js";
import { FACT_FIELDS, FactInput, toFactInput, type FactField, type FactFields, type QuoteCheck } from "./fact-input.js";
import type {
  FactAction,
  FactPage,
  FactRecord,
  FactRevision,
  FactStore,
  FactSuggestion,
  FieldChange,
  ListOptions,
  ServerFact,
  SuggestionStatus,
} from "./fact-store.js";
import { openStoreDatabase } from "./sqlite-database.js";

export const FACTS_DATABASE_FILE = "facts.sqlite3";

export function factsDatabasePath(dataDir: string): string {
  return join(dataDir, FACTS_DATABASE_FILE);
}

export interface SqliteFactStoreOptions {
  /** The clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const FACT_ID_PREFIX = "server";
const SUGGESTION_ID_PREFIX = "suggestion";
const ROLE_ID = /^\d{1,20}$/;

interface FieldColumns {
  statement: string;
  question: string | null;
  source_id: string | null;
  source_title: string | null;
  source_url: string | null;
  quote: string | null;
}

interface FactRow extends FieldColumns {
  seq: number;
  guild_id: string;
  id: string;
  revision: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  suggested_by: string | null;
}

interface RevisionRow {
  revision: number;
  at: string;
  by: string;
  action: FactAction;
  changes: string;
}

interface SuggestionRow extends FieldColumns {
  seq: number;
  guild_id: string;
  id: string;
  suggested_by: string;
  suggested_at: string;
  status: SuggestionStatus;
  decided_by: string | null;
  decided_at: string | null;
  fact_id: string | null;
}

type NewFactRecord = Pick<FactRecord, "createdBy" | "createdAt" | "updatedBy" | "updatedAt" | "suggestedBy">;

type FactInsert = FieldColumns & {
  guild_id: string;
  id: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  suggested_by: string | null;
};

type SuggestionInsert = FieldColumns & { guild_id: string; id: string; suggested_by: string; suggested_at: string };
type RemovalUpdate = { seq: number; deleted_at: string | null; deleted_by: string | null; by: string; at: string };
type SuggestionDecision = { seq: number; status: SuggestionStatus; by: string; at: string; fact_seq: number | null };

function columnsOf(input: FactInput): FieldColumns {
  return {
    statement: input.statement,
    question: input.question ?? null,
    source_id: input.sourceId ?? null,
    source_title: input.sourceTitle ?? null,
    source_url: input.sourceUrl ?? null,
    quote: input.quote ?? null,
  };
}

function inputOf(row: FieldColumns): FactInput {
  return toFactInput({
    statement: row.statement,
    question: row.question ?? undefined,
    sourceId: row.source_id ?? undefined,
    sourceTitle: row.source_title ?? undefined,
    sourceUrl: row.source_url ?? undefined,
    quote: row.quote ?? undefined,
  });
}

function toServerFact(row: FactRow): ServerFact {
  return {
    ...inputOf(row),
    id: row.id,
    guildId: row.guild_id,
    revision: row.revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    suggestedBy: row.suggested_by,
  };
}

function toSuggestion(row: SuggestionRow): FactSuggestion {
  return {
    ...inputOf(row),
    id: row.id,
    guildId: row.guild_id,
    suggestedBy: row.suggested_by,
    suggestedAt: row.suggested_at,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    factId: row.fact_id,
  };
}

function toRevision(row: RevisionRow): FactRevision {
  return { ...row, changes: JSON.parse(row.changes) as FieldChange[] };
}

/** The fields whose value differs; with no `before`, every field the fact sets. */
function changedFields(before: FactInput | undefined, after: FactInput): FieldChange[] {
  const valueOf = (input: FactFields | undefined, field: FactField) => input?.[field] ?? null;
  return FACT_FIELDS.flatMap((field) => {
    const [was, is] = [valueOf(before, field), valueOf(after, field)];
    return was === is ? [] : [{ field, before: was, after: is }];
  });
}

const FACT_COLUMNS_SQL = "@statement, @question, @source_id, @source_title, @source_url, @quote";
const SUGGESTION_SELECT_SQL = `
  SELECT suggestions.*, facts.id AS fact_id
  FROM suggestions LEFT JOIN facts ON facts.seq = suggestions.fact_seq`;

type PageParams = { guild_id: string; include_deleted: number; limit: number; offset: number };

/** Prepared once per connection and reused. */
function prepareStatements(db: Database.Database) {
  return {
    factBySeq: db.prepare<[number], FactRow>("SELECT * FROM facts WHERE seq = ?"),
    factById: db.prepare<[string, string], FactRow>("SELECT * FROM facts WHERE guild_id = ? AND id = ?"),
    pageOfFacts: db.prepare<PageParams, FactRow>(`
      SELECT * FROM facts WHERE guild_id = @guild_id AND (@include_deleted OR deleted_at IS NULL)
      ORDER BY seq LIMIT @limit OFFSET @offset`),
    countFacts: db
      .prepare<Omit<PageParams, "limit" | "offset">, number>(`
        SELECT count(*) FROM facts WHERE guild_id = @guild_id AND (@include_deleted OR deleted_at IS NULL)`)
      .pluck(),
    activeFacts: db.prepare<[], FactRow>("SELECT * FROM facts WHERE deleted_at IS NULL ORDER BY seq"),
    activeFactsOfGuild: db.prepare<[string], FactRow>(
      "SELECT * FROM facts WHERE guild_id = ? AND deleted_at IS NULL ORDER BY seq",
    ),
    insertFact: db
      .prepare<FactInsert, number>(`
        INSERT INTO facts (guild_id, id, statement, question, source_id, source_title, source_url, quote, revision,
                           created_by, created_at, updated_by, updated_at, suggested_by)
        VALUES (@guild_id, @id, ${FACT_COLUMNS_SQL}, 1,
                @created_by, @created_at, @updated_by, @updated_at, @suggested_by)
        RETURNING seq`)
      .pluck(),
    updateFields: db.prepare<FieldColumns & { seq: number; by: string; at: string }>(`
      UPDATE facts SET statement = @statement, question = @question, source_id = @source_id,
                       source_title = @source_title, source_url = @source_url, quote = @quote,
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
    moderatorRoles: db
      .prepare<[string], string>("SELECT role_id FROM moderator_roles WHERE guild_id = ? ORDER BY role_id")
      .pluck(),
    clearModeratorRoles: db.prepare<[string]>("DELETE FROM moderator_roles WHERE guild_id = ?"),
    addModeratorRole: db.prepare<[string, string]>(
      "INSERT OR IGNORE INTO moderator_roles (guild_id, role_id) VALUES (?, ?)",
    ),
    insertSuggestion: db
      .prepare<SuggestionInsert, number>(`
        INSERT INTO suggestions (guild_id, id, statement, question, source_id, source_title, source_url, quote,
                                 suggested_by, suggested_at, status)
        VALUES (@guild_id, @id, ${FACT_COLUMNS_SQL}, @suggested_by, @suggested_at, 'pending')
        RETURNING seq`)
      .pluck(),
    suggestionBySeq: db.prepare<[number], SuggestionRow>(`${SUGGESTION_SELECT_SQL} WHERE suggestions.seq = ?`),
    suggestionById: db.prepare<[string, string], SuggestionRow>(
      `${SUGGESTION_SELECT_SQL} WHERE suggestions.guild_id = ? AND suggestions.id = ?`,
    ),
    pendingSuggestions: db.prepare<[string], SuggestionRow>(
      `${SUGGESTION_SELECT_SQL} WHERE suggestions.guild_id = ? AND status = 'pending' ORDER BY suggestions.seq`,
    ),
    decideSuggestion: db.prepare<SuggestionDecision>(`
      UPDATE suggestions SET status = @status, decided_by = @by, decided_at = @at, fact_seq = @fact_seq
      WHERE seq = @seq`),
  };
}

/** Facts in a SQLite file (or ":memory:"); every write is one transaction. */
export class SqliteFactStore implements FactStore {
  private readonly db: Database.Database;
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly now: () => Date;

  constructor(path: string, options: SqliteFactStoreOptions = {}) {
    this.db = openStoreDatabase(path);
    try {
      this.sql = prepareStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.now = options.now ?? (() => new Date());
  }

  add(guildId: string, input: FactInput, actorId: string): ServerFact {
    const checkedInput = FactInput.parse(input);
    return this.write(() => this.factAt(this.createFact(guildId, checkedInput, actorId, null)));
  }

  edit(guildId: string, id: string, input: FactInput, expectedRevision: number, actorId: string): ServerFact {
    const checkedInput = FactInput.parse(input);
    return this.write(() => {
      const row = this.rowOf(guildId, id);
      if (row.deleted_at !== null) throw new UserFacingError(M.factRemoved(id));
      if (row.revision !== expectedRevision) throw new FactConflictError(id, row.revision, expectedRevision);
      const changes = changedFields(inputOf(row), checkedInput);
      if (changes.length === 0) return toServerFact(row);
      const at = this.timestamp();
      this.sql.updateFields.run({ ...columnsOf(checkedInput), seq: row.seq, by: actorId, at });
      this.recordRevision(row.seq, { revision: row.revision + 1, action: "edited", at, by: actorId, changes });
      return this.factAt(row.seq);
    });
  }

  remove(guildId: string, id: string, actorId: string): ServerFact {
    return this.setRemoved(guildId, id, actorId, true);
  }

  restore(guildId: string, id: string, actorId: string): ServerFact {
    return this.setRemoved(guildId, id, actorId, false);
  }

  get(guildId: string, id: string, options: { includeDeleted?: boolean } = {}): ServerFact | undefined {
    const row = this.sql.factById.get(guildId, id);
    if (!row || (row.deleted_at !== null && !options.includeDeleted)) return undefined;
    return toServerFact(row);
  }

  list(guildId: string, { offset = 0, limit = DEFAULT_PAGE_SIZE, includeDeleted = false }: ListOptions = {}): FactPage {
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be an integer >= 0, not ${offset}`);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer >= 1, not ${limit}`);
    const filter = { guild_id: guildId, include_deleted: includeDeleted ? 1 : 0 };
    const rows = this.sql.pageOfFacts.all({ ...filter, limit: Math.min(limit, MAX_PAGE_SIZE), offset });
    return { facts: rows.map(toServerFact), total: this.sql.countFacts.get(filter)! };
  }

  history(guildId: string, id: string): FactRevision[] {
    return this.sql.revisionsOf.all(this.rowOf(guildId, id).seq).map(toRevision);
  }

  *allActive(): IterableIterator<ServerFact> {
    for (const row of this.sql.activeFacts.iterate()) yield toServerFact(row);
  }

  exportGuild(guildId: string): FactsExport {
    return buildExport(guildId, this.sql.activeFactsOfGuild.all(guildId).map(toServerFact), this.timestamp());
  }

  importGuild(
    guildId: string,
    json: string | Uint8Array,
    actorId: string,
    knownSourceIds: ReadonlySet<string>,
    quoteCheck?: QuoteCheck,
  ): ImportResult {
    // Checked inside the write transaction, so no fact can take one of the ids between the check and the insert.
    return this.write((): ImportResult => {
      const isIdTaken = (id: string) => this.sql.factById.get(guildId, id) !== undefined;
      const read = readFactsExport(json, knownSourceIds, isIdTaken, quoteCheck);
      if (!read.ok) return read;
      const at = this.timestamp();
      const facts = read.document.facts.map((fact) => {
        const { createdBy, createdAt, suggestedBy } = fact;
        const record = { createdBy, createdAt, updatedBy: actorId, updatedAt: at, suggestedBy };
        return this.factAt(this.insertFact(guildId, fact.id, toFactInput(fact), record, "imported"));
      });
      return { ok: true, facts };
    });
  }

  getModeratorRoles(guildId: string): string[] {
    return this.sql.moderatorRoles.all(guildId);
  }

  setModeratorRoles(guildId: string, roleIds: readonly string[]): void {
    const invalid = roleIds.find((roleId) => !ROLE_ID.test(roleId));
    if (invalid !== undefined) throw new TypeError(`not a Discord role id: ${invalid}`);
    this.write(() => {
      this.sql.clearModeratorRoles.run(guildId);
      for (const roleId of roleIds) this.sql.addModeratorRole.run(guildId, roleId);
    });
  }

  suggest(guildId: string, input: FactInput, userId: string): FactSuggestion {
    const checkedInput = FactInput.parse(input);
    return this.write(() => {
      const seq = this.sql.insertSuggestion.get({
        ...columnsOf(checkedInput),
        guild_id: guildId,
        id: `${SUGGESTION_ID_PREFIX}-${this.sql.nextNumber.get(guildId, SUGGESTION_ID_PREFIX)!}`,
        suggested_by: userId,
        suggested_at: this.timestamp(),
      })!;
      return toSuggestion(this.sql.suggestionBySeq.get(seq)!);
    });
  }

  listSuggestions(guildId: string): FactSuggestion[] {
    return this.sql.pendingSuggestions.all(guildId).map(toSuggestion);
  }

  acceptSuggestion(guildId: string, suggestionId: string, moderatorId: string): ServerFact {
    return this.write(() => {
      const suggestion = this.pendingSuggestion(guildId, suggestionId);
      const factSeq = this.createFact(guildId, inputOf(suggestion), moderatorId, suggestion.suggested_by);
      const decision = { seq: suggestion.seq, by: moderatorId, at: this.timestamp(), fact_seq: factSeq };
      this.sql.decideSuggestion.run({ ...decision, status: "accepted" });
      return this.factAt(factSeq);
    });
  }

  rejectSuggestion(guildId: string, suggestionId: string, moderatorId: string): FactSuggestion {
    return this.write(() => {
      const suggestion = this.pendingSuggestion(guildId, suggestionId);
      const decision = { seq: suggestion.seq, by: moderatorId, at: this.timestamp(), fact_seq: null };
      this.sql.decideSuggestion.run({ ...decision, status: "rejected" });
      return toSuggestion(this.sql.suggestionBySeq.get(suggestion.seq)!);
    });
  }

  close(): void {
    this.db.close();
  }

  /**
   * IMMEDIATE takes the write lock up front, so two writers wait for each other instead of failing mid-way.
   * A lock held longer than the busy timeout (another instance, a sqlite3 shell, a VACUUM) is reported as
   * DatabaseBusyError, with nothing written, for the caller to retry without freezing the bot.
   */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      if (errorCode(error) === "SQLITE_BUSY") throw new DatabaseBusyError({ cause: error });
      throw error;
    }
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /** The guild's fact, removed or not; another guild's fact is not found. */
  private rowOf(guildId: string, id: string): FactRow {
    const row = this.sql.factById.get(guildId, id);
    if (!row) throw new FactNotFoundError(id);
    return row;
  }

  private factAt(seq: number): ServerFact {
    return toServerFact(this.sql.factBySeq.get(seq)!);
  }

  /** The next "server-N"; skips numbers that imported facts already use, so an id is never handed out twice. */
  private allocateFactId(guildId: string): string {
    for (;;) {
      const id = `${FACT_ID_PREFIX}-${this.sql.nextNumber.get(guildId, FACT_ID_PREFIX)!}`;
      if (!this.sql.factById.get(guildId, id)) return id;
    }
  }

  /** A new fact under the next free id, written by actorId now; returns its row number. */
  private createFact(guildId: string, input: FactInput, actorId: string, suggestedBy: string | null): number {
    const at = this.timestamp();
    const record = { createdBy: actorId, createdAt: at, updatedBy: actorId, updatedAt: at, suggestedBy };
    return this.insertFact(guildId, this.allocateFactId(guildId), input, record, "created");
  }

  /** Writes a fact at revision 1 together with its first revision row; returns its row number. */
  private insertFact(
    guildId: string,
    id: string,
    input: FactInput,
    record: NewFactRecord,
    action: "created" | "imported",
  ): number {
    const seq = this.sql.insertFact.get({
      ...columnsOf(input),
      guild_id: guildId,
      id,
      created_by: record.createdBy,
      created_at: record.createdAt,
      updated_by: record.updatedBy,
      updated_at: record.updatedAt,
      suggested_by: record.suggestedBy,
    })!;
    const changes = changedFields(undefined, input);
    this.recordRevision(seq, { revision: 1, action, at: record.updatedAt, by: record.updatedBy, changes });
    return seq;
  }

  private recordRevision(seq: number, { revision, action, at, by, changes }: FactRevision): void {
    this.sql.insertRevision.run(seq, revision, action, at, by, JSON.stringify(changes));
  }

  private setRemoved(guildId: string, id: string, actorId: string, removed: boolean): ServerFact {
    return this.write(() => {
      const row = this.rowOf(guildId, id);
      if (removed && row.deleted_at !== null) throw new UserFacingError(M.factAlreadyRemoved(id));
      if (!removed && row.deleted_at === null) throw new UserFacingError(M.factNotRemoved(id));
      const at = this.timestamp();
      const deletion = removed ? { deleted_at: at, deleted_by: actorId } : { deleted_at: null, deleted_by: null };
      this.sql.setRemoval.run({ ...deletion, seq: row.seq, by: actorId, at });
      const action = removed ? "removed" : "restored";
      this.recordRevision(row.seq, { revision: row.revision + 1, action, at, by: actorId, changes: [] });
      return this.factAt(row.seq);
    });
  }

  private pendingSuggestion(guildId: string, suggestionId: string): SuggestionRow {
    const row = this.sql.suggestionById.get(guildId, suggestionId);
    if (!row) throw new SuggestionNotFoundError(suggestionId);
    if (row.status !== "pending") throw new UserFacingError(M.suggestionDecided(suggestionId, row.status));
    return row;
  }
}
