import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { parseSlashLine } from "../../src/console/parse-slash.js";
import { UserFacingError } from "../../src/errors.js";

const parse = (line: string) => parseSlashLine(line, commands).request;

/** The polite message a line is refused with; fails the test when the line is accepted or crashes. */
function refusal(line: string): string {
  try {
    parse(line);
  } catch (error) {
    if (error instanceof UserFacingError) return error.message;
    throw error;
  }
  throw new Error(`"${line}" was accepted`);
}

describe("the console checks options as Discord's client would", () => {
  it("takes a role by its id or its mention, and refuses anything else with a polite message", () => {
    const role = "123456789012345678";
    expect(parse(`/csto-admin config moderator-role:${role}`).options).toEqual({ "moderator-role": role });
    expect(parse(`/csto-admin config moderator-role:<@&${role}>`).options).toEqual({ "moderator-role": role });
    expect(refusal("/csto-admin config moderator-role:moderators")).toBe(
      "`moderator-role` takes a role: in the console, type its id (17 to 20 digits), e.g. `moderator-role:123456789012345678`.",
    );
  });

  it("keeps numbers within their bounds", () => {
    expect(parse("/csto timeline year:2005").options).toEqual({ year: 2005 });
    expect(refusal("/csto timeline page:0")).toBe("`page` takes a number 1 or more.");
    expect(refusal("/csto timeline year:1800")).toBe("`year` takes a number from 1990 to 2100.");
    expect(refusal("/csto timeline page:2.5")).toBe("`page` takes a whole number.");
    expect(refusal("/csto quiz solo count:50")).toMatch(/^`count` takes a number from \d+ to \d+\.$/);
  });

  it("takes true or false for a yes-or-no option, nothing else", () => {
    expect(parse("/csto timeline image:да").options).toEqual({ image: true });
    expect(parse("/csto ask question:who signed private:no").options).toEqual({ question: "who signed", private: false });
    expect(refusal("/csto timeline image:maybe")).toBe("`image` takes true or false.");
  });

  it("keeps text within its length and asks for a required option left out or empty", () => {
    expect(refusal(`/csto member country:${"a".repeat(101)}`)).toBe("`country` takes at most 100 characters.");
    expect(refusal("/csto member country:")).toBe("`/csto member` needs `country:`.");
    expect(refusal("/csto ask private:true")).toBe("`/csto ask` needs `question:`.");
  });
});
