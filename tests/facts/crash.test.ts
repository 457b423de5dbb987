import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteFactStore, factsDatabasePath } from "../../src/facts/sqlite-fact-store.js";
import { CRASH_TEST_GUILD, CRASH_TEST_MODERATOR, crashTestFact } from "./fixtures/crash-test-fact.js";
import { useTempDir } from "./helpers.js";

const makeTempDir = useTempDir();

const WRITER = fileURLToPath(new URL("./fixtures/add-facts-until-killed.ts", import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ACKNOWLEDGEMENTS_BEFORE_KILL = 200;

/** Runs the writer until it has acknowledged enough facts, SIGKILLs it, and returns the ids it acknowledged. */
function runWriterAndKill(databasePath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const writer = spawn(process.execPath, ["--import", "tsx", WRITER, databasePath], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    writer.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.split("\n").length - 1 >= ACKNOWLEDGEMENTS_BEFORE_KILL) writer.kill("SIGKILL");
    });
    writer.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    writer.on("error", reject);
    writer.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
      // Only whole lines count: the last one may have been cut off by the kill.
      else resolve(stdout.split("\n").slice(0, -1));
    });
  });
}

describe("a process killed while writing", () => {
  it("keeps every fact it acknowledged, intact, in a sound database", { timeout: 30_000 }, async () => {
    const databasePath = factsDatabasePath(makeTempDir());
    const acknowledged = await runWriterAndKill(databasePath);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGEMENTS_BEFORE_KILL);

    const db = new Database(databasePath);
    expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    db.close();

    const store = new SqliteFactStore(databasePath);
    try {
      for (const id of acknowledged) {
        const n = Number(/^server-(\d+)$/.exec(id)?.[1]);
        const intact = { ...crashTestFact(n), revision: 1, createdBy: CRASH_TEST_MODERATOR };
        expect(store.get(CRASH_TEST_GUILD, id)).toMatchObject(intact);
        expect(store.history(CRASH_TEST_GUILD, id)).toEqual([expect.objectContaining({ action: "created" })]);
      }
      expect(store.list(CRASH_TEST_GUILD).total).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      store.close();
    }
  });
});
