import { SERVER_SOURCE_ID } from "../facts/fact-store.js";
import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import { CURATED_SCOPE, type SearchEngine } from "../search/engine.js";
import { routeQuery } from "../search/routing.js";
import { cleanQuestion } from "../text/clean-input.js";
import { isEligible, WHOLE } from "./features.js";
import type { PackedQuestions } from "./asked-before.js";
import { START_HERE } from "./intent.js";
import type { MembershipAnswers } from "./membership.js";
import { answerTypeOf } from "./question.js";
import { CandidateRanker, type RankedCandidate, type Ranking, type RankingParts } from "./ranking.js";

const MAX_RELATED = 5;
const MAX_SUGGESTIONS = 5;
/** Answers the engine is sure of without a model: a record named outright, or the members worked out from the records. */
const CERTAIN = 0.97;
/** A runner-up this close to the answer, and itself above the threshold, is offered as "or did you mean". */
const AMBIGUITY_GAP = 0.15;

export interface EntryLink {
  id: string;
  title: string;
}

export interface AnswerBody {
  id: string;
  kind: KnowledgeEntry["kind"] | "members";
  title: string;
  text: string;
  quote: string;
  quoteSource: SourceRef;
  sources: SourceRef[];
  /** Set on facts a server's moderators added. */
  addedByServer: boolean;
}

/**
 * - answered: an entry answers the question
 * - unsure: nothing answers it with enough confidence; the closest entries are suggested
 * - near-miss: an entry is about it but does not say what was asked (a date, not a place)
 * - help: the question asks for nothing but help
 */
export type Outcome = "answered" | "unsure" | "near-miss" | "help";

export interface Answer {
  query: string;
  answered: boolean;
  outcome: Outcome;
  /** The probability that the answer is right (or that the best candidate would have been). */
  confidence: number;
  answer: AnswerBody | null;
  /** What the bot knows instead, for a near miss. */
  notice?: string;
  /** Another plausible answer that says something different. */
  alternative?: EntryLink;
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

/**
 * Whose words a quote is: a listed source's (checked against its text), or a source the server's
 * moderators typed in, which nobody can check and which is credited to them.
 */
export function quoteCredit(body: AnswerBody): string {
  return body.addedByServer && body.quoteSource.id === SERVER_SOURCE_ID ? `quoted by this server's moderators from ${body.quoteSource.title}` : body.quoteSource.title;
}

/** An entry shown as it is, not as an answer to a question: previews, `show` commands. */
export function presentEntry(entry: KnowledgeEntry): Answer {
  return { query: entry.title, answered: true, outcome: "answered", confidence: 1, answer: toAnswerBody(entry), suggestions: [], related: [] };
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

export interface AnswerParts extends RankingParts {
  membership: MembershipAnswers;
}

/** Decides whether to answer a question, and with what: the routes that need no ranking first, then the ranked candidates. */
export class AnswerService {
  private readonly engine: SearchEngine;
  readonly ranker: CandidateRanker;
  /** The overview entries, the one to start with first. */
  private readonly overviews: KnowledgeEntry[];

  constructor(private readonly parts: AnswerParts) {
    this.engine = parts.engine;
    this.ranker = new CandidateRanker(parts);
    const curated = [...this.engine.entries()];
    const startsHere = (entry: KnowledgeEntry) => Number(entry.tags.includes(START_HERE));
    this.overviews = curated.filter((entry) => entry.tags.includes("overview")).sort((a, b) => startsHere(b) - startsHere(a));
  }

  get threshold(): number {
    return this.parts.model.threshold;
  }

  /** Does the work the first question would otherwise wait for. */
  prepare(): void {
    this.parts.askedBefore.prepare();
  }

  /** The questions asked before, packed for the build's snapshot. */
  askedQuestions(): PackedQuestions {
    return this.parts.askedBefore.packed();
  }

  /**
   * Answers a question, or says it cannot and lists the closest entries. Throws UserFacingError on unusable input.
   * @param threshold the confidence an answer needs; 0 shows what the bot would answer if it always did
   */
  ask(rawQuestion: string, scope: string = CURATED_SCOPE, threshold = this.parts.model.threshold): Answer {
    const question = cleanQuestion(rawQuestion);
    return this.direct(question, scope) ?? this.decide(question, this.ranker.rank(question, scope), scope, threshold);
  }

  /**
   * The answer to a question that needs no ranking: a record or alias named outright, help, the
   * organisation as a whole, or who its members are. Undefined when the candidates must be weighed.
   */
  direct(asked: string, scope: string = CURATED_SCOPE): Answer | undefined {
    const question = this.engine.readQuestion(asked, scope);
    const route = routeQuery(question, this.engine, scope);
    if (route.type === "entry") return this.answerWith(asked, toAnswerBody(route.entry), CERTAIN, route.entry.related, scope);
    if (route.type === "unknown-country") return this.abstain(asked, "unsure", 0, route.suggestions);
    const intent = this.parts.intents.read(question, answerTypeOf(question));
    switch (intent.type) {
      case "help":
        return this.abstain(asked, "help", 0, this.overviews);
      case "overview": {
        const overview = this.overviews.find((entry) => entry.tags.includes(intent.tag));
        return overview && this.answerWith(asked, toAnswerBody(overview), CERTAIN, overview.related, scope);
      }
      case "states":
        return this.answerWith(asked, this.parts.membership.list(intent.standing, intent.count), CERTAIN, [], scope);
      case "member-status":
        return this.answerWith(asked, this.parts.membership.status(intent.record), CERTAIN, intent.record.related, scope);
      case "status-unconfirmed":
        return { ...this.abstain(asked, "near-miss", 0, [intent.record]), notice: this.parts.membership.unconfirmedNotice(intent.record) };
      case "search":
        return undefined;
    }
  }

  /**
   * A server's own fact that the question matches word for word is answered whatever the model
   * says: the model was fitted on the curated knowledge, and a server's few facts are its
   * moderators' own answers to their members' questions.
   */
  private isOwnFactInFull({ hit, features }: RankedCandidate): boolean {
    return hit.entry.origin.type === "guild" && features.coverage >= WHOLE && features.unknownShare === 0;
  }

  /** The entry with this id as an answer, for buttons and `show` commands. */
  show(id: string, scope: string = CURATED_SCOPE): Answer | undefined {
    const entry = this.engine.get(id, scope);
    return entry ? this.answerWith(entry.title, toAnswerBody(entry), 1, entry.related, scope) : undefined;
  }

  private decide(question: string, ranking: Ranking, scope: string, threshold: number): Answer {
    const { context, candidates } = ranking;
    // Offered entries follow the same rule as answers: a disagreement is shown whole, not one side of it.
    const closest = candidates.filter(({ hit }) => hit.coverage > 0).map(({ hit }) => this.ranker.shownFor(hit.entry, context));
    const best = this.ranker.bestGuess(ranking);
    if (!best || (best.probability < threshold && !this.isOwnFactInFull(best))) {
      const nearMiss = this.ranker.nearMiss(ranking);
      if (nearMiss) return { ...this.abstain(question, "near-miss", nearMiss.probability, [nearMiss.hit.entry, ...closest]), notice: nearMiss.notice };
      // A candidate that may not answer (it names another country, say) was never likely to be right: the confidence model never weighs one.
      return this.abstain(question, "unsure", best?.probability ?? 0, closest);
    }
    const chosen = this.ranker.shownFor(best.hit.entry, context);
    const eligible = candidates.filter(({ features }) => isEligible(features));
    const runnerUp = eligible.find(({ hit }) => hit.entry.id !== best.hit.entry.id && this.ranker.shownFor(hit.entry, context).id !== chosen.id);
    const ambiguous = runnerUp && runnerUp.probability >= threshold && best.probability - runnerUp.probability <= AMBIGUITY_GAP;
    const neighbours = eligible.filter(({ probability }) => probability >= threshold / 2).map(({ hit }) => hit.entry.id);
    const answer = this.answerWith(question, toAnswerBody(chosen), best.probability, [...chosen.related, ...neighbours], scope);
    return ambiguous ? { ...answer, alternative: link(runnerUp.hit.entry) } : answer;
  }

  private answerWith(question: string, body: AnswerBody, confidence: number, relatedIds: string[], scope: string): Answer {
    return {
      query: question,
      answered: true,
      outcome: "answered",
      confidence: round(confidence),
      answer: body,
      suggestions: [],
      related: uniqueLinks(relatedIds.map((id) => this.engine.get(id, scope)), body.id, MAX_RELATED),
    };
  }

  private abstain(question: string, outcome: Exclude<Outcome, "answered">, confidence: number, closest: KnowledgeEntry[]): Answer {
    return {
      query: question,
      answered: false,
      outcome,
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
