import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValue } from "prom-client";
import type { SlashCommand } from "../bot/command.js";
import type { Incoming, Outcome } from "../bot/dispatcher.js";
import { errorCode } from "../errors.js";
import { DatabaseBusyError } from "../facts/fact-errors.js";

/** Readings taken from the running bot each time the metrics are collected. */
export interface BotReadings {
  /** Round trip of the last gateway heartbeat, or undefined before the first one. */
  gatewayPingMs(): number | undefined;
  servers(): number;
  /** Server facts indexed for search in this process. */
  facts(): number;
}

export interface AnsweredInteraction {
  incoming: Incoming;
  outcome: Outcome;
  seconds: number;
  /** What made it fail or be refused (a busy database, say), when something did. */
  error?: unknown;
}

/** A registry's metrics as values, the form that travels between processes (as JSON). */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** Where a database error surfaced. */
export type DatabaseErrorPlace = "interaction" | "health check";

/** Answers take milliseconds; a locked database or a download can stretch one to seconds. */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A busy database, or an error SQLite itself raised. */
export function isDatabaseError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof DatabaseBusyError || errorCode(current)?.startsWith("SQLITE_")) return true;
  }
  return false;
}

/**
 * "csto ask", "csto-admin fact add": every subcommand path the definitions declare. Labels come from
 * this fixed list, so a forged interaction naming anything else cannot add label values.
 */
function commandPaths(commands: ReadonlyMap<string, SlashCommand>): Set<string> {
  const paths = new Set<string>();
  for (const [name, command] of commands) {
    paths.add(name);
    for (const option of command.data.options ?? []) {
      if (option.type === ApplicationCommandOptionType.Subcommand) paths.add(`${name} ${option.name}`);
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        for (const sub of option.options ?? []) paths.add(`${name} ${option.name} ${sub.name}`);
      }
    }
  }
  return paths;
}

/** Prometheus's text format for the snapshots of one or more shards; each value keeps its shard label. */
export function renderMetrics(snapshots: MetricsSnapshot[]): Promise<string> {
  return AggregatorRegistry.aggregate(snapshots).metrics();
}

/**
 * The bot's Prometheus metrics, in a registry of their own. Every value carries the shard it was
 * measured in, so the shards of one machine can be served together.
 */
export class BotMetrics {
  private readonly registry = new Registry();
  private readonly paths: Set<string>;
  private readonly interactions: Counter<"kind" | "command" | "outcome">;
  private readonly latency: Histogram<"kind">;
  private readonly databaseErrors: Counter<"during">;
  private readings: BotReadings | undefined;

  constructor(commands: ReadonlyMap<string, SlashCommand>, shard: number) {
    this.paths = commandPaths(commands);
    this.registry.setDefaultLabels({ shard: String(shard) });
    const registers = [this.registry];
    this.interactions = new Counter({
      name: "csto_interactions_total",
      help: "Interactions answered, by kind, command and outcome (answered, refused, failed).",
      labelNames: ["kind", "command", "outcome"],
      registers,
    });
    this.latency = new Histogram({
      name: "csto_interaction_duration_seconds",
      help: "Time from receiving an interaction to sending its answer.",
      labelNames: ["kind"],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.databaseErrors = new Counter({
      name: "csto_database_errors_total",
      help: "Database errors, by where they surfaced (an interaction, or the health check's probe).",
      labelNames: ["during"],
      registers,
    });
    // Unknown until the bot is connected (the ping until the first heartbeat): NaN marks it, and snapshot() leaves it out.
    const reading = (name: string, help: string, read: (readings: BotReadings) => number | undefined) => {
      const gauge: Gauge = new Gauge({ name, help, registers, collect: () => gauge.set((this.readings && read(this.readings)) ?? Number.NaN) });
    };
    reading("csto_gateway_ping_seconds", "Round trip of the last gateway heartbeat.", (readings) => {
      const ping = readings.gatewayPingMs();
      return ping === undefined ? undefined : ping / 1000;
    });
    reading("csto_servers", "Servers (guilds) this shard serves.", (readings) => readings.servers());
    reading("csto_facts", "Server facts indexed for search in this shard.", (readings) => readings.facts());
  }

  /** The current values; a reading not known yet has no value at all, where 0 would claim one (and JSON has no NaN). */
  async snapshot(): Promise<MetricsSnapshot> {
    const metrics = await this.registry.getMetricsAsJSON();
    return metrics.map((metric) => ({ ...metric, values: metric.values.filter((sample) => !Number.isNaN(sample.value)) }));
  }

  /** Starts reading the gauges from the running bot. */
  watch(readings: BotReadings): void {
    this.readings = readings;
  }

  interaction({ incoming, outcome, seconds, error }: AnsweredInteraction): void {
    this.interactions.inc({ kind: incoming.type, command: this.commandLabel(incoming), outcome });
    this.latency.observe({ kind: incoming.type }, seconds);
    if (error !== undefined && isDatabaseError(error)) this.databaseError("interaction");
  }

  databaseError(during: DatabaseErrorPlace): void {
    this.databaseErrors.inc({ during });
  }

  private commandLabel(incoming: Incoming): string {
    const path =
      incoming.type === "command" || incoming.type === "autocomplete"
        ? [incoming.command, incoming.request.subcommand].filter(Boolean).join(" ")
        : // Buttons and forms carry their command's name before the first colon.
          (incoming.customId.split(":")[0] ?? "");
    return this.paths.has(path) ? path : "unknown";
  }
}
