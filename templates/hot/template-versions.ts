// HOT's template versions (`heat_template_version`), as Heat 19 registers
// them: the dates, the release names that alias some of them, and what each
// version allows at the top level and in a resource.

/** Release names Heat accepts for a version. */
export const HOT_VERSION_ALIASES: Readonly<Record<string, string>> = {
  newton: "2016-10-14",
  ocata: "2017-02-24",
  pike: "2017-09-01",
  queens: "2018-03-02",
  rocky: "2018-08-31",
  wallaby: "2021-04-16",
};

/** Every version date, oldest first. */
export const HOT_VERSIONS: readonly string[] = [
  "2013-05-23",
  "2014-10-16",
  "2015-04-30",
  "2015-10-15",
  "2016-04-08",
  "2016-10-14",
  "2017-02-24",
  "2017-09-01",
  "2018-03-02",
  "2018-08-31",
  "2021-04-16",
];

/** "wallaby" or "2021-04-16" → "2021-04-16"; undefined for a version Heat does not know. */
export function hotVersionDate(written: string): string | undefined {
  if (HOT_VERSIONS.includes(written)) return written;
  return Object.hasOwn(HOT_VERSION_ALIASES, written) ? HOT_VERSION_ALIASES[written] : undefined;
}

/** Heat's explanation for an unknown version: every accepted value, sorted as Heat lists them. */
export function unknownVersionMessage(written: string): string {
  const all = [...HOT_VERSIONS, ...Object.keys(HOT_VERSION_ALIASES)].sort();
  return (
    `The template version is invalid: "heat_template_version: ${written}". ` +
    `"heat_template_version" should be one of: ${all.join(", ")}`
  );
}

const NEWTON = "2016-10-14";

/** The top-level sections of a template of `version` (a date). */
export function templateSections(version: string): string[] {
  const base = ["heat_template_version", "description", "parameter_groups", "parameters", "resources", "outputs"];
  return version >= NEWTON ? [...base, "conditions"] : base;
}

/** The keys of a resource definition of `version`. */
export function resourceKeys(version: string): string[] {
  const base = ["type", "properties", "metadata", "depends_on", "deletion_policy", "update_policy", "description"];
  return version >= NEWTON ? [...base, "external_id", "condition"] : base;
}

/** The keys of an output definition of `version`. */
export function outputKeys(version: string): string[] {
  return version >= NEWTON ? ["description", "value", "condition"] : ["description", "value"];
}
