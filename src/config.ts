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
  // Never echoed in messages: it may hold a password.
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// connection URL")),
  NODE_ENV: optional(z.enum(["development", "production", "test"])),
});

/** Where server facts, quiz scores and settings live: a SQLite file under DATA_DIR, or PostgreSQL at DATABASE_URL. */
export type StorageConfig = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string };

export interface Config {
  discord?: { token: string; clientId: string; guildId?: string | undefined; apiBase?: string | undefined };
  logLevel: string;
  cooldownSeconds: number;
  storage: StorageConfig;
  production: boolean;
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
    discord: vars.DISCORD_TOKEN
      ? { token: vars.DISCORD_TOKEN, clientId: vars.DISCORD_CLIENT_ID!, guildId: vars.DISCORD_GUILD_ID, apiBase: vars.DISCORD_API_BASE }
      : undefined,
    logLevel: vars.LOG_LEVEL ?? "info",
    cooldownSeconds: vars.COOLDOWN_SECONDS ?? 3,
    storage: vars.DATABASE_URL ? { kind: "postgres", url: vars.DATABASE_URL } : { kind: "sqlite", dataDir: vars.DATA_DIR ?? "./data" },
    production: vars.NODE_ENV === "production",
  };
}

export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
