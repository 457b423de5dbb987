// The bot as production runs it, compiled: how long the build takes, how fast a process is ready,
// how much memory one bot process holds, how long a one-shot `ask` takes and how fast SIGTERM stops it.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commands } from "../commands/index.js";
import { registerCommands } from "../src/discord/deploy.js";
import { startScriptOf } from "../scripts/start-flags.mjs";
import { DiscordEmulator } from "../tests/emulator/discord-emulator.js";
import { percentiles } from "./stats.js";

/** The goals the service is held to (issue 12). */
export const SERVICE_GOALS = { rssMb: 100, coldStartMs: 300, askOneShotMs: 400 } as const;
/** Interactions answered before memory is read, so the figure is that of a bot at work, not one just started. */
const WARM_INTERACTIONS = 20;
/** V8 gives back what a burst of work left behind only after a few seconds without work. */
const SETTLE_MS = 10_000;

export interface ServiceFigures {
  buildMs: number;
  /** From spawning the start script (without npm) to its "bot ready" line, against a local Discord emulator. */
  coldStartMs: number;
  /** Right after the interactions: the peak a burst leaves. */
  rssMb: number;
  /** The first process again, SETTLE_MS later: what a bot between bursts holds. */
  settledRssMb: number;
  stopMs: number;
  /** `node dist/src/cli/ask.js "member armenia"`, process start to exit. */
  askOneShotMs: number;
  /** The same through `npm run --silent ask`, whose own start-up (and build check) comes on top. */
  npmAskOneShotMs: number;
}

function wallMs(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  return performance.now() - started;
}

function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
  return Number(line?.match(/\d+/)?.[0] ?? Number.NaN) / 1024;
}

/**
 * One bot process: start to ready, memory after some answers (and once settled, if asked), then SIGTERM to exit.
 * @param givenDataDir a DATA_DIR to start on; by default a new, empty one, removed afterwards
 */
async function runBotOnce(root: string, emulator: DiscordEmulator, settle: boolean, givenDataDir?: string): Promise<{ coldStartMs: number; rssMb: number; settledRssMb?: number; stopMs: number }> {
  const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), "csto-bench-"));
  const env = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    DISCORD_TOKEN: emulator.token,
    DISCORD_CLIENT_ID: emulator.applicationId,
    DISCORD_API_BASE: emulator.apiBase,
    DATA_DIR: dataDir,
  };
  // The start script itself, flags included; it execs node, so the process spawned is the bot's.
  const startScript = startScriptOf(root);
  const started = performance.now();
  const bot = spawn("sh", ["-c", startScript], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<number>((resolve) => bot.on("close", () => resolve(performance.now())));
  const coldStartMs = await new Promise<number>((resolve, reject) => {
    let stderr = "";
    bot.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (stderr.includes('"msg":"bot ready"')) resolve(performance.now() - started);
    });
    bot.on("close", () => reject(new Error(`the bot exited before it was ready:\n${stderr}`)));
  });
  await emulator.waitForReady();
  for (let i = 0; i < WARM_INTERACTIONS; i++) {
    await emulator.dispatchInteraction(emulator.chatInput({ name: "csto", subcommand: "ask", options: { question: i % 2 ? "member armenia" : "when was the treaty signed" } }));
  }
  const rssMb = rssMbOf(bot.pid!);
  let settledRssMb: number | undefined;
  if (settle) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    settledRssMb = rssMbOf(bot.pid!);
  }
  const signalled = performance.now();
  bot.kill("SIGTERM");
  const stopMs = (await exited) - signalled;
  if (!givenDataDir) rmSync(dataDir, { recursive: true, force: true });
  return { coldStartMs, rssMb, settledRssMb, stopMs };
}

/** An emulator with the commands registered, for `use`, stopped afterwards. */
async function withEmulator<T>(use: (emulator: DiscordEmulator) => Promise<T>): Promise<T> {
  const emulator = new DiscordEmulator();
  await emulator.start();
  try {
    await registerCommands({ token: emulator.token, clientId: emulator.applicationId, guildId: emulator.guildId, apiBase: emulator.apiBase, commands: commands.values() });
    return await use(emulator);
  } finally {
    await emulator.stop();
  }
}

/** The median time from spawning the compiled bot on `dataDir` to its "bot ready" line. */
export async function measureReady(root: string, dataDir: string, runs: number): Promise<number> {
  const starts = await withEmulator(async (emulator) => {
    const ready: number[] = [];
    for (let i = 0; i < runs; i++) ready.push((await runBotOnce(root, emulator, false, dataDir)).coldStartMs);
    return ready;
  });
  return percentiles(starts).median;
}

export async function measureService(root: string, runs: number): Promise<ServiceFigures> {
  const outDir = mkdtempSync(join(tmpdir(), "csto-build-"));
  // A build of its own (type check and bundle), so that nothing running from dist/ meanwhile sees it change.
  const buildMs = wallMs(process.execPath, [join(root, "scripts/build.mjs"), outDir], root);
  rmSync(outDir, { recursive: true, force: true });

  const bots = await withEmulator(async (emulator) => {
    const runsDone = [];
    for (let i = 0; i < runs; i++) runsDone.push(await runBotOnce(root, emulator, i === 0));
    return runsDone;
  });
  const asks = Array.from({ length: runs }, () => wallMs(process.execPath, ["dist/src/cli/ask.js", "member armenia"], root));
  const npmAsks = Array.from({ length: runs }, () => wallMs("npm", ["run", "--silent", "ask", "--", "member armenia"], root));
  const median = (values: number[]) => percentiles(values).median;
  return {
    buildMs,
    coldStartMs: median(bots.map((run) => run.coldStartMs)),
    rssMb: median(bots.map((run) => run.rssMb)),
    settledRssMb: bots[0]!.settledRssMb!,
    stopMs: median(bots.map((run) => run.stopMs)),
    askOneShotMs: median(asks),
    npmAskOneShotMs: median(npmAsks),
  };
}

/** Lines comparing each figure with its goal. */
export function describeService(figures: ServiceFigures, runs: number): string[] {
  const against = (value: number, goal: number, unit: string) => `${value.toFixed(0)} ${unit} (goal ≤ ${goal} ${unit}: ${value <= goal ? "met" : "missed"})`;
  const rows: [string, string][] = [
    ["build (type check, bundle)", `${figures.buildMs.toFixed(0)} ms`],
    ["cold start to ready", against(figures.coldStartMs, SERVICE_GOALS.coldStartMs, "ms")],
    [`RSS after ${WARM_INTERACTIONS} answers`, against(figures.rssMb, SERVICE_GOALS.rssMb, "MB")],
    [`RSS ${SETTLE_MS / 1000} s later (settled)`, against(figures.settledRssMb, SERVICE_GOALS.rssMb, "MB")],
    ["ask, one shot (node dist/…)", against(figures.askOneShotMs, SERVICE_GOALS.askOneShotMs, "ms")],
    ["ask, one shot (npm run ask)", against(figures.npmAskOneShotMs, SERVICE_GOALS.askOneShotMs, "ms")],
    ["SIGTERM to exit", `${figures.stopMs.toFixed(0)} ms`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [`compiled build (${process.version}, median of ${runs} processes where repeated):`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`)];
}
