/**
 * METRICS_PORT on the compiled bot running as one process: off unless set; when set, /healthz and
 * /metrics describe the running bot.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { DiscordEmulator } from "../emulator/discord-emulator.js";
import { freePort, spawnBot, waitForStderr, type BotProcess } from "./bot-process.js";

const emulator = new DiscordEmulator({ timeoutMs: 10_000 });
const running: BotProcess[] = [];

async function startBot(env: Record<string, string> = {}): Promise<BotProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "csto-metrics-"));
  const bot = spawnBot({ DISCORD_TOKEN: emulator.token, DISCORD_CLIENT_ID: emulator.applicationId, DISCORD_API_BASE: emulator.apiBase, DATA_DIR: dataDir, ...env });
  running.push(bot);
  await waitForStderr(bot, /"bot ready"/, 15_000);
  return bot;
}

beforeAll(async () => {
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
});
afterAll(async () => {
  for (const bot of running) bot.child.kill("SIGKILL");
  await emulator.stop();
});

describe("METRICS_PORT", () => {
  it("serves nothing unless it is set", async () => {
    const bot = await startBot();
    expect(bot.stderr()).not.toContain("/healthz");
    bot.child.kill("SIGTERM");
    await bot.exited;
  });

  it("serves the health and metrics of the running bot when set", async () => {
    const port = await freePort();
    const bot = await startBot({ METRICS_PORT: String(port) });
    expect(bot.stderr()).toContain(`"port":${port},"msg":"serving /healthz and /metrics"`);
    await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "member armenia" } }));

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", ready: true, gateway: true, database: true, shards: [{ shard: 0, ready: true, gateway: true, database: true }] });
    // The interaction is counted as soon as it is answered, which may be just after the emulator saw the answer.
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text())
      .toContain('csto_interactions_total{kind="command",command="csto ask",outcome="answered",shard="0"} 1');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain(`csto_servers{shard="0"} ${emulator.guilds.length}`);
    expect(metrics).toContain('csto_facts{shard="0"} 0');
  });
});
