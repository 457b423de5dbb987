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
});
