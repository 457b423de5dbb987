import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cachedDataVersionTag } from "node:v8";
import { constants, Script } from "node:vm";

/**
 * The largest packages start-up loads (discord.js with its dependencies, zod and pino), which the build
 * bundles apart into CommonJS files in dist/vendor/, each with V8's code cache of it: with the cache,
 * V8 reads the compiled code instead of compiling megabytes of JavaScript at every start. Node 20 has
 * no compile cache of its own, so each file is run here as a script that can take one. The build's
 * bundle of this program reaches these packages through requireVendored (scripts/build.mjs); run from
 * the sources, it imports them as usual and nothing here is used.
 */
const VENDOR_DIR = "vendor";
const BUNDLE_EXTENSION = ".cjs";

/** dist/vendor/, or the same folder where the benchmark builds: the one above this code. */
function vendorDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, VENDOR_DIR))) return join(dir, VENDOR_DIR);
    if (dirname(dir) === dir) throw new Error(`no ${VENDOR_DIR}/ above ${here}`);
  }
}

interface VendorBundle {
  file: string;
  script: Script;
  /** Whether V8 took the code cache, rather than compiling the source itself. */
  fromCache: boolean;
  /** Each package is a getter: it runs when first asked for. */
  packages: Record<string, unknown>;
}

const loaded = new Map<string, VendorBundle>();

/** V8 takes a code cache only from its own version under the same flags: each such pair has a file of its own. */
const codeCacheOf = (file: string) => `${file}.${cachedDataVersionTag()}.code-cache`;

function cachedCode(file: string): Buffer | undefined {
  try {
    return readFileSync(codeCacheOf(file));
  } catch {
    // None (or unreadable): V8 compiles the source, as it would any module.
    return undefined;
  }
}

function load(bundle: string): VendorBundle {
  const known = loaded.get(bundle);
  if (known) return known;
  const file = join(vendorDir(), `${bundle}${BUNDLE_EXTENSION}`);
  // V8 checks the cache against the source too, and ignores one that does not match. The file is a
  // function expression, to be given what Node gives a CommonJS module (scripts/build.mjs).
  const cachedData = cachedCode(file);
  const script = new Script(readFileSync(file, "utf8"), {
    filename: file,
    cachedData,
    // A dynamic import() in a package resolves as it would from a module of its own.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const vendorBundle = { file, script, fromCache: cachedData !== undefined && !script.cachedDataRejected, packages: module.exports };
  loaded.set(bundle, vendorBundle);
  return vendorBundle;
}

/** A package, by the name the sources import it by, from the vendored bundle named `bundle`. */
export function requireVendored(bundle: string, name: string): unknown {
  return load(bundle).packages[name];
}

/** The bundles loaded so far that V8 compiled itself: the build made no code cache for this node and its flags. */
export function compiledWithoutCache(): string[] {
  return [...loaded].filter(([, bundle]) => !bundle.fromCache).map(([name]) => name);
}

/**
 * Runs every package of every bundle, then writes V8's code cache of each, for this node and its flags:
 * the build calls this under the V8 flags of `npm start`, and under none.
 */
export function writeCodeCaches(): void {
  for (const name of readdirSync(vendorDir())) {
    if (!name.endsWith(BUNDLE_EXTENSION)) continue;
    const { file, script, packages } = load(name.slice(0, -BUNDLE_EXTENSION.length));
    for (const packageName of Object.keys(packages)) void packages[packageName];
    writeFileSync(codeCacheOf(file), script.createCachedData());
  }
}
