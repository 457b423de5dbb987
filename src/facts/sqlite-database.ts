import { dirname } from "node:path";
import Database from "better-sqlite3";
import { errorCode, StartupError } from "../errors.js";
import { ensureDirectory } from "./data-dir.js";
import { assertKnownVersion, migrate } from "./sqlite-migrations.js";

/**
 * How long a write waits for another connection's lock before giving up with DatabaseBusyError. It
 * blocks the event loop meanwhile, so it stays short: the caller retries later, asynchronously.
 */
const BUSY_TIMEOUT_MS = 20;
/** Start-up answers nobody yet, so opening and migrating may wait longer for a lock to go. */
const OPEN_BUSY_TIMEOUT_MS = 5000;
/** SQLite's words for a file that is not a database it can read. */
const UNREADABLE_DATABASE = new Set(["SQLITE_NOTADB", "SQLITE_CORRUPT"]);

/**
 * synchronous: in WAL mode a commit is appended to the -wal file before it returns. With NORMAL that file is only
 * fsynced at checkpoints: a killed process loses nothing (the OS already holds the pages), but a power cut or
 * kernel crash could lose the last commits. Moderators write rarely, so FULL (an fsync per commit) costs nothing
 * noticeable and keeps an acknowledged fact through a power cut too.
 */
function configure(db: Database.Database): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
}

/**
 * Opens the bot's database (server facts, quiz scores and settings) configured and migrated to the
 * latest version. Each store opens its own connection; WAL lets them share the file. A file this
 * code cannot read is refused and left as it is.
 */
export function openStoreDatabase(path: string): Database.Database {
  if (path !== ":memory:") ensureDirectory(dirname(path));
  const db = new Database(path, { timeout: OPEN_BUSY_TIMEOUT_MS });
  try {
    assertKnownVersion(db);
    configure(db);
    migrate(db);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db.close();
    const code = errorCode(error) ?? "";
    if (UNREADABLE_DATABASE.has(code)) {
      throw new StartupError(`${path} is not a readable facts database (${(error as Error).message}); it was left as it is`, { cause: error });
    }
    if (code === "SQLITE_BUSY") {
      throw new StartupError(`${path} stayed locked by another program for ${OPEN_BUSY_TIMEOUT_MS / 1000} s (a sqlite3 shell, a VACUUM?)`, { cause: error });
    }
    throw error;
  }
}
