import type { CountryEntry, Entry, MembershipEvent, Source } from "./schema.js";

/** A source as answers cite it. */
export type SourceRef = Pick<Source, "id" | "title" | "author" | "publisher" | "date" | "url">;

export interface QuoteRef {
  text: string;
  source: SourceRef;
}

/** Who an entry belongs to: the shipped knowledge, or one server's moderators. */
export type EntryOrigin = { type: "curated" } | { type: "guild"; guildId: string; revision: number };

/** What the search and the answers work with, whatever file or database an entry came from. */
export interface KnowledgeEntry {
  id: string;
  kind: Entry["kind"] | "server-fact";
  title: string;
  /** The answer as shown to a reader. */
  text: string;
  /** Ways of asking for this entry: the question and its phrasings. */
  questions: string[];
  keywords: string[];
  aliases: string[];
  tags: string[];
  sources: SourceRef[];
  quotes: QuoteRef[];
  date?: string;
  related: string[];
  /** On an entry that shows a disagreement between documents: the entries that give one side each. */
  sides?: string[];
  country?: Pick<CountryEntry, "name" | "status" | "statusAsOf"> & { events: MembershipEvent[] };
  origin: EntryOrigin;
}

export function toSourceRef(source: Source): SourceRef {
  const { id, title, author, publisher, date, url } = source;
  return { id, title, author, publisher, date, url };
}

/** "Author, Publisher, date", leaving out an author the source does not name. */
export function citation(source: SourceRef): string {
  const author = source.author === "(unsigned)" ? "" : `${source.author}, `;
  return `${author}${source.publisher}, ${source.date}`;
}

const EVENT_VERB: Record<MembershipEvent["type"], string> = {
  signed: "signed",
  joined: "joined",
  left: "left",
  suspended: "suspended",
  rejoined: "rejoined",
  observer: "observer",
  froze: "froze participation",
  other: "",
};

export function describeEvent(event: MembershipEvent): string {
  const verb = EVENT_VERB[event.type];
  return verb ? `${event.date} (${verb}): ${event.text}` : `${event.date}: ${event.text}`;
}

/** Turns a validated entry into the form search and answers use. */
export function fromCuratedEntry(entry: Entry, sourceById: Map<string, Source>): KnowledgeEntry {
  const cite = (id: string): SourceRef => {
    const source = sourceById.get(id);
    if (!source) throw new Error(`entry ${entry.id} cites unknown source ${id}`);
    return toSourceRef(source);
  };
  const base = {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    keywords: entry.keywords,
    tags: entry.tags,
    sources: entry.sources.map(cite),
    quotes: entry.quotes.map((quote) => ({ text: quote.text, source: cite(quote.source) })),
    date: entry.date,
    related: entry.related,
    origin: { type: "curated" } as const,
  };
  switch (entry.kind) {
    case "qa":
      return { ...base, text: entry.answer, questions: [entry.question, ...entry.phrasings], aliases: entry.aliases, sides: entry.sides };
    case "fact":
      return { ...base, text: entry.statement, questions: [], aliases: entry.aliases };
    case "country": {
      const eventSources = entry.events.flatMap((event) => event.sources).filter((id) => !entry.sources.includes(id));
      const record = entry.events.map((event) => `• ${describeEvent(event)}`).join("\n");
      return {
        ...base,
        sources: [...entry.sources, ...new Set(eventSources)].map(cite),
        text: record ? `${entry.summary}\n${record}` : entry.summary,
        questions: [],
        aliases: [entry.name, ...entry.aliases],
        country: { name: entry.name, status: entry.status, statusAsOf: entry.statusAsOf, events: entry.events },
      };
    }
  }
}
