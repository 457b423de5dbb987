import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import type { CountryStatus } from "../knowledge/schema.js";

export interface TimelineItem {
  date: string;
  title: string;
  entryId: string;
  sources: SourceRef[];
}

/** Every dated entry and every dated membership event, oldest first (partial dates sort before full ones). */
export function buildTimeline(entries: Iterable<KnowledgeEntry>): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const entry of entries) {
    if (entry.date) items.push({ date: entry.date, title: entry.title, entryId: entry.id, sources: entry.sources });
    for (const event of entry.country?.events ?? []) {
      const sources = entry.sources.filter((source) => event.sources.includes(source.id));
      items.push({ date: event.date, title: `${entry.country!.name}: ${event.text}`, entryId: entry.id, sources });
    }
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

export interface MemberGroup {
  status: CountryStatus;
  label: string;
  countries: KnowledgeEntry[];
}

const STATUS_LABELS: [CountryStatus, string][] = [
  ["member", "Members"],
  ["member-participation-frozen", "Members with participation frozen"],
  ["former-member", "Former members"],
  ["former-treaty-party", "Former parties to the treaty, never CSTO members"],
  ["observer", "Observers"],
];

/** Countries grouped by their status as of the latest source. */
export function groupMembers(entries: Iterable<KnowledgeEntry>): MemberGroup[] {
  const countries = [...entries].filter((entry) => entry.country);
  return STATUS_LABELS.map(([status, label]) => ({
    status,
    label,
    countries: countries
      .filter((entry) => entry.country!.status === status)
      .sort((a, b) => a.country!.name.localeCompare(b.country!.name)),
  })).filter((group) => group.countries.length > 0);
}

/** How many entries cite each source. */
export function citationCounts(entries: Iterable<KnowledgeEntry>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) for (const source of entry.sources) counts.set(source.id, (counts.get(source.id) ?? 0) + 1);
  return counts;
}
