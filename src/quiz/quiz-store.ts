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
 * one guild. SqliteQuizStore and PostgresQuizStore implement it.
 */
export interface QuizStore {
  recordAnswer(answer: QuizAnswer): Promise<void>;
  /** Most points first, then most right answers, then who scored first; at most `limit` lines. */
  leaderboard(guildId: string, limit: number): Promise<LeaderboardLine[]>;
  /** The member's right and total answers per topic, by topic name. */
  resultsByTopic(guildId: string, userId: string): Promise<TopicResult[]>;
  /** Adds or takes a server fact out of the guild's quiz pool. */
  setFactInPool(guildId: string, factId: string, inPool: boolean, actorId: string): Promise<void>;
  /** Oldest addition first. */
  poolFacts(guildId: string): Promise<string[]>;
  /** Turns a question off (a moderator judged it unfair) or back on. */
  setQuestionDisabled(guildId: string, questionId: string, disabled: boolean, actorId: string): Promise<void>;
  disabledQuestions(guildId: string): Promise<Set<string>>;
}
