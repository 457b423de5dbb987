import { findSource } from "../knowledge/find-source.js";
import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import type { SearchEngine } from "../search/engine.js";
import type { ImportResult } from "./fact-export.js";
import { UserFacingError } from "../errors.js";
import { sameStatement } from "./duplicates.js";
import { FACT_MESSAGES } from "./fact-errors.js";
import type { FactInput, QuoteCheck } from "./fact-input.js";
import { toKnowledgeEntry, type FactStore, type ServerFact } from "./fact-store.js";

/** The closest facts a duplicate is looked for among. */
const DUPLICATE_CANDIDATES = 5;

/**
 * A server's facts as moderators change them: every change goes to the store first, and once it
 * is stored, into that server's search index, so the next question finds it without a restart.
 */
export class ServerFacts {
  readonly knownSourceIds: ReadonlySet<string>;

  /**
   * @param quoteCheck whether a quote occurs in the listed source it is credited to; a quote that
   *   does not is refused on the way in and, on a fact stored before the check, never shown
   */
  constructor(
    readonly store: FactStore,
    private readonly engine: SearchEngine,
    private readonly sourceRefs: Map<string, SourceRef>,
    readonly quoteCheck: QuoteCheck,
  ) {
    this.knownSourceIds = new Set(sourceRefs.keys());
  }

  /** The listed source a name stands for (its id, or a word of its title, author or publisher), if any. */
  listedSource(name: string): SourceRef | undefined {
    return findSource(this.sourceRefs.values(), name);
  }

  /** A live fact of the server that says what `statement` says, if one does: a suggestion that would only repeat it. */
  duplicateOf(guildId: string, statement: string): KnowledgeEntry | undefined {
    const { hits } = this.engine.search(statement, { scope: guildId, ownFactsOnly: true, limit: DUPLICATE_CANDIDATES });
    return hits.map((hit) => hit.entry).find((entry) => sameStatement(entry.text, statement));
  }

  /**
   * Indexes the live facts of every server `serves` accepts (a shard serves only some) at start-up;
   * returns the ids of facts that could not be shown.
   */
  loadAll(serves: (guildId: string) => boolean = () => true): { loaded: number; skipped: string[] } {
    const facts = [...this.store.allActive()].filter((fact) => serves(fact.guildId));
    const skipped: string[] = [];
    for (const fact of facts) {
      try {
        this.index(fact);
      } catch {
        skipped.push(`${fact.guildId}/${fact.id}`);
      }
    }
    return { loaded: facts.length - skipped.length, skipped };
  }

  add(guildId: string, input: FactInput, actorId: string): ServerFact {
    return this.index(this.store.add(guildId, input, actorId));
  }

  edit(guildId: string, id: string, input: FactInput, expectedRevision: number, actorId: string): ServerFact {
    return this.index(this.store.edit(guildId, id, input, expectedRevision, actorId));
  }

  remove(guildId: string, id: string, actorId: string): ServerFact {
    const fact = this.store.remove(guildId, id, actorId);
    this.engine.remove(id, guildId);
    return fact;
  }

  restore(guildId: string, id: string, actorId: string): ServerFact {
    return this.index(this.store.restore(guildId, id, actorId));
  }

  /** Stores a member's suggestion as a fact credited to them, unless it credits a source with words the source does not hold. */
  acceptSuggestion(guildId: string, suggestionId: string, moderatorId: string): ServerFact {
    const suggestion = this.store.listSuggestions(guildId).find((pending) => pending.id === suggestionId);
    if (suggestion && !this.quoteHolds(suggestion)) throw new UserFacingError(FACT_MESSAGES.quoteNotInSource(suggestion.sourceId!));
    return this.index(this.store.acceptSuggestion(guildId, suggestionId, moderatorId));
  }

  /** Imports a whole export file, or nothing; what it imports is searchable at once. */
  importGuild(guildId: string, json: Uint8Array, actorId: string): ImportResult {
    const result = this.store.importGuild(guildId, json, actorId, this.knownSourceIds, this.quoteCheck);
    if (result.ok) for (const fact of result.facts) this.index(fact);
    return result;
  }

  /** How a fact would look to members, before it is saved. */
  preview(guildId: string, input: FactInput, actorId: string, existing?: ServerFact): KnowledgeEntry {
    const now = new Date().toISOString();
    const draft: ServerFact = {
      ...input,
      id: existing?.id ?? "new-fact",
      guildId,
      revision: (existing?.revision ?? 0) + 1,
      createdBy: existing?.createdBy ?? actorId,
      createdAt: existing?.createdAt ?? now,
      updatedBy: actorId,
      updatedAt: now,
      deletedAt: null,
      deletedBy: null,
      suggestedBy: existing?.suggestedBy ?? null,
    };
    return this.entryOf(draft);
  }

  /** A guild's live fact in the form search and answers use; undefined when it has no such fact. */
  liveEntry(guildId: string, factId: string): KnowledgeEntry | undefined {
    const fact = this.store.get(guildId, factId);
    return fact && this.entryOf(fact);
  }

  /** A stored fact in the form search and answers use; a quote its source does not hold is left out. */
  entryOf(fact: ServerFact): KnowledgeEntry {
    return toKnowledgeEntry(this.quoteHolds(fact) ? fact : { ...fact, quote: undefined }, this.sourceRefs);
  }

  private quoteHolds({ sourceId, quote }: { sourceId?: string | undefined; quote?: string | undefined }): boolean {
    return sourceId === undefined || quote === undefined || this.quoteCheck(sourceId, quote);
  }

  private index(fact: ServerFact): ServerFact {
    this.engine.upsert(this.entryOf(fact), fact.guildId);
    return fact;
  }
}
