import type { QuoteRef } from "../knowledge/model.js";

/**
 * The kinds of question the knowledge yields: the year of a dated event, a state's status, the
 * author of a quote, and the year missing from a dated claim (curated or a server's own fact).
 */
export type QuestionKind = "event-year" | "status" | "quote-author" | "claim-year";

export const CHOICES_PER_QUESTION = 4;

export interface QuizQuestion {
  /** Stable across restarts, so a moderator can turn a question off by it. */
  id: string;
  kind: QuestionKind;
  prompt: string;
  choices: string[];
  /** Index of the one right choice. */
  answer: number;
  /** The quote that supports the right answer, with its source. */
  quote: QuoteRef;
  /** The entry the question was made from. */
  entryId: string;
  /** How the player's results are grouped: a state, "Who said what", "Dated claims"… */
  topic: string;
  /** Folded words a `topic:` may name to select this question: states, authors, sources, tags. */
  tags: string[];
  /** Years the question is about, for a `topic:` that names a period. */
  years: number[];
  /** Names the quote must mention for a status question (the state and its aliases). */
  answerNames?: string[];
  /** Set for a question made from a server's own fact. */
  guildId?: string;
}

export const rightChoice = (question: QuizQuestion): string => question.choices[question.answer]!;
