import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { createApp } from "../../src/app.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import { runConsole } from "../../src/console/local-console.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createLogger } from "../../src/logger.js";

const dir = mkdtempSync(join(tmpdir(), "csto-console-test-"));
const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
const app = await createApp(createKnowledgeBase(), { kind: "sqlite", dataDir: join(dir, "data") }, logger);

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Types the lines into the local console and returns what it printed. */
async function play(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => (printed += String(chunk)));
  const done = runConsole({ dispatcher: new Dispatcher(commands, app.context, new Cooldown(0), logger), commands, input, output, pictureDir: join(dir, "pictures") });
  input.end(`${lines.join("\n")}\nexit\n`);
  await done;
  return printed;
}

describe("the study tools in the local console", () => {
  it("plays a quiz with numbered buttons and explains the answer from its source", async () => {
    const printed = await play(["/csto quiz solo count:1", "1"]);
    expect(printed).toContain("== Question 1 of 1 ==");
    expect(printed).toMatch(/\[1\] A: /);
    // The console prints emphasis as plain words: no raw markdown beside its own headings.
    expect(printed).toMatch(/The answer: [^*\n]+\n\n> “/);
    expect(printed).toContain("== Quiz finished ==");
  });

  it("writes the chart to a PNG file and prints its path and description", async () => {
    const printed = await play(["/csto chart"]);
    const path = join(dir, "pictures", "csto-membership.png");
    expect(printed).toContain(`Picture ${path}: Chart of membership by year.`);
    expect([...readFileSync(path).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
