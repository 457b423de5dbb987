import { FACT_FIELDS, toFactInput, type FactField, type FactFields, type FactInput } from "./fact-input.js";
import type { FactAction, FactSuggestion, FieldChange, ServerFact, SuggestionStatus } from "./fact-store.js";

/** A fact's fields as both databases store them: one column each, NULL when absent. */
export interface FieldColumns {
  statement: string;
  question: string | null;
  source_id: string | null;
  source_title: string | null;
  source_url: string | null;
  source_date: string | null;
  quote: string | null;
}

export interface FactRow extends FieldColumns {
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

export interface SuggestionRow extends FieldColumns {
  seq: number;
  guild_id: string;
  id: string;
  suggested_by: string;
  suggested_at: string;
  status: SuggestionStatus;
  decided_by: string | null;
  decided_at: string | null;
  /** The id of the fact an accepted suggestion became. */
  fact_id: string | null;
}

export type FactInsert = FieldColumns & {
  guild_id: string;
  id: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  suggested_by: string | null;
};

export type SuggestionInsert = FieldColumns & { guild_id: string; id: string; suggested_by: string; suggested_at: string };
export type FieldsUpdate = FieldColumns & { seq: number; by: string; at: string };
export type RemovalUpdate = { seq: number; deleted_at: string | null; deleted_by: string | null; by: string; at: string };
export type SuggestionDecision = { seq: number; status: SuggestionStatus; by: string; at: string; fact_seq: number | null };
export type RevisionInsert = { seq: number; revision: number; action: FactAction; at: string; by: string; changes: FieldChange[] };

export function columnsOf(input: FactInput): FieldColumns {
  return {
    statement: input.statement,
    question: input.question ?? null,
    source_id: input.sourceId ?? null,
    source_title: input.sourceTitle ?? null,
    source_url: input.sourceUrl ?? null,
    source_date: input.sourceDate ?? null,
    quote: input.quote ?? null,
  };
}

export function inputOf(row: FieldColumns): FactInput {
  return toFactInput({
    statement: row.statement,
    question: row.question ?? undefined,
    sourceId: row.source_id ?? undefined,
    sourceTitle: row.source_title ?? undefined,
    sourceUrl: row.source_url ?? undefined,
    sourceDate: row.source_date ?? undefined,
    quote: row.quote ?? undefined,
  });
}

export function toServerFact(row: FactRow): ServerFact {
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

export function toSuggestion(row: SuggestionRow): FactSuggestion {
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

/** The fields whose value differs; with no `before`, every field the fact sets. */
export function changedFields(before: FactInput | undefined, after: FactInput): FieldChange[] {
  const valueOf = (input: FactFields | undefined, field: FactField) => input?.[field] ?? null;
  return FACT_FIELDS.flatMap((field) => {
    const [was, is] = [valueOf(before, field), valueOf(after, field)];
    return was === is ? [] : [{ field, before: was, after: is }];
  });
}

