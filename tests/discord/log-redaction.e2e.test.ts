/**
 * A callback Discord refuses (here: sent after the interaction's window closed) is logged with the
 * request's URL, whose token would let anyone answer as the bot for 15 minutes. The log keeps the
 * URL's shape and drops the token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { CstoCommands } from "../../src/bot/csto-commands.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import { startBot, type RunningBot } from "../../src/discord/bot.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { DiscordEmulator } from "../emulator/discord-emulator.js";
import { capturingLogger } from "../log-capture.js";

// Every interaction has expired by the time the bot answers it, so every callback fails.
const emulator = new DiscordEmulator({ interactionDeadlineMs: 1, timeoutMs: 2_000 });
const logLines: string[] = [];
let bot: RunningBot;

beforeAll(async () => {
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
  const logger = capturingLogger(logLines);
  const dispatcher = new Dispatcher(commands, { csto: new CstoCommands(createKnowledgeBase()) }, new Cooldown(0), logger);
  bot = await startBot({ token: emulator.token, apiBase: emulator.apiBase, dispatcher, logger });
  await emulator.waitForReady();
});

afterAll(async () => {
  await bot.stop();
  await emulator.stop();
});

describe("logs of a failed callback", () => {
  it("name the interaction's URL without its token", async () => {
    const payload = emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "member armenia" } });
    await expect(emulator.dispatchInteraction(payload)).rejects.toThrow(/no response within/);
    while (!logLines.some((line) => line.includes("could not answer the interaction"))) await new Promise((resolve) => setTimeout(resolve, 10));
    const logged = logLines.join("");
    expect(logged).toContain(`/interactions/${payload.id}/[redacted]/callback`);
    expect(logged).not.toContain(payload.token);
  });
});
