import pg from "pg";
import { afterAll, afterEach, inject } from "vitest";
import { openPostgres } from "../../src/facts/postgres-database.js";

/** The test run's PostgreSQL server, or null outside CI on a machine without one. */
export const postgresUrl = inject("postgresUrl");
if (!postgresUrl && process.env.CI) throw new Error("CI must run the PostgreSQL tests: no server was provided");

/** The URL of the same database whose connections use `schema` for everything. */
export function urlWithSchema(url: string, schema: string): string {
  const withSchema = new URL(url);
  withSchema.searchParams.set("options", `-c search_path=${schema}`);
  return withSchema.toString();
}

/**
 * Each call gives an empty, migrated database of its own (a schema of the test server) and a pool on it; the
 * pools are ended and the schemas dropped after each test.
 */
export function useFreshPostgres(): () => Promise<{ url: string; pool: pg.Pool }> {
  const admin = postgresUrl ? new pg.Pool({ connectionString: postgresUrl, max: 2 }) : undefined;
  const opened: { schema: string; pool?: pg.Pool }[] = [];
  afterEach(async () => {
    for (const { schema, pool } of opened.splice(0)) {
      await pool?.end();
      await admin!.query(`DROP SCHEMA ${schema} CASCADE`);
    }
  });
  afterAll(() => admin?.end());
  return async () => {
    if (!postgresUrl || !admin) throw new Error("no PostgreSQL server for this test");
    const schema = `test_${process.pid}_${opened.length}_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const record: { schema: string; pool?: pg.Pool } = { schema };
    opened.push(record);
    const url = urlWithSchema(postgresUrl, schema);
    record.pool = await openPostgres(url, () => undefined);
    return { url, pool: record.pool };
  };
}
