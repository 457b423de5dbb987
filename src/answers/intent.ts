import type { KnowledgeEntry } from "../knowledge/model.js";
import type { QueryWord } from "../search/engine.js";
import { damerauLevenshtein } from "../text/edit-distance.js";
import { foldText } from "../text/normalize.js";
import { isTypoOf, type Tokenizer } from "../text/tokenize.js";
import { latestStatusDate, statusYear } from "./membership.js";
import type { AnswerType } from "./question.js";

/** The organisation's own names, in nearly every entry: no evidence for one entry over another. */
const EVERYWHERE_WORDS = "csto cst odkb";
/** A query made only of these (and chat) asks about the organisation as a whole. */
const GENERIC_WORDS = `${EVERYWHERE_WORDS} организация договор collective security treaty organisation organization alliance bloc`;
/** Chat that carries no question: greetings, fillers, what the answer is for (notes, slides, an essay), asking for help or for a summary. */
const CHAT_WORDS = "current currently now today still nowadays latest present lately these days never actually short description summary overview brief briefly intro introduction basics heard расскажи расскажите представляет собой объясни объясните кратко вкратце help rn tbh ngl nah tho fr ppl lately ok yeah yea ya lmk rly irl imo asap srsly bruh bro yo hey hi hello thanks thank idk lmao info information quick question guys fam okay hmm um uh wait real basically smth anyone someone bot moment need needed forgot forget remember dont homework essay notes slides slide seminar exam tmrw tomorrow помощь помоги привет";
/**
 * Asking for the whole in plain terms: "what is the csto supposed to do", "что такое ОДКБ простыми
 * словами". Beside the organisation's name they ask what it is, not about a topic; elsewhere they
 * still search, and they count as evidence as before.
 */
const PLAIN_TERMS_WORDS = "supposed point simple simply plain layman terms eli5 простыми простым словами вообще нужна нужен нужно суть смысл";
/** Whoever a question asks about ("name the people who led the secretariat"): it names no topic, so it is no evidence for an entry. */
const PERSON_WORDS = "people person persons";
/** "Who is in it", "how many are in the csto": a bare "in" asks who belongs; it is a stopword, so it is read from the text. */
const ASKS_WHO_IS_IN = /(?<![\p{L}\p{N}])(?:in|inside|within|в|во)(?![\p{L}\p{N}])/u;
/** "i still dont get who is actually in the csto": "who" before the bare "in", wherever the question starts. */
const WHO_BEFORE_IN = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:who|whos|кто)(?![\p{L}\p{N}]).*${ASKS_WHO_IS_IN.source}`, "u");
const HELP_WORDS = "help commands command usage помощь помоги команды";
/** Words that make a question about who belongs to the CSTO, who left it, and who observes it. */
const STANDING_CUES: Record<AskedStates, string> = {
  founders: "founded founder founders establish established create created creators made set started основатели основали создали учредили",
  members: "member members membership belong belongs part participant participate participating состав член члены входит входят участник",
  former: "left leave withdrew withdrawn withdraw quit exit exited dipped ditched former rejoin rejoined покинули вышли бывшие",
  observers: "observer observers observing наблюдатели наблюдатель",
};
/** The tag of the overview that a question about the organisation as a whole gets. */
export const START_HERE = "start-here";
/** Context words that ask for a list of states. */
const ASKS_FOR_STATES = /^(?:countr|state|nation|стран|государств)/;
/** Words that may stand beside the cue without making it another question ("which states are members now"). */
const MEMBERSHIP_CONTEXT = "first originally initially place country countries state states nation nations current currently now today still list all full present official officially actually exactly name names which who includ include includes consist consists make up number total r u status right these days сегодня сегодняшний день нынешние нынешний ныне данный момент году";

/** A year in a question ("is armenia still a member in 2026"). */
const YEAR = /^(?:19|20)\d\d$/;
/**
 * How long a status the sources confirmed is taken to hold: asked about now or "in 2026", a record
 * confirmed in 2022 or later answers, one last confirmed in 2017 does not.
 */
const STATUS_HOLDS_YEARS = 4;
/** Words that ask whether a status holds now ("is serbia still an observer today"). */
const NOW_WORDS = "current currently now today nowadays present still rn сейчас сегодня сегодняшний ныне нынешний нынешние по-прежнему";

/** Shorter names one letter apart are often other names ("Iran", "Iraq"). */
const MIN_MISSPELT_NAME = 5;
/** A membership word one letter off ("memebers", "contries"): what it stands for in readMembership. */
type MisspeltCue = { standing: AskedStates } | { asksForStates: boolean };

/** Which states a question about the CSTO's make-up asks for. */
export type Standing = "members" | "former" | "observers";
/** Which states founded it is disputed, so it is answered with the overview that shows the dispute. */
type AskedStates = Standing | "founders";

export type Intent =
  | { type: "help" }
  | { type: "overview"; tag: string }
  | { type: "states"; standing: Standing; count: boolean }
  | { type: "member-status"; record: KnowledgeEntry }
  /** A state's status asked about now, when the sources last confirmed it long before the newest records. */
  | { type: "status-unconfirmed"; record: KnowledgeEntry }
  | { type: "search" };

/** "Who is in it", "how many are in it", "i dont get who is in the csto". */
function asksWhoIsIn(question: string, type: AnswerType): boolean {
  const folded = foldText(question);
  return ((type === "who" || type === "count") && ASKS_WHO_IS_IN.test(folded)) || WHO_BEFORE_IN.test(folded);
}

/** Tells what a question is about before any entry is ranked: chat, the organisation as a whole, or its members. */
export class IntentReader {
  private readonly generic: Set<string>;
  private readonly everywhere: Set<string>;
  private readonly chat: Set<string>;
  private readonly persons: Set<string>;
  private readonly plainTerms: Set<string>;
  private readonly help: Set<string>;
  private readonly standingCues: [AskedStates, Set<string>][];
  private readonly membershipContext: Set<string>;
  private readonly nowWords: Set<string>;
  private readonly countryByToken = new Map<string, KnowledgeEntry>();
  private readonly countryByName: [string, KnowledgeEntry][];
  private readonly cueSpellings: [string, MisspeltCue][];
  /** The year of the records' latest status, the date a list of states is as of. */
  private readonly recordsYear: number;

  /**
   * @param isEnglishWord whether a folded Latin word is English: a real word ("games") is not taken
   *   for a misspelt membership word ("names")
   */
  constructor(
    private readonly tokenizer: Tokenizer,
    countryRecords: KnowledgeEntry[],
    private readonly isEnglishWord: (word: string) => boolean,
  ) {
    const tokens = (words: string) => new Set(tokenizer.tokens(words));
    this.generic = tokens(GENERIC_WORDS);
    this.everywhere = tokens(EVERYWHERE_WORDS);
    this.chat = tokens(CHAT_WORDS);
    this.persons = tokens(PERSON_WORDS);
    this.plainTerms = tokens(PLAIN_TERMS_WORDS);
    this.help = tokens(HELP_WORDS);
    this.standingCues = Object.entries(STANDING_CUES).map(([standing, words]) => [standing as AskedStates, tokens(words)]);
    this.membershipContext = new Set([...tokens(MEMBERSHIP_CONTEXT), ...this.generic, ...this.chat]);
    this.nowWords = tokens(NOW_WORDS);
    for (const record of countryRecords) for (const token of tokenizer.tokens(record.country!.name)) this.countryByToken.set(token, record);
    this.countryByName = countryRecords.map((record) => [foldText(record.country!.name), record]);
    this.recordsYear = countryRecords.length > 0 ? Number(latestStatusDate(countryRecords).slice(0, 4)) : Infinity;
    this.cueSpellings = [
      ...Object.entries(STANDING_CUES).flatMap(([standing, words]) => words.split(" ").map((word): [string, MisspeltCue] => [word, { standing: standing as AskedStates }])),
      ...MEMBERSHIP_CONTEXT.split(" ").map((word): [string, MisspeltCue] => [word, { asksForStates: ASKS_FOR_STATES.test(word) }]),
    ];
  }

  /** Whether a query word is evidence for one entry over another: not the organisation's name, not chat, not "people". */
  isEvidence(word: Pick<QueryWord, "alternatives">): boolean {
    return !word.alternatives.every(({ token }) => this.everywhere.has(token) || this.chat.has(token) || this.persons.has(token));
  }

  /** Whether a query word says what about the organisation is asked: not a generic word, not chat, not a plea for plain terms. */
  private isInformative(word: Pick<QueryWord, "alternatives">): boolean {
    return !word.alternatives.every(({ token }) => this.generic.has(token) || this.chat.has(token) || this.plainTerms.has(token));
  }

  read(question: string, type: AnswerType): Intent {
    const groups = this.tokenizer.groups(question, true);
    const informative = groups.filter((group) => this.isInformative(group));
    if (informative.length === 0) {
      if (asksWhoIsIn(question, type)) return { type: "states", standing: "members", count: type === "count" };
      const asksHelp = groups.some((group) => group.alternatives.some(({ token }) => this.help.has(token)));
      const namesCsto = groups.some((group) => group.alternatives.some(({ token }) => this.generic.has(token)));
      return asksHelp || !namesCsto ? { type: "help" } : { type: "overview", tag: START_HERE };
    }
    return this.readMembership(groups, type, asksWhoIsIn(question, type));
  }

  private countryOf(tokens: string[]): KnowledgeEntry | undefined {
    return tokens.map((token) => this.countryByToken.get(token)).find(Boolean);
  }

  /** Whether a year a question names is one the records speak for: it has come, and it is no earlier than the records' date (earlier years ask about the past). */
  private static reaches(year: number, recordsYear: number): boolean {
    return year <= new Date().getUTCFullYear() && year >= recordsYear;
  }

  /** Whether a status confirmed in `recordsYear` is taken to hold in `year`. */
  private static holdsIn(year: number, recordsYear: number): boolean {
    return IntentReader.reaches(year, recordsYear) && year - recordsYear <= STATUS_HOLDS_YEARS;
  }

  private misspeltCue(word: string): MisspeltCue | undefined {
    if (word.length < MIN_MISSPELT_NAME || this.isEnglishWord(word)) return undefined;
    return this.cueSpellings.find(([cue]) => isTypoOf(word, cue))?.[1];
  }

  /** @param asksWhoIsIn whether the question asks who is in ("who's in the csto rn, list pls") */
  private readMembership(groups: ReturnType<Tokenizer["groups"]>, type: AnswerType, asksWhoIsIn: boolean): Intent {
    const countries = new Set<KnowledgeEntry>();
    const standings = new Set<AskedStates>();
    let asksForStates = false;
    let year: number | undefined;
    let asksNow = false;
    for (const group of groups) {
      const tokens = group.alternatives.map(({ token }) => token);
      asksNow ||= tokens.some((token) => this.nowWords.has(token));
      const country = this.countryOf(tokens);
      const standing = this.standingCues.find(([, cues]) => tokens.some((token) => cues.has(token)))?.[0];
      if (country) countries.add(country);
      else if (standing) standings.add(standing);
      else if (tokens.some((token) => this.membershipContext.has(token))) asksForStates ||= ASKS_FOR_STATES.test(group.word);
      else if (YEAR.test(group.word) && year === undefined) year = Number(group.word);
      else {
        const cue = this.misspeltCue(group.word);
        if (cue && "standing" in cue) standings.add(cue.standing);
        if (cue && "asksForStates" in cue) asksForStates ||= cue.asksForStates;
        if (cue) continue;
        // A country's name one letter off its own or a spelling the lexicon knows ("Serbiya", "Belorussiya").
        const misspelt =
          this.countryByName.find(([name]) => group.word.length >= MIN_MISSPELT_NAME && damerauLevenshtein(group.word, name, 1) === 1)?.[1] ??
          this.countryOf(this.tokenizer.misspeltAlternatives(group.word).map(({ token }) => token));
        if (!misspelt) return { type: "search" };
        countries.add(misspelt);
      }
    }
    // One state named with nothing but membership words around it ("uzbekistan still in the csto?").
    if (countries.size === 1) {
      const record = [...countries][0]!;
      const recordYear = statusYear(record);
      if (year !== undefined && !IntentReader.reaches(year, recordYear)) return { type: "search" };
      // Whether it still holds is measured against the newest records, not the clock: a status stays answerable until the knowledge moves on.
      const confirmedLately = this.recordsYear - recordYear <= STATUS_HOLDS_YEARS && (year === undefined || IntentReader.holdsIn(year, recordYear));
      return (asksNow || year !== undefined) && !confirmedLately ? { type: "status-unconfirmed", record } : { type: "member-status", record };
    }
    if (countries.size > 0 || standings.size > 1 || (year !== undefined && !IntentReader.holdsIn(year, this.recordsYear))) return { type: "search" };
    const [standing] = standings;
    if (standing === "founders") return ["who", "other"].includes(type) ? { type: "overview", tag: "founders" } : { type: "search" };
    if (standing || (asksForStates && ["who", "count", "other", "what-is"].includes(type)) || asksWhoIsIn) {
      return { type: "states", standing: standing ?? "members", count: type === "count" };
    }
    return { type: "search" };
  }
}
