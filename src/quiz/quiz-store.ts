/** One answer a member gave; times are ISO 8601 in UTC. */
export interface QuizAnswer {
  guildId: string;
  userId: string;
  questionId: string;
  topic: string;
  mode: "solo" | "round";
  correct: boolean;
  /** 1 for the first right answer of a group round, else 0. */
  points: number;
}

export interface LeaderboardLine {
  userId: string;
  points: number;
  correct: number;
  answered: number;
}

export interface TopicResult {
  topic: string;
  correct: number;
  answered: number;
}

/**
 * Where each server's quiz results and settings live, next to its facts. Everything is scoped to
 * one guild. SqliteQuizStore implements it; another database only has to implement these methods.
 */
export interface QuizStore {
  recordAnswer(answer: QuizAnswer): void;
  /** Most points first, then most right answers; at most `limit` lines. */
  leaderboard(guildId: string, limit: number): LeaderboardLine[];
  /** The member's right and total answers per topic, by topic name. */
  resultsByTopic(guildId: string, userId: string): TopicResult[];
  /** Adds or takes a server fact out of the guild's quiz pool. */
  setFactInPool(guildId: string, factId: string, inPool: boolean, actorId: string): void;
  poolFacts(guildId: string): string[];
  /** Turns a question off (a moderator judged it unfair) or back on. */
  setQuestionDisabled(guildId: string, questionId: string, disabled: boolean, actorId: string): void;
  disabledQuestions(guildId: string): Set<string>;
  close(): void;
}
