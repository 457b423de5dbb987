import { ApplicationCommandOptionType as Option } from "discord-api-types/v10";
import type { SlashCommand } from "../src/bot/command.js";
import { MAX_QUESTION_LENGTH } from "../src/text/clean-input.js";
import { routeCsto } from "../src/bot/router.js";

const privateOption = {
  type: Option.Boolean,
  name: "private",
  name_localizations: { ru: "лично" },
  description: "Show the answer only to you",
  description_localizations: { ru: "Показать ответ только вам" },
} as const;

/** `/csto`: questions about the CSTO, answered from the cited knowledge. */
export const csto: SlashCommand = {
  cooldown: true,
  data: {
    name: "csto",
    name_localizations: { ru: "одкб" },
    description: "Ask about the Collective Security Treaty Organization",
    description_localizations: { ru: "Вопросы об Организации Договора о коллективной безопасности" },
    dm_permission: true,
    options: [
      {
        type: Option.Subcommand,
        name: "ask",
        name_localizations: { ru: "спросить" },
        description: "Ask a question; the answer cites its source",
        description_localizations: { ru: "Задать вопрос; ответ со ссылкой на источник" },
        options: [
          {
            type: Option.String,
            name: "question",
            name_localizations: { ru: "вопрос" },
            description: "For example: when was the treaty signed",
            description_localizations: { ru: "Например: когда был подписан договор" },
            required: true,
            autocomplete: true,
            max_length: MAX_QUESTION_LENGTH,
          },
          privateOption,
        ],
      },
      {
        type: Option.Subcommand,
        name: "member",
        name_localizations: { ru: "член" },
        description: "A country's CSTO record: status and dated events",
        description_localizations: { ru: "История участия страны в ОДКБ" },
        options: [
          {
            type: Option.String,
            name: "country",
            name_localizations: { ru: "страна" },
            description: "For example: Armenia",
            description_localizations: { ru: "Например: Армения" },
            required: true,
            autocomplete: true,
            max_length: 100,
          },
          privateOption,
        ],
      },
      {
        type: Option.Subcommand,
        name: "members",
        name_localizations: { ru: "члены" },
        description: "Current members, former members and observers",
        description_localizations: { ru: "Члены, бывшие члены и наблюдатели" },
      },
      {
        type: Option.Subcommand,
        name: "timeline",
        name_localizations: { ru: "хронология" },
        description: "Dated events in order",
        description_localizations: { ru: "События по датам" },
        options: [
          {
            type: Option.Integer,
            name: "page",
            name_localizations: { ru: "страница" },
            description: "Page number",
            description_localizations: { ru: "Номер страницы" },
            min_value: 1,
          },
        ],
      },
      {
        type: Option.Subcommand,
        name: "sources",
        name_localizations: { ru: "источники" },
        description: "The documents behind the answers",
        description_localizations: { ru: "Документы, на которых основаны ответы" },
      },
      {
        type: Option.Subcommand,
        name: "source",
        name_localizations: { ru: "источник" },
        description: "One document and the entries that cite it",
        description_localizations: { ru: "Один документ и записи, которые на него ссылаются" },
        options: [
          {
            type: Option.String,
            name: "name",
            name_localizations: { ru: "название" },
            description: "Title, author or publisher",
            description_localizations: { ru: "Название, автор или издатель" },
            required: true,
            autocomplete: true,
            max_length: 100,
          },
        ],
      },
      {
        type: Option.Subcommand,
        name: "help",
        name_localizations: { ru: "помощь" },
        description: "What the bot can do, with examples",
        description_localizations: { ru: "Что умеет бот, с примерами" },
      },
    ],
  },

  execute: (request, requester, { csto: commands }) => routeCsto(commands, requester, request),

  autocomplete(request, requester, { csto: commands }) {
    const { name, value } = request.focused;
    if (name === "question") return commands.autocompleteQuestion(requester, value);
    if (name === "country") return commands.autocompleteCountry(requester, value);
    if (name === "name") return commands.autocompleteSource(value);
    return [];
  },

  button: (customId, requester, { csto: commands }) => commands.button(requester, customId),
};
