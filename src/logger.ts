import { pino, type Logger } from "pino";

export type { Logger };

/**
 * The one logger: JSON lines in production, pretty ones in development, always on standard error
 * (standard output belongs to the console and the JSON answers). Secrets never reach a line.
 */
export function createLogger(options: { level: string; production: boolean; secrets?: string[] }): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  return pino({
    level: options.level,
    redact: { paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization"], censor: "[redacted]" },
    hooks: {
      // Paths cannot catch a token inside a message or an error text; this catches every occurrence.
      streamWrite: (line) => secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), line),
    },
    transport: options.production ? { target: "pino/file", options: { destination: 2 } } : { target: "pino-pretty", options: { destination: 2, colorize: false } },
  });
}
