import { AnswerService } from "../answers/answer.js";
import { CURATED_SCOPE, SearchEngine } from "../search/engine.js";
import { Tokenizer } from "../text/tokenize.js";
import { loadKnowledge, type Knowledge } from "./load.js";

export interface KnowledgeBase {
  knowledge: Knowledge;
  tokenizer: Tokenizer;
  engine: SearchEngine;
  answers: AnswerService;
}

/** Loads the knowledge once and builds everything that answers from it. */
export function createKnowledgeBase(knowledge: Knowledge = loadKnowledge()): KnowledgeBase {
  const tokenizer = new Tokenizer(knowledge.lexicon);
  // An author is named by the last word of the attribution ("Ambassador Yakovenko" -> yakovenko).
  const sourceNames = new Map(
    knowledge.sources
      .filter((source) => source.attribution)
      .map((source) => [source.id, tokenizer.tokens(source.attribution!.split(" ").at(-1)!)]),
  );
  const engine = new SearchEngine(tokenizer, sourceNames);
  for (const entry of knowledge.entries) engine.upsert(entry, CURATED_SCOPE);
  return { knowledge, tokenizer, engine, answers: new AnswerService(engine) };
}
