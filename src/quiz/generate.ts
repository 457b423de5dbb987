import type { KnowledgeEntry, QuoteRef, SourceRef } from "../knowledge/model.js";
import type { CountryStatus, MembershipEvent, Source } from "../knowledge/schema.js";
import { foldText } from "../text/normalize.js";
import { CHOICES_PER_QUESTION, type QuizQuestion } from "./question.js";
import { seededRandom, shortHash, shuffled } from "./random.js";

/** What questions are made from: the entries (curated, or a server's), and the sources for kinds and authors. */
export interface QuestionContext {
  sources: readonly Source[];
  /** The latest year a distractor may be. */
  thisYear: number;
  /** Years that documents disagree about (from the disagreement entries): a question about them names its source. */
  disputedYears: ReadonlySet<string>;
}

const EARLIEST_YEAR = 1990;
const YEAR = /\b(19[89]\d|20\d\d)\b/g;
/** Quotes shorter than this say too little to know an author by; longer ones do not fit a prompt. */
const QUOTE_LENGTH = { min: 40, max: 300 } as const;
/** Tag of the entries that set documents' disagreements side by side. */
export const DISAGREEMENT_TAG = "disagreement";
/** Entries about a document itself (its author, where it appeared) test trivia, not the CSTO. */
const ABOUT_THE_SOURCE_TAG = "about-the-source";
/** A quote worth asking "who wrote this?" about says something about the organisation and its world. */
const SUBSTANTIVE_QUOTE = /\b(csto|nato|treaty|collective|security|organi[sz]ation|alliance|russia|moscow|member)\b/i;

const EVENT_PHRASES: Partial<Record<MembershipEvent["type"], string>> = {
  signed: "sign the Collective Security Treaty",
  joined: "join the Collective Security Treaty",
  left: "leave the Collective Security Treaty",
  suspended: "suspend its participation in the CSTO",
  rejoined: "rejoin the CSTO",
  observer: "become a CSTO observer",
  froze: "freeze its participation in the CSTO",
};

interface StatusQuestion {
  prompt: string;
  /** Words a quote must contain to back the status. */
  evidence: RegExp;
  /** Statuses whose states are wrong answers beyond doubt. */
  distractors: CountryStatus[];
}

const STATUS_QUESTIONS: Partial<Record<CountryStatus, StatusQuestion>> = {
  observer: { prompt: "which of these states is a CSTO observer?", evidence: /observer/i, distractors: ["member", "former-member", "non-member"] },
  "former-member": {
    prompt: "which of these states was a party to the Collective Security Treaty but left it?",
    evidence: /\bleft\b|refused to renew|halted/i,
    distractors: ["member", "observer", "non-member"],
  },
  "former-treaty-party": {
    prompt: "which of these states left the Collective Security Treaty before the CSTO was founded?",
    evidence: /refused to renew|\bleft\b/i,
    distractors: ["member", "observer", "non-member"],
  },
  "member-participation-frozen": {
    prompt: "which of these member states has frozen its participation in the CSTO?",
    evidence: /froze|frozen/i,
    distractors: ["member", "observer"],
  },
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const foldedWords = (text: string) => ` ${foldText(text)} `;
const mentionsAny = (text: string, names: readonly string[]) => names.some((name) => foldText(name) && foldedWords(text).includes(` ${foldText(name)} `));
export const yearsIn = (text: string) => [...new Set([...text.matchAll(YEAR)].map((match) => match[1]!))];

/** Tags a topic can name: the entry's tags, its sources and their authors. */
function tagsOf(entry: KnowledgeEntry, context: QuestionContext, extra: string[] = []): string[] {
  const authors = entry.sources.map((source) => context.sources.find((candidate) => candidate.id === source.id)?.attribution ?? source.author);
  return [...new Set([...entry.tags, ...entry.sources.map((source) => source.id), ...authors, ...extra].map((tag) => foldText(tag.replace(/-/g, " "))).filter(Boolean))];
}

function sourceOf(ref: SourceRef, context: QuestionContext): Source | undefined {
  return context.sources.find((source) => source.id === ref.id);
}

/** "According to Bescotti (2017), " */
function accordingTo(ref: SourceRef, context: QuestionContext): string {
  const source = sourceOf(ref, context);
  const name = source?.attribution ?? ref.publisher.split(" (")[0]!;
  return `According to ${name} (${ref.date.split(" (")[0]}), `;
}

/** Claims from analysis and opinion pieces, and years the documents disagree on, are asked as their source's word. */
function needsAttribution(ref: SourceRef, year: string, context: QuestionContext): boolean {
  const kind = sourceOf(ref, context)?.kind;
  return kind !== "news" || context.disputedYears.has(year);
}

/** Four choices with the right one at a place fixed by the question's id. */
function placeChoices(id: string, right: string, distractors: string[]): { choices: string[]; answer: number } {
  const choices = shuffled([right, ...distractors.slice(0, CHOICES_PER_QUESTION - 1)], seededRandom(`${id}:order`));
  return { choices, answer: choices.indexOf(right) };
}

/**
 * Three other years close to the right one: four consecutive years with the answer at a random
 * place among them, skipping years the quote itself names and years after this one.
 */
export function nearbyYears(id: string, year: number, context: QuestionContext, avoid: readonly string[]): string[] {
  const random = seededRandom(`${id}:years`);
  const usable = (candidate: number) => candidate !== year && candidate >= EARLIEST_YEAR && candidate <= context.thisYear && !avoid.includes(String(candidate));
  const start = year - Math.floor(random() * CHOICES_PER_QUESTION);
  const years = [start, start + 1, start + 2, start + 3].filter(usable);
  for (let step = 1; years.length < CHOICES_PER_QUESTION - 1 && step < 20; step++) {
    for (const candidate of [start - step, start + 3 + step]) if (years.length < CHOICES_PER_QUESTION - 1 && usable(candidate)) years.push(candidate);
  }
  return years.map(String);
}

/**
 * The quote of the entry that backs a year best: it names the year (or its source is dated that
 * year), mentions one of `names`, and shares the most words with what is asked about.
 */
function quoteForYear(entry: KnowledgeEntry, year: string, sourceIds: readonly string[], names: readonly string[], about: string): QuoteRef | undefined {
  const aboutWords = new Set(foldText(about).split(" "));
  const overlap = (quote: QuoteRef) => foldText(quote.text).split(" ").filter((word) => word.length > 3 && aboutWords.has(word)).length;
  const backing = entry.quotes.filter(
    (quote) =>
      sourceIds.includes(quote.source.id) &&
      (quote.text.includes(year) || quote.source.date.includes(year)) &&
      (names.length === 0 || mentionsAny(quote.text, names) || mentionsAny(quote.source.title, names)),
  );
  return backing.sort((a, b) => overlap(b) - overlap(a))[0];
}

/** "In which year did Uzbekistan suspend its participation in the CSTO?" for each status change a quote backs. */
export function eventYearQuestions(entries: readonly KnowledgeEntry[], context: QuestionContext): QuizQuestion[] {
  const questions: QuizQuestion[] = [];
  for (const entry of entries) {
    const country = entry.country;
    if (!country) continue;
    for (const event of country.events) {
      const phrase = EVENT_PHRASES[event.type];
      // A state that left twice has two right years: leave the question out rather than ask it unfairly.
      if (!phrase || country.events.filter((other) => other.type === event.type).length > 1) continue;
      const year = event.date.slice(0, 4);
      const quote = quoteForYear(entry, year, event.sources, entry.aliases, event.text);
      if (!quote) continue;
      const id = `year-${entry.id}-${event.type}`;
      const question = `in which year did ${country.name} ${phrase}?`;
      questions.push({
        id,
        kind: "event-year",
        prompt: needsAttribution(quote.source, year, context) ? `${accordingTo(quote.source, context)}${question}` : capitalize(question),
        ...placeChoices(id, year, nearbyYears(id, Number(year), context, yearsIn(quote.text))),
        quote,
        entryId: entry.id,
        topic: country.name,
        tags: tagsOf(entry, context, entry.aliases),
        years: [Number(year)],
      });
    }
  }
  return questions;
}

/** Whether a state was ever a treaty party or an observer. */
const tookPart = (entry: KnowledgeEntry) => entry.country!.events.some((event) => ["signed", "joined", "observer"].includes(event.type));

/** "According to Bescotti (2017), which of these states is a CSTO observer?" with states of other statuses as wrong answers. */
export function statusQuestions(entries: readonly KnowledgeEntry[], context: QuestionContext): QuizQuestion[] {
  const countries = entries.filter((entry) => entry.country);
  const questions: QuizQuestion[] = [];
  for (const entry of countries) {
    const kind = STATUS_QUESTIONS[entry.country!.status];
    if (!kind) continue;
    const quote = entry.quotes.find((candidate) => kind.evidence.test(candidate.text) && (mentionsAny(candidate.text, entry.aliases) || mentionsAny(candidate.source.title, entry.aliases)));
    if (!quote) continue;
    const id = `status-${entry.id}`;
    // States that took part in the treaty are the plausible wrong answers; outsiders only fill up.
    const others = countries.filter((other) => kind.distractors.includes(other.country!.status));
    const [insiders, outsiders] = [others.filter(tookPart), others.filter((other) => !tookPart(other))].map((group) => shuffled(group.map((other) => other.country!.name), seededRandom(`${id}:states`)));
    questions.push({
      id,
      kind: "status",
      prompt: `${accordingTo(quote.source, context)}${kind.prompt}`,
      ...placeChoices(id, entry.country!.name, [...insiders!, ...outsiders!]),
      quote,
      entryId: entry.id,
      topic: "Membership status",
      tags: tagsOf(entry, context, [...entry.aliases, "status", "membership"]),
      years: yearsIn(quote.source.date).map(Number),
      answerNames: entry.aliases,
    });
  }
  return questions;
}

/** "Who wrote: “…”?" from the quotes of attributed claims, with the four analysis and opinion authors as the choices. */
export function quoteAuthorQuestions(entries: readonly KnowledgeEntry[], context: QuestionContext): QuizQuestion[] {
  const authors = context.sources.filter((source) => source.kind !== "news" && source.attribution);
  const authorNames = authors.map((source) => source.attribution!.split(" ").at(-1)!);
  const seen = new Set<string>();
  const questions: QuizQuestion[] = [];
  for (const entry of entries.filter((candidate) => candidate.kind === "qa" && !candidate.tags.includes(ABOUT_THE_SOURCE_TAG))) {
    for (const quote of entry.quotes) {
      const author = authors.find((source) => source.id === quote.source.id);
      const key = foldText(quote.text);
      const fair = quote.text.length >= QUOTE_LENGTH.min && quote.text.length <= QUOTE_LENGTH.max && SUBSTANTIVE_QUOTE.test(quote.text) && !mentionsAny(quote.text, authorNames);
      if (!author || !fair || seen.has(key)) continue;
      seen.add(key);
      const id = `who-${shortHash(key)}`;
      const others = shuffled(authors.filter((source) => source !== author), seededRandom(`${id}:authors`)).map((source) => source.attribution!);
      questions.push({
        id,
        kind: "quote-author",
        prompt: `Who wrote: “${quote.text}”?`,
        ...placeChoices(id, author.attribution!, others),
        quote,
        entryId: entry.id,
        topic: "Who said what",
        tags: tagsOf(entry, context, [author.attribution!, author.title, "who said what", "authors"]),
        years: [],
      });
    }
  }
  return questions;
}

/** The first sentence of a text that names exactly one year. */
function sentenceWithOneYear(text: string): { sentence: string; year: string } | undefined {
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const years = yearsIn(sentence);
    if (years.length === 1) return { sentence, year: years[0]! };
  }
  return undefined;
}

/**
 * "Fill in the year: “According to Bescotti, Serbia became an observer in ____.”" from a dated claim
 * whose quote names the same year. Entries that set out a disagreement are left out.
 */
export function claimYearQuestion(entry: KnowledgeEntry, context: QuestionContext, topic: string): QuizQuestion | undefined {
  if (entry.country || entry.tags.includes(DISAGREEMENT_TAG) || entry.tags.includes(ABOUT_THE_SOURCE_TAG)) return undefined;
  const found = sentenceWithOneYear(entry.text);
  if (!found || context.disputedYears.has(found.year)) return undefined;
  const quote = quoteForYear(entry, found.year, entry.sources.map((source) => source.id), [], found.sentence);
  // A server fact without a quote stands as its own quote; a claim cannot back itself.
  if (!quote || foldText(quote.text) === foldText(entry.text)) return undefined;
  const id = `fill-${entry.id}`;
  return {
    id,
    kind: "claim-year",
    prompt: `Fill in the year: “${found.sentence.replaceAll(found.year, "____")}”`,
    ...placeChoices(id, found.year, nearbyYears(id, Number(found.year), context, [...yearsIn(quote.text), ...yearsIn(entry.text)])),
    quote,
    entryId: entry.id,
    topic,
    tags: tagsOf(entry, context),
    years: [Number(found.year)],
    ...(entry.origin.type === "guild" ? { guildId: entry.origin.guildId } : {}),
  };
}

/** Every question the curated knowledge yields. */
export function curatedQuestions(entries: readonly KnowledgeEntry[], context: QuestionContext): QuizQuestion[] {
  const claims = entries.flatMap((entry) => claimYearQuestion(entry, context, "Dated claims") ?? []);
  return [...eventYearQuestions(entries, context), ...statusQuestions(entries, context), ...quoteAuthorQuestions(entries, context), ...claims];
}

/** Years that a disagreement entry is about. */
export function disputedYearsOf(entries: readonly KnowledgeEntry[]): Set<string> {
  return new Set(entries.filter((entry) => entry.tags.includes(DISAGREEMENT_TAG) && entry.date).map((entry) => entry.date!.slice(0, 4)));
}
