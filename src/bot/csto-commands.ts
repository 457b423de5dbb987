import { citationCounts, groupMembers } from "../answers/overview.js";
import { buildTimeline, filterTimeline, firstEventFrom, timelineLabel, type TimelineFilter, type TimelineItem } from "../answers/timeline.js";
import { renderMembershipChart } from "../charts/membership-chart.js";
import { CSTO_FOUNDED, historyOf, membershipHistory, rowOf, startOf, yearFraction, type MembershipRow, type PeriodStatus } from "../charts/membership-history.js";
import { renderTimeline } from "../charts/timeline-chart.js";
import { MESSAGES, UserFacingError } from "../errors.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { findSource } from "../knowledge/find-source.js";
import { citation, type KnowledgeEntry } from "../knowledge/model.js";
import { CURATED_SCOPE } from "../search/engine.js";
import { closestCountries, countryEntries, findCountry } from "../search/routing.js";
import { escapeMarkdown } from "../text/markdown.js";
import { aliasKey, foldText } from "../text/normalize.js";
import { customIds, parseCustomId } from "./custom-ids.js";
import { counted, truncate } from "./limits.js";
import { COLORS, entryLink, listFields, renderAnswer, sourceLine } from "./render.js";
import { DISCORD_LIMITS, type Button, type Reply, type ReplyFile } from "./reply.js";

/** Who is asking and where: a server's id scopes its own facts. */
export interface Requester {
  userId: string;
  guildId: string | null;
  /** The member's permissions in the channel, as Discord's decimal bitfield; absent outside servers. */
  permissions?: string | undefined;
  roleIds?: string[] | undefined;
  /** The user's Discord locale, e.g. "en-US" or "ru"; pictures name states in Russian for "ru". */
  locale?: string | undefined;
}

export interface Choice {
  name: string;
  value: string;
}

const TIMELINE_PAGE_SIZE = 12;
const CHART_FILE = "csto-membership.png";
const TIMELINE_FILE = "csto-timeline.png";

/** What `/csto timeline` was asked for: a page of text, or a picture, of all events or some. */
export interface TimelineRequest {
  page?: number;
  /** Open the page that holds this year's events, whatever `page` says. */
  year?: number | undefined;
  country?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  image?: boolean;
}

/** A country record links at most this many of the server's own facts about the country. */
const SERVER_FACTS_ON_RECORD = 3;
/** Coverage of a query that a fact names in full. */
const NAMES_THE_COUNTRY = 0.99;
/** An autocomplete choice for `ask` that names an entry rather than a question. */
const ENTRY_CHOICE_PREFIX = "entry:";

const scopeOf = (requester: Requester) => requester.guildId ?? CURATED_SCOPE;

const choice = (name: string, value: string): Choice => ({
  name: truncate(name, DISCORD_LIMITS.choiceName),
  value: value.slice(0, DISCORD_LIMITS.choiceValue),
});

const PERIOD_WORDS: Record<PeriodStatus, string> = {
  treaty: "treaty party",
  member: "CSTO member",
  suspended: "suspended",
  frozen: "participation frozen",
  observer: "observer",
};

/**
 * Every period of a state's record, each from the dated event that opened it: "treaty party
 * 1992-05-15 – 2002-10-07 · CSTO member since 2002-10-07". The same periods the chart draws.
 */
function describePeriods(row: MembershipRow): string {
  const dateAt = (at: number) => (at === startOf(CSTO_FOUNDED) ? CSTO_FOUNDED : row.marks.find((mark) => mark.at === at)?.date);
  return row.periods
    .map((period, i) => {
      const from = dateAt(period.from) ?? String(Math.floor(period.from));
      const isCurrent = i === row.periods.length - 1 && row.currentStatus !== null;
      return isCurrent ? `${PERIOD_WORDS[period.status]} since ${from}` : `${PERIOD_WORDS[period.status]} ${from} – ${dateAt(period.to) ?? String(Math.floor(period.to))}`;
    })
    .join(" · ");
}

/** The logic of every `/csto` subcommand, button and autocomplete; Discord and the console both call it. */
export class CstoCommands {
  constructor(private readonly kb: KnowledgeBase) {}

  ask(requester: Requester, question: string, ephemeral = false): Reply {
    const scope = scopeOf(requester);
    if (question.startsWith(ENTRY_CHOICE_PREFIX)) {
      const shown = this.kb.answers.show(question.slice(ENTRY_CHOICE_PREFIX.length), scope);
      if (shown) return renderAnswer(shown, ephemeral);
    }
    const answer = this.kb.answers.ask(question, scope);
    return answer.outcome === "help" ? this.help() : renderAnswer(answer, ephemeral);
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
        // A fact that names the country outright, not one that shares a word with its name.
        .hits.filter((hit) => hit.coverage >= NAMES_THE_COUNTRY)
        .map((hit) => entryLink(hit.entry));
      const reply = renderAnswer({ ...shown, related: [...serverFacts, ...shown.related].slice(0, DISCORD_LIMITS.buttonsPerRow) }, ephemeral);
      return this.withStrip(reply, entry, requester, countries);
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
        group.countries.map((entry) => {
          const periods = describePeriods(rowOf(entry, yearFraction(new Date())));
          return `**${entry.country!.name}**${periods ? `: ${periods}` : ""}`;
        }),
      ),
    );
    const sources = new Set(groups.flatMap((group) => group.countries.flatMap((entry) => entry.sources.map((source) => source.publisher))));
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

  timeline(requester: Requester, request: TimelineRequest = {}): Reply {
    const filter = this.timelineFilter(requester, request);
    const items = this.timelineItems(requester, filter);
    if (items.length === 0) throw new UserFacingError("No dated events match that country and period. Try a wider period, or leave `from:` and `to:` out.");
    const title = this.timelineTitle(requester, filter);
    const yearStart = request.year === undefined ? 0 : firstEventFrom(items, request.year);
    if (request.image) {
      if (yearStart === -1) throw new UserFacingError(`The timeline has no events from ${request.year} on.`);
      const picture = renderTimeline(items.slice(yearStart), title);
      return {
        embeds: [{ title, color: COLORS.list, footer: { text: `${items.length} dated events · from the cited knowledge` } }],
        files: [pictureFile(TIMELINE_FILE, picture)],
        components: [],
        ephemeral: false,
      };
    }
    const pages = Math.max(1, Math.ceil(items.length / TIMELINE_PAGE_SIZE));
    // A year after the last event opens the last page.
    const page = request.year === undefined ? (request.page ?? 0) : yearStart === -1 ? pages - 1 : Math.floor(yearStart / TIMELINE_PAGE_SIZE);
    const current = Math.min(Math.max(0, page), pages - 1);
    const lines = items.slice(current * TIMELINE_PAGE_SIZE, (current + 1) * TIMELINE_PAGE_SIZE).map((item) => {
      const cited = item.sources.map((source) => source.publisher.split(" (")[0]).join("; ");
      return `\`${item.date}\` ${truncate(timelineLabel(item), 180)} — *${truncate(cited, 80)}*${item.entryId ? ` [${item.entryId}]` : ""}`;
    });
    const buttons: Button[] = [
      { customId: customIds.timeline(current - 1, filter), label: "◀ Earlier", style: "secondary", disabled: current === 0 },
      { customId: customIds.timeline(current + 1, filter), label: "Later ▶", style: "secondary", disabled: current >= pages - 1 },
    ];
    return {
      embeds: [
        {
          title,
          description: lines.join("\n"),
          color: COLORS.list,
          footer: { text: `Page ${current + 1} of ${pages} · ${items.length} dated events` },
        },
      ],
      components: pages > 1 ? [buttons] : [],
      ephemeral: false,
    };
  }

  /** The membership history of every state that was ever a party or an observer, as a picture. */
  chart(requester: Requester): Reply {
    const picture = renderMembershipChart(membershipHistory(this.countries(scopeOf(requester))), requester.locale);
    return {
      embeds: [
        {
          title: "CSTO membership, 1992 to today",
          description: "Drawn from the country records, the same data as `/csto members`. Use `/csto member` for a state's cited record.",
          color: COLORS.list,
        },
      ],
      files: [pictureFile(CHART_FILE, picture)],
      components: [],
      ephemeral: false,
    };
  }

  sources(requester: Requester): Reply {
    const counts = citationCounts(this.kb.engine.entries(scopeOf(requester)));
    // The field's name is the title; its value gives the rest of the citation, not the title again.
    const fields = this.kb.knowledge.sources.map((source) => ({
      name: truncate(source.title, DISCORD_LIMITS.fieldName),
      value: `${citation(source)} · [link](${source.url})\nCited by ${counted(counts.get(source.id) ?? 0, "entry", "entries")} · \`${source.id}\`${source.kind === "news" ? "" : ` · ${source.kind}`}`,
    }));
    return {
      embeds: [{ title: "Sources", description: "Every answer cites one of these documents.", color: COLORS.list, fields }],
      components: [],
      ephemeral: false,
    };
  }

  source(requester: Requester, name: string): Reply {
    const source = findSource(this.kb.knowledge.sources, name);
    if (!source) throw new UserFacingError(`There is no source called "${escapeMarkdown(truncate(name, 100))}". Try \`/csto sources\` for the list.`);
    const citing = [...this.kb.engine.entries(scopeOf(requester))].filter((entry) => entry.sources.some((cited) => cited.id === source.id));
    return {
      embeds: [
        {
          title: source.title,
          url: source.url,
          description: source.dateNote ? `${sourceLine(source)}\n\n${source.dateNote}` : sourceLine(source),
          color: COLORS.list,
          fields: [
            { name: "Kind", value: source.kind === "news" ? "news report" : `${source.kind} (its claims are attributed to ${source.attribution})`, inline: true },
            { name: "Cited by", value: counted(citing.length, "entry", "entries"), inline: true },
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
      "`/csto ask question:when was the treaty signed` — a cited answer; add `private:true` to see it alone",
      "`/csto member country:armenia` — a country's record, dated and cited",
      "`/csto members` — members, former members and observers",
      "`/csto timeline year:2022` — the dated events in order, from that year's page (`page:`, `country:` and `image:true` work too)",
      "`/csto chart` — membership from 1992 to today, as a picture",
      "`/csto quiz solo topic:uzbekistan` — a quiz of your own, explained from the sources",
      "`/csto quiz round` — a question for the channel: the first right answer scores",
      "`/csto sources` — the documents behind every answer",
      "`/csto source name:bescotti` — one document and what cites it",
      "`/csto suggest` — suggest a fact to this server's moderators",
      "`/csto-admin fact add` — for moderators (Manage Server, or the role set with `/csto-admin config`): the server's own facts; a source of your own takes its publication date after its link",
      "`/csto-admin config log-channel:` — for moderators: a channel that logs every fact change and suggestion",
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
    if (action.type === "timeline") return { reply: this.pagedTimeline(requester, action.page, action.filter), updateMessage: true };
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

  /** A country record with its own strip of the membership chart, when the state was ever a party or an observer. */
  private withStrip(reply: Reply, entry: KnowledgeEntry, requester: Requester, countries: KnowledgeEntry[]): Reply {
    const strip = historyOf(membershipHistory(countries), entry.id);
    if (!strip) return reply;
    const picture = renderMembershipChart(strip, requester.locale);
    return { ...reply, files: [pictureFile(`${entry.id}.png`, picture)] };
  }

  private pagedTimeline(requester: Requester, page: number, filter: TimelineFilter): Reply {
    return this.timeline(requester, { page, country: this.countryName(requester, filter.countryId), from: filter.from, to: filter.to });
  }

  private countryName(requester: Requester, countryId: string | undefined): string | undefined {
    return countryId ? this.countries(scopeOf(requester)).find((entry) => entry.id === countryId)?.country?.name : undefined;
  }

  private timelineFilter(requester: Requester, request: TimelineRequest): TimelineFilter {
    const { from, to } = request;
    if (from !== undefined && to !== undefined && from > to) throw new UserFacingError(`\`from:\` (${from}) comes after \`to:\` (${to}); please swap them.`);
    if (request.country === undefined) return { from, to };
    const entry = findCountry(request.country, this.countries(scopeOf(requester)));
    if (!entry) throw new UserFacingError(`${MESSAGES.unknownCountry(truncate(request.country, 100))} Try \`/csto members\` for the states they do.`);
    return { countryId: entry.id, from, to };
  }

  private timelineItems(requester: Requester, filter: TimelineFilter): TimelineItem[] {
    return filterTimeline(buildTimeline(this.kb.engine.entries(scopeOf(requester))), filter);
  }

  private timelineTitle(requester: Requester, filter: TimelineFilter): string {
    const country = this.countryName(requester, filter.countryId);
    const period = filter.from !== undefined || filter.to !== undefined ? ` (${filter.from ?? "…"}–${filter.to ?? "today"})` : "";
    return `CSTO timeline${country ? `: ${country}` : ""}${period}`;
  }
}

/** A rendered picture as an attachment, with its alt text. */
function pictureFile(name: string, picture: { png: Uint8Array; description: string }): ReplyFile {
  return { name, content: picture.png, description: picture.description };
}

function showButton(entry: KnowledgeEntry): Button {
  const link = entryLink(entry);
  return { customId: customIds.show(link.id), label: link.title, style: "secondary" };
}
