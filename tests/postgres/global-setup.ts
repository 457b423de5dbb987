import type { TestProject } from "vitest/node";
import { findPostgresBin, startCluster } from "./cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL server the tests use; null when none is installed (never in CI). */
    postgresUrl: string | null;
  }
}

/** TEST_DATABASE_URL when set; otherwise a throwaway server for this run. In CI, no PostgreSQL is a failure. */
export default async function startPostgres(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI) throw new Error("PostgreSQL is not installed: CI runs the PostgreSQL tests, never skips them (apt-get install postgresql, or set TEST_DATABASE_URL)");
    console.warn("No PostgreSQL server found: the PostgreSQL tests are skipped. Install Debian's postgresql package or set TEST_DATABASE_URL.");
    project.provide("postgresUrl", null);
    return undefined;
  }
  const cluster = await startCluster(bin);
  project.provide("postgresUrl", cluster.url);
  return () => cluster.destroy();
}
