import { describe, expect, it } from "vitest";
import { FACT_LIMITS, parseFactInput, type FieldProblem } from "../../src/facts/fact-input.js";
import { KNOWN_SOURCES } from "./helpers.js";

const valid = {
  statement: "The CSTO was founded in 2002.",
  question: "",
  sourceId: "edm-2005",
  sourceTitle: "",
  sourceUrl: "",
  quote: "",
};

function problemsOf(raw: unknown): FieldProblem[] {
  const result = parseFactInput(raw, KNOWN_SOURCES);
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.problems;
}

function expectOneProblem(raw: unknown, field: string, messagePart: RegExp): void {
  const problems = problemsOf(raw);
  expect(problems).toHaveLength(1);
  expect(problems[0]!.field).toBe(field);
  expect(problems[0]!.message).toMatch(messagePart);
}

describe("parseFactInput accepts", () => {
  it("a fact citing a listed source, trimmed, with blank optional fields left out", () => {
    const raw = { ...valid, statement: "  The CSTO was founded in 2002.  ", sourceId: " edm-2005 " };
    const result = parseFactInput(raw, KNOWN_SOURCES);
    expect(result).toEqual({ ok: true, value: { statement: "The CSTO was founded in 2002.", sourceId: "edm-2005" } });
    expect(result.ok && Object.keys(result.value)).toEqual(["statement", "sourceId"]);
  });

  it("a fact with its own source title and http or https link", () => {
    for (const sourceUrl of ["https://example.org/a?b=c", "http://example.org/"]) {
      const given = { question: "who founded it", quote: "a quote", sourceTitle: "A report", sourceUrl };
      expect(parseFactInput({ ...valid, sourceId: "", ...given }, KNOWN_SOURCES)).toEqual({
        ok: true,
        value: { statement: valid.statement, ...given },
      });
    }
  });

  it("line breaks in the statement and quote, normalised to \\n", () => {
    const result = parseFactInput({ ...valid, statement: "First line.\r\nSecond line.", quote: "a\nb" }, KNOWN_SOURCES);
    expect(result).toMatchObject({ ok: true, value: { statement: "First line.\nSecond line.", quote: "a\nb" } });
  });

  it("text at exactly the maximum length", () => {
    const raw = {
      ...valid,
      statement: "s".repeat(FACT_LIMITS.statement),
      question: "q".repeat(FACT_LIMITS.question),
      quote: "x".repeat(FACT_LIMITS.quote),
    };
    expect(parseFactInput(raw, KNOWN_SOURCES).ok).toBe(true);
  });

  it("null for optional fields and a missing question or quote", () => {
    expect(parseFactInput({ statement: "A fact.", sourceId: "edm-2005", quote: null }, KNOWN_SOURCES).ok).toBe(true);
  });
});

describe("parseFactInput rejects", () => {
  it("a missing or blank statement", () => {
    expectOneProblem({ ...valid, statement: "   " }, "statement", /statement is required/);
    expectOneProblem({ sourceId: "edm-2005" }, "statement", /statement is required/);
  });

  it("a statement that is not text", () => {
    expectOneProblem({ ...valid, statement: 42 }, "statement", /statement must be text/);
  });

  it.each([
    ["statement", FACT_LIMITS.statement, /statement is too long.*1000/],
    ["question", FACT_LIMITS.question, /question is too long.*200/],
    ["quote", FACT_LIMITS.quote, /quote is too long.*400/],
  ])("a %s over %i characters", (field, max, message) => {
    expectOneProblem({ ...valid, [field]: "a".repeat(max + 1) }, field, message);
  });

  it("a source title over 200 characters", () => {
    const raw = { ...valid, sourceId: "", sourceTitle: "t".repeat(201), sourceUrl: "https://example.org" };
    expectOneProblem(raw, "sourceTitle", /source title is too long.*200/);
  });

  it("a source link over 500 characters", () => {
    const raw = { ...valid, sourceId: "", sourceTitle: "A report", sourceUrl: `https://example.org/${"a".repeat(500)}` };
    expectOneProblem(raw, "sourceUrl", /source link is too long.*500/);
  });

  it.each(["ftp://example.org/file", "javascript:alert(1)", "example.org", "https://", "mailto:a@example.org"])(
    "a source link that is not http or https: %s",
    (sourceUrl) => {
      const raw = { ...valid, sourceId: "", sourceTitle: "A report", sourceUrl };
      expectOneProblem(raw, "sourceUrl", /web address starting with http/);
    },
  );

  it("a source id that is not listed, naming it", () => {
    expectOneProblem({ ...valid, sourceId: "made-up-2020" }, "sourceId", /no source `made-up-2020`/);
  });

  it("a source id that is not an id at all, without echoing it", () => {
    expectOneProblem({ ...valid, sourceId: "Not An `Id`" }, "sourceId", /^The source must be the id of one of the [a-z ]+\.$/);
  });

  it("a fact without any source", () => {
    expectOneProblem({ ...valid, sourceId: "" }, "sourceId", /pick one of the listed sources, or give the source's title/);
  });

  it("a fact with both a listed source and its own", () => {
    const raw = { ...valid, sourceTitle: "A report", sourceUrl: "https://example.org" };
    expectOneProblem(raw, "sourceId", /not both/);
  });

  it("a publication date that is not YYYY-MM-DD, YYYY-MM or YYYY, or not a day of the calendar, repeating what was typed", () => {
    const own = { ...valid, sourceId: "", sourceTitle: "A report", sourceUrl: "https://example.org" };
    for (const sourceDate of ["2023-02-30", "2023-13", "2023-00-10", "23", "2023/05/17", "17 May 2023", "0999", "2023-5"]) {
      expectOneProblem({ ...own, sourceDate }, "sourceDate", new RegExp(`^\`${sourceDate}\` is not a publication date: please write it as YYYY-MM-DD, YYYY-MM or YYYY`));
    }
    expect(parseFactInput({ ...own, sourceDate: " 2024-02-29 " }, KNOWN_SOURCES)).toMatchObject({ ok: true, value: { sourceDate: "2024-02-29" } });
    expect(parseFactInput({ ...own, sourceDate: "2023-12" }, KNOWN_SOURCES)).toMatchObject({ ok: true, value: { sourceDate: "2023-12" } });
    expect(parseFactInput({ ...own, sourceDate: "" }, KNOWN_SOURCES)).toEqual({ ok: true, value: { statement: valid.statement, sourceTitle: "A report", sourceUrl: "https://example.org" } });
  });

  it("a publication date with a listed source, which has its own", () => {
    expectOneProblem({ ...valid, sourceDate: "2024" }, "sourceDate", /A listed source has its own publication date/);
  });

  it("a source title without a link, and a link without a title", () => {
    expectOneProblem({ ...valid, sourceId: "", sourceTitle: "A report" }, "sourceUrl", /not one of the listed ones .* need a link to it/);
    expectOneProblem({ ...valid, sourceId: "", sourceUrl: "https://example.org" }, "sourceTitle", /give the source's title/);
  });

  it.each([
    ["statement", "A bell\u0007 in the text."],
    ["statement", "Hidden\u200Bzero-width space."],
    ["question", "right-to-left \u202Eoverride"],
    ["question", "two\nlines"],
    ["quote", "a tab\there"],
  ])("control or invisible characters in the %s (%j)", (field, text) => {
    expectOneProblem({ ...valid, [field]: text }, field, new RegExp(`The ${field} contains control or invisible`));
  });

  it.each(["@everyone look", "hi @here", "ask <@123456>", "ask <@!123456>", "the <@&987654> role", "see <#555>", "@EVERYONE"])(
    "a mention trick: %s",
    (text) => {
      expectOneProblem({ ...valid, statement: text }, "statement", /The statement must not mention anyone/);
    },
  );

  it("mentions in any field, naming it", () => {
    expectOneProblem({ ...valid, question: "ping @here" }, "question", /The question must not mention anyone/);
    expectOneProblem({ ...valid, quote: "<@1> said so" }, "quote", /The quote must not mention anyone/);
    const raw = { ...valid, sourceId: "", sourceTitle: "by <@&42>", sourceUrl: "https://example.org" };
    expectOneProblem(raw, "sourceTitle", /The source title must not mention anyone/);
  });

  it("masked markdown links", () => {
    expectOneProblem({ ...valid, statement: "Read [the charter](https://evil.example)." }, "statement", /masked link/);
    expectOneProblem({ ...valid, quote: "[click](<https://x.example>)" }, "quote", /The quote must not contain a masked/);
  });

  // Forms Discord renders as a link whose text hides its address, including those a bracket-counting check misses.
  it.each([
    "See [[the official CSTO site]](http://evil.example/login)",
    "[official]site](http://evil.example/login)",
    "[a [nested] text](https://evil.example)",
    "[x](https://evil.example \"a title\")",
    "[x](  https://evil.example)",
    "[multi\nline](https://evil.example)",
    "[](https://evil.example)",
    "[x]([y](https://evil.example))",
    "**[bold](https://evil.example)**",
    "||[spoiler](https://evil.example)||",
  ])("a masked link in disguise: %j", (statement) => {
    expectOneProblem({ ...valid, statement }, "statement", /masked link/);
  });

  // Brackets that Discord shows as they are.
  it.each(["He said [sic] it was signed.", "Cited in [1] (2005).", "The charter (2002) [art. 4]", "A link: https://example.org/page", "(see [below])", "a]b(c"])(
    "brackets that are no link pass: %j",
    (statement) => {
      expect(parseFactInput({ ...valid, statement }, KNOWN_SOURCES).ok).toBe(true);
    },
  );

  it("input that is not an object", () => {
    expect(problemsOf("just text")).toEqual([{ field: "input", message: expect.any(String) }]);
  });

  it("with every problem at once, each naming its field", () => {
    const problems = problemsOf({
      statement: "x".repeat(1001),
      question: "@everyone",
      sourceId: "",
      sourceTitle: "[a](b)",
      sourceUrl: "",
      quote: "bad\u0000byte",
    });
    const fields = problems.map((problem) => problem.field).sort();
    expect(fields).toEqual(["question", "quote", "sourceTitle", "sourceUrl", "statement"]);
    for (const problem of problems) expect(problem.message).toMatch(/^(The|Please) /);
  });
});
