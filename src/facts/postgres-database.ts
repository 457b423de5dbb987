import pg from "pg";
import { errorCode, StartupError } from "../errors.js";
import { DatabaseBusyError } from "./fact-errors.js";
import { POSTGRES_MIGRATIONS } from "./postgres-migrations.js";

/** What queries take: the pool, or one connection of it inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

/**
 * How long a statement waits for a lock another session holds (a long ALTER, a VACUUM FULL) before it gives
 * up with DatabaseBusyError; the dispatcher retries it later, as with SQLite. Short, because Discord must hear
 * within 3 s that an answer is coming.
 */
const LOCK_TIMEOUT_MS = 1_000;
/** A server that does not answer within this is reported as unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;
const POOL_SIZE = 10;
/** Key of the advisory lock held while migrating, so two processes starting together migrate once. */
const MIGRATION_LOCK = 0x6373746f;
/** PostgreSQL's codes: a lock wait over lock_timeout; a login refused; a database that does not exist. */
const LOCK_NOT_AVAILABLE = "55P03";
const LOGIN_REFUSED = new Set(["28P01", "28000"]);
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN"]);

/** host:port/database of a connection string, for messages: never its password. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get("host") ?? (parsed.hostname || "localhost");
    return `${host}:${parsed.port || 5432}${parsed.pathname.length > 1 ? parsed.pathname : ""}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** A lock wait that ran out becomes DatabaseBusyError, for the caller to retry; anything else is left as it is. */
export function busyOrSame(error: unknown): unknown {
  return errorCode(error) === LOCK_NOT_AVAILABLE ? new DatabaseBusyError({ cause: error }) : error;
}

/** Refuses a database written by newer code, whose data this code would misread. */
function assertKnownVersion(version: number, where: string, migrations: readonly string[]): void {
  if (version > migrations.length) {
    throw new StartupError(
      `the PostgreSQL database at ${where} was written by a newer csto-bot (schema version ${version}, this one knows up to ${migrations.length}); it was left as it is`,
    );
  }
}

/**
 * Brings the database up to the latest version in one transaction (PostgreSQL's DDL is transactional): all
 * steps apply, or none. The version lives in a one-row table, schema_version.
 */
export async function migratePostgres(pool: pg.Pool, where: string, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL CHECK (version >= 0))");
    const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_version");
    const version = rows[0]?.version ?? 0;
    assertKnownVersion(version, where, migrations);
    if (rows.length === 0) await client.query("INSERT INTO schema_version (version) VALUES (0)");
    for (const [index, sql] of migrations.slice(version).entries()) {
      await client.query(sql);
      await client.query("UPDATE schema_version SET version = $1", [version + index + 1]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** One line for the operator about a database start-up cannot use. */
function startupErrorOf(error: unknown, where: string): StartupError {
  if (error instanceof StartupError) return error;
  const code = errorCode(error) ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.has(code) || /timeout/i.test(message)) return new StartupError(`PostgreSQL at ${where} is unreachable (${code || message})`, { cause: error });
  if (LOGIN_REFUSED.has(code)) return new StartupError(`PostgreSQL at ${where} refused the login (${message})`, { cause: error });
  return new StartupError(`cannot use the PostgreSQL database at ${where} (${message})`, { cause: error });
}

/**
 * A pool of connections to the database at `url`, migrated to the latest version. `onError` hears of
 * connections the server dropped while idle (a restart); the pool replaces them by itself.
 */
export async function openPostgres(url: string, onError: (error: Error) => void): Promise<pg.Pool> {
  const where = describeDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, lock_timeout: LOCK_TIMEOUT_MS });
  pool.on("error", onError);
  try {
    await migratePostgres(pool, where);
    return pool;
  } catch (error) {
    await pool.end();
    throw startupErrorOf(error, where);
  }
}
