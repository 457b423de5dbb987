import type { Reply } from "./reply.js";

/**
 * Markdown as a terminal shows it: links as "title <url>", bold and italics as plain words (the
 * console marks titles its own way), escaped characters as they were typed.
 */
const plain = (markdown: string) =>
  markdown
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, "$1 <$2>")
    .replace(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g, "$1")
    .replace(/(?<![\\\w])\*(?!\s)(.+?)(?<![\\\s])\*(?!\w)/g, "$1")
    .replace(/\\([^\w\s])/g, "$1");

/** A reply as the local console prints it; buttons are numbered so they can be pressed by number. */
export function renderReplyText(reply: Reply, savedPaths: ReadonlyMap<string, string> = new Map()): string {
  const lines: string[] = [];
  if (reply.ephemeral) lines.push("(only you can see this)");
  if (reply.content) lines.push(plain(reply.content));
  for (const embed of reply.embeds) {
    if (embed.title) lines.push(`== ${embed.title} ==`);
    if (embed.url) lines.push(embed.url);
    if (embed.description) lines.push(plain(embed.description));
    for (const field of embed.fields ?? []) lines.push("", `${field.name}:`, plain(field.value));
    if (embed.footer) lines.push("", `-- ${embed.footer.text}`);
  }
  for (const file of reply.files ?? []) {
    // The console saves pictures to disk and passes their paths; text files are printed whole.
    if (typeof file.content === "string") lines.push("", `Attached file ${file.name} (${file.content.length} characters):`, file.content);
    else lines.push("", `Picture ${savedPaths.get(file.name) ?? file.name}: ${file.description}`);
  }
  for (const message of reply.directMessages ?? []) lines.push("", `Sent privately to <@${message.userId}>:`, plain(message.content));
  if (reply.modLog) lines.push("", `Posted to the log channel <#${reply.modLog.channelId}>:`, plain(reply.modLog.content));
  const buttons = reply.components.flat();
  if (buttons.length > 0) {
    lines.push("", "Buttons (type the number to press one):");
    buttons.forEach((button, i) => lines.push(`  [${i + 1}] ${button.label}${button.disabled ? " (disabled)" : ""}`));
  }
  return lines.join("\n");
}
