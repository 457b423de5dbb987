import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
} from "discord.js";
import type { Requester } from "../bot/csto-commands.js";
import { APOLOGY, type Dispatcher, type Incoming, type Outcome, type Outgoing } from "../bot/dispatcher.js";
import type { Modal, Reply } from "../bot/reply.js";
import type { CommandRequest } from "../bot/router.js";
import { MAX_IMPORT_BYTES } from "../facts/fact-export.js";
import type { Logger } from "../logger.js";

/** Files larger than an import may be are not downloaded at all. */
const MAX_ATTACHMENT_BYTES = MAX_IMPORT_BYTES;
const DOWNLOAD_TIMEOUT_MS = 10_000;

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;
/** How long shutdown waits for interactions in flight before closing anyway. */
const DRAIN_TIMEOUT_MS = 5_000;

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

function toIncoming(interaction: Interaction): Incoming | undefined {
  if (interaction.isChatInputCommand()) return { type: "command", command: interaction.commandName, request: toCommandRequest(interaction) };
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return { type: "autocomplete", command: interaction.commandName, request: { ...toCommandRequest(interaction), focused: { name: focused.name, value: String(focused.value) } } };
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
  if (outgoing.type === "update" && interaction.isButton()) {
    await interaction.update(message);
    return;
  }
  const flags = outgoing.reply.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.deferred && !interaction.replied) await interaction.editReply(message);
  else if (interaction.replied) await interaction.followUp({ ...message, flags });
  else await interaction.reply({ ...message, flags });
}

/**
 * Reads the files a command was given, so the command itself stays synchronous. Downloading may
 * take a while, so the interaction is deferred first (privately: only imports take files).
 */
async function readAttachments(interaction: Interaction, incoming: Incoming): Promise<void> {
  if (incoming.type !== "command" || !interaction.isChatInputCommand()) return;
  const files = Object.entries(incoming.request.options).filter(([, value]) => typeof value === "object" && value?.kind === "attachment");
  if (files.length === 0) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  for (const [name] of files) {
    const attachment = interaction.options.getAttachment(name, true);
    const option = incoming.request.options[name];
    if (typeof option !== "object" || attachment.size > MAX_ATTACHMENT_BYTES) continue;
    const response = await fetch(attachment.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    const content = new Uint8Array(await response.arrayBuffer());
    option.size = content.byteLength;
    option.content = content.byteLength > MAX_ATTACHMENT_BYTES ? null : content;
  }
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

export interface RunningBot {
  client: Client;
  /** Stops taking interactions, lets those in flight finish, then closes the connection. */
  stop(): Promise<void>;
}

export async function startBot(options: { token: string; apiBase?: string | undefined; dispatcher: Dispatcher; logger: Logger }): Promise<RunningBot> {
  const { dispatcher, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
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
    try {
      await readAttachments(interaction, incoming);
      const handled = dispatcher.handle(incoming, requester);
      outcome = handled.outcome;
      await send(interaction, handled.outgoing);
    } catch (error) {
      logger.error({ err: error, interactionId: interaction.id }, "could not answer the interaction");
      // A download that failed after deferring still owes the user an answer.
      if (interaction.isRepliable() && interaction.deferred && !interaction.replied) {
        await interaction.editReply({ content: APOLOGY }).catch(() => undefined);
      }
    } finally {
      inFlight--;
      const command = "customId" in incoming ? incoming.customId : `${incoming.command} ${incoming.request.subcommand ?? ""}`.trim();
      logger.info(
        { kind: incoming.type, command, guild: interaction.guildId, user: interaction.user.id, latencyMs: Math.round(performance.now() - started), outcome },
        "interaction",
      );
    }
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.once(Events.ClientReady, (ready) => logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, "bot ready"));

  await client.login(options.token);
  return {
    client,
    async stop() {
      accepting = false;
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await client.destroy();
    },
  };
}
