import type { KnowledgeEntry, SourceRef } from "../knowledge/model.js";
import { CURATED_SCOPE, type Hit, type SearchEngine } from "../search/engine.js";
import { routeQuery } from "../search/routing.js";
import { cleanQuestion } from "../text/clean-input.js";
import type { AnswerModel } from "./answer-model.js";
import type { EvidenceReader } from "./evidence.js";
import { candidateFeatures, isEligible, WHOLE, type Features, type QuestionContext } from "./features.js";
import { START_HERE, type IntentReader } from "./intent.js";
import type { MembershipAnswers } from "./membership.js";
import { answerTypeOf, isCheckable, type AnswerType, type CheckableType } from "./question.js";

const MAX_RELATED = 5;
const MAX_SUGGESTIONS = 5;
const CANDIDATES = 10;
/** Answers the engine is sure of without a model: a record named outright, or the members worked out from the records. */
const CERTAIN = 0.97;
/**
 * A broad question asked entirely in an overview's own words (its title, questions and keywords)
 * is answered by that overview: right 56 times in 59 on the fitting and tuning sets when this rule
 * was measured.
 */
const TOPIC_CONFIDENCE = 0.95;
/** A candidate this likely to be right, were it to say what was asked, is about the question: worth naming in a near miss. */
const ABOUT_THE_QUESTION = 0.5;
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

/** One candidate with the evidence for it, how the ranking rates it, and the probability that answering with it is right. */
export interface RankedCandidate {
  hit: Hit;
  features: Features;
  rankScore: number;
  probability: number;
}

export interface Ranking {
  context: QuestionContext;
  candidates: RankedCandidate[];
}

/** Questions an overview answers as a whole; "who", "when", "where" and "how many" want one fact. */
const BROAD_TYPES: AnswerType[] = ["what-is", "why", "yes-no", "other"];

const ASKED_FOR: Record<CheckableType, string> = { count: "how many", when: "when", where: "where", who: "who" };

export interface AnswerParts {
  engine: SearchEngine;
  model: AnswerModel;
  evidence: EvidenceReader;
  intents: IntentReader;
  membership: MembershipAnswers;
}

export class AnswerService {
  private readonly engine: SearchEngine;
  private readonly disputeOf = new Map<string, KnowledgeEntry>();
  /** The overview entries, the one to start with first. */
  private readonly overviews: KnowledgeEntry[];

  constructor(private readonly parts: AnswerParts) {
    this.engine = parts.engine;
    const curated = [...this.engine.entries()];
    for (const entry of curated) for (const side of entry.sides ?? []) this.disputeOf.set(side, entry);
    const startsHere = (entry: KnowledgeEntry) => Number(entry.tags.includes(START_HERE));
    this.overviews = curated.filter((entry) => entry.tags.includes("overview")).sort((a, b) => startsHere(b) - startsHere(a));
  }

  get threshold(): number {
    return this.parts.model.threshold;
  }

  /**
   * Answers a question, or says it cannot and lists the closest entries. Throws UserFacingError on unusable input.
   * @param threshold the confidence an answer needs; 0 shows what the bot would answer if it always did
   */
  ask(rawQuestion: string, scope: string = CURATED_SCOPE, threshold = this.parts.model.threshold): Answer {
    const question = cleanQuestion(rawQuestion);
    return this.direct(question, scope) ?? this.decide(question, this.rank(question, scope), scope, threshold);
  }

  /**
   * The answer to a question that needs no ranking: a record or alias named outright, help, the
   * organisation as a whole, or who its members are. Undefined when the candidates must be weighed.
   */
  direct(question: string, scope: string = CURATED_SCOPE): Answer | undefined {
    const route = routeQuery(question, this.engine, scope);
    if (route.type === "entry") return this.answerWith(question, toAnswerBody(route.entry), CERTAIN, route.entry.related, scope);
    if (route.type === "unknown-country") return this.abstain(question, "unsure", 0, route.suggestions);
    const intent = this.parts.intents.read(question, answerTypeOf(question));
    switch (intent.type) {
      case "help":
        return this.abstain(question, "help", 0, this.overviews);
      case "overview": {
        const overview = this.overviews.find((entry) => entry.tags.includes(intent.tag));
        return overview && this.answerWith(question, toAnswerBody(overview), CERTAIN, overview.related, scope);
      }
      case "states":
        return this.answerWith(question, this.parts.membership.list(intent.standing, intent.count), CERTAIN, [], scope);
      case "member-status":
        return this.answerWith(question, this.parts.membership.status(intent.record), CERTAIN, intent.record.related, scope);
      case "search":
        return undefined;
    }
  }

  /** The candidates for a question, best first by the model's probability. Also what `npm run train` learns from. */
  rank(question: string, scope: string = CURATED_SCOPE): Ranking {
    const { query, hits } = this.engine.search(question, { scope, limit: CANDIDATES });
    const context: QuestionContext = {
      query,
      type: answerTypeOf(question),
      names: this.parts.evidence.question(question),
      informative: query.words.flatMap((word, index) => (this.parts.intents.isEvidence(word) ? [index] : [])),
      nameWords: query.words.flatMap((word, index) => (this.parts.evidence.isName(word) ? [index] : [])),
    };
    const features = candidateFeatures(context, hits, this.parts.evidence);
    const rankScores = features.map((candidate) => this.parts.model.rank(candidate));
    const candidates = hits
      .map((hit, i) => {
        const rankMargin = rankScores[i]! - Math.max(0, ...rankScores.filter((_, j) => j !== i));
        const probability = this.parts.model.confidence({ ...features[i]!, rankScore: rankScores[i]!, rankMargin });
        return { hit, features: features[i]!, rankScore: rankScores[i]!, probability };
      })
      .sort((a, b) => b.rankScore - a.rankScore);
    return { context, candidates };
  }

  /**
   * The entry shown when this candidate wins: one side of a disagreement is answered with the entry
   * that shows every side, unless the question names whose side it wants.
   */
  shownFor(entry: KnowledgeEntry, context: QuestionContext): KnowledgeEntry {
    return (context.query.namedSources.size === 0 ? this.disputeOf.get(entry.id) : undefined) ?? entry;
  }

  /** The best candidate that may answer (see isEligible), whatever its probability. */
  bestGuess({ candidates }: Ranking): RankedCandidate | undefined {
    return candidates.find(({ features }) => isEligible(features));
  }

  /**
   * A server's own fact that the question matches word for word is answered whatever the model
   * says: the model was fitted on the curated knowledge, and a server's few facts are its
   * moderators' own answers to their members' questions.
   */
  private isOwnFactInFull({ hit, features }: RankedCandidate): boolean {
    return hit.entry.origin.type === "guild" && features.coverage >= WHOLE && features.unknownShare === 0;
  }

  /** The overview a broad question is asked in the words of, if any; see TOPIC_CONFIDENCE. */
  private topicOverview({ context, candidates }: Ranking): RankedCandidate | undefined {
    if (!BROAD_TYPES.includes(context.type)) return undefined;
    return candidates.find(
      ({ hit, features }) => hit.entry.tags.includes("overview") && isEligible(features) && features.strongCoverage >= WHOLE && features.unknownShare === 0,
    );
  }

  /** The entry with this id as an answer, for buttons and `show` commands. */
  show(id: string, scope: string = CURATED_SCOPE): Answer | undefined {
    const entry = this.engine.get(id, scope);
    return entry ? this.answerWith(entry.title, toAnswerBody(entry), 1, entry.related, scope) : undefined;
  }

  private decide(question: string, ranking: Ranking, scope: string, threshold: number): Answer {
    const { context, candidates } = ranking;
    // Offered entries follow the same rule as answers: a disagreement is shown whole, not one side of it.
    const closest = candidates.filter(({ hit }) => hit.coverage > 0).map(({ hit }) => this.shownFor(hit.entry, context));
    const topic = this.topicOverview(ranking);
    if (topic) return this.answerWith(question, toAnswerBody(topic.hit.entry), Math.max(topic.probability, TOPIC_CONFIDENCE), topic.hit.entry.related, scope);
    const best = this.bestGuess(ranking);
    if (!best || (best.probability < threshold && !this.isOwnFactInFull(best))) {
      const nearMiss = this.nearMiss(context, candidates);
      if (nearMiss) return { ...this.abstain(question, "near-miss", nearMiss.probability, [nearMiss.hit.entry, ...closest]), notice: nearMiss.notice };
      return this.abstain(question, "unsure", best?.probability ?? candidates[0]?.probability ?? 0, closest);
    }
    const chosen = this.shownFor(best.hit.entry, context);
    const eligible = candidates.filter(({ features }) => isEligible(features));
    const runnerUp = eligible.find(({ hit }) => hit.entry.id !== best.hit.entry.id && this.shownFor(hit.entry, context).id !== chosen.id);
    const ambiguous = runnerUp && runnerUp.probability >= threshold && best.probability - runnerUp.probability <= AMBIGUITY_GAP;
    const neighbours = eligible.filter(({ probability }) => probability >= threshold / 2).map(({ hit }) => hit.entry.id);
    const answer = this.answerWith(question, toAnswerBody(chosen), best.probability, [...chosen.related, ...neighbours], scope);
    return ambiguous ? { ...answer, alternative: link(runnerUp.hit.entry) } : answer;
  }

  /** The best candidate that would be answered if only it said what was asked, with what it does say. */
  private nearMiss(context: QuestionContext, candidates: RankedCandidate[]): { hit: Hit; probability: number; notice: string } | undefined {
    const { type } = context;
    if (!isCheckable(type)) return undefined;
    for (const candidate of candidates.filter(({ features }) => isEligible({ ...features, typeUnanswered: 0 }) && features.typeUnanswered === 1)) {
      const rankMargin = candidate.rankScore - Math.max(0, ...candidates.filter((other) => other !== candidate).map((other) => other.rankScore));
      const ifItSaid = this.parts.model.confidence({ ...candidate.features, typeAnswered: 1, typeUnanswered: 0, typeAnsweredNear: 1, rankScore: candidate.rankScore, rankMargin });
      if (ifItSaid < ABOUT_THE_QUESTION) continue;
      const evidence = this.parts.evidence.of(candidate.hit.entry);
      const known = (["when", "where", "who", "count"] as const)
        .filter((other) => other !== type && this.parts.evidence.answers(other, evidence, context.names))
        .map((other) => ASKED_FOR[other]);
      const notice = known.length > 0 ? `I know ${known.join(" and ")}, not ${ASKED_FOR[type]}.` : `My sources do not say ${ASKED_FOR[type]}.`;
      return { hit: candidate.hit, probability: candidate.probability, notice };
    }
    return undefined;
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
