// The environments of a Heat API request (stack create, update, preview,
// template validate), in the order they merge, taken as Heat takes them
// (heat/api/openstack/v1/stacks.py InstantiationData.environment and
// heat/common/environment_util.py merge_environments):
//
// - without `environment_files`: the request's `environment`, its
//   `parameters` set over the environment's (one environment);
// - with `environment_files`: the request's `environment` is NOT used (the
//   client sends it merged already); the request's `parameters` come first,
//   then each named file of `files` in order, so that a file's value for a
//   declared parameter wins over the request's `parameters`.
//
// The result goes to HotSources.environments (templates/hot/hot-sources.ts),
// with HotSources.parameters left out.

import { ENVIRONMENT_SECTIONS } from "./environment.js";
import { parseHeatYaml } from "./heat-yaml.js";

export interface HeatEnvironmentRequest {
  /** The request's `environment`: a mapping or its YAML/JSON text. */
  environment?: string | Record<string, unknown> | null;
  /** The request's `parameters`. */
  parameters?: Record<string, unknown> | null;
  /** The request's `environment_files`: names in `files`, in order. */
  environmentFiles?: string[] | null;
  files?: Record<string, string> | null;
}

/**
 * What is wrong with an environment as Heat's API checks it (its text for "Environment not in valid format: …",
 * a 400), or undefined.
 */
export function environmentFormatError(env: unknown): string | undefined {
  let value = env;
  if (typeof env === "string") {
    const y = parseHeatYaml("environment", env);
    if (y.errors.length > 0) return y.errors[0].message;
    value = y.value ?? {};
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    return "The environment is not a valid YAML mapping data type.";
  for (const [k, v] of Object.entries(value)) {
    if (!(ENVIRONMENT_SECTIONS as readonly string[]).includes(k)) return `environment has wrong section "${k}"`;
    if (v === null || v === undefined) return `environment has empty section "${k}"`;
  }
  return undefined;
}

/** The request's environments in the order they merge (texts or mappings); a missing environment file is named. */
export function requestEnvironments(req: HeatEnvironmentRequest): {
  environments: (string | Record<string, unknown>)[];
  /** Environment files named in `environment_files` that `files` does not hold. */
  missingFiles: string[];
} {
  const params = req.parameters ?? {};
  const hasParams = Object.keys(params).length > 0;
  const names = req.environmentFiles ?? [];
  if (names.length > 0) {
    const files = req.files ?? {};
    const missingFiles = names.filter((n) => !Object.hasOwn(files, n));
    return {
      environments: [
        ...(hasParams ? [{ parameters: { ...params } }] : []),
        ...names.filter((n) => Object.hasOwn(files, n)).map((n) => files[n]),
      ],
      missingFiles,
    };
  }
  const env = req.environment;
  if (env === undefined || env === null)
    return { environments: hasParams ? [{ parameters: { ...params } }] : [], missingFiles: [] };
  if (!hasParams) return { environments: [env], missingFiles: [] };
  let value: unknown = env;
  if (typeof env === "string") {
    const y = parseHeatYaml("environment", env);
    // A text that does not read is given as it is: reading it reports the error.
    if (y.errors.length > 0) return { environments: [env], missingFiles: [] };
    value = y.value ?? {};
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { environments: [env], missingFiles: [] };
  const merged = { ...(value as Record<string, unknown>) };
  const own = merged.parameters;
  merged.parameters = {
    ...(own !== null && typeof own === "object" && !Array.isArray(own) ? (own as Record<string, unknown>) : {}),
    ...params,
  };
  return { environments: [merged], missingFiles: [] };
}
