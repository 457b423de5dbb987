import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./sqlite-migrations.js";

const BUSY_TIMEOUT_MS = 5000;

/**
 * busy_timeout: wait for another connection's write instead of failing at once.
 * synchronous: in WAL mode a commit is appended to the -wal file before it returns. With NORMAL that file is only
 * fsynced at checkpoints: a killed process loses nothing (the OS already holds the pages), but a power cut or
 * kernel crash could lose the last commits. Moderators write rarely, so FULL (an fsync per commit) costs nothing
 * noticeable and keeps an acknowledged fact through a power cut too.
 */
function configure(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
}

/**
 * Opens the bot's database (server facts, quiz scores and settings) configured and migrated to the
 * latest version. Each store opens its own connection; WAL lets them share the file.
 */
export function openStoreDatabase(path: string): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    configure(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
