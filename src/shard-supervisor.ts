import type { Config } from "./config.js";
import { fetchGatewayAdvice } from "./discord/gateway-info.js";
import { createShardProcesses } from "./discord/shard-processes.js";
import { lockDataDir, prepareDataDir } from "./facts/data-dir.js";
import type { Lifecycle } from "./lifecycle.js";
import type { Logger } from "./logger.js";
import { renderMetrics } from "./ops/bot-metrics.js";
import { summarizeHealth, unknownShard } from "./ops/health.js";
import { startOpsServer } from "./ops/ops-server.js";

/** A shard's report includes its database check, which gives up after 2 s. */
const REPORT_TIMEOUT_MS = 2_500;

/** Node's flags for the shards: this process's own, but not the build check `npm start` runs once, before the supervisor. */
function shardExecArgv(): string[] {
  const flags = [...process.execArgv];
  const buildCheck = flags.findIndex((flag, index) => flag === "--import" && flags[index + 1]?.endsWith("ensure-build.mjs"));
  if (buildCheck >= 0) flags.splice(buildCheck, 2);
  return flags;
}

/**
 * Runs this machine's shards of the bot, one process each, and serves their health and metrics
 * together on METRICS_PORT. On SIGTERM or SIGINT every shard stops within 5 s; a shard that dies
 * after start-up is started again.
 */
export async function runShardSupervisor(config: Config, logger: Logger, lifecycle: Lifecycle): Promise<void> {
  if (config.sharding.role !== "supervisor" || !config.discord) throw new Error("the shard supervisor needs SHARD_COUNT and DISCORD_TOKEN");
  const { sharding, discord } = config;
  // The shards of one machine share DATA_DIR (SQLite in WAL mode takes several processes); the lock keeps another bot out.
  if (config.storage.kind === "sqlite") {
    prepareDataDir(config.storage.dataDir);
    const lock = lockDataDir(config.storage.dataDir);
    lifecycle.onClose(() => lock.release());
  }

  const advice = await fetchGatewayAdvice({ token: discord.token, apiBase: discord.apiBase });
  const count = sharding.count === "auto" ? advice.recommendedShards : sharding.count;
  const ids = sharding.ids === "all" ? Array.from({ length: count }, (_, id) => id) : [...sharding.ids];
  const shards = createShardProcesses({
    // This same entry point: in the processes it starts, discord.js's variables make it a shard.
    entry: process.argv[1]!,
    execArgv: shardExecArgv(),
    token: discord.token,
    count,
    ids,
    maxConcurrency: advice.maxConcurrency,
    logger,
  });
  lifecycle.onClose(() => shards.stop());

  if (config.metricsPort !== undefined) {
    const reports = () => Promise.all(ids.map((id) => shards.report(id, REPORT_TIMEOUT_MS)));
    const server = await startOpsServer(
      config.metricsPort,
      {
        health: async () => summarizeHealth((await reports()).map((report, index) => report?.health ?? unknownShard(ids[index]!))),
        metrics: async () => renderMetrics((await reports()).flatMap((report) => (report ? [report.metrics] : []))),
      },
      logger,
    );
    lifecycle.onClose(() => server.close());
  }

  logger.info({ count, shards: ids, maxConcurrency: advice.maxConcurrency }, "starting shards");
  await shards.start(() => lifecycle.stopping);
  if (!lifecycle.stopping) logger.info({ count, shards: ids }, "all shards ready");
}
