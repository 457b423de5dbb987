import { describe, expect, it } from "vitest";
import { renderReplyText } from "../../src/bot/render-text.js";
import { escapeMarkdown } from "../../src/text/markdown.js";

describe("escapeMarkdown", () => {
  it.each([
    ["[Official CSTO site](http://evil.example/login)", "\\[Official CSTO site\\]\\(http\\://evil.example/login\\)"],
    ["**bold** _it_ ~~gone~~ `code` ||spoiler||", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\|"],
    ["> quote", "\\> quote"],
    ["# heading", "\\# heading"],
    ["@everyone <@&1>", "\\@everyone \\<\\@&1\\>"],
    ["back\\slash", "back\\\\slash"],
    ["plain words, stay as they are.", "plain words, stay as they are."],
  ])("%j is shown as typed", (typed, escaped) => {
    expect(escapeMarkdown(typed)).toBe(escaped);
  });
});

describe("the local console", () => {
  it("shows an escaped echo as it was typed", () => {
    const typed = "[Official CSTO site](http://evil.example/login) **now**";
    const reply = { content: `You asked “${escapeMarkdown(typed)}”.`, embeds: [], components: [], ephemeral: false };
    expect(renderReplyText(reply)).toBe(`You asked “${typed}”.`);
  });
});
