// Validation of Marathon app definitions against Marathon's official JSON Schema.
//
// marathon-app-definition.schema.json beside this file is a verbatim copy (Apache-2.0) of
// mesosphere/marathon v1.1.1 (commit d5acc5c22753d581795bb0767334a7226abefa46)
// docs/docs/rest-api/public/api/v2/schema/AppDefinition.json (blob 316fc912); the test
// checks that it is byte-identical to shared/reference/marathon-app-definition.schema.json.
//
// Its "$schema" is the generic "http://json-schema.org/schema#", but the schema is
// Draft 4 (tuple-form items, boolean-less exclusiveMaximum…): it is compiled with
// ajv-draft-04, whatever $schema says.
//
// In provider/formats, not blueprints/services: the marathon_app type checks definitions at apply time too.

import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import schema from "./marathon-app-definition.schema.json" with { type: "json" };

export interface AppDefinitionError {
  /** JSON Pointer of the offending value ("" for the whole app), e.g. "/cpus". */
  path: string;
  message: string;
}

let compiled: ValidateFunction | undefined;

/**
 * The schema's validator, compiled on first use: loading ajv and compiling
 * this schema costs every command's start-up otherwise, and only
 * configurations with Marathon apps need it.
 */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  // ajv-draft-04 is CommonJS; required here (synchronously) so that validation stays a plain function call.
  const Ajv = (createRequire(import.meta.url)("ajv-draft-04") as typeof import("ajv-draft-04")).default;
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  // The schema uses "format": "date-time" (version, versionInfo.*): RFC 3339, as Marathon writes it.
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  // The $schema URI is not Draft 4's; drop it so ajv-draft-04 does not look it up.
  const { $schema: _ignored, ...draft4 } = schema as Record<string, unknown>;
  compiled = ajv.compile(draft4);
  return compiled;
}

function describe(e: ErrorObject): AppDefinitionError {
  const params = e.params as Record<string, unknown>;
  let path = e.instancePath;
  let message = e.message ?? "is invalid";
  if (e.keyword === "required") {
    path = `${path}/${String(params.missingProperty)}`;
    message = "is required";
  } else if (e.keyword === "additionalProperties") {
    path = `${path}/${String(params.additionalProperty)}`;
    message = "is not an allowed property";
  } else if (e.keyword === "enum" && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (e.keyword === "not" && path === "") {
    message = "must not have both cmd and args";
  }
  return { path, message };
}

/** Errors in `app` against Marathon's AppDefinition schema (empty when valid), sorted by path. */
export function marathonAppErrors(app: unknown): AppDefinitionError[] {
  const validate = validator();
  if (validate(app)) return [];
  const seen = new Set<string>();
  const out: AppDefinitionError[] = [];
  for (const e of validate.errors ?? []) {
    const d = describe(e);
    const key = `${d.path}\u0000${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1));
}

/** One line per error: "<path>: <message>" (path "/" for the app itself). */
export function formatAppErrors(errors: AppDefinitionError[]): string {
  return errors.map((e) => `${e.path || "/"}: ${e.message}`).join("\n");
}

/** Throws an Error listing every problem (prefixed with the app's id when it has one). */
export function assertMarathonApp(app: unknown): void {
  const errs = marathonAppErrors(app);
  if (errs.length === 0) return;
  const id =
    app && typeof app === "object" && typeof (app as { id?: unknown }).id === "string"
      ? ` ${(app as { id: string }).id}`
      : "";
  throw new Error(`Marathon app${id} does not match the AppDefinition schema:\n${formatAppErrors(errs)}`);
}

export { schema as MARATHON_APP_SCHEMA };
