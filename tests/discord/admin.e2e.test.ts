/**
 * Moderators' facts end to end: the real bot against the local Discord emulator, through a restart, on a real
 * SQLite file and on a real PostgreSQL server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIEmbed, APIInteractionResponseCallbackData } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { LINK_EXAMPLE, SOURCE_EXAMPLE } from "../../src/bot/fact-form.js";
import type { StorageConfig } from "../../src/config.js";
import { registerCommands } from "../../src/discord/deploy.js";
import { DEFAULT_EVERYONE_PERMISSIONS, DiscordEmulator, type InteractionRecord } from "../emulator/discord-emulator.js";
import { createSchema, postgresUrl } from "../postgres/schemas.js";
import { startBotWithData, type RunningApp } from "./start-bot.js";

const FACT = {
  statement: "The Yerevan reading circle discusses the Kasonta column on the first Monday of each month.",
  question: "when does the reading circle meet",
  source: "Reading circle schedule",
  url: "https://example.org/reading-circle",
  quote: "",
};
const QUESTION = "when does the reading circle meet";

const emulator = new DiscordEmulator({ timeoutMs: 5_000 });
let running: RunningApp | undefined;

/** Each database the bot can keep facts in: where it is, and how to remove it afterwards. */
const DATABASES: { name: string; available: boolean; create(): Promise<{ storage: StorageConfig; remove(): Promise<void> }> }[] = [
  {
    name: "SQLite",
    available: true,
    async create() {
      const dataDir = mkdtempSync(join(tmpdir(), "csto-admin-e2e-"));
      return { storage: { kind: "sqlite", dataDir }, remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: "PostgreSQL",
    available: postgresUrl !== null,
    async create() {
      const schema = await createSchema();
      return { storage: { kind: "postgres", url: schema.url }, remove: schema.drop };
    },
  },
];

async function stopBot() {
  await running?.stop();
  running = undefined;
}

const data = (record: InteractionRecord) => record.callback?.data as APIInteractionResponseCallbackData;
const embed = (record: InteractionRecord): APIEmbed | undefined => data(record).embeds?.[0];
const buttons = (record: InteractionRecord) =>
  ((data(record).components ?? []) as { components?: { custom_id?: string; label?: string }[] }[]).flatMap((row) => row.components ?? []);

function admin(subcommand: string, options: Record<string, string> = {}, user = emulator.users.moderator, guildId = emulator.guildA.id) {
  return emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommandGroup: "fact", subcommand, options, user, guildId }));
}

function suggestions() {
  return emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "suggestions", user: emulator.users.moderator }));
}

function ask(user = emulator.users.member, guildId = emulator.guildA.id) {
  return emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: QUESTION }, user, guildId }));
}

beforeAll(async () => {
  await emulator.start();
  for (const guild of [emulator.guildA, emulator.guildB]) {
    await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: guild.id, apiBase: emulator.apiBase, commands: commands.values() });
  }
});

afterAll(() => emulator.stop());

describe.each(DATABASES)("moderators' facts through a local Discord, on $name", (database) => {
  let created: Awaited<ReturnType<typeof database.create>> | undefined;
  const startBotWithStore = async () => {
    running = await startBotWithData(emulator, created!.storage);
  };

  describe.skipIf(!database.available)("with the bot running", () => {
    beforeAll(async () => {
      created = await database.create();
      await startBotWithStore();
    });
    afterAll(async () => {
      await stopBot();
      await created?.remove();
    });

    it("lets a moderator add a fact through the form, preview it and save it; a member then finds it", async () => {
      const form = await admin("add");
      expect(form.modal?.title).toBe("Add a fact");
      const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: FACT }));
      expect(preview.ephemeral).toBe(true);
      expect(embed(preview)?.description).toContain("first Monday");
      const save = buttons(preview).find((button) => button.label === "Save")!;
      const saved = await emulator.dispatchInteraction(emulator.button({ customId: save.custom_id!, from: preview }));
      expect(data(saved).content).toMatch(/Saved \*\*server-1\*\*/);

      const answer = await ask();
      expect(embed(answer)?.description).toContain("first Monday");
      expect(embed(answer)?.footer?.text).toContain("added by this server's moderators");
    });

    it("keeps what a moderator typed when a field is wrong, and offers to fix it", async () => {
      const form = await admin("add");
      const refused = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: { ...FACT, url: "javascript:alert(1)" } }));
      expect(data(refused).content).toMatch(/Source URL/);
      const fix = buttons(refused)[0]!;
      const reopened = await emulator.dispatchInteraction(emulator.button({ customId: fix.custom_id!, from: refused }));
      expect(JSON.stringify(reopened.modal)).toContain("first Monday");
    });

    it("keeps what a moderator typed when someone else saved the fact meanwhile, with a button to fix and resend it", async () => {
      const edit = (statement: string, from: InteractionRecord, user = emulator.users.moderator) =>
        emulator.dispatchInteraction(emulator.modalSubmit({ from, user, fields: { ...FACT, statement } }));
      const save = (preview: InteractionRecord) => emulator.dispatchInteraction(emulator.button({ customId: buttons(preview).find((button) => button.label === "Save")!.custom_id!, from: preview }));
      const mine = "The Yerevan reading circle discusses the Kasonta column on the first Monday of each month, at six.";
      const theirs = "The Yerevan reading circle discusses the Kasonta column on the first Monday of each month, online.";

      // Both open the form at the same revision; the owner saves first.
      const myForm = await admin("edit", { id: "server-1" });
      const theirForm = await admin("edit", { id: "server-1" }, emulator.users.owner);
      expect(data(await save(await edit(theirs, theirForm, emulator.users.owner))).content).toMatch(/^Saved \*\*server-1\*\* \(revision 2\)/);

      const conflict = await edit(mine, myForm);
      expect(data(conflict).content).toContain("Someone else saved **server-1** as revision 2 while you were editing revision 1, so nothing was saved.");
      expect(data(conflict).content).toContain(`> ${theirs}`);
      const reopened = await emulator.dispatchInteraction(emulator.button({ customId: buttons(conflict)[0]!.custom_id!, from: conflict }));
      expect(buttons(conflict)[0]!.label).toBe("Fix and resend");
      expect(reopened.modal?.custom_id).toBe("csto-admin:edit:server-1:2");
      expect(JSON.stringify(reopened.modal)).toContain("at six.");

      // A preview saved after someone else's save is kept the same way.
      const preview = await edit(mine, reopened);
      await save(await edit(`${theirs} Bring notes.`, await admin("edit", { id: "server-1" }, emulator.users.owner), emulator.users.owner));
      const late = await save(preview);
      expect(data(late).content).toContain("as revision 3 while you were editing revision 2");
      // Fixed: back to the wording the other tests ask about.
      const resent = await edit(FACT.statement, await emulator.dispatchInteraction(emulator.button({ customId: buttons(late)[0]!.custom_id!, from: late })));
      expect(data(await save(resent)).content).toMatch(/^Saved \*\*server-1\*\* \(revision 4\)/);
    });

    it("refuses the form's own example title without a link, saying why, and previews it with one", async () => {
      const form = await admin("add");
      expect(JSON.stringify(form.modal)).toContain(SOURCE_EXAMPLE);
      expect(JSON.stringify(form.modal)).toContain(LINK_EXAMPLE);
      const example = { statement: "Week 3 covered the CSTO charter of 2002.", question: "", source: "Week 3 lecture notes", url: "", quote: "" };
      const refused = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: example }));
      expect(data(refused).content).toContain("**Source URL**: The source is not one of the listed ones (see `/csto sources`), so members need a link to it");
      expect(buttons(refused).map((button) => button.label)).toEqual(["Fix and resend"]);
      const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: await admin("add"), fields: { ...example, url: "https://example.org/week-3" } }));
      expect(embed(preview)?.fields?.[0]?.value).toContain("[Week 3 lecture notes](https://example.org/week-3)");
      expect(buttons(preview).map((button) => button.label)).toEqual(["Save", "Cancel"]);
    });

    it("refuses a member without the permission, and changes nothing", async () => {
      const refused = await admin("remove", { id: "server-1" }, emulator.users.member);
      expect(refused.ephemeral).toBe(true);
      expect(data(refused).content).toMatch(/Only members with Manage Server/);
      expect(embed(await ask())?.description).toContain("first Monday");
    });

    it("does not show one server's fact in another", async () => {
      const elsewhere = await ask(emulator.users.outsider, emulator.guildB.id);
      expect(embed(elsewhere)?.title).toBe("No confident answer");
      const notFound = await admin("show", { id: "server-1" }, emulator.users.outsider, emulator.guildB.id);
      expect(data(notFound).content).toMatch(/There is no fact/);
    });

    it("keeps the fact and its history through a restart", async () => {
      await stopBot();
      await startBotWithStore();
      expect(embed(await ask())?.description).toContain("first Monday");
      const history = await admin("history", { id: "server-1" });
      expect(embed(history)?.fields?.[0]?.value).toMatch(/r1\*\* .* created by/);
    });

    it("exports a server's facts as a file that another server imports, searchable at once", async () => {
      const exported = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "export", user: emulator.users.moderator }));
      const [file] = exported.message?.attachments ?? [];
      expect(file?.filename).toMatch(/^csto-facts-.*\.json$/);
      const document = await (await fetch(file!.url)).text();
      expect(JSON.parse(document)).toMatchObject({ format: "csto-bot-facts", facts: [{ id: "server-1" }] });

      const upload = emulator.uploadAttachment("facts.json", document);
      const imported = await emulator.dispatchInteraction(
        emulator.chatInput({ name: "csto-admin", subcommand: "import", options: { file: upload }, user: emulator.users.outsider, guildId: emulator.guildB.id }),
      );
      expect(imported.message?.content).toMatch(/Imported 1 fact from/);
      expect(embed(await ask(emulator.users.outsider, emulator.guildB.id))?.description).toContain("first Monday");
    });

    it("imports nothing from a file that is not an export, or one that is too large", async () => {
      const importFile = async (name: string, content: string | Buffer) => {
        const upload = emulator.uploadAttachment(name, content);
        const record = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "import", options: { file: upload }, user: emulator.users.moderator }));
        return record.message?.content ?? "";
      };
      expect(await importFile("notes.json", '{"hello": "world"}')).toMatch(/Nothing was imported:[\s\S]*not a csto-bot facts export/);
      expect(await importFile("huge.json", Buffer.alloc(10 * 1024 * 1024, 32))).toMatch(/too large/);
      const list = await admin("list");
      expect(embed(list)?.footer?.text).toMatch(/· 1 fact$/);
    });

    it("queues a member's suggestion until a moderator accepts it, credited to the member", async () => {
      const form = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "suggest", user: emulator.users.member }));
      const fields = { ...FACT, statement: "The circle's spring exam covers the Nikitina article on public diplomacy.", question: "what does the spring exam cover" };
      const sent = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields }));
      expect(data(sent).content).toMatch(/your suggestion \(suggestion-1\) waits/);
      expect(embed(await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "what does the spring exam cover" } })))?.title).toBe("No confident answer");

      const queue = await suggestions();
      const [about, preview] = data(queue).embeds ?? [];
      expect(about?.title).toBe("Suggestion 1 of 1: suggestion-1");
      expect(about?.description).toContain(`Sent by <@${emulator.users.member.id}>`);
      expect(about?.description).toContain("Source of their own: Reading circle schedule — <https://example.org/reading-circle>");
      expect(about?.description).not.toMatch(/duplicate/);
      // The same preview the form shows before a save.
      expect(preview?.description).toBe(fields.statement);
      expect(preview?.fields?.[0]?.value).toContain("[Reading circle schedule](https://example.org/reading-circle)");

      const accept = buttons(queue).find((button) => button.label === "Accept suggestion-1")!;
      const accepted = await emulator.dispatchInteraction(emulator.button({ customId: accept.custom_id!, from: queue }));
      expect(data(accepted).content).toContain(`credited to <@${emulator.users.member.id}>`);
      await emulator.waitFor(() => emulator.directMessages(emulator.users.member.id).length === 1, 5_000, "the member's direct message");
      const [told] = emulator.directMessages(emulator.users.member.id);
      expect(told?.content).toMatch(/^From the moderators of \*\*CSTO Test Guild A\*\*:\nYour suggested fact was accepted as \*\*server-\d+\*\*/);
      expect(told?.content).toContain(`> ${fields.statement}`);
      const found = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "what does the spring exam cover" } }));
      expect(embed(found)?.description).toContain("Nikitina article");
    });

    it("flags a suggestion that repeats a fact, and tells the moderator when the member takes no direct messages", async () => {
      const form = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "suggest", user: emulator.users.member }));
      const quoted = { ...FACT, statement: "The Yerevan reading circle discusses the Kasonta column on the first Monday of every month!", source: "kasonta", url: "", quote: "clearly deserves the collective West’s attention" };
      await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: quoted }));
      const queue = await suggestions();
      const [about, preview] = data(queue).embeds ?? [];
      expect(about?.description).toMatch(/⚠ It looks like a duplicate of \*\*server-1\*\*: The Yerevan reading circle/);
      expect(about?.description).toContain("Source: `kasonta-2022`, one of the listed sources; the quote occurs in its text.");
      expect(preview?.description).toContain("> “clearly deserves the collective West’s attention”");

      emulator.closeDirectMessages(emulator.users.member.id);
      const reject = buttons(queue).find((button) => button.label?.startsWith("Reject"))!;
      const rejected = await emulator.dispatchInteraction(emulator.button({ customId: reject.custom_id!, from: queue }));
      expect(data(rejected).content).toMatch(/^Rejected suggestion-\d+\.$/);
      expect(embed(rejected)?.description).toBe("No suggestions are waiting.");
      await emulator.waitForRecord(rejected, (record) => record.followUps.length > 0);
      expect(rejected.followUps[0]?.content).toBe(`I could not tell <@${emulator.users.member.id}> in a direct message (they do not accept them from this server), so please let them know yourself.`);
      expect(emulator.directMessages(emulator.users.member.id)).toHaveLength(1);
    });

    it("shows the settings with /csto-admin config, sets a moderator role whose members may then moderate, and clears it", async () => {
      const config = (options: Record<string, string> = {}) =>
        emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "config", options, user: emulator.users.owner }));
      const roleId = emulator.guildA.roleIds.Moderator!;
      // A member of that role who lacks Manage Server.
      const listAsRoleMember = () =>
        emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommandGroup: "fact", subcommand: "list", user: emulator.users.moderator, permissions: DEFAULT_EVERYONE_PERMISSIONS }));

      const shown = await config();
      expect(shown.ephemeral).toBe(true);
      expect(embed(shown)?.fields).toEqual([
        { name: "Moderator role", value: "None: only members with Manage Server use /csto-admin." },
        { name: "Log channel", value: "None: fact changes and suggestions are not logged." },
      ]);
      expect(data(await listAsRoleMember()).content).toMatch(/Only members with Manage Server/);

      const set = await config({ "moderator-role": roleId });
      expect(data(set).content).toBe(`Members with <@&${roleId}> may now use /csto-admin in this server.`);
      expect(embed(set)?.fields?.[0]?.value).toBe(`<@&${roleId}>`);
      expect(embed(await listAsRoleMember())?.title).toBe("This server's facts");

      const cleared = await config({ clear: "moderator-role" });
      expect(data(cleared).content).toMatch(/^Cleared the moderator role/);
      expect(embed(cleared)?.fields?.[0]?.value).toMatch(/^None/);
      expect(data(await listAsRoleMember()).content).toMatch(/Only members with Manage Server/);
    });

    it("removes a fact after confirmation, so members no longer find it", async () => {
      const confirm = await admin("remove", { id: "server-1" });
      const removeButton = buttons(confirm).find((button) => button.label === "Remove")!;
      const removed = await emulator.dispatchInteraction(emulator.button({ customId: removeButton.custom_id!, from: confirm }));
      expect(data(removed).content).toMatch(/Removed \*\*server-1\*\*/);
      expect(embed(await ask())?.title).toBe("No confident answer");
      const again = await admin("remove", { id: "server-1" });
      expect(again.ephemeral).toBe(true);
      expect(data(again).content).toMatch(/`server-1` has already been removed/);
    });

    it("refuses a quote its listed source does not hold, and shows a fact with no quote in the moderators' own words only", async () => {
      const own = { statement: "Our study group meets every Tuesday to discuss the CSTO.", question: "when does our study group meet", source: "bescotti", url: "" };
      const forged = await emulator.dispatchInteraction(
        emulator.modalSubmit({ from: await admin("add"), fields: { ...own, quote: "The CSTO is a paper tiger and will collapse by 2030." } }),
      );
      expect(data(forged).content).toMatch(/does not occur in the text of bescotti-2017/);

      const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: await admin("add"), fields: { ...own, quote: "" } }));
      const save = buttons(preview).find((button) => button.label === "Save")!;
      await emulator.dispatchInteraction(emulator.button({ customId: save.custom_id!, from: preview }));
      const answer = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "when does our study group meet" } }));
      expect(embed(answer)?.description).toContain("every Tuesday");
      expect(embed(answer)?.description).not.toContain("> “");
      expect(embed(answer)?.footer?.text).toContain("added by this server's moderators");
    });

    it("takes the publication date of the moderator's own source after its link, cites it, and keeps a wrong one with a per-field error", async () => {
      const fields = { statement: "The reading circle's library lends the Nikitina article for two weeks.", question: "what are the circle library rules", source: "Circle library rules", quote: "" };
      const form = await admin("add");
      expect(JSON.stringify(form.modal)).toContain("Link and date, with a title of your own");
      const refused = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: { ...fields, url: "https://example.org/library-rules 2023-13" } }));
      expect(data(refused).content).toContain("• **Publication date**: `2023-13` is not a publication date: please write it as YYYY-MM-DD, YYYY-MM or YYYY");
      const reopened = await emulator.dispatchInteraction(emulator.button({ customId: buttons(refused)[0]!.custom_id!, from: refused }));
      expect(JSON.stringify(reopened.modal)).toContain("https://example.org/library-rules 2023-13");

      const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: { ...fields, url: "https://example.org/library-rules 2023-09" } }));
      expect(JSON.stringify(embed(preview))).toContain("example.org, 2023-09");
      const saved = await emulator.dispatchInteraction(emulator.button({ customId: buttons(preview).find((button) => button.label === "Save")!.custom_id!, from: preview }));
      const id = /Saved \*\*(server-\d+)\*\*/.exec(data(saved).content ?? "")![1]!;
      const answer = embed(await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: fields.question } })));
      expect(answer?.description).toContain("two weeks");
      expect(JSON.stringify(answer)).toContain("example.org, 2023-09");
      expect(JSON.stringify(answer)).not.toMatch(/added \d{4}-/);
      expect(JSON.stringify((await admin("edit", { id })).modal)).toContain("https://example.org/library-rules 2023-09");

      const listed = await emulator.dispatchInteraction(emulator.modalSubmit({ from: await admin("add"), fields: { ...fields, source: "bescotti", url: "2017" } }));
      expect(data(listed).content).toContain("• **Publication date**: A listed source has its own publication date");
    });

    it("logs every fact change and suggestion in the log channel, and keeps a change the channel refuses, telling the moderator once", async () => {
      const config = (options: Record<string, string>, user = emulator.users.owner, guildId = emulator.guildA.id) =>
        emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "config", options, user, guildId }));
      const logChannel = emulator.guildA.channels.find((channel) => channel.name === "mod-log")!.id;
      const posts = (channelId = logChannel) => emulator.channelMessages(channelId).map((message) => message.content);
      const nextPost = async (count: number, channelId = logChannel) => {
        await emulator.waitFor(() => posts(channelId).length >= count, 5_000, `log post ${count}`);
        return posts(channelId)[count - 1];
      };
      const moderator = `<@${emulator.users.moderator.id}>`;
      const saveForm = async (form: InteractionRecord, fields: Record<string, string>) => {
        const preview = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields }));
        return emulator.dispatchInteraction(emulator.button({ customId: buttons(preview).find((button) => button.label === "Save")!.custom_id!, from: preview }));
      };
      const factIdOf = (record: InteractionRecord) => /Saved \*\*(server-\d+)\*\*/.exec(data(record).content ?? "")![1]!;

      const set = await config({ "log-channel": logChannel });
      expect(data(set).content).toBe(`Every fact change and suggestion will now be logged in <#${logChannel}>.`);
      expect(embed(set)?.fields?.[1]).toEqual({ name: "Log channel", value: `<#${logChannel}>` });
      expect(await nextPost(1)).toBe(`<@${emulator.users.owner.id}> made this channel the log of this server's fact changes and suggestions.`);

      const fields = { statement: "The reading circle's autumn term starts in the second week of September.", question: "when does the autumn term start", source: "Circle calendar", url: "https://example.org/circle-calendar", quote: "" };
      const id = factIdOf(await saveForm(await admin("add"), fields));
      expect(await nextPost(2)).toBe(`${moderator} added **${id}** “when does the autumn term start” · \`/csto-admin fact show id:${id}\``);
      await saveForm(await admin("edit", { id }), { ...fields, statement: "The reading circle's autumn term starts in the third week of September." });
      expect(await nextPost(3)).toBe(`${moderator} edited **${id}** “when does the autumn term start” · \`/csto-admin fact show id:${id}\``);
      const confirm = await admin("remove", { id });
      await emulator.dispatchInteraction(emulator.button({ customId: buttons(confirm).find((button) => button.label === "Remove")!.custom_id!, from: confirm }));
      expect(await nextPost(4)).toMatch(new RegExp(`^${moderator} removed \\*\\*${id}\\*\\*`));
      await admin("restore", { id });
      expect(await nextPost(5)).toMatch(new RegExp(`^${moderator} restored \\*\\*${id}\\*\\*`));

      const form = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "suggest", user: emulator.users.member }));
      const suggested = { ...fields, statement: "The reading circle's winter exam is an oral one.", question: "how is the winter exam held" };
      const sent = await emulator.dispatchInteraction(emulator.modalSubmit({ from: form, fields: suggested }));
      const suggestionId = /\((suggestion-\d+)\)/.exec(data(sent).content ?? "")![1]!;
      expect(await nextPost(6)).toBe(`<@${emulator.users.member.id}> suggested **${suggestionId}** “how is the winter exam held” · review it with \`/csto-admin suggestions\``);
      const queue = await suggestions();
      const accepted = await emulator.dispatchInteraction(emulator.button({ customId: buttons(queue).find((button) => button.label === `Accept ${suggestionId}`)!.custom_id!, from: queue }));
      const acceptedId = /as \*\*(server-\d+)\*\*/.exec(data(accepted).content ?? "")![1]!;
      expect(await nextPost(7)).toBe(`${moderator} accepted **${suggestionId}** from <@${emulator.users.member.id}> as **${acceptedId}** “how is the winter exam held” · \`/csto-admin fact show id:${acceptedId}\``);
      await emulator.dispatchInteraction(emulator.modalSubmit({ from: await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "suggest", user: emulator.users.member })), fields: { ...suggested, statement: "The winter exam is written." } }));
      expect(await nextPost(8)).toMatch(/suggested \*\*suggestion-\d+\*\*/);
      const rejectQueue = await suggestions();
      await emulator.dispatchInteraction(emulator.button({ customId: buttons(rejectQueue).find((button) => button.label?.startsWith("Reject"))!.custom_id!, from: rejectQueue }));
      expect(await nextPost(9)).toMatch(new RegExp(`^${moderator} rejected \\*\\*suggestion-\\d+\\*\\* from <@${emulator.users.member.id}> “`));

      // Guild B logs to its only channel: an import names each fact it brought.
      const exported = await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "export", user: emulator.users.moderator }));
      const document = await (await fetch(exported.message!.attachments![0]!.url)).text();
      await config({ "log-channel": emulator.guildB.channelId }, emulator.users.outsider, emulator.guildB.id);
      const upload = emulator.uploadAttachment("circle.json", document);
      await emulator.dispatchInteraction(emulator.chatInput({ name: "csto-admin", subcommand: "import", options: { file: upload }, user: emulator.users.outsider, guildId: emulator.guildB.id }));
      const importPost = await nextPost(2, emulator.guildB.channelId);
      expect(importPost).toMatch(new RegExp(`^<@${emulator.users.outsider.id}> imported \\d+ facts from circle\\.json · see them with \`/csto-admin fact list\`\n`));
      expect(importPost).toContain(`• **${acceptedId}** “how is the winter exam held”`);

      // The bot may no longer send messages there: the fact is saved all the same, and the moderator told once.
      emulator.closeChannel(logChannel, 50013);
      const refusedFields = { ...fields, statement: "The reading circle's spring term starts in February.", question: "when does the spring term start" };
      const saved = await saveForm(await admin("add"), refusedFields);
      expect(data(saved).content).toMatch(/^Saved \*\*server-\d+\*\*/);
      await emulator.waitForRecord(saved, (record) => record.followUps.length > 0);
      expect(saved.followUps.map((followUp) => followUp.content)).toEqual([
        `The change was kept, but I could not post it to <#${logChannel}>, the log channel: it is gone or I may not send messages there. Please give me View Channel and Send Messages there, or pick another with \`/csto-admin config log-channel:\`.`,
      ]);
      expect(embed(await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: "when does the spring term start" } })))?.description).toContain("February");

      // Hidden from the bot altogether: the restore is kept too.
      emulator.closeChannel(logChannel, 50001);
      const hiddenConfirm = await admin("remove", { id });
      const removed = await emulator.dispatchInteraction(emulator.button({ customId: buttons(hiddenConfirm).find((button) => button.label === "Remove")!.custom_id!, from: hiddenConfirm }));
      expect(data(removed).content).toMatch(new RegExp(`^Removed \\*\\*${id}\\*\\*`));
      await emulator.waitForRecord(removed, (record) => record.followUps.length > 0);
      expect(removed.followUps).toHaveLength(1);
      expect(posts()).toHaveLength(9);

      const cleared = await config({ clear: "log-channel" });
      expect(data(cleared).content).toBe("Cleared the log channel: fact changes and suggestions are no longer logged.");
      expect(embed(cleared)?.fields?.[1]?.value).toBe("None: fact changes and suggestions are not logged.");
      const restored = await admin("restore", { id });
      expect(data(restored).content).toMatch(/^Restored/);
      expect(restored.followUps).toEqual([]);
    });
  });
});
