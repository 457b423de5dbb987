import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { errorCode, StartupError } from "../errors.js";

const INSTANCE_LOCK_FILE = "instance.lock";

/**
 * mkdir -p without `recursive: true`, which never returns for a path under /proc on Node 20.
 * Each level is created on its own, so a missing parent fails at once with its own error.
 */
export function ensureDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = errorCode(error);
    if (code === "EEXIST") return;
    if (code !== "ENOENT" || dirname(dir) === dir) throw error;
    ensureDirectory(dirname(dir));
    mkdirSync(dir);
  }
}

/** Creates DATA_DIR when missing and proves it is a directory this process can write to. */
export function prepareDataDir(dir: string): void {
  const fail = (problem: string, cause: unknown) => new StartupError(`DATA_DIR ${dir} ${problem}`, { cause });
  try {
    ensureDirectory(dir);
  } catch (error) {
    throw fail(`cannot be created (${errorCode(error) ?? String(error)})`, error);
  }
  if (!statSync(dir).isDirectory()) throw fail("is not a directory", undefined);
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    throw fail(`is not writable (${errorCode(error) ?? String(error)})`, error);
  }
}

/**
 * Holds an exclusive SQLite lock on DATA_DIR/instance.lock for the life of the process, so a second
 * bot on the same DATA_DIR is refused at start. The operating system drops the lock when the
 * process dies, however it dies, so a crash never leaves a stale lock behind.
 */
export function lockDataDir(dir: string): { release(): void } {
  const db = new Database(join(dir, INSTANCE_LOCK_FILE), { timeout: 0 });
  try {
    db.pragma("journal_mode = MEMORY");
    db.pragma("locking_mode = EXCLUSIVE");
    // In exclusive locking mode the lock a write takes is kept until the connection closes.
    db.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (error) {
    db.close();
    if (errorCode(error) === "SQLITE_BUSY") throw new StartupError(`another csto-bot is already running on DATA_DIR ${dir}`, { cause: error });
    throw error;
  }
  return { release: () => db.close() };
}
