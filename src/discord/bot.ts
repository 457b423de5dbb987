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
import type { Dispatcher, Incoming, Outgoing } from "../bot/dispatcher.js";
import type { Modal, Reply } from "../bot/reply.js";
import type { CommandRequest } from "../bot/router.js";
import type { Logger } from "../logger.js";

const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;
/** How long shutdown waits for interactions in flight before closing anyway. */
const DRAIN_TIMEOUT_MS = 5_000;

function toMessage(reply: Reply) {
  return {
    content: reply.content,
    embeds: reply.embeds,
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
    if (typeof option.value === "string" || typeof option.value === "number" || typeof option.value === "boolean") options[option.name] = option.value;
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
  if (interaction.replied || interaction.deferred) await interaction.followUp({ ...message, flags });
  else await interaction.reply({ ...message, flags });
}

/** Who sent an interaction, with the permissions and roles admin commands check. */
function requesterOf(interaction: Interaction): Requester {
  const roles = interaction.member?.roles;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    permissions: interaction.memberPermissions?.bitfield.toString(),
    roleIds: Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [],
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
    const { outgoing, outcome } = dispatcher.handle(incoming, requester);
    try {
      await send(interaction, outgoing);
    } catch (error) {
      logger.error({ err: error, interactionId: interaction.id }, "could not answer the interaction");
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
