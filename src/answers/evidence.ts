import type { KnowledgeEntry } from "../knowledge/model.js";
import type { NamedThings } from "../knowledge/load.js";
import type { QueryWord } from "../search/engine.js";
import { foldText } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";
import { datePrecisionOf, finestOf, isAsFineAs, type CheckableType, type DatePrecision } from "./question.js";

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;
const ENGLISH_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
/** A time finer than a year: a month, a weekday, a recurring period. */
const TIME_OF_YEAR = new RegExp(`\\b(?:${ENGLISH_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|daily|weekly|monthly|annually|yearly)\\b`, "i");
const MONTHS = `${ENGLISH_MONTHS}|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря`;
const MONTHS_SHORT = `${MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`;
/** A month by name; "may" only beside a number, where it is not the verb. */
const MONTH = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MONTHS.replace("may|", "")}|may\\s+\\d|\\d\\s+may)(?![\\p{L}])`, "iu");
/** A day of a month: "5 January", "Jan 5th", "26 декабря". */
const DAY_OF_MONTH = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS_SHORT})|(?:${MONTHS_SHORT})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?)(?![\\p{L}\\p{N}])`, "iu");
/** A day of a month or a month, wherever it stands. */
const DATE_MENTION = new RegExp(`${DAY_OF_MONTH.source}|${MONTH.source}`, "giu");
/** A day of a month starting just there: read in its text, "May 2015" is no "May 2". */
const DAY_OF_MONTH_HERE = new RegExp(DAY_OF_MONTH.source, "iuy");
/** The year of a date mention, when it lies in the mention ("May 1992") or just after it ("5 January, 2022"). */
const YEAR_OF_MENTION = /(1[89]\d\d|20\d\d)\b/;
const YEAR_AFTER_MENTION_CHARS = 8;

/**
 * The finest date a text gives, overall and of each year it names. A day or month with no year of
 * its own belongs to the last year named before it ("On 5 January 2022 …, and on 6 January …"); a
 * record's own ISO date ("2012-06-28") counts as well.
 */
function datesIn(text: string, years: readonly RegExpExecArray[], date: string | undefined): Pick<Evidence, "finestDate" | "datesByYear"> {
  const datesByYear = new Map<string, DatePrecision>();
  const add = (year: string, precision: DatePrecision) => datesByYear.set(year, finestOf([datesByYear.get(year), precision])!);
  const undated: DatePrecision[] = [];
  for (const match of years) add(match[1]!, "year");
  for (const mention of text.matchAll(DATE_MENTION)) {
    DAY_OF_MONTH_HERE.lastIndex = mention.index;
    const precision = DAY_OF_MONTH_HERE.test(text) ? "day" : "month";
    const own = YEAR_OF_MENTION.exec(text.slice(mention.index, mention.index + mention[0].length + YEAR_AFTER_MENTION_CHARS))?.[1];
    const year = own ?? years.findLast((match) => match.index + match[0].length <= mention.index)?.[1];
    if (year) add(year, precision);
    else undated.push(precision);
  }
  if (date) add(date.slice(0, 4), date.length >= 10 ? "day" : date.length > 4 ? "month" : "year");
  return { finestDate: finestOf([...datesByYear.values(), ...undated]), datesByYear };
}

/** A figure that is not a year: "2,030", "50 percent", "six states". */
const FIGURE = /\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*(?:%|percent|per cent)|(?!(?:1[89]|20)\d\d\b)\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|hundred|thousand|half|dozen)\b/gi;
/** Words that introduce a reason. */
const REASON = /\b(?:because|since|due to|owing to|in order to|so that|reason|reasons|motive|feared|fear of|to protect|to defend|aimed|prompted|after|as a result)\b/i;

/** What a passage can answer: the dates, figures and names it states. */
export interface Evidence {
  /** Every token of the passage. */
  tokens: Set<string>;
  years: Set<string>;
  hasTimeOfYear: boolean;
  /** The finest date it states: a day of a month, a month, a year or none. */
  finestDate: DatePrecision | undefined;
  /** The finest date it states of each year: "5 January 2022" is a day of 2022, and "on 6 January" after it another. */
  datesByYear: Map<string, DatePrecision>;
  figures: Set<string>;
  /** Tokens of the few words after each figure: what it counts ("2,030 soldiers"). */
  counted: Set<string>;
  /** Tokens of the people and organisations it names. */
  people: Set<string>;
  /** Names of the places it names, as written: "Russia" is a place, "Russian" is not. */
  places: Set<string>;
  /** The places that are not countries: cities and regions. */
  localities: Set<string>;
  organisations: Set<string>;
  givesReason: boolean;
}

/** An entry's evidence as a whole and sentence by sentence, so that what a question asks can be looked for where its words are. */
export interface EntryEvidence extends Evidence {
  sentences: Evidence[];
}

/** Sentence ends; a record's events stand on lines of their own. */
const SENTENCE_END = /(?<=[.!?])\s+(?=["'“‘(«]?[A-ZА-Я0-9])|\n+/u;

/** What the question itself already names, so that an answer must add something new. */
export interface QuestionNames {
  tokens: ReadonlySet<string>;
  years: ReadonlySet<string>;
  hasTimeOfYear: boolean;
  /** How fine a date a "when" asks for. */
  datePrecision: DatePrecision;
  /** The years it asks a date in ("in 1999", "June 2012"), not those that only name a thing ("the 1992 treaty", "the strategy to 2025"). */
  datedYears: ReadonlySet<string>;
  figures: ReadonlySet<string>;
  /** What "how many" asks to count: the tokens of the word after it ("how many soldiers"). */
  countOf: ReadonlySet<string>;
  /** "In which city" wants a city, not a country. */
  wantsLocality: boolean;
  /** The places the question itself names. */
  places: ReadonlySet<string>;
}

const DATED_YEAR = new RegExp(`(?:(?<![\\p{L}])(?:in|of|during|since|в|во)\\s+(?:the\\s+)?(?:year\\s+)?|(?:${MONTHS})\\s+)(1[89]\\d\\d|20\\d\\d)(?!\\d)|(1[89]\\d\\d|20\\d\\d)\\s+год`, "giu");
const ASKS_FOR_LOCALITY = /(?<![\p{L}\p{N}])(?:city|town|город\p{L}*)(?![\p{L}\p{N}])/iu;
/** "2,030" is one figure, not two words. */
const joinDigitGroups = (text: string) => text.replace(/(\d),(?=\d{3}\b)/g, "$1");

/**
 * The words after "how many" name what is counted; "of the" and the like are skipped by the
 * tokenizer. After "how large" or "how long" comes a verb ("how large was the force"): any figure may answer.
 */
const HOW_MANY = /(?<![\p{L}\p{N}])(?:how many|how much|number of|сколько)\s+((?:\S+\s*){1,3})/iu;
/** A figure counts the words right after it ("2,030 soldiers", "six member states"). */
const COUNTED_WORDS = 2;

/** The organisation every entry is about: never who answers a "who", never what a "how many" counts. */
const THE_ORGANISATION_ITSELF = new Set(["csto", "cst"]);

export class EvidenceReader {
  private readonly people: Set<string>;
  /** Tokens of every place name, to tell a query word that names a place. */
  private readonly placeTokens: Set<string>;
  /** Place names folded, by their first word: found in a text as whole words, one word at a time. */
  private readonly placesByFirstWord = new Map<string, string[]>();
  private readonly localityNames: Set<string>;
  private readonly organisations: Set<string>;
  /** A token of a capital or seat of power -> the tokens of the country it stands for. */
  private readonly seats = new Map<string, string[]>();
  /** A token of a counted word -> the tokens of every word that counts the same thing. */
  private readonly countedAlike = new Map<string, string[]>();
  /** Entries are immutable once indexed; a server's replaced fact is a new object. */
  private readonly cache = new WeakMap<KnowledgeEntry, EntryEvidence>();

  constructor(
    private readonly tokenizer: Tokenizer,
    names: NamedThings,
    countryNames: string[],
  ) {
    const tokensOf = (words: string[]) => new Set(words.flatMap((word) => tokenizer.tokens(word)));
    this.people = tokensOf(names.people);
    const countries = [...names.countries, ...countryNames];
    this.placeTokens = tokensOf([...names.places, ...countries]);
    this.localityNames = new Set(names.places.map(foldText));
    for (const name of [...this.localityNames, ...countries.map(foldText)]) {
      const first = name.split(" ", 1)[0]!;
      this.placesByFirstWord.set(first, [...(this.placesByFirstWord.get(first) ?? []), name]);
    }
    this.organisations = tokensOf(names.organisations);
    for (const token of THE_ORGANISATION_ITSELF) this.organisations.delete(token);
    for (const [seat, country] of Object.entries(names.seats)) for (const token of tokenizer.tokens(seat)) this.seats.set(token, tokenizer.tokens(country));
    for (const words of names.countedAlike) {
      const alike = [...tokensOf(words)];
      for (const token of alike) this.countedAlike.set(token, alike);
    }
  }

  /** What a name also stands for: "how did Moscow react" asks about Russia. */
  standsFor(word: Pick<QueryWord, "alternatives">): string[] {
    return word.alternatives.flatMap(({ token }) => this.seats.get(token) ?? []);
  }

  /** Whether a query word names a person, place, organisation or year. */
  isName(word: { word: string; alternatives: { token: string }[] }): boolean {
    return /^(1[89]|20)\d\d$/.test(word.word) || word.alternatives.some(({ token }) => this.people.has(token) || this.placeTokens.has(token) || this.organisations.has(token));
  }

  of(entry: KnowledgeEntry): EntryEvidence {
    let evidence = this.cache.get(entry);
    if (!evidence) {
      const passages = [entry.title, entry.text, ...entry.quotes.map((quote) => quote.text)];
      const sentences = passages.flatMap((passage) => passage.split(SENTENCE_END)).filter((sentence) => sentence.trim().length > 0);
      this.cache.set(entry, (evidence = { ...this.read(passages.join("\n"), entry.date), sentences: sentences.map((sentence) => this.read(sentence)) }));
    }
    return evidence;
  }

  /** @param words the question as the search read it, with its typos corrected and its Russian translated */
  question(text: string, words: readonly QueryWord[]): QuestionNames {
    const evidence = this.read(text);
    const counted = HOW_MANY.exec(joinDigitGroups(text))?.[1] ?? "";
    // "How many Russian bases", "how many CSTO troops": a name before the counted word only says whose.
    const [first] = this.tokenizer.groups(counted).filter((group) => !/^\d+$/.test(group.word) && !this.isName(group) && !group.alternatives.some(({ token }) => THE_ORGANISATION_ITSELF.has(token)));
    const countedWord = first && (words.find((word) => word.word === first.word) ?? { ...first, known: true });
    // A counted word the knowledge never uses cannot be looked for: any figure may answer.
    const countOf = new Set(countedWord?.known ? countedWord.alternatives.flatMap(({ token }) => this.countedAlike.get(token) ?? [token]) : []);
    const { tokens, years, hasTimeOfYear, figures, places } = evidence;
    const datedYears = new Set([...text.matchAll(DATED_YEAR)].map((match) => match[1] ?? match[2]!));
    return { tokens, years, hasTimeOfYear, datePrecision: datePrecisionOf(text), datedYears, figures, countOf, wantsLocality: ASKS_FOR_LOCALITY.test(text), places };
  }

  /** Whether the entry states a thing of the kind the question asks for, beyond what the question names. */
  answers(type: CheckableType, evidence: Evidence, question: QuestionNames): boolean {
    const isNew = (tokens: Set<string>) => [...tokens].some((token) => !question.tokens.has(token));
    const isNewPlace = (names: Set<string>) => [...names].some((name) => !question.places.has(name));
    switch (type) {
      case "count":
        // A figure of the thing asked about, when the question names it: "how many soldiers" wants "2,030 soldiers".
        return (
          [...evidence.figures].some((figure) => !question.figures.has(figure)) &&
          (question.countOf.size === 0 || [...question.countOf].some((token) => evidence.counted.has(token)))
        );
      case "when":
        // "On what day" wants a day, however many years the entry gives.
        if (question.datePrecision !== "year") return isAsFineAs(this.finestDateFor(evidence, question), question.datePrecision);
        return [...evidence.years].some((year) => !question.years.has(year)) || (evidence.hasTimeOfYear && !question.hasTimeOfYear);
      case "where":
        return isNewPlace(question.wantsLocality ? evidence.localities : evidence.places);
      case "who":
        return isNew(evidence.people) || isNewPlace(evidence.places) || isNew(evidence.organisations);
    }
  }

  /**
   * The finest date a passage gives in the years the question asks a date in, or in any year when
   * it asks in none: "in which month of 1999" is not answered by a month of 2002.
   */
  finestDateFor(evidence: Evidence, question: QuestionNames): DatePrecision | undefined {
    if (question.datedYears.size === 0) return evidence.finestDate;
    return finestOf([...question.datedYears].map((year) => evidence.datesByYear.get(year)));
  }

  /** The tokens of the words a figure counts: the first words after it that are not stop words. */
  private countedAfter(rest: string): string[] {
    const words = joinDigitGroups(rest).split(/\s+/, 6).join(" ");
    return this.tokenizer.groups(words).slice(0, COUNTED_WORDS).flatMap((group) => group.alternatives.map(({ token }) => token));
  }

  /** The place names a text holds as whole words. */
  private placesIn(text: string): Set<string> {
    const folded = foldText(text);
    const words = folded.split(" ");
    const places = new Set<string>();
    let offset = 0;
    for (const word of words) {
      for (const name of this.placesByFirstWord.get(word) ?? []) {
        if (folded.startsWith(name, offset) && (folded.length === offset + name.length || folded[offset + name.length] === " ")) places.add(name);
      }
      offset += word.length + 1;
    }
    return places;
  }

  private read(text: string, date?: string): Evidence {
    const tokens = new Set(this.tokenizer.tokens(text));
    const pick = (names: Set<string>) => new Set([...tokens].filter((token) => names.has(token)));
    const places = this.placesIn(text);
    const yearMatches = [...text.matchAll(YEAR)];
    const years = new Set(yearMatches.map((match) => match[1]!));
    const figures = [...text.matchAll(FIGURE)];
    if (date) years.add(date.slice(0, 4));
    return {
      tokens,
      years,
      hasTimeOfYear: TIME_OF_YEAR.test(text) || (date !== undefined && date.length > 4),
      ...datesIn(text, yearMatches, date),
      figures: new Set(figures.map((match) => match[0].toLowerCase().replace(/,/g, ""))),
      counted: new Set(figures.flatMap((match) => this.countedAfter(text.slice(match.index + match[0].length)))),
      people: pick(this.people),
      places,
      localities: new Set([...places].filter((name) => this.localityNames.has(name))),
      organisations: pick(this.organisations),
      givesReason: REASON.test(text),
    };
  }
}
