import {
  Client as DiscordClient,
  DefaultRestOptions,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Status,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type CommandInteractionOption,
  type Interaction,
} from "discord.js";
import type { Requester } from "../bot/csto-commands.js";
import { APOLOGY, type Dispatcher, type Handled, type Incoming, type Outcome, type Outgoing } from "../bot/dispatcher.js";
import { truncate } from "../bot/limits.js";
import { DISCORD_LIMITS, type DirectMessage, type Modal, type ModLogPost, type Reply } from "../bot/reply.js";
import type { CommandRequest } from "../bot/router.js";
import { errorCode, StartupError } from "../errors.js";
import { MAX_IMPORT_BYTES } from "../facts/fact-export.js";
import type { Logger } from "../logger.js";
import type { AnsweredInteraction } from "../ops/bot-metrics.js";
import { escapeMarkdown } from "../text/markdown.js";

/** Files larger than an import may be are not downloaded at all. */
const MAX_ATTACHMENT_BYTES = MAX_IMPORT_BYTES;
const DOWNLOAD_TIMEOUT_MS = 10_000;

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;
/** How long shutdown waits for interactions in flight before closing anyway; the whole stop stays under 5 s. */
const DRAIN_TIMEOUT_MS = 4_000;
/** Start-up gives up on a Discord API that accepts connections but never answers. */
export const LOGIN_TIMEOUT_MS = 10_000;
/** Discord's error code for a user who does not accept the bot's direct messages. */
const CANNOT_MESSAGE_USER = 50007;
/** Discord's error codes for a channel that is gone (10003) or closed to the bot (50001, 50013). */
const CHANNEL_CLOSED = new Set([10003, 50001, 50013]);
/** Errors that mean the API's address could not be reached at all. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT"]);

function toMessage(reply: Reply) {
  return {
    content: reply.content,
    embeds: reply.embeds,
    files: reply.files?.map((file) => ({
      attachment: typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content),
      name: file.name,
      description: file.description,
    })),
    components: reply.components.map((row) => ({
      type: 1,
      components: row.map((button) => ({
        type: 2,
        style: BUTTON_STYLE[button.style],
        label: button.label,
        custom_id: button.customId,
        disabled: button.disabled ?? false,
      })),
    })),
    // Nothing from the knowledge or from a moderator may ping anyone.
    allowedMentions: { parse: [] },
  };
}

function toModal(modal: Modal) {
  return {
    custom_id: modal.customId,
    title: modal.title,
    components: modal.fields.map((field) => ({
      type: 1,
      components: [
        {
          type: 4,
          custom_id: field.id,
          label: field.label,
          style: field.style === "short" ? 1 : 2,
          required: field.required,
          max_length: field.maxLength,
          ...(field.value ? { value: field.value } : {}),
          ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        },
      ],
    })),
  };
}

/** Subcommand (and group) names and option values, as the router reads them. */
export function toCommandRequest(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandRequest {
  let subcommand: string | null = null;
  let optionList: readonly CommandInteractionOption[] = interaction.options.data;
  // Subcommand groups (type 2) and subcommands (type 1) nest the options that were given.
  while (optionList.length === 1 && (optionList[0]!.type === 1 || optionList[0]!.type === 2)) {
    subcommand = subcommand ? `${subcommand} ${optionList[0]!.name}` : optionList[0]!.name;
    optionList = optionList[0]!.options ?? [];
  }
  const options: CommandRequest["options"] = {};
  for (const option of optionList) {
    if (option.attachment) options[option.name] = { kind: "attachment", filename: option.attachment.name, size: option.attachment.size, content: null };
    else if (typeof option.value === "string" || typeof option.value === "number" || typeof option.value === "boolean") options[option.name] = option.value;
  }
  return { command: interaction.commandName, subcommand, options };
}

function focusedOption(interaction: AutocompleteInteraction): { name: string; value: string } | undefined {
  try {
    const focused = interaction.options.getFocused(true);
    return { name: focused.name, value: String(focused.value) };
  } catch {
    return undefined;
  }
}

function toIncoming(interaction: Interaction): Incoming | undefined {
  if (interaction.isChatInputCommand()) return { type: "command", command: interaction.commandName, request: toCommandRequest(interaction) };
  if (interaction.isAutocomplete()) {
    // A forged autocomplete may name no focused option: it still gets an (empty) list of choices.
    const focused = focusedOption(interaction);
    return { type: "autocomplete", command: interaction.commandName, request: { ...toCommandRequest(interaction), focused: focused ?? { name: "", value: "" } } };
  }
  if (interaction.isButton()) return { type: "button", customId: interaction.customId };
  if (interaction.isModalSubmit()) {
    const fields: Record<string, string> = {};
    for (const [id, field] of interaction.fields.fields) if ("value" in field && typeof field.value === "string") fields[id] = field.value;
    return { type: "modal", customId: interaction.customId, fields };
  }
  return undefined;
}

async function send(interaction: Interaction, outgoing: Outgoing): Promise<void> {
  if (outgoing.type === "choices") {
    if (interaction.isAutocomplete()) await interaction.respond(outgoing.choices);
    return;
  }
  if (outgoing.type === "modal") {
    if (interaction.isChatInputCommand() || interaction.isButton()) await interaction.showModal(toModal(outgoing.modal));
    return;
  }
  if (!interaction.isRepliable()) return;
  const message = toMessage(outgoing.reply);
  const flags = outgoing.reply.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.isButton()) {
    // A button is only ever deferred as an update of its own message (see deferAnswer).
    if (outgoing.type === "update") await (interaction.deferred ? interaction.editReply(message) : interaction.update(message));
    else await (interaction.deferred ? interaction.followUp({ ...message, flags }) : interaction.reply({ ...message, flags }));
    return;
  }
  if (interaction.deferred && !interaction.replied) await interaction.editReply(message);
  else if (interaction.replied) await interaction.followUp({ ...message, flags });
  else await interaction.reply({ ...message, flags });
}

/** Tells members privately what was decided for them; when Discord refuses (they turned DMs off), tells the one who acted instead. */
async function deliverDirectMessages(interaction: Interaction, messages: DirectMessage[], logger: Logger): Promise<void> {
  const server = interaction.guild?.name;
  const heading = server ? `From the moderators of **${escapeMarkdown(server)}**:` : "From a server's moderators:";
  for (const message of messages) {
    try {
      await interaction.client.users.send(message.userId, { content: truncate(`${heading}\n${message.content}`, DISCORD_LIMITS.content), allowedMentions: { parse: [] } });
    } catch (error) {
      const closed = (error as { code?: unknown }).code === CANNOT_MESSAGE_USER;
      logger[closed ? "info" : "warn"]({ err: error, user: message.userId }, "could not send a direct message");
      if (interaction.isRepliable()) await interaction.followUp({ content: message.ifUndelivered, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    }
  }
}

/**
 * Posts a change to the server's log channel. The change is already stored: when the channel is gone or closed
 * to the bot, the one who acted is told how to fix it, and nothing else happens.
 */
async function deliverModLog(interaction: Interaction, post: ModLogPost, logger: Logger): Promise<void> {
  try {
    const channel = await interaction.client.channels.fetch(post.channelId);
    // A forged option could name another server's channel: this server's changes are never posted there.
    const inThisServer = channel !== null && "guildId" in channel && channel.guildId === interaction.guildId;
    if (!channel?.isSendable() || !inThisServer) throw new Error(`the log channel ${post.channelId} is not a channel of this server that messages can be sent to`);
    await channel.send({ content: post.content, allowedMentions: { parse: [] } });
  } catch (error) {
    const closed = CHANNEL_CLOSED.has(Number((error as { code?: unknown }).code));
    logger[closed ? "info" : "warn"]({ err: error, guild: interaction.guildId, channel: post.channelId }, "could not post to the log channel");
    if (post.ifUnposted === undefined || !interaction.isRepliable()) return;
    await interaction.followUp({ content: post.ifUnposted, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }).catch((followUpError: unknown) => {
      logger.warn({ err: followUpError, interactionId: interaction.id }, "could not tell the moderator the log channel refused a post");
    });
  }
}

/**
 * Reads the files a command was given, so the command itself stays synchronous. Downloading may
 * take a while, so the interaction is deferred first (privately: only imports take files).
 */
async function readAttachments(interaction: Interaction, incoming: Incoming): Promise<void> {
  if (incoming.type !== "command" || !interaction.isChatInputCommand()) return;
  const files = Object.entries(incoming.request.options).filter(([, value]) => typeof value === "object" && value?.kind === "attachment");
  if (files.length === 0) return;
  await deferAnswer(interaction);
  for (const [name] of files) {
    const attachment = interaction.options.getAttachment(name, true);
    const option = incoming.request.options[name];
    if (typeof option !== "object" || attachment.size > MAX_ATTACHMENT_BYTES) continue;
    option.content = await download(attachment.url, attachment.size);
  }
}

/** The file's bytes, or null once it sends more than it declared: reading stops there. */
async function download(url: string, declaredBytes: number): Promise<Uint8Array | null> {
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok || !response.body) throw new Error(`the attachment download answered HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    received += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never read.
    if (received > declaredBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Tells Discord an answer is coming, when one has to wait (for files or a locked database). */
async function deferAnswer(interaction: Interaction): Promise<void> {
  if (interaction.isButton() && !interaction.deferred && !interaction.replied) await interaction.deferUpdate();
  else if (interaction.isRepliable() && !interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}

/** Who sent an interaction, with the permissions and roles admin commands check. */
function requesterOf(interaction: Interaction): Requester {
  const roles = interaction.member?.roles;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    permissions: interaction.memberPermissions?.bitfield.toString(),
    roleIds: Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [],
    locale: interaction.locale,
  };
}

/** The gateway connection as the health check and the metrics see it. */
export interface GatewayState {
  connected: boolean;
  /** Round trip of the last heartbeat; undefined before the first one. */
  pingMs: number | undefined;
  servers: number;
}

export interface RunningBot {
  client: Client;
  gateway(): GatewayState;
  /** Stops taking interactions, lets those in flight finish, then closes the connection. */
  stop(): Promise<void>;
}

export async function startBot(options: {
  token: string;
  apiBase?: string | undefined;
  /** The one gateway shard this process connects (the only one when absent). */
  shard?: { id: number; count: number } | undefined;
  dispatcher: Dispatcher;
  logger: Logger;
  /** Told about every interaction once it is answered (or failed). */
  onAnswered?: ((answered: AnsweredInteraction) => void) | undefined;
}): Promise<RunningBot> {
  const { dispatcher, logger } = options;
  const client = new DiscordClient({
    intents: [GatewayIntentBits.Guilds],
    ...(options.shard ? { shards: [options.shard.id], shardCount: options.shard.count } : {}),
    rest: options.apiBase ? { api: options.apiBase } : {},
    allowedMentions: { parse: [] },
  });
  let accepting = true;
  let inFlight = 0;

  client.on(Events.InteractionCreate, async (interaction) => {
    const incoming = accepting ? toIncoming(interaction) : undefined;
    if (!incoming) return;
    inFlight++;
    const started = performance.now();
    const requester = requesterOf(interaction);
    let outcome: Outcome = "failed";
    let failure: unknown;
    try {
      // Permission first: a member without it gets no download of what they attached.
      let handled: Handled | undefined = await dispatcher.refusal(incoming, requester);
      if (!handled) {
        await readAttachments(interaction, incoming);
        handled = await dispatcher.handle(incoming, requester, () => deferAnswer(interaction));
      }
      outcome = handled.outcome;
      failure = handled.error;
      await send(interaction, handled.outgoing);
      if (handled.outgoing.type === "reply" || handled.outgoing.type === "update") {
        const { reply } = handled.outgoing;
        await deliverDirectMessages(interaction, reply.directMessages ?? [], logger);
        if (reply.modLog) await deliverModLog(interaction, reply.modLog, logger);
      }
    } catch (error) {
      failure = error;
      logger.error({ err: error, interactionId: interaction.id }, "could not answer the interaction");
      // A download that failed after deferring still owes the user an answer.
      if (interaction.isRepliable() && interaction.deferred && !interaction.replied) {
        await interaction.editReply({ content: APOLOGY }).catch(() => undefined);
      }
    } finally {
      inFlight--;
      const command = "customId" in incoming ? incoming.customId : `${incoming.command} ${incoming.request.subcommand ?? ""}`.trim();
      const elapsedMs = performance.now() - started;
      logger.info({ kind: incoming.type, command, guild: interaction.guildId, user: interaction.user.id, latencyMs: Math.round(elapsedMs), outcome }, "interaction");
      options.onAnswered?.({ incoming, outcome, seconds: elapsedMs / 1000, error: failure });
    }
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, (readyClient) => {
      logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, "bot ready");
      resolve();
    }),
  );

  const apiUrl = options.apiBase ?? DefaultRestOptions.api;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StartupError(`the Discord API at ${apiUrl} did not answer within ${LOGIN_TIMEOUT_MS / 1000} s`)), LOGIN_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.all([client.login(options.token), ready]), timeout]);
  } catch (error) {
    await client.destroy();
    throw error instanceof StartupError ? error : loginFailure(error, apiUrl);
  } finally {
    clearTimeout(timer);
  }
  return {
    client,
    gateway() {
      const shards = [...client.ws.shards.values()];
      return {
        connected: shards.length > 0 && shards.every((shard) => shard.status === Status.Ready),
        pingMs: client.ws.ping >= 0 ? client.ws.ping : undefined,
        servers: client.guilds.cache.size,
      };
    },
    async stop() {
      accepting = false;
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await client.destroy();
    },
  };
}

/** Why logging in failed, in one line for the operator. */
export function loginFailure(error: unknown, apiUrl: string): StartupError {
  const code = errorCode(error);
  if (code === "TokenInvalid" || (error as { status?: unknown }).status === 401) {
    return new StartupError("Discord refused the token: check DISCORD_TOKEN (401 Unauthorized)", { cause: error });
  }
  if (code && UNREACHABLE.has(code)) return new StartupError(`cannot reach the Discord API at ${apiUrl} (${code})`, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new StartupError(`could not log in to the Discord API at ${apiUrl}: ${reason.split("\n")[0]}`, { cause: error });
}
