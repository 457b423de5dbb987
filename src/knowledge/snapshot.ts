import { createHash } from "node:crypto";
import { renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { AnswerModel, type ModelFile } from "../answers/answer-model.js";
import { WordVectors } from "../answers/meaning.js";
import { PROJECT_ROOT } from "../project-root.js";
import { DEFAULT_KNOWLEDGE_DIR, knowledgeFileNames, MODEL_FILE, WORD_VECTORS_FILE } from "./files.js";
import { createKnowledgeBase, type KnowledgeBase, type Precomputed } from "./knowledge-base.js";
import { loadKnowledge, sourceRefsOf, withLookups, type Knowledge, type NamedThings } from "./load.js";
import type { KnowledgeEntry, SourceRef } from "./model.js";
import type { Source } from "./schema.js";
import { readSnapshotFile, writeSnapshotFile } from "./snapshot-file.js";

/**
 * The build's snapshot of the knowledge and its answer model: checked, converted and indexed, so
 * that start-up only reads it. It lies in dist/ with the compiled code that wrote it, because the
 * index is that code's tokenizing.
 */
export const SNAPSHOT_FILE = join(PROJECT_ROOT, "dist", "knowledge.snapshot");
/** Code run from the sources (tsx, vitest) may tokenize otherwise than the build: it indexes afresh. */
const RUNNING_COMPILED = import.meta.url.endsWith(".js");
/** Changes whenever the file's layout does, so that no build reads another's. */
const SNAPSHOT_FORMAT = 14;

/** An entry citing its sources by id: a copy of their details in each entry took most of a megabyte once read back. */
type SnapshotEntry = Omit<KnowledgeEntry, "sources" | "quotes"> & { sources: string[]; quotes: { text: string; source: string }[] };

const citingById = (entry: KnowledgeEntry): SnapshotEntry => ({
  ...entry,
  sources: entry.sources.map((source) => source.id),
  quotes: entry.quotes.map((quote) => ({ text: quote.text, source: quote.source.id })),
});

function citingRefs(entry: SnapshotEntry, refs: ReadonlyMap<string, SourceRef>): KnowledgeEntry {
  const ref = (id: string) => {
    const found = refs.get(id);
    if (!found) throw new Error(`snapshot entry ${entry.id} cites unknown source ${id}`);
    return found;
  };
  return { ...entry, sources: entry.sources.map(ref), quotes: entry.quotes.map((quote) => ({ text: quote.text, source: ref(quote.source) })) };
}

interface SnapshotFile extends Precomputed {
  format: number;
  /** Of the knowledge files it was taken of (see knowledgeFingerprint). */
  fingerprint: string;
  sources: Source[];
  entries: SnapshotEntry[];
  lexicon: { phrases: [string, string][]; variants: [string, string[]][]; russian: [string, string[]][] };
  namedThings: NamedThings;
  model: ModelFile;
}

/**
 * A digest of the name, size and modification time of every file the knowledge is loaded from: a
 * snapshot is of the knowledge as it is only while they are unchanged, as dist/ is of the code
 * (scripts/ensure-build.mjs). Reading the files themselves, the model alone megabytes, slowed every start.
 */
export function knowledgeFingerprint(dir = DEFAULT_KNOWLEDGE_DIR): string {
  const hash = createHash("sha256");
  for (const name of knowledgeFileNames(dir)) {
    const { size, mtimeNs } = statSync(join(dir, name), { bigint: true });
    hash.update(`${name}\0${size}\0${mtimeNs}\0`);
  }
  return hash.digest("hex");
}

/**
 * Loads, checks and indexes the knowledge under `dir` with its answer model, and writes them to
 * `path`. Knowledge that is not valid throws (KnowledgeInvalidError) and leaves no snapshot behind.
 */
export function writeKnowledgeSnapshot(path = SNAPSHOT_FILE, dir = DEFAULT_KNOWLEDGE_DIR): void {
  rmSync(path, { force: true });
  // Taken before reading: a file edited meanwhile makes the snapshot stale, never wrong.
  const fingerprint = knowledgeFingerprint(dir);
  const knowledge = loadKnowledge(dir);
  const model = AnswerModel.load(join(dir, MODEL_FILE));
  const { engine, answers } = createKnowledgeBase(knowledge, model, undefined, WordVectors.load(join(dir, WORD_VECTORS_FILE)));
  const { lexicon } = knowledge;
  const file: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    sources: knowledge.sources,
    entries: knowledge.entries.map(citingById),
    lexicon: { phrases: [...lexicon.phrases], variants: [...lexicon.variants], russian: [...lexicon.russian] },
    namedThings: knowledge.namedThings,
    // The questions asked before travel packed, in askedQuestions, their typed arrays as bytes: once read, their wording is not needed.
    model: { ...model.file, askedBefore: [] },
    curatedIndex: engine.curatedData(),
    askedQuestions: answers.askedQuestions(),
  };
  // Written whole, then renamed: a process starting meanwhile reads the old file or the new one.
  const partial = `${path}.${process.pid}.partial`;
  writeSnapshotFile(partial, file);
  renameSync(partial, path);
}

/**
 * The knowledge, its answer model and what was worked out from them, from the snapshot at `path`;
 * undefined when there is none or it is not of the files under `dir` as they are now.
 */
export function readKnowledgeSnapshot(path = SNAPSHOT_FILE, dir = DEFAULT_KNOWLEDGE_DIR): { knowledge: Knowledge; model: AnswerModel; precomputed: Precomputed } | undefined {
  let file: SnapshotFile;
  try {
    file = readSnapshotFile(path) as SnapshotFile;
  } catch {
    // Missing or unreadable: the knowledge is loaded from its files instead.
    return undefined;
  }
  if (file.format !== SNAPSHOT_FORMAT || file.fingerprint !== knowledgeFingerprint(dir)) return undefined;
  const lexicon = { phrases: new Map(file.lexicon.phrases), variants: new Map(file.lexicon.variants), russian: new Map(file.lexicon.russian) };
  const refs = sourceRefsOf(file.sources);
  const entries = file.entries.map((entry) => citingRefs(entry, refs));
  const knowledge = withLookups({ sources: file.sources, entries, lexicon, namedThings: file.namedThings }, dir, refs);
  // The model file was checked when the snapshot was taken.
  return { knowledge, model: new AnswerModel(file.model), precomputed: { curatedIndex: file.curatedIndex, askedQuestions: file.askedQuestions } };
}

/**
 * The shipped knowledge, ready to answer: from the build's snapshot while knowledge/ is as it was
 * then, else loaded, checked and indexed afresh (the same answers, a slower start).
 */
export function loadKnowledgeBase(): KnowledgeBase {
  const snapshot = RUNNING_COMPILED ? readKnowledgeSnapshot() : undefined;
  return snapshot ? createKnowledgeBase(snapshot.knowledge, snapshot.model, snapshot.precomputed) : createKnowledgeBase();
}
