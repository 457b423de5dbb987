import { AnswerService } from "../answers/answer.js";
import { AnswerModel } from "../answers/answer-model.js";
import { AskedBefore } from "../answers/asked-before.js";
import { EvidenceReader } from "../answers/evidence.js";
import { IntentReader } from "../answers/intent.js";
import { MembershipAnswers } from "../answers/membership.js";
import { CURATED_SCOPE, SearchEngine } from "../search/engine.js";
import { Tokenizer } from "../text/tokenize.js";
import { loadKnowledge, type Knowledge } from "./load.js";

export interface KnowledgeBase {
  knowledge: Knowledge;
  tokenizer: Tokenizer;
  engine: SearchEngine;
  answers: AnswerService;
}

/**
 * Loads the knowledge once and builds everything that answers from it.
 * @param model the confidence model; `npm run train` passes one it is fitting
 */
export function createKnowledgeBase(knowledge: Knowledge = loadKnowledge(), model: AnswerModel = AnswerModel.load()): KnowledgeBase {
  const tokenizer = new Tokenizer(knowledge.lexicon);
  // An author is named by the last word of the attribution ("Ambassador Yakovenko" -> yakovenko).
  const sourceNames = new Map(
    knowledge.sources
      .filter((source) => source.attribution)
      .map((source) => [source.id, tokenizer.tokens(source.attribution!.split(" ").at(-1)!)]),
  );
  const engine = new SearchEngine(tokenizer, sourceNames);
  for (const entry of knowledge.entries) engine.upsert(entry, CURATED_SCOPE);
  return { knowledge, tokenizer, engine, answers: createAnswers(knowledge, tokenizer, engine, model) };
}

/** The answers over an engine that already holds the curated knowledge. */
export function createAnswers(knowledge: Knowledge, tokenizer: Tokenizer, engine: SearchEngine, model: AnswerModel = AnswerModel.load()): AnswerService {
  const countryRecords = knowledge.entries.filter((entry) => entry.country);
  const evidence = new EvidenceReader(tokenizer, knowledge.namedThings, countryRecords.map((record) => record.country!.name));
  return new AnswerService({
    engine,
    model,
    askedBefore: new AskedBefore(engine, (word) => evidence.isName(word), model.file.askedBefore),
    evidence,
    intents: new IntentReader(tokenizer, countryRecords),
    membership: new MembershipAnswers(countryRecords),
  });
}
