import { factTitle, type FactSuggestion, type ServerFact } from "../facts/fact-store.js";
import type { FactInput } from "../facts/fact-input.js";
import { escapeMarkdown } from "../text/markdown.js";
import { counted, truncate } from "./limits.js";
import { DISCORD_LIMITS, type ModLogPost } from "./reply.js";

/** How many imported facts one log line names before it only counts the rest. */
const MAX_NAMED_IMPORTS = 10;
const TITLE_LENGTH = 100;

export type FactChange = "added" | "edited" | "removed" | "restored";

/** What the one who acted sees when the log channel refused the post; the change itself was kept. */
export function unpostedNotice(channelId: string): string {
  return (
    `The change was kept, but I could not post it to <#${channelId}>, the log channel: it is gone or I may not send messages there. ` +
    "Please give me View Channel and Send Messages there, or pick another with `/csto-admin config log-channel:`."
  );
}

const titled = (input: FactInput) => `“${escapeMarkdown(truncate(factTitle(input), TITLE_LENGTH))}”`;
const showCommand = (factId: string) => `\`/csto-admin fact show id:${factId}\``;

function post(channelId: string, content: string, toModerator: boolean): ModLogPost {
  return { channelId, content: truncate(content, DISCORD_LIMITS.content), ifUnposted: toModerator ? unpostedNotice(channelId) : undefined };
}

/** "<@moderator> edited **server-3** “title” · `/csto-admin fact show id:server-3`". */
export function factChangePost(channelId: string, change: FactChange, actorId: string, fact: ServerFact): ModLogPost {
  return post(channelId, `<@${actorId}> ${change} **${fact.id}** ${titled(fact)} · ${showCommand(fact.id)}`, true);
}

export function importPost(channelId: string, actorId: string, facts: readonly ServerFact[], filename: string): ModLogPost {
  const named = facts.slice(0, MAX_NAMED_IMPORTS).map((fact) => `• **${fact.id}** ${titled(fact)}`);
  const more = facts.length > MAX_NAMED_IMPORTS ? [`… and ${facts.length - MAX_NAMED_IMPORTS} more`] : [];
  const heading = `<@${actorId}> imported ${counted(facts.length, "fact")} from ${escapeMarkdown(truncate(filename, 80))} · see them with \`/csto-admin fact list\``;
  return post(channelId, [heading, ...named, ...more].join("\n"), true);
}

export function suggestionSentPost(channelId: string, suggestion: FactSuggestion): ModLogPost {
  return post(channelId, `<@${suggestion.suggestedBy}> suggested **${suggestion.id}** ${titled(suggestion)} · review it with \`/csto-admin suggestions\``, false);
}

export function suggestionAcceptedPost(channelId: string, moderatorId: string, suggestionId: string, fact: ServerFact): ModLogPost {
  return post(channelId, `<@${moderatorId}> accepted **${suggestionId}** from <@${fact.suggestedBy}> as **${fact.id}** ${titled(fact)} · ${showCommand(fact.id)}`, true);
}

export function suggestionRejectedPost(channelId: string, moderatorId: string, suggestion: FactSuggestion): ModLogPost {
  return post(channelId, `<@${moderatorId}> rejected **${suggestion.id}** from <@${suggestion.suggestedBy}> ${titled(suggestion)}`, true);
}

export function logChannelSetPost(channelId: string, moderatorId: string): ModLogPost {
  return post(channelId, `<@${moderatorId}> made this channel the log of this server's fact changes and suggestions.`, true);
}
