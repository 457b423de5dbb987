import { UserFacingError } from "../errors.js";
import { escapeMarkdown } from "../text/markdown.js";

/** Everything a moderator or member may read about their facts, in one place. */
export const FACT_MESSAGES = {
  required: (label: string) => `The ${label} is required.`,
  notText: (label: string) => `The ${label} must be text.`,
  tooLong: (label: string, max: number) => `The ${label} is too long: please keep it to ${max} characters or fewer.`,
  controlCharacters: (label: string) =>
    `The ${label} contains control or invisible characters: please retype it as plain text.`,
  mentions: (label: string) =>
    `The ${label} must not mention anyone: remove @everyone, @here and user, role or channel mentions.`,
  maskedLink: (label: string) =>
    `The ${label} must not contain a masked link like [text](address): put the address in the source link instead.`,
  notWebAddress: "The source link must be a web address starting with http:// or https://.",
  notSourceId: "The source must be the id of one of the listed sources.",
  notPublicationDate: (typed: string) =>
    `\`${typed.slice(0, 40).replace(/`/g, "'")}\` is not a publication date: please write it as YYYY-MM-DD, YYYY-MM or YYYY (for example 2023-05-17, 2023-05 or 2023), or leave it out.`,
  dateWithListedSource: "A listed source has its own publication date: give a date only with a title and link of your own.",
  quoteNotInSource: (id: string) =>
    `The quote does not occur in the text of ${id}. Copy it word for word from the source, or leave the quote empty and write the statement in your own words.`,
  unknownSource: (id: string) =>
    `There is no source \`${id}\`: pick one of the listed sources, or give a title and link.`,
  missingSource: "Please pick one of the listed sources, or give the source's title and link.",
  bothSources: "Please pick one of the listed sources or give a title and link, not both.",
  missingSourceTitle: "Please give the source's title as well as its link.",
  missingSourceUrl:
    "The source is not one of the listed ones (see `/csto sources`), so members need a link to it: please add the web address where they can read it.",

  factNotFound: (id: string) => `There is no fact \`${id}\` on this server.`,
  factRemoved: (id: string) => `The fact \`${id}\` has been removed: restore it before editing it.`,
  factAlreadyRemoved: (id: string) => `The fact \`${id}\` has already been removed.`,
  factNotRemoved: (id: string) => `The fact \`${id}\` has not been removed, so there is nothing to restore.`,
  factConflict: (id: string, currentRevision: number, expectedRevision: number) =>
    `Someone else changed the fact \`${id}\` while you were editing it: it is now at revision ${currentRevision}, ` +
    `and you edited revision ${expectedRevision}. Nothing was saved: open the fact again to see the changes.`,
  suggestionNotFound: (id: string) => `There is no suggestion \`${id}\` on this server.`,
  suggestionDecided: (id: string, status: string) => `The suggestion \`${id}\` has already been ${status}.`,

  databaseBusy:
    "The database is busy (another program holds its lock), so nothing was saved. Please try again in a minute.",
  importTooLarge: (maxBytes: number) =>
    `The file is too large: an export may be at most ${Math.floor(maxBytes / 1024)} KB.`,
  importNotText: "The file is not text: please attach the .json file the export produced.",
  importNotJson: "The file is not valid JSON: please attach the .json file the export produced, unchanged.",
  importNotExport: "The file is not a csto-bot facts export.",
  importUnsupportedVersion: (version: number | undefined) =>
    `The file is ${version === undefined ? "an export of an unknown version" : `a version ${version} export`}, ` +
    "which this bot cannot read.",
  importFieldMissing: "This field is required.",
  importUnexpectedField: (field: string | undefined) =>
    field === undefined
      ? "The file holds a field that is not part of a facts export."
      : `The field "${escapeMarkdown(field.slice(0, 40))}" is not part of a facts export.`,
  importNotAFact: "Each fact must be an object holding the fact's fields.",
  importFactsNotList: "The facts must be a list.",
  importBadId: "The id must be lower-case words joined by hyphens, like server-7.",
  importNotGuildId: "This must be a Discord server id.",
  importNotUserId: "This must be a Discord user id.",
  importNotTimestamp: "This must be a date and time like 2025-01-31T12:00:00.000Z.",
  importIdTaken: (id: string) => `This server already has a fact \`${id}\` (perhaps removed): ids are never reused.`,
  importIdRepeated: (id: string, firstPosition: number) => `The id \`${id}\` is also used by fact ${firstPosition}.`,
} as const;

export class FactNotFoundError extends UserFacingError {
  constructor(readonly factId: string) {
    super(FACT_MESSAGES.factNotFound(factId));
    this.name = "FactNotFoundError";
  }
}

/** A save based on a revision that someone else has replaced since: nothing was written. */
export class FactConflictError extends UserFacingError {
  constructor(
    readonly factId: string,
    readonly currentRevision: number,
    readonly expectedRevision: number,
  ) {
    super(FACT_MESSAGES.factConflict(factId, currentRevision, expectedRevision));
    this.name = "FactConflictError";
  }
}

export class SuggestionNotFoundError extends UserFacingError {
  constructor(readonly suggestionId: string) {
    super(FACT_MESSAGES.suggestionNotFound(suggestionId));
    this.name = "SuggestionNotFoundError";
  }
}

/** Another connection held the database's write lock for longer than a write may wait: nothing was written. */
export class DatabaseBusyError extends UserFacingError {
  constructor(options?: { cause?: unknown }) {
    super(FACT_MESSAGES.databaseBusy, options);
    this.name = "DatabaseBusyError";
  }
}
