import { z } from "zod";
import { EntryId } from "../knowledge/schema.js";
import { containsMaskedLink } from "../text/markdown.js";
import { FACT_MESSAGES as M } from "./fact-errors.js";

/** Longest accepted text per field, in characters. */
export const FACT_LIMITS = {
  statement: 1000,
  question: 200,
  sourceTitle: 200,
  sourceUrl: 500,
  quote: 400,
} as const;

/** The fields a moderator fills in, in the order a form shows them. */
export const FACT_FIELDS = ["statement", "question", "sourceId", "sourceTitle", "sourceUrl", "sourceDate", "quote"] as const;
export type FactField = (typeof FACT_FIELDS)[number];

/** How messages name each field. */
const FIELD_LABELS: Record<FactField, string> = {
  statement: "statement",
  question: "question",
  sourceId: "source",
  sourceTitle: "source title",
  sourceUrl: "source link",
  sourceDate: "publication date",
  quote: "quote",
};

/** Control characters and invisible formatting (zero-width, bidi overrides) can hide or disguise text. */
const CONTROL_CHARACTERS = /[\p{Cc}\p{Cf}]/u;
/** Statements and quotes come from multi-line inputs, so line breaks are allowed there. */
const CONTROL_CHARACTERS_BUT_NEWLINE = /(?!\n)[\p{Cc}\p{Cf}]/u;
/** Text the bot repeats must never ping: @everyone, @here, <@user>, <@!user>, <@&role>, <#channel>. */
const MENTION = /@(?:everyone|here)\b|<@[!&]?\d+>|<#\d+>/i;

type TextField = keyof typeof FACT_LIMITS;

/** A publication date as precise as the source gives it: a day, a month or a year. */
const PUBLICATION_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether the text is a date of the calendar in one of the three forms, 2023-02-30 and 2023-13 not included. */
export function isPublicationDate(text: string): boolean {
  const match = PUBLICATION_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number | undefined, number | undefined];
  if (year < 1000) return false;
  if (month === undefined || Number.isNaN(month)) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined || Number.isNaN(day)) return true;
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function publicationDateField() {
  return z
    .string({ error: M.notText(FIELD_LABELS.sourceDate) })
    .trim()
    .superRefine((value, ctx) => {
      if (!isPublicationDate(value)) ctx.addIssue({ code: "custom", message: M.notPublicationDate(value) });
    });
}

function textField(field: TextField, { multiline }: { multiline: boolean }) {
  const label = FIELD_LABELS[field];
  const max = FACT_LIMITS[field];
  const control = multiline ? CONTROL_CHARACTERS_BUT_NEWLINE : CONTROL_CHARACTERS;
  return z
    .string({ error: (issue) => (issue.input === undefined ? M.required(label) : M.notText(label)) })
    .overwrite((value) => value.replace(/\r\n?/g, "\n"))
    .trim()
    .min(1, M.required(label))
    .max(max, M.tooLong(label, max))
    .refine((value) => !control.test(value), M.controlCharacters(label))
    .refine((value) => !MENTION.test(value), M.mentions(label))
    .refine((value) => !containsMaskedLink(value), M.maskedLink(label));
}

function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** Without a set, any well-formed id passes: for checking the shape of stored facts. */
function sourceIdField(knownSourceIds?: ReadonlySet<string>) {
  return z
    .string({ error: M.notSourceId })
    .trim()
    .superRefine((id, ctx) => {
      if (!EntryId.safeParse(id).success) ctx.addIssue({ code: "custom", message: M.notSourceId });
      else if (knownSourceIds && !knownSourceIds.has(id)) {
        ctx.addIssue({ code: "custom", message: M.unknownSource(id) });
      }
    });
}

/** Discord modals send blank optional inputs as "", and the database as null: both mean "not given". */
function optional<Schema extends z.ZodType>(schema: Schema) {
  const blankToUndefined = (value: unknown) =>
    value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;
  return z.preprocess(blankToUndefined, schema.optional());
}

/** The fields of a fact with their rules, for schemas that hold a fact (the form, an export file). */
export function factInputShape(knownSourceIds?: ReadonlySet<string>) {
  return {
    statement: textField("statement", { multiline: true }),
    question: optional(textField("question", { multiline: false })),
    sourceId: optional(sourceIdField(knownSourceIds)),
    sourceTitle: optional(textField("sourceTitle", { multiline: false })),
    sourceUrl: optional(textField("sourceUrl", { multiline: false }).refine(isWebAddress, M.notWebAddress)),
    sourceDate: optional(publicationDateField()),
    quote: optional(textField("quote", { multiline: true })),
  };
}

interface SourceFields {
  sourceId?: string | undefined;
  sourceTitle?: string | undefined;
  sourceUrl?: string | undefined;
  sourceDate?: string | undefined;
}

/** A fact cites either a listed source or a title and link of its own. */
export function requireOneSource(fields: SourceFields, ctx: z.RefinementCtx): void {
  const { sourceId, sourceTitle, sourceUrl } = fields;
  const problem = (field: keyof SourceFields, message: string) =>
    ctx.addIssue({ code: "custom", path: [field], message });
  if (sourceId !== undefined) {
    if (sourceTitle !== undefined || sourceUrl !== undefined) problem("sourceId", M.bothSources);
    else if (fields.sourceDate !== undefined) problem("sourceDate", M.dateWithListedSource);
  } else if (sourceTitle === undefined && sourceUrl === undefined) problem("sourceId", M.missingSource);
  else if (sourceTitle === undefined) problem("sourceTitle", M.missingSourceTitle);
  else if (sourceUrl === undefined) problem("sourceUrl", M.missingSourceUrl);
}

/** Whether a quote occurs in the text of the listed source it is credited to. */
export type QuoteCheck = (sourceId: string, quote: string) => boolean;

/** A quote credited to a listed source must occur in it: nothing is shown as an author's words that the author did not write. */
export function requireQuoteInSource(check: QuoteCheck | undefined) {
  return (fields: SourceFields & { quote?: string | undefined }, ctx: z.RefinementCtx): void => {
    const { sourceId, quote } = fields;
    if (check && sourceId !== undefined && quote !== undefined && !check(sourceId, quote)) {
      ctx.addIssue({ code: "custom", path: ["quote"], message: M.quoteNotInSource(sourceId) });
    }
  };
}

export type FactSource =
  | { sourceId: string; sourceTitle?: undefined; sourceUrl?: undefined; sourceDate?: undefined }
  /** sourceDate: when the moderators' own source was published, as precise as they know it (YYYY, YYYY-MM or YYYY-MM-DD). */
  | { sourceId?: undefined; sourceTitle: string; sourceUrl: string; sourceDate?: string };

/** A validated fact as a moderator wrote it: exactly one kind of source. */
export type FactInput = { statement: string; question?: string; quote?: string } & FactSource;

/** The flat fields as a form or a database row holds them. */
export interface FactFields extends SourceFields {
  statement: string;
  question?: string | undefined;
  quote?: string | undefined;
}

/** Builds a FactInput from fields that passed validation, leaving out the ones not given. */
export function toFactInput({ statement, question, quote, sourceId, sourceTitle, sourceUrl, sourceDate }: FactFields): FactInput {
  const text = { statement, ...(question !== undefined && { question }), ...(quote !== undefined && { quote }) };
  if (sourceId !== undefined) return { ...text, sourceId };
  if (sourceTitle !== undefined && sourceUrl !== undefined) return { ...text, sourceTitle, sourceUrl, ...(sourceDate !== undefined && { sourceDate }) };
  throw new Error("a fact without a source passed validation");
}

export function factInputSchema(knownSourceIds?: ReadonlySet<string>, quoteCheck?: QuoteCheck) {
  return z.object(factInputShape(knownSourceIds)).superRefine(requireOneSource).superRefine(requireQuoteInSource(quoteCheck)).transform(toFactInput);
}

/** Checks the shape of a fact, whatever sources exist; parseFactInput also checks the source is known. */
export const FactInput = factInputSchema();

export interface FieldProblem {
  /** A FactField, or "input" when the submission is not an object at all. */
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Validates what a moderator submitted, reporting every problem so the form can point at each field. */
export function parseFactInput(raw: unknown, knownSourceIds: ReadonlySet<string>, quoteCheck?: QuoteCheck): ParseResult<FactInput> {
  const result = factInputSchema(knownSourceIds, quoteCheck).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => ({
    field: String(issue.path[0] ?? "input"),
    message: issue.message,
  }));
  return { ok: false, problems };
}
