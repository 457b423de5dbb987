// `npm run build` compiles always. `npm start`, `npm run ask` and `npm run deploy:commands` load this
// with `node --import` before their compiled entry point: it compiles src/ and commands/ into dist/
// when dist/ is missing or older than any source, so a fresh clone works with `npm install && npm start`,
// while the one process that stays running is plain node on compiled code. Every build, and every
// change to knowledge/, also writes the knowledge snapshot that start-up reads (src/knowledge/snapshot.ts).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = join(root, "dist", ".built");
const codeInputs = ["src", "commands", "tsconfig.json", "tsconfig.build.json", "package.json"];

function newestChange(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function changedSinceBuild(inputs) {
  if (!existsSync(stamp)) return true;
  return Math.max(...inputs.map((input) => newestChange(join(root, input)))) > statSync(stamp).mtimeMs;
}

function compile() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    console.error("Cannot build dist/: TypeScript is not installed. Run `npm install` (with dev dependencies), or `npm run build` where it is.");
    process.exit(1);
  }
  process.stderr.write("Building dist/...\n");
  // A clean build: outputs of deleted sources must not linger and be run.
  rmSync(join(root, "dist"), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Cannot build dist/: tsc reported the errors above.");
    process.exit(1);
  }
}

async function snapshotKnowledge() {
  const { writeKnowledgeSnapshot } = await import(pathToFileURL(join(root, "dist/src/knowledge/snapshot.js")).href);
  try {
    writeKnowledgeSnapshot();
  } catch (error) {
    if (error?.name !== "KnowledgeInvalidError") throw error;
    // The program itself then loads knowledge/ and names every problem; so does `npm run validate:knowledge`.
    console.error("knowledge/ is not valid, so the build keeps no snapshot of it.");
  }
}

const compiling = process.argv.includes("--always") || changedSinceBuild(codeInputs);
if (compiling) compile();
if (compiling || changedSinceBuild(["knowledge"])) {
  await snapshotKnowledge();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
