import { MESSAGES, UserFacingError } from "../errors.js";

export const MAX_QUESTION_LENGTH = 300;

/** Control characters and zero-width marks say nothing and can hide text. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** A question as typed, made safe to search; throws a UserFacingError for input nobody can answer. */
export function cleanQuestion(raw: string): string {
  const cleaned = raw.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  if (cleaned.length === 0) throw new UserFacingError(MESSAGES.emptyQuestion);
  if (cleaned.length > MAX_QUESTION_LENGTH) throw new UserFacingError(MESSAGES.questionTooLong(MAX_QUESTION_LENGTH));
  return cleaned;
}
