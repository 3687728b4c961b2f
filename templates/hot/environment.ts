// A HOT environment (parameters, parameter_defaults, resource_registry) and
// environments merged in order.
//
// MINIMAL VERSION: the sections read as maps, later environments win key by
// key. The full version (every section, Heat's messages) replaces this file.

import type { DiagnosticBag } from "../../contract/diagnostics.js";
import { readHotYaml } from "./hot-yaml.js";

export interface HotEnvironment {
  parameters: Record<string, unknown>;
  parameterDefaults: Record<string, unknown>;
  resourceRegistry: Record<string, unknown>;
}

function mapOf(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function parseEnvironment(file: string, text: string, bag: DiagnosticBag): HotEnvironment {
  const root = readHotYaml(file, text, bag, "environment");
  const v = mapOf(root?.value);
  return {
    parameters: mapOf(v.parameters),
    parameterDefaults: mapOf(v.parameter_defaults),
    resourceRegistry: mapOf(v.resource_registry),
  };
}

export function mergeEnvironments(envs: HotEnvironment[]): HotEnvironment {
  const out: HotEnvironment = { parameters: {}, parameterDefaults: {}, resourceRegistry: {} };
  for (const e of envs) {
    Object.assign(out.parameters, e.parameters);
    Object.assign(out.parameterDefaults, e.parameterDefaults);
    Object.assign(out.resourceRegistry, e.resourceRegistry);
  }
  return out;
}
