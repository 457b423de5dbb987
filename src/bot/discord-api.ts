import { createRequire } from "node:module";
import type * as DiscordApiTypes from "discord-api-types/v10";

/**
 * The values of discord-api-types (its enums). The package is CommonJS: `require` loads it as such,
 * which spares start-up the scan an ES import makes of each file it re-exports (tens of milliseconds).
 */
export const DiscordApi = createRequire(import.meta.url)("discord-api-types/v10") as typeof DiscordApiTypes;
