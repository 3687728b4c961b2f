// Validators compiled ahead of time: the build (scripts/precompile-validators.mjs) writes ajv's standalone code for
// every schema gantry declares itself (the field schemas of declarations, the built-in types' attribute schemas)
// beside the bundle. A schema found there is checked without ajv: loading ajv and compiling a first schema (ajv
// compiles its meta-schema first) costs some 100 ms of CPU, more than the rest of a small plan. Runs from sources,
// and schemas the build did not see (types made in tests), compile with ajv as before, loaded then.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";

/** The file the build writes beside the bundle. */
export const PRECOMPILED_VALIDATORS_FILE = "precompiled-validators.cjs";

/** Functions the generated code calls, by keyword (the checks of gantry's own keywords). */
export interface KeywordChecks {
  address(kind: string, data: string): boolean;
}

/** What the generated module exports: each set's validators by schema key (the field set given its checks). */
export interface PrecompiledValidators {
  attributes: Record<string, ValidateFunction>;
  fields(checks: KeywordChecks): Record<string, ValidateFunction>;
}

/** How a schema is found among the precompiled ones: its JSON text (schemas are plain data). */
export function schemaKey(schema: object): string {
  return JSON.stringify(schema);
}

/** The `ajv` package, loaded when a schema has to be compiled at run time. */
export function ajvPackage(): typeof import("ajv") {
  return createRequire(import.meta.url)("ajv");
}

/** The precompiled validators beside this module, or undefined (runs from sources, or no build yet). */
export function loadPrecompiledValidators(): PrecompiledValidators | undefined {
  const file = fileURLToPath(new URL(PRECOMPILED_VALIDATORS_FILE, import.meta.url));
  return existsSync(file) ? (createRequire(import.meta.url)(file) as PrecompiledValidators) : undefined;
}
