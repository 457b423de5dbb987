import { DefaultRestOptions, REST, Routes, type RESTGetAPIGatewayBotResult } from "discord.js";
import { errorCode, StartupError } from "../errors.js";
import { LOGIN_TIMEOUT_MS, loginFailure } from "./bot.js";

/** What Discord advises for this bot's gateway connections. */
export interface GatewayAdvice {
  /** The shard count Discord recommends for the bot's servers. */
  recommendedShards: number;
  /** How many shards may identify in the same 5 seconds. */
  maxConcurrency: number;
}

/** Asks GET /gateway/bot, on the configured API (discord.js's own helper only knows Discord's address). */
export async function fetchGatewayAdvice(options: { token: string; apiBase?: string | undefined }): Promise<GatewayAdvice> {
  const apiUrl = options.apiBase ?? DefaultRestOptions.api;
  const rest = new REST({ api: apiUrl, timeout: LOGIN_TIMEOUT_MS, retries: 0 }).setToken(options.token);
  try {
    const answer = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return { recommendedShards: answer.shards, maxConcurrency: answer.session_start_limit.max_concurrency };
  } catch (error) {
    if (errorCode(error) === "ABORT_ERR" || (error as Error).name === "AbortError") {
      throw new StartupError(`the Discord API at ${apiUrl} did not answer within ${LOGIN_TIMEOUT_MS / 1000} s`, { cause: error });
    }
    throw loginFailure(error, apiUrl);
  }
}
