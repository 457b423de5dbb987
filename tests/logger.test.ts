import { describe, expect, it } from "vitest";
import { capturingLogger } from "./log-capture.js";

function capture() {
  const lines: string[] = [];
  return { logger: capturingLogger(lines, ["bot-secret"]), text: () => lines.join("") };
}

describe("the logger", () => {
  it("redacts the token of every interaction and webhook URL, in messages and error fields alike", () => {
    const { logger, text } = capture();
    const callback = "https://discord.com/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246MTIzNDU2Nzg5:abc.DEF-ghi/callback";
    const webhook = "https://discord.com/api/v10/webhooks/987654321098765432/aW50ZXJhY3Rpb246OTg3NjU0MzIx_x-y/messages/@original";
    const error = Object.assign(new Error(`Request to ${callback} failed`), { url: webhook });
    logger.error({ err: error, url: callback }, `could not answer ${webhook}`);
    const logged = text();
    expect(logged).not.toMatch(/aW50ZXJhY3Rpb24/);
    expect(logged).toContain("/interactions/1234567890123456789/[redacted]/callback");
    expect(logged).toContain("/webhooks/987654321098765432/[redacted]/messages/@original");
  });

  it("never writes a configured secret", () => {
    const { logger, text } = capture();
    logger.info({ note: "token bot-secret here" }, "bot-secret in the message");
    expect(text()).not.toContain("bot-secret");
  });
});
