/**
 * /healthz and /metrics as one process serves them: the health check's verdict and body, and the
 * metrics an interaction, a database error and the gateway readings leave behind.
 */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import type { Incoming } from "../../src/bot/dispatcher.js";
import { DatabaseBusyError } from "../../src/facts/fact-errors.js";
import { createLogger } from "../../src/logger.js";
import { renderMetrics } from "../../src/ops/bot-metrics.js";
import { summarizeHealth, type HealthProbes } from "../../src/ops/health.js";
import { startOpsServer, type OpsServer } from "../../src/ops/ops-server.js";
import { ShardOps } from "../../src/ops/shard-ops.js";

const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
const ask: Incoming = { type: "command", command: "csto", request: { command: "csto", subcommand: "ask", options: { question: "who are the members" } } };
const readings = { gatewayPingMs: () => 42, servers: () => 3, facts: () => 7 };
const healthy: HealthProbes = { gatewayConnected: () => true, checkDatabase: async () => undefined };

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves `ops` as a process running alone does, on a free port. */
async function serve(ops: ShardOps): Promise<(path: string) => Promise<Response>> {
  server = await startOpsServer(0, { health: async () => summarizeHealth([await ops.health()]), metrics: async () => renderMetrics([await ops.metrics.snapshot()]) }, logger);
  const port = server.port;
  return (path) => fetch(`http://127.0.0.1:${port}${path}`);
}

describe("/healthz", () => {
  it("answers 200 with what it checked when the bot is ready, connected and reaches its database", async () => {
    const ops = new ShardOps(commands, 0);
    ops.started(healthy, readings);
    const response = await (await serve(ops))("/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({
      status: "ok",
      ready: true,
      gateway: true,
      database: true,
      shards: [{ shard: 0, ready: true, gateway: true, database: true }],
    });
  });

  it("answers 503 while the bot is still starting", async () => {
    const response = await (await serve(new ShardOps(commands, 0)))("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", ready: false });
  });

  it("answers 503 naming the gateway when the connection is down", async () => {
    const ops = new ShardOps(commands, 0);
    ops.started({ ...healthy, gatewayConnected: () => false }, readings);
    const response = await (await serve(ops))("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", ready: true, gateway: false, database: true });
  });

  it("answers 503 naming the database when it cannot be read, and counts the error", async () => {
    const ops = new ShardOps(commands, 0);
    ops.started({ ...healthy, checkDatabase: () => Promise.reject(new Error("connection refused")) }, readings);
    const get = await serve(ops);
    const response = await get("/healthz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable", ready: true, gateway: true, database: false });
    expect(await (await get("/metrics")).text()).toContain('csto_database_errors_total{during="health check",shard="0"} 1');
  });
});

describe("/metrics", () => {
  it("counts interactions by kind, command and outcome, and times them", async () => {
    const ops = new ShardOps(commands, 0);
    ops.started(healthy, readings);
    ops.metrics.interaction({ incoming: ask, outcome: "answered", seconds: 0.012 });
    ops.metrics.interaction({ incoming: ask, outcome: "answered", seconds: 0.02 });
    ops.metrics.interaction({ incoming: { type: "button", customId: "csto:page:2" }, outcome: "answered", seconds: 0.01 });
    const response = await (await serve(ops))("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('csto_interactions_total{kind="command",command="csto ask",outcome="answered",shard="0"} 2');
    expect(text).toContain('csto_interactions_total{kind="button",command="csto",outcome="answered",shard="0"} 1');
    expect(text).toContain('csto_interaction_duration_seconds_count{kind="command",shard="0"} 2');
    expect(text).toContain('csto_interaction_duration_seconds_bucket{le="0.025",kind="command",shard="0"} 2');
  });

  it("labels a command it does not know as unknown, so forged names add no series", async () => {
    const ops = new ShardOps(commands, 0);
    const forged: Incoming = { type: "command", command: "csto", request: { command: "csto", subcommand: "x".repeat(90), options: {} } };
    ops.metrics.interaction({ incoming: forged, outcome: "answered", seconds: 0.001 });
    ops.metrics.interaction({ incoming: { type: "modal", customId: "nope:1", fields: {} }, outcome: "answered", seconds: 0.001 });
    const text = await (await serve(ops))("/metrics").then((response) => response.text());
    expect(text).toContain('csto_interactions_total{kind="command",command="unknown",outcome="answered",shard="0"} 1');
    expect(text).toContain('csto_interactions_total{kind="modal",command="unknown",outcome="answered",shard="0"} 1');
    expect(text).not.toContain("xxxx");
  });

  it("counts an interaction that met a busy database as a database error", async () => {
    const ops = new ShardOps(commands, 0);
    const save: Incoming = { type: "button", customId: "csto-admin:save:1" };
    ops.metrics.interaction({ incoming: save, outcome: "refused", seconds: 10, error: new DatabaseBusyError() });
    ops.metrics.interaction({ incoming: ask, outcome: "refused", seconds: 0.001, error: new Error("not a database problem") });
    const text = await (await serve(ops))("/metrics").then((response) => response.text());
    expect(text).toContain('csto_database_errors_total{during="interaction",shard="0"} 1');
  });

  it("reports the gateway ping, servers and facts of the running bot, and nothing for a reading not known yet", async () => {
    const ops = new ShardOps(commands, 1);
    const get = await serve(ops);
    expect(await (await get("/metrics")).text()).not.toMatch(/^csto_(servers|facts|gateway_ping_seconds)\{/m);
    ops.started(healthy, { ...readings, gatewayPingMs: () => undefined });
    let text = await (await get("/metrics")).text();
    expect(text).not.toMatch(/^csto_gateway_ping_seconds\{/m);
    expect(text).toContain('csto_servers{shard="1"} 3');
    expect(text).toContain('csto_facts{shard="1"} 7');
    ops.started(healthy, readings);
    text = await (await get("/metrics")).text();
    expect(text).toContain('csto_gateway_ping_seconds{shard="1"} 0.042');
  });
});

describe("the server", () => {
  it("answers 404 elsewhere and 405 to anything but GET", async () => {
    const get = await serve(new ShardOps(commands, 0));
    expect((await get("/")).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server!.port}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("names METRICS_PORT in one line when the port is taken", async () => {
    await serve(new ShardOps(commands, 0));
    await expect(startOpsServer(server!.port, { health: async () => summarizeHealth([]), metrics: async () => "" }, logger)).rejects.toThrow(
      new RegExp(`^METRICS_PORT ${server!.port} cannot be used \\(EADDRINUSE\\)$`),
    );
  });
});
