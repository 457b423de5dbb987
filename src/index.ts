// The bot's entry point (npm start, and each shard the supervisor starts): the compile cache first,
// then the process itself (src/main.ts).
import { enableCompileCache } from "./compile-cache.js";

enableCompileCache();
await import("./main.js");
