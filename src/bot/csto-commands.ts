import { CONFIDENCE_THRESHOLD } from "../answers/answer.js";
import { buildTimeline, citationCounts, groupMembers } from "../answers/overview.js";
import { MESSAGES, UserFacingError } from "../errors.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { KnowledgeEntry } from "../knowledge/model.js";
import { CURATED_SCOPE } from "../search/engine.js";
import { closestCountries, countryEntries, findCountry } from "../search/routing.js";
import { escapeMarkdown } from "../text/markdown.js";
import { aliasKey, foldText } from "../text/normalize.js";
import { customIds, parseCustomId } from "./custom-ids.js";
import { truncate } from "./limits.js";
import { COLORS, entryLink, listFields, renderAnswer, sourceLine } from "./render.js";
import { DISCORD_LIMITS, type Button, type Reply } from "./reply.js";

/** Who is asking and where: a server's id scopes its own facts. */
export interface Requester {
  userId: string;
  guildId: string | null;
  /** The member's permissions in the channel, as Discord's decimal bitfield; absent outside servers. */
  permissions?: string | undefined;
  roleIds?: string[] | undefined;
}

export interface Choice {
  name: string;
  value: string;
}

const TIMELINE_PAGE_SIZE = 12;
/** A country record links at most this many of the server's own facts about the country. */
const SERVER_FACTS_ON_RECORD = 3;
/** An autocomplete choice for `ask` that names an entry rather than a question. */
const ENTRY_CHOICE_PREFIX = "entry:";

const scopeOf = (requester: Requester) => requester.guildId ?? CURATED_SCOPE;

const choice = (name: string, value: string): Choice => ({
  name: truncate(name, DISCORD_LIMITS.choiceName),
  value: value.slice(0, DISCORD_LIMITS.choiceValue),
});

/** The logic of every `/csto` subcommand, button and autocomplete; Discord and the console both call it. */
export class CstoCommands {
  constructor(private readonly kb: KnowledgeBase) {}

  ask(requester: Requester, question: string, ephemeral = false): Reply {
    const scope = scopeOf(requester);
    if (question.startsWith(ENTRY_CHOICE_PREFIX)) {
      const shown = this.kb.answers.show(question.slice(ENTRY_CHOICE_PREFIX.length), scope);
      if (shown) return renderAnswer(shown, ephemeral);
    }
    return renderAnswer(this.kb.answers.ask(question, scope), ephemeral);
  }

  member(requester: Requester, country: string, ephemeral = false): Reply {
    const scope = scopeOf(requester);
    const countries = this.countries(scope);
    const entry = findCountry(country, countries);
    const shown = entry && this.kb.answers.show(entry.id, scope);
    if (entry && shown) {
      // The server's own facts about the country come first among the related entries.
      const serverFacts = this.kb.engine
        .search(entry.country!.name, { scope, ownFactsOnly: true, limit: SERVER_FACTS_ON_RECORD })
        .hits.filter((hit) => hit.confidence >= CONFIDENCE_THRESHOLD)
        .map((hit) => entryLink(hit.entry));
      return renderAnswer({ ...shown, related: [...serverFacts, ...shown.related].slice(0, DISCORD_LIMITS.buttonsPerRow) }, ephemeral);
    }
    return {
      embeds: [
        {
          title: "Not in the sources",
          description: `${MESSAGES.unknownCountry(truncate(country, 100))} Here are the states they do mention.`,
          color: COLORS.unsure,
        },
      ],
      components: [closestCountries(country, countries).slice(0, DISCORD_LIMITS.buttonsPerRow).map(showButton)],
      ephemeral,
    };
  }

  members(requester: Requester): Reply {
    const groups = groupMembers(this.countries(scopeOf(requester)));
    const fields = groups.flatMap((group) =>
      listFields(
        group.label,
        group.countries.map(({ entry, since, until }) => {
          const dates = until ? `${since ?? "?"} – ${until}` : since ? `since ${since}` : "";
          return `**${entry.country!.name}**${dates ? ` (${dates})` : ""}`;
        }),
      ),
    );
    const sources = new Set(groups.flatMap((group) => group.countries.flatMap(({ entry }) => entry.sources.map((source) => source.publisher))));
    return {
      embeds: [
        {
          title: "CSTO members, former members and observers",
          description: "Status as of the latest source. Use `/csto member` for a country's full, cited record.",
          color: COLORS.list,
          fields,
          footer: { text: `Sources: ${[...sources].join("; ")}` },
        },
      ],
      components: [],
      ephemeral: false,
    };
  }

  timeline(requester: Requester, page = 0): Reply {
    const items = buildTimeline(this.kb.engine.entries(scopeOf(requester)));
    const pages = Math.max(1, Math.ceil(items.length / TIMELINE_PAGE_SIZE));
    const current = Math.min(Math.max(0, page), pages - 1);
    const lines = items.slice(current * TIMELINE_PAGE_SIZE, (current + 1) * TIMELINE_PAGE_SIZE).map((item) => {
      const cited = item.sources.map((source) => source.publisher.split(" (")[0]).join("; ");
      return `\`${item.date}\` ${truncate(item.title, 160)} — *${truncate(cited, 80)}* [${item.entryId}]`;
    });
    const buttons: Button[] = [
      { customId: customIds.timeline(current - 1), label: "◀ Earlier", style: "secondary", disabled: current === 0 },
      { customId: customIds.timeline(current + 1), label: "Later ▶", style: "secondary", disabled: current >= pages - 1 },
    ];
    return {
      embeds: [
        {
          title: "CSTO timeline",
          description: lines.join("\n"),
          color: COLORS.list,
          footer: { text: `Page ${current + 1} of ${pages} · ${items.length} dated events` },
        },
      ],
      components: pages > 1 ? [buttons] : [],
      ephemeral: false,
    };
  }

  sources(requester: Requester): Reply {
    const counts = citationCounts(this.kb.engine.entries(scopeOf(requester)));
    const fields = this.kb.knowledge.sources.map((source) => ({
      name: truncate(source.title, DISCORD_LIMITS.fieldName),
      value: `${sourceLine(source)}\nCited by ${counts.get(source.id) ?? 0} entries · \`${source.id}\`${source.kind === "news" ? "" : ` · ${source.kind}`}`,
    }));
    return {
      embeds: [{ title: "Sources", description: "Every answer cites one of these documents.", color: COLORS.list, fields }],
      components: [],
      ephemeral: false,
    };
  }

  source(requester: Requester, name: string): Reply {
    const key = foldText(name);
    const source =
      this.kb.knowledge.sources.find((candidate) => candidate.id === name) ??
      this.kb.knowledge.sources.find((candidate) => foldText(`${candidate.title} ${candidate.author} ${candidate.publisher}`).includes(key));
    if (!source) throw new UserFacingError(`There is no source called "${escapeMarkdown(truncate(name, 100))}". Try \`/csto sources\` for the list.`);
    const citing = [...this.kb.engine.entries(scopeOf(requester))].filter((entry) => entry.sources.some((cited) => cited.id === source.id));
    return {
      embeds: [
        {
          title: source.title,
          url: source.url,
          description: sourceLine(source),
          color: COLORS.list,
          fields: [
            { name: "Kind", value: source.kind === "news" ? "news report" : `${source.kind} (its claims are attributed to ${source.attribution})`, inline: true },
            { name: "Cited by", value: `${citing.length} entries`, inline: true },
            ...listFields("Some entries", citing.slice(0, 10).map((entry) => `${entry.title} [${entry.id}]`)),
          ],
          footer: { text: `id: ${source.id}` },
        },
      ],
      components: [],
      ephemeral: false,
    };
  }

  help(): Reply {
    const examples = [
      "`/csto ask question:when was the treaty signed` — a cited answer",
      "`/csto member country:armenia` — a country's record, dated and cited",
      "`/csto members` — members, former members and observers",
      "`/csto timeline` — the dated events in order",
      "`/csto sources` — the documents behind every answer",
      "`/csto source name:bescotti` — one document and what cites it",
      "`/csto suggest` — suggest a fact to this server's moderators",
    ];
    return {
      embeds: [
        {
          title: "CSTO study bot",
          description:
            "I answer questions about the Collective Security Treaty Organization from five source documents and a few later, dated reports. Every answer cites its source and quotes it; opinions are attributed to their authors; when I do not know, I say so and show the closest entries. Russian questions work too (`/csto ask question:кто подписал договор`).",
          color: COLORS.list,
          fields: [{ name: "Try", value: examples.join("\n") }],
        },
      ],
      components: [],
      ephemeral: true,
    };
  }

  /** A button click; undefined when the button is not ours or is stale. */
  button(requester: Requester, customId: string): { reply: Reply; updateMessage: boolean } | undefined {
    const action = parseCustomId(customId);
    if (!action) return undefined;
    if (action.type === "timeline") return { reply: this.timeline(requester, action.page), updateMessage: true };
    const shown = this.kb.answers.show(action.entryId, scopeOf(requester));
    if (!shown) throw new UserFacingError(MESSAGES.unknownEntry(action.entryId));
    return { reply: renderAnswer(shown, true), updateMessage: false };
  }

  autocompleteQuestion(requester: Requester, typed: string): Choice[] {
    const entries = this.kb.engine.autocomplete(typed.slice(0, 200), { scope: scopeOf(requester), limit: DISCORD_LIMITS.choices });
    return entries.map((entry) => choice(entry.title, `${ENTRY_CHOICE_PREFIX}${entry.id}`));
  }

  autocompleteCountry(requester: Requester, typed: string): Choice[] {
    const key = aliasKey(typed);
    return this.countries(scopeOf(requester))
      .filter((entry) => key.length === 0 || entry.aliases.some((alias) => aliasKey(alias).startsWith(key)))
      .slice(0, DISCORD_LIMITS.choices)
      .map((entry) => choice(entry.country!.name, entry.country!.name));
  }

  autocompleteSource(typed: string): Choice[] {
    const key = foldText(typed);
    return this.kb.knowledge.sources
      .filter((source) => foldText(`${source.title} ${source.author} ${source.publisher}`).includes(key))
      .slice(0, DISCORD_LIMITS.choices)
      .map((source) => choice(`${source.title} (${source.publisher.split(" (")[0]}, ${source.date})`, source.id));
  }

  private countries(scope: string): KnowledgeEntry[] {
    return countryEntries(this.kb.engine, scope);
  }
}

function showButton(entry: KnowledgeEntry): Button {
  const link = entryLink(entry);
  return { customId: customIds.show(link.id), label: link.title, style: "secondary" };
}
