import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { productionV8Flags } from "../../scripts/start-flags.mjs";
import { PROJECT_ROOT } from "./bot-process.js";

/** The vendored bundles (scripts/build.mjs) and a package of each. */
const BUNDLES = { discord: "discord.js", zod: "zod", pino: "pino" };

/** Loads every vendored bundle of dist/ in a node given `flags`; says which were compiled without their code cache, and what each package is. */
function loadVendored(flags: string[]): { compiledWithoutCache: string[]; packages: Record<string, string> } {
  const vendored = pathToFileURL(join(PROJECT_ROOT, "dist", "src", "vendored.js")).href;
  const script = `
    const vendored = await import(${JSON.stringify(vendored)});
    const packages = {};
    for (const [bundle, name] of Object.entries(${JSON.stringify(BUNDLES)})) packages[name] = typeof vendored.requireVendored(bundle, name);
    console.log(JSON.stringify({ compiledWithoutCache: vendored.compiledWithoutCache(), packages }));`;
  return JSON.parse(execFileSync(process.execPath, [...flags, "--input-type=module", "--eval", script], { cwd: PROJECT_ROOT, encoding: "utf8" })) as ReturnType<typeof loadVendored>;
}

const LOADED = { "discord.js": "object", zod: "object", pino: "function" };

describe("the code cache of the vendored packages", () => {
  it("is taken by node under the flags of npm start", () => {
    expect(loadVendored(productionV8Flags(PROJECT_ROOT))).toEqual({ compiledWithoutCache: [], packages: LOADED });
  });

  it("is taken by node under no flags, as npm run ask runs", () => {
    expect(loadVendored([])).toEqual({ compiledWithoutCache: [], packages: LOADED });
  });

  it("is left aside under other flags, and the packages load all the same", () => {
    expect(loadVendored(["--max-semi-space-size=4"])).toEqual({ compiledWithoutCache: Object.keys(BUNDLES), packages: LOADED });
  });

  it("is made under the flags the Docker image runs the bot with", () => {
    const command = readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8").match(/^CMD (\[.*\])$/m)![1]!;
    expect((JSON.parse(command) as string[]).filter((word) => word.startsWith("--"))).toEqual(productionV8Flags(PROJECT_ROOT));
  });
});
