import { z } from "zod";
import { EntryId } from "../knowledge/schema.js";
import { FACT_MESSAGES as M } from "./fact-errors.js";
import { factInputShape, requireOneSource, requireQuoteInSource, toFactInput, type FactInput, type QuoteCheck } from "./fact-input.js";
import { SYSTEM_ACTOR, type FactRecord, type ServerFact } from "./fact-store.js";

export const EXPORT_FORMAT = "csto-bot-facts";
export const EXPORT_VERSION = 1;
/**
 * Refused before downloading or parsing. Large enough for the bot's own pretty-printed export of
 * 5,000 facts of usual length (about 2 MB) with room to spare, and under the 10 MiB a bot may upload,
 * so every export the bot sends can be imported again.
 */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

export type ExportedFact = FactInput &
  Pick<FactRecord, "id" | "createdBy" | "createdAt" | "updatedBy" | "updatedAt" | "suggestedBy">;

/** A guild's live facts as a file: what a moderator downloads, and can import into any guild. */
export interface FactsExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  guildId: string;
  exportedAt: string;
  facts: ExportedFact[];
}

export interface ImportProblem {
  /** 1-based position of the fact in the file; absent for problems with the file as a whole. */
  position?: number;
  field: string;
  message: string;
}

export type ImportResult = { ok: true; facts: ServerFact[] } | { ok: false; problems: ImportProblem[] };

export function buildExport(guildId: string, facts: readonly ServerFact[], exportedAt: string): FactsExport {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    guildId,
    exportedAt,
    facts: facts.map((fact) => ({
      id: fact.id,
      ...toFactInput(fact),
      createdBy: fact.createdBy,
      createdAt: fact.createdAt,
      updatedBy: fact.updatedBy,
      updatedAt: fact.updatedAt,
      suggestedBy: fact.suggestedBy,
    })),
  };
}

/** A message for a wrong value; a missing one falls through to missingFieldMessage. */
const unlessMissing = (message: string) => (issue: z.core.$ZodRawIssue) =>
  issue.input === undefined ? undefined : message;
const UserId = z.string({ error: unlessMissing(M.importNotUserId) }).regex(/^\d{1,20}$/, M.importNotUserId);
const Timestamp = z.iso.datetime({ error: unlessMissing(M.importNotTimestamp) });
const FactId = z
  .string({ error: unlessMissing(M.importBadId) })
  .refine((id) => EntryId.safeParse(id).success, M.importBadId);

function exportSchema(knownSourceIds: ReadonlySet<string>, quoteCheck?: QuoteCheck) {
  const ExportedFactSchema = z
    .strictObject(
      {
        id: FactId,
        ...factInputShape(knownSourceIds),
        createdBy: UserId,
        createdAt: Timestamp,
        // The bot itself last changed a fact whose unsupported quote it removed.
        updatedBy: z.union([z.literal(SYSTEM_ACTOR), UserId], { error: unlessMissing(M.importNotUserId) }),
        updatedAt: Timestamp,
        suggestedBy: UserId.nullable(),
      },
      { error: unlessMissing(M.importNotAFact) },
    )
    .superRefine(requireOneSource)
    .superRefine(requireQuoteInSource(quoteCheck))
    .transform(({ id, createdBy, createdAt, updatedBy, updatedAt, suggestedBy, ...fields }): ExportedFact => ({
      id,
      ...toFactInput(fields),
      createdBy,
      createdAt,
      updatedBy,
      updatedAt,
      suggestedBy,
    }));
  return z.strictObject({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    guildId: z.string({ error: unlessMissing(M.importNotGuildId) }),
    exportedAt: Timestamp,
    facts: z.array(ExportedFactSchema, { error: unlessMissing(M.importFactsNotList) }),
  });
}

/** A missing field gets a plain message; the schemas word everything else. */
const missingFieldMessage = (issue: z.core.$ZodRawIssue) =>
  issue.code === "invalid_type" && issue.input === undefined ? M.importFieldMissing : undefined;

/** Only names that look like field names are repeated back: the file is untrusted text. */
const fieldName = (key: string) => (/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key) ? key : undefined);

/** Maps a zod issue under facts[i] to the fact's position and field, one problem per unexpected key. */
function toImportProblems(issue: z.core.$ZodIssue): ImportProblem[] {
  const [top, index, field] = issue.path;
  const place =
    top === "facts" && typeof index === "number"
      ? { position: index + 1, field: String(field ?? "fact") }
      : { field: String(top ?? "document") };
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const name = fieldName(key);
      return { ...place, field: name ?? "unknown", message: M.importUnexpectedField(name) };
    });
  }
  return [{ ...place, message: issue.message }];
}

/** Problems with ids that zod cannot see: repeated within the file, or already used in the guild. */
function idProblems(facts: unknown, isIdTaken: (id: string) => boolean): ImportProblem[] {
  if (!Array.isArray(facts)) return [];
  const firstPositionById = new Map<string, number>();
  const problems: ImportProblem[] = [];
  facts.forEach((fact: unknown, index) => {
    const id: unknown = typeof fact === "object" && fact !== null ? (fact as { id?: unknown }).id : undefined;
    // Malformed ids are reported by the schema, and not repeated back.
    if (typeof id !== "string" || !EntryId.safeParse(id).success) return;
    const position = index + 1;
    const firstPosition = firstPositionById.get(id);
    if (firstPosition === undefined) firstPositionById.set(id, position);
    else problems.push({ position, field: "id", message: M.importIdRepeated(id, firstPosition) });
    if (isIdTaken(id)) problems.push({ position, field: "id", message: M.importIdTaken(id) });
  });
  return problems;
}

function decodeJson(json: string | Uint8Array): { ok: true; value: unknown } | { ok: false; problem: ImportProblem } {
  const size = typeof json === "string" ? Buffer.byteLength(json, "utf8") : json.byteLength;
  if (size > MAX_IMPORT_BYTES) {
    return { ok: false, problem: { field: "document", message: M.importTooLarge(MAX_IMPORT_BYTES) } };
  }
  let text: string;
  try {
    text = typeof json === "string" ? json : new TextDecoder("utf-8", { fatal: true }).decode(json);
  } catch {
    return { ok: false, problem: { field: "document", message: M.importNotText } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: { field: "document", message: M.importNotJson } };
  }
}

/**
 * Reads and validates a whole export file: every problem, by fact position and field, or the document.
 * A file that is not an export at all gets one problem rather than a list of everything it lacks.
 */
export function readFactsExport(
  json: string | Uint8Array,
  knownSourceIds: ReadonlySet<string>,
  isIdTaken: (id: string) => boolean,
  quoteCheck?: QuoteCheck,
): { ok: true; document: FactsExport } | { ok: false; problems: ImportProblem[] } {
  const decoded = decodeJson(json);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  const raw = decoded.value as { format?: unknown; version?: unknown; facts?: unknown } | null;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || raw.format !== EXPORT_FORMAT) {
    return { ok: false, problems: [{ field: "format", message: M.importNotExport }] };
  }
  if (raw.version !== EXPORT_VERSION) {
    const version = typeof raw.version === "number" ? raw.version : undefined;
    return { ok: false, problems: [{ field: "version", message: M.importUnsupportedVersion(version) }] };
  }
  const result = exportSchema(knownSourceIds, quoteCheck).safeParse(raw, { error: missingFieldMessage });
  const problems = [...(result.error?.issues.flatMap(toImportProblems) ?? []), ...idProblems(raw.facts, isIdTaken)];
  problems.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  if (result.success && problems.length === 0) return { ok: true, document: result.data };
  return { ok: false, problems };
}
