import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_KNOWLEDGE_DIR } from "../knowledge/files.js";
import { knowledgeJsonSchemas, serializeSchema } from "../knowledge/json-schema.js";

const dir = join(DEFAULT_KNOWLEDGE_DIR, "schema");
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(knowledgeJsonSchemas())) {
  writeFileSync(join(dir, name), serializeSchema(schema));
  console.log(`wrote knowledge/schema/${name}`);
}
