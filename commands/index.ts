import type { SlashCommand } from "../src/bot/command.js";
import { cstoAdmin } from "./csto-admin.js";
import { csto } from "./csto.js";

/** Every command the bot registers and answers, by name. */
export const commands: ReadonlyMap<string, SlashCommand> = new Map([csto, cstoAdmin].map((command) => [command.data.name, command]));
