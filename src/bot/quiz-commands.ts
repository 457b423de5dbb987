import { UserFacingError } from "../errors.js";
import { citation } from "../knowledge/model.js";
import { rightChoice, type QuizQuestion } from "../quiz/question.js";
import type { QuizGame, SoloResult, SoloTurn } from "../quiz/quiz-game.js";
import type { QuizPool } from "../quiz/quiz-pool.js";
import { foldText } from "../text/normalize.js";
import type { Choice, Requester } from "./csto-commands.js";
import { truncate } from "./limits.js";
import { COLORS, listFields } from "./render.js";
import { DISCORD_LIMITS, type Button, type Embed, type Reply } from "./reply.js";

/** Buttons of quizzes: `csto:quiz:solo:<game>:<choice>` and `csto:quiz:round:<round>:<choice>`. */
export const QUIZ_BUTTON_PREFIX = "csto:quiz:";
const RESULT_COLORS = { right: 0x2f855a, wrong: 0xc53030 } as const;
const LEADERBOARD_LINES = 10;
const CHOICE_LETTERS = ["A", "B", "C", "D"];

export const QUIZ_MESSAGES = {
  serverOnly: "Quiz rounds and scores belong to a server: please use this command in one.",
  alreadyTried: "You have had your try in this round. The answer is shown as soon as someone gets it.",
} as const;

function questionEmbed(question: QuizQuestion, heading: string): Embed {
  const choices = question.choices.map((choice, i) => `**${CHOICE_LETTERS[i]}** ${choice}`).join("\n");
  return { title: heading, description: `${question.prompt}\n\n${choices}`, color: COLORS.answer, footer: { text: `${question.topic} · id: ${question.id}` } };
}

function choiceButtons(customId: (choice: number) => string, question: QuizQuestion, disabled = false): Button[][] {
  return [question.choices.map((choice, i) => ({ customId: customId(i), label: `${CHOICE_LETTERS[i]}: ${choice}`, style: "secondary" as const, disabled }))];
}

/** Right or wrong, the right answer, and the quote that backs it with its source. */
export function explanation(question: QuizQuestion, correct: boolean, heading: string): Embed {
  const { quote } = question;
  return {
    title: heading,
    description: `The answer: **${rightChoice(question)}**\n\n> “${truncate(quote.text, 400)}”\n— [${quote.source.title}](${quote.source.url}), ${citation(quote.source)}`,
    color: correct ? RESULT_COLORS.right : RESULT_COLORS.wrong,
  };
}

const soloButtonId = (gameId: string) => (choice: number) => `${QUIZ_BUTTON_PREFIX}solo:${gameId}:${choice}`;
const roundButtonId = (roundId: string) => (choice: number) => `${QUIZ_BUTTON_PREFIX}round:${roundId}:${choice}`;

/** `/csto quiz …` and its buttons: turns the game's moves into replies. */
export class QuizCommands {
  constructor(
    private readonly game: QuizGame,
    private readonly pool: QuizPool,
  ) {}

  /** `topic:` choices that start with (or contain) what has been typed. */
  async autocompleteTopic(requester: Requester, typed: string): Promise<Choice[]> {
    const key = foldText(typed);
    const topics = (await this.pool.topics(requester.guildId)).filter((topic) => foldText(topic).includes(key));
    const starting = topics.filter((topic) => foldText(topic).startsWith(key));
    return [...new Set([...starting, ...topics])].slice(0, DISCORD_LIMITS.choices).map((topic) => ({ name: topic, value: topic }));
  }

  async solo(requester: Requester, topic: string | undefined, count: number | undefined): Promise<Reply> {
    const turn = await this.game.startSolo(requester, topic, count);
    return { embeds: [this.turnEmbed(turn)], components: choiceButtons(soloButtonId(turn.gameId), turn.question), ephemeral: true };
  }

  async round(requester: Requester, topic: string | undefined): Promise<Reply> {
    if (!requester.guildId) throw new UserFacingError(QUIZ_MESSAGES.serverOnly);
    const { roundId, question } = await this.game.startRound(requester.guildId, topic);
    return {
      content: "Quiz round! Everyone may answer once; the first right answer scores a point.",
      embeds: [questionEmbed(question, "Quiz round")],
      components: choiceButtons(roundButtonId(roundId), question),
      ephemeral: false,
    };
  }

  async scores(requester: Requester): Promise<Reply> {
    if (!requester.guildId) throw new UserFacingError(QUIZ_MESSAGES.serverOnly);
    const { leaderboard, mine } = await this.game.scores(requester.guildId, requester.userId, LEADERBOARD_LINES);
    const board = leaderboard.map((line, i) => `${i + 1}. <@${line.userId}>: ${line.points} ${line.points === 1 ? "point" : "points"} (${line.correct} right of ${line.answered})`);
    const topics = mine.map((result) => `${result.topic}: ${result.correct} of ${result.answered} right`);
    return {
      embeds: [
        {
          title: "Quiz scores",
          description: "A point for each group round won (the first right answer). Solo quizzes count in your results by topic.",
          color: COLORS.list,
          fields: [
            ...listFields("This server's leaderboard", board.length > 0 ? board : ["No rounds played yet: start one with `/csto quiz round`."]),
            ...listFields("Your results by topic", topics.length > 0 ? topics : ["You have not answered a question here yet."]),
          ],
        },
      ],
      components: [],
      ephemeral: true,
    };
  }

  /** A click on a choice; undefined when the button is not a quiz's. */
  async button(requester: Requester, customId: string): Promise<{ reply: Reply; updateMessage: boolean } | undefined> {
    const [mode, gameId, choiceText] = customId.slice(QUIZ_BUTTON_PREFIX.length).split(":");
    const choice = Number(choiceText);
    if (!gameId || !Number.isInteger(choice)) return undefined;
    if (mode === "solo") return { reply: this.soloAnswered(await this.game.answerSolo(gameId, requester.userId, choice)), updateMessage: true };
    if (mode !== "round") return undefined;
    const result = await this.game.answerRound(gameId, requester, choice);
    switch (result.type) {
      case "won":
        return {
          reply: {
            content: `<@${result.winnerId}> answered first and scores a point.`,
            embeds: [questionEmbed(result.question, "Quiz round"), explanation(result.question, true, `Right: ${rightChoice(result.question)}`)],
            components: choiceButtons(roundButtonId(gameId), result.question, true),
            ephemeral: false,
          },
          updateMessage: true,
        };
      case "wrong":
        return { reply: { content: `Not ${result.question.choices[result.chosen] ?? "that"}. ${QUIZ_MESSAGES.alreadyTried}`, embeds: [], components: [], ephemeral: true }, updateMessage: false };
      case "already-tried":
        return { reply: { content: QUIZ_MESSAGES.alreadyTried, embeds: [], components: [], ephemeral: true }, updateMessage: false };
      case "over":
        return { reply: { content: `This round is over: <@${result.winnerId}> answered first.`, embeds: [], components: [], ephemeral: true }, updateMessage: false };
    }
  }

  private turnEmbed(turn: SoloTurn): Embed {
    return questionEmbed(turn.question, `Question ${turn.number} of ${turn.total}`);
  }

  /** The explanation of the answer, then the next question, or the final score. */
  private soloAnswered(result: SoloResult): Reply {
    const heading = result.correct ? `Right: ${rightChoice(result.question)}` : `Not quite: you chose ${result.question.choices[result.chosen] ?? "nothing"}`;
    const embeds = [explanation(result.question, result.correct, heading)];
    if (result.next) {
      return { embeds: [...embeds, this.turnEmbed(result.next)], components: choiceButtons(soloButtonId(result.next.gameId), result.next.question), ephemeral: true };
    }
    embeds.push({ title: "Quiz finished", description: `You got **${result.right} of ${result.total}** right.`, color: COLORS.list, footer: { text: "Play again with /csto quiz solo, or see /csto quiz scores" } });
    return { embeds, components: [], ephemeral: true };
  }
}
