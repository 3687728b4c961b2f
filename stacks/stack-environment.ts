// The environment Heat shows for a stack (`GET .../environment`): the
// request's environments merged in order (later ones win) and its
// parameters last.

import type { StackSource } from "./stack-records.js";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

export function mergedEnvironment(source: StackSource): Obj {
  let env: Obj = {
    parameters: {},
    resource_registry: { resources: {} },
    parameter_defaults: {},
    encrypted_param_names: [],
    event_sinks: [],
  };
  for (const e of source.environments) {
    if (!isObj(e)) continue;
    env = deepMerge(env, {
      ...(isObj(e.parameters) && { parameters: e.parameters }),
      ...(isObj(e.parameter_defaults) && { parameter_defaults: e.parameter_defaults }),
      ...(isObj(e.resource_registry) && { resource_registry: e.resource_registry }),
    });
    if (Array.isArray(e.event_sinks)) env.event_sinks = [...(env.event_sinks as unknown[]), ...e.event_sinks];
  }
  env.parameters = { ...(env.parameters as Obj), ...source.parameters };
  return env;
}
