// npm run bench [-- --sizes curated,10000,100000 --servers 10000 --out FILE]: latency, build, update, memory and
// accuracy figures for the search at several corpus sizes, next to a plain fuse.js baseline; the compiled bot's
// start-up and memory; and a bot holding many servers' facts, against the goals of each.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Fuse from "fuse.js";
import { createAnswers } from "../src/knowledge/knowledge-base.js";
import { createKnowledgeBase } from "../src/knowledge/knowledge-base.js";
import type { KnowledgeEntry } from "../src/knowledge/model.js";
import { scoreQuestion, summarize, type QualityQuestion } from "../src/quality/score.js";
import { SearchEngine } from "../src/search/engine.js";
import { seededRandom, withTypo } from "../src/quality/typos.js";
import { distractors } from "./corpus.js";
import { describeServers, measureServers } from "./servers.js";
import { describeService, measureService } from "./service.js";
import { heapUsedMb, percentiles, timeEach } from "./stats.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "curated,10000,100000" },
    out: { type: "string" },
    // A quick run (the smoke test) times the baseline on a sample at every size and starts fewer processes.
    "baseline-sample": { type: "string" },
    "startup-runs": { type: "string", default: "5" },
    servers: { type: "string", default: "10000" },
    "facts-per-server": { type: "string", default: "20" },
  },
});
const BENCH_SCOPE = "bench";
/** The baseline scans everything per query; past this many entries it runs on a fixed sample only. */
const BASELINE_FULL_RUN_LIMIT = 2_000;
const forcedBaselineSample = values["baseline-sample"] === undefined ? undefined : Number(values["baseline-sample"]);
const BASELINE_SAMPLE = forcedBaselineSample ?? 12;
const UPDATE_ROUNDS = 50;
const STARTUP_RUNS = Number(values["startup-runs"]);
const WARMUP_PASSES = 3;
const TIMED_PASSES = 5;

const root = fileURLToPath(new URL("..", import.meta.url));
const base = createKnowledgeBase();
const curated = [...base.engine.entries()];
const quality: QualityQuestion[] = readFileSync(`${root}/eval/dev.jsonl`, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as QualityQuestion);

const random = seededRandom(7);
const titlePrefixes = curated.slice(0, 60).map((entry) => entry.title.split(" ").slice(0, 2).join(" "));
const answerQueries = [...quality.map((q) => q.q), ...quality.map((q) => withTypo(q.q, random)), ...titlePrefixes];
const keystrokes = curated
  .filter((_, i) => i % Math.max(1, Math.floor(curated.length / 25)) === 0)
  .flatMap((entry) => Array.from({ length: Math.min(entry.title.length, 24) - 1 }, (_, i) => entry.title.slice(0, i + 2)));

const repeat = <T>(times: number, run: () => T): T[] => Array.from({ length: times }, run);

function sizeOf(label: string): number {
  return label === "curated" ? 0 : Number(label) - curated.length;
}

function measure(label: string) {
  const extra = distractors(curated, Math.max(0, sizeOf(label)));
  const engine = new SearchEngine(base.tokenizer, base.engine.sourceNameTokens);
  const buildStart = performance.now();
  for (const entry of curated) engine.upsert(entry);
  for (const entry of extra) engine.upsert(entry, BENCH_SCOPE);
  const buildMs = performance.now() - buildStart;
  const heapMb = heapUsedMb();
  const answers = createAnswers(base.knowledge, base.tokenizer, engine);
  const ask = (q: string) => {
    try {
      return answers.ask(q, BENCH_SCOPE);
    } catch {
      return undefined;
    }
  };

  const complete = (q: string) => engine.autocomplete(q, { scope: BENCH_SCOPE });
  // Untimed passes first: a running bot answers in steady state, after the JIT and the first-use
  // lookups (start-up is timed on its own). Several timed passes keep one pause from being the p99.
  repeat(WARMUP_PASSES, () => timeEach(answerQueries, ask));
  repeat(WARMUP_PASSES, () => timeEach(keystrokes, complete));
  const answer = percentiles(repeat(TIMED_PASSES, () => timeEach(answerQueries, ask)).flat());
  const autocomplete = percentiles(repeat(TIMED_PASSES, () => timeEach(keystrokes, complete)).flat());
  const updates = distractors(curated, UPDATE_ROUNDS, 99).map((entry) => ({ ...entry, id: `update-${entry.id}` }));
  const add = percentiles(timeEach(updates, (entry) => engine.upsert(entry, BENCH_SCOPE)));
  const remove = percentiles(timeEach(updates, (entry) => engine.remove(entry.id, BENCH_SCOPE)));
  const report = summarize(quality.map((q) => scoreQuestion(q, () => answers.ask(q.q, BENCH_SCOPE))));

  const everything: KnowledgeEntry[] = [...curated, ...extra];
  const baseline = new Fuse(everything, { keys: ["title", "questions", "keywords", "text"] });
  const sampled = forcedBaselineSample !== undefined || everything.length > BASELINE_FULL_RUN_LIMIT;
  const baselineQueries = sampled ? answerQueries.filter((_, i) => i % Math.ceil(answerQueries.length / BASELINE_SAMPLE) === 0) : answerQueries;
  const ours = percentiles(repeat(TIMED_PASSES, () => timeEach(baselineQueries, ask)).flat());
  const theirs = percentiles(timeEach(baselineQueries, (q) => baseline.search(q, { limit: 10 })));

  return {
    size: everything.length,
    label,
    answerMs: answer,
    autocompleteMs: autocomplete,
    buildMs,
    addOneMs: add,
    removeOneMs: remove,
    heapMb,
    accuracy: { inScope: report.correct / report.inScope, outOfScope: report.abstained / report.outOfScope },
    baseline: { queries: baselineQueries.length, sampled, oursMs: ours, fuseMs: theirs, p99Ratio: theirs.p99 / ours.p99 },
  };
}

const results = values.sizes.split(",").map((label) => {
  console.error(`measuring ${label}...`);
  return measure(label.trim());
});
console.error("measuring the compiled bot...");
const service = await measureService(root, STARTUP_RUNS);
console.error(`measuring ${values.servers} servers...`);
const servers = await measureServers(root, base, Number(values.servers), Number(values["facts-per-server"]), STARTUP_RUNS);

const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const rows = [
  ["entries", ...results.map((r) => String(r.size))],
  ["answer median / p99 ms", ...results.map((r) => `${f(r.answerMs.median)} / ${f(r.answerMs.p99)}`)],
  ["autocomplete median / p99 ms", ...results.map((r) => `${f(r.autocompleteMs.median)} / ${f(r.autocompleteMs.p99)}`)],
  ["index build ms", ...results.map((r) => f(r.buildMs))],
  ["add one fact median / p99 ms", ...results.map((r) => `${f(r.addOneMs.median)} / ${f(r.addOneMs.p99)}`)],
  ["remove one fact median / p99 ms", ...results.map((r) => `${f(r.removeOneMs.median)} / ${f(r.removeOneMs.p99)}`)],
  ["heap used MB", ...results.map((r) => f(r.heapMb))],
  ["quality: in scope correct", ...results.map((r) => `${(100 * r.accuracy.inScope).toFixed(1)}%`)],
  ["quality: out of scope abstained", ...results.map((r) => `${(100 * r.accuracy.outOfScope).toFixed(1)}%`)],
  ["baseline queries (sampled?)", ...results.map((r) => `${r.baseline.queries}${r.baseline.sampled ? " (sample)" : ""}`)],
  ["ours on them median / p99 ms", ...results.map((r) => `${f(r.baseline.oursMs.median)} / ${f(r.baseline.oursMs.p99)}`)],
  ["fuse.js baseline median / p99 ms", ...results.map((r) => `${f(r.baseline.fuseMs.median)} / ${f(r.baseline.fuseMs.p99)}`)],
  ["baseline p99 / ours p99", ...results.map((r) => `${r.baseline.p99Ratio.toFixed(1)}x`)],
];
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
console.log("");
for (const line of describeService(service, STARTUP_RUNS)) console.log(line);
console.log("");
for (const line of describeServers(servers)) console.log(line);
console.log(
  `queries: ${answerQueries.length} answer queries (quality questions, their typo variants, title prefixes) and ${keystrokes.length} autocomplete keystrokes, ` +
    `each timed ${TIMED_PASSES} times after ${WARMUP_PASSES} untimed passes`,
);

const out = values.out ?? `${root}/bench/results/bench.json`;
mkdirSync(`${root}/bench/results`, { recursive: true });
writeFileSync(out, JSON.stringify({ results, startupMs: service.coldStartMs, service, servers, at: new Date().toISOString() }, null, 2));
console.log(`written ${out}`);
