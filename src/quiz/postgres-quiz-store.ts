import type pg from "pg";
import type { LeaderboardLine, QuizAnswer, QuizStore, TopicResult } from "./quiz-store.js";

/**
 * The quiz's tables in PostgreSQL (migration 2), on the pool the facts use; whoever opened the pool ends it.
 * Text is ordered byte by byte (COLLATE "C"), as SQLite orders it, whatever the database's own collation.
 */
export class PostgresQuizStore implements QuizStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async recordAnswer(answer: QuizAnswer): Promise<void> {
    await this.pool.query(
      "INSERT INTO quiz_answers (guild_id, user_id, question_id, topic, mode, correct, points, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [answer.guildId, answer.userId, answer.questionId, answer.topic, answer.mode, answer.correct, answer.points, this.now().toISOString()],
    );
  }

  async leaderboard(guildId: string, limit: number): Promise<LeaderboardLine[]> {
    const { rows } = await this.pool.query<LeaderboardLine>(
      `SELECT user_id AS "userId", sum(points)::integer AS points, sum(correct::integer)::integer AS correct, count(*)::integer AS answered
       FROM quiz_answers WHERE guild_id = $1 GROUP BY user_id
       ORDER BY points DESC, correct DESC, min(seq) LIMIT $2`,
      [guildId, limit],
    );
    return rows;
  }

  async resultsByTopic(guildId: string, userId: string): Promise<TopicResult[]> {
    const { rows } = await this.pool.query<TopicResult>(
      `SELECT topic, sum(correct::integer)::integer AS correct, count(*)::integer AS answered
       FROM quiz_answers WHERE guild_id = $1 AND user_id = $2 GROUP BY topic ORDER BY topic COLLATE "C"`,
      [guildId, userId],
    );
    return rows;
  }

  async setFactInPool(guildId: string, factId: string, inPool: boolean, actorId: string): Promise<void> {
    if (inPool) {
      await this.pool.query("INSERT INTO quiz_pool_facts (guild_id, fact_id, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", [
        guildId,
        factId,
        actorId,
        this.now().toISOString(),
      ]);
    } else {
      await this.pool.query("DELETE FROM quiz_pool_facts WHERE guild_id = $1 AND fact_id = $2", [guildId, factId]);
    }
  }

  async poolFacts(guildId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ fact_id: string }>('SELECT fact_id FROM quiz_pool_facts WHERE guild_id = $1 ORDER BY added_at, fact_id COLLATE "C"', [guildId]);
    return rows.map((row) => row.fact_id);
  }

  async setQuestionDisabled(guildId: string, questionId: string, disabled: boolean, actorId: string): Promise<void> {
    if (disabled) {
      await this.pool.query(
        "INSERT INTO quiz_disabled_questions (guild_id, question_id, disabled_by, disabled_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [guildId, questionId, actorId, this.now().toISOString()],
      );
    } else {
      await this.pool.query("DELETE FROM quiz_disabled_questions WHERE guild_id = $1 AND question_id = $2", [guildId, questionId]);
    }
  }

  async disabledQuestions(guildId: string): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ question_id: string }>("SELECT question_id FROM quiz_disabled_questions WHERE guild_id = $1", [guildId]);
    return new Set(rows.map((row) => row.question_id));
  }
}
