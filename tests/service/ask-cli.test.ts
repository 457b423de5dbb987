import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./bot-process.js";

const STABLE_KEYS = ["query", "answered", "outcome", "confidence", "answer", "suggestions", "related"];

function askJsonl(input: string): Record<string, unknown>[] {
  const output = execFileSync(process.execPath, ["dist/src/cli/ask.js", "--jsonl"], { cwd: PROJECT_ROOT, input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return output.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("npm run ask --jsonl, compiled", () => {
  it("gives an error object every stable key, and echoes no more of a huge line than a question may hold", () => {
    const huge = "why ".repeat(250_000);
    const [answered, empty, tooLong] = askJsonl(`member armenia\n\n${huge}\n`);
    expect(Object.keys(answered!)).toEqual(STABLE_KEYS);
    for (const failed of [empty!, tooLong!]) {
      expect(Object.keys(failed)).toEqual([...STABLE_KEYS, "error"]);
      expect(failed).toMatchObject({ answered: false, answer: null, suggestions: [], related: [] });
    }
    expect((tooLong!.query as string).length).toBeLessThanOrEqual(301);
    expect(tooLong!.error).toMatch(/too long/);
  });
});
