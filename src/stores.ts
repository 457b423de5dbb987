import type { StorageConfig } from "./config.js";
import type { FactStore } from "./facts/fact-store.js";
import { factsDatabasePath, SqliteFactStore } from "./facts/sqlite-fact-store.js";
import type { QuizStore } from "./quiz/quiz-store.js";
import { SqliteQuizStore } from "./quiz/sqlite-quiz-store.js";

/** The stores of one database, closed together. */
export interface Stores {
  facts: FactStore;
  quiz: QuizStore;
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the database the configuration names. `onConnectionError` hears of PostgreSQL
 * connections dropped while idle, which the pool replaces by itself.
 */
export async function openStores(storage: StorageConfig, onConnectionError: (error: Error) => void): Promise<Stores> {
  if (storage.kind === "postgres") {
    // Loaded only when used: a bot on SQLite never pays for pg's start-up time and memory.
    const [{ openPostgres }, { PostgresFactStore }, { PostgresQuizStore }] = await Promise.all([
      import("./facts/postgres-database.js"),
      import("./facts/postgres-fact-store.js"),
      import("./quiz/postgres-quiz-store.js"),
    ]);
    const pool = await openPostgres(storage.url, onConnectionError);
    return { facts: new PostgresFactStore(pool), quiz: new PostgresQuizStore(pool), close: () => pool.end() };
  }
  const path = factsDatabasePath(storage.dataDir);
  const facts = new SqliteFactStore(path);
  try {
    const quiz = new SqliteQuizStore(path);
    return {
      facts,
      quiz,
      async close() {
        facts.close();
        quiz.close();
      },
    };
  } catch (error) {
    facts.close();
    throw error;
  }
}
