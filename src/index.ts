import { commands } from "../commands/index.js";
import { createApp } from "./app.js";
import { Cooldown } from "./bot/cooldown.js";
import { Dispatcher } from "./bot/dispatcher.js";
import { ConfigError, loadDotEnv, parseConfig, type Config } from "./config.js";
import { runConsole } from "./console/local-console.js";
import { StartupError } from "./errors.js";
import { lockDataDir, prepareDataDir } from "./facts/data-dir.js";
import { createKnowledgeBase } from "./knowledge/knowledge-base.js";
import { createLogger } from "./logger.js";

/** A supervisor's stop must not wait longer than this, whatever is still running. */
const STOP_DEADLINE_MS = 5_000;

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

/** What start-up opened, closed in reverse order on the way out. */
const closers: (() => void | Promise<void>)[] = [];
let stopping = false;

/** `reason`: the signal, or the end of the console's input. */
async function stop(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, "shutting down");
  setTimeout(() => {
    logger.error({ reason }, `not stopped within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  for (const close of closers.reverse()) await close();
  logger.info("stopped");
  process.exit(0);
}

async function start(): Promise<void> {
  const { storage } = config;
  if (storage.kind === "sqlite") {
    prepareDataDir(storage.dataDir);
    const lock = lockDataDir(storage.dataDir);
    closers.push(() => lock.release());
  }
  const app = await createApp(createKnowledgeBase(), storage, logger);
  closers.push(() => app.close());
  logger.info({ database: storage.kind }, "database open");
  const dispatcher = new Dispatcher(commands, app.context, new Cooldown(config.discord ? config.cooldownSeconds : 0), logger);

  if (config.discord) {
    const { startBot } = await import("./discord/bot.js");
    const bot = await startBot({ token: config.discord.token, apiBase: config.discord.apiBase, dispatcher, logger });
    closers.push(() => bot.stop());
  } else {
    await runConsole({ dispatcher, commands });
    await stop("end of input");
  }
}

process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
try {
  await start();
} catch (error) {
  // One line for the operator; the stack only for whoever asked for debug logs.
  logger.debug({ err: error }, "start-up failed");
  const reason = error instanceof StartupError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  console.error(`Cannot start: ${reason}`);
  process.exit(1);
}
