import type { FactRevision } from "./fact-store.js";
import type {
  FactInsert,
  FactRow,
  FieldsUpdate,
  RemovalUpdate,
  RevisionInsert,
  SuggestionDecision,
  SuggestionInsert,
  SuggestionRow,
} from "./fact-rows.js";

/** The data migration that removes stored quotes their listed source does not hold, by the name it is recorded under. */
export const QUOTE_RECHECK_MIGRATION = "recheck-stored-quotes";

/**
 * The statements a fact store needs, one method each, written once per database. The rules (revisions,
 * conflicts, soft delete, ids never reused) live in SqlFactStore, above them, and so hold the same on both.
 */
export interface FactTables {
  factById(guildId: string, id: string): Promise<FactRow | undefined>;
  factBySeq(seq: number): Promise<FactRow>;
  /** Every id the guild has used, removed facts included. */
  factIds(guildId: string): Promise<Set<string>>;
  pageOfFacts(guildId: string, includeDeleted: boolean, limit: number, offset: number): Promise<FactRow[]>;
  countFacts(guildId: string, includeDeleted: boolean): Promise<number>;
  /** The guild's live facts, oldest first. */
  liveFacts(guildId: string): Promise<FactRow[]>;
  /** Inserts a fact at revision 1; returns its row number. */
  insertFact(fact: FactInsert): Promise<number>;
  /** Sets the fields and takes the revision one up. */
  updateFields(update: FieldsUpdate): Promise<void>;
  /** Sets or clears the removal and takes the revision one up. */
  setRemoval(update: RemovalUpdate): Promise<void>;
  insertRevision(revision: RevisionInsert): Promise<void>;
  revisionsOf(seq: number): Promise<FactRevision[]>;
  /** The next number of a guild's counter of this kind, starting at 1. */
  nextNumber(guildId: string, kind: string): Promise<number>;
  moderatorRoles(guildId: string): Promise<string[]>;
  replaceModeratorRoles(guildId: string, roleIds: readonly string[]): Promise<void>;
  /** Every fact, of any guild, removed or not, whose quote is credited to a listed source; oldest first. */
  factsQuotingListedSources(): Promise<FactRow[]>;
  dataMigrationApplied(name: string): Promise<boolean>;
  /** Records a data migration as done; recording it again changes nothing. */
  recordDataMigration(name: string, at: string): Promise<void>;
  logChannel(guildId: string): Promise<string | null>;
  setLogChannel(guildId: string, channelId: string | null): Promise<void>;
  /** Inserts a pending suggestion; returns its row number. */
  insertSuggestion(suggestion: SuggestionInsert): Promise<number>;
  suggestionBySeq(seq: number): Promise<SuggestionRow>;
  suggestionById(guildId: string, id: string): Promise<SuggestionRow | undefined>;
  pendingSuggestions(guildId: string): Promise<SuggestionRow[]>;
  decideSuggestion(decision: SuggestionDecision): Promise<void>;
}

/** A database holding the fact tables. */
export interface FactDatabase {
  /** Reads that see only what other writes committed. */
  read<T>(work: (tables: FactTables) => Promise<T>): Promise<T>;
  /**
   * One transaction: everything `work` writes is stored, or nothing is. Writes to one guild run one at a time,
   * so what `work` read is still true when it writes. A lock held too long by another program is reported as
   * DatabaseBusyError, with nothing written.
   */
  write<T>(guildId: string, work: (tables: FactTables) => Promise<T>): Promise<T>;
}
