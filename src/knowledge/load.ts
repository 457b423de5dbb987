import { readFileSync } from "node:fs";
import { join } from "node:path";
import { foldText, isCyrillic, normalizeQuoteText } from "../text/normalize.js";
import type { Lexicon } from "../text/tokenize.js";
import { DEFAULT_KNOWLEDGE_DIR, LEXICON_FILE, readKnowledgeFiles, readSourceTexts } from "./files.js";
import { fromCuratedEntry, toSourceRef, type KnowledgeEntry, type SourceRef } from "./model.js";
import { LexiconFile, type Source } from "./schema.js";
import { formatProblem, validateKnowledge, type Problem } from "./validate.js";

export class KnowledgeInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`knowledge/ has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "KnowledgeInvalidError";
  }
}

/** Names of things, by kind, as words: what tells a date-less entry from one that says who or where. */
export interface NamedThings {
  people: string[];
  places: string[];
  /** Countries with no record; those with one are named by it. */
  countries: string[];
  organisations: string[];
  /** A capital or seat of power -> the country it stands for. */
  seats: Record<string, string>;
  /** Words that count the same thing ("soldiers", "troops"). */
  countedAlike: string[][];
}

/** What the knowledge holds, as plain data (a snapshot keeps it). */
export interface KnowledgeData {
  sources: Source[];
  entries: KnowledgeEntry[];
  lexicon: Lexicon;
  namedThings: NamedThings;
}

export interface Knowledge extends KnowledgeData {
  /** Whether a passage occurs in a listed source's text, compared as validate:knowledge compares quotes. */
  quoteOccurs(sourceId: string, text: string): boolean;
  sourceRefs: Map<string, SourceRef>;
}

/** Each source as answers cite it, by id. */
export const sourceRefsOf = (sources: readonly Source[]): Map<string, SourceRef> => new Map(sources.map((source) => [source.id, toSourceRef(source)]));

/**
 * The knowledge with its lookups: source references by id, and the quote check against the source
 * texts under `dir`. Only moderators' facts need that check, so the texts are read on its first use.
 * @param sourceRefs the references the entries already cite, when they cite shared ones
 */
export function withLookups(data: KnowledgeData, dir = DEFAULT_KNOWLEDGE_DIR, sourceRefs = sourceRefsOf(data.sources)): Knowledge {
  let sourceTexts: Map<string, string> | undefined;
  const normalizedTexts = () => {
    const files = readSourceTexts(dir);
    return new Map(data.sources.map((source) => [source.id, normalizeQuoteText(files.get(source.textFile) ?? "")]));
  };
  return {
    ...data,
    quoteOccurs: (sourceId, text) => (sourceTexts ??= normalizedTexts()).get(sourceId)?.includes(normalizeQuoteText(text)) ?? false,
    sourceRefs,
  };
}

function foldedMap<V>(record: Record<string, V>, value: (v: V) => string[]): Map<string, string[]> {
  return new Map(Object.entries(record).map(([key, v]) => [foldText(key), value(v)]));
}

/**
 * The lexicon file plus what the country entries teach: every one-word alias is a spelling of the
 * country's name, and every longer one is a phrase standing for it.
 */
function buildLexicon(file: LexiconFile, entries: KnowledgeEntry[]): Lexicon {
  const lexicon: Lexicon = {
    phrases: new Map(Object.entries(file.phrases).map(([phrase, token]) => [foldText(phrase), token])),
    variants: foldedMap(file.variants, (word) => [foldText(word)]),
    russian: foldedMap(file.russian, (meaning) => [foldText(meaning)]),
  };
  for (const entry of entries) {
    if (!entry.country) continue;
    const name = foldText(entry.country.name);
    for (const alias of entry.aliases) {
      const folded = foldText(alias);
      if (folded === name || folded.length === 0) continue;
      if (folded.includes(" ")) lexicon.phrases.set(folded, name.replace(/ /g, ""));
      else if (isCyrillic(folded)) lexicon.russian.set(folded, [name]);
      else lexicon.variants.set(folded, [name]);
    }
  }
  return lexicon;
}

/** Reads, validates and converts knowledge/; throws with every problem when it is not valid. */
export function loadKnowledge(dir = DEFAULT_KNOWLEDGE_DIR): Knowledge {
  const files = readKnowledgeFiles(dir);
  const { knowledge, problems } = validateKnowledge(files);
  if (!knowledge) throw new KnowledgeInvalidError(problems);
  const sourceById = new Map(knowledge.sources.map((source) => [source.id, source]));
  const entries = knowledge.entries.map((entry) => fromCuratedEntry(entry, sourceById));
  const lexiconFile = LexiconFile.parse(JSON.parse(readFileSync(join(dir, LEXICON_FILE), "utf8")));
  const data: KnowledgeData = {
    sources: knowledge.sources,
    entries,
    lexicon: buildLexicon(lexiconFile, entries),
    namedThings: {
      people: lexiconFile.people,
      places: lexiconFile.places,
      countries: lexiconFile.countries,
      organisations: lexiconFile.organisations,
      seats: lexiconFile.seats,
      countedAlike: lexiconFile.countedAlike,
    },
  };
  return withLookups(data, dir);
}
