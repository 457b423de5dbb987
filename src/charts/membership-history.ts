import { groupMembers } from "../answers/overview.js";
import type { KnowledgeEntry } from "../knowledge/model.js";
import type { MembershipEvent } from "../knowledge/schema.js";
import { isCyrillic } from "../text/normalize.js";

/** How a state took part in the treaty or the organisation during one period. */
export type PeriodStatus = "treaty" | "member" | "suspended" | "frozen" | "observer";

/** Dates on the chart are fractional years: 2012.45 is early June 2012. */
export interface Period {
  status: PeriodStatus;
  from: number;
  to: number;
}

export interface HistoryMark {
  at: number;
  date: string;
  type: MembershipEvent["type"];
}

export interface MembershipRow {
  entryId: string;
  name: string;
  /** The state's Russian name: the first Cyrillic alias of its record. */
  nameRu: string;
  periods: Period[];
  marks: HistoryMark[];
  /** What the state is at the chart's end; null when it has left. */
  currentStatus: PeriodStatus | null;
  /** The documents its record cites. */
  sourceIds: string[];
}

export interface KeyEvent {
  at: number;
  date: string;
  type: MembershipEvent["type"];
  countries: string[];
}

export interface MembershipHistory {
  from: number;
  to: number;
  rows: MembershipRow[];
  keyEvents: KeyEvent[];
}

export const CHART_START_YEAR = 1992;
/**
 * The treaty's parties founded the Collective Security Treaty Organization on this day (the
 * country records' 2002-10-07 events): before it a state is a treaty party, after it a member.
 */
export const CSTO_FOUNDED = "2002-10-07";

/** Events that open or close a period; "other" events are context, not changes of status. */
const STATUS_EVENTS = new Set<MembershipEvent["type"]>(["signed", "joined", "observer", "rejoined", "suspended", "froze", "left"]);
/** Within one year, the order in which events of a record can follow each other. */
const SAME_YEAR_ORDER: MembershipEvent["type"][] = ["signed", "joined", "observer", "rejoined", "suspended", "froze", "left"];
/** The most telling event of a year is the one marked on the chart. */
const KEY_EVENT_PRIORITY: MembershipEvent["type"][] = ["froze", "suspended", "rejoined", "left"];

const DAYS_IN_YEAR = 365;

/** The first moment a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean, as a fractional year. */
export function startOf(date: string): number {
  const [year, month = 1, day = 1] = date.split("-").map(Number);
  return year! + (month - 1) / 12 + (day - 1) / DAYS_IN_YEAR;
}

/** The last moment a partial date can mean. */
export function endOf(date: string): number {
  const parts = date.split("-").map(Number);
  if (parts.length === 1) return parts[0]! + 1 - 1 / DAYS_IN_YEAR;
  if (parts.length === 2) return parts[0]! + parts[1]! / 12 - 1 / DAYS_IN_YEAR;
  return startOf(date);
}

export function yearFraction(date: Date): number {
  const start = Date.UTC(date.getUTCFullYear(), 0, 1);
  const end = Date.UTC(date.getUTCFullYear() + 1, 0, 1);
  return date.getUTCFullYear() + (date.getTime() - start) / (end - start);
}

function bySameYearOrder(a: MembershipEvent, b: MembershipEvent): number {
  return a.date.slice(0, 4).localeCompare(b.date.slice(0, 4)) || SAME_YEAR_ORDER.indexOf(a.type) - SAME_YEAR_ORDER.indexOf(b.type) || a.date.localeCompare(b.date);
}

function russianName(entry: KnowledgeEntry): string {
  return entry.aliases.find((alias) => isCyrillic(alias)) ?? entry.country!.name;
}

/** A treaty period that runs past the CSTO's founding becomes membership from that day. */
function splitAtFounding(period: Period): Period[] {
  const founded = startOf(CSTO_FOUNDED);
  if (period.status !== "treaty" || period.to <= founded) return [period];
  if (period.from >= founded) return [{ ...period, status: "member" }];
  return [{ ...period, to: founded }, { status: "member", from: founded, to: period.to }];
}

/** One state's periods, read from its dated events in order. */
export function rowOf(entry: KnowledgeEntry, end: number): MembershipRow {
  const events = entry.country!.events.filter((event) => STATUS_EVENTS.has(event.type)).sort(bySameYearOrder);
  const periods: Period[] = [];
  const marks: HistoryMark[] = [];
  let open: { status: PeriodStatus; from: number } | undefined;
  const close = (at: number) => {
    if (open && at > open.from) periods.push(...splitAtFounding({ ...open, to: at }));
    open = undefined;
  };
  for (const event of events) {
    // "Left in 2012" after "suspended in June 2012" can only mean later that year.
    const at = open && startOf(event.date) < open.from ? endOf(event.date) : startOf(event.date);
    marks.push({ at, date: event.date, type: event.type });
    close(at);
    if (event.type === "signed" || event.type === "joined") open = { status: "treaty", from: at };
    else if (event.type === "rejoined") open = { status: "member", from: at };
    else if (event.type === "observer") open = { status: "observer", from: at };
    else if (event.type === "suspended") open = { status: "suspended", from: at };
    else if (event.type === "froze") open = { status: "frozen", from: at };
  }
  const last = open;
  close(end);
  const currentStatus = last ? (periods.at(-1)?.status ?? null) : null;
  const sourceIds = entry.sources.map((source) => source.id);
  return { entryId: entry.id, name: entry.country!.name, nameRu: russianName(entry), periods, marks, currentStatus, sourceIds };
}

/** Per year, the most telling change of status, with every state it concerned. */
export function keyEventsOf(rows: MembershipRow[]): KeyEvent[] {
  const byYear = new Map<string, KeyEvent>();
  for (const type of KEY_EVENT_PRIORITY) {
    for (const row of rows) {
      for (const mark of row.marks.filter((candidate) => candidate.type === type)) {
        const year = mark.date.slice(0, 4);
        const existing = byYear.get(year);
        if (!existing) byYear.set(year, { at: mark.at, date: mark.date, type, countries: [row.name] });
        else if (existing.type === type && !existing.countries.includes(row.name)) existing.countries.push(row.name);
      }
    }
  }
  return [...byYear.values()].sort((a, b) => a.at - b.at);
}

/**
 * Every state that was ever a treaty party or an observer, in the order of `/csto members`
 * (members, frozen, former members, observers), each with its periods up to `today`.
 */
export function membershipHistory(entries: Iterable<KnowledgeEntry>, today: Date = new Date()): MembershipHistory {
  const end = yearFraction(today);
  const rows = groupMembers(entries)
    .flatMap((group) => group.countries.map((entry) => rowOf(entry, end)))
    .filter((row) => row.periods.length > 0);
  return { from: CHART_START_YEAR, to: end, rows, keyEvents: keyEventsOf(rows) };
}

/** The same history narrowed to one state, for its own strip. */
export function historyOf(history: MembershipHistory, entryId: string): MembershipHistory | undefined {
  const rows = history.rows.filter((row) => row.entryId === entryId);
  return rows.length > 0 ? { ...history, rows, keyEvents: keyEventsOf(rows) } : undefined;
}
