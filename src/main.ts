// The bot's process: its configuration and logger, a stop that closes what start-up opened, then its
// role (one bot, a shard, or the supervisor of this machine's shards).
import { ConfigError, loadDotEnv, parseConfig, type Config } from "./config.js";
import { ReportedStartupError, StartupError } from "./errors.js";
import type { Lifecycle } from "./lifecycle.js";
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
const rootLogger = createLogger({
  // The console prints answers on standard output; keep its log to warnings.
  level: config.discord ? config.logLevel : "warn",
  production: config.production,
  secrets: config.discord ? [config.discord.token] : [],
});
// The shards of one machine share its standard error: each line says which shard wrote it.
const logger = config.sharding.role === "shard" ? rootLogger.child({ shard: config.sharding.id }) : rootLogger;

/** What start-up opened, closed in reverse order on the way out. */
const closers: (() => void | Promise<void>)[] = [];
let stopping = false;

const lifecycle: Lifecycle = {
  onClose: (close) => void closers.push(close),
  stop,
  get stopping() {
    return stopping;
  },
};

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

process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
try {
  // Each role loads only its own modules: a supervisor never holds the knowledge or discord.js's client.
  if (config.sharding.role === "supervisor") {
    const { runShardSupervisor } = await import("./shard-supervisor.js");
    await runShardSupervisor(config, logger, lifecycle);
  } else {
    const { runBotProcess } = await import("./bot-process.js");
    await runBotProcess(config, logger, lifecycle);
  }
} catch (error) {
  // A stop under way cuts start-up short; that is no failure to report.
  if (!stopping) {
    // One line for the operator; the stack only for whoever asked for debug logs.
    logger.debug({ err: error }, "start-up failed");
    if (error instanceof ReportedStartupError) process.exit(1);
    const reason = error instanceof StartupError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    console.error(`Cannot start: ${reason}`);
    process.exit(1);
  }
}
