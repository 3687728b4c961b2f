// Heat environments: reading one (YAML or JSON) and merging several in the
// order they apply, as Heat does (heat/common/environment_format.py and
// environment_util.py).
//
// Sections: parameters, parameter_defaults, resource_registry, event_sinks
// (read and ignored, with a warning), encrypted_param_names (read; gantry
// encrypts nothing), parameter_merge_strategies. Any other section is Heat's
// error ('environment has wrong section "x"'), so is a section left empty.
//
// Merging follows Heat's merge of `environment_files`: parameters and
// parameter_defaults per parameter (later wins, unless the environment asks
// for `merge`/`deep_merge` in parameter_merge_strategies); resource_registry
// per top-level key (later wins, a whole `resources:` section included; a
// null entry changes nothing).

import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import { parseHeatYaml } from "./heat-yaml.js";
import { pyStr } from "../../planner/expressions/functions/python-rendering.js";

export interface HotEnvironment {
  parameters: Record<string, unknown>;
  parameterDefaults: Record<string, unknown>;
  resourceRegistry: Record<string, unknown>;
  /** `encrypted_param_names` as given (gantry encrypts nothing). */
  encryptedParamNames?: unknown[];
  /** `event_sinks` as given (ignored). */
  eventSinks?: unknown[];
  /** `parameter_merge_strategies`: parameter name (or `default`) → overwrite | merge | deep_merge. */
  parameterMergeStrategies?: Record<string, unknown>;
  /** Where values were written, for errors about them. */
  origins?: {
    parameters?: Record<string, Origin>;
    parameterDefaults?: Record<string, Origin>;
  };
  /** The file it was read from (merged: the last one). */
  file?: string;
}

export const ENVIRONMENT_SECTIONS = [
  "parameters",
  "resource_registry",
  "parameter_defaults",
  "encrypted_param_names",
  "event_sinks",
  "parameter_merge_strategies",
] as const;

export const HOOK_TYPES = ["pre-create", "pre-update", "pre-delete", "post-create", "post-update", "post-delete"];
export const RESTRICTED_ACTIONS = ["update", "replace"];
const MERGE_STRATEGIES = ["overwrite", "merge", "deep_merge"];

/** An environment with nothing in it. */
export function emptyEnvironment(): HotEnvironment {
  return { parameters: {}, parameterDefaults: {}, resourceRegistry: {} };
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Heat's check of a `hooks` or `restricted_actions` value; the error message when invalid. */
export function registryItemError(key: string, value: unknown): string | undefined {
  const allowed = key === "hooks" ? HOOK_TYPES : RESTRICTED_ACTIONS;
  const ok =
    typeof value === "string"
      ? allowed.includes(value)
      : Array.isArray(value) && value.every((v) => typeof v === "string" && allowed.includes(v));
  if (ok) return undefined;
  const types = `(${allowed.map((t) => `'${t}'`).join(", ")})`;
  return key === "hooks"
    ? `Invalid hook type "${pyStr(value)}" for resource breakpoint, acceptable hook types are: ${types}`
    : `Invalid restricted_action type "${pyStr(value)}" for resource, acceptable restricted_action types are: ${types}`;
}

function checkRegistry(
  registry: Record<string, unknown>,
  path: (string | number)[],
  originAt: (p: (string | number)[]) => Origin,
  bag: DiagnosticBag,
  hooks: Origin[],
): void {
  for (const [key, value] of Object.entries(registry)) {
    const at = [...path, key];
    if (key === "hooks" || key === "restricted_actions") {
      const err = registryItemError(key, value);
      if (err) bag.error(err, originAt(at));
      else if (key === "hooks") hooks.push(originAt(at));
      continue;
    }
    if (value === null || typeof value === "string") continue;
    if (isMap(value)) {
      checkRegistry(value, at, originAt, bag, hooks);
      continue;
    }
    bag.error(
      `Invalid resource_registry entry "${key}": expected a resource type, a template file name or a mapping`,
      originAt(at),
      "A resource_registry maps a type to another type (My::Type: OS::Heat::RandomString), to a template " +
        "(My::Type: my_type.yaml), or, under `resources:`, a resource name to such mappings.",
    );
  }
}

/** Read one environment. Errors (Heat's texts) go to `bag`, with the file, line and field. */
export function parseEnvironment(file: string, text: string, bag: DiagnosticBag): HotEnvironment {
  const env = emptyEnvironment();
  env.file = file;
  const y = parseHeatYaml(file, text);
  for (const e of y.errors) {
    bag.error(`invalid YAML in ${file} at line ${e.line}, column ${e.column}: ${e.message}`, {
      file,
      path: [],
      line: e.line,
      column: e.column,
    });
  }
  if (y.errors.length > 0 || y.value === null || y.value === undefined) return env;
  if (!isMap(y.value)) {
    bag.error("The environment is not a valid YAML mapping data type.", y.originAt([]));
    return env;
  }
  const doc = y.value;
  for (const [section, value] of Object.entries(doc)) {
    const at = y.originAt([section]);
    if (!(ENVIRONMENT_SECTIONS as readonly string[]).includes(section)) {
      bag.error(
        `environment has wrong section "${section}"`,
        at,
        `An environment's sections are ${ENVIRONMENT_SECTIONS.join(", ")}.`,
      );
      continue;
    }
    if (value === null || value === undefined) {
      bag.error(`environment has empty section "${section}"`, at);
      continue;
    }
    switch (section) {
      case "parameters":
      case "parameter_defaults": {
        if (!isMap(value)) {
          bag.error(`The ${section} section of an environment must be a mapping of parameter names to values`, at);
          break;
        }
        const origins: Record<string, Origin> = {};
        for (const k of Object.keys(value)) origins[k] = y.originAt([section, k]);
        env.origins ??= {};
        if (section === "parameters") {
          env.parameters = value;
          env.origins.parameters = origins;
        } else {
          env.parameterDefaults = value;
          env.origins.parameterDefaults = origins;
        }
        break;
      }
      case "resource_registry": {
        if (!isMap(value)) {
          bag.error("The resource_registry section of an environment must be a mapping", at);
          break;
        }
        const hooks: Origin[] = [];
        checkRegistry(value, ["resource_registry"], y.originAt, bag, hooks);
        if (hooks.length > 0) {
          bag.warning(
            "Breakpoint hooks are accepted and ignored",
            hooks[0],
            "gantry does not pause at hooks (pre-create, pre-update …): resources are created, updated and " +
              "deleted without stopping.",
          );
        }
        env.resourceRegistry = value;
        break;
      }
      case "event_sinks":
        if (!Array.isArray(value)) bag.error("The event_sinks section of an environment must be a list", at);
        else {
          env.eventSinks = value;
          if (value.length > 0) {
            bag.warning("event_sinks are ignored", at, "gantry does not send stack events to sinks (Zaqar queues).");
          }
        }
        break;
      case "encrypted_param_names":
        if (!Array.isArray(value)) bag.error("The encrypted_param_names section of an environment must be a list", at);
        else env.encryptedParamNames = value;
        break;
      case "parameter_merge_strategies":
        if (!isMap(value)) {
          bag.error("The parameter_merge_strategies section of an environment must be a mapping", at);
          break;
        }
        for (const [k, s] of Object.entries(value)) {
          if (typeof s !== "string" || !MERGE_STRATEGIES.includes(s)) {
            // Heat falls back to the environment's default strategy for an unknown one.
            bag.warning(
              `Unknown merge strategy ${JSON.stringify(pyStr(s))} for "${k}"; the default strategy applies`,
              y.originAt([section, k]),
              `Merge strategies are ${MERGE_STRATEGIES.join(", ")}.`,
            );
          }
        }
        env.parameterMergeStrategies = value;
        break;
    }
  }
  return env;
}

function strategyFor(strategies: Record<string, unknown>, key: string, available: Map<string, string>): string {
  const envDefault = strategies.default ?? "overwrite";
  const s = Object.hasOwn(strategies, key) ? strategies[key] : (available.get(key) ?? envDefault);
  if (typeof s === "string" && MERGE_STRATEGIES.includes(s)) return s;
  return typeof envDefault === "string" ? envDefault : "overwrite";
}

function mergeList(old: unknown, next: unknown): unknown {
  if (old === undefined || old === null || old === "" || (Array.isArray(old) && old.length === 0)) return next;
  if (Array.isArray(next)) return [...(Array.isArray(old) ? old : [old]), ...next];
  return `${pyStr(old)},${pyStr(next)}`;
}

function mergeMap(old: unknown, next: Record<string, unknown>, deep: boolean): Record<string, unknown> {
  if (!isMap(old) || Object.keys(old).length === 0) return next;
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(next)) {
    if (v === null || v === undefined) continue;
    if (!deep) out[k] = v;
    else if (isMap(v)) out[k] = isMap(out[k]) && Object.keys(out[k]).length > 0 ? mergeMap(out[k], v, true) : v;
    else if (Array.isArray(v)) out[k] = out[k] ? mergeList(out[k], v) : v;
    else if (typeof v === "string") out[k] = `${typeof out[k] === "string" ? out[k] : ""}${v}`;
    else out[k] = v;
  }
  return out;
}

export interface MergeOptions {
  /**
   * The template's parameters, name → HOT type (string, number, json, comma_delimited_list, boolean). When given,
   * Heat's rule applies: a parameter the template does not declare is ignored in every environment but the first
   * one that sets parameters, and `merge` strategies follow the type. Without it every parameter is kept.
   */
  parameterTypes?: Record<string, string>;
  /** Where conflicting or invalid merge strategies are reported (Heat's errors); without it they are not. */
  bag?: DiagnosticBag;
}

function mergeParameters(
  section: "parameters" | "parameterDefaults",
  old: Record<string, unknown>,
  next: HotEnvironment,
  available: Map<string, string>,
  opts: MergeOptions,
): Record<string, unknown> {
  const values = next[section];
  const types = opts.parameterTypes;
  const declared = (k: string) => !types || Object.hasOwn(types, k);
  const strategies = next.parameterMergeStrategies ?? {};
  const file = next.file ?? "";
  const origins = section === "parameters" ? next.origins?.parameters : next.origins?.parameterDefaults;
  const stratOf = new Map<string, string>();
  for (const [k, v] of Object.entries(values)) {
    if (!declared(k) || v === null || v === undefined) continue;
    const s = strategyFor(strategies, k, available);
    const known = available.get(k);
    if (known === undefined) available.set(k, s);
    else if (known !== s) {
      opts.bag?.error(
        `Conflicting merge strategy '${s}' for parameter '${k}' in file '${file}'.`,
        origins?.[k] ?? (file ? { file, path: [] } : undefined),
      );
    }
    stratOf.set(k, available.get(k) ?? s);
  }
  if (Object.keys(old).length === 0) return { ...values };
  const out: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(values)) {
    if (!declared(k) || v === null || v === undefined) continue;
    const s = stratOf.get(k) ?? "overwrite";
    if (s === "overwrite") {
      out[k] = v;
      continue;
    }
    const type = types?.[k] ?? guessType(v);
    let value = v;
    if (type === "json" && typeof value === "string") {
      try {
        value = value ? JSON.parse(value) : value;
      } catch (e) {
        opts.bag?.error(`Invalid parameter in environment ${(e as Error).message}.`, origins?.[k]);
        continue;
      }
    }
    if (type === "json") out[k] = isMap(value) ? mergeMap(out[k] ?? {}, value, s === "deep_merge") : value;
    else if (type === "comma_delimited_list") out[k] = mergeList(out[k], value);
    else if (type === "string") out[k] = `${typeof out[k] === "string" ? out[k] : ""}${pyStr(value)}`;
    else if (type === "number" && typeof value === "number") {
      out[k] = (typeof out[k] === "number" ? (out[k] as number) : 0) + value;
    } else {
      opts.bag?.error(
        `Invalid merge strategy '${s === "deep_merge" ? "merge" : s}' for parameter '${k}'.`,
        origins?.[k],
      );
    }
  }
  return out;
}

function guessType(v: unknown): string {
  if (Array.isArray(v)) return "comma_delimited_list";
  if (isMap(v)) return "json";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "boolean";
  return "string";
}

/** Several environments merged in the order given (later ones win), as Heat merges a stack's environment files. */
export function mergeEnvironments(envs: HotEnvironment[], opts: MergeOptions = {}): HotEnvironment {
  const out = emptyEnvironment();
  // One set of chosen strategies for both sections, as in Heat.
  const available = new Map<string, string>();
  const paramOrigins: Record<string, Origin> = {};
  const defaultOrigins: Record<string, Origin> = {};
  for (const env of envs) {
    out.parameters = mergeParameters("parameters", out.parameters, env, available, opts);
    out.parameterDefaults = mergeParameters("parameterDefaults", out.parameterDefaults, env, available, opts);
    for (const k of Object.keys(env.parameters)) {
      const o = env.origins?.parameters?.[k];
      if (o && Object.hasOwn(out.parameters, k)) paramOrigins[k] = o;
    }
    for (const k of Object.keys(env.parameterDefaults)) {
      const o = env.origins?.parameterDefaults?.[k];
      if (o && Object.hasOwn(out.parameterDefaults, k)) defaultOrigins[k] = o;
    }
    out.resourceRegistry = mergeMap(out.resourceRegistry, env.resourceRegistry, false);
    if (env.encryptedParamNames?.length) out.encryptedParamNames = env.encryptedParamNames;
    if (env.eventSinks?.length) out.eventSinks = env.eventSinks;
    if (env.file) out.file = env.file;
  }
  out.origins = { parameters: paramOrigins, parameterDefaults: defaultOrigins };
  return out;
}
