import type { SlashCommand } from "../bot/command.js";
import type { Lifecycle } from "../lifecycle.js";
import type { Logger } from "../logger.js";
import { answerReportRequests } from "../sharding/shard-reports.js";
import { renderMetrics } from "./bot-metrics.js";
import { summarizeHealth } from "./health.js";
import { startOpsServer } from "./ops-server.js";
import { ShardOps } from "./shard-ops.js";

/**
 * This process's metrics and health: reported to the supervisor when the process is one of its
 * shards, else served over HTTP on `port`.
 */
export async function startProcessOps(commands: ReadonlyMap<string, SlashCommand>, port: number, shard: number | undefined, logger: Logger, lifecycle: Lifecycle): Promise<ShardOps> {
  const ops = new ShardOps(commands, shard ?? 0);
  if (shard !== undefined) answerReportRequests(() => ops.report());
  else {
    const server = await startOpsServer(port, { health: async () => summarizeHealth([await ops.health()]), metrics: async () => renderMetrics([await ops.metrics.snapshot()]) }, logger);
    lifecycle.onClose(() => server.close());
  }
  return ops;
}
