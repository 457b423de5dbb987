import type { TimelineFilter } from "../answers/timeline.js";

/**
 * Button custom ids carry what a click needs (Discord keeps them for us, up to 100 characters),
 * so clicks work after a restart without any stored state.
 */
const PREFIX = "csto";
/** What `/csto-admin`'s buttons and forms start with. */
export const ADMIN_PREFIX = "csto-admin";


export type ButtonAction = { type: "show"; entryId: string } | { type: "timeline"; page: number; filter: TimelineFilter };

const optionalNumber = (value: string | undefined) => (value ? Number(value) : undefined);

export const customIds = {
  show: (entryId: string) => `${PREFIX}:show:${entryId}`,
  timeline: (page: number, filter: TimelineFilter = {}) => {
    const { countryId, from, to } = filter;
    return countryId || from !== undefined || to !== undefined ? `${PREFIX}:timeline:${page}:${countryId ?? ""}:${from ?? ""}:${to ?? ""}` : `${PREFIX}:timeline:${page}`;
  },
};

export function parseCustomId(customId: string): ButtonAction | undefined {
  const [prefix, type, value, countryId, from, to] = customId.split(":");
  if (prefix !== PREFIX || value === undefined) return undefined;
  if (type === "show" && /^[a-z0-9-]+$/.test(value)) return { type, entryId: value };
  if (type === "timeline" && /^\d+$/.test(value) && /^[a-z0-9-]*$/.test(countryId ?? "") && /^\d*$/.test(`${from ?? ""}${to ?? ""}`)) {
    return { type, page: Number(value), filter: { countryId: countryId || undefined, from: optionalNumber(from), to: optionalNumber(to) } };
  }
  return undefined;
}
