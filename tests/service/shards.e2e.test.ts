/**
 * Two shards, one process each, against the local Discord emulator: the supervisor asks how many
 * shards Discord recommends (SHARD_COUNT=auto), each shard connects as [id, 2], loads the facts of
 * the servers Discord routes to it and nothing else, and answers those servers' interactions. The
 * supervisor serves both shards' health and metrics on METRICS_PORT and stops them both on SIGTERM.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIEmbed, APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { factsDatabasePath, SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import type { HealthReport } from "../../src/ops/health.js";
import { shardOfGuild } from "../sharding/shard-of.js";
import { DiscordEmulator, snowflakeOnShard, type EmulatorGuild, type InteractionRecord } from "../emulator/discord-emulator.js";
import { freePort, groupAlive, spawnBot, waitForStderr, type BotProcess } from "./bot-process.js";

const SHARDS = 2;
const QUESTION = "when does the reading circle meet";
// Heartbeats every second, so the shards soon know their gateway ping.
const emulator = new DiscordEmulator({ recommendedShards: SHARDS, maxConcurrency: SHARDS, heartbeatIntervalMs: 1_000, timeoutMs: 10_000 });
const dataDir = mkdtempSync(join(tmpdir(), "csto-shards-"));
/** A study group on each shard; each keeps its own reading circle as a server fact. */
const groups: { guild: EmulatorGuild; day: string }[] = [];
let bot: BotProcess;
let metricsPort: number;

/** The bot's JSON log lines with the given message. */
function logLines(msg: string): Record<string, unknown>[] {
  return bot
    .stderr()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg);
}

const ask = (guild: EmulatorGuild) =>
  emulator.dispatchInteraction(
    emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: QUESTION }, user: emulator.users.member, guildId: guild.id }),
  );
const embed = (record: InteractionRecord): APIEmbed | undefined => (record.callback?.data as APIInteractionResponseCallbackData).embeds?.[0];

beforeAll(async () => {
  for (const [shard, day] of [[0, "first Monday"], [1, "last Friday"]] as const) {
    const guild = emulator.addGuild({
      id: snowflakeOnShard(shard, SHARDS),
      name: `Study group on shard ${shard}`,
      ownerId: emulator.users.owner.id,
      members: [{ userId: emulator.users.member.id }],
    });
    groups.push({ guild, day });
  }
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, apiBase: emulator.apiBase, commands: commands.values() });
  const store = new SqliteFactStore(factsDatabasePath(dataDir));
  for (const { guild, day } of groups) {
    const fact = { statement: `The reading circle discusses the Kasonta column on the ${day} of each month.`, question: QUESTION, sourceTitle: "Circle notes", sourceUrl: "https://example.org/circle" };
    await store.add(guild.id, fact, emulator.users.owner.id);
  }
  await store.add(groups[0]!.guild.id, { statement: "The circle reads one source a week.", sourceTitle: "Circle notes", sourceUrl: "https://example.org/circle" }, emulator.users.owner.id);
  store.close();

  metricsPort = await freePort();
  bot = spawnBot({
    DISCORD_TOKEN: emulator.token,
    DISCORD_CLIENT_ID: emulator.applicationId,
    DISCORD_API_BASE: emulator.apiBase,
    DATA_DIR: dataDir,
    SHARD_COUNT: "auto",
    METRICS_PORT: String(metricsPort),
  });
  await waitForStderr(bot, /"all shards ready"/, 30_000);
  // Each shard's own log line comes through its stderr pipe, which may trail the supervisor's message.
  await waitForStderr(bot, /"msg":"bot ready"[\s\S]*"msg":"bot ready"/);
  await emulator.waitForShards(SHARDS);
}, 40_000);

afterAll(async () => {
  if (bot.child.exitCode === null) process.kill(bot.child.pid!, "SIGKILL");
  await emulator.stop();
});

describe("two shards", () => {
  it("connects one gateway session per shard, each from its own process, with the count Discord recommended", () => {
    expect(emulator.connectedShards().sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const ready = logLines("bot ready");
    expect(ready.map((line) => line.shard).sort()).toEqual([0, 1]);
    expect(new Set(ready.map((line) => line.pid)).size).toBe(2);
    expect(ready.map((line) => line.pid)).not.toContain(bot.child.pid);
  });

  it("reads no server's facts at start-up: a shard reads a server's when Discord routes the server to it (see the metrics below)", async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain('csto_facts{shard="0"} 0');
    expect(metrics).toContain('csto_facts{shard="1"} 0');
  });

  it("answers each server from the shard that owns it, by (guild_id >> 22) % shard_count", async () => {
    for (const { guild, day } of groups) {
      const owner = shardOfGuild(guild.id, SHARDS);
      const answer = await ask(guild);
      expect(answer.shard).toEqual([owner, SHARDS]);
      expect(embed(answer)?.description).toContain(day);
      // The shard logs the interaction just after it answered.
      await expect.poll(() => logLines("interaction").filter((line) => line.guild === guild.id).map((line) => line.shard)).toEqual([owner]);
    }
  });

  it("serves both shards' health and metrics on METRICS_PORT", async () => {
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as HealthReport;
    expect(report).toMatchObject({ status: "ok", ready: true, gateway: true, database: true });
    expect(report.shards).toEqual([
      { shard: 0, ready: true, gateway: true, database: true },
      { shard: 1, ready: true, gateway: true, database: true },
    ]);

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    for (const shard of [0, 1]) {
      expect(metrics).toContain(`csto_interactions_total{kind="command",command="csto ask",outcome="answered",shard="${shard}"} 1`);
    }
    expect(metrics).toContain('csto_facts{shard="0"} 2');
    expect(metrics).toContain('csto_facts{shard="1"} 1');
    await expect
      .poll(async () => (await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).match(/^csto_gateway_ping_seconds\{shard="\d"\} \S+$/gm), { timeout: 5_000 })
      .toHaveLength(2);
  });

  it("starts a shard process that died again, which then answers its servers", async () => {
    const { guild, day } = groups.find(({ guild }) => shardOfGuild(guild.id, SHARDS) === 1)!;
    const firstPid = logLines("bot ready").find((line) => line.shard === 1)!.pid as number;
    process.kill(firstPid, "SIGKILL");
    await waitForStderr(bot, /"shard process exited; starting it again"/);
    await expect.poll(() => logLines("bot ready").filter((line) => line.shard === 1), { timeout: 15_000 }).toHaveLength(2);
    await emulator.waitForShards(SHARDS);
    expect(logLines("bot ready").filter((line) => line.shard === 1)[1]!.pid).not.toBe(firstPid);
    expect(embed(await ask(guild))?.description).toContain(day);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(200);
  });

  it("stops both shard processes within 5 s on SIGTERM to the supervisor, leaving none behind", async () => {
    const sent = performance.now();
    process.kill(bot.child.pid!, "SIGTERM");
    const { code } = await bot.exited;
    while (groupAlive(bot.child.pid!) && performance.now() - sent < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(code).toBe(0);
    expect(performance.now() - sent).toBeLessThan(5_000);
    expect(groupAlive(bot.child.pid!)).toBe(false);
    expect(logLines("stopped").map((line) => line.shard ?? "supervisor").sort()).toEqual([0, 1, "supervisor"]);
  });
});
