// Registers the slash commands from the same definitions the bot answers with.
import { REST, Routes } from "discord.js";
import { commands } from "../../commands/index.js";
import { ConfigError, loadDotEnv, parseConfig } from "../config.js";

loadDotEnv();
try {
  const { discord } = parseConfig();
  if (!discord) throw new ConfigError("Missing DISCORD_TOKEN: set it (and DISCORD_CLIENT_ID) to register commands");
  const rest = new REST(discord.apiBase ? { api: discord.apiBase } : {}).setToken(discord.token);
  const route = discord.guildId ? Routes.applicationGuildCommands(discord.clientId, discord.guildId) : Routes.applicationCommands(discord.clientId);
  const body = [...commands.values()].map((command) => command.data);
  await rest.put(route, { body });
  console.log(`Registered ${body.length} command(s) ${discord.guildId ? `to server ${discord.guildId}` : "globally (may take up to an hour to appear)"}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
