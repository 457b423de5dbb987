import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import type { FactsExport, ImportResult } from "./fact-export.js";
import type { FactField, FactInput, QuoteCheck } from "./fact-input.js";

/** Who wrote a fact and when; ids are Discord snowflakes, times ISO 8601 in UTC. */
export interface FactRecord {
  /** e.g. "server-7": unique within its guild and never reused, even after removal. */
  id: string;
  guildId: string;
  /** Starts at 1 and goes up by one with every change, removal and restoration. */
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: string | null;
  /** The member whose suggestion a moderator accepted, if the fact came from one. */
  suggestedBy: string | null;
}

export type ServerFact = FactInput & FactRecord;

export type FactAction = "created" | "edited" | "removed" | "restored" | "imported";

export interface FieldChange {
  field: FactField;
  before: string | null;
  after: string | null;
}

export interface FactRevision {
  revision: number;
  at: string;
  by: string;
  action: FactAction;
  /** The fields this revision set or changed; empty for removal and restoration. */
  changes: FieldChange[];
}

export interface ListOptions {
  offset?: number;
  limit?: number;
  includeDeleted?: boolean;
}

export interface FactPage {
  facts: ServerFact[];
  /** How many facts match, across all pages. */
  total: number;
}

export type SuggestionStatus = "pending" | "accepted" | "rejected";

export type FactSuggestion = FactInput & {
  /** e.g. "suggestion-3": unique within its guild. */
  id: string;
  guildId: string;
  suggestedBy: string;
  suggestedAt: string;
  status: SuggestionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The fact an accepted suggestion became. */
  factId: string | null;
};

/**
 * Where each server's own facts live. Every method is scoped to one guild: a fact or suggestion of another guild
 * is reported as not found. Methods that name a missing fact reject with FactNotFoundError; refused changes with
 * a UserFacingError whose message can be shown as it is. Every change is one transaction: stored whole, or not at all.
 */
export interface FactStore {
  add(guildId: string, input: FactInput, actorId: string): Promise<ServerFact>;
  /** Rejects with FactConflictError, and changes nothing, unless the fact is still at expectedRevision. */
  edit(guildId: string, id: string, input: FactInput, expectedRevision: number, actorId: string): Promise<ServerFact>;
  /** Soft delete: the fact leaves the search but keeps its id and history. */
  remove(guildId: string, id: string, actorId: string): Promise<ServerFact>;
  restore(guildId: string, id: string, actorId: string): Promise<ServerFact>;
  get(guildId: string, id: string, options?: { includeDeleted?: boolean }): Promise<ServerFact | undefined>;
  /** Oldest first; limit defaults to 25 and is at most 100. */
  list(guildId: string, options?: ListOptions): Promise<FactPage>;
  /** Oldest revision first. */
  history(guildId: string, id: string): Promise<FactRevision[]>;
  /** The guild's live facts, oldest first: what its search index is built from. */
  liveFacts(guildId: string): Promise<ServerFact[]>;
  exportGuild(guildId: string): Promise<FactsExport>;
  /** Every fact of the file or none; problems are listed by fact position and field; quotes credited to a listed source must pass `quoteCheck`. */
  importGuild(guildId: string, json: string | Uint8Array, actorId: string, knownSourceIds: ReadonlySet<string>, quoteCheck?: QuoteCheck): Promise<ImportResult>;
  /**
   * A data migration, run at start-up until it has completed once: takes out of every stored fact (any guild, removed
   * or not) a quote credited to a listed source in `knownSourceIds` whose text does not hold it, as `quoteCheck` says.
   * Facts stored before quotes were checked may carry one. Each change is a revision by SYSTEM_ACTOR recording the quote
   * that went; the statement stays. Returns the facts it changed: none once it has run.
   */
  recheckStoredQuotes(quoteCheck: QuoteCheck, knownSourceIds: ReadonlySet<string>): Promise<ServerFact[]>;
  getModeratorRoles(guildId: string): Promise<string[]>;
  /** Replaces the guild's moderator roles. */
  setModeratorRoles(guildId: string, roleIds: readonly string[]): Promise<void>;
  /** The channel every fact change and suggestion is logged to; null when the server set none. */
  getLogChannel(guildId: string): Promise<string | null>;
  /** Sets the log channel, or clears it with null. */
  setLogChannel(guildId: string, channelId: string | null): Promise<void>;
  suggest(guildId: string, input: FactInput, userId: string): Promise<FactSuggestion>;
  /** Pending suggestions, oldest first. */
  listSuggestions(guildId: string): Promise<FactSuggestion[]>;
  /** Stores the suggestion as a fact credited to its author (suggestedBy). */
  acceptSuggestion(guildId: string, suggestionId: string, moderatorId: string): Promise<ServerFact>;
  rejectSuggestion(guildId: string, suggestionId: string, moderatorId: string): Promise<FactSuggestion>;
}

/** Who made a change the bot made by itself, such as removing a quote its source does not hold. */
export const SYSTEM_ACTOR = "csto-bot";

/** The source id shared by sources that moderators typed in themselves. */
export const SERVER_SOURCE_ID = "server-source";
const SERVER_SOURCE_AUTHOR = "added by this server's moderators";
const TITLE_LENGTH = 80;

/** A title for a fact without a question: its first sentence, or its first words. */
function titleFromStatement(statement: string): string {
  const firstLine = statement.split("\n")[0]!;
  const sentence = /^.+?[.!?](?=\s|$)/.exec(firstLine)?.[0] ?? firstLine;
  if (sentence.length <= TITLE_LENGTH) return sentence;
  const cut = sentence.slice(0, TITLE_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** The question field may hold one question or a list of keywords, separated by commas, semicolons or lines. */
function keywordsFromQuestion(question: string): string[] {
  return [...new Set(question.split(/[,;\n]/).map((part) => part.trim()).filter(Boolean))];
}

/** A single question makes a good title; a list of keywords does not, so the statement gives it instead. */
export function factTitle(fact: FactInput): string {
  const keywords = fact.question !== undefined ? keywordsFromQuestion(fact.question) : [];
  return keywords.length === 1 && fact.question !== undefined ? fact.question : titleFromStatement(fact.statement);
}

function citedSource(fact: ServerFact, sourceRefs: Map<string, SourceRef>): SourceRef {
  if (fact.sourceId !== undefined) {
    const source = sourceRefs.get(fact.sourceId);
    if (!source) throw new Error(`fact ${fact.id} of guild ${fact.guildId} cites unknown source ${fact.sourceId}`);
    return source;
  }
  const host = new URL(fact.sourceUrl).hostname.replace(/^www\./, "");
  return {
    id: SERVER_SOURCE_ID,
    title: fact.sourceTitle,
    author: SERVER_SOURCE_AUTHOR,
    publisher: host,
    // Without the publication date the moderators gave, say which day the fact was added, never passing one off as the other.
    date: fact.sourceDate ?? `added ${fact.createdAt.slice(0, "YYYY-MM-DD".length)}`,
    url: fact.sourceUrl,
  };
}

/** Turns a server's fact into the form search and answers use. Throws if it cites a source that no longer exists. */
export function toKnowledgeEntry(fact: ServerFact, sourceRefs: Map<string, SourceRef>): KnowledgeEntry {
  const source = citedSource(fact, sourceRefs);
  const keywords = fact.question !== undefined ? keywordsFromQuestion(fact.question) : [];
  return {
    id: fact.id,
    kind: "server-fact",
    title: factTitle(fact),
    text: fact.statement,
    questions: fact.question !== undefined ? [fact.question] : [],
    keywords,
    aliases: [],
    tags: [],
    sources: [source],
    // No quote, no quote block: the statement is the moderators' own words, never shown as the source's.
    quotes: fact.quote !== undefined ? [{ text: fact.quote, source }] : [],
    related: [],
    origin: { type: "guild", guildId: fact.guildId, revision: fact.revision },
  };
}
