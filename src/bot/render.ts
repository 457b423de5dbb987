import { quoteCredit, type Answer, type EntryLink } from "../answers/answer.js";
import { citation, type KnowledgeEntry, type SourceRef } from "../knowledge/model.js";
import { escapeMarkdown } from "../text/markdown.js";
import { customIds } from "./custom-ids.js";
import { chunkLines, fitReply, truncate } from "./limits.js";
import { DISCORD_LIMITS, type Button, type Embed, type EmbedField, type Reply } from "./reply.js";

export const COLORS = { answer: 0x2b6cb0, serverFact: 0x2f855a, unsure: 0xb7791f, list: 0x4a5568 } as const;
/** Quotes are meant to be short: the embed shows at most this much of one. */
const MAX_QUOTE = 400;

export function sourceLine(source: SourceRef): string {
  return `[${source.title}](${source.url}) — ${citation(source)}`;
}

function linkButtons(links: EntryLink[], first?: EntryLink): Button[][] {
  const rows: Button[][] = [];
  if (first) rows.push([{ customId: customIds.show(first.id), label: `Or did you mean: ${first.title}`, style: "primary" }]);
  const others = links.filter((link) => link.id !== first?.id);
  if (others.length > 0) rows.push(others.slice(0, DISCORD_LIMITS.buttonsPerRow).map((link) => ({ customId: customIds.show(link.id), label: link.title, style: "secondary" as const })));
  return rows;
}

function blockquote(text: string): string {
  return truncate(text, MAX_QUOTE)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** Every source an answer relies on, or as many as fit and, on a last line, the ids of the others and where to see them. */
function sourcesValue(sources: SourceRef[]): string {
  const lines = sources.map((source) => truncate(sourceLine(source), DISCORD_LIMITS.fieldValue));
  for (let shown = lines.length; shown > 0; shown--) {
    const hidden = sources.slice(shown);
    const more = hidden.length > 0 ? `\n+${hidden.length} more: \`/csto source name:\` shows each of ${hidden.map((source) => `\`${source.id}\``).join(", ")}` : "";
    const value = lines.slice(0, shown).join("\n") + more;
    if (value.length <= DISCORD_LIMITS.fieldValue) return value;
  }
  return truncate(lines[0] ?? "", DISCORD_LIMITS.fieldValue);
}

/** The answer embed: title, text, quote, sources, related entries as buttons, the entry id in the footer. */
export function renderAnswer(answer: Answer, ephemeral = false): Reply {
  const body = answer.answer;
  if (!body) return renderNoAnswer(answer, ephemeral);
  const fields: EmbedField[] = [{ name: body.sources.length > 1 ? "Sources" : "Source", value: sourcesValue(body.sources) }];
  const quote = body.quote ? `\n\n${blockquote(`“${body.quote}”`)}\n— ${quoteCredit(body)}` : "";
  const footer = [`id: ${body.id}`, body.addedByServer ? "added by this server's moderators" : `confidence ${answer.confidence.toFixed(2)}`];
  if (answer.alternative) fields.push({ name: "Or did you mean", value: answer.alternative.title });
  const embed: Embed = {
    title: body.title,
    description: truncate(body.text, DISCORD_LIMITS.description - quote.length - 1) + quote,
    color: body.addedByServer ? COLORS.serverFact : COLORS.answer,
    fields,
    footer: { text: footer.join(" · ") },
  };
  return fitReply({ embeds: [embed], components: linkButtons(answer.related, answer.alternative), ephemeral });
}

export function renderNoAnswer(answer: Answer, ephemeral = false): Reply {
  const asked = `“${escapeMarkdown(truncate(answer.query, 200))}”`;
  const closest = answer.suggestions.length > 0 ? "\n\nThe closest entries I have are below; one of them may help." : "";
  // A near miss has found what the question is about: it says what is known, and offers that entry.
  const description =
    answer.outcome === "near-miss"
      ? `${answer.notice ?? ""} My sources do not answer ${asked}, so I will not guess.${answer.suggestions.length > 0 ? "\n\nWhat they do say is in the first entry below." : ""}`.trimStart()
      : `${answer.notice ? `${answer.notice} ` : ""}I could not find an answer to ${asked} in the sources, and I would rather not guess.${closest}`;
  const embed: Embed = {
    title: answer.outcome === "near-miss" ? "Not in my sources" : "No confident answer",
    description,
    color: COLORS.unsure,
    footer: { text: "Try other words, or /csto help for examples" },
  };
  return fitReply({ embeds: [embed], components: linkButtons(answer.suggestions), ephemeral });
}

/** Lines of a list embed split across fields, so long lists stay inside the limits. */
export function listFields(name: string, lines: string[]): EmbedField[] {
  return chunkLines(lines).map((value, i) => ({ name: i === 0 ? name : `${name} (continued)`, value }));
}

export function entryLink(entry: KnowledgeEntry): EntryLink {
  return { id: entry.id, title: entry.title };
}
