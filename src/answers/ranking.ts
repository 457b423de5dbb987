import type { KnowledgeEntry } from "../knowledge/model.js";
import { CURATED_SCOPE, type Hit, type SearchEngine } from "../search/engine.js";
import type { AnswerModel } from "./answer-model.js";
import type { AskedBefore } from "./asked-before.js";
import type { EvidenceReader } from "./evidence.js";
import { candidateFeatures, isEligible, leadOver, type ConfidenceFeatures, type Features, type QuestionContext } from "./features.js";
import type { IntentReader } from "./intent.js";
import { answerTypeOf, isCheckable, type CheckableType } from "./question.js";

/** The search's best entries that the models weigh: with ten, the right one was eleventh to fifteenth for one in eight of the wrong answers to the older unseen sets. */
const CANDIDATES = 15;
/** A candidate this likely to be right, were it to say what was asked, is about the question: worth naming in a near miss. */
const ABOUT_THE_QUESTION = 0.5;
/** A question this close in meaning to one the entry answered before is about the entry, as about three in four best candidates are. */
const ABOUT_THE_ENTRY = 0.75;
const ASKED_FOR: Record<CheckableType, string> = { count: "how many", when: "when", where: "where", who: "who" };

/** One candidate with the evidence for it, how the ranking rates it, and the probability that answering with it is right. */
export interface RankedCandidate {
  hit: Hit;
  features: Features;
  rankScore: number;
  /** How far its rank score leads the best of the other candidates'. */
  rankMargin: number;
  probability: number;
}

export interface Ranking {
  context: QuestionContext;
  candidates: RankedCandidate[];
}

export interface NearMiss {
  hit: Hit;
  probability: number;
  /** What the entry does say: "I know when, not where." */
  notice: string;
}

export interface RankingParts {
  engine: SearchEngine;
  askedBefore: AskedBefore;
  model: AnswerModel;
  evidence: EvidenceReader;
  intents: IntentReader;
}

/** Weighs the candidates for a question with the models, and tells what may answer it. */
export class CandidateRanker {
  private readonly disputeOf = new Map<string, KnowledgeEntry>();

  constructor(private readonly parts: RankingParts) {
    for (const entry of parts.engine.entries()) for (const side of entry.sides ?? []) this.disputeOf.set(side, entry);
  }

  /** The candidates for a question, best first by the ranking model. Also what `npm run train` learns from. */
  rank(asked: string, scope: string = CURATED_SCOPE): Ranking {
    const { engine, evidence, intents, model, askedBefore } = this.parts;
    const question = engine.readQuestion(asked, scope);
    const { query, hits } = engine.search(question, { scope, limit: CANDIDATES });
    const context: QuestionContext = {
      query,
      type: answerTypeOf(question),
      names: evidence.question(question, query.words),
      informative: query.words.flatMap((word, index) => (intents.isEvidence(word) ? [index] : [])),
      nameWords: query.words.flatMap((word, index) => (evidence.isName(word) ? [index] : [])),
    };
    const features = candidateFeatures(context, hits, evidence, askedBefore.similarityFor(query));
    const rankScores = features.map((candidate) => model.rank(candidate));
    // One object takes each candidate's features in turn: a copy for each was an eighth of what an answer allocated.
    const confidenceInput = {} as ConfidenceFeatures;
    const candidates = hits
      .map((hit, i) => {
        const rankMargin = leadOver(rankScores, i);
        Object.assign(confidenceInput, features[i]!);
        confidenceInput.rankScore = rankScores[i]!;
        confidenceInput.rankMargin = rankMargin;
        const probability = model.confidence(confidenceInput);
        return { hit, features: features[i]!, rankScore: rankScores[i]!, rankMargin, probability };
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

  /** The best candidate that would be answered if only it said what was asked, with what it does say. */
  nearMiss({ context, candidates }: Ranking): NearMiss | undefined {
    const { type } = context;
    if (!isCheckable(type)) return undefined;
    const { evidence, model } = this.parts;
    for (const candidate of candidates.filter(({ features }) => isEligible({ ...features, typeUnanswered: 0 }) && features.typeUnanswered === 1)) {
      // Questions like it were out of scope for the same reason: the entry does not say what is asked.
      // In meaning, only if it is about the entry: one that means what unrelated ones meant ("who won the world cup") is no near miss.
      const { askedMeaning, askedUnanswerableMeaning } = candidate.features;
      const unanswerableMeaning = askedMeaning >= ABOUT_THE_ENTRY ? Math.min(askedUnanswerableMeaning, askedMeaning) : askedUnanswerableMeaning;
      const saying = { ...candidate.features, typeAnswered: 1, typeUnanswered: 0, typeAnsweredNear: 1, askedUnanswerable: 0, askedUnanswerableMeaning: unanswerableMeaning };
      const rankScore = model.rank(saying);
      const rankMargin = leadOver(candidates.map((other) => (other === candidate ? rankScore : other.rankScore)), candidates.indexOf(candidate));
      const ifItSaid = model.confidence({ ...saying, rankScore, rankMargin });
      if (ifItSaid < ABOUT_THE_QUESTION) continue;
      const found = evidence.of(candidate.hit.entry);
      const { datePrecision } = context.names;
      // "On what day" near a year: the entry answers a coarser "when", and that alone is worth saying.
      const finerDate = type === "when" && datePrecision !== "year";
      const askedFor = finerDate ? `the ${datePrecision}` : ASKED_FOR[type];
      const coarserDate = finerDate ? evidence.finestDateFor(found, context.names) : undefined;
      const known = finerDate
        ? (coarserDate ? [`the ${coarserDate}`] : [])
        : (["when", "where", "who", "count"] as const).filter((other) => other !== type && evidence.answers(other, found, context.names)).map((other) => ASKED_FOR[other]);
      const notice = known.length > 0 ? `I know ${known.join(" and ")}, not ${askedFor}.` : `My sources do not say ${askedFor}.`;
      return { hit: candidate.hit, probability: candidate.probability, notice };
    }
    return undefined;
  }
}
