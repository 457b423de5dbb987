import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/**
 * The token in an interaction or webhook URL (`/interactions/<id>/<token>/callback`,
 * `/webhooks/<application>/<token>`) lets its holder answer as the bot for 15 minutes.
 */
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"\\]+/g;

/** Removes every secret and every URL token from a log line. */
export function redactLine(line: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), line).replace(URL_TOKEN, "$1[redacted]");
}

/** Pretty lines for development, in this process and synchronous, so nothing is lost at exit. */
function prettyDestination(): DestinationStream {
  // Loaded only when used: production never pays for its start-up.
  const pretty = createRequire(import.meta.url)("pino-pretty") as (options: object) => DestinationStream;
  return pretty({ destination: 2, colorize: false, sync: true });
}

/**
 * The one logger: JSON lines in production, pretty ones in development, always on standard error
 * (standard output belongs to the console and the JSON answers). Secrets never reach a line.
 * Writes are synchronous and in-process (no transport thread): a failing start-up or a stop
 * flushes every line before exit, and the process stays small.
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
      streamWrite: (line: string) => redactLine(line, secrets),
    },
  };
  if (options.destination) return pino(settings, options.destination);
  return pino(settings, options.production ? pino.destination({ dest: 2, sync: true }) : prettyDestination());
}
