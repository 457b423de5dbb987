import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../project-root.js";
import type { KnowledgeFiles } from "./validate.js";

export const DEFAULT_KNOWLEDGE_DIR = join(PROJECT_ROOT, "knowledge");

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

export const LEXICON_FILE = "lexicon.json";
/** The answer model (`npm run train`) lies beside the knowledge it was fitted on. */
export const MODEL_FILE = "answer-model.json";
/** English word vectors (`npm run vectors`): the meaning of questions asked before is read with them. */
export const WORD_VECTORS_FILE = "word-vectors.bin";

function entryFileNames(dir: string): string[] {
  return readdirSync(join(dir, "entries"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => `entries/${name}`);
}

/** The source texts under sources/, by file name (the `textFile` of a source). */
export function readSourceTexts(dir = DEFAULT_KNOWLEDGE_DIR): Map<string, string> {
  const textDir = join(dir, "sources");
  return new Map(readdirSync(textDir).map((name) => [name, readFileSync(join(textDir, name), "utf8")]));
}

/** Every file the knowledge is loaded from, relative to `dir`, in a fixed order. */
export function knowledgeFileNames(dir = DEFAULT_KNOWLEDGE_DIR): string[] {
  const texts = readdirSync(join(dir, "sources")).sort().map((name) => `sources/${name}`);
  return ["sources.json", LEXICON_FILE, MODEL_FILE, WORD_VECTORS_FILE, ...entryFileNames(dir), ...texts];
}

/** Reads knowledge/: sources.json, entries/*.json and the source texts under sources/. */
export function readKnowledgeFiles(dir = DEFAULT_KNOWLEDGE_DIR): KnowledgeFiles {
  return {
    sourcesFile: { name: "sources.json", json: readJson(join(dir, "sources.json")) },
    entryFiles: entryFileNames(dir).map((name) => ({ name, json: readJson(join(dir, name)) })),
    sourceTexts: readSourceTexts(dir),
  };
}
