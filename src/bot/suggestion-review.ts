import type { FactSuggestion } from "../facts/fact-store.js";
import type { KnowledgeEntry } from "../knowledge/model.js";
import { escapeMarkdown } from "../text/markdown.js";
import { ADMIN_PREFIX } from "./custom-ids.js";
import { truncate } from "./limits.js";
import { COLORS } from "./render.js";
import { button, type DirectMessage, type Reply } from "./reply.js";

/** What the bot found out about one suggestion for the moderators. */
export interface SuggestionReview {
  /** The fact as members would see it once accepted: the form's own preview. */
  preview: Reply;
  /** A live fact of the server the suggestion would only repeat. */
  duplicate?: KnowledgeEntry | undefined;
  /** False when the quote is credited to a listed source that does not hold it. */
  quoteHolds: boolean;
}

/** A statement as a Discord block quote (every line of it), shortened. */
export function quoteBlock(statement: string): string {
  return truncate(statement, 300)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** What the member who suggested a fact learns of the moderators' decision. */
export function outcomeMessage(userId: string, decision: string, statement: string): DirectMessage {
  return {
    userId,
    content: `${decision}\n${quoteBlock(statement)}`,
    ifUndelivered: `I could not tell <@${userId}> in a direct message (they do not accept them from this server), so please let them know yourself.`,
  };
}

/** Who sent it, its source and link as typed, what its quote is worth, and the fact it would repeat. */
function details(suggestion: FactSuggestion, review: SuggestionReview): string {
  const { quote } = suggestion;
  const source =
    suggestion.sourceId !== undefined
      ? `Source: \`${suggestion.sourceId}\`, one of the listed sources${quote === undefined ? "" : review.quoteHolds ? "; the quote occurs in its text" : "; ⚠ the quote does not occur in its text, so it cannot be accepted"}.`
      : `Source of their own: ${escapeMarkdown(suggestion.sourceTitle)} — <${suggestion.sourceUrl}>${quote === undefined ? "" : "; the quote cannot be checked against it"}.`;
  return [
    `Sent by <@${suggestion.suggestedBy}> on ${suggestion.suggestedAt.slice(0, 10)}.`,
    source,
    quote === undefined ? "No quote: the statement would show as the moderators' own words." : "",
    review.duplicate ? `⚠ It looks like a duplicate of **${review.duplicate.id}**: ${truncate(review.duplicate.text, 200)}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** One waiting suggestion at a time, with Accept and Reject and the way to the others. */
export function renderSuggestionQueue(pending: FactSuggestion[], index: number, review: (suggestion: FactSuggestion) => SuggestionReview): Reply {
  if (pending.length === 0) {
    return { embeds: [{ title: "Suggested facts", description: "No suggestions are waiting.", color: COLORS.serverFact }], components: [], ephemeral: true };
  }
  const current = Math.min(Math.max(0, index), pending.length - 1);
  const suggestion = pending[current]!;
  const found = review(suggestion);
  return {
    // An empty content clears what the last decision said when the queue is paged.
    content: "",
    embeds: [
      { title: `Suggestion ${current + 1} of ${pending.length}: ${suggestion.id}`, description: details(suggestion, found), color: found.duplicate ? COLORS.unsure : COLORS.serverFact },
      ...found.preview.embeds,
    ],
    components: [
      [
        button(`${ADMIN_PREFIX}:accept:${suggestion.id}`, `Accept ${suggestion.id}`, "primary"),
        button(`${ADMIN_PREFIX}:reject:${suggestion.id}`, `Reject ${suggestion.id}`),
        { ...button(`${ADMIN_PREFIX}:suggestions:${current - 1}`, "◀ Earlier"), disabled: current === 0 },
        { ...button(`${ADMIN_PREFIX}:suggestions:${current + 1}`, "Later ▶"), disabled: current >= pending.length - 1 },
      ],
    ],
    ephemeral: true,
  };
}
