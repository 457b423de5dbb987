import { escapeMarkdown } from "./text/markdown.js";

/**
 * An error whose message is written for the person who caused it: shown to them as it is.
 * Anything else that goes wrong is logged and answered with a generic apology.
 */
export class UserFacingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
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
  unknownCountry: (name: string) => `The sources do not record "${escapeMarkdown(name)}" in connection with the CSTO.`,
  missingOption: (name: string) => `Please give the \`${name}\` option.`,
  optionTooLong: (name: string, max: number) => `The \`${name}\` option is too long: please keep it under ${max} characters.`,
} as const;

/**
 * Start-up cannot go on: the message names the problem for the operator, in one line. The process
 * prints it and exits 1; the stack is logged at debug level only.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

/** Start-up cannot go on, and the process that failed already printed its one line (a shard prints its own). */
export class ReportedStartupError extends StartupError {
  override name = "ReportedStartupError";
}

/** `code` of an error or of any error that caused it (fetch hides ECONNREFUSED in `cause`). */
export function errorCode(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
