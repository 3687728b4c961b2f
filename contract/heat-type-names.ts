// Heat's resource type names and gantry's. A HOT template writes
// "OS::Heat::RandomString" or "Gantry::MarathonApp"; the registry, the model
// and the state name them as every other language does: the provider's name,
// "_", the type in snake case ("heat_random_string", "gantry_marathon_app").

const NAMESPACES: readonly [heat: string, provider: string][] = [
  ["OS::Heat::", "heat"],
  ["Gantry::", "gantry"],
];

/** "OS::Heat::RandomString" → "heat_random_string"; undefined for a name of no namespace gantry provides. */
export function modelTypeOfHeatType(heatType: string): string | undefined {
  for (const [prefix, provider] of NAMESPACES) {
    if (!heatType.startsWith(prefix)) continue;
    const rest = heatType.slice(prefix.length);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(rest)) return undefined;
    return `${provider}_${rest
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
      .toLowerCase()}`;
  }
  return undefined;
}

/** "heat_random_string" → "OS::Heat::RandomString"; undefined for a type of no provider Heat names. */
export function heatTypeOfModelType(modelType: string): string | undefined {
  for (const [prefix, provider] of NAMESPACES) {
    if (!modelType.startsWith(`${provider}_`)) continue;
    const words = modelType.slice(provider.length + 1).split("_");
    return prefix + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  }
  return undefined;
}

/**
 * Heat properties whose names the model keeps for meta-arguments ("count"), by model type: the attribute that holds
 * each instead (OS::Heat::WaitCondition's count is heat_wait_condition's signal_count).
 */
const RENAMED_PROPERTIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  heat_wait_condition: { count: "signal_count" },
};

/** The model attribute that holds Heat property `property` of a resource of `modelType`; undefined: not renamed. */
export function renamedHeatProperty(modelType: string | undefined, property: string): string | undefined {
  return modelType === undefined ? undefined : RENAMED_PROPERTIES[modelType]?.[property];
}
