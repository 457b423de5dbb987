import { AnswerService } from "../answers/answer.js";
import { AnswerModel } from "../answers/answer-model.js";
import { EvidenceReader } from "../answers/evidence.js";
import { IntentReader } from "../answers/intent.js";
import { MembershipAnswers } from "../answers/membership.js";
import { CURATED_SCOPE, SearchEngine, type EntryIndex } from "../search/engine.js";
import { Tokenizer } from "../text/tokenize.js";
import { loadKnowledge, type Knowledge } from "./load.js";
import { readKnowledgeSnapshot } from "./snapshot.js";

export interface KnowledgeBase {
  knowledge: Knowledge;
  tokenizer: Tokenizer;
  engine: SearchEngine;
  answers: AnswerService;
}

/**
 * The shipped knowledge, ready to answer: from the build's snapshot while knowledge/ is as it was
 * then, else loaded, checked and indexed afresh (the same answers, a slower start).
 */
export function loadKnowledgeBase(): KnowledgeBase {
  const snapshot = readKnowledgeSnapshot();
  return snapshot ? createKnowledgeBase(snapshot.knowledge, AnswerModel.load(), snapshot.indexes) : createKnowledgeBase();
}

/**
 * Loads the knowledge once and builds everything that answers from it.
 * @param model the confidence model; `npm run train` passes one it is fitting
 * @param indexes the entries' indexes, when a snapshot holds them
 */
export function createKnowledgeBase(knowledge: Knowledge = loadKnowledge(), model: AnswerModel = AnswerModel.load(), indexes?: EntryIndex[]): KnowledgeBase {
  const tokenizer = new Tokenizer(knowledge.lexicon);
  // An author is named by the last word of the attribution ("Ambassador Yakovenko" -> yakovenko).
  const sourceNames = new Map(
    knowledge.sources
      .filter((source) => source.attribution)
      .map((source) => [source.id, tokenizer.tokens(source.attribution!.split(" ").at(-1)!)]),
  );
  const engine = new SearchEngine(tokenizer, sourceNames);
  knowledge.entries.forEach((entry, i) => engine.upsert(entry, CURATED_SCOPE, indexes?.[i]));
  return { knowledge, tokenizer, engine, answers: createAnswers(knowledge, tokenizer, engine, model) };
}

/** The answers over an engine that already holds the curated knowledge. */
export function createAnswers(knowledge: Knowledge, tokenizer: Tokenizer, engine: SearchEngine, model: AnswerModel = AnswerModel.load()): AnswerService {
  const countryRecords = knowledge.entries.filter((entry) => entry.country);
  return new AnswerService({
    engine,
    model,
    evidence: new EvidenceReader(tokenizer, knowledge.namedThings, countryRecords.map((record) => record.country!.name)),
    intents: new IntentReader(tokenizer, countryRecords),
    membership: new MembershipAnswers(countryRecords),
  });
}
