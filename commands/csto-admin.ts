import { ChannelType, type APIApplicationCommandStringOption } from "discord-api-types/v10";
import type { SlashCommand } from "../src/bot/command.js";
import { textReply } from "../src/bot/reply.js";
import { UserFacingError } from "../src/errors.js";
import { localized, Option, pageOption, subcommand } from "./localized.js";

const NO_STORE = "Server facts are not available in this setup.";

const factId = (description: string): APIApplicationCommandStringOption => ({
  type: Option.String,
  ...localized("id", "id", description, "Идентификатор факта"),
  required: true,
  autocomplete: true,
  max_length: 40,
});

const questionId = (description: string): APIApplicationCommandStringOption => ({
  type: Option.String,
  ...localized("question", "вопрос", description, "Идентификатор вопроса"),
  required: true,
  max_length: 100,
});

/** `/csto-admin`: a server's moderators keep its own facts. Discord hides it from members without Manage Server; the bot checks again on every use. */
export const cstoAdmin: SlashCommand = {
  cooldown: false,
  data: {
    ...localized("csto-admin", "одкб-админ", "Moderators: add and manage this server's own facts", "Модераторы: факты этого сервера"),
    default_member_permissions: String(1 << 5),
    dm_permission: false,
    options: [
      {
        type: Option.SubcommandGroup,
        ...localized("fact", "факт", "This server's facts", "Факты этого сервера"),
        options: [
          subcommand("add", "добавить", "Add a fact (opens a form, then a preview)", "Добавить факт"),
          subcommand("edit", "изменить", "Edit a fact", "Изменить факт", [factId("The fact to edit")]),
          subcommand("remove", "удалить", "Remove a fact (it can be restored)", "Удалить факт", [factId("The fact to remove")]),
          subcommand("restore", "восстановить", "Restore a removed fact", "Восстановить факт", [factId("The fact to restore")]),
          subcommand("list", "список", "List this server's facts", "Список фактов", [pageOption]),
          subcommand("show", "показать", "Show a fact as members see it", "Показать факт", [factId("The fact to show")]),
          subcommand("history", "история", "Every revision of a fact: who, when, what", "История изменений факта", [factId("The fact")]),
        ],
      },
      {
        type: Option.Subcommand,
        ...localized("suggestions", "предложения", "Facts members suggested: accept or reject them", "Предложенные факты: принять или отклонить"),
      },
      {
        type: Option.Subcommand,
        ...localized("export", "экспорт", "This server's facts as a JSON file", "Факты сервера в виде файла JSON"),
      },
      {
        type: Option.Subcommand,
        ...localized("import", "импорт", "Add the facts of an export file (all or none)", "Добавить факты из файла экспорта"),
        options: [{ type: Option.Attachment, ...localized("file", "файл", "A .json file made by /csto-admin export", "Файл .json из экспорта"), required: true }],
      },
      {
        type: Option.SubcommandGroup,
        ...localized("quiz", "викторина", "This server's quiz", "Викторина этого сервера"),
        options: [
          subcommand("add-fact", "добавить-факт", "Ask members about one of this server's facts in the quiz", "Добавить факт сервера в викторину", [factId("A fact whose statement names a year")]),
          subcommand("remove-fact", "убрать-факт", "Take a fact out of the quiz", "Убрать факт из викторины", [factId("The fact to take out")]),
          subcommand("off", "выключить", "Turn off a question you judge unfair", "Выключить вопрос", [questionId("The id shown under the question")]),
          subcommand("on", "включить", "Turn a question back on", "Снова включить вопрос", [questionId("The id of the question")]),
        ],
      },
      subcommand("config", "настройки", "This server's settings: shows them, and changes those you give", "Настройки сервера: показать и изменить", [
        { type: Option.Role, ...localized("moderator-role", "роль-модератора", "A role whose members may also use /csto-admin", "Роль, которой тоже доступен /csto-admin") },
        {
          type: Option.Channel,
          ...localized("log-channel", "канал-журнала", "A channel that logs every fact change and suggestion", "Канал журнала изменений фактов и предложений"),
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: Option.String,
          ...localized("clear", "сбросить", "A setting to clear", "Сбросить настройку"),
          choices: [
            { name: "moderator role", name_localizations: { ru: "роль модератора" }, value: "moderator-role" },
            { name: "log channel", name_localizations: { ru: "канал журнала" }, value: "log-channel" },
          ],
        },
      ]),
    ],
  },

  async authorize(requester, { admin }) {
    await admin?.authorize(requester);
  },

  execute(request, requester, { admin }) {
    if (!admin) return textReply(NO_STORE);
    return admin.execute(requester, request.subcommand, request.options);
  },

  autocomplete(request, requester, { admin }) {
    if (!admin || request.focused.name !== "id") return [];
    return admin.autocompleteFactId(requester, request.focused.value, request.subcommand === "fact restore" || request.subcommand === "fact history" || request.subcommand === "fact show");
  },

  button(customId, requester, { admin }) {
    if (!admin) throw new UserFacingError(NO_STORE);
    return admin.button(requester, customId);
  },

  modal(customId, fields, requester, { admin }) {
    if (!admin) throw new UserFacingError(NO_STORE);
    return admin.submit(requester, customId, fields);
  },
};
