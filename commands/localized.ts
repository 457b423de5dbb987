/** A command, option or subcommand's name and description in English and Russian, as Discord expects them. */
export function localized(name: string, nameRu: string, description: string, descriptionRu: string) {
  return { name, name_localizations: { ru: nameRu }, description, description_localizations: { ru: descriptionRu } };
}
