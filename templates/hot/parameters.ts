// The values of a template's parameters: given (environments' parameters),
// else parameter_defaults, else the template's default.
//
// MINIMAL VERSION: types converted, no constraints. The full version
// (constraints, Heat's messages) replaces this file.

import type { DiagnosticBag } from "../../contract/diagnostics.js";
import type { Value } from "../../contract/values.js";
import type { RawNode } from "../raw-config.js";
import type { HotEnvironment } from "./environment.js";

export function resolveParameters(
  file: string,
  parameters: RawNode,
  env: HotEnvironment,
  bag: DiagnosticBag,
): Map<string, Value> {
  const out = new Map<string, Value>();
  const section = parameters.value;
  if (section === null || section === undefined) return out;
  if (typeof section !== "object" || Array.isArray(section)) {
    bag.error(`The template section is invalid: parameters`, parameters.origin);
    return out;
  }
  for (const [name, schema] of Object.entries(section as Record<string, unknown>)) {
    const s = (schema ?? {}) as Record<string, unknown>;
    const given = Object.hasOwn(env.parameters, name)
      ? env.parameters[name]
      : Object.hasOwn(env.parameterDefaults, name)
        ? env.parameterDefaults[name]
        : s.default;
    if (given === undefined) {
      bag.error(`The Parameter (${name}) was not provided.`, { ...parameters.child(name).origin, file });
      continue;
    }
    out.set(name, convert(String(s.type ?? "string"), given));
  }
  return out;
}

function convert(type: string, v: unknown): Value {
  switch (type) {
    case "number":
      return typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : (v as Value);
    case "boolean":
      return typeof v === "string" ? ["true", "yes", "on", "t", "y", "1"].includes(v.toLowerCase()) : (v as Value);
    case "comma_delimited_list":
      return typeof v === "string" ? (v === "" ? [] : v.split(",").map((x) => x.trim())) : (v as Value);
    case "json":
      if (typeof v === "string")
        try {
          return JSON.parse(v) as Value;
        } catch {
          return v;
        }
      return v as Value;
    default:
      return typeof v === "number" || typeof v === "boolean" ? String(v) : (v as Value);
  }
}
