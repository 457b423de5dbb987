import { z } from "zod";
import { EntriesFile, LexiconFile, SourcesFile } from "./schema.js";

/** The JSON Schemas editors use to complete and check the knowledge files, generated from the zod schemas. */
export function knowledgeJsonSchemas(): Record<string, unknown> {
  const schema = (type: z.ZodType, title: string) => ({ title, ...z.toJSONSchema(type, { io: "input", unrepresentable: "any" }) });
  return {
    "sources.schema.json": schema(SourcesFile, "csto-bot sources"),
    "entries.schema.json": schema(EntriesFile, "csto-bot knowledge entries"),
    "lexicon.schema.json": schema(LexiconFile, "csto-bot search lexicon"),
  };
}

export function serializeSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
