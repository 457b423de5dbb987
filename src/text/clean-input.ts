import { MESSAGES, UserFacingError } from "../errors.js";

export const MAX_QUESTION_LENGTH = 300;

/** Control characters and zero-width marks say nothing and can hide text. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** Text as typed on one line, without the characters that can hide or disguise it. */
function clean(raw: string): string {
  return raw.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
}

/** A question as typed, made safe to search; throws a UserFacingError for input nobody can answer. */
export function cleanQuestion(raw: string): string {
  const cleaned = clean(raw);
  if (cleaned.length === 0) throw new UserFacingError(MESSAGES.emptyQuestion);
  if (cleaned.length > MAX_QUESTION_LENGTH) throw new UserFacingError(MESSAGES.questionTooLong(MAX_QUESTION_LENGTH));
  return cleaned;
}

/** Any other text option, cleaned as a question is; `name` is the option's name, never the user's text. */
export function cleanOption(name: string, raw: string): string {
  const cleaned = clean(raw);
  if (cleaned.length === 0) throw new UserFacingError(MESSAGES.missingOption(name));
  if (cleaned.length > MAX_QUESTION_LENGTH) throw new UserFacingError(MESSAGES.optionTooLong(name, MAX_QUESTION_LENGTH));
  return cleaned;
}
