// The build: check the types with tsc, bundle each entry point production runs with esbuild, then
// snapshot knowledge/ with the bundled code. scripts/ensure-build.mjs runs it (`npm run build`, and any
// start that finds dist/ missing or stale). `node scripts/build.mjs DIR` compiles into DIR instead, with
// no snapshot: the benchmark times that.
//
// Why a bundle: the bot's start-up loaded some 500 files, discord.js's own and those of its
// dependencies, each found by resolving a package path, then read and compiled on its own. Bundled,
// an entry point is one file plus a few shared chunks, and a module still runs only when first required.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Each lands at dist/<its path>.js, where package.json's scripts, the tests and the Dockerfile name it. */
const ENTRY_POINTS = ["src/index.ts", "src/cli/ask.ts", "src/cli/deploy-commands.ts", "src/knowledge/snapshot.ts"];
/**
 * Left in node_modules: native addons, which load their binary from beside their own code, and pg,
 * which may require pg-native (not installed). Only SQLite's is on the bot's way to ready.
 */
const EXTERNAL = ["better-sqlite3", "@resvg/resvg-js", "pg"];
/** The CommonJS packages in the bundle call `require` (for Node's own modules); an ES module has none unless given one. */
const REQUIRE_SHIM = 'import { createRequire as __bundleCreateRequire } from "node:module"; const require = __bundleCreateRequire(import.meta.url);';

/** Exits, naming what is missing or wrong, when a step cannot be done. */
function fail(message) {
  console.error(`Cannot build dist/: ${message}`);
  process.exit(1);
}

function resolveDevDependency(path) {
  try {
    return createRequire(import.meta.url).resolve(path);
  } catch {
    fail(`${path.split("/")[0]} is not installed. Run \`npm install\` (with dev dependencies), or \`npm run build\` where it is.`);
  }
}

function checkTypes() {
  const tsc = resolveDevDependency("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) fail("tsc reported the errors above.");
}

async function bundle(outDir) {
  const { build } = await import(pathToFileURL(resolveDevDependency("esbuild")).href);
  await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir: outDir,
    outbase: ".",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    // Shared code in chunks, and what the sources import dynamically (the console, the shard supervisor,
    // PostgreSQL, metrics, discord.js itself) stays out of the way of the processes that never load it.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    logLevel: "warning",
  });
}

/** The snapshot that start-up reads (src/knowledge/snapshot.ts), taken by the bundled code itself. */
export async function snapshotKnowledge(outDir) {
  const { writeKnowledgeSnapshot } = await import(pathToFileURL(join(outDir, "src/knowledge/snapshot.js")).href);
  try {
    writeKnowledgeSnapshot(join(outDir, "knowledge.snapshot.json"));
  } catch (error) {
    if (error?.name !== "KnowledgeInvalidError") throw error;
    // The program itself then loads knowledge/ and names every problem; so does `npm run validate:knowledge`.
    console.error("knowledge/ is not valid, so the build keeps no snapshot of it.");
  }
}

/** Checks the types and bundles into `outDir`, emptied first: outputs of deleted sources must not linger and be run. */
export async function compileInto(outDir) {
  checkTypes();
  rmSync(outDir, { recursive: true, force: true });
  await bundle(outDir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) fail("name the folder to compile into: node scripts/build.mjs DIR");
  await compileInto(resolve(process.argv[2]));
}
