import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The compiled bot as production runs it, with its own process group so a test can find every process it made. */
export interface BotProcess {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
}

export function spawnBot(env: Record<string, string>, command: string[] = [process.execPath, "dist/src/index.js"]): BotProcess {
  const started = performance.now();
  // Only the variables the bot reads: nothing from the test runner's environment leaks in.
  const child = spawn(command[0]!, command.slice(1), {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env },
    stdio: ["pipe", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, afterMs: performance.now() - started })),
  );
  return { child, stderr: () => stderr, exited };
}

/** True while any process of the group is alive (signal 0 only checks). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the text appears on the process's standard error. */
export async function waitForStderr(bot: BotProcess, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(bot.stderr())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} on stderr within ${timeoutMs} ms; got:\n${bot.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A port nothing listens on just now, for a bot's METRICS_PORT. */
export function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}
