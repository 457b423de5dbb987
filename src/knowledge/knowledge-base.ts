import { AnswerService } from "../answers/answer.js";
import { AnswerModel } from "../answers/answer-model.js";
import { AskedBefore, type PackedQuestions } from "../answers/asked-before.js";
import { EvidenceReader } from "../answers/evidence.js";
import { IntentReader } from "../answers/intent.js";
import { WordVectors } from "../answers/meaning.js";
import { MembershipAnswers } from "../answers/membership.js";
import { CURATED_SCOPE, SearchEngine, type CuratedIndexData } from "../search/engine.js";
import { Tokenizer } from "../text/tokenize.js";
import { loadKnowledge, type Knowledge } from "./load.js";

export interface KnowledgeBase {
  knowledge: Knowledge;
  tokenizer: Tokenizer;
  engine: SearchEngine;
  answers: AnswerService;
}

/** What the build's snapshot worked out so that start-up need not: the entries' index, and the model's questions asked before, read and packed. */
export interface Precomputed {
  curatedIndex: CuratedIndexData;
  askedQuestions: PackedQuestions;
}

/**
 * Loads the knowledge once and builds everything that answers from it.
 * @param model the confidence model; `npm run train` passes one it is fitting
 * @param precomputed what a snapshot of this knowledge and model holds
 * @param wordVectors what questions' meaning is read with; the shipped ones unless the knowledge lies elsewhere
 */
export function createKnowledgeBase(
  knowledge: Knowledge = loadKnowledge(),
  model: AnswerModel = AnswerModel.load(),
  precomputed?: Precomputed,
  wordVectors: WordVectors = WordVectors.load(),
): KnowledgeBase {
  const tokenizer = new Tokenizer(knowledge.lexicon, (word) => wordVectors.knows(word));
  // An author is named by the last word of the attribution ("Ambassador Yakovenko" -> yakovenko).
  const sourceNames = new Map(
    knowledge.sources
      .filter((source) => source.attribution)
      .map((source) => [source.id, tokenizer.tokens(source.attribution!.split(" ").at(-1)!)]),
  );
  const engine = precomputed
    ? SearchEngine.fromCuratedData(tokenizer, sourceNames, knowledge.entries, precomputed.curatedIndex)
    : indexedAfresh(tokenizer, sourceNames, knowledge);
  return { knowledge, tokenizer, engine, answers: createAnswers(knowledge, tokenizer, engine, model, precomputed?.askedQuestions, wordVectors) };
}

/** An engine that tokenizes and indexes every entry itself. */
function indexedAfresh(tokenizer: Tokenizer, sourceNames: Map<string, string[]>, knowledge: Knowledge): SearchEngine {
  const engine = new SearchEngine(tokenizer, sourceNames);
  for (const entry of knowledge.entries) engine.upsert(entry, CURATED_SCOPE);
  return engine;
}

/** The answers over an engine that already holds the curated knowledge. */
export function createAnswers(
  knowledge: Knowledge,
  tokenizer: Tokenizer,
  engine: SearchEngine,
  model: AnswerModel = AnswerModel.load(),
  askedQuestions?: PackedQuestions,
  wordVectors: WordVectors = WordVectors.load(),
): AnswerService {
  const countryRecords = knowledge.entries.filter((entry) => entry.country);
  const evidence = new EvidenceReader(tokenizer, knowledge.namedThings, countryRecords.map((record) => record.country!.name));
  return new AnswerService({
    engine,
    model,
    askedBefore: new AskedBefore(engine, wordVectors, evidence, model.file.askedBefore, askedQuestions),
    evidence,
    intents: new IntentReader(tokenizer, countryRecords, (word) => wordVectors.knows(word)),
    membership: new MembershipAnswers(countryRecords),
  });
}
