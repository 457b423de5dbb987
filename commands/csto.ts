import { ApplicationCommandOptionType as Option } from "discord-api-types/v10";
import type { SlashCommand } from "../src/bot/command.js";
import { MAX_QUESTION_LENGTH } from "../src/text/clean-input.js";
import { textReply } from "../src/bot/reply.js";
import { UserFacingError } from "../src/errors.js";
import { QUIZ_BUTTON_PREFIX } from "../src/bot/quiz-commands.js";
import { routeCsto, routeQuiz } from "../src/bot/router.js";
import { SOLO_COUNT } from "../src/quiz/quiz-game.js";
import { localized, pageOption, subcommand } from "./localized.js";

const privateOption = {
  type: Option.Boolean,
  ...localized("private", "лично", "Show the answer only to you", "Показать ответ только вам"),
} as const;

const countryOption = (description: string, descriptionRu: string) =>
  ({ type: Option.String, ...localized("country", "страна", description, descriptionRu), required: true, autocomplete: true, max_length: 100 }) as const;

const topicOption = {
  type: Option.String,
  ...localized("topic", "тема", "A state, an author, a year or a decade, e.g. Uzbekistan, Bescotti, 1990s", "Страна, автор, год или десятилетие"),
  autocomplete: true,
  max_length: 100,
} as const;

const NO_QUIZ = "The quiz is not available in this setup.";

const yearOption = (name: string, nameRu: string, description: string, descriptionRu: string) =>
  ({ type: Option.Integer, ...localized(name, nameRu, description, descriptionRu), min_value: 1990, max_value: 2100 }) as const;

/** `/csto`: questions about the CSTO, answered from the cited knowledge. */
export const csto: SlashCommand = {
  cooldown: true,
  data: {
    ...localized("csto", "одкб", "Ask about the Collective Security Treaty Organization", "Вопросы об Организации Договора о коллективной безопасности"),
    dm_permission: true,
    options: [
      {
        type: Option.Subcommand,
        ...localized("ask", "спросить", "Ask a question; the answer cites its source", "Задать вопрос; ответ со ссылкой на источник"),
        options: [
          {
            type: Option.String,
            ...localized("question", "вопрос", "For example: when was the treaty signed", "Например: когда был подписан договор"),
            required: true,
            autocomplete: true,
            max_length: MAX_QUESTION_LENGTH,
          },
          privateOption,
        ],
      },
      {
        type: Option.Subcommand,
        ...localized("member", "член", "A country's CSTO record: status and dated events", "История участия страны в ОДКБ"),
        options: [
          countryOption("For example: Armenia", "Например: Армения"),
          privateOption,
        ],
      },
      {
        type: Option.Subcommand,
        ...localized("members", "члены", "Current members, former members and observers", "Члены, бывшие члены и наблюдатели"),
      },
      {
        type: Option.Subcommand,
        ...localized("timeline", "хронология", "Dated events in order, each once, naming the states it concerns", "События по датам, с названиями стран"),
        options: [
          pageOption,
          { type: Option.Boolean, ...localized("image", "картинка", "Draw it as a picture", "Нарисовать картинкой") },
          { ...countryOption("Only this state's events, e.g. Uzbekistan", "Только события этой страны"), required: false },
          yearOption("from", "с", "From this year", "С этого года"),
          yearOption("to", "по", "Up to this year", "По этот год"),
          yearOption("year", "год", "Open the page of this year's events", "Открыть страницу событий этого года"),
        ],
      },
      subcommand("chart", "диаграмма", "Membership history 1992 to today, as a picture", "История членства с 1992 года, картинкой"),
      {
        type: Option.SubcommandGroup,
        ...localized("quiz", "викторина", "Test yourself or the group on what the sources say", "Проверьте себя или группу по источникам"),
        options: [
          subcommand("solo", "один", "A quiz only you see, explained from the sources after each answer", "Викторина только для вас", [
            topicOption,
            {
              type: Option.Integer,
              ...localized("count", "вопросов", "How many questions (default 5)", "Сколько вопросов (по умолчанию 5)"),
              min_value: SOLO_COUNT.min,
              max_value: SOLO_COUNT.max,
            },
          ]),
          subcommand("round", "раунд", "A question for the channel: the first right answer scores", "Вопрос для канала: очко за первый верный ответ", [topicOption]),
          subcommand("scores", "очки", "This server's leaderboard and your results by topic", "Таблица лидеров и ваши результаты"),
        ],
      },
      {
        type: Option.Subcommand,
        ...localized("sources", "источники", "The documents behind the answers", "Документы, на которых основаны ответы"),
      },
      {
        type: Option.Subcommand,
        ...localized("source", "источник", "One document and the entries that cite it", "Один документ и записи, которые на него ссылаются"),
        options: [
          {
            type: Option.String,
            ...localized("name", "название", "Title, author or publisher", "Название, автор или издатель"),
            required: true,
            autocomplete: true,
            max_length: 100,
          },
        ],
      },
      {
        type: Option.Subcommand,
        ...localized("suggest", "предложить", "Suggest a fact to this server's moderators", "Предложить факт модераторам сервера"),
      },
      {
        type: Option.Subcommand,
        ...localized("help", "помощь", "What the bot can do, with examples", "Что умеет бот, с примерами"),
      },
    ],
  },

  execute(request, requester, { csto: commands, admin, quiz }) {
    if (request.subcommand?.startsWith("quiz ")) return quiz ? routeQuiz(quiz, requester, request) : textReply(NO_QUIZ);
    // Suggestions go to the moderators' queue, which lives with their commands.
    if (request.subcommand === "suggest") return admin ? admin.suggestForm(requester) : textReply("Suggestions are not available in this setup.");
    return routeCsto(commands, requester, request);
  },

  autocomplete(request, requester, { csto: commands, quiz }) {
    const { name, value } = request.focused;
    if (name === "topic") return quiz?.autocompleteTopic(requester, value) ?? [];
    if (name === "question") return commands.autocompleteQuestion(requester, value);
    if (name === "country") return commands.autocompleteCountry(requester, value);
    if (name === "name") return commands.autocompleteSource(value);
    return [];
  },

  button(customId, requester, { csto: commands, quiz }) {
    if (!customId.startsWith(QUIZ_BUTTON_PREFIX)) return commands.button(requester, customId);
    if (!quiz) throw new UserFacingError(NO_QUIZ);
    return quiz.button(requester, customId);
  },
};
