import { UserFacingError } from "../errors.js";
import type { Knowledge } from "../knowledge/load.js";
import type { KnowledgeEntry } from "../knowledge/model.js";
import { foldText } from "../text/normalize.js";
import { claimYearQuestion, curatedQuestions, disputedYearsOf, type QuestionContext } from "./generate.js";
import type { QuizQuestion } from "./question.js";
import type { QuizStore } from "./quiz-store.js";

/** A server's fact as search and answers see it; undefined when the guild has no such live fact. */
export type ServerFactLookup = (guildId: string, factId: string) => Promise<KnowledgeEntry | undefined>;

export const SERVER_FACTS_TOPIC = "This server's facts";
const DECADE = /^(\d{3})0s$/;
const YEAR_SPAN = /^(\d{4})\s*(?:-|–|to|\.\.)\s*(\d{4})$/;
const ONE_YEAR = /^\d{4}$/;

/** Whether a `topic:` (a state, a document or author, a tag, a year, a span of years or a decade) selects a question. */
export function matchesTopic(question: QuizQuestion, topic: string): boolean {
  const typed = topic.trim().toLowerCase();
  const decade = DECADE.exec(typed);
  const span = YEAR_SPAN.exec(typed);
  if (decade || span || ONE_YEAR.test(typed)) {
    const [from, to] = decade ? [Number(`${decade[1]}0`), Number(`${decade[1]}9`)] : span ? [Number(span[1]), Number(span[2])] : [Number(typed), Number(typed)];
    return question.years.some((year) => year >= from && year <= to);
  }
  const folded = foldText(topic);
  if (!folded) return true;
  return foldText(question.topic) === folded || question.tags.some((tag) => ` ${tag} `.includes(` ${folded} `));
}

/**
 * Every question a server's quiz can ask: those generated from the curated knowledge, and from the
 * facts its moderators added to the pool, less the questions they turned off.
 */
export class QuizPool {
  private curatedQuestions: readonly QuizQuestion[] | undefined;

  constructor(
    private readonly entries: readonly KnowledgeEntry[],
    private readonly context: QuestionContext,
    readonly store: QuizStore | undefined,
    private readonly serverFact: ServerFactLookup = async () => undefined,
  ) {}

  static fromKnowledge(knowledge: Knowledge, store?: QuizStore, serverFact?: ServerFactLookup, today: Date = new Date()): QuizPool {
    const context: QuestionContext = { sources: knowledge.sources, thisYear: today.getUTCFullYear(), disputedYears: disputedYearsOf(knowledge.entries) };
    return new QuizPool(knowledge.entries, context, store, serverFact);
  }

  /** The questions generated from the curated knowledge, on first use: start-up needs none of them. */
  private get curated(): readonly QuizQuestion[] {
    return (this.curatedQuestions ??= curatedQuestions(this.entries, this.context));
  }

  /** The questions a guild's members can be asked (outside servers: the curated ones). */
  async questions(guildId: string | null): Promise<QuizQuestion[]> {
    if (!guildId || !this.store) return [...this.curated];
    const [disabled, all] = await Promise.all([this.store.disabledQuestions(guildId), this.allOf(guildId)]);
    return all.filter((question) => !disabled.has(question.id));
  }

  /** The questions on a topic; a polite error when there are none. */
  async onTopic(guildId: string | null, topic: string | undefined): Promise<QuizQuestion[]> {
    const questions = await this.questions(guildId);
    const chosen = topic ? questions.filter((question) => matchesTopic(question, topic)) : questions;
    if (chosen.length === 0) {
      throw new UserFacingError(`I have no quiz questions on “${topic?.slice(0, 100)}”. Try a state (Uzbekistan), an author (Bescotti), a year or decade (2012, 1990s), or leave the topic out.`);
    }
    return chosen;
  }

  /** Topics worth offering as `topic:` choices: each question's topic, the authors, and the decades asked about. */
  async topics(guildId: string | null): Promise<string[]> {
    const questions = await this.questions(guildId);
    const authors = this.context.sources.flatMap((source) => (source.kind !== "news" && source.attribution ? [source.attribution.split(" ").at(-1)!] : []));
    const decades = questions.flatMap((question) => question.years.map((year) => `${Math.floor(year / 10) * 10}s`));
    return [...new Set([...questions.map((question) => question.topic), ...authors, ...decades.sort()])];
  }

  /** Adds a server fact to the quiz: it must name one year that its quote backs, so the question has one right answer. */
  async addFact(guildId: string, factId: string, actorId: string): Promise<QuizQuestion> {
    const entry = await this.serverFact(guildId, factId);
    if (!entry) throw new UserFacingError(`This server has no fact **${factId.slice(0, 40)}**. See \`/csto-admin fact list\`.`);
    const question = claimYearQuestion(entry, this.context, SERVER_FACTS_TOPIC);
    if (!question) {
      throw new UserFacingError(`**${factId}** cannot become a fair question: the quiz asks for the year in a fact, so its statement needs one year (e.g. 2013) that its supporting quote also names.`);
    }
    await this.requireStore().setFactInPool(guildId, factId, true, actorId);
    return question;
  }

  async removeFact(guildId: string, factId: string, actorId: string): Promise<void> {
    if (!(await this.requireStore().poolFacts(guildId)).includes(factId)) throw new UserFacingError(`**${factId}** is not in this server's quiz.`);
    await this.requireStore().setFactInPool(guildId, factId, false, actorId);
  }

  /** Turns a question off for one guild, or back on. */
  async setQuestionEnabled(guildId: string, questionId: string, enabled: boolean, actorId: string): Promise<QuizQuestion> {
    const question = (await this.allOf(guildId)).find((candidate) => candidate.id === questionId);
    if (!question) throw new UserFacingError(`There is no quiz question \`${questionId.slice(0, 80)}\`. Its id is shown under every question.`);
    await this.requireStore().setQuestionDisabled(guildId, questionId, !enabled, actorId);
    return question;
  }

  private async allOf(guildId: string): Promise<QuizQuestion[]> {
    const factIds = this.store ? await this.store.poolFacts(guildId) : [];
    const own = await Promise.all(factIds.map((factId) => this.factQuestion(guildId, factId)));
    return [...this.curated, ...own.filter((question) => question !== undefined)];
  }

  /** A removed fact simply leaves the quiz. */
  private async factQuestion(guildId: string, factId: string): Promise<QuizQuestion | undefined> {
    const entry = await this.serverFact(guildId, factId);
    return entry && claimYearQuestion(entry, this.context, SERVER_FACTS_TOPIC);
  }

  private requireStore(): QuizStore {
    if (!this.store) throw new UserFacingError("The quiz cannot store settings in this setup.");
    return this.store;
  }
}
