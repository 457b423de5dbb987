import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/answer.js";
import { fitEmbed, truncate } from "../../src/bot/limits.js";
import { renderAnswer } from "../../src/bot/render.js";
import { DISCORD_LIMITS, type Embed } from "../../src/bot/reply.js";

const source = { id: "doc", title: "T".repeat(300), author: "A", publisher: "P", date: "2020", url: "https://example.org" };

function hugeAnswer(): Answer {
  return {
    query: "q",
    answered: true,
    outcome: "answered",
    confidence: 0.9,
    answer: {
      id: "entry-1",
      kind: "qa",
      title: "Title ".repeat(100),
      text: "word ".repeat(3000),
      quote: "quoted ".repeat(200),
      quoteSource: source,
      sources: Array.from({ length: 30 }, () => source),
      addedByServer: false,
    },
    suggestions: [],
    related: Array.from({ length: 9 }, (_, i) => ({ id: `related-${i}`, title: "Related ".repeat(30) })),
  };
}

const totalLength = (embed: Embed) =>
  (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);

describe("embed rendering within Discord's limits", () => {
  it("truncates on a word boundary with an ellipsis", () => {
    expect(truncate("the collective security treaty", 20)).toBe("the collective…");
    expect(truncate("short", 20)).toBe("short");
  });

  it("keeps an oversized answer inside every limit instead of failing", () => {
    const reply = renderAnswer(hugeAnswer());
    const [embed] = reply.embeds;
    expect(embed!.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed!.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    for (const field of embed!.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(totalLength(embed!)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(reply.components.flat().length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const button of reply.components.flat()) expect(button.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
  });

  it("keeps the quote even when the answer text is cut", () => {
    expect(renderAnswer(hugeAnswer()).embeds[0]!.description).toContain("> “quoted");
  });

  it("trims fields beyond 25", () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: "v" }));
    expect(fitEmbed({ fields }).fields).toHaveLength(DISCORD_LIMITS.fields);
  });

  it("marks a server's own fact as added by its moderators", () => {
    const answer = hugeAnswer();
    answer.answer!.addedByServer = true;
    expect(renderAnswer(answer).embeds[0]!.footer!.text).toContain("added by this server's moderators");
  });

  it("keeps every source an answer relies on reachable: those that do not fit are counted and named", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ ...source, id: `doc-${i}`, title: `Document number ${i} with a long enough title to fill a line` }));
    const answer = hugeAnswer();
    const reply = renderAnswer({ ...answer, answer: { ...answer.answer!, sources: many } });
    const field = reply.embeds[0]!.fields![0]!;
    expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    const shown = many.filter((doc) => field.value.includes(`[${doc.title}]`)).length;
    const more = /\+(\d+) more: `\/csto source name:` shows each of (.*)$/.exec(field.value);
    expect(more).not.toBeNull();
    expect(shown + Number(more![1])).toBe(many.length);
    for (const doc of many.slice(shown)) expect(more![2]).toContain(`\`${doc.id}\``);
  });
});

describe("replies without an answer", () => {
  const unanswered = (outcome: Answer["outcome"], notice?: string): Answer => ({
    query: "where was the 2015 summit held",
    answered: false,
    outcome,
    confidence: 0.4,
    answer: null,
    notice,
    suggestions: [{ id: "summit-2015", title: "The 2015 summit" }],
    related: [],
  });

  it("says what a near miss knows, and points to the entry that says it, without claiming nothing was found", () => {
    const embed = renderAnswer(unanswered("near-miss", "I know when, not where.")).embeds[0]!;
    expect(embed.title).toBe("Not in my sources");
    expect(embed.description).toMatch(/^I know when, not where\. My sources do not answer “where was the 2015 summit held”/);
    expect(embed.description).toContain("first entry below");
    expect(embed.description).not.toContain("could not find");
  });

  it("tells an unsure answer apart, and offers the closest entries", () => {
    const embed = renderAnswer(unanswered("unsure")).embeds[0]!;
    expect(embed.title).toBe("No confident answer");
    expect(embed.description).toContain("I could not find an answer to “where was the 2015 summit held”");
    expect(embed.description).toContain("closest entries");
  });
});
