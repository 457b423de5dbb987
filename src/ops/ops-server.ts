import { createServer, type ServerResponse } from "node:http";
import { Registry } from "prom-client";
import { errorCode, StartupError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { HealthReport } from "./health.js";

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** What the server serves: the machine's health and its metrics in Prometheus's text format. */
export interface OpsSources {
  health(): Promise<HealthReport>;
  metrics(): Promise<string>;
}

function respond(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  response.end(body);
}

/**
 * Serves GET /healthz (200 when every shard is ready, connected and reaches its database, else 503,
 * with a JSON body either way) and GET /metrics on `port`, on every interface so a scraper in
 * another container can reach it. Port 0 picks a free one (tests).
 */
export async function startOpsServer(port: number, sources: OpsSources, logger: Logger): Promise<OpsServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") return respond(response, 405, "text/plain", "Only GET is served here.\n");
    const answer =
      path === "/healthz"
        ? sources.health().then((report) => respond(response, report.status === "ok" ? 200 : 503, "application/json", `${JSON.stringify(report)}\n`))
        : path === "/metrics"
          ? sources.metrics().then((text) => respond(response, 200, Registry.PROMETHEUS_CONTENT_TYPE, text))
          : Promise.resolve(respond(response, 404, "text/plain", "Not found: try /healthz or /metrics.\n"));
    answer.catch((error: unknown) => {
      logger.error({ err: error, path }, "could not answer a health or metrics request");
      if (!response.headersSent) respond(response, 500, "text/plain", "Internal error; see the bot's log.\n");
    });
  });
  // Keep-alive connections of a scraper must not hold the shutdown up.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(new StartupError(`METRICS_PORT ${port} cannot be used (${errorCode(error) ?? String(error)})`, { cause: error })));
    server.listen(port, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  logger.info({ port: bound }, "serving /healthz and /metrics");
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
