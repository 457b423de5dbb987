/**
 * A throwaway PostgreSQL server for the tests, from the server binaries of Debian's postgresql package: a
 * fresh cluster in a temporary directory on a free port, stopped and removed afterwards.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEBIAN_POSTGRES = "/usr/lib/postgresql";
/** initdb refuses to run as root; as root, the cluster belongs to the system user the package creates. */
const CLUSTER_USER = "postgres";

export interface Cluster {
  url: string;
  /** Stops the server as a crash would (no shutdown checkpoint): the next start recovers from the WAL. */
  crash(): void;
  start(): void;
  /** Stops the server and removes its files. */
  destroy(): void;
}

/** The bin directory of the newest PostgreSQL server installed, if any. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(DEBIAN_POSTGRES)) return undefined;
  const versions = readdirSync(DEBIAN_POSTGRES)
    .filter((version) => existsSync(join(DEBIAN_POSTGRES, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(DEBIAN_POSTGRES, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param durable keep PostgreSQL's defaults (an fsync at every commit); otherwise the server skips fsync, which
 *   only a crash of the machine itself could notice, and runs the tests faster
 */
export async function startCluster(bin: string, { durable = false } = {}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "csto-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", CLUSTER_USER], { encoding: "utf8" })), Number(execFileSync("id", ["-g", CLUSTER_USER], { encoding: "utf8" })));
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ["runuser", "-u", CLUSTER_USER, "--", join(bin, tool), ...args] : [join(bin, tool), ...args];
    execFileSync(command[0]!, command.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
  };
  const data = join(dir, "data");
  // --no-sync: the cluster is new and throwaway; what the tests check is the server's own durability, set below.
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const settings = ["-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  if (!durable) settings.push("-c", "fsync=off", "-c", "full_page_writes=off");
  const start = () => run("pg_ctl", ["start", "-w", "-D", data, "-l", join(dir, "server.log"), "-o", settings.join(" ")]);
  const stop = (mode: "fast" | "immediate") => run("pg_ctl", ["stop", "-w", "-D", data, "-m", mode]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => stop("immediate"),
    start,
    destroy() {
      try {
        stop("fast");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
