/**
 * The real bot (discord.js client, dispatcher, commands, knowledge) against the local Discord
 * emulator on 127.0.0.1: what a member sees for each kind of interaction.
 */
import type { APIEmbed, APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { CstoCommands } from "../../src/bot/csto-commands.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import { startBot, type RunningBot } from "../../src/discord/bot.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { DiscordEmulator, type InteractionRecord } from "../emulator/discord-emulator.js";
import { capturingLogger } from "../log-capture.js";

const EPHEMERAL = 1 << 6;
const DISCORD_DEADLINE_MS = 3_000;

const emulator = new DiscordEmulator({ timeoutMs: 5_000 });
const logLines: string[] = [];
let bot: RunningBot;

function replyData(record: InteractionRecord): APIInteractionResponseCallbackData {
  return record.callback?.data as APIInteractionResponseCallbackData;
}

function firstEmbed(record: InteractionRecord): APIEmbed {
  const embed = replyData(record).embeds?.[0];
  if (!embed) throw new Error(`no embed in ${JSON.stringify(record.callback)}`);
  return embed;
}

function buttonIds(record: InteractionRecord): string[] {
  const rows = (replyData(record).components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []).map((component) => component.custom_id ?? "");
}

function ask(options: Record<string, string | boolean>, user = emulator.users.member) {
  return emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options, user }));
}

beforeAll(async () => {
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
  const logger = capturingLogger(logLines, [emulator.token]);
  const kb = createKnowledgeBase();
  const dispatcher = new Dispatcher(commands, { csto: new CstoCommands(kb) }, new Cooldown(0), logger);
  bot = await startBot({ token: emulator.token, apiBase: emulator.apiBase, dispatcher, logger });
  await emulator.waitForReady();
  // As the bot does once it is ready: the first question would otherwise wait for it.
  kb.answers.prepare();
});

afterAll(async () => {
  await bot?.stop();
  await emulator.stop();
});

describe("the bot through a local Discord", () => {
  it("registers /csto with its subcommands and Russian localizations", () => {
    const [csto] = emulator.registeredCommands.guilds[emulator.guildId] ?? [];
    expect(csto?.name).toBe("csto");
    expect(csto?.name_localizations?.ru).toBe("одкб");
    expect(csto?.options?.map((option) => option.name)).toEqual(["ask", "member", "members", "timeline", "chart", "quiz", "sources", "source", "suggest", "help"]);
  });

  it("answers /csto member armenia with Armenia's cited record, the 2024 freeze included, within 3 seconds", async () => {
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "member", options: { country: "armenia" } }));
    expect(record.firstResponseMs).toBeLessThan(DISCORD_DEADLINE_MS);
    const embed = firstEmbed(record);
    expect(embed.title).toMatch(/Armenia/);
    expect(embed.description).toMatch(/froz/);
    expect(embed.description).toMatch(/2024/);
    expect(embed.fields?.[0]?.value).toMatch(/https?:\/\//);
    expect(embed.footer?.text).toContain("country-armenia");
    expect(record.ephemeral).toBe(false);
  });

  it("answers /csto ask with a quote, the source and related entries as buttons, mentioning nobody", async () => {
    const record = await ask({ question: "what is the csto" });
    expect(record.firstResponseMs).toBeLessThan(DISCORD_DEADLINE_MS);
    const embed = firstEmbed(record);
    expect(embed.description).toMatch(/1992/);
    expect(embed.description).toContain("> “");
    expect(embed.fields?.[0]?.name).toMatch(/^Sources?$/);
    expect(buttonIds(record).every((id) => id.startsWith("csto:show:"))).toBe(true);
    expect(replyData(record).allowed_mentions).toEqual({ parse: [] });
  });

  it("says it has no confident answer to an unrelated question and offers no invented one", async () => {
    const record = await ask({ question: "who won the 2022 world cup" });
    expect(firstEmbed(record).title).toBe("No confident answer");
  });

  it("makes the answer visible only to the asker with private:true", async () => {
    const record = await ask({ question: "member belarus", private: true });
    expect(record.ephemeral).toBe(true);
    expect(firstEmbed(record).title).toMatch(/Belarus/);
  });

  it("suggests entries while a question is typed", async () => {
    const record = await emulator.dispatchInteraction(
      emulator.autocomplete({ name: "csto", subcommand: "ask", options: { question: "lukash" }, focused: "question" }),
    );
    expect(record.firstResponseMs).toBeLessThan(DISCORD_DEADLINE_MS);
    expect(record.choices?.length).toBeGreaterThan(0);
    expect(record.choices?.length).toBeLessThanOrEqual(25);
    expect(record.choices?.[0]?.name).toMatch(/Lukashenko/);
  });

  it("opens a related entry from its button, just for the person who clicked", async () => {
    const answer = await ask({ question: "member armenia" }, emulator.users.moderator);
    const [showId] = buttonIds(answer);
    const click = await emulator.dispatchInteraction(emulator.button({ customId: showId!, from: answer }));
    expect(click.ephemeral).toBe(true);
    expect(firstEmbed(click).footer?.text).toContain(`id: ${showId!.split(":")[2]}`);
  });

  it("pages the timeline in place with its buttons", async () => {
    const first = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "timeline" }));
    const later = buttonIds(first).find((id) => id === "csto:timeline:1");
    const page = await emulator.dispatchInteraction(emulator.button({ customId: later!, from: first }));
    expect(page.callbackType).toBe(7);
    expect(firstEmbed(page).footer?.text).toMatch(/^Page 2 of/);
  });

  it("answers an unknown source with a polite error only the user sees", async () => {
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "source", options: { name: "no such paper" } }));
    expect(record.ephemeral).toBe(true);
    expect(replyData(record).content).toMatch(/There is no source called/);
    expect(Number(replyData(record).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("logs one line per interaction and never the token", async () => {
    await ask({ question: "great game" }, emulator.users.owner);
    const lines = logLines.join("");
    expect(lines).not.toContain(emulator.token);
    const interaction = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === "interaction");
    expect(interaction).toMatchObject({ kind: "command", outcome: "answered" });
    expect(typeof interaction?.latencyMs).toBe("number");
  });
});
