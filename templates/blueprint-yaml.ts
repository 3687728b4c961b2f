// A blueprint written as a *.gantry.yaml file (what `gantry import bde` writes).

import { stringify } from "yaml";

/** The YAML text of a configuration holding one cluster resource, after a comment header. */
export function blueprintYaml(header: string, name: string, props: Record<string, unknown>): string {
  return header + stringify({ resources: { [`cluster.${name}`]: props } }, { lineWidth: 0 });
}
