import type { AnalyzedQuery, Hit } from "../search/engine.js";
import type { AskedSimilarity } from "./asked-before.js";
import type { Evidence, EntryEvidence, EvidenceReader, QuestionNames } from "./evidence.js";
import { isCheckable, type AnswerType } from "./question.js";

/**
 * The evidence a confidence model weighs for one candidate answer. Every feature is a number; the
 * yes-or-no ones are 0 or 1. The order is the order of the weights in the model file.
 */
export const FEATURE_NAMES = [
  "coverage",
  "rareCoverage",
  "strongCoverage",
  "sentenceCoverage",
  "windowCoverage",
  "windowMissing",
  "bm25Relative",
  "bm25Log",
  "bm25Margin",
  "coverageMargin",
  "fuse",
  "phrasing",
  "sameQuestionWord",
  "otherQuestionWord",
  "typeAnswered",
  "typeUnanswered",
  "typeAnsweredNear",
  "reasonGiven",
  "unmatchedNames",
  "yearMismatch",
  "otherAuthor",
  "unnamedRecord",
  "unknownShare",
  "missingWords",
  "informativeWords",
  "isRecord",
  "isDispute",
  "isOverview",
  "overviewForSpecific",
  "recordForSpecific",
  "overviewOnTopic",
  "askedVerbatim",
  "isServerFact",
  "textLength",
  "askedHere",
  "askedElsewhere",
  "askedUnanswerable",
  "askedVote",
  "askedMeaning",
  "askedMeaningMargin",
  "askedUnanswerableMeaning",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

/** How far one score leads the best of the others (negative when it trails): the ranking margin. */
export function leadOver(scores: readonly number[], index: number): number {
  return scores[index]! - Math.max(0, ...scores.filter((_, other) => other !== index));
}

/** A candidate with any of these is never the answer (see isEligible). */
const DISQUALIFYING_FEATURES = ["typeUnanswered", "yearMismatch", "unmatchedNames", "unnamedRecord"] as const satisfies readonly FeatureName[];

/**
 * What the confidence model weighs for the best candidate: how the ranking rated it, by how much it
 * won, and the ranker's features that can vary among eligible candidates. Whether the entry is a
 * server's own fact is left out too: no fitting question is about one, so nothing could teach its weight.
 */
export const CONFIDENCE_FEATURE_NAMES = [
  "rankScore",
  "rankMargin",
  ...FEATURE_NAMES.filter((name) => name !== "isServerFact" && !(DISQUALIFYING_FEATURES as readonly FeatureName[]).includes(name)),
] as const;
export type ConfidenceFeatureName = (typeof CONFIDENCE_FEATURE_NAMES)[number];
export type ConfidenceFeatures = Features & Record<ConfidenceFeatureName, number>;

/** What the question contributes to every candidate's features. */
export interface QuestionContext {
  query: AnalyzedQuery;
  type: AnswerType;
  names: QuestionNames;
  /** Indexes of query words that carry meaning: not words every entry shares, not chat. */
  informative: number[];
  /** Indexes of query words that name something: a person, place, organisation or year. */
  nameWords: number[];
}

const RARE_WORDS = 2;
/** Shares this close to 1 count as whole. */
export const WHOLE = 0.999;
/** Questions an overview can answer: not how many, when or where, which need one fact. */
const BROAD_TYPES: AnswerType[] = ["who", "why", "yes-no", "what-is", "other"];
const bit = (index: number) => (index < 32 ? 1 << index : 0);
const flag = (value: boolean) => (value ? 1 : 0);

/** Share of the words' importance that a passage's tokens match. */
function passageShare(query: AnalyzedQuery, indexes: number[], tokens: Set<string>[]): number {
  let total = 0;
  let matched = 0;
  for (const index of indexes) {
    const word = query.words[index]!;
    total += word.importance;
    if (word.alternatives.some(({ token }) => tokens.some((passage) => passage.has(token)))) matched += word.importance;
  }
  return total > 0 ? matched / total : 0;
}

/** How much of the question one sentence, and two sentences running, of the entry hold; and where they are. */
function locate(query: AnalyzedQuery, informative: number[], sentences: Evidence[]): { sentence: number; window: number; best: Evidence[]; missing: number } {
  let sentence = 0;
  let window = 0;
  let best: Evidence[] = [];
  sentences.forEach((current, i) => {
    sentence = Math.max(sentence, passageShare(query, informative, [current.tokens]));
    const pair = i + 1 < sentences.length ? [current, sentences[i + 1]!] : [current];
    const share = passageShare(query, informative, pair.map((part) => part.tokens));
    if (share > window) {
      window = share;
      best = pair;
    }
  });
  // Every word counts alike here: a question's plain words ("agree", "died") are what a near miss adds.
  const missing = informative.filter((index) => !query.words[index]!.alternatives.some(({ token }) => best.some((part) => part.tokens.has(token)))).length;
  return { sentence, window, best, missing };
}

/** Share of the words' importance that the mask matches. */
function matchedShare(query: AnalyzedQuery, indexes: number[], mask: number): number {
  let total = 0;
  let matched = 0;
  for (const index of indexes) {
    const importance = query.words[index]!.importance;
    total += importance;
    if (mask & bit(index)) matched += importance;
  }
  return total > 0 ? matched / total : 0;
}

export function candidateFeatures(context: QuestionContext, hits: Hit[], evidence: EvidenceReader, asked: (entryId: string) => AskedSimilarity): Features[] {
  const { query, type, names, informative, nameWords } = context;
  const rare = [...informative].sort((a, b) => query.words[b]!.importance - query.words[a]!.importance).slice(0, RARE_WORDS);
  const known = informative.filter((index) => query.words[index]!.known).length;
  const unknownShare = informative.length > 0 ? (informative.length - known) / informative.length : 0;
  const bestBm25 = Math.max(1e-9, ...hits.map((hit) => hit.signals.bm25));
  // What each name also stands for ("Moscow" for Russia), read once for every candidate.
  const standsFor = nameWords.map((index) => evidence.standsFor(query.words[index]!));
  const bestOther = (hit: Hit, value: (other: Hit) => number) => Math.max(0, ...hits.filter((other) => other !== hit).map(value));

  const askedOf = hits.map((hit) => asked(hit.entry.id));
  // A server's fact can never have answered an earlier question: the meaning of those neither lifts nor sinks it.
  const isServerFact = (hit: Hit) => hit.entry.origin.type === "guild";
  const curatedMeanings = hits.map((hit, index) => (isServerFact(hit) ? 0 : askedOf[index]!.meaning));
  const bestCuratedMeaning = Math.max(0, ...curatedMeanings);
  return hits.map((hit, index) => {
    const { signals, entry } = hit;
    const found: EntryEvidence = evidence.of(entry);
    const answered = isCheckable(type) && evidence.answers(type, found, names);
    const located = locate(query, informative, found.sentences);
    const answeredNear = isCheckable(type) && located.best.some((part) => evidence.answers(type, part, names));
    const askedBefore = askedOf[index]!;
    const namesMatched = nameWords.reduce((mask, index, i) => (standsFor[i]!.some((token) => found.tokens.has(token)) ? mask | bit(index) : mask), signals.matchedWords);
    return {
      coverage: hit.coverage,
      rareCoverage: matchedShare(query, rare, signals.matchedWords),
      strongCoverage: signals.strongCoverage,
      sentenceCoverage: located.sentence,
      windowCoverage: located.window,
      windowMissing: located.missing,
      bm25Relative: signals.bm25 / bestBm25,
      bm25Log: Math.log1p(signals.bm25),
      bm25Margin: (signals.bm25 - bestOther(hit, (other) => other.signals.bm25)) / bestBm25,
      coverageMargin: hit.coverage - bestOther(hit, (other) => other.coverage),
      fuse: signals.fuse,
      phrasing: signals.phrasing,
      sameQuestionWord: flag(signals.sameQuestionWord),
      otherQuestionWord: flag(signals.otherQuestionWord),
      typeAnswered: flag(answered),
      typeUnanswered: flag(isCheckable(type) && !answered),
      typeAnsweredNear: flag(answeredNear),
      reasonGiven: flag(type === "why" && found.givesReason),
      unmatchedNames: nameWords.length > 0 ? 1 - matchedShare(query, nameWords, namesMatched) : 0,
      yearMismatch: flag(signals.yearMismatch),
      otherAuthor: flag(signals.otherAuthor),
      unnamedRecord: flag(signals.unnamedRecord),
      unknownShare,
      missingWords: informative.filter((index) => query.words[index]!.known && !(signals.matchedWords & bit(index))).length,
      informativeWords: Math.log1p(informative.length),
      isRecord: flag(entry.country !== undefined),
      isDispute: flag((entry.sides?.length ?? 0) > 0),
      isOverview: flag(entry.tags.includes("overview")),
      // A broad entry holds many dates and names: for a specific question it is often right by chance, often not.
      overviewForSpecific: flag(entry.tags.includes("overview") && isCheckable(type)),
      recordForSpecific: flag(entry.country !== undefined && isCheckable(type)),
      // A broad question asked in an overview's own words is what the overview is for.
      overviewOnTopic: flag(entry.tags.includes("overview") && BROAD_TYPES.includes(type) && signals.strongCoverage >= WHOLE && unknownShare === 0),
      // A question worded like one of the entry's own questions, with no word the knowledge lacks.
      askedVerbatim: flag(signals.phrasing >= WHOLE && unknownShare === 0),
      isServerFact: flag(isServerFact(hit)),
      textLength: Math.log1p(entry.text.length),
      askedHere: askedBefore.here,
      askedElsewhere: askedBefore.elsewhere,
      askedUnanswerable: askedBefore.unanswerable,
      askedVote: askedBefore.vote,
      askedMeaning: isServerFact(hit) ? bestCuratedMeaning : askedBefore.meaning,
      // Worded apart, questions alike in meaning tell entries apart only by how much closer one comes.
      askedMeaningMargin: isServerFact(hit) ? 0 : leadOver(curatedMeanings, index),
      // Those questions were out of the curated knowledge's scope, which a server's fact adds to: for it they weigh no more than the best entry's own questions.
      askedUnanswerableMeaning: isServerFact(hit) ? Math.min(askedBefore.unanswerableMeaning, bestCuratedMeaning) : askedBefore.unanswerableMeaning,
    };
  });
}

/**
 * Whether a candidate may answer at all: it must be able to say what is asked (a place for
 * "where"), mention every year and name the question gives, and, if it is the record of a named
 * thing, be asked about that thing.
 */
export function isEligible(features: Features): boolean {
  return DISQUALIFYING_FEATURES.every((name) => features[name] === 0);
}

export function featureVector<Name extends string>(features: Record<Name, number>, names: readonly Name[]): number[] {
  return names.map((name) => features[name]);
}
