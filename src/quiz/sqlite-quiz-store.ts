import type Database from "better-sqlite3";
import { openStoreDatabase } from "../facts/sqlite-database.js";
import type { LeaderboardLine, QuizAnswer, QuizStore, TopicResult } from "./quiz-store.js";

type AnswerRow = { guild_id: string; user_id: string; question_id: string; topic: string; mode: string; correct: number; points: number; at: string };
type Setting = { guild_id: string; target: string; by: string; at: string };

/**
 * The quiz's tables in the same SQLite file as the server facts (migration 2), on a connection of its own. Each
 * method is one statement, so nothing needs a transaction; the promises only give both databases one interface.
 */
export class SqliteQuizStore implements QuizStore {
  private readonly db: Database.Database;
  private readonly sql;

  constructor(path: string, private readonly now: () => Date = () => new Date()) {
    this.db = openStoreDatabase(path);
    const db = this.db;
    this.sql = {
      insertAnswer: db.prepare<AnswerRow>(`
        INSERT INTO quiz_answers (guild_id, user_id, question_id, topic, mode, correct, points, at)
        VALUES (@guild_id, @user_id, @question_id, @topic, @mode, @correct, @points, @at)`),
      leaderboard: db.prepare<[string, number], LeaderboardLine>(`
        SELECT user_id AS userId, sum(points) AS points, sum(correct) AS correct, count(*) AS answered
        FROM quiz_answers WHERE guild_id = ? GROUP BY user_id
        ORDER BY points DESC, correct DESC, min(seq) LIMIT ?`),
      resultsByTopic: db.prepare<[string, string], TopicResult>(`
        SELECT topic, sum(correct) AS correct, count(*) AS answered
        FROM quiz_answers WHERE guild_id = ? AND user_id = ? GROUP BY topic ORDER BY topic`),
      addPoolFact: db.prepare<Setting>(`
        INSERT INTO quiz_pool_facts (guild_id, fact_id, added_by, added_at) VALUES (@guild_id, @target, @by, @at)
        ON CONFLICT DO NOTHING`),
      removePoolFact: db.prepare<[string, string]>("DELETE FROM quiz_pool_facts WHERE guild_id = ? AND fact_id = ?"),
      poolFacts: db.prepare<[string], string>("SELECT fact_id FROM quiz_pool_facts WHERE guild_id = ? ORDER BY added_at, fact_id").pluck(),
      disable: db.prepare<Setting>(`
        INSERT INTO quiz_disabled_questions (guild_id, question_id, disabled_by, disabled_at) VALUES (@guild_id, @target, @by, @at)
        ON CONFLICT DO NOTHING`),
      enable: db.prepare<[string, string]>("DELETE FROM quiz_disabled_questions WHERE guild_id = ? AND question_id = ?"),
      disabled: db.prepare<[string], string>("SELECT question_id FROM quiz_disabled_questions WHERE guild_id = ?").pluck(),
    };
  }

  async recordAnswer(answer: QuizAnswer): Promise<void> {
    this.sql.insertAnswer.run({
      guild_id: answer.guildId,
      user_id: answer.userId,
      question_id: answer.questionId,
      topic: answer.topic,
      mode: answer.mode,
      correct: answer.correct ? 1 : 0,
      points: answer.points,
      at: this.now().toISOString(),
    });
  }

  async leaderboard(guildId: string, limit: number): Promise<LeaderboardLine[]> {
    return this.sql.leaderboard.all(guildId, limit);
  }

  async resultsByTopic(guildId: string, userId: string): Promise<TopicResult[]> {
    return this.sql.resultsByTopic.all(guildId, userId);
  }

  async setFactInPool(guildId: string, factId: string, inPool: boolean, actorId: string): Promise<void> {
    if (inPool) this.sql.addPoolFact.run({ guild_id: guildId, target: factId, by: actorId, at: this.now().toISOString() });
    else this.sql.removePoolFact.run(guildId, factId);
  }

  async poolFacts(guildId: string): Promise<string[]> {
    return this.sql.poolFacts.all(guildId);
  }

  async setQuestionDisabled(guildId: string, questionId: string, disabled: boolean, actorId: string): Promise<void> {
    if (disabled) this.sql.disable.run({ guild_id: guildId, target: questionId, by: actorId, at: this.now().toISOString() });
    else this.sql.enable.run(guildId, questionId);
  }

  async disabledQuestions(guildId: string): Promise<Set<string>> {
    return new Set(this.sql.disabled.all(guildId));
  }

  close(): void {
    this.db.close();
  }
}
