/** How one shard process is doing, as /healthz reports it. */
export interface ShardHealth {
  shard: number;
  /** Start-up finished: knowledge and facts loaded, logged in to Discord. */
  ready: boolean;
  /** The gateway connection is up, not reconnecting. */
  gateway: boolean;
  /** A read from the database succeeded just now. */
  database: boolean;
}

/** The body of /healthz: every shard of this machine, and whether all of them are well. */
export interface HealthReport {
  status: "ok" | "unavailable";
  ready: boolean;
  gateway: boolean;
  database: boolean;
  shards: ShardHealth[];
}

/** What a running shard can tell about itself. */
export interface HealthProbes {
  gatewayConnected(): boolean;
  checkDatabase(): Promise<void>;
}

/** A database that has not answered by then counts as unreachable: the health check must answer promptly. */
const DATABASE_CHECK_TIMEOUT_MS = 2_000;

/** A shard that is still starting, or that did not answer: nothing about it is known to be well. */
export function unknownShard(shard: number): ShardHealth {
  return { shard, ready: false, gateway: false, database: false };
}

/** Checks one shard; `probes` is undefined until start-up finished. `onDatabaseError` hears of a failed read. */
export async function checkShard(shard: number, probes: HealthProbes | undefined, onDatabaseError: (error: unknown) => void): Promise<ShardHealth> {
  if (!probes) return unknownShard(shard);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${DATABASE_CHECK_TIMEOUT_MS} ms`)), DATABASE_CHECK_TIMEOUT_MS);
  });
  let database = true;
  try {
    await Promise.race([probes.checkDatabase(), timeout]);
  } catch (error) {
    database = false;
    onDatabaseError(error);
  } finally {
    clearTimeout(timer);
  }
  return { shard, ready: true, gateway: probes.gatewayConnected(), database };
}

export function summarizeHealth(shards: ShardHealth[]): HealthReport {
  const all = (check: (shard: ShardHealth) => boolean) => shards.length > 0 && shards.every(check);
  const ready = all((shard) => shard.ready);
  const gateway = all((shard) => shard.gateway);
  const database = all((shard) => shard.database);
  return { status: ready && gateway && database ? "ok" : "unavailable", ready, gateway, database, shards };
}
