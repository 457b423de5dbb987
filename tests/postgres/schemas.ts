import pg from "pg";
import { afterEach, inject } from "vitest";
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

/** A new, empty schema on the test server, as a URL whose connections use it, and how to drop it. */
export async function createSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error("no PostgreSQL server for this test");
  const schema = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlWithSchema(postgresUrl, schema),
    async drop() {
      const dropper = new pg.Client({ connectionString: postgresUrl! });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * Each call gives an empty, migrated database of its own (a schema of the test server) and a pool on it; the
 * pools are ended and the schemas dropped after each test.
 */
export function useFreshPostgres(): () => Promise<{ url: string; pool: pg.Pool }> {
  const opened: { drop(): Promise<void>; pool?: pg.Pool }[] = [];
  afterEach(async () => {
    for (const { drop, pool } of opened.splice(0)) {
      await pool?.end();
      await drop();
    }
  });
  return async () => {
    const schema = await createSchema();
    const record: { drop(): Promise<void>; pool?: pg.Pool } = { drop: schema.drop };
    opened.push(record);
    record.pool = await openPostgres(schema.url, () => undefined);
    return { url: schema.url, pool: record.pool };
  };
}
