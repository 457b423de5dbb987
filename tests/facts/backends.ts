import { afterEach } from "vitest";
import type { FactStore } from "../../src/facts/fact-store.js";
import { PostgresFactStore } from "../../src/facts/postgres-fact-store.js";
import { SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { PostgresQuizStore } from "../../src/quiz/postgres-quiz-store.js";
import type { QuizStore } from "../../src/quiz/quiz-store.js";
import { SqliteQuizStore } from "../../src/quiz/sqlite-quiz-store.js";
import { postgresUrl, useFreshPostgres } from "../postgres/schemas.js";
import { steppingClock } from "./helpers.js";

export interface OpenedStores {
  facts: FactStore;
  quiz: QuizStore;
}

/** One database the contract tests run against. */
export interface StoreBackend {
  name: string;
  /** False only for PostgreSQL on a machine without it, outside CI. */
  available: boolean;
  /**
   * Call in a describe block: returns an opener of empty stores, each with a clock that moves one second a
   * read, closed after each test.
   */
  useStores(): () => Promise<OpenedStores>;
}

const sqlite: StoreBackend = {
  name: "SQLite",
  available: true,
  useStores() {
    const open: (SqliteFactStore | SqliteQuizStore)[] = [];
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });
    return async () => {
      const facts = new SqliteFactStore(":memory:", { now: steppingClock() });
      const quiz = new SqliteQuizStore(":memory:", steppingClock());
      open.push(facts, quiz);
      return { facts, quiz };
    };
  },
};

const postgres: StoreBackend = {
  name: "PostgreSQL",
  available: postgresUrl !== null,
  useStores() {
    const fresh = useFreshPostgres();
    return async () => {
      const { pool } = await fresh();
      return { facts: new PostgresFactStore(pool, { now: steppingClock() }), quiz: new PostgresQuizStore(pool, steppingClock()) };
    };
  },
};

export const BACKENDS: readonly StoreBackend[] = [sqlite, postgres];
