import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { AdminCommands } from "./admin-commands.js";
import type { Choice, CstoCommands, Requester } from "./csto-commands.js";
import type { QuizCommands } from "./quiz-commands.js";
import type { Modal, Reply } from "./reply.js";
import type { CommandRequest } from "./router.js";

/** A value, or a promise of it: commands that read the database answer asynchronously. */
export type Awaitable<T> = T | Promise<T>;

/** What every command may use; built once at start-up. */
export interface BotContext {
  csto: CstoCommands;
  /** Reads a server's own facts into the search before its first interaction; absent without a fact store. */
  loadGuild?: ((guildId: string) => Promise<void>) | undefined;
  /** Absent when the bot runs without a fact store. */
  admin?: AdminCommands | undefined;
  /** Absent when the bot runs without a quiz. */
  quiz?: QuizCommands | undefined;
}

export interface AutocompleteRequest extends CommandRequest {
  focused: { name: string; value: string };
}

/**
 * A slash command: its definition in Discord's JSON (registered by the deploy script, read by the
 * local console) and handlers that take a platform-neutral request and return a Reply.
 */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Commands that answer from the knowledge count against the per-user cooldown. */
  cooldown: boolean;
  /** Throws a UserFacingError when the requester may not use the command; checked before files are downloaded. */
  authorize?(requester: Requester, context: BotContext): Awaitable<void>;
  /** A reply, or a form to show first. */
  execute(request: CommandRequest, requester: Requester, context: BotContext): Awaitable<Reply | Modal>;
  autocomplete?(request: AutocompleteRequest, requester: Requester, context: BotContext): Awaitable<Choice[]>;
  /** Handles clicks on buttons whose custom id starts with `${data.name}:`. */
  button?(customId: string, requester: Requester, context: BotContext): Awaitable<{ reply: Reply; updateMessage: boolean } | { modal: Modal } | undefined>;
  /** Handles submitted forms whose custom id starts with `${data.name}:`. */
  modal?(customId: string, fields: Record<string, string>, requester: Requester, context: BotContext): Awaitable<Reply>;
}
