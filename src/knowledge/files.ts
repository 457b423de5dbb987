import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../project-root.js";
import type { KnowledgeFiles } from "./validate.js";

export const DEFAULT_KNOWLEDGE_DIR = join(PROJECT_ROOT, "knowledge");

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Reads knowledge/: sources.json, entries/*.json and the source texts under sources/. */
export function readKnowledgeFiles(dir = DEFAULT_KNOWLEDGE_DIR): KnowledgeFiles {
  const entryDir = join(dir, "entries");
  const textDir = join(dir, "sources");
  return {
    sourcesFile: { name: "sources.json", json: readJson(join(dir, "sources.json")) },
    entryFiles: readdirSync(entryDir)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => ({ name: `entries/${name}`, json: readJson(join(entryDir, name)) })),
    sourceTexts: new Map(readdirSync(textDir).map((name) => [name, readFileSync(join(textDir, name), "utf8")])),
  };
}
