import { AdminCommands } from "./bot/admin-commands.js";
import type { BotContext } from "./bot/command.js";
import { CstoCommands } from "./bot/csto-commands.js";
import { QuizCommands } from "./bot/quiz-commands.js";
import { ServerFacts } from "./facts/server-facts.js";
import { factsDatabasePath, SqliteFactStore } from "./facts/sqlite-fact-store.js";
import type { KnowledgeBase } from "./knowledge/knowledge-base.js";
import { QuizGame } from "./quiz/quiz-game.js";
import { QuizPool } from "./quiz/quiz-pool.js";
import { SqliteQuizStore } from "./quiz/sqlite-quiz-store.js";

export interface App {
  context: BotContext;
  /** What loading the stored server facts into the search found. */
  loadedFacts: { loaded: number; skipped: string[] };
  /** Resolves once a read from the database succeeded; rejects with what failed. */
  checkDatabase(): Promise<void>;
  close(): void;
}

/** No server has this id (Discord's ids are 17 to 20 digits), so the health check's read finds nothing. */
const PROBE_GUILD_ID = "0";

/**
 * Everything the commands use, over the knowledge and the database under `dataDir`; the bot, the
 * console and the end-to-end tests share it. `serves` picks the servers whose facts this process
 * indexes: a shard serves only the servers Discord routes to it.
 */
export function createApp(kb: KnowledgeBase, dataDir: string, serves?: (guildId: string) => boolean): App {
  const path = factsDatabasePath(dataDir);
  const factStore = new SqliteFactStore(path);
  const quizStore = new SqliteQuizStore(path);
  const facts = new ServerFacts(factStore, kb.engine, kb.knowledge.sourceRefs, kb.knowledge.quoteOccurs);
  const loadedFacts = facts.loadAll(serves);
  const quizPool = QuizPool.fromKnowledge(kb.knowledge, quizStore, (guildId, factId) => facts.liveEntry(guildId, factId));
  return {
    context: { csto: new CstoCommands(kb), admin: new AdminCommands(facts, quizPool), quiz: new QuizCommands(new QuizGame(quizPool), quizPool) },
    loadedFacts,
    async checkDatabase() {
      // A real round trip through the store's own connection, whatever the store.
      await factStore.get(PROBE_GUILD_ID, "health-check");
    },
    close() {
      factStore.close();
      quizStore.close();
    },
  };
}
