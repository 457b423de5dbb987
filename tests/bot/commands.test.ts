import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { CstoCommands } from "../../src/bot/csto-commands.js";
import { APOLOGY, Dispatcher } from "../../src/bot/dispatcher.js";
import { runConsole } from "../../src/console/local-console.js";
import { parseSlashLine } from "../../src/console/parse-slash.js";
import { UserFacingError } from "../../src/errors.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createLogger } from "../../src/logger.js";

const kb = createKnowledgeBase();
const csto = new CstoCommands(kb);
const requester = { userId: "user-1", guildId: null };
const silentLogger = createLogger({ level: "silent", production: true, destination: new PassThrough() });

describe("/csto handlers on the real knowledge", () => {
  it("lists Georgia and Azerbaijan as former parties to the treaty, not as former CSTO members", () => {
    const fields = csto.members(requester).embeds[0]!.fields!;
    const group = (name: string) => fields.filter((field) => field.name.startsWith(name)).map((field) => field.value).join("\n");
    expect(group("Former parties to the treaty")).toMatch(/Azerbaijan[\s\S]*Georgia/);
    expect(group("Former members")).not.toMatch(/Georgia|Azerbaijan/);
    expect(group("Former members")).toMatch(/Uzbekistan/);
  });

  it("names private answers, timeline pages and the moderators' commands in its help", () => {
    const help = JSON.stringify(csto.help().embeds);
    for (const mention of ["private:true", "page:", "/csto-admin"]) expect(help).toContain(mention);
  });

  it("dates Bescotti's analysis 2017 and says why, though its text says 2 January 2017", () => {
    const [embed] = csto.source(requester, "bescotti").embeds;
    expect(embed!.description).toMatch(/, 2017\)?/);
    expect(embed!.description).toMatch(/Zapad-2017 exercise of September 2017/);
  });

  it("lists each source once, by its title, with how many entries cite it", () => {
    const fields = csto.sources(requester).embeds[0]!.fields!;
    for (const field of fields) {
      expect(field.value).not.toContain(field.name);
      expect(field.value).toMatch(/Cited by \d+ (entry|entries) · `/);
    }
    expect(fields.some((field) => /Cited by 1 entries/.test(field.value))).toBe(false);
  });

  it("lists members, former members and observers with dates", () => {
    const fields = csto.members(requester).embeds[0]!.fields!;
    const text = fields.map((field) => `${field.name}\n${field.value}`).join("\n");
    expect(fields.map((field) => field.name)).toEqual(expect.arrayContaining(["Members", "Former members", "Observers"]));
    expect(text).toMatch(/Armenia/);
    expect(text).toMatch(/Uzbekistan/);
    expect(text).toMatch(/Serbia/);
  });

  it("puts the timeline in date order and pages it", () => {
    const first = csto.timeline(requester, { page: 0 }).embeds[0]!;
    const dates = [...first.description!.matchAll(/`(\d{4}[-\d]*)`/g)].map((match) => match[1]!);
    expect(dates).toEqual([...dates].sort());
    expect(first.footer!.text).toMatch(/^Page 1 of \d+/);
    expect(csto.timeline(requester, { page: 999 }).embeds[0]!.footer!.text).toMatch(/^Page (\d+) of \1/);
  });

  it("shows each event once, naming the states it concerns", () => {
    const first = csto.timeline(requester, { page: 0 }).embeds[0]!;
    const pages = Number(/of (\d+)/.exec(first.footer!.text)![1]);
    const lines = Array.from({ length: pages }, (_, page) => csto.timeline(requester, { page }).embeds[0]!.description!.split("\n")).flat();
    expect(lines.filter((line) => line.startsWith("`1994`") && /into force/.test(line))).toEqual([
      expect.stringMatching(/^`1994` Armenia, Azerbaijan, Belarus, Georgia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan: The treaty enters into force/),
    ]);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("opens the page of a year with year:, and the last page for a year after the last event", () => {
    const reply = csto.timeline(requester, { year: 2010 }).embeds[0]!;
    const dates = [...reply.description!.matchAll(/^`(\d{4})/gm)].map((match) => match[1]!);
    expect(dates).toContain("2010");
    expect(reply.footer!.text).not.toMatch(/^Page 1 of/);
    expect(csto.timeline(requester, { year: 2099 }).embeds[0]!.footer!.text).toMatch(/^Page (\d+) of \1 /);
  });

  it("shows one state's events with country:, each naming it", () => {
    const reply = csto.timeline(requester, { country: "uzbek" }).embeds[0]!;
    expect(reply.title).toBe("CSTO timeline: Uzbekistan");
    const lines = reply.description!.split("\n");
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/Uzbekistan/);
  });

  it("shows the 2024 freeze and the 2022 Kazakhstan deployment in the timeline", () => {
    const all = Array.from({ length: 40 }, (_, page) => csto.timeline(requester, { page }).embeds[0]!.description).join("\n");
    expect(all).toMatch(/2024-02/);
    expect(all).toMatch(/2022-01-0[56]/);
  });

  it("lists every source with how many entries cite it", () => {
    const fields = csto.sources(requester).embeds[0]!.fields!;
    expect(fields).toHaveLength(kb.knowledge.sources.length);
    expect(fields.find((field) => field.name.includes("Eurasian NATO"))!.value).toMatch(/Cited by [1-9]\d* entries/);
  });

  it("finds a source by its author's name", () => {
    expect(csto.source(requester, "bescotti").embeds[0]!.url).toBe("http://greater-europe.org/archives/3965");
  });

  it("answers an unknown country with a clear statement and the states the sources know", () => {
    const reply = csto.member(requester, "moldova");
    expect(reply.embeds[0]!.description).toMatch(/do not record "moldova"/);
    expect(reply.components.flat().length).toBeGreaterThan(0);
  });

  it("autocompletes countries by any of their names", () => {
    expect(csto.autocompleteCountry(requester, "kirg").map((choice) => choice.name)).toEqual(["Kyrgyzstan"]);
  });

  it("opens the entry an autocomplete choice names", () => {
    const [choice] = csto.autocompleteQuestion(requester, "great game");
    expect(csto.ask(requester, choice!.value).embeds[0]!.title).toBe(choice!.name);
  });
});

describe("dispatcher", () => {
  it("turns a user-facing error into an ephemeral message", async () => {
    const dispatcher = new Dispatcher(commands, { csto }, new Cooldown(0), silentLogger);
    const { outgoing, outcome } = await dispatcher.handle({ type: "command", command: "csto", request: { command: "csto", subcommand: "source", options: { name: "nothing like it" } } }, requester);
    expect(outcome).toBe("refused");
    expect(outgoing.type === "reply" && outgoing.reply.ephemeral).toBe(true);
  });

  it("apologises without details when something unexpected breaks", async () => {
    const broken = new Map([["csto", { ...commands.get("csto")!, execute: () => { throw new TypeError("secret internals"); } }]]);
    const { outgoing, outcome } = await new Dispatcher(broken, { csto }, new Cooldown(0), silentLogger).handle({ type: "command", command: "csto", request: { command: "csto", subcommand: "help", options: {} } }, requester);
    expect(outcome).toBe("failed");
    expect(outgoing.type === "reply" && outgoing.reply.content).toBe(APOLOGY);
  });

  it("asks a user to wait between answering commands but never slows autocomplete", async () => {
    let now = 0;
    const dispatcher = new Dispatcher(commands, { csto }, new Cooldown(3, () => now), silentLogger);
    const ask = { type: "command" as const, command: "csto", request: { command: "csto", subcommand: "ask", options: { question: "member armenia" } } };
    expect((await dispatcher.handle(ask, requester)).outcome).toBe("answered");
    expect((await dispatcher.handle(ask, requester)).outgoing).toMatchObject({ type: "reply", reply: { content: "Please wait 3 s before asking again.", ephemeral: true } });
    const typed = { type: "autocomplete" as const, command: "csto", request: { ...ask.request, focused: { name: "question", value: "arm" } } };
    expect((await dispatcher.handle(typed, requester)).outgoing.type).toBe("choices");
    now = 3_000;
    expect((await dispatcher.handle(ask, requester)).outcome).toBe("answered");
  });
});

describe("local console", () => {
  it("parses slash lines the way Discord sends them", () => {
    expect(parseSlashLine("/csto member armenia", commands).request).toEqual({ command: "csto", subcommand: "member", options: { country: "armenia" } });
    expect(parseSlashLine("/csto ask question:when was it signed private:true", commands).request.options).toEqual({ question: "when was it signed", private: true });
    expect(parseSlashLine("/csto timeline page:2", commands).request.options).toEqual({ page: 2 });
    expect(() => parseSlashLine("/csto dance", commands)).toThrow(UserFacingError);
    // The Russian names Discord shows Russian users work in the console too.
    expect(parseSlashLine("/одкб спросить вопрос:когда был подписан договор", commands).request).toEqual({
      command: "csto",
      subcommand: "ask",
      options: { question: "когда был подписан договор" },
    });
  });

  it("answers typed commands and presses buttons by number", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => (printed += String(chunk)));
    const done = runConsole({ dispatcher: new Dispatcher(commands, { csto }, new Cooldown(0), silentLogger), commands, input, output });
    input.end("/csto member armenia\n1\n/csto nonsense\nexit\n");
    await done;
    expect(printed).toMatch(/== Armenia/);
    expect(printed).toMatch(/\(only you can see this\)/);
    expect(printed).toMatch(/Choose one of/);
  });
});

describe("the console's text", () => {
  it("prints markdown emphasis as plain words, keeping escaped characters as typed", async () => {
    const { renderReplyText } = await import("../../src/bot/render-text.js");
    const text = renderReplyText({ content: "Saved **server-3**; *see* 2 \\* 3", embeds: [], components: [], ephemeral: false });
    expect(text).toBe("Saved server-3; see 2 * 3");
  });
});
