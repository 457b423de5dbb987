/**
 * A small local Discord API emulator, so the real discord.js client can be tested end to end on
 * 127.0.0.1 without reaching Discord.
 *
 * One HTTP server serves both the REST API (under /api/v10) and the gateway WebSocket (/gateway).
 * Payload shapes follow discord-api-types (re-exported by discord.js), so the objects built here
 * are type-checked against the same definitions discord.js itself is written against.
 *
 * What it emulates (deliberately small, but strict where real Discord is strict, so that tests
 * catch the mistakes Discord would reject):
 * - REST: gateway info, current user/application, application commands (global and guild),
 *   interaction callbacks (types 4-9, `with_response`), interaction webhooks (@original and
 *   follow-ups), a few guild/channel reads, channel messages and direct messages (refused with
 *   50007 to a user who shares no guild with the bot or turned them off). Auth like Discord: routes that
 *   need a bot token answer 401 to a wrong one; interaction routes are authenticated by their token.
 * - Validation: message/embed/component limits, empty messages, autocomplete choices, modals,
 *   command definitions, callback types per interaction type, double acknowledgement (40060) and
 *   Discord's 3-second initial-response deadline (10062 "Unknown interaction" after it).
 * - Gateway: JSON encoding, optional zlib-stream transport compression, HELLO/IDENTIFY/READY,
 *   GUILD_CREATE per guild, heartbeats, RESUME with replay, RECONNECT, sequence numbers, sharding.
 *
 * Unknown routes answer 404 like Discord and are recorded in `unknownRoutes`.
 *
 * Usage:
 *   const emulator = new DiscordEmulator();
 *   await emulator.start();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
 *   await client.login(emulator.token);
 *   await emulator.waitForReady();
 *   const record = await emulator.dispatchInteraction(
 *     emulator.chatInput({ name: 'ask', options: { question: 'Who are the members?' }, user: emulator.users.moderator }),
 *   );
 *   expect(record.firstResponseMs).toBeLessThan(3000);
 *   expect(record.message?.embeds[0]?.title).toBe('...');
 *   await client.destroy();
 *   await emulator.stop();
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { constants as zlibConstants, createDeflate, type Deflate } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationFlags,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  SnowflakeUtil,
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIChatInputApplicationCommandInteraction,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIEmbed,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionDataResolvedChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIMessageTopLevelComponent,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmissionComponent,
  type APIModalSubmitInteraction,
  type APIModalSubmitTextInputComponent,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  type UserFlags,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  type ModalSubmitComponent,
  type RESTGetAPIGatewayBotResult,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface DiscordEmulatorOptions {
  /** Bot token the emulator accepts (default: a random, Discord-shaped token). */
  token?: string;
  /** Application id; the bot user gets the same id, as for real bots (default: a snowflake). */
  applicationId?: string;
  /** Bot user name (default "csto-bot"). */
  botUsername?: string;
  /** Gateway heartbeat interval sent in HELLO (default 41250 ms, Discord's usual value). */
  heartbeatIntervalMs?: number;
  /** Initial-response window of an interaction (default 3000 ms, like Discord). */
  interactionDeadlineMs?: number;
  /** Default timeout of the wait helpers, including dispatchInteraction (default 10000 ms). */
  timeoutMs?: number;
  /** Create the default fixture (guilds A and B and their users; default true). */
  defaultFixture?: boolean;
  /** The shard count GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency` of GET /gateway/bot: shards that may identify together (default 1). */
  maxConcurrency?: number;
}

/** A guild known to the emulator (stored in API shape so it can be sent as-is). */
export interface EmulatorGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly locale: Locale;
  readonly joinedAt: string;
  readonly channels: APITextChannel[];
  readonly roles: APIRole[];
  readonly members: APIGuildMember[];
  /** The first text channel ("general"), where interactions happen by default. */
  readonly channelId: string;
  /** Role ids by role name, e.g. `roleIds.Moderator`; `@everyone` is the guild id. */
  readonly roleIds: Readonly<Record<string, string>>;
}

export interface GuildInit {
  name: string;
  ownerId: string;
  id?: string;
  locale?: Locale;
  /** Text channel names (default ["general"]). */
  channels?: string[];
  /** Extra roles besides @everyone and the bot's managed role. */
  roles?: { name: string; permissions: bigint }[];
  /** Members besides the bot (added automatically); roles by name or id. */
  members?: { userId: string; roles?: string[]; nick?: string }[];
  /** Permissions of @everyone (default DEFAULT_EVERYONE_PERMISSIONS). */
  everyonePermissions?: bigint;
  /** Permissions of the bot's managed role (default DEFAULT_BOT_PERMISSIONS). */
  botPermissions?: bigint;
}

/** The users of the default fixture. */
export interface FixtureUsers {
  readonly bot: APIUser;
  /** Owner of guild A. */
  readonly owner: APIUser;
  /** Member of guild A with the Moderator role (ManageGuild, ManageMessages, ModerateMembers...). */
  readonly moderator: APIUser;
  /** Member of guild A without any role (no moderation permission). */
  readonly member: APIUser;
  /** Owner of guild B; not a member of guild A. */
  readonly outsider: APIUser;
}

/** Where and as whom an interaction happens. */
export interface InteractionContext {
  /** Acting user or user id (default: `users.member`, or the user of `from`). */
  user?: APIUser | string;
  /** Guild id (default guild A, or the guild of `from`); `null` for a DM with the bot. */
  guildId?: string | null;
  /** Channel id (default: the guild's first text channel). */
  channelId?: string;
  /** Override the member's permissions (default: computed from roles, owner => all). */
  permissions?: bigint | string;
  /** Override the bot's permissions in the channel (default: computed from its roles). */
  appPermissions?: bigint | string;
  /** The user's client locale (default en-US). */
  locale?: Locale;
}

/** An option value: inferred from the registered command, else from the JS type. */
export type OptionInput =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType; value: string | number | boolean };

export interface ChatInputInit extends InteractionContext {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionInput>;
}

export interface AutocompleteInit extends ChatInputInit {
  /** Name of the focused option; its value is what the user has typed so far. */
  focused: string;
}

export interface ComponentInit extends InteractionContext {
  customId: string;
  /** The message carrying the component (default: `from.message`, else a synthesized one). */
  message?: APIMessage;
  /** A previous interaction whose reply carries the component (user and place are inherited). */
  from?: InteractionRecord;
}

export interface SelectInit extends ComponentInit {
  values: string[];
}

export interface ModalSubmitInit extends InteractionContext {
  /** Text input values (or select values, comma separated) by custom id. */
  fields: Record<string, string>;
  /** Modal custom id (default: that of the modal shown). */
  customId?: string;
  /** The modal shown by the bot; its layout (label or action-row) is mirrored. */
  modal?: APIModalInteractionResponseCallbackData;
  /** The interaction that showed the modal (modal, user, place and message are inherited). */
  from?: InteractionRecord;
  message?: APIMessage;
}

export interface DispatchOptions {
  /** Reject after this many ms without settling (default: the emulator's timeoutMs). */
  timeoutMs?: number;
  /**
   * Also wait for an edit of @original (or a follow-up) after the callback. "auto" (default)
   * waits only after a deferred reply (type 5), whose "thinking..." message must be edited.
   */
  waitForEdit?: boolean | 'auto';
  /** Reject as soon as Discord would have rejected the bot's answer (default true). */
  failOnRejection?: boolean;
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. "/applications/123/commands". */
  path: string;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  status: number;
  response: unknown;
  /** Epoch ms. */
  at: number;
}

export interface RecordedCallback {
  type: InteractionResponseType;
  data: unknown;
  files: RecordedFile[];
  withResponse: boolean;
  at: number;
}

export interface RecordedEdit {
  messageId: string;
  isOriginal: boolean;
  body: unknown;
  /** ms since the interaction was dispatched. */
  ms: number;
}

export interface RecordedRejection {
  method: string;
  path: string;
  status: number;
  error: unknown;
}

export interface RegisteredCommands {
  global: APIApplicationCommand[];
  /** Guild commands by guild id. */
  guilds: Record<string, APIApplicationCommand[]>;
}

export interface GatewayConnectionInfo {
  query: Record<string, string>;
  compression: 'zlib-stream' | null;
  identified: boolean;
  resumed: boolean;
  closeCode: number | null;
}

/** Everything the bot did in answer to one dispatched interaction. It keeps updating. */
export class InteractionRecord {
  /** The first, accepted callback (POST /interactions/:id/:token/callback). */
  callback: RecordedCallback | null = null;
  /** ms from dispatch to the callback; Discord requires < 3000. */
  firstResponseMs: number | null = null;
  /** Current state of the original response message, or null (none yet, or deleted). */
  original: APIMessage | null = null;
  readonly edits: RecordedEdit[] = [];
  readonly followUps: APIMessage[] = [];
  readonly deletedMessageIds: string[] = [];
  /** Requests about this interaction that Discord would have rejected. */
  readonly rejections: RecordedRejection[] = [];
  /** Every REST request made about this interaction. */
  readonly requests: RecordedRequest[] = [];
  /** True once the initial-response window passed without a callback. */
  expired = false;
  /** Epoch ms of the INTERACTION_CREATE dispatch. */
  readonly dispatchedAt = Date.now();
  /** The gateway shard, [shard_id, num_shards], whose session received it. */
  shard: [number, number] | null = null;
  /** @internal monotonic dispatch time, for precise durations */
  readonly startedAt = performance.now();

  constructor(readonly interaction: APIInteraction) {}

  get id(): string {
    return this.interaction.id;
  }

  get token(): string {
    return this.interaction.token;
  }

  get callbackType(): InteractionResponseType | null {
    return this.callback?.type ?? null;
  }

  /** Autocomplete choices (callback type 8). */
  get choices(): NonNullable<APICommandAutocompleteInteractionResponseCallbackData['choices']> | null {
    if (this.callback?.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) return null;
    return (this.callback.data as APICommandAutocompleteInteractionResponseCallbackData).choices ?? [];
  }

  /** The modal shown (callback type 9). */
  get modal(): APIModalInteractionResponseCallbackData | null {
    if (this.callback?.type !== InteractionResponseType.Modal) return null;
    return this.callback.data as APIModalInteractionResponseCallbackData;
  }

  /** The message the bot answered with (alias of `original`). */
  get message(): APIMessage | null {
    return this.original;
  }

  get ephemeral(): boolean {
    return ((this.original?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }

  /** Acting user of the interaction. */
  get user(): APIUser {
    const user = this.interaction.member?.user ?? this.interaction.user;
    if (!user) throw new Error('interaction without user');
    return user;
  }
}

/** Thrown by dispatchInteraction when the bot did not answer, or answered what Discord rejects. */
export class InteractionError extends Error {
  constructor(
    message: string,
    readonly record: InteractionRecord,
  ) {
    super(message);
    this.name = 'InteractionError';
  }
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

const API_PREFIX = '/api/v10';
const GATEWAY_PATH = '/gateway';
const API_VERSION = 10;
/** Discord's epoch-based attachment size limit for unboosted guilds. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** Roughly what @everyone gets in a new guild. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** What a bot invited with the usual "send messages + embeds" scopes gets. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

export const MODERATOR_PERMISSIONS =
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.ModerateMembers |
  PermissionFlagsBits.KickMembers |
  PermissionFlagsBits.BanMembers;

/** Intents Discord only grants when enabled in the developer portal. */
const PRIVILEGED_MEMBER_INTENT = GatewayIntentBits.GuildMembers;

/** Response flags an app may set on an interaction message. */
const ALLOWED_RESPONSE_FLAGS =
  MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

/** Which callback types Discord accepts for which interaction type. */
const ALLOWED_CALLBACKS: Record<InteractionType, readonly InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function snowflake(): string {
  return SnowflakeUtil.generate().toString();
}

/** A guild member as Discord sends it, with everything this emulator does not model left at its default. */
function guildMember(user: APIUser, roles: string[], joinedAt: string, nick?: string): APIGuildMember {
  return {
    user,
    nick: nick ?? null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

function nowIso(): string {
  return new Date().toISOString();
}

/** Discord-shaped bot token: base64(user id).timestamp.hmac. */
function makeBotToken(userId: string): string {
  const ts = Buffer.from(Math.floor(Date.now() / 1000).toString()).toString('base64url').slice(0, 6);
  return `${Buffer.from(userId).toString('base64url')}.${ts}.${randomBytes(20).toString('base64url')}`;
}

/** Discord-shaped interaction token ("aW50ZXJhY3Rpb246..." = base64 of "interaction:<id>:..."). */
function makeInteractionToken(interactionId: string): string {
  return Buffer.from(`interaction:${interactionId}:${randomBytes(48).toString('base64url')}`).toString('base64url');
}

function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh snowflake whose guild would be routed to `shardId` of `shardCount` shards (for guild ids in tests). */
export function snowflakeOnShard(shardId: number, shardCount: number): string {
  const id = BigInt(snowflake());
  const count = BigInt(shardCount);
  // Shifting the timestamp by less than shardCount milliseconds picks the shard and keeps the id plausible.
  const timestamp = (id >> 22n) - ((id >> 22n) % count) + BigInt(shardId);
  return ((timestamp << 22n) | (id & 0x3fffffn)).toString();
}

function toPermissions(value: bigint | string): string {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** An error the way Discord's REST API reports it. */
class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject,
  ) {
    super(`${status} ${String(body.message)}`);
  }
}

function apiError(status: number, code: number, message: string): DiscordHttpError {
  return new DiscordHttpError(status, { message, code });
}

/** Collects "Invalid Form Body" (50035) errors in Discord's nested `errors` format. */
class FormErrors {
  private readonly tree: JsonObject = {};
  private count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const next = node[String(key)];
      if (isObject(next)) {
        node = next;
      } else {
        const created: JsonObject = {};
        node[String(key)] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : (node._errors = []);
    list.push({ code, message });
    this.count += 1;
  }

  throwIfAny(): void {
    if (this.count > 0) {
      throw new DiscordHttpError(400, { message: 'Invalid Form Body', code: 50035, errors: this.tree });
    }
  }
}

type Path = readonly (string | number)[];

function checkLength(errors: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) {
    if (min > 0) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
  } else if (value.length < min || value.length > max) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }
}

function checkUrl(errors: FormErrors, path: Path, value: unknown, schemes: readonly string[]): void {
  if (value === undefined || value === null) return;
  const scheme = typeof value === 'string' ? /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase() : undefined;
  if (!scheme || !schemes.includes(scheme)) {
    errors.add(path, 'URL_TYPE_INVALID_URL', `Not a well formed URL, or scheme not one of (${schemes.join(', ')}).`);
  }
}

/** Validates an embed and returns its size as Discord counts it for the 6000-character limit. */
function validateEmbed(errors: FormErrors, path: Path, embed: unknown): number {
  if (!isObject(embed)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return 0;
  }
  let size = 0;
  const text = (value: unknown): number => (typeof value === 'string' ? value.length : 0);
  checkLength(errors, [...path, 'title'], embed.title, 0, 256);
  checkLength(errors, [...path, 'description'], embed.description, 0, 4096);
  size += text(embed.title) + text(embed.description);
  checkUrl(errors, [...path, 'url'], embed.url, ['http', 'https']);
  if (embed.color !== undefined && embed.color !== null) {
    if (!Number.isInteger(embed.color) || (embed.color as number) < 0 || (embed.color as number) > 0xffffff) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
  }
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) {
      errors.add([...path, 'fields'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    } else {
      if (embed.fields.length > 25) {
        errors.add([...path, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      }
      embed.fields.forEach((field: unknown, i: number) => {
        const fieldPath = [...path, 'fields', i];
        if (!isObject(field)) {
          errors.add(fieldPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
          return;
        }
        checkLength(errors, [...fieldPath, 'name'], field.name, 1, 256);
        checkLength(errors, [...fieldPath, 'value'], field.value, 1, 1024);
        size += text(field.name) + text(field.value);
      });
    }
  }
  if (embed.footer !== undefined && embed.footer !== null) {
    const footer = isObject(embed.footer) ? embed.footer : {};
    checkLength(errors, [...path, 'footer', 'text'], footer.text, 1, 2048);
    size += text(footer.text);
  }
  if (embed.author !== undefined && embed.author !== null) {
    const author = isObject(embed.author) ? embed.author : {};
    checkLength(errors, [...path, 'author', 'name'], author.name, 1, 256);
    checkUrl(errors, [...path, 'author', 'url'], author.url, ['http', 'https']);
    size += text(author.name);
  }
  for (const media of ['image', 'thumbnail'] as const) {
    const value = embed[media];
    if (value !== undefined && value !== null) {
      checkUrl(errors, [...path, media, 'url'], isObject(value) ? value.url : undefined, ['http', 'https', 'attachment']);
    }
  }
  return size;
}

/** Walks any component tree (action rows, containers, sections, labels...). */
function* walkComponents(components: unknown): Generator<JsonObject> {
  if (!Array.isArray(components)) return;
  for (const component of components) {
    if (!isObject(component)) continue;
    yield component;
    yield* walkComponents(component.components);
    if (isObject(component.component)) yield* walkComponents([component.component]);
    if (isObject(component.accessory)) yield* walkComponents([component.accessory]);
  }
}

function validateComponents(errors: FormErrors, path: Path, components: unknown, componentsV2: boolean): void {
  if (!Array.isArray(components)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const seen = new Set<string>();
  for (const component of walkComponents(components)) {
    const customId = component.custom_id;
    if (typeof customId === 'string') {
      if (customId.length < 1 || customId.length > 100) {
        errors.add(path, 'BASE_TYPE_BAD_LENGTH', `custom_id "${customId}" must be between 1 and 100 in length.`);
      }
      if (seen.has(customId)) {
        errors.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', `Component custom id cannot be duplicated ("${customId}")`);
      }
      seen.add(customId);
    }
  }
  if (componentsV2) return; // V2 layouts are free-form; only the id rules above are checked.
  if (components.length > 5) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  components.forEach((row: unknown, i: number) => {
    const rowPath = [...path, i];
    if (!isObject(row) || row.type !== ComponentType.ActionRow) {
      errors.add(rowPath, 'UNION_TYPE_CHOICES', 'Top-level components must be action rows (set IsComponentsV2 for layouts)');
      return;
    }
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length < 1 || children.length > 5) {
      errors.add([...rowPath, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    children.forEach((child: unknown, j: number) => {
      const childPath = [...rowPath, 'components', j];
      if (!isObject(child)) return;
      if (child.type === ComponentType.Button) {
        if (child.style === ButtonStyle.Link) {
          checkUrl(errors, [...childPath, 'url'], child.url ?? null, ['http', 'https', 'discord']);
          if (child.url === undefined) errors.add([...childPath, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        } else if (child.style !== ButtonStyle.Premium && typeof child.custom_id !== 'string') {
          errors.add([...childPath, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        }
        checkLength(errors, [...childPath, 'label'], child.label, 0, 80);
      } else if (typeof child.type === 'number' && child.type >= 3 && child.type <= 8 && child.type !== 4) {
        if (children.length > 1) {
          errors.add(childPath, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
        }
        if (child.type === ComponentType.StringSelect) {
          const options = Array.isArray(child.options) ? child.options : [];
          if (options.length < 1 || options.length > 25) {
            errors.add([...childPath, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
          }
        }
      } else {
        errors.add(childPath, 'COMPONENT_TYPE_INVALID', `Component type ${String(child.type)} is not valid in a message`);
      }
    });
  });
}

/** Validates a message body (create or edit), throwing Discord's errors. */
function validateMessage(body: JsonObject, path: Path, opts: { create: boolean; hasFiles: boolean }): void {
  const errors = new FormErrors();
  const { content, embeds, components } = body;
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const componentsV2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (content !== undefined && content !== null) {
    if (typeof content !== 'string') errors.add([...path, 'content'], 'BASE_TYPE_STRING', 'Must be a string.');
    else if (content.length > 2000) {
      errors.add([...path, 'content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
    }
  }
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) {
      errors.add([...path, 'embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    } else {
      if (embeds.length > 10) errors.add([...path, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
      const total = embeds.reduce<number>((sum, embed, i) => sum + validateEmbed(errors, [...path, 'embeds', i], embed), 0);
      if (total > 6000) {
        errors.add([...path, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
      }
    }
  }
  if (components !== undefined && components !== null) {
    validateComponents(errors, [...path, 'components'], components, componentsV2);
  }
  if (componentsV2 && ((typeof content === 'string' && content !== '') || (Array.isArray(embeds) && embeds.length > 0))) {
    errors.add(
      [...path, 'flags'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      'The "content" and "embeds" fields cannot be used when using MessageFlags.IS_COMPONENTS_V2',
    );
  }
  if (body.flags !== undefined && body.flags !== null && (flags & ~ALLOWED_RESPONSE_FLAGS) !== 0) {
    errors.add([...path, 'flags'], 'MESSAGE_FLAGS_INVALID', `Invalid message flags: ${flags}`);
  }
  errors.throwIfAny();
  if (opts.create) {
    const nonEmpty = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
    const hasSomething =
      (typeof content === 'string' && content.trim() !== '') ||
      nonEmpty(embeds) ||
      nonEmpty(components) ||
      nonEmpty(body.sticker_ids) ||
      isObject(body.poll) ||
      opts.hasFiles;
    if (!hasSomething) throw apiError(400, 50006, 'Cannot send an empty message');
  }
}

function validateChoices(body: unknown): void {
  const errors = new FormErrors();
  const choices = isObject(body) ? body.choices : undefined;
  if (!Array.isArray(choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    if (choices.length > 25) errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    choices.forEach((choice: unknown, i: number) => {
      const path = ['data', 'choices', i];
      if (!isObject(choice)) {
        errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return;
      }
      checkLength(errors, [...path, 'name'], choice.name, 1, 100);
      if (typeof choice.value === 'string') checkLength(errors, [...path, 'value'], choice.value, 0, 100);
      else if (typeof choice.value !== 'number') errors.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    });
  }
  errors.throwIfAny();
}

function validateTextInput(errors: FormErrors, path: Path, input: JsonObject, needsLabel: boolean): void {
  checkLength(errors, [...path, 'custom_id'], input.custom_id, 1, 100);
  if (needsLabel) checkLength(errors, [...path, 'label'], input.label, 1, 45);
  if (input.style !== 1 && input.style !== 2) errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
  checkLength(errors, [...path, 'placeholder'], input.placeholder, 0, 100);
  checkLength(errors, [...path, 'value'], input.value, 0, 4000);
}

function validateModal(body: unknown): void {
  const errors = new FormErrors();
  const modal = isObject(body) ? body : {};
  checkLength(errors, ['data', 'custom_id'], modal.custom_id, 1, 100);
  checkLength(errors, ['data', 'title'], modal.title, 1, 45);
  const components = Array.isArray(modal.components) ? modal.components : [];
  if (components.length < 1 || components.length > 5) {
    errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
  components.forEach((component: unknown, i: number) => {
    const path = ['data', 'components', i];
    if (!isObject(component)) return;
    if (component.type === ComponentType.ActionRow) {
      const inputs = Array.isArray(component.components) ? component.components : [];
      if (inputs.length !== 1 || !isObject(inputs[0]) || inputs[0].type !== ComponentType.TextInput) {
        errors.add(path, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'A modal action row holds exactly one text input');
      } else {
        validateTextInput(errors, [...path, 'components', 0], inputs[0], true);
      }
    } else if (component.type === ComponentType.Label) {
      checkLength(errors, [...path, 'label'], component.label, 1, 45);
      const inner = component.component;
      if (!isObject(inner)) errors.add([...path, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else if (inner.type === ComponentType.TextInput) validateTextInput(errors, [...path, 'component'], inner, false);
    } else if (component.type !== ComponentType.TextDisplay) {
      errors.add(path, 'COMPONENT_TYPE_INVALID', `Component type ${String(component.type)} is not valid in a modal`);
    }
  });
  errors.throwIfAny();
}

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommandName(errors: FormErrors, path: Path, name: unknown, lowercase: boolean): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name) || (lowercase && name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid: ${JSON.stringify(name)}`);
  }
}

function validateCommandOptions(errors: FormErrors, path: Path, options: unknown, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option: unknown, i: number) => {
    const optionPath = [...path, i];
    if (!isObject(option)) return;
    validateCommandName(errors, [...optionPath, 'name'], option.name, true);
    checkLength(errors, [...optionPath, 'description'], option.description, 1, 100);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) errors.add([...optionPath, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option name already exists');
      names.add(option.name);
    }
    const type = option.type;
    if (typeof type !== 'number' || type < 1 || type > 11) {
      errors.add([...optionPath, 'type'], 'BASE_TYPE_CHOICES', 'Value must be a valid option type.');
      return;
    }
    if (type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup) {
      const maxDepth = type === ApplicationCommandOptionType.SubcommandGroup ? 0 : 1;
      if (depth > maxDepth) errors.add([...optionPath, 'type'], 'APPLICATION_COMMAND_OPTION_INVALID_NESTING', 'Subcommands nested too deep');
      validateCommandOptions(errors, [...optionPath, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required === true && sawOptional) {
      errors.add(optionPath, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices)) {
      if (option.choices.length > 25) errors.add([...optionPath, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (option.autocomplete === true) {
        errors.add([...optionPath, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
      }
    }
  });
}

function validateCommand(errors: FormErrors, path: Path, command: unknown): void {
  if (!isObject(command)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = command.type ?? ApplicationCommandType.ChatInput;
  const chatInput = type === ApplicationCommandType.ChatInput;
  validateCommandName(errors, [...path, 'name'], command.name, chatInput);
  if (chatInput) {
    checkLength(errors, [...path, 'description'], command.description, 1, 100);
    validateCommandOptions(errors, [...path, 'options'], command.options, 0);
  } else if (typeof command.description === 'string' && command.description !== '') {
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
  }
}

/** Reads a request body completely. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  fileData: Buffer[];
  /** Set by handlers that concern an interaction, so the request is attached to its record. */
  record?: InteractionRecord;
}

interface HttpResult {
  status: number;
  body?: unknown;
}

type RouteHandler = (ctx: RequestContext) => HttpResult | Promise<HttpResult>;

interface Route {
  method: string;
  segments: string[];
  auth: boolean;
  handler: RouteHandler;
}

interface InteractionState {
  record: InteractionRecord;
  deadline: NodeJS.Timeout;
  /** The message @original points to, once there is one. */
  originalMessageId: string | null;
  /** Ids of the messages of this interaction's webhook (original and follow-ups). */
  messageIds: Set<string>;
}

interface GatewaySession {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  /** Dispatches kept for RESUME replay. */
  events: { t: string; s: number; d: unknown }[];
  conn: GatewayConnection | null;
  ready: boolean;
}

interface GatewayConnection {
  ws: WebSocket;
  deflate: Deflate | null;
  /** Keeps compressed frames in order. */
  sendChain: Promise<void>;
  session: GatewaySession | null;
  info: GatewayConnectionInfo;
}

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

interface StoredAttachment {
  data: Buffer;
  contentType: string;
  filename?: string;
}

// ---------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------

export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly users: FixtureUsers;
  readonly guilds: EmulatorGuild[] = [];

  /** Every REST request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Requests to routes the emulator does not know (404/405): what the bot used that is missing here. */
  readonly unknownRoutes: RecordedRequest[] = [];
  /** Every dispatched interaction. */
  readonly interactions: InteractionRecord[] = [];
  /** Gateway payloads received from the bot (op and data; the token of IDENTIFY/RESUME is masked). */
  readonly gatewayReceived: GatewayPayload[] = [];
  readonly gatewayConnections: GatewayConnectionInfo[] = [];
  /** Unexpected errors inside the emulator (answered 500); should stay empty. */
  readonly internalErrors: unknown[] = [];
  /** Heartbeats received (op 1). */
  heartbeats = 0;

  private readonly heartbeatIntervalMs: number;
  private readonly interactionDeadlineMs: number;
  private readonly timeoutMs: number;
  private readonly recommendedShards: number;
  private readonly maxConcurrency: number;
  private readonly routes: Route[] = [];
  private readonly userStore = new Map<string, APIUser>();
  private readonly messages = new Map<string, APIMessage>();
  private readonly attachments = new Map<string, StoredAttachment>();
  private readonly globalCommands: APIApplicationCommand[] = [];
  private readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  private readonly interactionsById = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly dmChannels = new Map<string, string>();
  /** Users who do not accept direct messages from the bot (their privacy settings). */
  private readonly closedDms = new Set<string>();
  /** Channels whose posts the test made Discord refuse, with the error code it answers. */
  private readonly closedChannels = new Map<string, 50001 | 50013>();
  /** Ids of messages the bot posted with POST /channels/:id/messages. */
  private readonly postedMessageIds = new Set<string>();
  /** Emits "change" whenever recorded state changes, and "stop"; drives the wait helpers. */
  private readonly changes = new EventEmitter();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;

  constructor(options: DiscordEmulatorOptions = {}) {
    this.applicationId = options.applicationId ?? snowflake();
    this.token = options.token ?? makeBotToken(this.applicationId);
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.recommendedShards = options.recommendedShards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.changes.setMaxListeners(0);

    this.botUser = this.addUser({ id: this.applicationId, username: options.botUsername ?? 'csto-bot', bot: true });
    const owner = this.addUser({ username: 'guild-owner', globalName: 'Guild Owner' });
    const moderator = this.addUser({ username: 'moderator', globalName: 'Moderator' });
    const member = this.addUser({ username: 'member', globalName: 'Plain Member' });
    const outsider = this.addUser({ username: 'outsider', globalName: 'Outsider' });
    this.users = { bot: this.botUser, owner, moderator, member, outsider };

    if (options.defaultFixture !== false) {
      this.addGuild({
        name: 'CSTO Test Guild A',
        ownerId: owner.id,
        channels: ['general', 'mod-log'],
        roles: [{ name: 'Moderator', permissions: MODERATOR_PERMISSIONS }],
        members: [{ userId: moderator.id, roles: ['Moderator'] }, { userId: member.id }],
      });
      this.addGuild({ name: 'CSTO Test Guild B', ownerId: outsider.id, locale: Locale.Russian });
    }
    this.registerRoutes();
  }

  // ----- lifecycle ---------------------------------------------------------------------------

  /** Starts the HTTP + WebSocket server on 127.0.0.1 with a random free port. */
  async start(): Promise<void> {
    if (this.server) throw new Error('emulator already started');
    const server = createServer((req, res) => void this.onHttpRequest(req, res));
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    wss.on('connection', (ws: WebSocket, req: IncomingMessage) => this.onGatewayConnection(ws, req));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.wss = wss;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Closes every socket and the server; pending waits reject. */
  async stop(): Promise<void> {
    const { server, wss } = this;
    if (!server || !wss) return;
    this.server = null;
    this.wss = null;
    for (const state of this.interactionsById.values()) clearTimeout(state.deadline);
    this.changes.emit('stop');
    for (const session of this.sessions.values()) session.conn?.deflate?.close();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  get httpBase(): string {
    this.assertStarted();
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass to discord.js as `rest.api` (discord.js appends /v10). */
  get apiBase(): string {
    return `${this.httpBase}/api`;
  }

  get gatewayUrl(): string {
    this.assertStarted();
    return `ws://127.0.0.1:${this.port}${GATEWAY_PATH}`;
  }

  /** Guild A of the default fixture. */
  get guildA(): EmulatorGuild {
    return this.requireGuild(this.guilds[0]?.id ?? '');
  }

  /** Guild B of the default fixture. */
  get guildB(): EmulatorGuild {
    return this.requireGuild(this.guilds[1]?.id ?? '');
  }

  /** Id of guild A. */
  get guildId(): string {
    return this.guildA.id;
  }

  /** Id of guild A's first text channel. */
  get channelId(): string {
    return this.guildA.channelId;
  }

  get registeredCommands(): RegisteredCommands {
    return {
      global: structuredClone(this.globalCommands),
      guilds: Object.fromEntries([...this.guildCommands].map(([id, list]) => [id, structuredClone(list)])),
    };
  }

  /** Messages the bot posted with POST /channels/:id/messages (not interaction responses). */
  channelMessages(channelId: string): APIMessage[] {
    return [...this.postedMessageIds]
      .map((id) => this.messages.get(id))
      .filter((m): m is APIMessage => m !== undefined && m.channel_id === channelId);
  }

  /** Messages the bot sent the user in their direct-message channel. */
  directMessages(userId: string): APIMessage[] {
    const channelId = this.dmChannels.get(userId);
    return channelId ? this.channelMessages(channelId) : [];
  }

  /**
   * The bot loses access to the channel: its posts there are refused with 50001 Missing Access (the channel is
   * hidden from it) or 50013 Missing Permissions (it may see but not send), as on Discord.
   */
  closeChannel(channelId: string, code: 50001 | 50013): void {
    this.requireChannel(channelId);
    this.closedChannels.set(channelId, code);
  }

  /** The user turns off direct messages from server members: the bot's are refused with 50007, as on Discord. */
  closeDirectMessages(userId: string): void {
    this.closedDms.add(userId);
  }

  // ----- fixture -----------------------------------------------------------------------------

  addUser(init: { username: string; globalName?: string; id?: string; bot?: boolean }): APIUser {
    const user: APIUser = {
      id: init.id ?? snowflake(),
      username: init.username,
      discriminator: '0',
      global_name: init.bot ? null : (init.globalName ?? init.username),
      avatar: null,
      ...(init.bot ? { bot: true } : {}),
      public_flags: 0 as UserFlags,
      flags: 0 as UserFlags,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
    this.userStore.set(user.id, user);
    return user;
  }

  /** Adds a guild with the bot as a member; a connected bot receives GUILD_CREATE for it. */
  addGuild(init: GuildInit): EmulatorGuild {
    const id = init.id ?? snowflake();
    const joinedAt = nowIso();
    const makeRole = (roleId: string, name: string, permissions: bigint, position: number, managed = false): APIRole => ({
      id: roleId,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(managed ? { tags: { bot_id: this.botUser.id } } : {}),
    });
    const roles: APIRole[] = [makeRole(id, '@everyone', init.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0)];
    for (const [i, role] of (init.roles ?? []).entries()) roles.push(makeRole(snowflake(), role.name, role.permissions, i + 1));
    const botRole = makeRole(snowflake(), this.botUser.username, init.botPermissions ?? DEFAULT_BOT_PERMISSIONS, roles.length, true);
    roles.push(botRole);
    const roleIds = Object.fromEntries(roles.map((role) => [role.name, role.id]));

    const channels: APITextChannel[] = (init.channels ?? ['general']).map((name, position) => ({
      id: snowflake(),
      type: ChannelType.GuildText,
      guild_id: id,
      name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      last_pin_timestamp: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: 1440,
      default_thread_rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    }));
    const firstChannel = channels[0];
    if (!firstChannel) throw new Error('a guild needs at least one text channel');

    const makeMember = (userId: string, roleRefs: string[], nick?: string): APIGuildMember => {
      const user = this.requireUser(userId);
      const memberRoles = roleRefs.map((ref) => {
        const roleId = roleIds[ref] ?? roles.find((role) => role.id === ref)?.id;
        if (!roleId) throw new Error(`unknown role ${ref} in guild ${init.name}`);
        return roleId;
      });
      return guildMember(user, memberRoles, joinedAt, nick);
    };
    const members = [makeMember(this.botUser.id, [botRole.id])];
    if (init.ownerId !== this.botUser.id && !(init.members ?? []).some((m) => m.userId === init.ownerId)) {
      members.push(makeMember(init.ownerId, []));
    }
    for (const member of init.members ?? []) members.push(makeMember(member.userId, member.roles ?? [], member.nick));

    const guild: EmulatorGuild = {
      id,
      name: init.name,
      ownerId: init.ownerId,
      locale: init.locale ?? Locale.EnglishUS,
      joinedAt,
      channels,
      roles,
      members,
      channelId: firstChannel.id,
      roleIds,
    };
    this.guilds.push(guild);
    // A guild added while the bot is connected is a guild join: Discord sends GUILD_CREATE.
    for (const session of this.sessions.values()) {
      if (session.ready && shardOf(id, session.shard[1]) === session.shard[0]) {
        this.dispatch(session, GatewayDispatchEvents.GuildCreate, this.guildCreatePayload(guild, session.intents));
      }
    }
    return guild;
  }

  /** Adds a user to a guild (no gateway event: GUILD_MEMBER_ADD needs a privileged intent). */
  addMember(guildId: string, userId: string, roles: string[] = []): APIGuildMember {
    const guild = this.requireGuild(guildId);
    if (guild.members.some((m) => m.user.id === userId)) throw new Error(`user ${userId} is already in ${guild.name}`);
    const member = guildMember(this.requireUser(userId), roles.map((ref) => guild.roleIds[ref] ?? ref), nowIso());
    guild.members.push(member);
    return member;
  }

  /** Permissions of a member as Discord computes them at guild level (owner and Administrator => all). */
  memberPermissions(guildId: string, userId: string): bigint {
    const guild = this.requireGuild(guildId);
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.find((m) => m.user.id === userId);
    if (!member) throw new Error(`user ${userId} is not a member of ${guild.name}`);
    let permissions = BigInt(guild.roles.find((role) => role.id === guild.id)?.permissions ?? '0');
    for (const roleId of member.roles) {
      permissions |= BigInt(guild.roles.find((role) => role.id === roleId)?.permissions ?? '0');
    }
    return (permissions & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : permissions;
  }

  // ----- waiting -----------------------------------------------------------------------------

  /**
   * Resolves once `predicate` holds (re-checked on every recorded change); rejects on timeout,
   * on stop, or with whatever the predicate throws.
   */
  waitFor(predicate: () => boolean, timeoutMs = this.timeoutMs, what = 'condition'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changes.off('change', check);
        this.changes.off('stop', onStop);
      };
      const check = (): void => {
        let done: boolean;
        try {
          done = predicate();
        } catch (error) {
          cleanup();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (done) {
          cleanup();
          resolve();
        }
      };
      const onStop = (): void => {
        cleanup();
        reject(new Error(`emulator stopped while waiting for ${what}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.changes.on('change', check);
      this.changes.on('stop', onStop);
      check();
    });
  }

  /** Resolves once a bot identified and received READY and its GUILD_CREATEs. */
  waitForReady(timeoutMs = this.timeoutMs): Promise<void> {
    return this.waitFor(
      () => [...this.sessions.values()].some((s) => s.ready && s.conn !== null),
      timeoutMs,
      'a bot to connect to the gateway',
    );
  }

  /** Resolves once every shard of `shardCount` identified with that count and is connected and ready. */
  waitForShards(shardCount: number, timeoutMs = this.timeoutMs): Promise<void> {
    return this.waitFor(
      () => {
        const live = this.connectedShards().filter(([, count]) => count === shardCount);
        return new Set(live.map(([id]) => id)).size === shardCount;
      },
      timeoutMs,
      `${shardCount} shards to connect to the gateway`,
    );
  }

  /** [shard_id, num_shards] of every ready session with a live connection. */
  connectedShards(): [number, number][] {
    return [...this.sessions.values()].filter((s) => s.ready && s.conn !== null).map((s) => [...s.shard]);
  }

  /** Waits until the record satisfies `predicate` (e.g. a follow-up arrived). */
  waitForRecord(record: InteractionRecord, predicate: (r: InteractionRecord) => boolean, timeoutMs = this.timeoutMs): Promise<InteractionRecord> {
    return this.waitFor(() => predicate(record), timeoutMs, `interaction ${record.id} to change`).then(() => record);
  }

  // ----- interactions ------------------------------------------------------------------------

  /**
   * Sends INTERACTION_CREATE to the connected bot and resolves once it answered: the callback,
   * plus (for a deferred reply) the edit of @original. Rejects with an InteractionError when the
   * bot answers too late, answers what Discord rejects, or does not answer before the timeout.
   */
  /** A file a user attaches to a command: pass the returned id as the attachment option's value. */
  uploadAttachment(filename: string, data: string | Buffer, contentType = 'application/json'): string {
    const id = snowflake();
    this.attachments.set(id, { data: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), contentType, filename });
    return id;
  }

  async dispatchInteraction(payload: APIInteraction, options: DispatchOptions = {}): Promise<InteractionRecord> {
    const session = this.sessionFor(payload.guild_id ?? null);
    const record = new InteractionRecord(payload);
    record.shard = [...session.shard];
    const state: InteractionState = {
      record,
      originalMessageId: null,
      messageIds: new Set(),
      // After Discord's window the interaction token no longer accepts an initial response.
      deadline: setTimeout(() => {
        if (!record.callback) {
          record.expired = true;
          this.notify();
        }
      }, this.interactionDeadlineMs),
    };
    state.deadline.unref();
    this.interactionsById.set(payload.id, state);
    this.interactionsByToken.set(payload.token, state);
    this.interactions.push(record);
    this.dispatch(session, GatewayDispatchEvents.InteractionCreate, payload);

    const waitForEdit = options.waitForEdit ?? 'auto';
    const failOnRejection = options.failOnRejection ?? true;
    const describe = this.describeInteraction(payload);
    const fail = (why: string): never => {
      throw new InteractionError(`${describe}: ${why}`, record);
    };
    const settled = (): boolean => {
      if (failOnRejection && record.rejections.length > 0) {
        const last = record.rejections[record.rejections.length - 1];
        fail(`Discord would reject ${last?.method} ${last?.path}: ${last?.status} ${JSON.stringify(last?.error)}`);
      }
      if (!record.callback) {
        if (record.expired) fail(`no response within Discord's ${this.interactionDeadlineMs} ms window`);
        return false;
      }
      const deferredReply = record.callback.type === InteractionResponseType.DeferredChannelMessageWithSource;
      if (waitForEdit === false || (waitForEdit === 'auto' && !deferredReply)) return true;
      if (deferredReply) {
        // Settled once the "thinking..." message was replaced (edit or first follow-up) or deleted.
        return record.original === null || ((record.original.flags ?? 0) & MessageFlags.Loading) === 0;
      }
      return record.edits.length > 0 || record.followUps.length > 0;
    };
    try {
      await this.waitFor(settled, options.timeoutMs ?? this.timeoutMs, `an answer to ${describe}`);
    } catch (error) {
      if (error instanceof InteractionError) throw error;
      const missing = this.unknownRoutes.map((r) => `${r.method} ${r.path}`);
      throw new InteractionError(
        `${(error as Error).message}` +
          `${record.callback ? ` (callback type ${record.callback.type} received, still waiting for the edit)` : ' (no callback received)'}` +
          `${missing.length ? `; unknown routes used: ${missing.join(', ')}` : ''}`,
        record,
      );
    }
    return record;
  }

  /** Builds a slash command (CHAT_INPUT) interaction. Option types come from the registered command. */
  chatInput(init: ChatInputInit): APIChatInputApplicationCommandInteraction {
    const base = this.baseInteraction(init);
    const { command, options, resolved } = this.buildCommandData(init, ('guild_id' in base ? base.guild_id : null), null);
    return {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        ...this.commandIdentity(init.name, command),
        ...(options.length ? { options } : {}),
        ...(resolved ? { resolved } : {}),
      },
    };
  }

  /** The id, name and type every chat-input and autocomplete payload carries. */
  private commandIdentity(name: string, command: APIApplicationCommand | undefined) {
    return {
      id: command?.id ?? snowflake(),
      name,
      type: ApplicationCommandType.ChatInput as const,
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    };
  }

  /** Builds an autocomplete interaction; `focused` names the option being typed. */
  autocomplete(init: AutocompleteInit): APIApplicationCommandAutocompleteInteraction {
    const base = this.baseInteraction(init);
    const { command, options } = this.buildCommandData(init, ('guild_id' in base ? base.guild_id : null), init.focused);
    return {
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: { ...this.commandIdentity(init.name, command), options },
    };
  }

  /** Builds a button click on `message` (or on the reply of `from`). */
  button(init: ComponentInit): APIMessageComponentButtonInteraction {
    const { base, message } = this.componentBase(init, ComponentType.Button);
    return {
      ...base,
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: init.customId, component_type: ComponentType.Button },
    };
  }

  /** Builds a string select interaction. */
  stringSelect(init: SelectInit): APIMessageComponentSelectMenuInteraction {
    const { base, message } = this.componentBase(init, ComponentType.StringSelect);
    return {
      ...base,
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: init.customId, component_type: ComponentType.StringSelect, values: init.values },
    };
  }

  /** Builds a modal submission, mirroring the layout of the modal the bot showed if known. */
  modalSubmit(init: ModalSubmitInit): APIModalSubmitInteraction {
    const modal = init.modal ?? init.from?.modal ?? undefined;
    const customId = init.customId ?? modal?.custom_id;
    if (!customId) throw new Error('modalSubmit needs customId, modal or from (a record whose answer was a modal)');
    const base = this.baseInteraction(this.inheritContext(init, init.from));
    const fromMessage = init.message ?? init.from?.interaction.message;
    const components = modal ? this.mirrorModal(modal, init.fields) : this.simpleModalComponents(init.fields);
    return {
      ...base,
      type: InteractionType.ModalSubmit,
      ...(fromMessage ? { message: fromMessage } : {}),
      data: { custom_id: customId, components },
    };
  }

  // ----- gateway controls --------------------------------------------------------------------

  /** Sends op 7 RECONNECT: the bot should reconnect and RESUME. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) {
      if (session.conn) this.send(session.conn, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    }
  }

  /** Sends op 9 INVALID_SESSION to every connected bot. */
  invalidateSessions(resumable = false): void {
    for (const session of [...this.sessions.values()]) {
      if (!session.conn) continue;
      this.send(session.conn, { op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
      if (!resumable) this.sessions.delete(session.id);
    }
  }

  // ----- interaction payload builders (internals) --------------------------------------------

  private inheritContext<T extends InteractionContext>(init: T, from: InteractionRecord | undefined): T {
    if (!from) return init;
    return {
      ...init,
      user: init.user ?? from.user,
      guildId: init.guildId !== undefined ? init.guildId : (from.interaction.guild_id ?? null),
      channelId: init.channelId ?? from.interaction.channel?.id,
    };
  }

  /** Fields common to every interaction type. */
  private baseInteraction(ctx: InteractionContext) {
    const user = typeof ctx.user === 'string' ? this.requireUser(ctx.user) : (ctx.user ?? this.users.member);
    const id = snowflake();
    const common = {
      id,
      application_id: this.applicationId,
      token: makeInteractionToken(id),
      version: 1 as const,
      locale: ctx.locale ?? Locale.EnglishUS,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    const guildId = ctx.guildId === undefined ? this.guildId : ctx.guildId;
    if (guildId === null) {
      // A DM with the bot: no guild, no member, `user` instead.
      const channelId = this.dmChannelId(user.id);
      return {
        ...common,
        channel: { id: channelId, type: ChannelType.DM as const, last_message_id: null, flags: 0, recipients: [user] },
        channel_id: channelId,
        user,
        app_permissions: toPermissions(ctx.appPermissions ?? DEFAULT_BOT_PERMISSIONS),
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
        context: InteractionContextType.BotDM,
      };
    }
    const guild = this.requireGuild(guildId);
    const member = guild.members.find((m) => m.user.id === user.id);
    if (!member) throw new Error(`${user.username} is not a member of ${guild.name}; use addMember() first`);
    const channel = guild.channels.find((c) => c.id === (ctx.channelId ?? guild.channelId));
    if (!channel) throw new Error(`unknown channel ${ctx.channelId} in ${guild.name}`);
    const interactionMember: APIInteractionGuildMember = {
      ...structuredClone(member),
      user,
      permissions: toPermissions(ctx.permissions ?? this.memberPermissions(guild.id, user.id)),
    };
    return {
      ...common,
      guild_id: guild.id,
      guild_locale: guild.locale,
      guild: { id: guild.id, features: [], locale: guild.locale },
      channel: structuredClone(channel),
      channel_id: channel.id,
      member: interactionMember,
      app_permissions: toPermissions(ctx.appPermissions ?? this.memberPermissions(guild.id, this.botUser.id)),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
      context: InteractionContextType.Guild,
    };
  }

  private findCommand(name: string, guildId: string | null): APIApplicationCommand | undefined {
    const isMatch = (c: APIApplicationCommand): boolean =>
      c.name === name && (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    return (guildId ? this.guildCommands.get(guildId)?.find(isMatch) : undefined) ?? this.globalCommands.find(isMatch);
  }

  /** Builds `data.options` (with subcommand wrapping) and `data.resolved` for a command. */
  private buildCommandData(init: ChatInputInit, guildId: string | null, focused: string | null) {
    const command = this.findCommand(init.name, guildId);
    let schema: APIApplicationCommandOption[] | undefined = command?.options;
    const descend = (name: string, type: ApplicationCommandOptionType): void => {
      if (!command) return;
      const option = schema?.find((o) => o.name === name && o.type === type);
      if (!option) throw new Error(`/${init.name} has no ${name} (${ApplicationCommandOptionType[type]})`);
      // A subcommand without options may leave the key out.
      schema = 'options' in option ? (option.options as APIApplicationCommandOption[] | undefined) : [];
    };
    if (init.subcommandGroup) descend(init.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup);
    if (init.subcommand) descend(init.subcommand, ApplicationCommandOptionType.Subcommand);
    if (command && !init.subcommand && schema?.some((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup)) {
      throw new Error(`/${init.name} has subcommands; pass subcommand (and subcommandGroup)`);
    }

    const resolved: APIInteractionDataResolved = {};
    let hasResolved = false;
    const basic: APIApplicationCommandInteractionDataBasicOption[] = Object.entries(init.options ?? {}).map(([name, input]) => {
      const declared = schema?.find((o) => o.name === name);
      if (command && !declared) throw new Error(`/${init.name} has no option "${name}"`);
      const value = typeof input === 'object' ? input.value : input;
      const type =
        typeof input === 'object'
          ? input.type
          : (declared?.type ??
            (typeof value === 'boolean'
              ? ApplicationCommandOptionType.Boolean
              : typeof value === 'number'
                ? Number.isInteger(value)
                  ? ApplicationCommandOptionType.Integer
                  : ApplicationCommandOptionType.Number
                : ApplicationCommandOptionType.String));
      if (focused === name) {
        // While typing, Discord sends the raw partial input.
        return { name, type, value, focused: true } as APIApplicationCommandInteractionDataBasicOption;
      }
      const coerced = this.coerceOption(init.name, name, type, value, declared);
      hasResolved = this.resolveOption(resolved, type, String(coerced), guildId) || hasResolved;
      return { name, type, value: coerced } as APIApplicationCommandInteractionDataBasicOption;
    });
    if (command && focused === null) {
      // The Discord client never sends a command without its required options.
      const missing = (schema ?? []).filter((o) => 'required' in o && o.required && !(o.name in (init.options ?? {})));
      if (missing.length) throw new Error(`/${init.name} requires option(s) ${missing.map((o) => o.name).join(', ')}`);
    }
    if (focused !== null && !basic.some((o) => o.name === focused)) {
      basic.push({ name: focused, type: ApplicationCommandOptionType.String, value: '', focused: true });
    }

    let options: APIApplicationCommandInteractionDataOption[] = basic;
    if (init.subcommand) {
      options = [{ name: init.subcommand, type: ApplicationCommandOptionType.Subcommand, ...(basic.length ? { options: basic } : {}) }];
    }
    if (init.subcommandGroup && init.subcommand) {
      options = [
        {
          name: init.subcommandGroup,
          type: ApplicationCommandOptionType.SubcommandGroup,
          options: [{ name: init.subcommand, type: ApplicationCommandOptionType.Subcommand, ...(basic.length ? { options: basic } : {}) }],
        },
      ];
    }
    return { command, options, resolved: hasResolved ? resolved : null };
  }

  /** Converts a value to the wire type of its option, checking declared choices like the Discord client. */
  private coerceOption(
    command: string,
    name: string,
    type: ApplicationCommandOptionType,
    value: string | number | boolean,
    declared: APIApplicationCommandOption | undefined,
  ): string | number | boolean {
    let coerced: string | number | boolean;
    if (type === ApplicationCommandOptionType.Integer || type === ApplicationCommandOptionType.Number) {
      coerced = Number(value);
      if (Number.isNaN(coerced) || (type === ApplicationCommandOptionType.Integer && !Number.isInteger(coerced))) {
        throw new Error(`/${command} option "${name}" needs a ${ApplicationCommandOptionType[type]}, got ${JSON.stringify(value)}`);
      }
    } else if (type === ApplicationCommandOptionType.Boolean) {
      coerced = value === true || value === 'true';
    } else {
      coerced = String(value);
    }
    const choices = declared && 'choices' in declared ? declared.choices : undefined;
    if (choices?.length && !choices.some((c) => c.value === coerced)) {
      throw new Error(`/${command} option "${name}" must be one of ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
    }
    return coerced;
  }

  /** Fills `resolved` for user/channel/role/mentionable/attachment options, as Discord does. */
  private resolveOption(resolved: APIInteractionDataResolved, type: ApplicationCommandOptionType, value: string, guildId: string | null): boolean {
    const guild = guildId ? this.guilds.find((g) => g.id === guildId) : undefined;
    const addUser = (id: string): boolean => {
      const user = this.userStore.get(id);
      if (!user) return false;
      (resolved.users ??= {})[id] = user;
      const member = guild?.members.find((m) => m.user.id === id);
      if (member && guild) {
        const { user: _user, ...rest } = structuredClone(member);
        (resolved.members ??= {})[id] = { ...rest, permissions: this.memberPermissions(guild.id, id).toString() };
      }
      return true;
    };
    const addRole = (id: string): boolean => {
      const role = guild?.roles.find((r) => r.id === id);
      if (!role) return false;
      (resolved.roles ??= {})[id] = role;
      return true;
    };
    switch (type) {
      case ApplicationCommandOptionType.User:
        return addUser(value);
      case ApplicationCommandOptionType.Role:
        return addRole(value);
      case ApplicationCommandOptionType.Mentionable:
        return addUser(value) || addRole(value);
      case ApplicationCommandOptionType.Channel: {
        const channel = guild?.channels.find((c) => c.id === value);
        if (!channel) return false;
        const entry: APIInteractionDataResolvedChannel = {
          id: channel.id,
          type: channel.type,
          name: channel.name,
          permissions: ALL_PERMISSIONS.toString(),
        };
        (resolved.channels ??= {})[value] = entry;
        return true;
      }
      case ApplicationCommandOptionType.Attachment: {
        // A file uploaded with uploadAttachment() is served for real; any other id is an empty text file.
        const stored = this.attachments.get(value);
        const filename = stored?.filename ?? `${value}.txt`;
        const url = `${this.httpBase}/attachments/uploads/${value}/${encodeURIComponent(filename)}`;
        const attachment: APIAttachment = {
          id: value,
          filename,
          size: stored?.data.length ?? 0,
          url,
          proxy_url: url,
          content_type: stored?.contentType ?? 'text/plain; charset=utf-8',
        };
        (resolved.attachments ??= {})[value] = attachment;
        return true;
      }
      default:
        return false;
    }
  }

  private componentBase(init: ComponentInit, componentType: ComponentType) {
    const ctx = this.inheritContext(init, init.from);
    const base = this.baseInteraction(ctx);
    let message = init.message ?? init.from?.message ?? undefined;
    if (message) {
      const found = [...walkComponents(message.components)].some((c) => c.custom_id === init.customId && c.type === componentType);
      if (!found) throw new Error(`message ${message.id} has no ${ComponentType[componentType]} with custom_id "${init.customId}"`);
    } else {
      // No message given: synthesize a plain bot message carrying the component.
      const component =
        componentType === ComponentType.Button
          ? { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Button', custom_id: init.customId }
          : { type: ComponentType.StringSelect, custom_id: init.customId, options: [{ label: 'Option', value: 'option' }] };
      message = this.storeMessage({
        ...this.messageSkeleton(base.channel.id, MessageType.Default),
        components: [{ type: ComponentType.ActionRow, components: [component] }] as APIMessageTopLevelComponent[],
      });
    }
    return { base, message };
  }

  private mirrorModal(modal: APIModalInteractionResponseCallbackData, fields: Record<string, string>): APIModalSubmissionComponent[] {
    let nextId = 1;
    const known = new Set<string>();
    const submitInput = (input: JsonObject, id: number): ModalSubmitComponent => {
      const customId = String(input.custom_id);
      known.add(customId);
      const given = fields[customId];
      if (input.type === ComponentType.TextInput) {
        const value = given ?? (typeof input.value === 'string' ? input.value : '');
        if (value === '' && input.required !== false) throw new Error(`modal field "${customId}" is required`);
        return { type: ComponentType.TextInput, id, custom_id: customId, value };
      }
      const values = given === undefined || given === '' ? [] : given.split(',');
      return { type: input.type, id, custom_id: customId, values } as ModalSubmitComponent;
    };
    const components = modal.components.map((raw): APIModalSubmissionComponent => {
      const component = raw as unknown as JsonObject;
      const id = typeof component.id === 'number' ? component.id : nextId;
      nextId = Math.max(nextId, id) + 1;
      if (component.type === ComponentType.ActionRow) {
        const inputs = (Array.isArray(component.components) ? component.components : []) as JsonObject[];
        return {
          type: ComponentType.ActionRow,
          id,
          components: inputs.map((input) => submitInput(input, typeof input.id === 'number' ? input.id : nextId++) as APIModalSubmitTextInputComponent),
        };
      }
      if (component.type === ComponentType.Label && isObject(component.component)) {
        const inner = component.component;
        return { type: ComponentType.Label, id, component: submitInput(inner, typeof inner.id === 'number' ? inner.id : nextId++) };
      }
      return { type: ComponentType.TextDisplay, id };
    });
    const unknown = Object.keys(fields).filter((name) => !known.has(name));
    if (unknown.length) throw new Error(`modal ${modal.custom_id} has no field(s) ${unknown.join(', ')}`);
    return components;
  }

  private simpleModalComponents(fields: Record<string, string>): APIModalSubmissionComponent[] {
    let id = 1;
    return Object.entries(fields).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      id: id++,
      components: [{ type: ComponentType.TextInput, id: id++, custom_id: customId, value }],
    }));
  }

  private describeInteraction(payload: APIInteraction): string {
    const data = payload.data as JsonObject | undefined;
    const label = typeof data?.name === 'string' ? `/${data.name}` : typeof data?.custom_id === 'string' ? data.custom_id : '';
    return `interaction ${InteractionType[payload.type]} ${label}`.trim();
  }

  // ----- messages ----------------------------------------------------------------------------

  private messageSkeleton(channelId: string, type: MessageType): APIMessage {
    return {
      id: snowflake(),
      type,
      channel_id: channelId,
      author: this.botUser,
      content: '',
      timestamp: nowIso(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: 0 as MessageFlags,
      components: [],
    };
  }

  private storeMessage(message: APIMessage): APIMessage {
    this.messages.set(message.id, message);
    return structuredClone(message);
  }

  /** Turns uploaded files + the body's `attachments` into attachment objects. */
  private buildAttachments(ctx: RequestContext, body: JsonObject, existing: APIAttachment[], channelId: string): APIAttachment[] | undefined {
    if (body.attachments === undefined && ctx.files.length === 0) return undefined;
    const listed = Array.isArray(body.attachments) ? body.attachments.filter(isObject) : null;
    const kept = listed ? existing.filter((a) => listed.some((l) => String(l.id) === a.id)) : existing;
    const added = ctx.files.map((file, index): APIAttachment => {
      const meta = listed?.find((l) => String(l.id) === String(index));
      const id = snowflake();
      const filename = typeof meta?.filename === 'string' ? meta.filename : file.name;
      this.attachments.set(id, { data: ctx.fileData[index] ?? Buffer.alloc(0), contentType: file.contentType });
      const url = `${this.httpBase}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      return {
        id,
        filename,
        size: file.size,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(typeof meta?.description === 'string' ? { description: meta.description } : {}),
      };
    });
    return [...kept, ...added];
  }

  /** Applies message fields of a create/edit body onto a message. */
  private applyMessageBody(ctx: RequestContext, message: APIMessage, body: JsonObject, keepFlags: number): APIMessage {
    const next = structuredClone(message);
    if (body.content !== undefined) next.content = typeof body.content === 'string' ? body.content : '';
    if (body.embeds !== undefined) {
      next.embeds = ((body.embeds ?? []) as APIEmbed[]).map((embed) => ({ type: 'rich' as APIEmbed['type'], ...embed }));
    }
    if (body.components !== undefined) next.components = (body.components ?? []) as APIMessageTopLevelComponent[];
    if (body.flags !== undefined && body.flags !== null) {
      next.flags = (Number(body.flags) & ALLOWED_RESPONSE_FLAGS & ~MessageFlags.Ephemeral) | keepFlags;
    }
    const attachments = this.buildAttachments(ctx, body, message.attachments, message.channel_id);
    if (attachments) next.attachments = attachments;
    return next;
  }

  private createInteractionMessage(ctx: RequestContext, state: InteractionState, body: JsonObject, opts: { loading?: boolean } = {}): APIMessage {
    const { interaction } = state.record;
    const channelId = interaction.channel?.id ?? '';
    const type =
      interaction.type === InteractionType.ApplicationCommand
        ? interaction.data.type === ApplicationCommandType.ChatInput
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand
        : MessageType.Default;
    const ephemeral = Number(body.flags ?? 0) & MessageFlags.Ephemeral;
    const skeleton: APIMessage = {
      ...this.messageSkeleton(channelId, type),
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      ...this.interactionFields(state),
    };
    const message = this.applyMessageBody(ctx, skeleton, body, ephemeral | (opts.loading ? MessageFlags.Loading : 0));
    message.flags = (message.flags ?? 0) | ephemeral | (opts.loading ? MessageFlags.Loading : 0);
    state.messageIds.add(message.id);
    return this.storeMessage(message);
  }

  /** What Discord attaches to a message created by an interaction (interaction_metadata + legacy interaction). */
  private interactionFields(state: InteractionState): Pick<APIMessage, 'interaction_metadata' | 'interaction'> {
    const { interaction, user } = state.record;
    const owners = interaction.authorizing_integration_owners;
    switch (interaction.type) {
      case InteractionType.MessageComponent:
        return {
          interaction_metadata: { id: interaction.id, type: interaction.type, user, authorizing_integration_owners: owners, interacted_message_id: interaction.message.id },
        };
      case InteractionType.ModalSubmit: {
        // The modal's triggering interaction is not part of the submit payload; describe it from what is known.
        const source = interaction.message;
        return {
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type,
            user,
            authorizing_integration_owners: owners,
            triggering_interaction_metadata: source
              ? { id: snowflake(), type: InteractionType.MessageComponent, user, authorizing_integration_owners: owners, interacted_message_id: source.id }
              : { id: snowflake(), type: InteractionType.ApplicationCommand, user, authorizing_integration_owners: owners },
          },
        };
      }
      default: {
        const name = isObject(interaction.data) && typeof interaction.data.name === 'string' ? interaction.data.name : '';
        return {
          interaction_metadata: { id: interaction.id, type: InteractionType.ApplicationCommand, user, authorizing_integration_owners: owners },
          interaction: { id: interaction.id, type: interaction.type, name, user },
        };
      }
    }
  }

  private editStoredMessage(ctx: RequestContext, messageId: string, body: JsonObject): APIMessage {
    const current = this.messages.get(messageId);
    if (!current) throw apiError(404, 10008, 'Unknown Message');
    validateMessage(body, [], { create: false, hasFiles: ctx.files.length > 0 });
    // Keep ephemeral/loading bits: they are decided by the initial response, not by edits.
    const keep = (current.flags ?? 0) & MessageFlags.Ephemeral;
    const wasLoading = ((current.flags ?? 0) & MessageFlags.Loading) !== 0;
    const next = this.applyMessageBody(ctx, current, body, keep);
    next.flags = ((next.flags ?? 0) & ~MessageFlags.Loading) | keep;
    if (wasLoading && next.content === '' && next.embeds.length === 0 && (next.components ?? []).length === 0 && next.attachments.length === 0) {
      throw apiError(400, 50006, 'Cannot send an empty message');
    }
    if (!wasLoading) next.edited_timestamp = nowIso();
    return this.storeMessage(next);
  }

  // ----- REST --------------------------------------------------------------------------------

  private registerRoutes(): void {
    const route = (method: string, pattern: string, auth: boolean, handler: RouteHandler): void => {
      this.routes.push({ method, segments: pattern.split('/').filter(Boolean), auth, handler });
    };

    route('GET', '/gateway', false, () => ({ status: 200, body: { url: this.gatewayUrl } }));
    route('GET', '/gateway/bot', true, () => {
      const body: RESTGetAPIGatewayBotResult = {
        url: this.gatewayUrl,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.maxConcurrency },
      };
      return { status: 200, body };
    });
    route('GET', '/users/@me', true, () => ({ status: 200, body: { ...this.botUser, verified: true, mfa_enabled: true, email: null } }));
    route('GET', '/users/:userId', true, (ctx) => {
      const user = this.userStore.get(ctx.params.userId ?? '');
      if (!user) throw apiError(404, 10013, 'Unknown User');
      return { status: 200, body: user };
    });
    route('GET', '/applications/@me', true, () => ({ status: 200, body: this.applicationObject() }));
    route('GET', '/oauth2/applications/@me', true, () => ({ status: 200, body: this.applicationObject() }));

    // Application commands, global then guild.
    for (const scope of ['', '/guilds/:guildId'] as const) {
      const base = `/applications/:appId${scope}/commands`;
      route('GET', base, true, (ctx) => ({ status: 200, body: this.commandList(ctx) }));
      route('PUT', base, true, (ctx) => this.putCommands(ctx));
      route('POST', base, true, (ctx) => this.postCommand(ctx));
      route('GET', `${base}/:commandId`, true, (ctx) => ({ status: 200, body: this.findCommandById(ctx) }));
      route('PATCH', `${base}/:commandId`, true, (ctx) => this.patchCommand(ctx));
      route('DELETE', `${base}/:commandId`, true, (ctx) => this.deleteCommand(ctx));
    }

    route('POST', '/interactions/:interactionId/:token/callback', false, (ctx) => this.interactionCallback(ctx));
    route('POST', '/webhooks/:appId/:token', false, (ctx) => this.followUp(ctx));
    route('GET', '/webhooks/:appId/:token/messages/:messageId', false, (ctx) => {
      const { state, messageId } = this.webhookMessage(ctx);
      return { status: 200, body: this.requireMessage(messageId, state) };
    });
    route('PATCH', '/webhooks/:appId/:token/messages/:messageId', false, (ctx) => this.editWebhookMessage(ctx));
    route('DELETE', '/webhooks/:appId/:token/messages/:messageId', false, (ctx) => this.deleteWebhookMessage(ctx));

    route('GET', '/channels/:channelId', true, (ctx) => ({ status: 200, body: this.requireChannel(ctx.params.channelId ?? '').channel }));
    route('GET', '/channels/:channelId/messages/:messageId', true, (ctx) => {
      this.requireChannel(ctx.params.channelId ?? '');
      const message = this.messages.get(ctx.params.messageId ?? '');
      if (!message || message.channel_id !== ctx.params.channelId || (message.flags ?? 0) & MessageFlags.Ephemeral) {
        throw apiError(404, 10008, 'Unknown Message');
      }
      return { status: 200, body: message };
    });
    route('POST', '/channels/:channelId/messages', true, (ctx) => this.createChannelMessage(ctx));
    route('POST', '/users/@me/channels', true, (ctx) => this.openDirectMessages(ctx));
    route('GET', '/guilds/:guildId', true, (ctx) => ({ status: 200, body: this.guildObject(this.botGuild(ctx.params.guildId ?? '')) }));
    route('GET', '/guilds/:guildId/channels', true, (ctx) => ({ status: 200, body: this.botGuild(ctx.params.guildId ?? '').channels }));
    route('GET', '/guilds/:guildId/roles', true, (ctx) => ({ status: 200, body: this.botGuild(ctx.params.guildId ?? '').roles }));
    route('GET', '/guilds/:guildId/members/:userId', true, (ctx) => {
      const member = this.botGuild(ctx.params.guildId ?? '').members.find((m) => m.user.id === ctx.params.userId);
      if (!member) throw apiError(404, 10007, 'Unknown Member');
      return { status: 200, body: member };
    });
  }

  private async onHttpRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const ctx: RequestContext = { method, path: url.pathname, params: {}, query: url.searchParams, body: undefined, files: [], fileData: [] };
    let result: HttpResult;
    let unknown = false;
    try {
      if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
        this.serveAttachment(url.pathname, res);
        return;
      }
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
        unknown = true;
        throw apiError(404, 0, '404: Not Found');
      }
      ctx.path = url.pathname.slice(API_PREFIX.length);
      const segments = ctx.path.split('/').filter(Boolean).map(decodeURIComponent);
      const matching = this.routes
        .map((route) => ({ route, params: this.matchRoute(route.segments, segments) }))
        .filter((m): m is { route: Route; params: Record<string, string> } => m.params !== null);
      const match = matching.find((m) => m.route.method === method);
      if (!match) {
        unknown = true;
        throw matching.length ? apiError(405, 0, '405: Method Not Allowed') : apiError(404, 0, '404: Not Found');
      }
      if (match.route.auth && req.headers.authorization !== `Bot ${this.token}`) {
        throw apiError(401, 0, '401: Unauthorized');
      }
      ctx.params = match.params;
      await this.parseBody(req, raw, ctx);
      result = await match.route.handler(ctx);
    } catch (error) {
      if (error instanceof DiscordHttpError) {
        result = { status: error.status, body: error.body };
      } else {
        this.internalErrors.push(error);
        result = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
      }
    }
    const recorded: RecordedRequest = {
      method,
      path: ctx.path,
      query: Object.fromEntries(url.searchParams),
      body: ctx.body,
      files: ctx.files,
      status: result.status,
      response: result.body,
      at: Date.now(),
    };
    this.requests.push(recorded);
    if (unknown) this.unknownRoutes.push(recorded);
    if (ctx.record) {
      ctx.record.requests.push(recorded);
      if (result.status >= 400) {
        ctx.record.rejections.push({ method, path: ctx.path, status: result.status, error: result.body });
      }
    }
    if (result.body === undefined || result.status === 204) {
      res.writeHead(result.status).end();
    } else {
      const json = JSON.stringify(result.body);
      res.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
    }
    this.notify();
  }

  private matchRoute(pattern: string[], segments: string[]): Record<string, string> | null {
    if (pattern.length !== segments.length) return null;
    const params: Record<string, string> = {};
    for (const [i, part] of pattern.entries()) {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) params[part.slice(1)] = segment;
      else if (part !== segment) return null;
    }
    return params;
  }

  /** JSON, or multipart with `payload_json` and `files[n]` as discord.js sends uploads. */
  private async parseBody(req: IncomingMessage, raw: Buffer, ctx: RequestContext): Promise<void> {
    if (raw.length === 0) return;
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      // Node's fetch Response implements the multipart parser; no extra dependency needed.
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') ctx.body = this.parseJson(value);
        } else {
          ctx.files.push({ field, name: value.name, contentType: value.type || 'application/octet-stream', size: value.size });
          ctx.fileData.push(Buffer.from(await value.arrayBuffer()));
        }
      }
      return;
    }
    ctx.body = this.parseJson(raw.toString('utf8'));
  }

  private parseJson(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw apiError(400, 50109, 'The request body contains invalid JSON.');
    }
  }

  private serveAttachment(pathname: string, res: ServerResponse): void {
    const id = pathname.split('/')[3] ?? '';
    const attachment = this.attachments.get(id);
    if (!attachment) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': attachment.contentType, 'content-length': attachment.data.length }).end(attachment.data);
  }

  private applicationObject(): APIApplication {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: 'Answers questions about the CSTO (emulated).',
      summary: '',
      bot_public: false,
      bot_require_code_grant: false,
      bot: this.botUser,
      verify_key: randomBytes(32).toString('hex'),
      owner: this.users.owner,
      team: null,
      flags: ApplicationFlags.ApplicationCommandBadge,
      flags_new: String(ApplicationFlags.ApplicationCommandBadge),
      approximate_guild_count: this.guilds.length,
      integration_types_config: { [ApplicationIntegrationType.GuildInstall]: {} },
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      event_webhooks_status: 1,
      event_webhooks_url: null,
      approximate_user_install_count: 0,
      approximate_user_authorization_count: 0,
    };
  }

  private guildObject(guild: EmulatorGuild): Omit<GatewayGuildCreateDispatchData, 'joined_at' | 'large' | 'member_count' | 'voice_states' | 'members' | 'channels' | 'threads' | 'presences' | 'stage_instances' | 'guild_scheduled_events' | 'soundboard_sounds'> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: guild.roles,
      emojis: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: guild.channelId,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: guild.locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: GuildNSFWLevel.Default,
      stickers: [],
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  /** The guild, if the bot is in it; Discord answers 403 Missing Access otherwise. */
  private botGuild(guildId: string): EmulatorGuild {
    const guild = this.guilds.find((g) => g.id === guildId);
    if (!guild) throw apiError(404, 10004, 'Unknown Guild');
    if (!guild.members.some((m) => m.user.id === this.botUser.id)) throw apiError(403, 50001, 'Missing Access');
    return guild;
  }

  private requireChannel(channelId: string): { guild: EmulatorGuild; channel: APITextChannel } {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (channel) return { guild, channel };
    }
    throw apiError(404, 10003, 'Unknown Channel');
  }

  /** The id of the user's direct-message channel with the bot, made on first use. */
  private dmChannelId(userId: string): string {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      channelId = snowflake();
      this.dmChannels.set(userId, channelId);
    }
    return channelId;
  }

  /** POST /users/@me/channels: the DM channel with `recipient_id`. */
  private openDirectMessages(ctx: RequestContext): HttpResult {
    const recipientId = isObject(ctx.body) ? ctx.body.recipient_id : undefined;
    if (typeof recipientId !== 'string' || !/^\d{17,20}$/.test(recipientId)) {
      const errors = new FormErrors();
      errors.add(['recipient_id'], 'NUMBER_TYPE_COERCE', 'Value is not snowflake.');
      errors.throwIfAny();
    }
    const user = this.userStore.get(String(recipientId));
    if (!user) throw apiError(404, 10013, 'Unknown User');
    const channel = { id: this.dmChannelId(user.id), type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [user] };
    return { status: 200, body: channel };
  }

  /** A message to a DM channel: refused like Discord when the recipient shares no guild with the bot or turned DMs off. */
  private createDirectMessage(ctx: RequestContext, recipientId: string): HttpResult {
    const shared = this.guilds.some((guild) => guild.members.some((m) => m.user.id === recipientId) && guild.members.some((m) => m.user.id === this.botUser.id));
    if (!shared || this.closedDms.has(recipientId)) throw apiError(403, 50007, 'Cannot send messages to this user');
    const body = isObject(ctx.body) ? ctx.body : {};
    validateMessage(body, [], { create: true, hasFiles: ctx.files.length > 0 });
    const channelId = this.dmChannelId(recipientId);
    const message = this.applyMessageBody(ctx, this.messageSkeleton(channelId, MessageType.Default), body, 0);
    this.postedMessageIds.add(message.id);
    return { status: 200, body: this.storeMessage(message) };
  }

  private createChannelMessage(ctx: RequestContext): HttpResult {
    const recipient = [...this.dmChannels].find(([, channelId]) => channelId === ctx.params.channelId)?.[0];
    if (recipient) return this.createDirectMessage(ctx, recipient);
    const { guild, channel } = this.requireChannel(ctx.params.channelId ?? '');
    const closed = this.closedChannels.get(channel.id);
    if (closed === 50001) throw apiError(403, 50001, 'Missing Access');
    if (closed === 50013) throw apiError(403, 50013, 'Missing Permissions');
    const permissions = this.memberPermissions(guild.id, this.botUser.id);
    if ((permissions & (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages)) !== (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages)) {
      throw apiError(403, 50013, 'Missing Permissions');
    }
    const body = isObject(ctx.body) ? ctx.body : {};
    validateMessage(body, [], { create: true, hasFiles: ctx.files.length > 0 });
    if ((Number(body.flags ?? 0) & MessageFlags.Ephemeral) !== 0) {
      const errors = new FormErrors();
      errors.add(['flags'], 'MESSAGE_FLAGS_INVALID', 'Only interaction responses can be ephemeral');
      errors.throwIfAny();
    }
    const skeleton: APIMessage = { ...this.messageSkeleton(channel.id, MessageType.Default), guild_id: guild.id } as APIMessage;
    const message = this.applyMessageBody(ctx, skeleton, body, 0);
    this.postedMessageIds.add(message.id);
    return { status: 200, body: this.storeMessage(message) };
  }

  // ----- REST: application commands ----------------------------------------------------------

  /** The command list addressed by :appId (and :guildId), checking access like Discord. */
  private commandScope(ctx: RequestContext): { list: APIApplicationCommand[]; guildId: string | null } {
    if (ctx.params.appId !== this.applicationId) throw apiError(403, 50001, 'Missing Access');
    const guildId = ctx.params.guildId ?? null;
    if (!guildId) return { list: this.globalCommands, guildId };
    this.botGuild(guildId);
    let list = this.guildCommands.get(guildId);
    if (!list) {
      list = [];
      this.guildCommands.set(guildId, list);
    }
    return { list, guildId };
  }

  private commandList(ctx: RequestContext): APIApplicationCommand[] {
    return this.commandScope(ctx).list;
  }

  /** Stores a command definition the way Discord returns it (ids, defaults, version). */
  private materializeCommand(def: JsonObject, guildId: string | null, existing?: APIApplicationCommand): APIApplicationCommand {
    const type = (def.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const stored = {
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type,
      name: def.name as string,
      name_localizations: (def.name_localizations as Record<string, string> | null | undefined) ?? null,
      description: typeof def.description === 'string' ? def.description : '',
      description_localizations: (def.description_localizations as Record<string, string> | null | undefined) ?? null,
      default_member_permissions: def.default_member_permissions === undefined || def.default_member_permissions === null ? null : String(def.default_member_permissions),
      nsfw: def.nsfw === true,
      integration_types: Array.isArray(def.integration_types) ? (def.integration_types as ApplicationIntegrationType[]) : [ApplicationIntegrationType.GuildInstall],
      contexts: Array.isArray(def.contexts) ? (def.contexts as InteractionContextType[]) : null,
      ...(guildId ? { guild_id: guildId } : { dm_permission: def.dm_permission !== false }),
      ...(Array.isArray(def.options) && def.options.length ? { options: def.options as APIApplicationCommandOption[] } : {}),
    };
    return stored as APIApplicationCommand;
  }

  private putCommands(ctx: RequestContext): HttpResult {
    const { list, guildId } = this.commandScope(ctx);
    const errors = new FormErrors();
    if (!Array.isArray(ctx.body)) {
      errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
      errors.throwIfAny();
    }
    const defs = ctx.body as unknown[];
    defs.forEach((def, i) => validateCommand(errors, [i], def));
    if (defs.length > 100) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    const keys = defs.filter(isObject).map((d) => `${String(d.type ?? 1)}:${String(d.name)}`);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    });
    errors.throwIfAny();
    // Bulk overwrite keeps the ids of commands that still exist (same name and type).
    const next = defs.filter(isObject).map((def) =>
      this.materializeCommand(def, guildId, list.find((c) => c.name === def.name && c.type === (def.type ?? ApplicationCommandType.ChatInput))),
    );
    list.splice(0, list.length, ...next);
    return { status: 200, body: list };
  }

  private postCommand(ctx: RequestContext): HttpResult {
    const { list, guildId } = this.commandScope(ctx);
    const errors = new FormErrors();
    validateCommand(errors, [], ctx.body);
    errors.throwIfAny();
    const def = ctx.body as JsonObject;
    const index = list.findIndex((c) => c.name === def.name && c.type === (def.type ?? ApplicationCommandType.ChatInput));
    const command = this.materializeCommand(def, guildId, list[index]);
    if (index >= 0) list[index] = command;
    else list.push(command);
    return { status: index >= 0 ? 200 : 201, body: command };
  }

  private findCommandById(ctx: RequestContext): APIApplicationCommand {
    const command = this.commandScope(ctx).list.find((c) => c.id === ctx.params.commandId);
    if (!command) throw apiError(404, 10063, 'Unknown application command');
    return command;
  }

  private patchCommand(ctx: RequestContext): HttpResult {
    const { list, guildId } = this.commandScope(ctx);
    const current = this.findCommandById(ctx);
    const merged = { ...current, ...(isObject(ctx.body) ? ctx.body : {}) };
    const errors = new FormErrors();
    validateCommand(errors, [], merged);
    errors.throwIfAny();
    const command = this.materializeCommand(merged, guildId, current);
    list[list.indexOf(current)] = command;
    return { status: 200, body: command };
  }

  private deleteCommand(ctx: RequestContext): HttpResult {
    const { list } = this.commandScope(ctx);
    list.splice(list.indexOf(this.findCommandById(ctx)), 1);
    return { status: 204 };
  }

  // ----- REST: interaction responses ---------------------------------------------------------

  private interactionCallback(ctx: RequestContext): HttpResult {
    const state = this.interactionsById.get(ctx.params.interactionId ?? '');
    if (!state) throw apiError(404, 10062, 'Unknown interaction');
    const { record } = state;
    ctx.record = record;
    if (record.token !== ctx.params.token) throw apiError(401, 50027, 'Invalid Webhook Token');
    if (record.callback) throw apiError(400, 40060, 'Interaction has already been acknowledged.');
    if (record.expired) throw apiError(404, 10062, 'Unknown interaction');

    const body = isObject(ctx.body) ? ctx.body : {};
    const type = body.type as InteractionResponseType;
    const data = isObject(body.data) ? body.data : {};
    const { interaction } = record;
    if (!ALLOWED_CALLBACKS[interaction.type].includes(type)) {
      const errors = new FormErrors();
      errors.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Callback type ${String(type)} is not valid for a ${InteractionType[interaction.type]} interaction`);
      errors.throwIfAny();
    }
    const componentMessage = 'message' in interaction ? interaction.message : undefined;
    let message: APIMessage | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        validateMessage(data, ['data'], { create: true, hasFiles: ctx.files.length > 0 });
        message = this.createInteractionMessage(ctx, state, data);
        state.originalMessageId = message.id;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        validateMessage(data, ['data'], { create: false, hasFiles: false });
        message = this.createInteractionMessage(ctx, state, { flags: data.flags ?? 0 }, { loading: true });
        state.originalMessageId = message.id;
        break;
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (!componentMessage) throw apiError(400, 50035, 'Invalid Form Body: this interaction has no message to update');
        // @original now designates the message carrying the component.
        if (!this.messages.has(componentMessage.id)) this.messages.set(componentMessage.id, structuredClone(componentMessage));
        state.originalMessageId = componentMessage.id;
        state.messageIds.add(componentMessage.id);
        if (type === InteractionResponseType.UpdateMessage) {
          validateMessage(data, ['data'], { create: false, hasFiles: ctx.files.length > 0 });
          message = this.editStoredMessage(ctx, componentMessage.id, data);
        } else {
          message = structuredClone(this.messages.get(componentMessage.id) ?? componentMessage);
        }
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        validateChoices(data);
        break;
      case InteractionResponseType.Modal:
        validateModal(data);
        break;
      default:
        throw apiError(400, 50035, 'Invalid Form Body');
    }

    const withResponse = ctx.query.get('with_response') === 'true';
    record.callback = { type, data: structuredClone(body.data ?? null), files: ctx.files, withResponse, at: Date.now() };
    record.firstResponseMs = performance.now() - record.startedAt;
    record.original = message;
    clearTimeout(state.deadline);
    if (!withResponse) return { status: 204 };
    const response: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
              response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message && type !== InteractionResponseType.DeferredMessageUpdate ? { message } : {}) },
    };
    return { status: 200, body: response };
  }

  /** Resolves :appId/:token of an interaction webhook; it exists once the interaction was acknowledged. */
  private webhookState(ctx: RequestContext): InteractionState {
    if (ctx.params.appId !== this.applicationId) throw apiError(404, 10015, 'Unknown Webhook');
    const state = this.interactionsByToken.get(ctx.params.token ?? '');
    if (!state) throw apiError(401, 50027, 'Invalid Webhook Token');
    ctx.record = state.record;
    if (!state.record.callback) throw apiError(404, 10015, 'Unknown Webhook');
    return state;
  }

  private webhookMessage(ctx: RequestContext): { state: InteractionState; messageId: string } {
    const state = this.webhookState(ctx);
    const requested = ctx.params.messageId ?? '';
    const messageId = requested === '@original' ? state.originalMessageId : requested;
    if (!messageId || !state.messageIds.has(messageId)) throw apiError(404, 10008, 'Unknown Message');
    return { state, messageId };
  }

  private requireMessage(messageId: string, state: InteractionState): APIMessage {
    const message = this.messages.get(messageId);
    if (!message || !state.messageIds.has(messageId)) throw apiError(404, 10008, 'Unknown Message');
    return message;
  }

  private editWebhookMessage(ctx: RequestContext): HttpResult {
    const { state, messageId } = this.webhookMessage(ctx);
    const body = isObject(ctx.body) ? ctx.body : {};
    const message = this.editStoredMessage(ctx, messageId, body);
    const { record } = state;
    const isOriginal = messageId === state.originalMessageId;
    record.edits.push({ messageId, isOriginal, body: structuredClone(ctx.body ?? null), ms: performance.now() - record.startedAt });
    if (isOriginal) record.original = message;
    const index = record.followUps.findIndex((m) => m.id === messageId);
    if (index >= 0) record.followUps[index] = message;
    return { status: 200, body: message };
  }

  private deleteWebhookMessage(ctx: RequestContext): HttpResult {
    const { state, messageId } = this.webhookMessage(ctx);
    this.messages.delete(messageId);
    state.messageIds.delete(messageId);
    const { record } = state;
    record.deletedMessageIds.push(messageId);
    if (messageId === state.originalMessageId) record.original = null;
    return { status: 204 };
  }

  private followUp(ctx: RequestContext): HttpResult {
    const state = this.webhookState(ctx);
    const body = isObject(ctx.body) ? ctx.body : {};
    validateMessage(body, [], { create: true, hasFiles: ctx.files.length > 0 });
    const { record } = state;
    const original = state.originalMessageId ? this.messages.get(state.originalMessageId) : undefined;
    let message: APIMessage;
    if (original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
      // Discord: the first follow-up to a deferred reply replaces the "thinking..." message.
      message = this.editStoredMessage(ctx, original.id, body);
      record.original = message;
    } else {
      message = this.createInteractionMessage(ctx, state, body);
    }
    record.followUps.push(message);
    return ctx.query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
  }

  // ----- gateway -----------------------------------------------------------------------------

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!this.wss || (pathname !== GATEWAY_PATH && pathname !== `${GATEWAY_PATH}/`)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const wss = this.wss;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  private onGatewayConnection(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
    const info: GatewayConnectionInfo = { query, compression: null, identified: false, resumed: false, closeCode: null };
    this.gatewayConnections.push(info);
    const conn: GatewayConnection = { ws, deflate: null, sendChain: Promise.resolve(), session: null, info };
    ws.on('close', (code: number) => this.onGatewayClose(conn, code));
    ws.on('error', () => undefined); // a reset by the client is not an emulator failure

    // Same negotiation as Discord: v and encoding are required, compress is optional.
    if (query.v !== String(API_VERSION)) {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if ((query.encoding ?? 'json') !== 'json') {
      ws.close(GatewayCloseCodes.DecodeError, 'The emulator only speaks encoding=json');
      return;
    }
    if (query.compress === 'zlib-stream') {
      // One zlib context for the whole connection, each message ending with a Z_SYNC_FLUSH marker.
      conn.deflate = createDeflate();
      info.compression = 'zlib-stream';
    } else if (query.compress !== undefined) {
      ws.close(GatewayCloseCodes.DecodeError, `Unsupported compress=${query.compress}`);
      return;
    }
    ws.on('message', (data: RawData, isBinary: boolean) => this.onGatewayMessage(conn, data, isBinary));
    this.send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    this.notify();
  }

  private onGatewayClose(conn: GatewayConnection, code: number): void {
    conn.info.closeCode = code;
    conn.deflate?.close();
    const { session } = conn;
    if (session && session.conn === conn) {
      session.conn = null;
      // A client closing with 1000/1001 ends its session; other codes keep it resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    }
    this.notify();
  }

  private onGatewayMessage(conn: GatewayConnection, data: RawData, isBinary: boolean): void {
    let payload: GatewayPayload;
    try {
      if (isBinary) throw new Error('binary frames are not JSON');
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      payload = JSON.parse(text) as GatewayPayload;
    } catch {
      conn.ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const masked = isObject(payload.d) && 'token' in payload.d ? { ...payload, d: { ...payload.d, token: '***' } } : payload;
    this.gatewayReceived.push(masked);

    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats += 1;
        this.send(conn, { op: GatewayOpcodes.HeartbeatAck });
        break;
      case GatewayOpcodes.Identify:
        this.onIdentify(conn, isObject(payload.d) ? payload.d : {});
        break;
      case GatewayOpcodes.Resume:
        this.onResume(conn, isObject(payload.d) ? payload.d : {});
        break;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!conn.session) conn.ws.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        break; // accepted and recorded, nothing else emulated
      default:
        conn.ws.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
    this.notify();
  }

  private onIdentify(conn: GatewayConnection, d: JsonObject): void {
    if (conn.session) {
      conn.ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (d.token !== this.token) {
      conn.ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = Number(d.intents);
    if (!Number.isInteger(intents) || intents < 0) {
      conn.ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    const shardInput = Array.isArray(d.shard) ? d.shard : [0, 1];
    const shard: [number, number] = [Number(shardInput[0] ?? 0), Number(shardInput[1] ?? 1)];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      conn.ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    const session: GatewaySession = { id: randomBytes(16).toString('hex'), shard, intents, seq: 0, events: [], conn, ready: false };
    this.sessions.set(session.id, session);
    conn.session = session;
    conn.info.identified = true;

    const guilds = this.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: API_VERSION,
      user: { ...this.botUser, verified: true, mfa_enabled: true, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: {
        id: this.applicationId,
        flags: ApplicationFlags.ApplicationCommandBadge,
        flags_new: String(ApplicationFlags.ApplicationCommandBadge),
      },
    };
    this.dispatch(session, GatewayDispatchEvents.Ready, ready);
    // Guilds start unavailable in READY and arrive right after as GUILD_CREATE.
    for (const guild of guilds) this.dispatch(session, GatewayDispatchEvents.GuildCreate, this.guildCreatePayload(guild, intents));
    session.ready = true;
  }

  private onResume(conn: GatewayConnection, d: JsonObject): void {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session || d.token !== this.token || conn.session) {
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn) session.conn.ws.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere.');
    session.conn = conn;
    conn.session = session;
    conn.info.resumed = true;
    const since = Number(d.seq ?? 0);
    for (const event of session.events) {
      if (event.s > since) this.send(conn, { op: GatewayOpcodes.Dispatch, ...event });
    }
    this.dispatch(session, GatewayDispatchEvents.Resumed, null);
  }

  private guildCreatePayload(guild: EmulatorGuild, intents: number): GatewayGuildCreateDispatchData {
    // Without the privileged GUILD_MEMBERS intent Discord only includes the bot's own member.
    const members = (intents & PRIVILEGED_MEMBER_INTENT) !== 0 ? guild.members : guild.members.filter((m) => m.user.id === this.botUser.id);
    return {
      ...this.guildObject(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.length,
      voice_states: [],
      members: structuredClone(members),
      channels: structuredClone(guild.channels),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Picks the live session whose shard handles the guild (DMs go to shard 0). */
  private sessionFor(guildId: string | null): GatewaySession {
    const candidates = [...this.sessions.values()].filter(
      (s) => s.ready && (guildId ? shardOf(guildId, s.shard[1]) === s.shard[0] : s.shard[0] === 0),
    );
    const session = candidates.reverse().find((s) => s.conn !== null) ?? candidates[0];
    if (!session) throw new Error('no bot session is connected to the emulator gateway (call waitForReady first)');
    return session;
  }

  private dispatch(session: GatewaySession, t: string, d: unknown): void {
    session.seq += 1;
    const event = { t, s: session.seq, d };
    session.events.push(event);
    if (session.events.length > 1000) session.events.shift();
    // While disconnected the event is kept, and replayed on RESUME like Discord does.
    if (session.conn) this.send(session.conn, { op: GatewayOpcodes.Dispatch, ...event });
  }

  private send(conn: GatewayConnection, payload: GatewayPayload): void {
    const json = JSON.stringify({ s: null, t: null, ...payload });
    const { ws, deflate } = conn;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!deflate) {
      ws.send(json);
      return;
    }
    conn.sendChain = conn.sendChain.then(
      () =>
        new Promise<void>((resolve) => {
          deflate.write(json);
          deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
            const chunks: Buffer[] = [];
            let chunk: Buffer | null;
            while ((chunk = deflate.read() as Buffer | null) !== null) chunks.push(chunk);
            if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }

  // ----- misc --------------------------------------------------------------------------------

  private notify(): void {
    this.changes.emit('change');
  }

  private assertStarted(): void {
    if (!this.server) throw new Error('emulator not started (call start() first)');
  }

  private requireUser(id: string): APIUser {
    const user = this.userStore.get(id);
    if (!user) throw new Error(`unknown user ${id}`);
    return user;
  }

  private requireGuild(id: string): EmulatorGuild {
    const guild = this.guilds.find((g) => g.id === id);
    if (!guild) throw new Error(`unknown guild ${id}`);
    return guild;
  }
}
