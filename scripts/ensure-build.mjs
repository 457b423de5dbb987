// `npm run build` builds always. `npm start`, `npm run ask` and `npm run deploy:commands` load this
// with `node --import` before their compiled entry point: it builds dist/ (scripts/build.mjs) when
// dist/ is missing, older than any source or built by another Node.js (whose code caches this one
// cannot take), so a fresh clone works with `npm install && npm start`,
// while the one process that stays running is plain node on compiled code. Every build, and every
// change to knowledge/, also writes the knowledge snapshot that start-up reads (src/knowledge/snapshot.ts).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const stamp = join(dist, ".built");
const codeInputs = ["src", "commands", "scripts/build.mjs", "scripts/start-flags.mjs", "tsconfig.json", "tsconfig.build.json", "package.json"];
/** The stamp's first line: the Node.js that built dist/. */
const builder = `node ${process.version}`;

function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function changedSinceBuild(inputs) {
  if (!existsSync(stamp)) return true;
  return Math.max(...inputs.map((input) => newestChange(join(root, input)))) > statSync(stamp).mtimeMs;
}

const builtByThisNode = () => existsSync(stamp) && readFileSync(stamp, "utf8").split("\n")[0] === builder;
const compiling = process.argv.includes("--always") || changedSinceBuild(codeInputs) || !builtByThisNode();
if (compiling || changedSinceBuild(["knowledge"])) {
  // Loaded only to build: a start with dist/ up to date pays for the check above alone.
  const { compileInto, snapshotKnowledge } = await import("./build.mjs");
  if (compiling) {
    process.stderr.write("Building dist/...\n");
    await compileInto(dist);
  }
  await snapshotKnowledge(dist);
  writeFileSync(stamp, `${builder}\n${new Date().toISOString()}\n`);
}
