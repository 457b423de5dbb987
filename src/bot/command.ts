import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Choice, CstoCommands, Requester } from "./csto-commands.js";
import type { Reply } from "./reply.js";
import type { CommandRequest } from "./router.js";

/** What every command may use; built once at start-up. */
export interface BotContext {
  csto: CstoCommands;
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
  execute(request: CommandRequest, requester: Requester, context: BotContext): Reply;
  autocomplete?(request: AutocompleteRequest, requester: Requester, context: BotContext): Choice[];
  /** Handles clicks on buttons whose custom id starts with `${data.name}:`. */
  button?(customId: string, requester: Requester, context: BotContext): { reply: Reply; updateMessage: boolean } | undefined;
}
