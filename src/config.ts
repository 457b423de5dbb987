import { existsSync } from "node:fs";
import { z } from "zod";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");
/** Blank lines in .env mean "not set". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const Env = z.object({
  DISCORD_TOKEN: optional(z.string().regex(/^[\w-]{10,}\.[\w-]{3,}\.[\w-]{10,}$/, "does not look like a bot token (three dot-separated parts)")),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_BASE: optional(z.url({ protocol: /^https?$/ })),
  LOG_LEVEL: optional(z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])),
  COOLDOWN_SECONDS: optional(z.coerce.number().min(0).max(3600)),
  DATA_DIR: optional(z.string().min(1)),
  NODE_ENV: optional(z.enum(["development", "production", "test"])),
  SHARD_COUNT: optional(z.string().regex(/^(auto|[1-9]\d{0,4})$/, 'must be "auto" or a whole number of shards, 1 or more')),
  SHARD_IDS: optional(z.string().regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, "must be shard ids and ranges separated by commas, like 0,1 or 0-3")),
  METRICS_PORT: optional(z.coerce.number().int().min(1).max(65_535)),
  // Never echoed in messages: it may hold a password.
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// connection URL" })),
  // Set by discord.js's ShardingManager in each shard process it starts, never by hand.
  SHARDING_MANAGER: optional(z.literal("true")),
  SHARDS: optional(z.string().regex(/^\d+$/)),
});

/**
 * Where server facts, quiz scores and settings live: a SQLite file under DATA_DIR, or PostgreSQL at DATABASE_URL
 * (required when shards run on more than one machine).
 */
export type StorageConfig = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string };

/** This process's part in running the bot's gateway connections. */
export type Sharding =
  /** No SHARD_COUNT: one process holds the only gateway connection. */
  | { role: "single" }
  /** Starts one shard process per id and stops them all; `count` is the shard count of the whole bot. */
  | { role: "supervisor"; count: number | "auto"; ids: readonly number[] | "all" }
  /** One shard process started by the supervisor. */
  | { role: "shard"; id: number; count: number };

export interface Config {
  discord?: { token: string; clientId: string; guildId?: string | undefined; apiBase?: string | undefined };
  logLevel: string;
  cooldownSeconds: number;
  storage: StorageConfig;
  production: boolean;
  sharding: Sharding;
  /** Where /healthz and /metrics are served; off when unset. */
  metricsPort?: number | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the environment once (and .env when present); a bad variable is reported by name in one line. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const vars = parsed.data;
  if (vars.DISCORD_TOKEN && !vars.DISCORD_CLIENT_ID) {
    throw new ConfigError("Missing DISCORD_CLIENT_ID: it is required when DISCORD_TOKEN is set");
  }
  return {
    sharding: parseSharding(vars),
    metricsPort: vars.METRICS_PORT,
    discord: vars.DISCORD_TOKEN
      ? { token: vars.DISCORD_TOKEN, clientId: vars.DISCORD_CLIENT_ID!, guildId: vars.DISCORD_GUILD_ID, apiBase: vars.DISCORD_API_BASE }
      : undefined,
    logLevel: vars.LOG_LEVEL ?? "info",
    cooldownSeconds: vars.COOLDOWN_SECONDS ?? 3,
    storage: vars.DATABASE_URL ? { kind: "postgres", url: vars.DATABASE_URL } : { kind: "sqlite", dataDir: vars.DATA_DIR ?? "./data" },
    production: vars.NODE_ENV === "production",
  };
}

/** "0,2-4" -> [0, 2, 3, 4] */
function parseShardIds(list: string): number[] {
  const ids = list.split(",").flatMap((item) => {
    const [first, last = first] = item.split("-").map(Number) as [number, number?];
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, offset) => first + offset);
  });
  return [...new Set(ids)].sort((a, b) => a - b);
}

function parseSharding(vars: z.infer<typeof Env>): Sharding {
  if (vars.SHARDING_MANAGER && vars.SHARDS !== undefined && vars.SHARD_COUNT !== undefined && vars.SHARD_COUNT !== "auto") {
    return { role: "shard", id: Number(vars.SHARDS), count: Number(vars.SHARD_COUNT) };
  }
  if (vars.SHARD_COUNT === undefined) {
    if (vars.SHARD_IDS !== undefined) throw new ConfigError("Invalid SHARD_IDS: it needs SHARD_COUNT, the shard count of the whole bot");
    return { role: "single" };
  }
  if (!vars.DISCORD_TOKEN) throw new ConfigError("Invalid SHARD_COUNT: shards connect to Discord, which needs DISCORD_TOKEN");
  const count = vars.SHARD_COUNT === "auto" ? "auto" : Number(vars.SHARD_COUNT);
  if (vars.SHARD_IDS === undefined) return { role: "supervisor", count, ids: "all" };
  if (count === "auto") {
    throw new ConfigError("Invalid SHARD_IDS: machines that share the shards must agree on a fixed SHARD_COUNT, not auto");
  }
  const ids = parseShardIds(vars.SHARD_IDS);
  const outside = ids.find((id) => id >= count);
  if (outside !== undefined || ids.length === 0) {
    throw new ConfigError(`Invalid SHARD_IDS: with SHARD_COUNT=${count} the shard ids go from 0 to ${count - 1}`);
  }
  if (ids.length < count && !vars.DATABASE_URL) {
    throw new ConfigError(
      `SHARD_IDS=${vars.SHARD_IDS} runs ${ids.length} of the ${count} shards here, so the others run on another machine, ` +
        "which needs DATABASE_URL (PostgreSQL): SQLite under DATA_DIR is one machine's file",
    );
  }
  return { role: "supervisor", count, ids };
}

export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
