import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import { CURATED_SCOPE, type Hit, type SearchEngine } from "../search/engine.js";
import { routeQuery } from "../search/routing.js";
import { cleanQuestion } from "../text/clean-input.js";

/** Below this confidence the bot says it does not know and offers the closest entries. */
export const CONFIDENCE_THRESHOLD = 0.5;
const MAX_RELATED = 5;
const MAX_SUGGESTIONS = 5;
/** Other hits this close to the best one are worth showing as related entries. */
const RELATED_SCORE_SHARE = 0.6;

export interface EntryLink {
  id: string;
  title: string;
}

export interface AnswerBody {
  id: string;
  kind: KnowledgeEntry["kind"];
  title: string;
  text: string;
  quote: string;
  quoteSource: SourceRef;
  sources: SourceRef[];
  /** Set on facts a server's moderators added. */
  addedByServer: boolean;
}

export interface Answer {
  query: string;
  answered: boolean;
  confidence: number;
  answer: AnswerBody | null;
  suggestions: EntryLink[];
  related: EntryLink[];
}

export function toAnswerBody(entry: KnowledgeEntry): AnswerBody {
  const [quote] = entry.quotes;
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    text: entry.text,
    quote: quote?.text ?? "",
    quoteSource: quote?.source ?? entry.sources[0]!,
    sources: entry.sources,
    addedByServer: entry.origin.type === "guild",
  };
}

const link = (entry: KnowledgeEntry): EntryLink => ({ id: entry.id, title: entry.title });

function uniqueLinks(entries: (KnowledgeEntry | undefined)[], exclude: string, max: number): EntryLink[] {
  const seen = new Set([exclude]);
  const links: EntryLink[] = [];
  for (const entry of entries) {
    if (!entry || seen.has(entry.id)) continue;
    seen.add(entry.id);
    links.push(link(entry));
    if (links.length === max) break;
  }
  return links;
}

export class AnswerService {
  constructor(private readonly engine: SearchEngine) {}

  /** Answers a question, or says it cannot and lists the closest entries. Throws UserFacingError on unusable input. */
  ask(rawQuestion: string, scope: string = CURATED_SCOPE): Answer {
    const question = cleanQuestion(rawQuestion);
    const route = routeQuery(question, this.engine, scope);
    if (route.type === "entry") return this.answerWith(question, route.entry, route.confidence, [], scope);

    if (route.type === "unknown-country") return this.abstain(question, 0, route.suggestions);
    const { hits } = this.engine.search(question, { scope, limit: 10 });
    const [best] = hits;
    if (!best || best.confidence < CONFIDENCE_THRESHOLD) {
      return this.abstain(question, best?.confidence ?? 0, hits.filter((hit) => hit.coverage > 0).map((hit) => hit.entry));
    }
    return this.answerWith(question, best.entry, best.confidence, hits, scope);
  }

  /** The entry with this id as an answer, for buttons and `show` commands. */
  show(id: string, scope: string = CURATED_SCOPE): Answer | undefined {
    const entry = this.engine.get(id, scope);
    return entry ? this.answerWith(entry.title, entry, 1, [], scope) : undefined;
  }

  private answerWith(question: string, entry: KnowledgeEntry, confidence: number, hits: Hit[], scope: string): Answer {
    const bestScore = hits[0]?.score ?? 0;
    const neighbours = hits.filter((hit) => hit.score >= bestScore * RELATED_SCORE_SHARE).map((hit) => hit.entry);
    const curatedRelated = entry.related.map((id) => this.engine.get(id, scope));
    return {
      query: question,
      answered: true,
      confidence: round(confidence),
      answer: toAnswerBody(entry),
      suggestions: [],
      related: uniqueLinks([...curatedRelated, ...neighbours], entry.id, MAX_RELATED),
    };
  }

  private abstain(question: string, confidence: number, closest: KnowledgeEntry[]): Answer {
    return {
      query: question,
      answered: false,
      confidence: round(confidence),
      answer: null,
      suggestions: uniqueLinks(closest, "", MAX_SUGGESTIONS),
      related: [],
    };
  }
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
