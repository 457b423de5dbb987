import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * The one logger: JSON lines in production, pretty ones in development, always on standard error
 * (standard output belongs to the console and the JSON answers). Secrets never reach a line.
 */
export function createLogger(options: {
  level: string;
  production: boolean;
  secrets?: string[];
  /** Write here instead (tests read the lines). */
  destination?: NodeJS.WritableStream;
}): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  const settings: LoggerOptions = {
    level: options.level,
    redact: { paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization"], censor: "[redacted]" },
    hooks: {
      // Paths cannot catch a token inside a message or an error text; this catches every occurrence.
      streamWrite: (line: string) => secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), line),
    },
  };
  if (options.destination) return pino(settings, options.destination);
  return pino({
    ...settings,
    transport: options.production ? { target: "pino/file", options: { destination: 2 } } : { target: "pino-pretty", options: { destination: 2, colorize: false } },
  });
}
