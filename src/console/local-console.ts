import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { SlashCommand } from "../bot/command.js";
import type { Requester } from "../bot/csto-commands.js";
import type { Dispatcher, Incoming } from "../bot/dispatcher.js";
import type { Button, Modal, Reply } from "../bot/reply.js";
import { renderReplyText } from "../bot/render-text.js";
import type { CommandRequest } from "../bot/router.js";
import { isUserFacingError, UserFacingError } from "../errors.js";
import { MAX_IMPORT_BYTES } from "../facts/fact-export.js";
import { parseSlashLine } from "./parse-slash.js";

/** The console acts as the owner of one local server, so moderator commands work too. */
// Ids shaped like Discord's, so what the console stores can be exported and imported into a real server.
const CONSOLE_USER: Requester = { userId: "100000000000000001", guildId: "100000000000000000", permissions: String(1n << 5n), roleIds: [] };
const WELCOME = `CSTO bot, local console (no DISCORD_TOKEN set, so nothing is sent to Discord).
Type a slash command as you would in Discord, for example:
  /csto member armenia
  /csto ask question:when was the treaty signed
  /csto timeline
  /csto quiz solo count:3     (answer by typing a button's number)
  /csto chart                 (the picture is written to a file; its path is printed)
  /csto-admin fact add        (a form: answer each field, an empty line skips an optional one)
Type a button's number to press it, "help" for more, "exit" to leave.
`;

/** Reads the local files named by a command's file options, as the bot downloads attachments. */
function readFiles(request: CommandRequest): void {
  for (const option of Object.values(request.options)) {
    if (typeof option !== "object" || option === null) continue;
    try {
      option.size = statSync(option.filename).size;
    } catch {
      throw new UserFacingError(`There is no file ${option.filename}.`);
    }
    option.content = option.size > MAX_IMPORT_BYTES ? null : readFileSync(option.filename);
  }
}

/** Writes a reply's pictures to files, since a terminal cannot show them; returns each file's path by name. */
function savePictures(reply: Reply, directory: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const file of reply.files ?? []) {
    if (typeof file.content === "string") continue;
    mkdirSync(directory, { recursive: true });
    const path = join(directory, file.name);
    writeFileSync(path, file.content);
    paths.set(file.name, path);
  }
  return paths;
}

/**
 * The bot without Discord: the same dispatcher and replies, read from and printed to the terminal,
 * so a new user can try every command before inviting the bot.
 */
export async function runConsole(options: {
  dispatcher: Dispatcher;
  commands: ReadonlyMap<string, SlashCommand>;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Where pictures are written (default: a folder in the system's temporary directory). */
  pictureDir?: string;
}): Promise<void> {
  const pictureDir = options.pictureDir ?? join(tmpdir(), "csto-console");
  const output = options.output ?? process.stdout;
  const print = (text: string) => output.write(`${text}\n`);
  const interactive = (options.input ?? process.stdin) === process.stdin && process.stdin.isTTY;
  const lines = createInterface({ input: options.input ?? process.stdin, output: interactive ? output : undefined, terminal: interactive });
  const iterator = lines[Symbol.asyncIterator]();
  const readLine = async (prompt: string): Promise<string | undefined> => {
    if (interactive) output.write(prompt);
    const next = await iterator.next();
    return next.done ? undefined : String(next.value);
  };
  let buttons: Button[] = [];

  /** A form, one field per line; a field keeps its pre-filled value when the line is empty. */
  const fillForm = async (modal: Modal): Promise<Incoming | undefined> => {
    print(`\n== ${modal.title} ==`);
    const fields: Record<string, string> = {};
    for (const field of modal.fields) {
      const current = field.value ? ` [${field.value}]` : "";
      print(`${field.label}${field.required ? "" : " (optional)"}${current}:`);
      const line = await readLine("> ");
      if (line === undefined) return undefined;
      fields[field.id] = line.trim() === "" ? (field.value ?? "") : line;
    }
    return { type: "modal", customId: modal.customId, fields };
  };

  print(WELCOME);
  for (;;) {
    const raw = await readLine("csto> ");
    if (raw === undefined) break;
    const line = raw.trim();
    if (line === "exit" || line === "quit") break;
    if (line === "") continue;
    let incoming: Incoming | undefined;
    if (/^\d+$/.test(line)) {
      const button = buttons[Number(line) - 1];
      if (button && !button.disabled) incoming = { type: "button", customId: button.customId };
      else print("There is no such button.");
    } else {
      try {
        const slash = parseSlashLine(line === "help" ? "/csto help" : line.startsWith("/") ? line : `/csto ask ${line}`, options.commands);
        readFiles(slash.request);
        incoming = { type: "command", ...slash };
      } catch (error) {
        if (!isUserFacingError(error)) throw error;
        print(error.message);
      }
    }
    while (incoming) {
      const { outgoing } = await options.dispatcher.handle(incoming, CONSOLE_USER);
      incoming = undefined;
      if (outgoing.type === "modal") incoming = await fillForm(outgoing.modal);
      else if (outgoing.type !== "choices") {
        print(`\n${renderReplyText(outgoing.reply, savePictures(outgoing.reply, pictureDir))}\n`);
        buttons = outgoing.reply.components.flat();
      }
    }
  }
  lines.close();
}
