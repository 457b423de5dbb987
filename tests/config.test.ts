import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789";

describe("configuration", () => {
  it("runs the local console when no token is set, blank values counting as unset", () => {
    const config = parseConfig({ DISCORD_TOKEN: "", LOG_LEVEL: "" });
    expect(config.discord).toBeUndefined();
    expect(config.logLevel).toBe("info");
    expect(config.cooldownSeconds).toBe(3);
  });

  it("reads every bot variable", () => {
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: "123456789012345678", DISCORD_API_BASE: "http://127.0.0.1:9999/api", COOLDOWN_SECONDS: "5" });
    expect(config.discord).toEqual({ token: TOKEN, clientId: "123456789012345678", guildId: undefined, apiBase: "http://127.0.0.1:9999/api" });
    expect(config.cooldownSeconds).toBe(5);
  });

  it("keeps the facts in SQLite under DATA_DIR unless DATABASE_URL names a PostgreSQL database", () => {
    expect(parseConfig({}).storage).toEqual({ kind: "sqlite", dataDir: "./data" });
    expect(parseConfig({ DATA_DIR: "/srv/csto", DATABASE_URL: "" }).storage).toEqual({ kind: "sqlite", dataDir: "/srv/csto" });
    const url = "postgresql://csto:secret@db.internal:5432/csto";
    expect(parseConfig({ DATA_DIR: "/srv/csto", DATABASE_URL: url }).storage).toEqual({ kind: "postgres", url });
  });

  it("refuses a DATABASE_URL of another database without repeating it", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://csto:secret@db/csto" })).toThrow(/^Invalid DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL$/);
  });

  it.each([
    [{ DISCORD_TOKEN: "not a token" }, /^Invalid DISCORD_TOKEN/],
    [{ DISCORD_TOKEN: TOKEN }, /^Missing DISCORD_CLIENT_ID/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: "abc" }, /^Invalid DISCORD_CLIENT_ID/],
    [{ DISCORD_API_BASE: "ftp://example.org" }, /^Invalid DISCORD_API_BASE/],
    [{ LOG_LEVEL: "loud" }, /^Invalid LOG_LEVEL/],
  ])("stops with one line naming the bad variable: %j", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  describe("sharding", () => {
    const bot = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: "123456789012345678" };
    const postgres = "postgres://csto:secret@db.example.org:5432/csto";

    it("runs one process, with metrics off, when nothing asks for shards or metrics", () => {
      const config = parseConfig(bot);
      expect(config.sharding).toEqual({ role: "single" });
      expect(config.metricsPort).toBeUndefined();
    });

    it("supervises every shard of the count, a fixed one or the one Discord recommends", () => {
      expect(parseConfig({ ...bot, SHARD_COUNT: "auto" }).sharding).toEqual({ role: "supervisor", count: "auto", ids: "all" });
      expect(parseConfig({ ...bot, SHARD_COUNT: "3", SHARD_IDS: "0-2" }).sharding).toEqual({ role: "supervisor", count: 3, ids: [0, 1, 2] });
    });

    it("runs only some shards here when another machine runs the rest and PostgreSQL holds the data", () => {
      const config = parseConfig({ ...bot, SHARD_COUNT: "8", SHARD_IDS: "4-5,7,4", DATABASE_URL: postgres, METRICS_PORT: "9100" });
      expect(config.sharding).toEqual({ role: "supervisor", count: 8, ids: [4, 5, 7] });
      expect(config.storage).toEqual({ kind: "postgres", url: postgres });
      expect(config.metricsPort).toBe(9100);
    });

    it("is one shard in a process discord.js's ShardingManager started, whatever the supervisor was told", () => {
      const env = { ...bot, SHARD_COUNT: "4", SHARD_IDS: "0,1", SHARDING_MANAGER: "true", SHARDS: "1" };
      expect(parseConfig(env).sharding).toEqual({ role: "shard", id: 1, count: 4 });
    });

    it("refuses SQLite, in one line, when this machine runs fewer shards than the count", () => {
      expect(() => parseConfig({ ...bot, SHARD_COUNT: "4", SHARD_IDS: "0,1" })).toThrow(
        /^SHARD_IDS=0,1 runs 2 of the 4 shards here, so the others run on another machine, which needs DATABASE_URL \(PostgreSQL\)/,
      );
    });

    it.each([
      [{ ...bot, SHARD_COUNT: "two" }, /^Invalid SHARD_COUNT: must be "auto" or a whole number/],
      [{ ...bot, SHARD_COUNT: "0" }, /^Invalid SHARD_COUNT/],
      [{ SHARD_COUNT: "2" }, /^Invalid SHARD_COUNT: shards connect to Discord, which needs DISCORD_TOKEN/],
      [{ ...bot, SHARD_IDS: "0" }, /^Invalid SHARD_IDS: it needs SHARD_COUNT/],
      [{ ...bot, SHARD_COUNT: "auto", SHARD_IDS: "0" }, /^Invalid SHARD_IDS: .* a fixed SHARD_COUNT, not auto/],
      [{ ...bot, SHARD_COUNT: "2", SHARD_IDS: "1,2" }, /^Invalid SHARD_IDS: with SHARD_COUNT=2 the shard ids go from 0 to 1/],
      [{ ...bot, SHARD_COUNT: "2", SHARD_IDS: "zero" }, /^Invalid SHARD_IDS: must be shard ids and ranges/],
      [{ ...bot, METRICS_PORT: "70000" }, /^Invalid METRICS_PORT/],
      [{ ...bot, DATABASE_URL: "mysql://db.example.org/csto" }, /^Invalid DATABASE_URL/],
    ])("stops with one line naming the bad sharding variable: %j", (env, message) => {
      expect(() => parseConfig(env)).toThrow(ConfigError);
      expect(() => parseConfig(env)).toThrow(message);
    });
  });
});
