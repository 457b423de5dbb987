/**
 * What an attacker can send through Discord: markdown and invisible characters in options, forged
 * buttons, forms and autocompletes, and files from members without the permission. Each gets a
 * clear, private answer, and nothing they typed comes back as a working link.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { APIEmbed, APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { ADMIN_MESSAGES, AdminCommands } from "../../src/bot/admin-commands.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { CstoCommands } from "../../src/bot/csto-commands.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import { startBot, type RunningBot } from "../../src/discord/bot.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { ServerFacts } from "../../src/facts/server-facts.js";
import { factsDatabasePath, SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createLogger } from "../../src/logger.js";
import { DiscordEmulator, type InteractionRecord } from "../emulator/discord-emulator.js";

const EPHEMERAL = 1 << 6;
const MASKED_LINK = "[Official CSTO site](http://evil.example/login)";
/** What a rendered masked link needs: a closing bracket right before an opening parenthesis, unescaped. */
const RENDERABLE_LINK = /(?<!\\)\]\(/;

const emulator = new DiscordEmulator({ timeoutMs: 10_000 });
const dataDir = mkdtempSync(join(tmpdir(), "csto-hostile-"));
let bot: RunningBot;
let store: SqliteFactStore;

const data = (record: InteractionRecord) => record.callback?.data as APIInteractionResponseCallbackData;
const embed = (record: InteractionRecord): APIEmbed => data(record).embeds![0]!;
const isEphemeral = (record: InteractionRecord) => (Number(data(record).flags ?? 0) & EPHEMERAL) === EPHEMERAL;

beforeAll(async () => {
  await emulator.start();
  for (const guild of [emulator.guildA, emulator.guildB]) {
    await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: guild.id, apiBase: emulator.apiBase, commands: commands.values() });
  }
  const kb = createKnowledgeBase();
  store = new SqliteFactStore(factsDatabasePath(dataDir));
  const facts = new ServerFacts(store, kb.engine, kb.knowledge.sourceRefs, kb.knowledge.quoteOccurs);
  const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
  const dispatcher = new Dispatcher(commands, { csto: new CstoCommands(kb), admin: new AdminCommands(facts), loadGuild: (guildId: string) => facts.load(guildId) }, new Cooldown(0), logger);
  bot = await startBot({ token: emulator.token, apiBase: emulator.apiBase, dispatcher, logger });
  await emulator.waitForReady();
  // As the bot does once it is ready: the first question would otherwise wait for it.
  kb.answers.prepare();
});

afterAll(async () => {
  await bot.stop();
  store.close();
  await emulator.stop();
});

describe("markdown and invisible characters in options", () => {
  it("shows a masked link typed as a question as text, not as a link", async () => {
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: MASKED_LINK } }));
    expect(embed(record).title).toBe("No confident answer");
    expect(embed(record).description).toContain("\\[Official CSTO site\\]\\(http\\://evil.example/login\\)");
    expect(embed(record).description).not.toMatch(RENDERABLE_LINK);
  });

  it("cleans the country of /csto member as a question is cleaned, and escapes what it echoes", async () => {
    const country = `\u202E${MASKED_LINK}\u200B`;
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "member", options: { country } }));
    const description = embed(record).description!;
    expect(description).not.toMatch(/[\u202E\u200B]/);
    expect(description).not.toMatch(RENDERABLE_LINK);
    expect(description).toContain("\\[Official CSTO site\\]");
  });

  it("escapes a source name it cannot find", async () => {
    const record = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "source", options: { name: MASKED_LINK } }));
    expect(isEphemeral(record)).toBe(true);
    expect(data(record).content).not.toMatch(RENDERABLE_LINK);
  });
});

describe("forged payloads get a clear private answer", () => {
  it("a list button with a page that is no number", async () => {
    const record = await emulator.dispatchInteraction(emulator.button({ customId: "csto-admin:list:abc", user: emulator.users.moderator }));
    expect(isEphemeral(record)).toBe(true);
    expect(data(record).content).toBe("That button no longer works. Please run the command again.");
  });

  it("config with a moderator role that is no role id", async () => {
    const payload = emulator.chatInput({ name: "csto-admin", subcommand: "config", options: { "moderator-role": emulator.guildA.roleIds.Moderator! }, user: emulator.users.owner });
    // Discord's client only sends a role's id; a forged payload sends any text.
    const [sub] = payload.data.options as { options: { value: string }[] }[];
    sub!.options[0]!.value = "moderators";
    const record = await emulator.dispatchInteraction(payload);
    expect(isEphemeral(record)).toBe(true);
    expect(data(record).content).toBe(ADMIN_MESSAGES.pickRole);
  });

  it("config with a log channel that is no channel id, or set and cleared at once", async () => {
    const logChannel = emulator.guildA.channels.find((channel) => channel.name === "mod-log")!.id;
    const payload = emulator.chatInput({ name: "csto-admin", subcommand: "config", options: { "log-channel": logChannel }, user: emulator.users.owner });
    const [sub] = payload.data.options as { options: { value: string }[] }[];
    sub!.options[0]!.value = "#mod-log";
    const forged = await emulator.dispatchInteraction(payload);
    expect(isEphemeral(forged)).toBe(true);
    expect(data(forged).content).toBe(ADMIN_MESSAGES.pickChannel);
    const both = await emulator.dispatchInteraction(
      emulator.chatInput({ name: "csto-admin", subcommand: "config", options: { "log-channel": logChannel, clear: "log-channel" }, user: emulator.users.owner }),
    );
    expect(data(both).content).toBe(ADMIN_MESSAGES.setAndClear);
    expect(emulator.channelMessages(logChannel)).toEqual([]);
  });

  it("config with another server's channel as the log channel: nothing is posted there, and the moderator is told", async () => {
    const payload = emulator.chatInput({ name: "csto-admin", subcommand: "config", options: { "log-channel": emulator.guildA.channelId }, user: emulator.users.owner });
    const [sub] = payload.data.options as { options: { value: string }[] }[];
    sub!.options[0]!.value = emulator.guildB.channelId;
    const record = await emulator.dispatchInteraction(payload);
    await emulator.waitForRecord(record, (done) => done.followUps.length > 0);
    expect(record.followUps[0]?.content).toMatch(/^The change was kept, but I could not post it to <#\d+>, the log channel/);
    expect(emulator.channelMessages(emulator.guildB.channelId)).toEqual([]);
    await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "config", options: { clear: "log-channel" }, user: emulator.users.owner }));
  });

  it("an autocomplete that focuses no option still gets an answer: no choices", async () => {
    const payload = emulator.autocomplete({ name: "csto", subcommand: "ask", options: { question: "lukash" }, focused: "question" });
    const json = JSON.stringify(payload).replaceAll(',"focused":true', "");
    const record = await emulator.dispatchInteraction(JSON.parse(json) as typeof payload);
    expect(record.choices).toEqual([]);
  });

  it("an edit form without its revision is refused and creates nothing", async () => {
    const fact = await store.add(emulator.guildId, { statement: "The circle meets on Mondays.", sourceTitle: "Schedule", sourceUrl: "https://example.org/s" }, emulator.users.moderator.id);
    const fields = { statement: "Rewritten by a forged form.", question: "", source: "Schedule", url: "https://example.org/s", quote: "" };
    const record = await emulator.dispatchInteraction(emulator.modalSubmit({ customId: `csto-admin:edit:${fact.id}`, fields, user: emulator.users.moderator }));
    expect(isEphemeral(record)).toBe(true);
    expect(data(record).content).toBe(ADMIN_MESSAGES.staleForm);
    expect((await store.list(emulator.guildId)).total).toBe(1);
    expect((await store.get(emulator.guildId, fact.id))?.statement).toBe("The circle meets on Mondays.");
  });

  it("an import from a member without the permission is refused before anything is downloaded", async () => {
    const upload = emulator.uploadAttachment("facts.json", '{"format":"csto-bot-facts"}');
    const record = await emulator.dispatchInteraction(
      emulator.chatInput({ name: "csto-admin", subcommand: "import", options: { file: upload }, user: emulator.users.member }),
    );
    // Answered at once (type 4), not deferred (type 5) to download the file first.
    expect(record.callbackType).toBe(4);
    expect(isEphemeral(record)).toBe(true);
    expect(data(record).content).toBe(ADMIN_MESSAGES.refused);
  });
});

describe("import", () => {
  it("stops reading a file that sends more than its declared size, and imports nothing", async () => {
    const upload = emulator.uploadAttachment("facts.json", `{"format":"csto-bot-facts","padding":"${"x".repeat(4096)}"}`);
    const payload = emulator.chatInput({ name: "csto-admin", subcommand: "import", options: { file: upload }, user: emulator.users.moderator });
    // A payload that understates the file: the download must stop at the size it declared.
    payload.data.resolved!.attachments![upload]!.size = 100;
    const record = await emulator.dispatchInteraction(payload);
    expect(record.message?.content).toMatch(/too large/);
  });

  it("imports its own export of 5,000 facts into another server", async () => {
    const facts = Array.from({ length: 5_000 }, (_, i) => ({
      id: `bulk-${i + 1}`,
      statement: `Study note ${i + 1}: the Collective Security Treaty was signed in Tashkent on 15 May 1992 by six states, and the organisation was founded in 2002.`,
      question: `what does study note ${i + 1} say`,
      sourceTitle: "Week 3 lecture notes",
      sourceUrl: `https://example.org/notes/${i + 1}`,
      createdBy: emulator.users.moderator.id,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedBy: emulator.users.moderator.id,
      updatedAt: "2025-01-01T00:00:00.000Z",
      suggestedBy: null,
    }));
    const seeded = await store.importGuild(emulator.guildId, JSON.stringify({ format: "csto-bot-facts", version: 1, guildId: emulator.guildId, exportedAt: "2025-01-01T00:00:00.000Z", facts }), emulator.users.moderator.id, new Set());
    expect(seeded.ok).toBe(true);

    const exported = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "export", user: emulator.users.moderator }));
    const [file] = exported.message?.attachments ?? [];
    const document = await (await fetch(file!.url)).text();
    expect(Buffer.byteLength(document)).toBeGreaterThan(2 * 1024 * 1024);

    const upload = emulator.uploadAttachment("facts.json", document);
    const imported = await emulator.dispatchInteraction(
      emulator.chatInput({ name: "csto-admin", subcommand: "import", options: { file: upload }, user: emulator.users.outsider, guildId: emulator.guildB.id }),
    );
    expect(imported.message?.content).toMatch(/^Imported 5001 facts/);
    expect((await store.list(emulator.guildB.id)).total).toBe(5_001);
  }, 60_000);

  it("lists a forged fractional page of the imported facts as its first page", async () => {
    const payload = emulator.chatInput({
      name: "csto-admin",
      subcommandGroup: "fact",
      subcommand: "list",
      options: { page: 1 },
      user: emulator.users.outsider,
      guildId: emulator.guildB.id,
    });
    const [group] = payload.data.options as { options: { options: { value: number }[] }[] }[];
    group!.options[0]!.options[0]!.value = 1.25;
    const record = await emulator.dispatchInteraction(payload);
    expect(isEphemeral(record)).toBe(true);
    expect(embed(record).footer?.text).toMatch(/^Page 1 of 501 · 5001 facts$/);
  });
});
