import { findSource } from "../knowledge/find-source.js";
import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import type { SearchEngine } from "../search/engine.js";
import type { ImportResult } from "./fact-export.js";
import { UserFacingError } from "../errors.js";
import { sameStatement } from "./duplicates.js";
import { FACT_MESSAGES } from "./fact-errors.js";
import type { FactInput, QuoteCheck } from "./fact-input.js";
import { toKnowledgeEntry, type FactStore, type ServerFact } from "./fact-store.js";

/** Reports a guild's stored facts that cite a source that no longer exists, so cannot be shown. */
export type UnshowableFacts = (guildId: string, factIds: string[]) => void;

/** The closest facts a duplicate is looked for among. */
const DUPLICATE_CANDIDATES = 5;

/**
 * A server's facts as moderators change them: every change goes to the store first, and once it
 * is stored, into that server's search index, so the next question finds it without a restart.
 * A server's facts are read into the index the first time the server is used, not at start-up, so
 * starting takes as long with ten thousand servers as with one.
 */
export class ServerFacts {
  readonly knownSourceIds: ReadonlySet<string>;
  /**
   * Per loaded guild, the revision of each fact its index reflects (removed facts included), so a change
   * that completes late never puts an older revision over a newer one.
   */
  private readonly indexed = new Map<string, Promise<Map<string, number>>>();

  /**
   * @param quoteCheck whether a quote occurs in the listed source it is credited to; a quote that
   *   does not is refused on the way in and, on a fact stored before the check, never shown
   */
  constructor(
    readonly store: FactStore,
    private readonly engine: SearchEngine,
    private readonly sourceRefs: Map<string, SourceRef>,
    readonly quoteCheck: QuoteCheck,
    private readonly onUnshowable: UnshowableFacts = () => undefined,
  ) {
    this.knownSourceIds = new Set(sourceRefs.keys());
  }

  /** The listed source a name stands for (its id, or a word of its title, author or publisher), if any. */
  listedSource(name: string): SourceRef | undefined {
    return findSource(this.sourceRefs.values(), name);
  }

  /** Indexes the guild's live facts on its first use; later calls wait for that same load. */
  async load(guildId: string): Promise<void> {
    await this.revisionsOf(guildId);
  }

  /** A live fact of the server (loaded: see `load`) that says what `statement` says, if one does: a suggestion that would only repeat it. */
  duplicateOf(guildId: string, statement: string): KnowledgeEntry | undefined {
    const { hits } = this.engine.search(statement, { scope: guildId, ownFactsOnly: true, limit: DUPLICATE_CANDIDATES });
    return hits.map((hit) => hit.entry).find((entry) => sameStatement(entry.text, statement));
  }

  async add(guildId: string, input: FactInput, actorId: string): Promise<ServerFact> {
    const revisions = await this.revisionsOf(guildId);
    return this.apply(revisions, await this.store.add(guildId, input, actorId));
  }

  async edit(guildId: string, id: string, input: FactInput, expectedRevision: number, actorId: string): Promise<ServerFact> {
    const revisions = await this.revisionsOf(guildId);
    return this.apply(revisions, await this.store.edit(guildId, id, input, expectedRevision, actorId));
  }

  async remove(guildId: string, id: string, actorId: string): Promise<ServerFact> {
    const revisions = await this.revisionsOf(guildId);
    return this.apply(revisions, await this.store.remove(guildId, id, actorId));
  }

  async restore(guildId: string, id: string, actorId: string): Promise<ServerFact> {
    const revisions = await this.revisionsOf(guildId);
    return this.apply(revisions, await this.store.restore(guildId, id, actorId));
  }

  /** Stores a member's suggestion as a fact credited to them, unless it credits a source with words the source does not hold. */
  async acceptSuggestion(guildId: string, suggestionId: string, moderatorId: string): Promise<ServerFact> {
    const revisions = await this.revisionsOf(guildId);
    const suggestion = (await this.store.listSuggestions(guildId)).find((pending) => pending.id === suggestionId);
    if (suggestion && !this.quoteHolds(suggestion)) throw new UserFacingError(FACT_MESSAGES.quoteNotInSource(suggestion.sourceId!));
    return this.apply(revisions, await this.store.acceptSuggestion(guildId, suggestionId, moderatorId));
  }

  /** Imports a whole export file, or nothing; what it imports is searchable at once. */
  async importGuild(guildId: string, json: Uint8Array, actorId: string): Promise<ImportResult> {
    const revisions = await this.revisionsOf(guildId);
    const result = await this.store.importGuild(guildId, json, actorId, this.knownSourceIds, this.quoteCheck);
    if (result.ok) for (const fact of result.facts) this.apply(revisions, fact);
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
  async liveEntry(guildId: string, factId: string): Promise<KnowledgeEntry | undefined> {
    const fact = await this.store.get(guildId, factId);
    return fact && this.entryOf(fact);
  }

  /** A stored fact in the form search and answers use; a quote its source does not hold is left out. */
  entryOf(fact: ServerFact): KnowledgeEntry {
    return toKnowledgeEntry(this.quoteHolds(fact) ? fact : { ...fact, quote: undefined }, this.sourceRefs);
  }

  private quoteHolds({ sourceId, quote }: { sourceId?: string | undefined; quote?: string | undefined }): boolean {
    return sourceId === undefined || quote === undefined || this.quoteCheck(sourceId, quote);
  }

  private revisionsOf(guildId: string): Promise<Map<string, number>> {
    let loading = this.indexed.get(guildId);
    if (!loading) {
      loading = this.loadGuild(guildId);
      this.indexed.set(guildId, loading);
      // A load that failed (the database was out of reach) is tried again on the guild's next use.
      loading.catch(() => this.indexed.delete(guildId));
    }
    return loading;
  }

  private async loadGuild(guildId: string): Promise<Map<string, number>> {
    const revisions = new Map<string, number>();
    const unshowable: string[] = [];
    for (const fact of await this.store.liveFacts(guildId)) {
      try {
        this.apply(revisions, fact);
      } catch {
        unshowable.push(fact.id);
      }
    }
    if (unshowable.length > 0) this.onUnshowable(guildId, unshowable);
    return revisions;
  }

  /** Puts a stored fact into its guild's search (or takes a removed one out), unless a newer revision is there already. */
  private apply(revisions: Map<string, number>, fact: ServerFact): ServerFact {
    if ((revisions.get(fact.id) ?? 0) >= fact.revision) return fact;
    if (fact.deletedAt !== null) this.engine.remove(fact.id, fact.guildId);
    else this.engine.upsert(this.entryOf(fact), fact.guildId);
    revisions.set(fact.id, fact.revision);
    return fact;
  }
}
