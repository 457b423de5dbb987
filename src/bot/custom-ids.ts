/**
 * Button custom ids carry what a click needs (Discord keeps them for us, up to 100 characters),
 * so clicks work after a restart without any stored state.
 */
const PREFIX = "csto";

export type ButtonAction = { type: "show"; entryId: string } | { type: "timeline"; page: number };

export const customIds = {
  show: (entryId: string) => `${PREFIX}:show:${entryId}`,
  timeline: (page: number) => `${PREFIX}:timeline:${page}`,
};

export function parseCustomId(customId: string): ButtonAction | undefined {
  const [prefix, type, value] = customId.split(":");
  if (prefix !== PREFIX || value === undefined) return undefined;
  if (type === "show" && /^[a-z0-9-]+$/.test(value)) return { type, entryId: value };
  if (type === "timeline" && /^\d+$/.test(value)) return { type, page: Number(value) };
  return undefined;
}
