import { randomUUID } from "node:crypto";
import { UserFacingError } from "../errors.js";
import type { QuizQuestion } from "./question.js";
import type { QuizPool } from "./quiz-pool.js";
import type { LeaderboardLine, TopicResult } from "./quiz-store.js";
import { shuffled } from "./random.js";

export const SOLO_COUNT = { min: 1, max: 10, default: 5 } as const;
/** Games left unanswered this long are forgotten; their buttons then say so. */
const GAME_LIFETIME_MS = 60 * 60 * 1000;
/** Games kept in memory at most; the oldest go first. */
const MAX_GAMES = 1000;

export interface Player {
  userId: string;
  /** Null in a DM with the bot: the game is played but nothing is recorded. */
  guildId: string | null;
}

export interface SoloTurn {
  gameId: string;
  question: QuizQuestion;
  /** 1-based. */
  number: number;
  total: number;
}

export interface SoloResult {
  question: QuizQuestion;
  chosen: number;
  correct: boolean;
  right: number;
  answered: number;
  total: number;
  next?: SoloTurn;
}

export type RoundResult =
  | { type: "won"; question: QuizQuestion; winnerId: string }
  | { type: "wrong"; question: QuizQuestion; chosen: number }
  | { type: "already-tried" }
  | { type: "over"; winnerId: string };

interface SoloGame {
  kind: "solo";
  player: Player;
  questions: QuizQuestion[];
  index: number;
  right: number;
  startedAt: number;
}

interface Round {
  kind: "round";
  guildId: string;
  question: QuizQuestion;
  tried: Set<string>;
  winnerId?: string;
  startedAt: number;
}

export const GAME_GONE = "That quiz has ended or is too old. Start a new one with `/csto quiz solo` or `/csto quiz round`.";

/**
 * Questions mixed across kinds: one of each kind in turn, in random order, so a quiz is not all
 * "who wrote this" (the most numerous kind).
 */
export function mixQuestions(questions: readonly QuizQuestion[], count: number, random: () => number): QuizQuestion[] {
  const byKind = new Map<string, QuizQuestion[]>();
  for (const question of shuffled(questions, random)) byKind.set(question.kind, [...(byKind.get(question.kind) ?? []), question]);
  const queues = shuffled([...byKind.values()], random);
  const mixed: QuizQuestion[] = [];
  while (mixed.length < count && queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) if (mixed.length < count && queue.length > 0) mixed.push(queue.shift()!);
  }
  return mixed;
}

/** Solo quizzes and group rounds: what is asked, who answered what, and what is recorded. */
export class QuizGame {
  private readonly games = new Map<string, SoloGame | Round>();

  constructor(
    private readonly pool: QuizPool,
    private readonly random: () => number = Math.random,
    private readonly clock: () => number = Date.now,
  ) {}

  async startSolo(player: Player, topic: string | undefined, count: number = SOLO_COUNT.default): Promise<SoloTurn> {
    if (!Number.isInteger(count) || count < SOLO_COUNT.min || count > SOLO_COUNT.max) {
      throw new UserFacingError(`A quiz has ${SOLO_COUNT.min} to ${SOLO_COUNT.max} questions; please choose a \`count:\` in that range.`);
    }
    const questions = mixQuestions(await this.pool.onTopic(player.guildId, topic), count, this.random);
    const gameId = this.remember({ kind: "solo", player, questions, index: 0, right: 0, startedAt: this.clock() });
    return { gameId, question: questions[0]!, number: 1, total: questions.length };
  }

  /** Only the player who started a solo quiz can answer it. */
  async answerSolo(gameId: string, userId: string, chosen: number): Promise<SoloResult> {
    const game = this.games.get(gameId);
    if (game?.kind !== "solo" || game.player.userId !== userId) throw new UserFacingError(GAME_GONE);
    const question = game.questions[game.index]!;
    const correct = chosen === question.answer;
    if (correct) game.right++;
    game.index++;
    await this.record(game.player, question, "solo", correct, 0);
    const next = game.questions[game.index];
    if (!next) this.games.delete(gameId);
    return {
      question,
      chosen,
      correct,
      right: game.right,
      answered: game.index,
      total: game.questions.length,
      ...(next ? { next: { gameId, question: next, number: game.index + 1, total: game.questions.length } } : {}),
    };
  }

  async startRound(guildId: string, topic: string | undefined): Promise<{ roundId: string; question: QuizQuestion }> {
    const [question] = mixQuestions(await this.pool.onTopic(guildId, topic), 1, this.random);
    const roundId = this.remember({ kind: "round", guildId, question: question!, tried: new Set(), startedAt: this.clock() });
    return { roundId, question: question! };
  }

  /** Everyone may answer once; the first right answer wins the round's point. */
  async answerRound(roundId: string, player: Player, chosen: number): Promise<RoundResult> {
    const round = this.games.get(roundId);
    if (round?.kind !== "round" || round.guildId !== player.guildId) throw new UserFacingError(GAME_GONE);
    if (round.winnerId) return { type: "over", winnerId: round.winnerId };
    if (round.tried.has(player.userId)) return { type: "already-tried" };
    round.tried.add(player.userId);
    const correct = chosen === round.question.answer;
    // Decided before the answer is stored, so a second right answer arriving meanwhile finds the round over.
    if (correct) round.winnerId = player.userId;
    await this.record(player, round.question, "round", correct, correct ? 1 : 0);
    return correct ? { type: "won", question: round.question, winnerId: player.userId } : { type: "wrong", question: round.question, chosen };
  }

  async scores(guildId: string, userId: string, limit: number): Promise<{ leaderboard: LeaderboardLine[]; mine: TopicResult[] }> {
    const store = this.pool.store;
    if (!store) throw new UserFacingError("Scores are not kept in this setup.");
    const [leaderboard, mine] = await Promise.all([store.leaderboard(guildId, limit), store.resultsByTopic(guildId, userId)]);
    return { leaderboard, mine };
  }

  private async record(player: Player, question: QuizQuestion, mode: "solo" | "round", correct: boolean, points: number): Promise<void> {
    if (!player.guildId) return;
    await this.pool.store?.recordAnswer({ guildId: player.guildId, userId: player.userId, questionId: question.id, topic: question.topic, mode, correct, points });
  }

  private remember(game: SoloGame | Round): string {
    const now = this.clock();
    for (const [id, old] of this.games) if (now - old.startedAt > GAME_LIFETIME_MS || this.games.size >= MAX_GAMES) this.games.delete(id);
    const id = randomUUID().slice(0, 8);
    this.games.set(id, game);
    return id;
  }
}
