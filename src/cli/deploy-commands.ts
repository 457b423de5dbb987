// Registers the slash commands from the same definitions the bot answers with.
import { commands } from "../../commands/index.js";
import { ConfigError, loadDotEnv, parseConfig } from "../config.js";
import { registerCommands } from "../discord/deploy.js";

loadDotEnv();
try {
  const { discord } = parseConfig();
  if (!discord) throw new ConfigError("Missing DISCORD_TOKEN: set it (and DISCORD_CLIENT_ID) to register commands");
  const count = await registerCommands({ ...discord, commands: commands.values() });
  console.log(`Registered ${count} command(s) ${discord.guildId ? `to server ${discord.guildId}` : "globally (they may take up to an hour to appear)"}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
