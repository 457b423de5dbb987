// The many-servers measurement, in a process of its own so that its heap holds what a bot holds: the knowledge,
// the database and every server's facts, loaded on first use. Prints one JSON object.
// Usage: node --expose-gc --import tsx bench/servers-process.ts <data dir> <servers> <facts per server>
import { PassThrough } from "node:stream";
import { commands } from "../commands/index.js";
import { createApp } from "../src/app.js";
import { Cooldown } from "../src/bot/cooldown.js";
import { Dispatcher } from "../src/bot/dispatcher.js";
import { createKnowledgeBase } from "../src/knowledge/knowledge-base.js";
import { createLogger } from "../src/logger.js";
import { seededRandom } from "../src/quality/typos.js";
import { serverFactMaker } from "./corpus.js";
import { BENCH_MEMBER, serverGuildId, type ServersInProcess } from "./servers.js";
import { heapUsedMb, percentiles } from "./stats.js";

/** Questions about the curated knowledge, asked in servers too. */
const CURATED_QUESTIONS = ["when was the treaty signed", "member armenia", "why did uzbekistan leave", "what is the collective rapid reaction force", "who are the observers"];

const [dataDir, serversText, factsText] = process.argv.slice(2);
const servers = Number(serversText);
const factsPerServer = Number(factsText);
if (!dataDir || !(servers > 0) || !(factsPerServer > 0)) throw new Error("usage: servers-process.ts <data dir> <servers> <facts per server>");
/** Enough answers for a steady p99 at full size, fewer for a quick run over a few servers. */
const timedAnswers = Math.min(5_000, 50 * servers);
const warmupAnswers = Math.ceil(timedAnswers / 2);

const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
const kb = createKnowledgeBase();
const app = await createApp(kb, { kind: "sqlite", dataDir }, logger);
const dispatcher = new Dispatcher(commands, app.context, new Cooldown(0), logger);
const factsOf = serverFactMaker([...kb.engine.entries()]);
let failed = 0;

/** `/csto ask` in the nth server, or outside any (a direct message) when `server` is null; returns milliseconds. */
async function ask(server: number | null, question: string): Promise<number> {
  const started = performance.now();
  const { outcome } = await dispatcher.handle(
    { type: "command", command: "csto", request: { command: "csto", subcommand: "ask", options: { question } } },
    { userId: BENCH_MEMBER, guildId: server === null ? null : serverGuildId(server), permissions: "0" },
  );
  const elapsed = performance.now() - started;
  if (outcome === "failed") failed++;
  return elapsed;
}

/** Half the questions are one of the server's own facts', half the curated knowledge's. */
function questionFor(server: number, random: () => number): string {
  if (random() < 0.5) return CURATED_QUESTIONS[Math.floor(random() * CURATED_QUESTIONS.length)]!;
  const facts = factsOf(server, factsPerServer);
  return facts[Math.floor(random() * facts.length)]!.question!;
}

const random = seededRandom(11);
// Every server's first question reads its facts from the database into the search.
const firstAnswers: number[] = [];
for (let server = 0; server < servers; server++) firstAnswers.push(await ask(server, questionFor(server, random)));
const heapMb = heapUsedMb();

const pick = () => Math.floor(random() * servers);
for (let i = 0; i < warmupAnswers; i++) {
  const server = pick();
  await ask(server, questionFor(server, random));
}
// Each question is also asked outside any server, right after: the same work less the server's own facts, under
// the same conditions (heap, collector, other programs), to tell what the servers add to the figure.
const answers: number[] = [];
const outside: number[] = [];
for (let i = 0; i < timedAnswers; i++) {
  const server = pick();
  const question = questionFor(server, random);
  answers.push(await ask(server, question));
  outside.push(await ask(null, question));
}
await app.close();

const figures: ServersInProcess = {
  heapMb,
  firstAnswerMs: percentiles(firstAnswers),
  answerMs: percentiles(answers),
  outsideMs: percentiles(outside),
  answers: answers.length,
  failed,
};
console.log(JSON.stringify(figures));
