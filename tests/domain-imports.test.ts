import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => (item.isDirectory() ? sourceFiles(join(dir, item.name)) : item.name.endsWith(".ts") ? [join(dir, item.name)] : []));
}

describe("the domain code", () => {
  it("never imports discord.js outside the adapter in src/discord/", () => {
    const offenders = sourceFiles(SRC)
      .filter((path) => !relative(SRC, path).startsWith("discord/"))
      .filter((path) => /from ["']discord\.js["']|(?:import|require)\(["']discord\.js["']\)/.test(readFileSync(path, "utf8")))
      .map((path) => relative(SRC, path));
    expect(offenders).toEqual([]);
    expect(sourceFiles(join(SRC, "quiz")).length).toBeGreaterThan(0);
    expect(sourceFiles(join(SRC, "charts")).length).toBeGreaterThan(0);
  });
});
