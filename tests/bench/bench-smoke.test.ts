import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run bench", () => {
  // It builds, starts and measures several processes: a minute on a fast machine, more on a slow one.
  it("runs end to end at a tiny size, prints its tables and writes the figures it printed", () => {
    const out = join(mkdtempSync(join(tmpdir(), "csto-bench-")), "bench.json");
    const args = ["--expose-gc", "--import", "tsx", "bench/run.ts", "--sizes", "curated,600", "--baseline-sample", "2", "--startup-runs", "1", "--servers", "30", "--facts-per-server", "5", "--out", out];
    const printed = execFileSync(process.execPath, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });

    const curated = loadKnowledge().entries.length;
    expect(printed).toMatch(new RegExp(`^entries\\s+${curated}\\s+600\\s*$`, "m"));
    expect(printed).toMatch(/baseline queries \(sampled\?\)\s+2 \(sample\)\s+2 \(sample\)/);
    expect(printed).toMatch(/^many servers: 30 servers × 5 facts in SQLite/m);
    expect(printed).toMatch(/answers that failed\s+0$/m);
    for (const figure of [/heap with every server loaded\s+\d+ MB \(goal ≤ 600 MB: (met|missed)\)/, /answer p99, \d+ in random servers\s+[\d.]+ ms \(goal ≤ 3 ms: (met|missed)\)/, /ready \(compiled bot, spawn to ready\)\s+\d+ ms \(goal ≤ 3000 ms: (met|missed)\)/]) {
      expect(printed).toMatch(figure);
    }
    for (const figure of [/cold start to ready\s+\d+ ms \(goal ≤ 300 ms: (met|missed)\)/, /RSS after 20 answers\s+\d+ MB \(goal ≤ 100 MB/, /RSS 10 s later \(settled\)\s+\d+ MB \(goal ≤ 100 MB/, /ask, one shot \(npm run ask\)\s+\d+ ms \(goal ≤ 400 ms/]) {
      expect(printed).toMatch(figure);
    }
    const written = JSON.parse(readFileSync(out, "utf8")) as {
      results: { size: number; answerMs: { p99: number }; accuracy: { inScope: number } }[];
      startupMs: number;
      service: { rssMb: number; settledRssMb: number; buildMs: number };
      servers: { servers: number; heapMb: number; readyMs: number; answerMs: { p99: number }; failed: number };
    };
    expect(written.results.map((result) => result.size)).toEqual([curated, 600]);
    for (const result of written.results) {
      expect(result.answerMs.p99).toBeGreaterThan(0);
      // A share, measured the way npm run eval measures it; the figure itself is for the eval to judge.
      expect(result.accuracy.inScope).toBeGreaterThan(0);
      expect(result.accuracy.inScope).toBeLessThanOrEqual(1);
    }
    expect(written.startupMs).toBeGreaterThan(0);
    expect(written.service.rssMb).toBeGreaterThan(0);
    expect(written.service.settledRssMb).toBeGreaterThan(0);
    expect(written.service.buildMs).toBeGreaterThan(0);
    expect(written.servers).toMatchObject({ servers: 30, failed: 0 });
    for (const figure of [written.servers.heapMb, written.servers.readyMs, written.servers.answerMs.p99]) expect(figure).toBeGreaterThan(0);
  }, 180_000);
});
