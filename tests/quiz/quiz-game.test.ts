import { describe, expect, it } from "vitest";
import { isUserFacingError } from "../../src/errors.js";
import { ServerFacts } from "../../src/facts/server-facts.js";
import { factsDatabasePath, SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { rightChoice } from "../../src/quiz/question.js";
import { QuizGame } from "../../src/quiz/quiz-game.js";
import { matchesTopic, QuizPool, SERVER_FACTS_TOPIC } from "../../src/quiz/quiz-pool.js";
import { seededRandom } from "../../src/quiz/random.js";
import { SqliteQuizStore } from "../../src/quiz/sqlite-quiz-store.js";
import { questionProblems } from "../../src/quiz/validate-question.js";
import { GUILD, MEMBER, MODERATOR, OTHER_GUILD, useTempDir } from "../facts/helpers.js";

const kb = createKnowledgeBase();
const makeTempDir = useTempDir();
const wrongChoice = (answer: number) => (answer + 1) % 4;

function openQuiz(dataDir: string) {
  const path = factsDatabasePath(dataDir);
  const factStore = new SqliteFactStore(path);
  const facts = new ServerFacts(factStore, kb.engine, kb.knowledge.sourceRefs, kb.knowledge.quoteOccurs);
  const quizStore = new SqliteQuizStore(path);
  const pool = QuizPool.fromKnowledge(kb.knowledge, quizStore, (guildId, factId) => facts.liveEntry(guildId, factId));
  return { facts, pool, game: new QuizGame(pool, seededRandom("test")), close: () => (factStore.close(), quizStore.close()) };
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isUserFacingError(error)) return error.message;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("topics", () => {
  it("select questions by state, author, year, span of years and decade", async () => {
    const questions = await QuizPool.fromKnowledge(kb.knowledge).questions(null);
    expect(questions.filter((question) => matchesTopic(question, "Uzbekistan")).map((question) => question.id)).toContain("year-country-uzbekistan-suspended");
    expect(questions.filter((question) => matchesTopic(question, "kasonta")).every((question) => question.tags.some((tag) => tag.includes("kasonta")))).toBe(true);
    const nineties = questions.filter((question) => matchesTopic(question, "1990s"));
    expect(nineties.length).toBeGreaterThan(0);
    expect(nineties.every((question) => question.years.some((year) => year >= 1990 && year <= 1999))).toBe(true);
    expect(questions.filter((question) => matchesTopic(question, "2010-2014")).map((question) => question.id)).toContain("year-country-serbia-observer");
  });
});

describe("a solo quiz", () => {
  it("asks `count` questions of mixed kinds, explains each answer and records it by topic", async () => {
    const quiz = openQuiz(makeTempDir());
    const first = await quiz.game.startSolo({ userId: MEMBER, guildId: GUILD }, undefined, 3);
    expect(first.total).toBe(3);
    const right = await quiz.game.answerSolo(first.gameId, MEMBER, first.question.answer);
    expect(right).toMatchObject({ correct: true, right: 1, answered: 1 });
    const wrong = await quiz.game.answerSolo(first.gameId, MEMBER, wrongChoice(right.next!.question.answer));
    expect(wrong.correct).toBe(false);
    const last = await quiz.game.answerSolo(first.gameId, MEMBER, wrong.next!.question.answer);
    expect(last.next).toBeUndefined();
    expect(last.right).toBe(2);
    expect(new Set([first.question.kind, right.next!.question.kind, wrong.next!.question.kind]).size).toBe(3);
    const mine = (await quiz.game.scores(GUILD, MEMBER, 10)).mine;
    expect(mine.reduce((sum, topic) => sum + topic.answered, 0)).toBe(3);
    expect(mine.reduce((sum, topic) => sum + topic.correct, 0)).toBe(2);
    quiz.close();
  });

  it("refuses a count out of range, an unknown topic, and someone else's buttons, politely", async () => {
    const quiz = openQuiz(makeTempDir());
    expect(await refusal(() => quiz.game.startSolo({ userId: MEMBER, guildId: GUILD }, undefined, 11))).toMatch(/1 to 10 questions/);
    expect(await refusal(() => quiz.game.startSolo({ userId: MEMBER, guildId: GUILD }, "basketball", 3))).toMatch(/no quiz questions on “basketball”/);
    const turn = await quiz.game.startSolo({ userId: MEMBER, guildId: GUILD }, "Armenia", 2);
    expect(turn.question.tags).toContain("armenia");
    expect(await refusal(() => quiz.game.answerSolo(turn.gameId, MODERATOR, 0))).toMatch(/quiz has ended/);
    quiz.close();
  });
});

describe("a group round", () => {
  it("gives the point to the first right answer; a wrong answer cannot try again; later answers are told who won", async () => {
    const quiz = openQuiz(makeTempDir());
    const { roundId, question } = await quiz.game.startRound(GUILD, "Serbia");
    expect(await quiz.game.answerRound(roundId, { userId: MEMBER, guildId: GUILD }, wrongChoice(question.answer))).toMatchObject({ type: "wrong" });
    expect(await quiz.game.answerRound(roundId, { userId: MEMBER, guildId: GUILD }, question.answer)).toEqual({ type: "already-tried" });
    expect(await quiz.game.answerRound(roundId, { userId: MODERATOR, guildId: GUILD }, question.answer)).toMatchObject({ type: "won", winnerId: MODERATOR });
    expect(await quiz.game.answerRound(roundId, { userId: "300000000000000009", guildId: GUILD }, question.answer)).toEqual({ type: "over", winnerId: MODERATOR });
    expect((await quiz.game.scores(GUILD, MEMBER, 10)).leaderboard).toEqual([
      { userId: MODERATOR, points: 1, correct: 1, answered: 1 },
      { userId: MEMBER, points: 0, correct: 0, answered: 1 },
    ]);
    expect((await quiz.game.scores(OTHER_GUILD, MEMBER, 10)).leaderboard).toEqual([]);
    quiz.close();
  });

  it("keeps the scores in the database across a restart", async () => {
    const dataDir = makeTempDir();
    const before = openQuiz(dataDir);
    const { roundId, question } = await before.game.startRound(GUILD, undefined);
    await before.game.answerRound(roundId, { userId: MEMBER, guildId: GUILD }, question.answer);
    before.close();
    const after = openQuiz(dataDir);
    expect((await after.game.scores(GUILD, MEMBER, 10)).leaderboard).toEqual([{ userId: MEMBER, points: 1, correct: 1, answered: 1 }]);
    after.close();
  });
});

describe("moderators' quiz settings", () => {
  it("add a server fact that names a year to the pool, as a fair question", async () => {
    const quiz = openQuiz(makeTempDir());
    const fact = await quiz.facts.add(GUILD, { statement: "Our study group first met to read the CSTO documents in 2019.", sourceTitle: "Group minutes", sourceUrl: "https://example.org/minutes", quote: "First meeting, autumn 2019." }, MODERATOR);
    const question = await quiz.pool.addFact(GUILD, fact.id, MODERATOR);
    expect(question).toMatchObject({ topic: SERVER_FACTS_TOPIC, guildId: GUILD });
    expect(rightChoice(question)).toBe("2019");
    expect(questionProblems(question, kb.knowledge.sources)).toEqual([]);
    expect((await quiz.pool.questions(GUILD)).map((candidate) => candidate.id)).toContain(question.id);
    expect((await quiz.pool.questions(OTHER_GUILD)).map((candidate) => candidate.id)).not.toContain(question.id);
    await quiz.facts.remove(GUILD, fact.id, MODERATOR);
    expect((await quiz.pool.questions(GUILD)).map((candidate) => candidate.id)).not.toContain(question.id);
    quiz.close();
  });

  it("refuse a fact without a year, one without a quote to back it, and one that does not exist", async () => {
    const quiz = openQuiz(makeTempDir());
    const source = { sourceTitle: "Group minutes", sourceUrl: "https://example.org/minutes" };
    const noYear = await quiz.facts.add(GUILD, { statement: "Our group reads the sources on Mondays.", quote: "We meet on Mondays.", ...source }, MODERATOR);
    expect(await refusal(() => quiz.pool.addFact(GUILD, noYear.id, MODERATOR))).toMatch(/cannot become a fair question/);
    const noQuote = await quiz.facts.add(GUILD, { statement: "Our study group first met in 2019.", ...source }, MODERATOR);
    expect(await refusal(() => quiz.pool.addFact(GUILD, noQuote.id, MODERATOR))).toMatch(/supporting quote/);
    expect(await refusal(() => quiz.pool.addFact(GUILD, "server-99", MODERATOR))).toMatch(/no fact \*\*server-99\*\*/);
    quiz.close();
  });

  it("turn a question off for their server only, and back on", async () => {
    const quiz = openQuiz(makeTempDir());
    await quiz.pool.setQuestionEnabled(GUILD, "status-country-serbia", false, MODERATOR);
    expect((await quiz.pool.questions(GUILD)).map((question) => question.id)).not.toContain("status-country-serbia");
    expect((await quiz.pool.questions(OTHER_GUILD)).map((question) => question.id)).toContain("status-country-serbia");
    await quiz.pool.setQuestionEnabled(GUILD, "status-country-serbia", true, MODERATOR);
    expect((await quiz.pool.questions(GUILD)).map((question) => question.id)).toContain("status-country-serbia");
    expect(await refusal(() => quiz.pool.setQuestionEnabled(GUILD, "no-such-question", false, MODERATOR))).toMatch(/no quiz question/);
    quiz.close();
  });
});
