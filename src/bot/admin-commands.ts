import { presentEntry } from "../answers/answer.js";
import { UserFacingError } from "../errors.js";
import { FACT_MESSAGES, FactConflictError } from "../facts/fact-errors.js";
import { MAX_IMPORT_BYTES } from "../facts/fact-export.js";
import { parseFactInput } from "../facts/fact-input.js";
import { SYSTEM_ACTOR, type FactRevision, type ServerFact } from "../facts/fact-store.js";
import type { ServerFacts } from "../facts/server-facts.js";
import type { QuizPool } from "../quiz/quiz-pool.js";
import { cleanOption } from "../text/clean-input.js";
import { escapeMarkdown } from "../text/markdown.js";
import type { Choice, Requester } from "./csto-commands.js";
import { ADMIN_PREFIX } from "./custom-ids.js";
import { DraftStore, type Draft } from "./drafts.js";
import { factForm, fieldsOf, FIELD_LABELS, splitLinkAndDate } from "./fact-form.js";
import { counted, truncate } from "./limits.js";
import { factChangePost, importPost, logChannelSetPost, suggestionAcceptedPost, suggestionRejectedPost, suggestionSentPost } from "./mod-log.js";
import { COLORS, listFields, renderAnswer } from "./render.js";
import { button, DISCORD_LIMITS, textReply, type Modal, type ModLogPost, type Reply } from "./reply.js";
import type { OptionValue } from "./router.js";
import { outcomeMessage, quoteBlock, renderSuggestionQueue } from "./suggestion-review.js";

/** Discord's Manage Server permission bit. */
const MANAGE_GUILD = 1n << 5n;
const FACTS_PER_PAGE = 10;
/** An import's problems beyond this many are counted, not listed, so the reply stays readable. */
const MAX_LISTED_PROBLEMS = 15;
/** Fact and suggestion ids as the store hands them out: "server-7", "suggestion-3", or an imported entry id. */
const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A Discord role or channel id. */
const SNOWFLAKE = /^\d{17,20}$/;
/** The settings `/csto-admin config clear:` can clear. */
const CLEARABLE = ["moderator-role", "log-channel"] as const;

export const ADMIN_MESSAGES = {
  notInServer: "Facts belong to a server: please use this command in one.",
  refused: "Only members with Manage Server, or the moderator role this server configured, can change its facts.",
  draftGone: "That form has expired or is someone else's. Please run the command again.",
  staleForm: "That form no longer works. Please run the command again.",
  noSuchFact: "There is no fact with that id in this server: pick one from the list the id option offers.",
  pickRole: "Please pick a role of this server for the `moderator-role` option.",
  pickChannel: "Please pick a text channel of this server for the `log-channel` option.",
  setAndClear: "Please either set settings or clear one, not both at once.",
  cancelled: "Cancelled: nothing was saved.",
} as const;

type ButtonResult = { reply: Reply; updateMessage: boolean } | { modal: Modal };

/** What a submitted fact form is for, read from its custom id; undefined for an id this bot never made. */
type FormPurpose = { mode: "add" } | { mode: "suggest" } | { mode: "edit"; factId: string; revision: number };

function parseFormId(customId: string): FormPurpose | undefined {
  const [, mode, factId, revision, ...rest] = customId.split(":");
  if (rest.length > 0) return undefined;
  if ((mode === "add" || mode === "suggest") && factId === undefined) return { mode };
  if (mode === "edit" && factId !== undefined && RECORD_ID.test(factId) && revision !== undefined && /^[1-9]\d{0,8}$/.test(revision)) {
    return { mode, factId, revision: Number(revision) };
  }
  return undefined;
}

/** The fact id a moderator typed or picked, cleaned; an id no fact could have is refused without echoing it. */
function factIdOption(value: OptionValue): string {
  const id = cleanOption("id", typeof value === "string" ? value : "");
  if (!RECORD_ID.test(id)) throw new UserFacingError(ADMIN_MESSAGES.noSuchFact);
  return id;
}

/** Who made a change: a member as a mention, the bot by its name. */
const actorName = (id: string) => (id === SYSTEM_ACTOR ? "csto-bot" : `<@${id}>`);

/** One line of a fact's history; the bot's own removal of an unsupported quote says why it went. */
function revisionLine(revision: FactRevision, fact: ServerFact): string {
  const head = `**r${revision.revision}** ${revision.at.slice(0, 16).replace("T", " ")} — `;
  const [change, ...others] = revision.changes;
  if (revision.by === SYSTEM_ACTOR && others.length === 0 && change?.field === "quote" && change.after === null) {
    return `${head}quote removed by csto-bot: the text of \`${fact.sourceId ?? "its source"}\` does not contain it, so it is no longer shown as the source's words. The statement stays.`;
  }
  const changed = [...new Set(revision.changes.map((c) => FIELD_LABELS[c.field] ?? c.field))];
  return `${head}${revision.action} by ${actorName(revision.by)}${changed.length > 0 ? `: ${changed.join(", ")}` : ""}`;
}

/** The logic of `/csto-admin`: moderators add, edit, remove and review their server's own facts. */
export class AdminCommands {
  private readonly drafts = new DraftStore();

  constructor(
    private readonly facts: ServerFacts,
    /** Absent when the bot runs without a quiz. */
    private readonly quiz?: QuizPool,
  ) {}

  async execute(requester: Requester, subcommand: string | null, options: Record<string, OptionValue>): Promise<Reply | Modal> {
    const guildId = await this.authorize(requester);
    const id = () => factIdOption(options.id);
    switch (subcommand) {
      case "fact add":
        return factForm(`${ADMIN_PREFIX}:add`, "Add a fact");
      case "fact edit": {
        const fact = await this.existing(guildId, id());
        return factForm(`${ADMIN_PREFIX}:edit:${fact.id}:${fact.revision}`, `Edit ${fact.id}`, fieldsOf(fact));
      }
      case "fact remove": {
        const fact = await this.existing(guildId, id(), true);
        if (fact.deletedAt) throw new UserFacingError(FACT_MESSAGES.factAlreadyRemoved(fact.id));
        return {
          content: `Remove **${fact.id}**? Members will no longer find it; you can restore it later.\n${quoteBlock(fact.statement)}`,
          embeds: [],
          components: [[button(`${ADMIN_PREFIX}:remove:${fact.id}`, "Remove", "danger"), button(`${ADMIN_PREFIX}:dismiss`, "Keep it")]],
          ephemeral: true,
        };
      }
      case "fact restore": {
        const fact = await this.facts.restore(guildId, id(), requester.userId);
        const reply = textReply(`Restored **${fact.id}** (revision ${fact.revision}): members can find it again.`);
        return this.logged(guildId, reply, (channelId) => factChangePost(channelId, "restored", requester.userId, fact));
      }
      case "fact list":
        return this.list(guildId, typeof options.page === "number" ? options.page - 1 : 0);
      case "fact show":
        return this.show(await this.existing(guildId, id(), true));
      case "fact history":
        return this.history(guildId, await this.existing(guildId, id(), true));
      case "export": {
        const document = await this.facts.store.exportGuild(guildId);
        return {
          content: `This server's ${document.facts.length} live facts. Import the file into any server with \`/csto-admin import\`.`,
          embeds: [],
          components: [],
          files: [{ name: `csto-facts-${guildId}.json`, content: `${JSON.stringify(document, null, 2)}\n` }],
          ephemeral: true,
        };
      }
      case "import":
        return this.import(requester, guildId, options.file);
      case "suggestions":
        return this.suggestions(guildId, 0);
      case "quiz add-fact": {
        const factId = id();
        const question = await this.requireQuiz().addFact(guildId, factId, requester.userId);
        return textReply(`Added **${factId}** to this server's quiz. Members will be asked:\n> ${truncate(question.prompt, 300)}\nQuestion id: \`${question.id}\``);
      }
      case "quiz remove-fact": {
        const factId = id();
        await this.requireQuiz().removeFact(guildId, factId, requester.userId);
        return textReply(`Took **${factId}** out of this server's quiz.`);
      }
      case "quiz off":
      case "quiz on": {
        const on = subcommand === "quiz on";
        const questionId = typeof options.question === "string" ? options.question.trim() : "";
        const question = await this.requireQuiz().setQuestionEnabled(guildId, questionId, on, requester.userId);
        return textReply(on ? `Turned \`${question.id}\` back on.` : `Turned \`${question.id}\` off: this server's quizzes will no longer ask\n> ${truncate(question.prompt, 300)}`);
      }
      case "config":
        return this.config(guildId, requester.userId, options);
      default:
        throw new UserFacingError(`There is no /csto-admin ${escapeMarkdown(subcommand ?? "")} command.`);
    }
  }

  /** The same form for any member: what they send waits for the moderators. */
  suggestForm(requester: Requester): Modal {
    this.requireServer(requester);
    return factForm(`${ADMIN_PREFIX}:suggest`, "Suggest a fact");
  }

  /** A submitted fact form: a preview with Save and Cancel, or what is wrong with a way to fix it. */
  async submit(requester: Requester, customId: string, fields: Record<string, string>): Promise<Reply> {
    // A forged id (an edit without its revision, say) must not turn into some other change.
    const purpose = parseFormId(customId);
    if (!purpose) throw new UserFacingError(ADMIN_MESSAGES.staleForm);
    const suggestion = purpose.mode === "suggest";
    const guildId = suggestion ? this.requireServer(requester) : await this.authorize(requester);
    const editing = purpose.mode === "edit" ? await this.existing(guildId, purpose.factId) : undefined;
    const revision = purpose.mode === "edit" ? purpose.revision : undefined;
    const draft: Draft = { userId: requester.userId, guildId, fields, factId: editing?.id, revision, suggestion };
    if (editing && editing.revision !== revision) return this.conflict(draft, editing);
    const draftId = this.drafts.put(draft);
    const parsed = this.parse(fields);
    if (!parsed.ok) {
      const problems = parsed.problems.map((problem) => `• **${FIELD_LABELS[problem.field] ?? problem.field}**: ${problem.message}`);
      return {
        content: `The fact was not saved:\n${problems.join("\n")}\nYour text is kept: press the button to fix it.`,
        embeds: [],
        components: [[button(`${ADMIN_PREFIX}:reopen:${draftId}`, "Fix and resend", "primary")]],
        ephemeral: true,
      };
    }
    if (suggestion) {
      this.drafts.delete(draftId);
      const queued = await this.facts.store.suggest(guildId, parsed.value, requester.userId);
      const thanks = textReply(`Thank you: your suggestion (${queued.id}) waits for this server's moderators.`);
      return this.logged(guildId, thanks, (channelId) => suggestionSentPost(channelId, queued));
    }
    const entry = this.facts.preview(guildId, parsed.value, requester.userId, editing);
    return {
      ...renderAnswer(presentEntry(entry), true),
      content: "Preview: this is how members will see the fact.",
      components: [[button(`${ADMIN_PREFIX}:save:${draftId}`, "Save", "primary"), button(`${ADMIN_PREFIX}:cancel:${draftId}`, "Cancel")]],
    };
  }

  /** Undefined for a button this bot never made (the dispatcher says it no longer works). */
  async button(requester: Requester, customId: string): Promise<ButtonResult | undefined> {
    const [, action, value, ...rest] = customId.split(":");
    // Values are ids and page numbers: anything else was not made by this bot.
    if (rest.length > 0 || (value !== undefined && !RECORD_ID.test(value))) return undefined;
    if (action === "reopen") {
      const draft = this.draft(value, requester);
      if (!draft.suggestion) await this.authorize(requester);
      return { modal: factForm(this.formIdOf(draft), draft.suggestion ? "Suggest a fact" : draft.factId ? `Edit ${draft.factId}` : "Add a fact", draft.fields) };
    }
    const guildId = await this.authorize(requester);
    const update = (reply: Reply) => ({ reply, updateMessage: true });
    switch (action) {
      case "save": {
        const draft = this.draft(value, requester);
        const parsed = this.parse(draft.fields);
        if (!parsed.ok) throw new UserFacingError(ADMIN_MESSAGES.draftGone);
        let fact: ServerFact;
        try {
          fact =
            draft.factId !== undefined
              ? await this.facts.edit(guildId, draft.factId, parsed.value, draft.revision!, requester.userId)
              : await this.facts.add(guildId, parsed.value, requester.userId);
        } catch (error) {
          if (!(error instanceof FactConflictError)) throw error;
          this.drafts.delete(value!);
          return update(this.conflict(draft, await this.existing(guildId, error.factId)));
        }
        this.drafts.delete(value!);
        const saved = textReply(`Saved **${fact.id}** (revision ${fact.revision}). Members can find it with /csto ask now.`);
        // An edit that changed nothing leaves the revision, and the log, as they were.
        if (fact.revision === draft.revision) return update(saved);
        return update(await this.logged(guildId, saved, (channelId) => factChangePost(channelId, draft.factId !== undefined ? "edited" : "added", requester.userId, fact)));
      }
      case "cancel":
        this.drafts.delete(value ?? "");
        return update(textReply(ADMIN_MESSAGES.cancelled));
      case "remove": {
        const fact = await this.facts.remove(guildId, value ?? "", requester.userId);
        const removed = textReply(`Removed **${fact.id}**. Restore it with \`/csto-admin fact restore id:${fact.id}\`.`);
        return update(await this.logged(guildId, removed, (channelId) => factChangePost(channelId, "removed", requester.userId, fact)));
      }
      case "dismiss":
        return update(textReply("Kept: nothing was changed."));
      case "list":
        if (value === undefined || !/^\d{1,6}$/.test(value)) return undefined;
        return update(await this.list(guildId, Number(value)));
      case "suggestions":
        if (value === undefined || !/^\d{1,6}$/.test(value)) return undefined;
        return update(await this.suggestions(guildId, Number(value)));
      case "accept": {
        const index = await this.suggestionIndex(guildId, value);
        const fact = await this.facts.acceptSuggestion(guildId, value ?? "", requester.userId);
        const queue = await this.logged(guildId, await this.suggestions(guildId, index), (channelId) => suggestionAcceptedPost(channelId, requester.userId, value ?? "", fact));
        return update({
          ...queue,
          content: `Accepted ${value} as **${fact.id}**, credited to <@${fact.suggestedBy}>.`,
          directMessages: [outcomeMessage(fact.suggestedBy!, `Your suggested fact was accepted as **${fact.id}**: members can find it with \`/csto ask\` now.`, fact.statement)],
        });
      }
      case "reject": {
        const index = await this.suggestionIndex(guildId, value);
        const suggestion = await this.facts.store.rejectSuggestion(guildId, value ?? "", requester.userId);
        const queue = await this.logged(guildId, await this.suggestions(guildId, index), (channelId) => suggestionRejectedPost(channelId, requester.userId, suggestion));
        return update({
          ...queue,
          content: `Rejected ${value}.`,
          directMessages: [outcomeMessage(suggestion.suggestedBy, "Your suggested fact was not accepted.", suggestion.statement)],
        });
      }
      default:
        return undefined;
    }
  }

  /** Fact ids for the `id` option, matched on id and statement; nothing for members without the permission. */
  async autocompleteFactId(requester: Requester, typed: string, includeRemoved: boolean): Promise<Choice[]> {
    if (!requester.guildId || !(await this.mayModerate(requester))) return [];
    const key = typed.toLowerCase();
    const { facts } = await this.facts.store.list(requester.guildId, { limit: 100, includeDeleted: includeRemoved });
    return facts
      .filter((fact) => `${fact.id} ${fact.statement}`.toLowerCase().includes(key))
      .slice(0, DISCORD_LIMITS.choices)
      .map((fact) => ({ name: truncate(`${fact.id}${fact.deletedAt ? " (removed)" : ""}: ${fact.statement}`, DISCORD_LIMITS.choiceName), value: fact.id }));
  }

  /** The waiting suggestions, one at a time, with what a moderator must check before deciding. */
  private async suggestions(guildId: string, index: number): Promise<Reply> {
    // Duplicates are looked for in the server's search, so its facts must be loaded first.
    await this.facts.load(guildId);
    return renderSuggestionQueue(await this.facts.store.listSuggestions(guildId), index, (suggestion) => ({
      preview: renderAnswer(presentEntry(this.facts.preview(guildId, suggestion, suggestion.suggestedBy)), true),
      duplicate: this.facts.duplicateOf(guildId, suggestion.statement),
      quoteHolds: suggestion.sourceId === undefined || suggestion.quote === undefined || this.facts.quoteCheck(suggestion.sourceId, suggestion.quote),
    }));
  }

  /** Where a suggestion stands in the queue, so the one after it is shown once it is decided. */
  private async suggestionIndex(guildId: string, suggestionId: string | undefined): Promise<number> {
    return Math.max(0, (await this.facts.store.listSuggestions(guildId)).findIndex((suggestion) => suggestion.id === suggestionId));
  }

  /**
   * An edit someone else's save overtook: nothing is written, and what the moderator typed waits,
   * now against the revision that won, to be checked against it and sent again.
   */
  private conflict(draft: Draft, current: ServerFact): Reply {
    const draftId = this.drafts.put({ ...draft, revision: current.revision });
    return {
      content:
        `Someone else saved **${current.id}** as revision ${current.revision} while you were editing revision ${draft.revision}, so nothing was saved. Their version:\n` +
        `${quoteBlock(current.statement)}\nYour text is kept: press the button to check it against theirs and send it again.`,
      embeds: [],
      components: [[button(`${ADMIN_PREFIX}:reopen:${draftId}`, "Fix and resend", "primary")]],
      ephemeral: true,
    };
  }

  /** Changes the settings given, if any, then shows them all. */
  private async config(guildId: string, actorId: string, options: Record<string, OptionValue>): Promise<Reply> {
    const role = options["moderator-role"];
    const logChannel = options["log-channel"];
    const clear = options.clear;
    if (clear !== undefined && !CLEARABLE.some((setting) => setting === clear)) throw new UserFacingError(ADMIN_MESSAGES.staleForm);
    if ((role !== undefined || logChannel !== undefined) && clear !== undefined) throw new UserFacingError(ADMIN_MESSAGES.setAndClear);
    if (role !== undefined && (typeof role !== "string" || !SNOWFLAKE.test(role))) throw new UserFacingError(ADMIN_MESSAGES.pickRole);
    if (logChannel !== undefined && (typeof logChannel !== "string" || !SNOWFLAKE.test(logChannel))) throw new UserFacingError(ADMIN_MESSAGES.pickChannel);
    const changes: string[] = [];
    let modLog: ModLogPost | undefined;
    if (typeof role === "string") {
      await this.facts.store.setModeratorRoles(guildId, [role]);
      changes.push(`Members with <@&${role}> may now use /csto-admin in this server.`);
    }
    if (typeof logChannel === "string") {
      await this.facts.store.setLogChannel(guildId, logChannel);
      changes.push(`Every fact change and suggestion will now be logged in <#${logChannel}>.`);
      modLog = logChannelSetPost(logChannel, actorId);
    }
    if (clear === "moderator-role") {
      await this.facts.store.setModeratorRoles(guildId, []);
      changes.push("Cleared the moderator role: only members with Manage Server may use /csto-admin now.");
    } else if (clear === "log-channel") {
      await this.facts.store.setLogChannel(guildId, null);
      changes.push("Cleared the log channel: fact changes and suggestions are no longer logged.");
    }
    const [roles, channelId] = [await this.facts.store.getModeratorRoles(guildId), await this.facts.store.getLogChannel(guildId)];
    return {
      content: changes.length > 0 ? changes.join("\n") : undefined,
      embeds: [
        {
          title: "This server's settings",
          color: COLORS.serverFact,
          fields: [
            { name: "Moderator role", value: roles.length > 0 ? roles.map((id) => `<@&${id}>`).join(", ") : "None: only members with Manage Server use /csto-admin." },
            { name: "Log channel", value: channelId !== null ? `<#${channelId}>` : "None: fact changes and suggestions are not logged." },
          ],
          footer: { text: "Change with /csto-admin config moderator-role: or log-channel:, or clear one with clear:" },
        },
      ],
      components: [],
      ephemeral: true,
      modLog,
    };
  }

  /** The reply, with a line for the server's log channel when it set one. */
  private async logged(guildId: string, reply: Reply, post: (channelId: string) => ModLogPost): Promise<Reply> {
    const channelId = await this.facts.store.getLogChannel(guildId);
    return channelId === null ? reply : { ...reply, modLog: post(channelId) };
  }

  private formIdOf(draft: Draft): string {
    if (draft.suggestion) return `${ADMIN_PREFIX}:suggest`;
    return draft.factId ? `${ADMIN_PREFIX}:edit:${draft.factId}:${draft.revision}` : `${ADMIN_PREFIX}:add`;
  }

  /** Imports every fact of the file, or none, listing what is wrong by position and field. */
  private async import(requester: Requester, guildId: string, file: OptionValue): Promise<Reply> {
    if (typeof file !== "object" || file === null) throw new UserFacingError("Please attach the .json file an export produced.");
    if (file.content === null || file.size > MAX_IMPORT_BYTES) throw new UserFacingError(FACT_MESSAGES.importTooLarge(MAX_IMPORT_BYTES));
    const result = await this.facts.importGuild(guildId, file.content, requester.userId);
    if (result.ok) {
      const imported = textReply(`Imported ${counted(result.facts.length, "fact")} from ${escapeMarkdown(truncate(file.filename, 80))}; members can find them now.`);
      return this.logged(guildId, imported, (channelId) => importPost(channelId, requester.userId, result.facts, file.filename));
    }
    const lines = result.problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => {
      const where = problem.position === undefined ? "" : `fact ${problem.position}, `;
      return `• ${where}${escapeMarkdown(truncate(problem.field, 40))}: ${problem.message}`;
    });
    const more = result.problems.length > MAX_LISTED_PROBLEMS ? `\n… and ${result.problems.length - MAX_LISTED_PROBLEMS} more.` : "";
    return textReply(`Nothing was imported:\n${lines.join("\n")}${more}`);
  }

  private async list(guildId: string, page: number): Promise<Reply> {
    const { total } = await this.facts.store.list(guildId, { limit: 1, includeDeleted: true });
    const pages = Math.max(1, Math.ceil(total / FACTS_PER_PAGE));
    // A forged page option may be a fraction; the store takes whole offsets only.
    const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
    const { facts } = await this.facts.store.list(guildId, { offset: current * FACTS_PER_PAGE, limit: FACTS_PER_PAGE, includeDeleted: true });
    const lines = facts.map((fact) => `\`${fact.id}\` r${fact.revision}${fact.deletedAt ? " *(removed)*" : ""} — ${truncate(fact.statement, 150)}`);
    return {
      embeds: [
        {
          title: "This server's facts",
          description: lines.length > 0 ? lines.join("\n") : "No facts yet: add one with `/csto-admin fact add`.",
          color: COLORS.serverFact,
          footer: { text: `Page ${current + 1} of ${pages} · ${counted(total, "fact")}` },
        },
      ],
      components:
        pages > 1
          ? [[{ ...button(`${ADMIN_PREFIX}:list:${current - 1}`, "◀ Earlier"), disabled: current === 0 }, { ...button(`${ADMIN_PREFIX}:list:${current + 1}`, "Later ▶"), disabled: current >= pages - 1 }]]
          : [],
      ephemeral: true,
    };
  }

  private show(fact: ServerFact): Reply {
    const entry = this.facts.entryOf(fact);
    const reply = renderAnswer(presentEntry(entry), true);
    const state = fact.deletedAt ? `removed ${fact.deletedAt.slice(0, 10)}` : "live";
    return { ...reply, content: `**${fact.id}**, revision ${fact.revision}, ${state}; last changed by ${actorName(fact.updatedBy)} on ${fact.updatedAt.slice(0, 10)}.` };
  }

  private async history(guildId: string, fact: ServerFact): Promise<Reply> {
    const lines = (await this.facts.store.history(guildId, fact.id)).map((revision) => revisionLine(revision, fact));
    return {
      embeds: [{ title: `History of ${fact.id}`, color: COLORS.serverFact, fields: listFields("Revisions", lines) }],
      components: [],
      ephemeral: true,
    };
  }

  private parse(fields: Record<string, string>) {
    const source = (fields.source ?? "").trim();
    const { url, date } = splitLinkAndDate(fields.url ?? "");
    const optional = (value: string | undefined) => (value && value.trim() ? value : undefined);
    // Without a link, a name the bot knows ("bescotti", "kasonta-2022") is that listed source.
    const listed = url === "" ? this.facts.listedSource(source) : undefined;
    return parseFactInput(
      {
        statement: fields.statement ?? "",
        question: optional(fields.question),
        quote: optional(fields.quote),
        ...(listed ? { sourceId: listed.id } : { sourceTitle: optional(source), sourceUrl: optional(url) }),
        sourceDate: optional(date),
      },
      this.facts.knownSourceIds,
      this.facts.quoteCheck,
    );
  }

  private draft(id: string | undefined, requester: Requester): Draft {
    const draft = id ? this.drafts.get(id, requester.userId) : undefined;
    if (!draft) throw new UserFacingError(ADMIN_MESSAGES.draftGone);
    return draft;
  }

  private async existing(guildId: string, id: string, includeRemoved = false): Promise<ServerFact> {
    const fact = await this.facts.store.get(guildId, id, { includeDeleted: includeRemoved });
    if (!fact) throw new UserFacingError(`There is no fact \`${id}\` in this server.`);
    return fact;
  }

  private requireServer(requester: Requester): string {
    if (!requester.guildId) throw new UserFacingError(ADMIN_MESSAGES.notInServer);
    return requester.guildId;
  }

  /** Checked on every admin interaction, not only through Discord's command visibility. */
  private requireQuiz(): QuizPool {
    if (!this.quiz) throw new UserFacingError("The quiz is not available in this setup.");
    return this.quiz;
  }

  async authorize(requester: Requester): Promise<string> {
    const guildId = this.requireServer(requester);
    if (!(await this.mayModerate(requester))) throw new UserFacingError(ADMIN_MESSAGES.refused);
    return guildId;
  }

  private async mayModerate(requester: Requester): Promise<boolean> {
    const permissions = BigInt(requester.permissions ?? "0");
    if ((permissions & MANAGE_GUILD) === MANAGE_GUILD) return true;
    const moderatorRoles = requester.guildId ? await this.facts.store.getModeratorRoles(requester.guildId) : [];
    return (requester.roleIds ?? []).some((role) => moderatorRoles.includes(role));
  }
}
