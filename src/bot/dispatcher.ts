import { setTimeout as sleep } from "node:timers/promises";
import { isUserFacingError } from "../errors.js";
import { DatabaseBusyError } from "../facts/fact-errors.js";
import type { Logger } from "../logger.js";
import type { AutocompleteRequest, BotContext, SlashCommand } from "./command.js";
import type { Cooldown } from "./cooldown.js";
import type { Choice, Requester } from "./csto-commands.js";
import { fitReply } from "./limits.js";
import { textReply, type Modal, type Reply } from "./reply.js";
import type { CommandRequest } from "./router.js";

export type Incoming =
  | { type: "command"; command: string; request: CommandRequest }
  | { type: "autocomplete"; command: string; request: AutocompleteRequest }
  | { type: "button"; customId: string }
  | { type: "modal"; customId: string; fields: Record<string, string> };

export type Outgoing =
  | { type: "reply"; reply: Reply }
  | { type: "update"; reply: Reply }
  | { type: "choices"; choices: Choice[] }
  | { type: "modal"; modal: Modal };

export type Outcome = "answered" | "refused" | "failed";

export const APOLOGY = "Sorry, something went wrong on my side. The error has been logged; please try again in a moment.";

export interface Handled {
  outgoing: Outgoing;
  outcome: Outcome;
  /** What made it fail or be refused (a busy database, say), for the metrics. */
  error?: unknown;
}

export interface DatabaseWaitOptions {
  /** How long a change waits for a database another program has locked before the user is told. */
  giveUpMs: number;
  /** The pause between two tries. */
  retryMs: number;
}

const DEFAULT_DATABASE_WAIT: DatabaseWaitOptions = { giveUpMs: 10_000, retryMs: 200 };

/** Routes commands, autocomplete and buttons to their command, with the one error boundary of the bot. */
export class Dispatcher {
  constructor(
    private readonly commands: ReadonlyMap<string, SlashCommand>,
    private readonly context: BotContext,
    private readonly cooldown: Cooldown,
    private readonly logger: Logger,
    private readonly databaseWait: DatabaseWaitOptions = DEFAULT_DATABASE_WAIT,
  ) {}

  /**
   * Never throws: a user-facing error becomes an ephemeral message, anything else an apology. A change
   * that meets a locked database is tried again later, without blocking other interactions meanwhile;
   * `onWait` runs once before the first retry (Discord must hear within 3 s that an answer is coming).
   */
  async handle(incoming: Incoming, requester: Requester, onWait?: () => Promise<void>): Promise<Handled> {
    const giveUpAt = Date.now() + this.databaseWait.giveUpMs;
    for (let retries = 0; ; retries++) {
      try {
        return await this.answer(incoming, requester);
      } catch (error) {
        if (!(error instanceof DatabaseBusyError) || Date.now() + this.databaseWait.retryMs > giveUpAt) return this.failure(incoming, requester, error);
        if (retries === 0) {
          this.logger.warn({ incoming: incoming.type }, "the database is locked by another program; retrying");
          await onWait?.();
        }
        await sleep(this.databaseWait.retryMs);
      }
    }
  }

  /**
   * The refusal a command gives this requester before anything slow happens on their behalf (downloading the
   * files they attached), or undefined when they may go on.
   */
  async refusal(incoming: Incoming, requester: Requester): Promise<Handled | undefined> {
    if (incoming.type !== "command") return undefined;
    try {
      await this.commands.get(incoming.command)?.authorize?.(requester, this.context);
      return undefined;
    } catch (error) {
      return this.failure(incoming, requester, error);
    }
  }

  private async answer(incoming: Incoming, requester: Requester): Promise<Handled> {
    // A server's own facts must be in the search before anything there is answered.
    if (requester.guildId) await this.context.loadGuild?.(requester.guildId);
    const outgoing = await this.route(incoming, requester);
    return { outgoing: outgoing.type === "reply" || outgoing.type === "update" ? { ...outgoing, reply: fitReply(outgoing.reply) } : outgoing, outcome: "answered" };
  }

  private failure(incoming: Incoming, requester: Requester, error: unknown): Handled {
    if (incoming.type === "autocomplete") {
      this.logger.error({ err: error, incoming, requester }, "autocomplete failed");
      return { outgoing: { type: "choices", choices: [] }, outcome: "failed", error };
    }
    if (isUserFacingError(error)) return { outgoing: { type: "reply", reply: textReply(error.message) }, outcome: "refused", error };
    this.logger.error({ err: error, incoming, requester }, "interaction failed");
    return { outgoing: { type: "reply", reply: textReply(APOLOGY) }, outcome: "failed", error };
  }

  /** Buttons and forms carry their command's name before the first colon. */
  private commandOf(customId: string): SlashCommand | undefined {
    return this.commands.get(customId.split(":")[0] ?? "");
  }

  private async route(incoming: Incoming, requester: Requester): Promise<Outgoing> {
    switch (incoming.type) {
      case "autocomplete": {
        const command = this.commands.get(incoming.command);
        return { type: "choices", choices: (await command?.autocomplete?.(incoming.request, requester, this.context)) ?? [] };
      }
      case "command": {
        const command = this.commands.get(incoming.command);
        if (!command) return { type: "reply", reply: textReply(`I do not know the command \`/${incoming.command}\`.`) };
        const wait = command.cooldown ? this.cooldown.take(requester.userId) : 0;
        if (wait > 0) return { type: "reply", reply: textReply(`Please wait ${wait} s before asking again.`) };
        const result = await command.execute(incoming.request, requester, this.context);
        return "fields" in result ? { type: "modal", modal: result } : { type: "reply", reply: result };
      }
      case "button": {
        const command = this.commandOf(incoming.customId);
        const result = await command?.button?.(incoming.customId, requester, this.context);
        if (!result) return { type: "reply", reply: textReply("That button no longer works. Please run the command again.") };
        if ("modal" in result) return { type: "modal", modal: result.modal };
        return { type: result.updateMessage ? "update" : "reply", reply: result.reply };
      }
      case "modal": {
        const reply = await this.commandOf(incoming.customId)?.modal?.(incoming.customId, incoming.fields, requester, this.context);
        return { type: "reply", reply: reply ?? textReply("That form no longer works. Please run the command again.") };
      }
    }
  }
}
