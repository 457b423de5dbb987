import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Tests that start the bot as production does run dist/: build it first when the sources changed. */
export default function buildOnce(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { cwd: root, stdio: "inherit" });
}
