import type { SlashCommand } from "../bot/command.js";
import { BotMetrics, type BotReadings, type MetricsSnapshot } from "./bot-metrics.js";
import { checkShard, type HealthProbes, type ShardHealth } from "./health.js";

/** What a shard process tells the supervisor when asked: its health and its metrics. */
export interface ShardReport {
  health: ShardHealth;
  metrics: MetricsSnapshot;
}

/**
 * One process's metrics and health: served over HTTP when the process runs alone, reported to the
 * supervisor when it is one of several shards.
 */
export class ShardOps {
  readonly metrics: BotMetrics;
  private probes: HealthProbes | undefined;

  constructor(
    commands: ReadonlyMap<string, SlashCommand>,
    readonly shard: number,
  ) {
    this.metrics = new BotMetrics(commands, shard);
  }

  /** Start-up finished: from now on the shard is checked and read for real. */
  started(probes: HealthProbes, readings: BotReadings): void {
    this.probes = probes;
    this.metrics.watch(readings);
  }

  health(): Promise<ShardHealth> {
    return checkShard(this.shard, this.probes, () => this.metrics.databaseError("health check"));
  }

  async report(): Promise<ShardReport> {
    return { health: await this.health(), metrics: await this.metrics.snapshot() };
  }
}
