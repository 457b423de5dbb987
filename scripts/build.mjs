// The build: check the types with tsc, bundle what production runs with esbuild, have V8 compile the
// largest packages ahead (a code cache), then snapshot knowledge/ with the bundled code.
// scripts/ensure-build.mjs runs it (`npm run build`, and any start that finds dist/ missing or stale).
// `node scripts/build.mjs DIR` compiles into DIR instead, with no snapshot: the benchmark times that.
//
// Why a bundle: unbundled, the bot's start-up loaded about 780 files (670 of them from discord.js and the
// other packages), each found by resolving a path, then read and compiled on its own. Bundled, an entry
// point is one file plus a few shared chunks, and a module still runs only when first required.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { productionV8Flags } from "./start-flags.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Each lands at dist/<its path>.js, where package.json's scripts, the tests and the Dockerfile name it.
 * src/vendored.ts is here for the build's own use (writeCodeCaches).
 */
const ENTRY_POINTS = ["src/index.ts", "src/cli/ask.ts", "src/cli/deploy-commands.ts", "src/knowledge/snapshot.ts", "src/vendored.ts"];
/**
 * Left in node_modules: native addons, which load their binary from beside their own code, and pg,
 * which may require pg-native (not installed). Only SQLite's is on the bot's way to ready.
 */
const EXTERNAL = ["better-sqlite3", "@resvg/resvg-js", "pg"];
/**
 * The largest packages on the way to ready, by the names the sources import them by: bundled apart into
 * dist/vendor/<bundle>.cjs, which src/vendored.ts loads with V8's code cache. One bundle per package
 * (discord-api-types goes with discord.js, which includes it), so that `npm run ask` loads zod without
 * discord.js.
 */
const VENDORED = { discord: ["discord.js", "discord-api-types/v10"], zod: ["zod"], pino: ["pino"] };
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

/** Where the program's bundle imports a vendored package, it asks src/vendored.ts for it instead. */
const fromVendored = {
  name: "vendored",
  setup(build) {
    const bundleOf = new Map(Object.entries(VENDORED).flatMap(([bundle, names]) => names.map((name) => [name, bundle])));
    build.onResolve({ filter: /^[\w@]/ }, (args) => (bundleOf.has(args.path) ? { path: args.path, namespace: "vendored" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "vendored" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(join(root, "src/vendored.ts"))}).requireVendored(${JSON.stringify(bundleOf.get(args.path))}, ${JSON.stringify(args.path)});`,
      resolveDir: root,
      loader: "js",
    }));
  },
};

/**
 * Writes esbuild's output with every character past ASCII escaped. esbuild escapes them in strings,
 * but not in comments or regular expressions, and one such character makes V8 hold the whole source
 * of a file at two bytes a character, megabytes for the vendored ones. A \\u escape means the same
 * character in a string, a regular expression or a name, and in a comment it does no harm.
 */
function writeAscii(outputFiles) {
  for (const { path, text } of outputFiles) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`));
  }
}

async function bundle(outDir) {
  const { build } = await import(pathToFileURL(resolveDevDependency("esbuild")).href);
  const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", external: EXTERNAL, logLevel: "warning", write: false };
  for (const [vendorBundle, names] of Object.entries(VENDORED)) {
    const { outputFiles } = await build({
      ...common,
      // One getter per package, so that each runs only when first asked for.
      stdin: {
        contents: names.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(name)}) });`).join("\n"),
        resolveDir: root,
        loader: "js",
      },
      outfile: join(outDir, "vendor", `${vendorBundle}.cjs`),
      format: "cjs",
      // The file is the function src/vendored.ts calls, as Node wraps a CommonJS module.
      banner: { js: "(function (exports, require, module, __filename, __dirname) {" },
      footer: { js: "})" },
    });
    writeAscii(outputFiles);
  }
  const { outputFiles } = await build({
    ...common,
    entryPoints: ENTRY_POINTS,
    outdir: outDir,
    outbase: ".",
    chunkNames: "chunks/[name]-[hash]",
    // Shared code in chunks, and what the sources import dynamically (the console, the shard supervisor,
    // PostgreSQL, metrics, the Discord client) stays out of the way of the processes that never load it.
    splitting: true,
    format: "esm",
    banner: { js: REQUIRE_SHIM },
    plugins: [fromVendored],
  });
  writeAscii(outputFiles);
}

/**
 * The code caches of the vendored packages (see src/vendored.ts), one under the V8 flags of `npm start`
 * and one under none, as `npm run ask` and `npm run deploy:commands` run.
 */
function writeCodeCaches(outDir) {
  const vendored = pathToFileURL(join(outDir, "src", "vendored.js")).href;
  const script = `const { writeCodeCaches } = await import(${JSON.stringify(vendored)}); writeCodeCaches();`;
  for (const flags of [productionV8Flags(root), []]) {
    const result = spawnSync(process.execPath, [...flags, "--input-type=module", "--eval", script], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) fail("the code caches in dist/vendor/ could not be written (see above).");
  }
}

/** The snapshot that start-up reads (src/knowledge/snapshot.ts), taken by the bundled code itself. */
export async function snapshotKnowledge(outDir) {
  const { writeKnowledgeSnapshot } = await import(pathToFileURL(join(outDir, "src/knowledge/snapshot.js")).href);
  try {
    writeKnowledgeSnapshot(join(outDir, "knowledge.snapshot"));
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
  writeCodeCaches(outDir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) fail("name the folder to compile into: node scripts/build.mjs DIR");
  await compileInto(resolve(process.argv[2]));
}
