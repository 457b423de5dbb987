import type { KnowledgeEntry } from "../knowledge/model.js";
import type { CountryStatus } from "../knowledge/schema.js";

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
