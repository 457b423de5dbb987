/**
 * A supervisor's SIGTERM or SIGINT stops the compiled bot within 5 s: interactions in flight are
 * answered first, the database is closed, and no process of the group is left behind, whether the
 * signal goes to node itself or to the `npm start` that launched it, and whether the bot runs as
 * one process or as shards under its own supervisor.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { DiscordEmulator } from "../emulator/discord-emulator.js";
import { groupAlive, spawnBot, waitForStderr, type BotProcess } from "./bot-process.js";

const STOP_LIMIT_MS = 5_000;
// Both shards of the sharded runs may identify at once.
const emulator = new DiscordEmulator({ timeoutMs: 10_000, maxConcurrency: 2 });

function startBot(command?: string[], extraEnv: Record<string, string> = {}): { bot: BotProcess; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), "csto-signal-"));
  const env = { DISCORD_TOKEN: emulator.token, DISCORD_CLIENT_ID: emulator.applicationId, DISCORD_API_BASE: emulator.apiBase, DATA_DIR: dataDir, ...extraEnv };
  return { bot: spawnBot(env, command), dataDir };
}

const SHARDS_READY_MS = 20_000;
/** A sharded test waits for the shards to start, then for them to stop: its time limit covers both. */
const SHARDED_TEST_MS = SHARDS_READY_MS + 2 * STOP_LIMIT_MS + 5_000;

/** The supervisor and its two shard processes. */
async function startShards(): Promise<BotProcess> {
  const { bot } = startBot(undefined, { SHARD_COUNT: "2" });
  await waitForStderr(bot, /"all shards ready"/, SHARDS_READY_MS);
  return bot;
}

/** Sends the signal and returns how long the whole process group took to disappear. */
async function stopAndTime(bot: BotProcess, signal: NodeJS.Signals, target = bot.child.pid!): Promise<{ code: number | null; ms: number }> {
  const sent = performance.now();
  process.kill(target, signal);
  const { code } = await bot.exited;
  while (groupAlive(bot.child.pid!) && performance.now() - sent < STOP_LIMIT_MS * 2) await new Promise((resolve) => setTimeout(resolve, 20));
  return { code, ms: performance.now() - sent };
}

beforeAll(async () => {
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
});
afterAll(() => emulator.stop());

describe("stopping the bot", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`stops on ${signal} sent to node within 5 s, saying so, leaving no process`, async () => {
      const { bot } = startBot();
      await waitForStderr(bot, /"bot ready"/);
      const answer = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "member armenia" } }));
      expect(answer.callback).not.toBeNull();

      const { code, ms } = await stopAndTime(bot, signal);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(STOP_LIMIT_MS);
      expect(groupAlive(bot.child.pid!)).toBe(false);
      expect(bot.stderr()).toContain('"msg":"shutting down"');
      expect(bot.stderr()).toContain('"msg":"stopped"');
    });
  }

  it("stops every process when SIGTERM goes to `npm start`, as a supervisor holding npm sends it", async () => {
    const { bot } = startBot(["npm", "start"]);
    await waitForStderr(bot, /"bot ready"/, 15_000);
    const { code, ms } = await stopAndTime(bot, "SIGTERM");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(STOP_LIMIT_MS);
    expect(groupAlive(bot.child.pid!)).toBe(false);
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`stops the supervisor and every shard process on ${signal} to the supervisor within 5 s`, async () => {
      const bot = await startShards();
      const { code, ms } = await stopAndTime(bot, signal);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(STOP_LIMIT_MS);
      expect(groupAlive(bot.child.pid!)).toBe(false);
      // Two shards and the supervisor each say so.
      expect(bot.stderr().match(/"msg":"stopped"/g)).toHaveLength(3);
    }, SHARDED_TEST_MS);
  }

  it("stops the shard processes when the supervisor is killed outright, leaving no orphan", async () => {
    const bot = await startShards();
    const { ms } = await stopAndTime(bot, "SIGKILL");
    expect(ms).toBeLessThan(STOP_LIMIT_MS);
    expect(groupAlive(bot.child.pid!)).toBe(false);
    expect(bot.stderr().match(/"reason":"supervisor gone"/g)).toHaveLength(2);
  }, SHARDED_TEST_MS);

  it("finishes a save in flight before it exits, and closes the database", async () => {
    const { bot, dataDir } = startBot();
    await waitForStderr(bot, /"bot ready"/);
    const moderator = emulator.users.moderator;
    const form = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommandGroup: "fact", subcommand: "add", user: moderator }));
    const fields = { statement: "The reading circle meets on Mondays.", question: "", source: "Circle schedule", url: "https://example.org/circle", quote: "" };
    const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields }));
    const rows = (preview.callback?.data as APIInteractionResponseCallbackData).components as { components: { custom_id: string; label: string }[] }[];
    const save = rows.flatMap((row) => row.components).find((button) => button.label === "Save")!;

    // Another program holds the write lock, so the save waits while the signal arrives.
    const holder = new Database(join(dataDir, "facts.sqlite3"));
    holder.exec("BEGIN IMMEDIATE");
    const saving = emulator.dispatchInteraction(emulator.button({ customId: save.custom_id, from: preview }), { waitForEdit: true });
    const record = emulator.interactions.at(-1)!;
    await emulator.waitForRecord(record, (current) => current.callback !== null);
    const stopped = stopAndTime(bot, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    holder.exec("COMMIT");

    const saved = await saving;
    expect(JSON.stringify(saved.edits.at(-1)?.body)).toMatch(/Saved \*\*server-1\*\*/);
    const { code, ms } = await stopped;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(STOP_LIMIT_MS);
    expect(holder.prepare("SELECT count(*) AS n FROM facts").get()).toEqual({ n: 1 });
    holder.close();
    // "stopped" is logged once every closer, the database's included, has run.
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });
});
