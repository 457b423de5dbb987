import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";

/** A state a timeline line concerns: its record's id and its name. */
export interface TimelineState {
  id: string;
  name: string;
}

/** One event: told by a dated entry, or only by the records of the states it concerns. */
export interface TimelineItem {
  date: string;
  /** The entry's title, or the records' own text of the event. */
  title: string;
  /** The entry that tells the event; absent on a line that only several records hold. */
  entryId?: string | undefined;
  /** The states whose records hold the event, by name. */
  states: TimelineState[];
  sources: SourceRef[];
}

/** Which lines of the timeline to show: one state's, and a span of years (both ends included). */
export interface TimelineFilter {
  countryId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

function addState(item: TimelineItem, state: TimelineState, sources: SourceRef[]): void {
  if (!item.states.some((known) => known.id === state.id)) item.states.push(state);
  for (const source of sources) if (!item.sources.some((known) => known.id === source.id)) item.sources.push(source);
}

/**
 * Every event once, oldest first (partial dates sort before full ones). A record's event joins the
 * line of the entry it names as telling it; events that several records tell in the same words on
 * the same date make one line; either way the line names every state concerned.
 */
export function buildTimeline(entries: Iterable<KnowledgeEntry>): TimelineItem[] {
  const all = [...entries];
  const byEntry = new Map<string, TimelineItem>();
  for (const entry of all) {
    if (entry.date && !entry.country) byEntry.set(entry.id, { date: entry.date, title: entry.title, entryId: entry.id, states: [], sources: [...entry.sources] });
  }
  const recordOnly = new Map<string, TimelineItem>();
  for (const entry of all) {
    if (!entry.country) continue;
    const state = { id: entry.id, name: entry.country.name };
    for (const event of entry.country.events) {
      const sources = entry.sources.filter((source) => event.sources.includes(source.id));
      const told = event.entry === undefined ? undefined : byEntry.get(event.entry);
      if (told) {
        addState(told, state, sources);
        continue;
      }
      const key = `${event.date}\n${event.text}`;
      const shared = recordOnly.get(key) ?? { date: event.date, title: event.text, states: [], sources: [] };
      recordOnly.set(key, shared);
      addState(shared, state, sources);
    }
  }
  const items = [...byEntry.values(), ...recordOnly.values()];
  for (const item of items) {
    item.states.sort((a, b) => a.name.localeCompare(b.name));
    // A line only one record holds still opens that record.
    if (item.entryId === undefined && item.states.length === 1) item.entryId = item.states[0]!.id;
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || timelineLabel(a).localeCompare(timelineLabel(b)));
}

/** A line's text: its title, after the states it concerns unless the title names them all. */
export function timelineLabel(item: TimelineItem): string {
  const unnamed = item.states.some((state) => !item.title.includes(state.name));
  return unnamed ? `${item.states.map((state) => state.name).join(", ")}: ${item.title}` : item.title;
}

export function filterTimeline(items: TimelineItem[], filter: TimelineFilter): TimelineItem[] {
  const { countryId, from, to } = filter;
  return items.filter((item) => {
    const year = Number(item.date.slice(0, 4));
    return (!countryId || item.states.some((state) => state.id === countryId)) && (from === undefined || year >= from) && (to === undefined || year <= to);
  });
}

/** Where the events of `year` begin: the index of its first event, or of the first later one; -1 when none is that late. */
export function firstEventFrom(items: TimelineItem[], year: number): number {
  return items.findIndex((item) => Number(item.date.slice(0, 4)) >= year);
}
