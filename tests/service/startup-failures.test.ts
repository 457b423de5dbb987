/**
 * Each way start-up can fail ends in one line naming the problem and exit code 1, with no stack
 * unless debug logs were asked for; a database file start-up refuses is left byte for byte as it was.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulator/discord-emulator.js";
import { postgresUrl, useFreshPostgres } from "../postgres/schemas.js";
import { groupAlive, spawnBot, waitForStderr } from "./bot-process.js";

const emulator = new DiscordEmulator();
const freshPostgres = useFreshPostgres();
const freshDataDir = () => mkdtempSync(join(tmpdir(), "csto-start-"));
const digest = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function discordEnv(apiBase: string, token = emulator.token): Record<string, string> {
  return { DISCORD_TOKEN: token, DISCORD_CLIENT_ID: emulator.applicationId, DISCORD_API_BASE: apiBase, DATA_DIR: freshDataDir() };
}

/** Runs the bot to its exit and returns what it printed, warnings and errors included. */
async function failedStart(env: Record<string, string>) {
  const bot = spawnBot({ LOG_LEVEL: "warn", ...env });
  const { code, afterMs } = await bot.exited;
  const lines = bot.stderr().split("\n").filter((line) => line.trim() !== "");
  return { code, afterMs, lines };
}

/** Starts the bot on a database file that `write` made: it must refuse to start and leave the file byte for byte. */
async function refusedDatabase(write: (path: string) => void) {
  const path = join(freshDataDir(), "facts.sqlite3");
  write(path);
  const before = digest(path);
  const { code, lines } = await failedStart({ DATA_DIR: dirname(path) });
  expect(code).toBe(1);
  expect(digest(path)).toBe(before);
  return { path, lines };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

beforeAll(() => emulator.start());
afterAll(() => emulator.stop());

describe("start-up failures: one line, exit 1", () => {
  it("names a wrong token", async () => {
    const wrongToken = `${Buffer.from("123456789012345678").toString("base64")}.AAAAAA.${"x".repeat(27)}`;
    const { code, lines } = await failedStart(discordEnv(emulator.apiBase, wrongToken));
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Cannot start: Discord refused the token: check DISCORD_TOKEN/)]);
  });

  it("names the address of a closed API port", async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const apiBase = `http://127.0.0.1:${port}/api`;
    const { code, lines } = await failedStart(discordEnv(apiBase));
    expect(code).toBe(1);
    expect(lines).toEqual([`Cannot start: cannot reach the Discord API at ${apiBase} (ECONNREFUSED)`]);
  });

  it("gives up within 10 s on an API that accepts connections but never answers, naming its address", async () => {
    const silent = createServer(() => undefined);
    const apiBase = `http://127.0.0.1:${await listen(silent)}/api`;
    try {
      const { code, lines, afterMs } = await failedStart(discordEnv(apiBase));
      expect(code).toBe(1);
      expect(lines).toEqual([`Cannot start: the Discord API at ${apiBase} did not answer within 10 s`]);
      // 10 s of waiting for the API, plus the start-up (knowledge, discord.js) before the bot first calls it.
      expect(afterMs).toBeLessThan(13_000);
    } finally {
      silent.close();
    }
  }, 20_000);

  it("refuses a DATA_DIR it cannot create, at once instead of hanging", async () => {
    const { code, lines, afterMs } = await failedStart({ DATA_DIR: "/proc/csto-data" });
    expect(code).toBe(1);
    expect(lines).toEqual(["Cannot start: DATA_DIR /proc/csto-data cannot be created (ENOENT)"]);
    expect(afterMs).toBeLessThan(5_000);
  });

  it("refuses a DATA_DIR that is a file", async () => {
    const file = join(freshDataDir(), "not-a-directory");
    writeFileSync(file, "");
    const { code, lines } = await failedStart({ DATA_DIR: file });
    expect(code).toBe(1);
    expect(lines).toEqual([`Cannot start: DATA_DIR ${file} is not a directory`]);
  });

  it("refuses a corrupted database file and leaves it intact", async () => {
    const { path, lines } = await refusedDatabase((path) => writeFileSync(path, "this is not a database ".repeat(200)));
    expect(lines).toEqual([`Cannot start: ${path} is not a readable facts database (file is not a database); it was left as it is`]);
  });

  it("refuses a database written by a newer schema version and leaves it intact", async () => {
    const { lines } = await refusedDatabase((path) => {
      const newer = new Database(path);
      newer.pragma("user_version = 99");
      newer.close();
    });
    expect(lines).toEqual([expect.stringMatching(/^Cannot start: the facts database .* was written by a newer csto-bot \(schema version 99, this one knows up to \d+\); it was left as it is$/)]);
  });

  it("names a database that another program keeps locked through the start-up", async () => {
    const dataDir = freshDataDir();
    const path = join(dataDir, "facts.sqlite3");
    const holder = new Database(path);
    holder.pragma("journal_mode = WAL");
    holder.exec("CREATE TABLE other (x); BEGIN IMMEDIATE; INSERT INTO other VALUES (1)");
    try {
      const { code, lines } = await failedStart({ DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(lines).toEqual([`Cannot start: ${path} stayed locked by another program for 5 s (a sqlite3 shell, a VACUUM?)`]);
    } finally {
      holder.close();
    }
  });

  it("refuses a second instance on the same DATA_DIR while the first keeps running", async () => {
    const env = discordEnv(emulator.apiBase);
    const first = spawnBot(env);
    try {
      await waitForStderr(first, /"bot ready"/);
      const { code, lines } = await failedStart(env);
      expect(code).toBe(1);
      expect(lines).toEqual([`Cannot start: another csto-bot is already running on DATA_DIR ${env.DATA_DIR}`]);
      expect(first.child.exitCode).toBeNull();
    } finally {
      first.child.kill("SIGTERM");
      await first.exited;
    }
  });

  it("names a PostgreSQL server it cannot reach, without the password of DATABASE_URL", async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const { code, lines } = await failedStart({ ...discordEnv(emulator.apiBase), DATABASE_URL: `postgres://csto:hunter2-secret@127.0.0.1:${port}/csto` });
    expect(code).toBe(1);
    expect(lines).toEqual([`Cannot start: PostgreSQL at 127.0.0.1:${port}/csto is unreachable (ECONNREFUSED)`]);
  });

  it.skipIf(!postgresUrl)("refuses a PostgreSQL database written by a newer schema version and leaves it as it was", async () => {
    const { url, pool } = await freshPostgres();
    await pool.query("UPDATE schema_version SET version = 99");
    const { code, lines } = await failedStart({ ...discordEnv(emulator.apiBase), DATABASE_URL: url });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Cannot start: the PostgreSQL database at 127\.0\.0\.1:\d+\/postgres was written by a newer csto-bot \(schema version 99, this one knows up to \d+\); it was left as it is$/)]);
    expect((await pool.query("SELECT version FROM schema_version")).rows).toEqual([{ version: 99 }]);
  });

  it("logs the stack too when debug logs are asked for", async () => {
    const { code, lines } = await failedStart({ ...discordEnv(emulator.apiBase), DATA_DIR: "/proc/csto-data", LOG_LEVEL: "debug" });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe("Cannot start: DATA_DIR /proc/csto-data cannot be created (ENOENT)");
    const logged = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { msg: string; err?: { stack?: string } });
    expect(logged.find((entry) => entry.msg === "start-up failed")?.err?.stack).toMatch(/prepareDataDir/);
  });
});

describe("start-up failures of sharded bots", () => {
  it("refuses SQLite when this machine runs only some of the shards, naming DATABASE_URL", async () => {
    const { code, lines } = await failedStart({ ...discordEnv(emulator.apiBase), SHARD_COUNT: "4", SHARD_IDS: "0,1" });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Cannot start: SHARD_IDS=0,1 runs 2 of the 4 shards here, .* needs DATABASE_URL \(PostgreSQL\)/)]);
  });

  it("stops the supervisor with the one line of a shard that cannot start, leaving no process", async () => {
    const env = discordEnv(emulator.apiBase);
    const path = join(env.DATA_DIR!, "facts.sqlite3");
    writeFileSync(path, "this is not a database ".repeat(200));
    const bot = spawnBot({ LOG_LEVEL: "warn", ...env, SHARD_COUNT: "1" });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.stderr().trim().split("\n")).toEqual([`Cannot start: ${path} is not a readable facts database (file is not a database); it was left as it is`]);
    expect(groupAlive(bot.child.pid!)).toBe(false);
  });
});
