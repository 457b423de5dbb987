import { commands } from "../commands/index.js";
import { createApp } from "./app.js";
import { Cooldown } from "./bot/cooldown.js";
import { Dispatcher } from "./bot/dispatcher.js";
import type { Config } from "./config.js";
import { lockDataDir, prepareDataDir } from "./facts/data-dir.js";
import { loadKnowledgeBase } from "./knowledge/snapshot.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Logger } from "./logger.js";
import type { ShardOps } from "./ops/shard-ops.js";

/** A full collection when node runs with --expose-gc, as `npm start`, the image and the unit file do; else nothing. */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Runs the bot in this process: alone (the local console, or one gateway connection), or as one
 * shard a supervisor started.
 */
export async function runBotProcess(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<void> {
  const shard = config.sharding.role === "shard" ? { id: config.sharding.id, count: config.sharding.count } : undefined;
  if (shard) {
    // The supervisor prepared and locked DATA_DIR for all its shards. Should it die, however it
    // dies, the IPC channel closes and its shards stop too.
    process.once("disconnect", () => void lifecycle.stop("supervisor gone"));
  } else if (config.storage.kind === "sqlite") {
    prepareDataDir(config.storage.dataDir);
    const lock = lockDataDir(config.storage.dataDir);
    lifecycle.onClose(() => lock.release());
  }

  let ops: ShardOps | undefined;
  if (config.discord && config.metricsPort !== undefined) {
    // Loaded only when metrics are asked for: prom-client alone costs start-up milliseconds and megabytes.
    const { startProcessOps } = await import("./ops/process-ops.js");
    ops = await startProcessOps(commands, config.metricsPort, shard?.id, logger, lifecycle);
  }

  const kb = loadKnowledgeBase();
  // A shard reads only the servers Discord routes to it, on their first use.
  const app = await createApp(kb, config.storage, logger);
  lifecycle.onClose(() => app.close());
  const dispatcher = new Dispatcher(commands, app.context, new Cooldown(config.discord ? config.cooldownSeconds : 0), logger);

  if (!config.discord) {
    const { runConsole } = await import("./console/local-console.js");
    await runConsole({ dispatcher, commands });
    await lifecycle.stop("end of input");
    return;
  }
  const { startBot } = await import("./discord/bot.js");
  const bot = await startBot({
    token: config.discord.token,
    apiBase: config.discord.apiBase,
    shard,
    dispatcher,
    logger,
    onAnswered: ops && ((answered) => ops.metrics.interaction(answered)),
  });
  lifecycle.onClose(() => bot.stop());
  // Once ready, not before: the first question would otherwise wait for it. Then one full collection:
  // reading the snapshot leaves megabytes of text behind, which V8 would keep until the heap reached its limit.
  setImmediate(() => {
    kb.answers.prepare();
    collectGarbage();
  });
  ops?.started(
    { gatewayConnected: () => bot.gateway().connected, checkDatabase: () => app.checkDatabase() },
    { gatewayPingMs: () => bot.gateway().pingMs, servers: () => bot.gateway().servers, facts: () => kb.engine.serverEntryCount },
  );
}
