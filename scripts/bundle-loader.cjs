"use strict";
// Loads the bundled CLI (copied by scripts/bundle-cli.mjs to dist/bundle/cli.cjs): front.cjs (the entry and oclif,
// all `--help` needs) at once, engine.cjs (every command and all it runs) when a command first runs. Each is compiled
// with V8's code cache written beside it by the build (scripts/write-code-cache.mjs), so a start deserializes the
// functions a run uses instead of parsing and compiling them. V8 checks a cache against its own version, flags and
// the source's length and ignores one that does not fit (another Node, a flag such as --expose-gc): the script then
// compiles as usual. The two bundles share one oclif: engine.cjs requires @oclif/core's modules from front.cjs.
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

/** The code cache of a bundle, for this Node version and architecture (V8 checks the rest). */
const cacheFileOf = (name) => join(__dirname, `${name}.${process.version}-${process.arch}.code-cache`);

/** The bundles compiled so far: name -> vm.Script (read by the build to write their caches). */
const scripts = new Map();

/**
 * Node's modules a plan seldom calls into, though the bundle requires them when it loads: each is handed out as a
 * stand-in that requires the real module at its first use (a property read), so a start does not pay for them.
 */
const LAZY_BUILTINS = new Set(["node:crypto", "node:zlib", "node:child_process", "node:perf_hooks", "node:readline"]);
const lazyBuiltins = new Map();
function lazyBuiltin(id, real) {
  let stand = lazyBuiltins.get(id);
  if (stand) return stand;
  let mod;
  const target = () => (mod ??= real(id));
  stand = new Proxy(
    {},
    {
      get: (_t, key) => target()[key],
      has: (_t, key) => key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Object.getOwnPropertyDescriptor(target(), key);
        return d && { ...d, configurable: true };
      },
      set: (_t, key, value) => {
        target()[key] = value;
        return true;
      },
    },
  );
  lazyBuiltins.set(id, stand);
  return stand;
}

/** Compiles and runs one bundle as a CommonJS module whose require answers `provided` ids itself. */
function load(name, provided) {
  const file = join(__dirname, `${name}.cjs`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFileOf(name));
  } catch {
    cachedData = undefined; // no cache: compiled as usual
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  scripts.set(name, script);
  const real = createRequire(file);
  const require = Object.assign(
    (id) => (Object.hasOwn(provided, id) ? provided[id]() : LAZY_BUILTINS.has(id) ? lazyBuiltin(id, real) : real(id)),
    {
      resolve: real.resolve,
      cache: real.cache,
    },
  );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, __dirname);
  return module.exports;
}

let engine;
const front = load("front", { "gantry:engine": () => engineExports() });
function engineExports() {
  engine ??= load("engine", front.oclifModules);
  return engine;
}

module.exports = {
  run: front.run,
  /** Every command's class, for oclif's explicit command discovery (dist/bundle/commands.cjs). */
  commands: () => engineExports().commands,
  /** Whether V8 took each compiled bundle's code cache (true), refused it (false) or there was none (undefined). */
  codeCacheTaken: () =>
    Object.fromEntries(
      [...scripts].map(([name, s]) => [name, s.cachedDataRejected === undefined ? undefined : !s.cachedDataRejected]),
    ),
  /** The code caches of the bundles compiled so far, with every function compiled until now: name -> file, bytes. */
  codeCaches: () => [...scripts].map(([name, s]) => ({ file: cacheFileOf(name), data: s.createCachedData() })),
};
