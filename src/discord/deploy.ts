import { REST, Routes } from "discord.js";
import type { SlashCommand } from "../bot/command.js";

/** Registers the commands to one server (appears at once) or globally, replacing what was there. */
export async function registerCommands(options: {
  token: string;
  clientId: string;
  guildId?: string | undefined;
  apiBase?: string | undefined;
  commands: Iterable<SlashCommand>;
}): Promise<number> {
  const rest = new REST(options.apiBase ? { api: options.apiBase } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.clientId, options.guildId) : Routes.applicationCommands(options.clientId);
  const body = [...options.commands].map((command) => command.data);
  await rest.put(route, { body });
  return body.length;
}
