/**
 * The study tools end to end: the real bot (discord.js client, commands, quiz, pictures) and a real
 * SQLite file against the local Discord emulator, through a restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Locale, type APIAttachment, type APIEmbed, type APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { QuizPool } from "../../src/quiz/quiz-pool.js";
import { DiscordEmulator, type InteractionRecord } from "../emulator/discord-emulator.js";
import { startBotWithData, type RunningApp } from "./start-bot.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const emulator = new DiscordEmulator({ timeoutMs: 5_000 });
const dataDir = mkdtempSync(join(tmpdir(), "csto-study-e2e-"));
/** The questions the bot can ask, to know which button is right: the same generation from the same knowledge. */
const questions = new Map((await QuizPool.fromKnowledge(loadKnowledge()).questions(null)).map((question) => [question.id, question]));
let running: RunningApp | undefined;

const data = (record: InteractionRecord) => record.callback?.data as APIInteractionResponseCallbackData;
const embeds = (record: InteractionRecord): APIEmbed[] => data(record).embeds ?? [];
const buttons = (record: InteractionRecord) =>
  ((data(record).components ?? []) as { components?: { custom_id?: string; label?: string; disabled?: boolean }[] }[]).flatMap((row) => row.components ?? []);

/** The question an embed asks, from the id in its footer. */
function askedIn(embed: APIEmbed | undefined) {
  const id = /id: (\S+)$/.exec(embed?.footer?.text ?? "")?.[1];
  const question = id && questions.get(id);
  if (!question) throw new Error(`no known question in ${JSON.stringify(embed)}`);
  return question;
}

function choiceButton(record: InteractionRecord, choice: number): string {
  return buttons(record)[choice]!.custom_id!;
}

function csto(subcommand: string, options: Record<string, string | number | boolean> = {}, init: { user?: typeof emulator.users.member; locale?: Locale; subcommandGroup?: string } = {}) {
  return emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand, options, ...init }));
}

const quiz = (subcommand: string, options: Record<string, string | number> = {}, user = emulator.users.member) => csto(subcommand, options, { user, subcommandGroup: "quiz" });

async function attachmentOf(record: InteractionRecord): Promise<{ attachment: APIAttachment; bytes: Uint8Array }> {
  const attachment = record.message?.attachments[0];
  if (!attachment) throw new Error("no attachment");
  const response = await fetch(attachment.url);
  return { attachment, bytes: new Uint8Array(await response.arrayBuffer()) };
}

beforeAll(async () => {
  await emulator.start();
  await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
  running = await startBotWithData(emulator, { kind: "sqlite", dataDir });
});

afterAll(async () => {
  await running?.stop();
  await emulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the quiz through a local Discord", () => {
  it("plays a solo quiz of three questions on buttons, explaining each answer from its source", async () => {
    let record = await quiz("solo", { count: 3 });
    expect(record.ephemeral).toBe(true);
    expect(embeds(record)[0]?.title).toBe("Question 1 of 3");
    const answers = ["right", "wrong", "right"] as const;
    for (const [i, answer] of answers.entries()) {
      const question = askedIn(embeds(record).at(-1));
      expect(buttons(record)).toHaveLength(4);
      const choice = answer === "right" ? question.answer : (question.answer + 1) % 4;
      record = await emulator.dispatchInteraction(emulator.button({ customId: choiceButton(record, choice), from: record }));
      expect(record.callbackType).toBe(7);
      const [explained, next] = embeds(record);
      expect(explained?.title).toMatch(answer === "right" ? /^Right/ : /^Not quite/);
      expect(explained?.description).toContain(`The answer: **${question.choices[question.answer]}**`);
      expect(explained?.description).toContain(`> “${question.quote.text.slice(0, 40)}`);
      expect(explained?.description).toContain(question.quote.source.url);
      expect(next?.title).toBe(i < 2 ? `Question ${i + 2} of 3` : "Quiz finished");
    }
    expect(embeds(record)[1]?.description).toContain("**2 of 3**");
    expect(buttons(record)).toEqual([]);
  });

  it("plays a group round with two members: a wrong answer is told privately, the first right answer scores", async () => {
    const round = await quiz("round", { topic: "Serbia" }, emulator.users.member);
    expect(round.ephemeral).toBe(false);
    const question = askedIn(embeds(round)[0]);
    const wrong = await emulator.dispatchInteraction(emulator.button({ customId: choiceButton(round, (question.answer + 1) % 4), from: round, user: emulator.users.member }));
    expect(wrong.ephemeral).toBe(true);
    expect(data(wrong).content).toMatch(/^Not /);
    const again = await emulator.dispatchInteraction(emulator.button({ customId: choiceButton(round, question.answer), from: round, user: emulator.users.member }));
    expect(data(again).content).toMatch(/had your try/);
    const won = await emulator.dispatchInteraction(emulator.button({ customId: choiceButton(round, question.answer), from: round, user: emulator.users.moderator }));
    expect(won.callbackType).toBe(7);
    expect(data(won).content).toBe(`<@${emulator.users.moderator.id}> answered first and scores a point.`);
    expect(embeds(won)[1]?.description).toContain(question.quote.source.url);
    expect(buttons(won).every((button) => button.disabled)).toBe(true);
    expect(data(won).allowed_mentions).toEqual({ parse: [] });
  });

  it("keeps the leaderboard and each member's results by topic across a restart", async () => {
    const before = await quiz("scores", {}, emulator.users.moderator);
    const board = (record: InteractionRecord) => embeds(record)[0]?.fields?.find((field) => field.name === "This server's leaderboard")?.value;
    expect(board(before)).toMatch(new RegExp(`^1\\. <@${emulator.users.moderator.id}>: 1 point \\(1 right of 1\\)`));
    await running?.stop();
    running = await startBotWithData(emulator, { kind: "sqlite", dataDir });
    const after = await quiz("scores", {}, emulator.users.member);
    expect(board(after)).toBe(board(before));
    const mine = embeds(after)[0]?.fields?.find((field) => field.name === "Your results by topic")?.value ?? "";
    const answered = [...mine.matchAll(/(\d+) of (\d+) right/g)].reduce((sum, match) => sum + Number(match[2]), 0);
    expect(answered).toBe(4);
  });

  it("lets a moderator turn a question off, and refuses a member", async () => {
    const admin = (user: typeof emulator.users.member) =>
      emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommandGroup: "quiz", subcommand: "off", options: { question: "status-country-serbia" }, user }));
    expect(data(await admin(emulator.users.member)).content).toMatch(/Only members with Manage Server/);
    expect(data(await admin(emulator.users.moderator)).content).toMatch(/Turned `status-country-serbia` off/);
  });

  it("asks a fact a moderator added to the server's quiz, with the fact's quote as the explanation", async () => {
    const form = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommandGroup: "fact", subcommand: "add", user: emulator.users.moderator }));
    const fields = { statement: "Our study group first read the Bescotti paper in 2019.", question: "", source: "Group minutes", url: "https://example.org/minutes", quote: "Autumn 2019: first reading of Bescotti." };
    const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields }));
    const save = buttons(preview).find((button) => button.custom_id?.includes(":save"))!;
    const saved = await emulator.dispatchInteraction(emulator.button({ customId: save.custom_id!, from: preview }));
    const factId = /Saved \*\*(server-\d+)\*\*/.exec(data(saved).content ?? "")![1]!;
    const added = await emulator.dispatchInteraction(
      emulator.chatInput({ name: "csto-admin", subcommandGroup: "quiz", subcommand: "add-fact", options: { id: factId }, user: emulator.users.moderator }),
    );
    expect(data(added).content).toContain("Fill in the year: “Our study group first read the Bescotti paper in ____.”");
    const asked = await quiz("solo", { topic: "This server's facts", count: 1 });
    expect(embeds(asked)[0]?.footer?.text).toBe(`This server's facts · id: fill-${factId}`);
    const right = buttons(asked).findIndex((button) => button.label?.endsWith(": 2019"));
    const answered = await emulator.dispatchInteraction(emulator.button({ customId: choiceButton(asked, right), from: asked }));
    expect(embeds(answered)[0]?.description).toContain("> “Autumn 2019: first reading of Bescotti.”");
  });

  it("suggests topics as they are typed", async () => {
    const record = await emulator.dispatchInteraction(
      emulator.autocomplete({ name: "csto", subcommandGroup: "quiz", subcommand: "solo", options: { topic: "uzb" }, focused: "topic" }),
    );
    expect(record.choices?.[0]).toEqual({ name: "Uzbekistan", value: "Uzbekistan" });
  });

  it("answers a solo quiz on an unknown topic with a polite private error", async () => {
    const record = await quiz("solo", { topic: "basketball" });
    expect(record.ephemeral).toBe(true);
    expect(data(record).content).toMatch(/no quiz questions on “basketball”/);
  });
});

describe("pictures through a local Discord", () => {
  it("answers /csto chart with a PNG under 1 MB and its description set", async () => {
    const record = await csto("chart");
    expect(record.firstResponseMs).toBeLessThan(3_000);
    const { attachment, bytes } = await attachmentOf(record);
    expect(attachment.filename).toBe("csto-membership.png");
    expect(attachment.description).toMatch(/^Chart of membership by year\. .*Uzbekistan: Treaty party 1992–1999, CSTO member 2006–2012/);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    expect(embeds(record)[0]?.title).toBe("CSTO membership, 1992 to today");
  });

  it("names the states in Russian for a Russian-speaking user", async () => {
    const record = await csto("chart", {}, { locale: Locale.Russian });
    expect((await attachmentOf(record)).attachment.description).toContain("Узбекистан");
  });

  it("attaches the country's own strip to /csto member", async () => {
    const record = await csto("member", { country: "uzbekistan" });
    const { attachment } = await attachmentOf(record);
    expect(attachment.filename).toBe("country-uzbekistan.png");
    expect(attachment.description).toMatch(/Uzbekistan/);
    expect(attachment.description).not.toMatch(/Armenia/);
  });

  it("draws the timeline of a country as a picture with /csto timeline image:true", async () => {
    const record = await csto("timeline", { image: true, country: "Uzbekistan" });
    const { attachment, bytes } = await attachmentOf(record);
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(attachment.description).toMatch(/^CSTO timeline: Uzbekistan: 1992-05-15/);
  });

  it("suggests states for the country: of /csto timeline as for /csto member", async () => {
    const typed = await emulator.dispatchInteraction(emulator.autocomplete({ name: "csto", subcommand: "timeline", options: { country: "uzb" }, focused: "country" }));
    expect(typed.choices).toEqual([{ name: "Uzbekistan", value: "Uzbekistan" }]);
  });

  it("jumps to a year's page with year:, and pages on from there", async () => {
    const record = await csto("timeline", { year: 2022 });
    const [embed] = embeds(record);
    expect(embed?.description).toMatch(/^`2022-01` Armenia, Belarus, Kyrgyzstan, Russia, Tajikistan: /m);
    expect(embed?.description).not.toMatch(/^`199/m);
    const earlier = buttons(record).find((button) => button.label === "◀ Earlier")!;
    const previous = await emulator.dispatchInteraction(emulator.button({ customId: earlier.custom_id!, from: record }));
    expect(embeds(previous)[0]?.description).not.toMatch(/^`2022/m);
  });
});
