import type { SlashCommand } from "../src/bot/command.js";
import { csto } from "./csto.js";

/** Every command the bot registers and answers, by name. */
export const commands: ReadonlyMap<string, SlashCommand> = new Map([[csto.data.name, csto]]);
