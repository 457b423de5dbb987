import { UserFacingError } from "../errors.js";
import { FACT_MESSAGES as M, FactConflictError, FactNotFoundError, SuggestionNotFoundError } from "./fact-errors.js";
import { buildExport, readFactsExport, type FactsExport, type ImportResult } from "./fact-export.js";
import { FactInput, toFactInput, type QuoteCheck } from "./fact-input.js";
import { changedFields, columnsOf, inputOf, toServerFact, toSuggestion, type FactRow, type SuggestionRow } from "./fact-rows.js";
import { QUOTE_RECHECK_MIGRATION as QUOTE_RECHECK, type FactDatabase, type FactTables } from "./fact-tables.js";
import { SYSTEM_ACTOR, type FactPage, type FactRecord, type FactRevision, type FactStore, type FactSuggestion, type ListOptions, type ServerFact } from "./fact-store.js";

export interface FactStoreOptions {
  /** The clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const FACT_ID_PREFIX = "server";
const SUGGESTION_ID_PREFIX = "suggestion";
/** The write lock the data migrations' records take: no guild has this id. */
const DATA_MIGRATIONS_LOCK = "data-migrations";
/** Role and channel ids: Discord snowflakes. */
const SNOWFLAKE = /^\d{1,20}$/;

type NewFactRecord = Pick<FactRecord, "createdBy" | "createdAt" | "updatedBy" | "updatedAt" | "suggestedBy">;

/** The rules of a fact store over the tables of either database: every write is one transaction. */
export class SqlFactStore implements FactStore {
  private readonly now: () => Date;

  constructor(
    private readonly database: FactDatabase,
    options: FactStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async add(guildId: string, input: FactInput, actorId: string): Promise<ServerFact> {
    const checkedInput = FactInput.parse(input);
    return this.database.write(guildId, async (tables) => this.factAt(tables, await this.createFact(tables, guildId, checkedInput, actorId, null)));
  }

  async edit(guildId: string, id: string, input: FactInput, expectedRevision: number, actorId: string): Promise<ServerFact> {
    const checkedInput = FactInput.parse(input);
    return this.database.write(guildId, async (tables) => {
      const row = await this.rowOf(tables, guildId, id);
      if (row.deleted_at !== null) throw new UserFacingError(M.factRemoved(id));
      if (row.revision !== expectedRevision) throw new FactConflictError(id, row.revision, expectedRevision);
      const changes = changedFields(inputOf(row), checkedInput);
      if (changes.length === 0) return toServerFact(row);
      const at = this.timestamp();
      await tables.updateFields({ ...columnsOf(checkedInput), seq: row.seq, by: actorId, at });
      await tables.insertRevision({ seq: row.seq, revision: row.revision + 1, action: "edited", at, by: actorId, changes });
      return this.factAt(tables, row.seq);
    });
  }

  remove(guildId: string, id: string, actorId: string): Promise<ServerFact> {
    return this.setRemoved(guildId, id, actorId, true);
  }

  restore(guildId: string, id: string, actorId: string): Promise<ServerFact> {
    return this.setRemoved(guildId, id, actorId, false);
  }

  get(guildId: string, id: string, options: { includeDeleted?: boolean } = {}): Promise<ServerFact | undefined> {
    return this.database.read(async (tables) => {
      const row = await tables.factById(guildId, id);
      if (!row || (row.deleted_at !== null && !options.includeDeleted)) return undefined;
      return toServerFact(row);
    });
  }

  async list(guildId: string, { offset = 0, limit = DEFAULT_PAGE_SIZE, includeDeleted = false }: ListOptions = {}): Promise<FactPage> {
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be an integer >= 0, not ${offset}`);
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be an integer >= 1, not ${limit}`);
    return this.database.read(async (tables) => {
      const rows = await tables.pageOfFacts(guildId, includeDeleted, Math.min(limit, MAX_PAGE_SIZE), offset);
      return { facts: rows.map(toServerFact), total: await tables.countFacts(guildId, includeDeleted) };
    });
  }

  history(guildId: string, id: string): Promise<FactRevision[]> {
    return this.database.read(async (tables) => tables.revisionsOf((await this.rowOf(tables, guildId, id)).seq));
  }

  liveFacts(guildId: string): Promise<ServerFact[]> {
    return this.database.read(async (tables) => (await tables.liveFacts(guildId)).map(toServerFact));
  }

  async exportGuild(guildId: string): Promise<FactsExport> {
    return buildExport(guildId, await this.liveFacts(guildId), this.timestamp());
  }

  importGuild(guildId: string, json: string | Uint8Array, actorId: string, knownSourceIds: ReadonlySet<string>, quoteCheck?: QuoteCheck): Promise<ImportResult> {
    // Checked inside the write transaction, so no fact can take one of the ids between the check and the insert.
    return this.database.write(guildId, async (tables): Promise<ImportResult> => {
      const taken = await tables.factIds(guildId);
      const read = readFactsExport(json, knownSourceIds, (id) => taken.has(id), quoteCheck);
      if (!read.ok) return read;
      const at = this.timestamp();
      const facts: ServerFact[] = [];
      for (const fact of read.document.facts) {
        const { createdBy, createdAt, suggestedBy } = fact;
        const record = { createdBy, createdAt, updatedBy: actorId, updatedAt: at, suggestedBy };
        facts.push(await this.factAt(tables, await this.insertFact(tables, guildId, fact.id, toFactInput(fact), record, "imported")));
      }
      return { ok: true, facts };
    });
  }

  async recheckStoredQuotes(quoteCheck: QuoteCheck, knownSourceIds: ReadonlySet<string>): Promise<ServerFact[]> {
    if (await this.database.read((tables) => tables.dataMigrationApplied(QUOTE_RECHECK))) return [];
    // A fact citing a source that no longer exists cannot be checked, and is not shown at all.
    const fails = (row: FactRow) => row.source_id !== null && row.quote !== null && knownSourceIds.has(row.source_id) && !quoteCheck(row.source_id, row.quote);
    const suspects = (await this.database.read((tables) => tables.factsQuotingListedSources())).filter(fails);
    const changed: ServerFact[] = [];
    for (const suspect of suspects) {
      const fact = await this.database.write(suspect.guild_id, async (tables) => {
        // Checked again inside the transaction: another process starting at the same time may have removed it already.
        const row = await tables.factBySeq(suspect.seq);
        if (!fails(row)) return undefined;
        const at = this.timestamp();
        await tables.updateFields({ ...columnsOf(inputOf(row)), quote: null, seq: row.seq, by: SYSTEM_ACTOR, at });
        await tables.insertRevision({ seq: row.seq, revision: row.revision + 1, action: "edited", at, by: SYSTEM_ACTOR, changes: [{ field: "quote", before: row.quote, after: null }] });
        return this.factAt(tables, row.seq);
      });
      if (fact) changed.push(fact);
    }
    await this.database.write(DATA_MIGRATIONS_LOCK, (tables) => tables.recordDataMigration(QUOTE_RECHECK, this.timestamp()));
    return changed;
  }

  getModeratorRoles(guildId: string): Promise<string[]> {
    return this.database.read((tables) => tables.moderatorRoles(guildId));
  }

  async setModeratorRoles(guildId: string, roleIds: readonly string[]): Promise<void> {
    const invalid = roleIds.find((roleId) => !SNOWFLAKE.test(roleId));
    if (invalid !== undefined) throw new TypeError(`not a Discord role id: ${invalid}`);
    await this.database.write(guildId, (tables) => tables.replaceModeratorRoles(guildId, [...new Set(roleIds)]));
  }

  getLogChannel(guildId: string): Promise<string | null> {
    return this.database.read((tables) => tables.logChannel(guildId));
  }

  async setLogChannel(guildId: string, channelId: string | null): Promise<void> {
    if (channelId !== null && !SNOWFLAKE.test(channelId)) throw new TypeError(`not a Discord channel id: ${channelId}`);
    await this.database.write(guildId, (tables) => tables.setLogChannel(guildId, channelId));
  }

  async suggest(guildId: string, input: FactInput, userId: string): Promise<FactSuggestion> {
    const checkedInput = FactInput.parse(input);
    return this.database.write(guildId, async (tables) => {
      const number = await tables.nextNumber(guildId, SUGGESTION_ID_PREFIX);
      const seq = await tables.insertSuggestion({
        ...columnsOf(checkedInput),
        guild_id: guildId,
        id: `${SUGGESTION_ID_PREFIX}-${number}`,
        suggested_by: userId,
        suggested_at: this.timestamp(),
      });
      return toSuggestion(await tables.suggestionBySeq(seq));
    });
  }

  listSuggestions(guildId: string): Promise<FactSuggestion[]> {
    return this.database.read(async (tables) => (await tables.pendingSuggestions(guildId)).map(toSuggestion));
  }

  acceptSuggestion(guildId: string, suggestionId: string, moderatorId: string): Promise<ServerFact> {
    return this.database.write(guildId, async (tables) => {
      const suggestion = await this.pendingSuggestion(tables, guildId, suggestionId);
      const factSeq = await this.createFact(tables, guildId, inputOf(suggestion), moderatorId, suggestion.suggested_by);
      await tables.decideSuggestion({ seq: suggestion.seq, status: "accepted", by: moderatorId, at: this.timestamp(), fact_seq: factSeq });
      return this.factAt(tables, factSeq);
    });
  }

  rejectSuggestion(guildId: string, suggestionId: string, moderatorId: string): Promise<FactSuggestion> {
    return this.database.write(guildId, async (tables) => {
      const suggestion = await this.pendingSuggestion(tables, guildId, suggestionId);
      await tables.decideSuggestion({ seq: suggestion.seq, status: "rejected", by: moderatorId, at: this.timestamp(), fact_seq: null });
      return toSuggestion(await tables.suggestionBySeq(suggestion.seq));
    });
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /** The guild's fact, removed or not; another guild's fact is not found. */
  private async rowOf(tables: FactTables, guildId: string, id: string): Promise<FactRow> {
    const row = await tables.factById(guildId, id);
    if (!row) throw new FactNotFoundError(id);
    return row;
  }

  private async factAt(tables: FactTables, seq: number): Promise<ServerFact> {
    return toServerFact(await tables.factBySeq(seq));
  }

  /** The next "server-N"; skips numbers that imported facts already use, so an id is never handed out twice. */
  private async allocateFactId(tables: FactTables, guildId: string): Promise<string> {
    for (;;) {
      const id = `${FACT_ID_PREFIX}-${await tables.nextNumber(guildId, FACT_ID_PREFIX)}`;
      if (!(await tables.factById(guildId, id))) return id;
    }
  }

  /** A new fact under the next free id, written by actorId now; returns its row number. */
  private async createFact(tables: FactTables, guildId: string, input: FactInput, actorId: string, suggestedBy: string | null): Promise<number> {
    const at = this.timestamp();
    const record = { createdBy: actorId, createdAt: at, updatedBy: actorId, updatedAt: at, suggestedBy };
    return this.insertFact(tables, guildId, await this.allocateFactId(tables, guildId), input, record, "created");
  }

  /** Writes a fact at revision 1 together with its first revision row; returns its row number. */
  private async insertFact(tables: FactTables, guildId: string, id: string, input: FactInput, record: NewFactRecord, action: "created" | "imported"): Promise<number> {
    const seq = await tables.insertFact({
      ...columnsOf(input),
      guild_id: guildId,
      id,
      created_by: record.createdBy,
      created_at: record.createdAt,
      updated_by: record.updatedBy,
      updated_at: record.updatedAt,
      suggested_by: record.suggestedBy,
    });
    await tables.insertRevision({ seq, revision: 1, action, at: record.updatedAt, by: record.updatedBy, changes: changedFields(undefined, input) });
    return seq;
  }

  private setRemoved(guildId: string, id: string, actorId: string, removed: boolean): Promise<ServerFact> {
    return this.database.write(guildId, async (tables) => {
      const row = await this.rowOf(tables, guildId, id);
      if (removed && row.deleted_at !== null) throw new UserFacingError(M.factAlreadyRemoved(id));
      if (!removed && row.deleted_at === null) throw new UserFacingError(M.factNotRemoved(id));
      const at = this.timestamp();
      const deletion = removed ? { deleted_at: at, deleted_by: actorId } : { deleted_at: null, deleted_by: null };
      await tables.setRemoval({ ...deletion, seq: row.seq, by: actorId, at });
      await tables.insertRevision({ seq: row.seq, revision: row.revision + 1, action: removed ? "removed" : "restored", at, by: actorId, changes: [] });
      return this.factAt(tables, row.seq);
    });
  }

  private async pendingSuggestion(tables: FactTables, guildId: string, suggestionId: string): Promise<SuggestionRow> {
    const row = await tables.suggestionById(guildId, suggestionId);
    if (!row) throw new SuggestionNotFoundError(suggestionId);
    if (row.status !== "pending") throw new UserFacingError(M.suggestionDecided(suggestionId, row.status));
    return row;
  }
}
