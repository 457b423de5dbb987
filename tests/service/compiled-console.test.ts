import { execFileSync } from "node:child_process";
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
import { PROJECT_ROOT } from "./bot-process.js";

const work = mkdtempSync(join(tmpdir(), "csto-compiled-console-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A picture that depends on the knowledge and the fonts only, not on today's date, and questions in
 * English and Russian: the build escapes every character past ASCII in the bundle, regular
 * expressions included.
 */
const TYPED = ["/csto timeline image:true country:armenia", "/csto member armenia", "/csto ask question:когда подписан договор о коллективной безопасности"];
const PICTURE = "csto-timeline.png";

/** What the compiled bot (dist/, as `npm start` runs it without a token) prints, and the folder it draws in. */
function compiledConsole(): { printed: string; pictureDir: string } {
  const temp = join(work, "compiled");
  const printed = execFileSync(process.execPath, ["dist/src/index.js"], {
    cwd: PROJECT_ROOT,
    input: `${TYPED.join("\n")}\n`,
    encoding: "utf8",
    // The console draws in the system's temporary folder, which TMPDIR names.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", TMPDIR: temp, DATA_DIR: join(temp, "data") },
  });
  return { printed, pictureDir: join(temp, "csto-console") };
}

/** The same lines typed into the console run from the sources. */
async function sourceConsole(): Promise<{ printed: string; pictureDir: string }> {
  const pictureDir = join(work, "sources", "pictures");
  const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
  const app = await createApp(createKnowledgeBase(), { kind: "sqlite", dataDir: join(work, "sources", "data") }, logger);
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => (printed += String(chunk)));
  const done = runConsole({ dispatcher: new Dispatcher(commands, app.context, new Cooldown(0), logger), commands, input, output, pictureDir });
  input.end(`${TYPED.join("\n")}\n`);
  await done;
  await app.close();
  return { printed, pictureDir };
}

describe("the compiled bot in the local console", () => {
  it("answers and draws as the sources do, the fonts found from the bundle in dist/", async () => {
    const compiled = compiledConsole();
    const sources = await sourceConsole();
    expect(compiled.printed.replaceAll(compiled.pictureDir, "PICTURES")).toBe(sources.printed.replaceAll(sources.pictureDir, "PICTURES"));
    expect(compiled.printed).toContain("Picture ");
    // Without its fonts resvg still draws, silently leaving out every word.
    expect(readFileSync(join(compiled.pictureDir, PICTURE)).equals(readFileSync(join(sources.pictureDir, PICTURE)))).toBe(true);
  });
});
