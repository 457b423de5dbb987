import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { ShardingManager, type Shard } from "discord.js";
import { errorCode, ReportedStartupError, StartupError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ShardReport } from "../ops/shard-ops.js";
import { identifyWaves } from "../sharding/identify-waves.js";
import { isReportReply, type ReportRequest } from "../sharding/shard-reports.js";

/** How long one wave of shards may take to log in and receive its servers. */
const SHARD_READY_TIMEOUT_MS = 30_000;
/** Discord's identify window: each rate-limit bucket may start one session per 5 s. */
const IDENTIFY_WINDOW_MS = 5_000;
/** Shards stop by themselves within this on SIGTERM; one that does not is killed, so the whole stop stays under 5 s. */
const SHARD_STOP_TIMEOUT_MS = 4_500;

/** This machine's shard processes, started and stopped together. */
export interface ShardProcesses {
  /** Starts the shards wave by wave; resolves once all are ready, rejects when one fails (the others are stopped). */
  start(isStopping: () => boolean): Promise<void>;
  /** SIGTERM to every shard, SIGKILL to any still running after 4.5 s; nothing is started again. */
  stop(): Promise<void>;
  /** The shard's report, or undefined when it has no process or does not answer in time. */
  report(id: number, timeoutMs: number): Promise<ShardReport | undefined>;
}

/** Why a shard did not become ready, for the operator; a shard that exited has printed its own line already. */
function startFailure(id: number, error: unknown): StartupError {
  switch (errorCode(error)) {
    case "ShardingReadyDied":
      return new ReportedStartupError(`shard ${id} exited during start-up`, { cause: error });
    case "ShardingReadyTimeout":
      return new StartupError(`shard ${id} was not connected to Discord within ${SHARD_READY_TIMEOUT_MS / 1000} s`, { cause: error });
    case "ShardingReadyDisconnected":
      return new StartupError(`shard ${id} lost its gateway connection before it was ready`, { cause: error });
    default:
      return new StartupError(`shard ${id} could not be started: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * One process per shard with discord.js's ShardingManager, each running `entry` (this bot's own entry
 * point) with `execArgv`. The shard's id and the count reach it in the variables discord.js sets.
 */
export function createShardProcesses(options: {
  entry: string;
  execArgv: string[];
  token: string;
  count: number;
  ids: readonly number[];
  /** From GET /gateway/bot: how many shards may identify together. */
  maxConcurrency: number;
  logger: Logger;
}): ShardProcesses {
  const { logger } = options;
  const manager = new ShardingManager(options.entry, {
    totalShards: options.count,
    shardList: [...options.ids],
    token: options.token,
    // Off until every shard started: a shard that fails at start-up stops the supervisor instead.
    respawn: false,
    execArgv: options.execArgv,
  });
  const waiting = new Map<number, (report: ShardReport) => void>();
  let nextRequest = 1;

  const createShard = (id: number): Shard => {
    const shard = manager.createShard(id);
    shard.on("death", () => {
      if (manager.respawn) logger.warn({ shard: id }, "shard process exited; starting it again");
    });
    shard.on("error", (error) => logger.error({ err: error, shard: id }, "shard process could not be started again"));
    // Replies come from whichever process the shard currently is.
    shard.on("message", (message: unknown) => {
      if (isReportReply(message)) waiting.get(message.cstoReport)?.(message.report);
    });
    return shard;
  };

  const stop = async (): Promise<void> => {
    manager.respawn = false;
    const running = [...manager.shards.values()].flatMap((shard) => (shard.process ? [{ shard, child: shard.process }] : []));
    const exits = running.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit")));
    // Shard.kill sends SIGTERM and keeps discord.js from starting the process again.
    for (const { shard } of running) shard.kill();
    const allExited = Promise.all(exits).then(() => true);
    if (await Promise.race([allExited, sleep(SHARD_STOP_TIMEOUT_MS).then(() => false)])) return;
    for (const { shard, child } of running) {
      if (child.exitCode === null && child.signalCode === null) {
        logger.error({ shard: shard.id }, `shard did not stop within ${SHARD_STOP_TIMEOUT_MS / 1000} s; killing it`);
        child.kill("SIGKILL");
      }
    }
    await allExited;
  };

  return {
    async start(isStopping) {
      for (const [index, wave] of identifyWaves(options.ids, options.maxConcurrency).entries()) {
        if (index > 0) await sleep(IDENTIFY_WINDOW_MS);
        if (isStopping()) return;
        try {
          await Promise.all(
            wave.map(async (id) => {
              try {
                await createShard(id).spawn(SHARD_READY_TIMEOUT_MS);
              } catch (error) {
                throw startFailure(id, error);
              }
              logger.info({ shard: id }, "shard ready");
            }),
          );
        } catch (error) {
          if (!isStopping()) await stop();
          throw error;
        }
      }
      manager.respawn = true;
    },
    stop,
    report(id, timeoutMs) {
      const shard = manager.shards.get(id);
      if (!shard?.process) return Promise.resolve(undefined);
      const request = nextRequest++;
      return new Promise((resolve) => {
        const finish = (report: ShardReport | undefined) => {
          clearTimeout(timer);
          waiting.delete(request);
          resolve(report);
        };
        const timer = setTimeout(() => finish(undefined), timeoutMs);
        waiting.set(request, finish);
        shard.send({ cstoReportRequest: request } satisfies ReportRequest).catch(() => finish(undefined));
      });
    },
  };
}
