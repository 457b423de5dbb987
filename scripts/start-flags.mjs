// The V8 flags that `npm start` gives node, read from package.json's start script (its --import and
// what it imports excepted): the build makes the code cache under them, the benchmark measures with them.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** @param {string} root the folder holding package.json */
export function startScriptOf(root) {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
}

/** @param {string} root the folder holding package.json */
export function productionV8Flags(root) {
  return startScriptOf(root)
    .split(/\s+/)
    .filter((word) => word.startsWith("--") && word !== "--import");
}
