import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { FactStore } from "../../src/facts/fact-store.js";
import { openPostgres } from "../../src/facts/postgres-database.js";
import { PostgresFactStore } from "../../src/facts/postgres-fact-store.js";
import { SqliteFactStore, factsDatabasePath } from "../../src/facts/sqlite-fact-store.js";
import { findPostgresBin, startCluster } from "../postgres/cluster.js";
import { postgresUrl, useFreshPostgres } from "../postgres/schemas.js";
import { CRASH_TEST_GUILD, CRASH_TEST_MODERATOR, crashTestFact } from "./fixtures/crash-test-fact.js";
import { useTempDir } from "./helpers.js";

const makeTempDir = useTempDir();
const freshPostgres = useFreshPostgres();
const postgresBin = findPostgresBin();
if (!postgresBin && process.env.CI) throw new Error("CI must run the PostgreSQL crash test: no PostgreSQL server binaries found");

const WRITER = fileURLToPath(new URL("./fixtures/add-facts-until-killed.ts", import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ACKNOWLEDGEMENTS_BEFORE_KILL = 200;

/**
 * Runs the writer until it has acknowledged enough facts, then `interrupt`s (by default, SIGKILLs it) and returns
 * the ids it acknowledged before it ended.
 */
function runWriterUntil(target: string, interrupt: (writer: ReturnType<typeof spawn>) => void = (writer) => writer.kill("SIGKILL")): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const writer = spawn(process.execPath, ["--import", "tsx", WRITER, target], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    writer.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (!interrupted && stdout.split("\n").length - 1 >= ACKNOWLEDGEMENTS_BEFORE_KILL) {
        interrupted = true;
        interrupt(writer);
      }
    });
    writer.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    writer.on("error", reject);
    writer.on("exit", (code) => {
      if (!interrupted) reject(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
      // Only whole lines count: the last one may have been cut off by the kill.
      else resolve(stdout.split("\n").slice(0, -1));
    });
  });
}

/** Every acknowledged fact is there, intact, with its one revision. */
async function expectKept(store: FactStore, acknowledged: string[]): Promise<void> {
  expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGEMENTS_BEFORE_KILL);
  for (const id of acknowledged) {
    const n = Number(/^server-(\d+)$/.exec(id)?.[1]);
    expect(await store.get(CRASH_TEST_GUILD, id)).toMatchObject({ ...crashTestFact(n), revision: 1, createdBy: CRASH_TEST_MODERATOR });
    expect(await store.history(CRASH_TEST_GUILD, id)).toEqual([expect.objectContaining({ action: "created" })]);
  }
  expect((await store.list(CRASH_TEST_GUILD)).total).toBeGreaterThanOrEqual(acknowledged.length);
}

describe("a process killed while writing", () => {
  it("keeps every fact it acknowledged, intact, in a sound SQLite file", { timeout: 30_000 }, async () => {
    const databasePath = factsDatabasePath(makeTempDir());
    const acknowledged = await runWriterUntil(databasePath);

    const db = new Database(databasePath);
    expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    db.close();

    const store = new SqliteFactStore(databasePath);
    try {
      await expectKept(store, acknowledged);
    } finally {
      store.close();
    }
  });

  it.skipIf(!postgresUrl)("keeps every fact it acknowledged in PostgreSQL", { timeout: 30_000 }, async () => {
    const { url, pool } = await freshPostgres();
    const acknowledged = await runWriterUntil(url);
    await expectKept(new PostgresFactStore(pool), acknowledged);
  });

  it.skipIf(!postgresBin)("keeps every fact it acknowledged when the PostgreSQL server itself crashes mid-write", { timeout: 60_000 }, async () => {
    // A server of its own, with PostgreSQL's durable defaults, since this test stops it the way a crash would.
    const cluster = await startCluster(postgresBin!, { durable: true });
    try {
      const acknowledged = await runWriterUntil(cluster.url, (writer) => {
        cluster.crash();
        writer.kill("SIGKILL");
      });
      cluster.start();
      const pool = await openPostgres(cluster.url, () => undefined);
      try {
        await expectKept(new PostgresFactStore(pool), acknowledged);
      } finally {
        await pool.end();
      }
    } finally {
      cluster.destroy();
    }
  });
});
