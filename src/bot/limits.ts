import { DISCORD_LIMITS, type Embed, type Reply } from "./reply.js";

/** "1 fact", "2 facts". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Shortens text to `max` characters, ending on a word and an ellipsis when it has to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut}…`;
}

function embedLength(embed: Embed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

/** Brings an embed inside every Discord limit: each part first, then the total, by trimming the description. */
export function fitEmbed(embed: Embed): Embed {
  const fitted: Embed = {
    ...embed,
    title: embed.title === undefined ? undefined : truncate(embed.title, DISCORD_LIMITS.title),
    description: embed.description === undefined ? undefined : truncate(embed.description, DISCORD_LIMITS.description),
    footer: embed.footer && { text: truncate(embed.footer.text, DISCORD_LIMITS.footer) },
    fields: embed.fields?.slice(0, DISCORD_LIMITS.fields).map((field) => ({
      ...field,
      name: truncate(field.name, DISCORD_LIMITS.fieldName),
      value: truncate(field.value, DISCORD_LIMITS.fieldValue),
    })),
  };
  const excess = embedLength(fitted) - DISCORD_LIMITS.embedTotal;
  if (excess > 0 && fitted.description) fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - excess));
  while (embedLength(fitted) > DISCORD_LIMITS.embedTotal && fitted.fields?.length) fitted.fields.pop();
  return fitted;
}

/** Every embed, button and row of a reply inside Discord's limits. */
export function fitReply(reply: Reply): Reply {
  return {
    ...reply,
    content: reply.content === undefined ? undefined : truncate(reply.content, DISCORD_LIMITS.content),
    embeds: reply.embeds.slice(0, 10).map(fitEmbed),
    components: reply.components
      .slice(0, DISCORD_LIMITS.rows)
      .map((row) => row.slice(0, DISCORD_LIMITS.buttonsPerRow).map((button) => ({ ...button, label: truncate(button.label, DISCORD_LIMITS.buttonLabel) })))
      .filter((row) => row.length > 0),
  };
}

/** Splits lines into field values of at most 1024 characters, never cutting a line unless it alone is too long. */
export function chunkLines(lines: string[], max: number = DISCORD_LIMITS.fieldValue): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of lines.map((l) => truncate(l, max))) {
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
