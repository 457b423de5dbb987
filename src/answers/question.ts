import { foldText } from "../text/normalize.js";

/** What kind of answer a question asks for. */
export type AnswerType = "count" | "when" | "where" | "who" | "why" | "yes-no" | "what-is" | "other";

/** How fine a date a "when" question wants: "on what exact day" is not answered by a year. */
const DATE_PRECISIONS = ["year", "month", "day"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** Whether a date stated this finely (if at all) answers a question that wants `wanted`. */
export const isAsFineAs = (stated: DatePrecision | undefined, wanted: DatePrecision) => stated !== undefined && DATE_PRECISIONS.indexOf(stated) >= DATE_PRECISIONS.indexOf(wanted);

const FINEST_FIRST = [...DATE_PRECISIONS].reverse();
/** The finest of some stated dates, if any is stated. */
export const finestOf = (stated: readonly (DatePrecision | undefined)[]) => FINEST_FIRST.find((precision) => stated.includes(precision));

/** Cues for a day or a month, read anywhere in the question (folded, so "й" reads "и"); a plain "what date" often means the year. */
const ASKS_FOR_DAY = /(?<![\p{L}\p{N}])(?:(?:what|which|on what|on which) (?:exact |precise )?day|(?:what|which) (?:exact|precise) date|exact (?:date|day)|precise date|date exactly|какого числа|точн\p{L}* дат\p{L}*|kakogo chisla)(?![\p{L}\p{N}])/u;
const ASKS_FOR_MONTH = /(?<![\p{L}\p{N}])(?:(?:what|which) month|в каком месяце|какои месяц|v kakom mesyatse)(?![\p{L}\p{N}])/u;

/** The types whose answer must contain a thing of a kind: a number, a date, a place, a name. */
export type CheckableType = Extract<AnswerType, "count" | "when" | "where" | "who">;
export const CHECKABLE_TYPES: readonly CheckableType[] = ["count", "when", "where", "who"];

export function isCheckable(type: AnswerType): type is CheckableType {
  return (CHECKABLE_TYPES as readonly AnswerType[]).includes(type);
}

/**
 * Cues for each type, English and Russian (folded, so "й" reads "и"), tried in this order: "how many"
 * before a bare "how", "what year" before "what is".
 */
const CUES: [AnswerType, RegExp][] = [
  ["count", /^(?:how many|how much|how long|how big|how large|how old|what number of|number of|what is the number of|what s the number of|сколько)(?![\p{L}\p{N}])/u],
  ["when", /^(?:when|what year|which year|what date|which date|what day|since when|в каком году|когда|какого числа|с какого)(?![\p{L}\p{N}])/u],
  ["where", /^(?:where|in which city|in what city|what city|which city|где|в каком городе|куда|откуда)(?![\p{L}\p{N}])/u],
  ["who", /^(?:who|whom|whose|which person|кто|кого|кем|кому)(?![\p{L}\p{N}])/u],
  ["why", /^(?:why|how come|for what reason|what was the reason|what caused|почему|зачем|по какои причине)(?![\p{L}\p{N}])/u],
  // "What is the name of…" asks for an attribute, not for a definition.
  ["other", /^(?:what|which) (?:is|was|are|were) the (?:name|size|number|cost|length|population|budget|share|percentage|role|reason|purpose|difference|relationship)(?![\p{L}\p{N}])/u],
  ["what-is", /^(?:what is|what s|whats|what are|what was|what were|что такое|что это|what does .+ mean|tell me about|explain)(?![\p{L}\p{N}])/u],
  ["yes-no", /^(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)(?![\p{L}\p{N}])/u],
];

/** Chat openers that come before the question itself ("yo", "ok so", "according to Nikitina,"). */
const LEAD_IN = /^(?:(?:yo|hey|hi|hello|ok|okay|so|and|but|also|quick question|question|pls|please|plz|guys|um|uh|hmm|wait|ну|а|и|скажите|подскажите|так)\s+)+/;
const ACCORDING_TO = /^(?:according to|per|in|as|согласно|по словам|по мнению)\s+\S+(?:\s+\S+)?\s+(?=(?:what|when|where|who|why|how|which|is|are|did|does|что|когда|где|кто|почему|сколько)(?![\p{L}\p{N}]))/u;
/** Russian yes-no questions carry "ли" after the verb ("является ли", "входит ли"). */
const RUSSIAN_YES_NO = /^\S+\s+ли(?![\p{L}\p{N}])/u;

/** Who wrote a document is answered by its author, whom every entry names: not a check on the entry's names. */
const ABOUT_AUTHORSHIP = /(?<![\p{L}\p{N}])(?:wrote|write|writes|written|author|authors|написал\p{L}*|автор\p{L}*)(?![\p{L}\p{N}])/u;

/** How fine a date the question wants, were it a "when" question. */
export function datePrecisionOf(question: string): DatePrecision {
  const folded = foldText(question);
  return ASKS_FOR_DAY.test(folded) ? "day" : ASKS_FOR_MONTH.test(folded) ? "month" : "year";
}

/** The answer type a question asks for, from its opening words. */
export function answerTypeOf(question: string): AnswerType {
  const folded = foldText(question).replace(LEAD_IN, "").replace(ACCORDING_TO, "");
  if (ABOUT_AUTHORSHIP.test(folded)) return "other";
  for (const [type, cue] of CUES) if (cue.test(folded)) return type;
  if (RUSSIAN_YES_NO.test(folded)) return "yes-no";
  // "How many" and "what year" asked later in the sentence still say what they want.
  if (/(?<![\p{L}\p{N}])(?:how many|how much|сколько)(?![\p{L}\p{N}])/u.test(folded)) return "count";
  if (/(?<![\p{L}\p{N}])(?:what year|which year|what date|в каком году|когда)(?![\p{L}\p{N}])/u.test(folded)) return "when";
  if (ASKS_FOR_DAY.test(folded) || ASKS_FOR_MONTH.test(folded)) return "when";
  // "Which states sent troops", "name the people who led it": the answer is names, as for "who".
  if (/^(?:which|what|name|list|какие|какая|какое|какои|каким|назови|назовите|перечисли|перечислите)\s+(?:(?:all\s+)?the\s+|all\s+|все\s+)?(?:states?|countries|country|members?|people|persons|leaders|heads|страны|страна|государства|люди|людеи|лидеры|руководители)(?![\p{L}\p{N}])/u.test(folded)) return "who";
  return "other";
}
