/**
 * Another connection holds the facts database's write lock (a second instance during a deploy, a
 * sqlite3 shell, a VACUUM): members' questions keep being answered at once, and a moderator's save
 * either goes through once the lock is released or tells the moderator it did not.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import type { APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { AdminCommands } from "../../src/bot/admin-commands.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { CstoCommands } from "../../src/bot/csto-commands.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import { startBot, type RunningBot } from "../../src/discord/bot.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { FACT_MESSAGES } from "../../src/facts/fact-errors.js";
import { ServerFacts } from "../../src/facts/server-facts.js";
import { factsDatabasePath, SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createLogger } from "../../src/logger.js";
import { DiscordEmulator, type InteractionRecord } from "../emulator/discord-emulator.js";

const ANSWER_LIMIT_MS = 100;
/** Short, so the test of giving up does not take the default 10 s. */
const GIVE_UP_MS = 1_500;
const emulator = new DiscordEmulator({ timeoutMs: 8_000 });
const dataDir = mkdtempSync(join(tmpdir(), "csto-locked-"));
let bot: RunningBot;
let store: SqliteFactStore;
let holder: Database.Database | undefined;

const data = (record: InteractionRecord) => record.callback?.data as APIInteractionResponseCallbackData;
const text = (body: unknown) => (body as { content?: string } | undefined)?.content ?? "";

beforeAll(async () => {
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
  const kb = createKnowledgeBase();
  store = new SqliteFactStore(factsDatabasePath(dataDir));
  const facts = new ServerFacts(store, kb.engine, kb.knowledge.sourceRefs, kb.knowledge.quoteOccurs);
  const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
  const context = { csto: new CstoCommands(kb), admin: new AdminCommands(facts), loadGuild: (guildId: string) => facts.load(guildId) };
  const dispatcher = new Dispatcher(commands, context, new Cooldown(0), logger, { giveUpMs: GIVE_UP_MS, retryMs: 100 });
  bot = await startBot({ token: emulator.token, apiBase: emulator.apiBase, dispatcher, logger });
  await emulator.waitForReady();
  // As the bot does once it is ready: the first question would otherwise wait for it.
  kb.answers.prepare();
});

afterEach(() => {
  if (holder?.inTransaction) holder.exec("ROLLBACK");
  holder?.close();
  holder = undefined;
});

afterAll(async () => {
  await bot.stop();
  store.close();
  await emulator.stop();
});

/** Opens the add form, submits a fact and returns the preview with its Save button. */
async function previewOf(statement: string) {
  const form = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommandGroup: "fact", subcommand: "add", user: emulator.users.moderator }));
  const fields = { statement, question: "", source: "Circle schedule", url: "https://example.org/circle", quote: "" };
  const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields }));
  const rows = data(preview).components as { components: { custom_id: string; label: string }[] }[];
  return { preview, saveId: rows.flatMap((row) => row.components).find((button) => button.label === "Save")!.custom_id };
}

function holdWriteLock(): void {
  holder = new Database(factsDatabasePath(dataDir));
  holder.exec("BEGIN IMMEDIATE");
}

/** Clicks Save without waiting for the outcome; resolves once Discord was told an answer is coming. */
async function clickSave(preview: InteractionRecord, saveId: string) {
  const outcome = emulator.dispatchInteraction(emulator.button({ customId: saveId, from: preview }), { waitForEdit: true });
  const record = emulator.interactions.at(-1)!;
  await emulator.waitForRecord(record, (current) => current.callback !== null);
  return { record, outcome };
}

describe("a database locked by another connection", () => {
  it("answers questions within 100 ms meanwhile, and saves once the lock is released", async () => {
    const { preview, saveId } = await previewOf("The reading circle meets on Mondays.");
    holdWriteLock();
    const { record, outcome } = await clickSave(preview, saveId);
    expect(record.firstResponseMs).toBeLessThan(3_000);

    const asked: number[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "when was the treaty signed" } }));
      expect(answer.callback?.type).toBe(4);
      asked.push(answer.firstResponseMs!);
    }
    expect(Math.max(...asked)).toBeLessThan(ANSWER_LIMIT_MS);

    holder!.exec("COMMIT");
    const saved = await outcome;
    expect(text(saved.edits.at(-1)?.body)).toMatch(/^Saved \*\*server-1\*\*/);
    expect((await store.get(emulator.guildId, "server-1"))?.statement).toBe("The reading circle meets on Mondays.");
  });

  it("tells the moderator when the lock outlasts the wait, saves nothing, and saves on a later click", async () => {
    const { preview, saveId } = await previewOf("The spring exam covers the Nikitina article.");
    holdWriteLock();
    const { outcome } = await clickSave(preview, saveId);
    const refused = await outcome;
    const [message] = refused.followUps;
    expect(text(message)).toBe(FACT_MESSAGES.databaseBusy);
    expect(((message as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect((await store.list(emulator.guildId)).total).toBe(1);

    holder!.exec("ROLLBACK");
    const retried = await emulator.dispatchInteraction(emulator.button({ customId: saveId, from: preview }));
    expect(text(data(retried))).toMatch(/^Saved \*\*server-2\*\*/);
  });
});
