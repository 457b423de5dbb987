import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import type { AnswerBody } from "./answer.js";
import type { Standing } from "./intent.js";

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "2024-02-22" as "February 2024": the precision a reader needs. */
function monthYear(date: string): string {
  const [year, month] = date.split("-");
  return month ? `${MONTHS[Number(month) - 1]} ${year}` : year!;
}

const EVENT_WORDS: Record<string, string> = { left: "left", suspended: "suspended", rejoined: "rejoined" };
const TITLES: Record<Standing, (count: boolean) => string> = {
  members: (count) => (count ? "How many members the CSTO has" : "CSTO member states"),
  former: () => "States that left the CSTO or its treaty",
  observers: () => "CSTO observer states",
};
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function listed(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

const nameOf = (record: KnowledgeEntry) => record.country!.name;
const byName = (a: KnowledgeEntry, b: KnowledgeEntry) => nameOf(a).localeCompare(nameOf(b));
const lastEvent = (record: KnowledgeEntry, types: string[]) => record.country!.events.findLast((event) => types.includes(event.type));

/** The date of the latest status among the records ("2025-12"), or "" when there are none. */
export function latestStatusDate(records: KnowledgeEntry[]): string {
  return records.map((record) => record.country!.statusAsOf).sort().at(-1) ?? "";
}

/** The year a record's status was last confirmed. */
export const statusYear = (record: KnowledgeEntry) => Number(record.country!.statusAsOf.slice(0, 4));

/** ", as the sources last confirmed in 2017" when the states' statuses are older than the list's date, which the newest records set. */
function confirmedEarlier(records: KnowledgeEntry[], asOf: string): string {
  const confirmed = latestStatusDate(records) || asOf;
  return confirmed.slice(0, 4) < asOf.slice(0, 4) ? `, as the sources last confirmed in ${monthYear(confirmed)}` : "";
}

/** The sources of the events that make each state's status: signing, joining, leaving, freezing, observing. */
function statusSources(records: KnowledgeEntry[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const record of records) {
    const ids = new Set(record.country!.events.filter((event) => event.type !== "other").flatMap((event) => event.sources));
    for (const source of record.sources) if (ids.has(source.id) && !seen.has(source.id)) seen.set(source.id, source);
  }
  return [...seen.values()];
}

/** A record's quote from the source of its latest status event, so the quote backs the status. */
function statusQuote(record: KnowledgeEntry) {
  const latest = record.country!.events.findLast((event) => event.type !== "other");
  return record.quotes.find((quote) => latest?.sources.includes(quote.source.id)) ?? record.quotes[0];
}

/**
 * Answers about who belongs to the CSTO, worked out from the country records, the same data as
 * `/csto members`, so the two never disagree and neither goes stale while the records are kept.
 */
export class MembershipAnswers {
  private readonly unsorted: KnowledgeEntry[];
  private sorted: KnowledgeEntry[] | undefined;

  constructor(entries: Iterable<KnowledgeEntry>) {
    this.unsorted = [...entries].filter((entry) => entry.country && entry.origin.type === "curated");
  }

  /** Sorted on first use: comparing names loads the collation tables, megabytes that start-up does without. */
  private get records(): KnowledgeEntry[] {
    return (this.sorted ??= [...this.unsorted].sort(byName));
  }

  /**
   * The current members, former members and observers, the ones asked about first.
   * @param count open with how many there are
   */
  list(standing: Standing, count: boolean): AnswerBody {
    const members = this.withStatus("member");
    const frozen = this.withStatus("member-participation-frozen");
    const all = [...members, ...frozen].sort(byName);
    const former = this.withStatus("former-member");
    const treatyOnly = this.withStatus("former-treaty-party");
    const observers = this.withStatus("observer");
    const asOf = latestStatusDate([...all, ...former, ...treatyOnly, ...observers]);
    const howMany = (records: KnowledgeEntry[]) => NUMBER_WORDS[records.length] ?? String(records.length);
    const exits = (record: KnowledgeEntry) =>
      record.country!.events
        .filter((event) => ["left", "suspended", "rejoined"].includes(event.type))
        .map((event) => `${EVENT_WORDS[event.type]} ${monthYear(event.date)}`)
        .filter((words, i, all) => all.indexOf(words) === i)
        .join(", ");
    const parts: Record<Standing, string[]> = {
      members: [
        count ? `The CSTO has ${howMany(all)} member states: ${listed(all.map(nameOf))}.` : `The CSTO's ${howMany(all)} member states are ${listed(all.map(nameOf))}.`,
        ...frozen.map((record) => {
          const froze = lastEvent(record, ["froze"]);
          return `${nameOf(record)}'s participation has been frozen${froze ? ` since ${monthYear(froze.date)}` : ""}, though it remains formally a member.`;
        }),
      ],
      former: [
        former.length > 0 ? `Former members: ${listed(former.map((record) => `${nameOf(record)} (${exits(record)})`))}.` : "",
        treatyOnly.length > 0
          ? `${listed(treatyOnly.map(nameOf))} left the Collective Security Treaty in ${listed([...new Set(treatyOnly.map((record) => lastEvent(record, ["left"])!.date.slice(0, 4)))])}, before the organisation was founded in 2002.`
          : "",
      ],
      observers: [
        observers.length > 0
          ? `${count ? `${capitalised(howMany(observers))} observer states` : "Observer states"}: ${listed(observers.map((record) => `${nameOf(record)} (since ${lastEvent(record, ["observer"])?.date.slice(0, 4) ?? "?"})`))}${confirmedEarlier(observers, asOf)}.`
          : "",
      ],
    };
    const order: Standing[] = [standing, ...(["members", "former", "observers"] as const).filter((other) => other !== standing)];
    const sentences = [...order.flatMap((part) => parts[part]), `Statuses as of ${monthYear(asOf)}, from each country's record; \`/csto member\` shows one in full.`];
    const lead = { members: frozen[0] ?? all[0], former: former[0] ?? treatyOnly[0], observers: observers[0] }[standing] ?? all[0]!;
    const quote = statusQuote(lead);
    return {
      id: `csto-${standing}`,
      kind: "members",
      title: `${TITLES[standing](count)} (as of ${monthYear(asOf)})`,
      text: sentences.filter(Boolean).join(" "),
      quote: quote?.text ?? "",
      quoteSource: quote?.source ?? lead.sources[0]!,
      sources: statusSources([...all, ...former, ...treatyOnly, ...observers]),
      addedByServer: false,
    };
  }

  /** Whether one state is a member, answered from its record. */
  status(record: KnowledgeEntry): AnswerBody {
    const country = record.country!;
    const verdict: Record<string, string> = {
      member: `Yes: ${country.name} is a member of the CSTO.`,
      "member-participation-frozen": `Formally yes, but ${country.name} has frozen its participation in the CSTO.`,
      "former-member": `No: ${country.name} is no longer a member of the CSTO.`,
      "former-treaty-party": `No: ${country.name} left the Collective Security Treaty before the CSTO was founded, and never belonged to the organisation.`,
      observer: `No: ${country.name} is not a member; it is an observer state.`,
      "non-member": `No: ${country.name} is not a member of the CSTO.`,
    };
    const quote = statusQuote(record);
    return {
      id: record.id,
      kind: record.kind,
      title: record.title,
      text: `${verdict[country.status]} ${record.text}`,
      quote: quote?.text ?? "",
      quoteSource: quote?.source ?? record.sources[0]!,
      sources: record.sources,
      addedByServer: false,
    };
  }

  /** Why a status asked about now is not stated: the sources confirmed it long before the newest records. */
  unconfirmedNotice(record: KnowledgeEntry): string {
    const { name, statusAsOf } = record.country!;
    return `My sources last confirm ${name}'s status in ${monthYear(statusAsOf)}, and nothing later says whether it still holds.`;
  }

  private withStatus(status: string): KnowledgeEntry[] {
    return this.records.filter((record) => record.country!.status === status);
  }
}
