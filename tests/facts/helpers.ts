import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { FactInput } from "../../src/facts/fact-input.js";

export const GUILD = "100000000000000001";
export const OTHER_GUILD = "100000000000000002";
export const MODERATOR = "200000000000000001";
export const OTHER_MODERATOR = "200000000000000002";
export const MEMBER = "300000000000000001";

export const KNOWN_SOURCES: ReadonlySet<string> = new Set(["edm-2005", "nikitina-2015"]);

export const FACT_WITH_LISTED_SOURCE: FactInput = {
  statement: "The CSTO charter was signed in Chisinau on 7 October 2002.",
  question: "When was the CSTO charter signed?",
  sourceId: "edm-2005",
  quote: "The charter was signed in October 2002.",
};

export const FACT_WITH_OWN_SOURCE = {
  statement: "Armenia froze its participation in the CSTO in February 2024.",
  sourceTitle: "Armenia Has 'Frozen' Participation in CSTO",
  sourceUrl: "https://www.asbarez.com/armenia-frozen/",
} satisfies FactInput;

/** A clock that moves one second forward each time it is read, so every write has its own time. */
export function steppingClock(start = "2025-01-01T00:00:00.000Z"): () => Date {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}

/** A fresh directory under the system temp dir for each test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), "csto-facts-"));
    dirs.push(dir);
    return dir;
  };
}
