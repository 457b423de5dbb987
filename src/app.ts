import { AdminCommands } from "./bot/admin-commands.js";
import type { BotContext } from "./bot/command.js";
import { CstoCommands } from "./bot/csto-commands.js";
import { QuizCommands } from "./bot/quiz-commands.js";
import type { StorageConfig } from "./config.js";
import { ServerFacts } from "./facts/server-facts.js";
import type { KnowledgeBase } from "./knowledge/knowledge-base.js";
import type { Logger } from "./logger.js";
import { QuizGame } from "./quiz/quiz-game.js";
import { QuizPool } from "./quiz/quiz-pool.js";
import { openStores } from "./stores.js";

export interface App {
  context: BotContext;
  /** Resolves once a read from the database succeeded; rejects with what failed. */
  checkDatabase(): Promise<void>;
  close(): Promise<void>;
}

/** No server has this id (Discord's ids are 17 to 20 digits), so the health check's read finds nothing. */
const PROBE_GUILD_ID = "0";

/**
 * Everything the commands use, over the knowledge and the configured database; the bot, the console and the
 * end-to-end tests share it. A server's own facts are read into the search when the server is first used, not
 * here: start-up does not grow with the servers, and a shard only ever reads the servers Discord routes to it.
 */
export async function createApp(kb: KnowledgeBase, storage: StorageConfig, logger: Logger): Promise<App> {
  const stores = await openStores(storage, (error) => logger.warn({ err: error }, "the database dropped an idle connection"));
  const facts = new ServerFacts(stores.facts, kb.engine, kb.knowledge.sourceRefs, kb.knowledge.quoteOccurs, (guildId, factIds) =>
    logger.warn({ guildId, factIds }, "some server facts cite a source that no longer exists and were not loaded"),
  );
  const rechecked = await stores.facts.recheckStoredQuotes(kb.knowledge.quoteOccurs, facts.knownSourceIds);
  if (rechecked.length > 0) {
    logger.info({ facts: rechecked.map((fact) => `${fact.guildId}/${fact.id}`) }, "removed stored quotes that their listed source does not hold");
  }
  const quizPool = QuizPool.fromKnowledge(kb.knowledge, stores.quiz, (guildId, factId) => facts.liveEntry(guildId, factId));
  return {
    context: {
      csto: new CstoCommands(kb),
      admin: new AdminCommands(facts, quizPool),
      quiz: new QuizCommands(new QuizGame(quizPool), quizPool),
      loadGuild: (guildId) => facts.load(guildId),
    },
    async checkDatabase() {
      // A real round trip through the store's own connection, whatever the store.
      await stores.facts.get(PROBE_GUILD_ID, "health-check");
    },
    close: () => stores.close(),
  };
}
