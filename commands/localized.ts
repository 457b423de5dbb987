import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandIntegerOption,
  type APIApplicationCommandSubcommandOption,
} from "discord-api-types/v10";

export const Option = ApplicationCommandOptionType;

/** A command, option or subcommand's name and description in English and Russian, as Discord expects them. */
export function localized(name: string, nameRu: string, description: string, descriptionRu: string) {
  return { name, name_localizations: { ru: nameRu }, description, description_localizations: { ru: descriptionRu } };
}

/** The optional page number of a paged list. */
export const pageOption: APIApplicationCommandIntegerOption = {
  type: Option.Integer,
  ...localized("page", "страница", "Page number", "Номер страницы"),
  min_value: 1,
};

/** A subcommand with its localized name and description, and its options. */
export const subcommand = (
  name: string,
  ru: string,
  description: string,
  descriptionRu: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({ type: Option.Subcommand, ...localized(name, ru, description, descriptionRu), options });
