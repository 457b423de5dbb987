import * as nodeModule from "node:module";

/**
 * Node 22 and later can keep the code they compile on disk (in the system's temporary folder, or
 * where NODE_COMPILE_CACHE says), so that the next start reads it instead of compiling again.
 * Node 20 cannot: there this does nothing. Only modules loaded after the call are kept, so an
 * entry point calls it first and imports the rest dynamically.
 */
export function enableCompileCache(): void {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
}
