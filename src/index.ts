import { commands } from "../commands/index.js";
import { mkdirSync } from "node:fs";
import { AdminCommands } from "./bot/admin-commands.js";
import { Cooldown } from "./bot/cooldown.js";
import { CstoCommands } from "./bot/csto-commands.js";
import { Dispatcher } from "./bot/dispatcher.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "./config.js";
import { runConsole } from "./console/local-console.js";
import { ServerFacts } from "./facts/server-facts.js";
import { factsDatabasePath, SqliteFactStore } from "./facts/sqlite-fact-store.js";
import { createKnowledgeBase } from "./knowledge/knowledge-base.js";
import { createLogger } from "./logger.js";
import { QuizCommands } from "./bot/quiz-commands.js";
import { QuizGame } from "./quiz/quiz-game.js";
import { QuizPool } from "./quiz/quiz-pool.js";
import { SqliteQuizStore } from "./quiz/sqlite-quiz-store.js";

function readConfig(): Config {
  loadDotEnv();
  try {
    return parseConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Cannot start: ${error.message}. See .env.example.`);
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger({
  // The console prints answers on standard output; keep its log to warnings.
  level: config.discord ? config.logLevel : "warn",
  production: config.production,
  secrets: config.discord ? [config.discord.token] : [],
});
const kb = createKnowledgeBase();
mkdirSync(config.dataDir, { recursive: true });
const store = new SqliteFactStore(factsDatabasePath(config.dataDir));
const facts = new ServerFacts(store, kb.engine, kb.knowledge.sourceRefs);
const { loaded, skipped } = facts.loadAll();
logger.info({ loaded, skipped }, "server facts loaded");
if (skipped.length > 0) logger.warn({ skipped }, "some server facts cite a source that no longer exists and were not loaded");
const quizStore = new SqliteQuizStore(factsDatabasePath(config.dataDir));
const quizPool = QuizPool.fromKnowledge(kb.knowledge, quizStore, (guildId, factId) => facts.liveEntry(guildId, factId));
const context = { csto: new CstoCommands(kb), admin: new AdminCommands(facts, quizPool), quiz: new QuizCommands(new QuizGame(quizPool)) };
const dispatcher = new Dispatcher(commands, context, new Cooldown(config.discord ? config.cooldownSeconds : 0), logger);

if (config.discord) {
  const { startBot } = await import("./discord/bot.js");
  const bot = await startBot({ token: config.discord.token, apiBase: config.discord.apiBase, dispatcher, logger });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await bot.stop();
    store.close();
    quizStore.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
} else {
  await runConsole({ dispatcher, commands });
  store.close();
  quizStore.close();
}
