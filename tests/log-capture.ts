import { Writable } from "node:stream";
import { createLogger, type Logger } from "../src/logger.js";

/** The production logger, writing its JSON lines into `lines` for a test to read. */
export function capturingLogger(lines: string[], secrets: string[] = []): Logger {
  const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return createLogger({ level: "info", production: true, secrets, destination });
}
