import { createInterface } from "node:readline";
import type { SlashCommand } from "../bot/command.js";
import type { Dispatcher, Incoming } from "../bot/dispatcher.js";
import type { Button } from "../bot/reply.js";
import { renderReplyText } from "../bot/render-text.js";
import { isUserFacingError } from "../errors.js";
import { parseSlashLine } from "./parse-slash.js";

const CONSOLE_USER = { userId: "local-console", guildId: null };
const WELCOME = `CSTO bot, local console (no DISCORD_TOKEN set, so nothing is sent to Discord).
Type a slash command as you would in Discord, for example:
  /csto member armenia
  /csto ask question:when was the treaty signed
  /csto timeline
Type a button's number to press it, "help" for more, "exit" to leave.
`;

/**
 * The bot without Discord: the same dispatcher and replies, read from and printed to the terminal,
 * so a new user can try every command before inviting the bot.
 */
export async function runConsole(options: {
  dispatcher: Dispatcher;
  commands: ReadonlyMap<string, SlashCommand>;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}): Promise<void> {
  const output = options.output ?? process.stdout;
  const print = (text: string) => output.write(`${text}\n`);
  const interactive = (options.input ?? process.stdin) === process.stdin && process.stdin.isTTY;
  const lines = createInterface({ input: options.input ?? process.stdin, output: interactive ? output : undefined, terminal: interactive });
  let buttons: Button[] = [];

  print(WELCOME);
  if (interactive) lines.setPrompt("csto> ");
  lines.prompt?.();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "exit" || line === "quit") break;
    if (line === "") {
      lines.prompt?.();
      continue;
    }
    let incoming: Incoming | undefined;
    if (/^\d+$/.test(line)) {
      const button = buttons[Number(line) - 1];
      if (button && !button.disabled) incoming = { type: "button", customId: button.customId };
      else print("There is no such button.");
    } else {
      try {
        const slash = parseSlashLine(line === "help" ? "/csto help" : line.startsWith("/") ? line : `/csto ask ${line}`, options.commands);
        incoming = { type: "command", ...slash };
      } catch (error) {
        if (!isUserFacingError(error)) throw error;
        print(error.message);
      }
    }
    if (incoming) {
      const { outgoing } = options.dispatcher.handle(incoming, CONSOLE_USER);
      if (outgoing.type !== "choices") {
        print(`\n${renderReplyText(outgoing.reply)}\n`);
        buttons = outgoing.reply.components.flat();
      }
    }
    lines.prompt?.();
  }
  lines.close();
}
