/** The contract every QuizStore keeps, run against SQLite and against a real PostgreSQL server. */
import { describe, expect, it } from "vitest";
import type { QuizAnswer } from "../../src/quiz/quiz-store.js";
import { BACKENDS } from "../facts/backends.js";
import { GUILD, MEMBER, MODERATOR, OTHER_GUILD } from "../facts/helpers.js";

const THIRD_MEMBER = "300000000000000003";
const answer = (userId: string, overrides: Partial<QuizAnswer> = {}): QuizAnswer => ({
  guildId: GUILD,
  userId,
  questionId: "year-country-serbia-observer",
  topic: "Serbia",
  mode: "round",
  correct: true,
  points: 1,
  ...overrides,
});

describe.each(BACKENDS)("a quiz store on $name", (backend) => {
  const openStores = backend.useStores();
  const openStore = async () => (await openStores()).quiz;

  describe.skipIf(!backend.available)("scores", () => {
    it("rank by points, then right answers, then whoever answered first, at most `limit` lines, per guild", async () => {
      const store = await openStore();
      await store.recordAnswer(answer(THIRD_MEMBER, { correct: true, points: 0, mode: "solo" }));
      await store.recordAnswer(answer(MEMBER));
      await store.recordAnswer(answer(MODERATOR));
      await store.recordAnswer(answer(MODERATOR, { correct: false, points: 0 }));
      await store.recordAnswer(answer(MEMBER, { correct: true, points: 0, mode: "solo" }));
      await store.recordAnswer(answer(MEMBER, { guildId: OTHER_GUILD }));
      expect(await store.leaderboard(GUILD, 10)).toEqual([
        { userId: MEMBER, points: 1, correct: 2, answered: 2 },
        { userId: MODERATOR, points: 1, correct: 1, answered: 2 },
        { userId: THIRD_MEMBER, points: 0, correct: 1, answered: 1 },
      ]);
      expect(await store.leaderboard(GUILD, 1)).toHaveLength(1);
      expect(await store.leaderboard(OTHER_GUILD, 10)).toEqual([{ userId: MEMBER, points: 1, correct: 1, answered: 1 }]);
      expect(await store.leaderboard("100000000000000099", 10)).toEqual([]);
    });

    it("count a member's right and total answers by topic, in byte order of the topic", async () => {
      const store = await openStore();
      for (const [topic, correct] of [["armenia", true], ["Serbia", false], ["Armenia", true], ["Armenia", false], ["This server's facts", true]] as const) {
        await store.recordAnswer(answer(MEMBER, { topic, correct, points: 0 }));
      }
      await store.recordAnswer(answer(MODERATOR, { topic: "Armenia" }));
      expect(await store.resultsByTopic(GUILD, MEMBER)).toEqual([
        { topic: "Armenia", correct: 1, answered: 2 },
        { topic: "Serbia", correct: 0, answered: 1 },
        { topic: "This server's facts", correct: 1, answered: 1 },
        { topic: "armenia", correct: 1, answered: 1 },
      ]);
      expect(await store.resultsByTopic(OTHER_GUILD, MEMBER)).toEqual([]);
    });
  });

  describe.skipIf(!backend.available)("moderators' settings", () => {
    it("put facts in a guild's pool once each, oldest first, and take them out", async () => {
      const store = await openStore();
      await store.setFactInPool(GUILD, "server-2", true, MODERATOR);
      await store.setFactInPool(GUILD, "server-10", true, MODERATOR);
      await store.setFactInPool(GUILD, "server-2", true, MODERATOR);
      await store.setFactInPool(OTHER_GUILD, "server-1", true, MODERATOR);
      expect(await store.poolFacts(GUILD)).toEqual(["server-2", "server-10"]);
      await store.setFactInPool(GUILD, "server-2", false, MODERATOR);
      await store.setFactInPool(GUILD, "server-3", false, MODERATOR);
      expect(await store.poolFacts(GUILD)).toEqual(["server-10"]);
      expect(await store.poolFacts(OTHER_GUILD)).toEqual(["server-1"]);
    });

    it("turn questions off for one guild and back on", async () => {
      const store = await openStore();
      await store.setQuestionDisabled(GUILD, "status-country-serbia", true, MODERATOR);
      await store.setQuestionDisabled(GUILD, "status-country-serbia", true, MODERATOR);
      await store.setQuestionDisabled(GUILD, "year-country-uzbekistan-suspended", true, MODERATOR);
      expect(await store.disabledQuestions(GUILD)).toEqual(new Set(["status-country-serbia", "year-country-uzbekistan-suspended"]));
      expect(await store.disabledQuestions(OTHER_GUILD)).toEqual(new Set());
      await store.setQuestionDisabled(GUILD, "status-country-serbia", false, MODERATOR);
      expect(await store.disabledQuestions(GUILD)).toEqual(new Set(["year-country-uzbekistan-suspended"]));
    });
  });
});
