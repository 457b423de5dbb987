import { randomBytes } from "node:crypto";

/** What a moderator typed into the fact form, kept until they save, cancel or fix it. */
export interface Draft {
  userId: string;
  guildId: string;
  fields: Record<string, string>;
  /** Set when the draft edits an existing fact, with the revision the edit started from. */
  factId?: string | undefined;
  revision?: number | undefined;
  /** A member's suggestion rather than a moderator's fact. */
  suggestion?: boolean | undefined;
}

const DRAFT_LIFETIME_MS = 30 * 60 * 1000;

/**
 * Drafts live in memory: a custom id holds at most 100 characters, too few for a fact, and a
 * draft lost to a restart only means typing it again (nothing acknowledged is lost).
 */
export class DraftStore {
  private readonly drafts = new Map<string, Draft & { at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  put(draft: Draft): string {
    this.forgetExpired();
    const id = randomBytes(6).toString("hex");
    this.drafts.set(id, { ...draft, at: this.now() });
    return id;
  }

  /** The draft, only for the person who wrote it. */
  get(id: string, userId: string): Draft | undefined {
    const draft = this.drafts.get(id);
    return draft && draft.userId === userId && this.now() - draft.at < DRAFT_LIFETIME_MS ? draft : undefined;
  }

  delete(id: string): void {
    this.drafts.delete(id);
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [id, draft] of this.drafts) if (now - draft.at >= DRAFT_LIFETIME_MS) this.drafts.delete(id);
  }
}
