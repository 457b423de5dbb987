/**
 * What a command answers, in Discord's own JSON shapes but without discord.js, so the same reply
 * can be sent by the bot, printed by the local console and checked by tests.
 */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

export interface Button {
  customId: string;
  label: string;
  style: "primary" | "secondary" | "danger";
  disabled?: boolean;
}

export interface ModalField {
  id: string;
  label: string;
  style: "short" | "paragraph";
  required: boolean;
  maxLength: number;
  value?: string | undefined;
  placeholder?: string | undefined;
}

/** A form Discord shows over the chat; at most five fields. */
export interface Modal {
  customId: string;
  title: string;
  fields: ModalField[];
}

/** A file sent with a reply: text, or a picture, which always carries its alt text. */
export type ReplyFile = { name: string; content: string; description?: string } | { name: string; content: Uint8Array; description: string };

/** A private message to a member about what a moderator decided for them. */
export interface DirectMessage {
  userId: string;
  content: string;
  /** Shown to the one who acted when the member does not accept direct messages. */
  ifUndelivered: string;
}

/** A line for the server's log channel about a change to its facts or suggestions. */
export interface ModLogPost {
  channelId: string;
  content: string;
  /** Shown to the one who acted when the bot cannot post there; absent for members, who cannot fix it. */
  ifUnposted?: string | undefined;
}

export interface Reply {
  content?: string;
  files?: ReplyFile[];
  embeds: Embed[];
  /** Rows of at most five buttons. */
  components: Button[][];
  /** Only the person who asked sees it. */
  ephemeral: boolean;
  /** Sent once the reply is out. */
  directMessages?: DirectMessage[];
  /** Posted to the server's log channel once the reply is out. */
  modLog?: ModLogPost | undefined;
}

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  content: 2000,
} as const;

export function textReply(content: string, ephemeral = true): Reply {
  return { content, embeds: [], components: [], ephemeral };
}

export function button(customId: string, label: string, style: Button["style"] = "secondary"): Button {
  return { customId, label, style };
}
