/**
 * compose.yaml holds together: the bot reaches the PostgreSQL service it depends on, with a URL the
 * bot's configuration accepts, and its healthcheck asks /healthz on the port the bot serves. No
 * Docker engine runs here; this reads the file as compose would, without starting anything.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { summarizeHealth } from "../../src/ops/health.js";
import { startOpsServer } from "../../src/ops/ops-server.js";

interface Service {
  environment: Record<string, string>;
  volumes: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck: { test: string[] };
}

const compose = parse(readFileSync(fileURLToPath(new URL("../../compose.yaml", import.meta.url)), "utf8")) as {
  services: { bot: Service; postgres: Service };
  volumes: Record<string, unknown>;
};
const { bot, postgres } = compose.services;

/** What compose makes of ${NAME:?message} when .env sets NAME. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(:\?[^}]*)?\}/g, (_, name: string) => variables[name] ?? "");
}

describe("compose.yaml", () => {
  it("points the bot's DATABASE_URL at the postgres service, as its user and database, and the bot accepts it", () => {
    const url = new URL(interpolate(bot.environment.DATABASE_URL!, { POSTGRES_PASSWORD: "secret" }));
    expect(url.hostname).toBe("postgres");
    expect(url.username).toBe(postgres.environment.POSTGRES_USER);
    expect(url.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
    expect(url.password).toBe("secret");
    const config = parseConfig({
      DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789",
      DISCORD_CLIENT_ID: "123456789012345678",
      ...bot.environment,
      DATABASE_URL: url.href,
    });
    expect(config.storage).toEqual({ kind: "postgres", url: url.href });
  });

  it("starts the bot once PostgreSQL is healthy, and checks the bot's health on its METRICS_PORT", () => {
    expect(bot.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(postgres.healthcheck.test.join(" ")).toContain("pg_isready");
    expect(bot.healthcheck.test.join(" ")).toContain(`http://127.0.0.1:${bot.environment.METRICS_PORT}/healthz`);
  });

  it("has a healthcheck command that passes on 200 from /healthz and fails on 503", async () => {
    const [, , flag, script] = bot.healthcheck.test;
    expect(flag).toBe("-e");
    let well = true;
    const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
    const shard = { shard: 0, ready: true, gateway: true, database: true };
    const server = await startOpsServer(0, { health: async () => summarizeHealth([{ ...shard, gateway: well }]), metrics: async () => "" }, logger);
    const check = () => promisify(execFile)(process.execPath, ["-e", script!.replace(`:${bot.environment.METRICS_PORT}/`, `:${server.port}/`)]);
    try {
      await expect(check()).resolves.toBeDefined();
      well = false;
      await expect(check()).rejects.toMatchObject({ code: 1 });
    } finally {
      await server.close();
    }
  });

  it("keeps both services' data in declared named volumes", () => {
    const named = [...bot.volumes, ...postgres.volumes].map((volume) => volume.split(":")[0]!);
    expect(named).toEqual(["bot-data", "postgres-data"]);
    expect(Object.keys(compose.volumes).sort()).toEqual(named.sort());
    expect(bot.volumes).toContain(`bot-data:${bot.environment.DATA_DIR}`);
  });
});
