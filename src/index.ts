import { commands } from "../commands/index.js";
import { mkdirSync } from "node:fs";
import { createApp } from "./app.js";
import { Cooldown } from "./bot/cooldown.js";
import { Dispatcher } from "./bot/dispatcher.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "./config.js";
import { runConsole } from "./console/local-console.js";
import { createKnowledgeBase } from "./knowledge/knowledge-base.js";
import { createLogger } from "./logger.js";

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
const app = createApp(kb, config.dataDir);
const { loaded, skipped } = app.loadedFacts;
logger.info({ loaded, skipped }, "server facts loaded");
if (skipped.length > 0) logger.warn({ skipped }, "some server facts cite a source that no longer exists and were not loaded");
const dispatcher = new Dispatcher(commands, app.context, new Cooldown(config.discord ? config.cooldownSeconds : 0), logger);

if (config.discord) {
  const { startBot } = await import("./discord/bot.js");
  const bot = await startBot({ token: config.discord.token, apiBase: config.discord.apiBase, dispatcher, logger });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await bot.stop();
    app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
} else {
  await runConsole({ dispatcher, commands });
  app.close();
}
