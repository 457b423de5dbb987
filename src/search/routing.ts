import type { KnowledgeEntry } from "../knowledge/model.js";
import { aliasKey, foldText } from "../text/normalize.js";
import { damerauLevenshtein } from "../text/edit-distance.js";
import type { SearchEngine } from "./engine.js";

/** Terse queries that name their target go straight to it instead of through ranking. */
export type Route =
  | { type: "entry"; entry: KnowledgeEntry; confidence: number }
  | { type: "unknown-country"; name: string; suggestions: KnowledgeEntry[] }
  | { type: "search" };

const ROUTED_CONFIDENCE = 0.97;
const MEMBER_BEFORE = /^(?:is\s+)?(?:member|members|membership|status|country|член|членство|статус|страна)\s+(.+)$/;
const MEMBER_AFTER = /^(.+?)\s+(?:member|membership|status|членство|статус)$/;
/** At most this many words count as a country name in `member X`. */
const MAX_NAME_WORDS = 3;

export function countryEntries(engine: SearchEngine, scope: string): KnowledgeEntry[] {
  return [...engine.aliasedEntries(scope)].filter((entry) => entry.country);
}

/** The country an alias names, allowing one typo per five letters. */
export function findCountry(name: string, countries: KnowledgeEntry[]): KnowledgeEntry | undefined {
  const key = aliasKey(name);
  let best: { entry: KnowledgeEntry; edits: number } | undefined;
  for (const entry of countries) {
    for (const alias of entry.aliases) {
      const aliasFolded = aliasKey(alias);
      if (aliasFolded === key) return entry;
      const allowed = Math.floor(key.length / 5);
      const edits = damerauLevenshtein(key, aliasFolded, allowed);
      if (edits <= allowed && (!best || edits < best.edits)) best = { entry, edits };
    }
  }
  return best?.entry;
}

/** Countries ordered by how close one of their names is to `name`. */
export function closestCountries(name: string, countries: KnowledgeEntry[]): KnowledgeEntry[] {
  const key = aliasKey(name);
  const distance = new Map(countries.map((entry) => [entry, Math.min(...entry.aliases.map((alias) => damerauLevenshtein(key, aliasKey(alias))))]));
  return [...countries].sort((a, b) => distance.get(a)! - distance.get(b)!);
}

export function routeQuery(question: string, engine: SearchEngine, scope: string): Route {
  const folded = foldText(question);
  const memberMatch = MEMBER_BEFORE.exec(folded) ?? MEMBER_AFTER.exec(folded);
  const name = memberMatch?.[1];
  if (name && name.split(" ").length <= MAX_NAME_WORDS) {
    const countries = countryEntries(engine, scope);
    const country = findCountry(name, countries);
    if (country) return { type: "entry", entry: country, confidence: ROUTED_CONFIDENCE };
    // "member states" is a question about members; "member moldova" names a state the sources never mention.
    if (!engine.knowsAnyWord(name, scope)) {
      return { type: "unknown-country", name, suggestions: closestCountries(name, countries) };
    }
  }
  const aliased = engine.byAlias(folded, scope);
  return aliased ? { type: "entry", entry: aliased, confidence: ROUTED_CONFIDENCE } : { type: "search" };
}
