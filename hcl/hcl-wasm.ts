// HashiCorp's HCL-to-JSON converter as @cdktf/hcl2json ships it (Go compiled
// to WebAssembly, with Go's own wasm_exec.js glue), loaded here instead of
// through the package's entry so that a run pays as little as possible for it:
//
// - The package gunzips its 1.7 MB main.wasm.gz (6.5 MB) at every start; the
//   build writes the plain module beside the bundle (`hcl2json-<version>.wasm`,
//   scripts/bundle-cli.mjs), read as it is. From sources it is still gunzipped.
// - V8 compiles WebAssembly with Liftoff (its baseline compiler) and then
//   recompiles hot functions with TurboFan in the background. For this module
//   (the Go runtime's start and one parse per group of blocks) TurboFan costs
//   more than it gives, even at 10,000 resources (measured: 1.4 s of CPU in all
//   with Liftoff alone, 2.3 s with both), so V8 is told to use Liftoff only,
//   unless the first input is large (OPTIMIZE_FROM_LENGTH characters): at 100,000 resources
//   (a 7.4 MB file) validate took 15.2 and 14.3 s of CPU with TurboFan against
//   17.6 s with Liftoff alone (and some 70 MB more memory).
//   The flag is process-wide; gantry runs no other WebAssembly.
// - The converter is loaded once per process, on the first `.tf` (or
//   `.tfvars`) file, and shared by every caller. It keeps nothing between calls.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { gunzipSync } from "node:zlib";

type Callback = (err: string | null, json: string) => void;
type ParseFn = (file: string, text: string, cb: Callback) => void;

/** What the Go program registers on its global (the package's name for it). */
const GLOBAL_NAME = "__parse_terraform_config_wasm__";

/** The file name the build gives the plain WebAssembly module of this version of the package. */
export function plainWasmName(version: string): string {
  return `hcl2json-${version}.wasm`;
}

/** From this length of input on (about 50,000 resources) the converter is left to V8's optimizing compiler too. */
const OPTIMIZE_FROM_LENGTH = 4_000_000;

let converter: Promise<ParseFn> | undefined;

/**
 * Converts one HCL text to Terraform's JSON form, as @cdktf/hcl2json's `parse` does (same errors). `inputLength` is
 * the length of the whole input the text is part of (a file converted in groups of blocks); the first call's decides
 * how the converter is compiled.
 */
export async function hclToJson(
  file: string,
  text: string,
  inputLength = text.length,
): Promise<Record<string, unknown>> {
  converter ??= loadConverter(inputLength >= OPTIMIZE_FROM_LENGTH);
  const parse = await converter;
  const json = await new Promise<string>((resolve, reject) =>
    parse(file, text, (err, out) => (err ? reject(new Error(err)) : resolve(out))),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** The converter once started (by either loader), for synchronous callers. */
let started: ParseFn | undefined;

/**
 * Converts one HCL text as hclToJson does, synchronously: for callers that cannot wait (a function such as
 * provider::terraform::decode_tfvars, evaluated inside an expression). Starts the converter synchronously when no
 * caller has yet; the Go program answers each call before returning.
 */
export function hclToJsonSync(file: string, text: string): Record<string, unknown> {
  if (!started) {
    const bytes = converterBytes();
    setFlagsFromString("--liftoff-only"); // a function's argument: small
    const Go = goGlue();
    const go = new Go();
    started = startConverter(go, new WebAssembly.Instance(new WebAssembly.Module(bytes), go.importObject));
    converter ??= Promise.resolve(started);
  }
  let result: { err: string | null; json: string } | undefined;
  started(file, text, (err, json) => {
    result = { err, json };
  });
  if (!result) throw new Error("the HCL converter (WebAssembly) did not answer synchronously");
  if (result.err) throw new Error(result.err);
  return JSON.parse(result.json) as Record<string, unknown>;
}

type GoRuntime = { importObject: WebAssembly.Imports; run(i: unknown): void };

function packageDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve("@cdktf/hcl2json/package.json"));
}

function converterBytes(): Uint8Array<ArrayBuffer> {
  const dir = packageDir();
  const { version } = createRequire(import.meta.url)(path.join(dir, "package.json")) as { version: string };
  const plain = fileURLToPath(new URL(plainWasmName(version), import.meta.url));
  const bytes = existsSync(plain) ? readFileSync(plain) : gunzipSync(readFileSync(path.join(dir, "main.wasm.gz")));
  return bytes as Uint8Array<ArrayBuffer>; // read, never shared
}

/** Go's glue: defines globalThis.Go (and the globals it needs) once per process. */
function goGlue(): new () => GoRuntime {
  createRequire(import.meta.url)(path.join(packageDir(), "wasm", "bridge_wasm_exec.js"));
  return (globalThis as unknown as { Go: new () => GoRuntime }).Go;
}

function startConverter(go: GoRuntime, instance: WebAssembly.Instance): ParseFn {
  const root: Record<string, unknown> = {};
  (globalThis as Record<string, unknown>)[GLOBAL_NAME] = root;
  // The Go program registers its functions on `root` and then waits for calls (run never settles).
  void go.run(instance);
  if (typeof root.parse !== "function") throw new Error("the HCL converter (WebAssembly) did not start");
  return root.parse as ParseFn;
}

async function loadConverter(optimize: boolean): Promise<ParseFn> {
  const bytes = converterBytes();
  if (!optimize) setFlagsFromString("--liftoff-only");
  const module = await WebAssembly.compile(bytes);
  const Go = goGlue();
  const go = new Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  if (started) return started; // a synchronous caller started it meanwhile
  started = startConverter(go, instance);
  return started;
}
