/**
 * An error whose message is written for the person who caused it: shown to them as it is.
 * Anything else that goes wrong is logged and answered with a generic apology.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserFacingError";
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}

export const MESSAGES = {
  emptyQuestion: "Please type a question, for example `when was the treaty signed`.",
  questionTooLong: (max: number) => `That question is too long: please keep it under ${max} characters.`,
  unknownEntry: (id: string) => `There is no entry \`${id}\` here.`,
  unknownCountry: (name: string) => `The sources do not record "${name}" in connection with the CSTO.`,
} as const;
