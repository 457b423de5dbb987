// Many servers in one bot: every server's facts stored, then loaded on first use. Fills a SQLite DATA_DIR with
// `servers` servers of `factsPerServer` facts each (through imports, one transaction per server), then measures
// a fresh process answering in all of them and the compiled bot's start-up on that DATA_DIR.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { productionV8Flags } from "../scripts/start-flags.mjs";
import { EXPORT_FORMAT, EXPORT_VERSION } from "../src/facts/fact-export.js";
import { factsDatabasePath, SqliteFactStore } from "../src/facts/sqlite-fact-store.js";
import type { KnowledgeBase } from "../src/knowledge/knowledge-base.js";
import { serverFactMaker } from "./corpus.js";
import { measureReady } from "./service.js";
import type { percentiles } from "./stats.js";

/** The goals of issue 13 at 10,000 servers of 20 facts. */
export const MANY_SERVERS_GOALS = { heapMb: 600, answerP99Ms: 3, readyMs: 3_000 } as const;
export const BENCH_MODERATOR = "200000000000000001";
export const BENCH_MEMBER = "300000000000000001";
const CREATED_AT = "2025-01-01T00:00:00.000Z";

/** A Discord-shaped id for the nth server. */
export function serverGuildId(n: number): string {
  return String(400_000_000_000_000_000n + BigInt(n));
}

export interface ServersInProcess {
  heapMb: number;
  /** A server's first answer: its facts read from the database and indexed, then the answer. */
  firstAnswerMs: ReturnType<typeof percentiles>;
  /** Answers in servers picked at random once all are loaded. */
  answerMs: ReturnType<typeof percentiles>;
  /** The same questions outside any server, each asked right after its twin. */
  outsideMs: ReturnType<typeof percentiles>;
  answers: number;
  /** Answers that came back as failures: the figures mean nothing unless this is 0. */
  failed: number;
}

export interface ServersFigures extends ServersInProcess {
  servers: number;
  factsPerServer: number;
  fillMs: number;
  /** The compiled bot on that DATA_DIR, from spawn to "bot ready" (median of the runs). */
  readyMs: number;
}

/** Stores each server's facts through the same import moderators use, so they pass the same checks. */
async function fill(dataDir: string, kb: KnowledgeBase, servers: number, factsPerServer: number): Promise<void> {
  const store = new SqliteFactStore(factsDatabasePath(dataDir));
  const factsOf = serverFactMaker([...kb.engine.entries()]);
  const known = new Set(kb.knowledge.sourceRefs.keys());
  try {
    for (let server = 0; server < servers; server++) {
      const guildId = serverGuildId(server);
      const facts = factsOf(server, factsPerServer).map((input, i) => ({
        id: `server-${i + 1}`,
        ...input,
        createdBy: BENCH_MODERATOR,
        createdAt: CREATED_AT,
        updatedBy: BENCH_MODERATOR,
        updatedAt: CREATED_AT,
        suggestedBy: null,
      }));
      const document = JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, guildId, exportedAt: CREATED_AT, facts });
      const result = await store.importGuild(guildId, document, BENCH_MODERATOR, known, kb.knowledge.quoteOccurs);
      if (!result.ok) throw new Error(`server ${server}: ${JSON.stringify(result.problems.slice(0, 3))}`);
    }
  } finally {
    store.close();
  }
}

export async function measureServers(root: string, kb: KnowledgeBase, servers: number, factsPerServer: number, readyRuns: number): Promise<ServersFigures> {
  // In memory when the machine has a tmpfs: the figures are the bot's, not the disk's.
  const dataDir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "csto-servers-"));
  try {
    const fillStart = performance.now();
    await fill(dataDir, kb, servers, factsPerServer);
    const fillMs = performance.now() - fillStart;
    // With the flags the bot runs with: a small young generation keeps each collection short beside a large heap.
    const printed = execFileSync(process.execPath, [...productionV8Flags(root), "--expose-gc", "--import", "tsx", "bench/servers-process.ts", dataDir, String(servers), String(factsPerServer)], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1024 * 1024,
    });
    const inProcess = JSON.parse(printed) as ServersInProcess;
    const readyMs = await measureReady(root, dataDir, readyRuns);
    return { servers, factsPerServer, fillMs, readyMs, ...inProcess };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Lines comparing each figure with its goal. */
export function describeServers(figures: ServersFigures): string[] {
  const against = (value: number, goal: number, unit: string, digits = 0) => `${value.toFixed(digits)} ${unit} (goal ≤ ${goal} ${unit}: ${value <= goal ? "met" : "missed"})`;
  const rows: [string, string][] = [
    ["heap with every server loaded", against(figures.heapMb, MANY_SERVERS_GOALS.heapMb, "MB")],
    [`answer p99, ${figures.answers} in random servers`, `${against(figures.answerMs.p99, MANY_SERVERS_GOALS.answerP99Ms, "ms", 2)}; median ${figures.answerMs.median.toFixed(2)} ms`],
    ["the same questions outside any server", `p99 ${figures.outsideMs.p99.toFixed(2)} ms, median ${figures.outsideMs.median.toFixed(2)} ms`],
    ["ready (compiled bot, spawn to ready)", against(figures.readyMs, MANY_SERVERS_GOALS.readyMs, "ms")],
    ["a server's first answer (load + answer)", `median ${figures.firstAnswerMs.median.toFixed(2)} ms, p99 ${figures.firstAnswerMs.p99.toFixed(2)} ms`],
    ["answers that failed", String(figures.failed)],
    ["filling the database (imports)", `${(figures.fillMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [`many servers: ${figures.servers} servers × ${figures.factsPerServer} facts in SQLite (${process.version}):`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`)];
}
