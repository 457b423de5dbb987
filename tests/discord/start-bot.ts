import { PassThrough } from "node:stream";
import { commands } from "../../commands/index.js";
import { createApp } from "../../src/app.js";
import { Cooldown } from "../../src/bot/cooldown.js";
import { Dispatcher } from "../../src/bot/dispatcher.js";
import type { StorageConfig } from "../../src/config.js";
import { startBot } from "../../src/discord/bot.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createLogger } from "../../src/logger.js";
import type { DiscordEmulator } from "../emulator/discord-emulator.js";

export interface RunningApp {
  /** Stops the bot, then closes its database, as a shutdown does. */
  stop(): Promise<void>;
}

/** Starts the bot as `npm start` would: knowledge, what the database holds, then the client. */
export async function startBotWithData(emulator: DiscordEmulator, storage: StorageConfig): Promise<RunningApp> {
  const logger = createLogger({ level: "silent", production: true, destination: new PassThrough() });
  const kb = createKnowledgeBase();
  const app = await createApp(kb, storage, logger);
  const dispatcher = new Dispatcher(commands, app.context, new Cooldown(0), logger);
  const bot = await startBot({ token: emulator.token, apiBase: emulator.apiBase, dispatcher, logger });
  await emulator.waitForReady();
  // As the bot does once it is ready: the first question would otherwise wait for it.
  kb.answers.prepare();
  return {
    async stop() {
      await bot.stop();
      await app.close();
    },
  };
}
