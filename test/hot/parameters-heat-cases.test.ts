// gantry's HOT parameters against Heat's own answers: every case of
// fixtures/heat-parameter-cases.json holds a template, its environments and
// what Heat 19's code answered (first error, values, the validate answer's
// Parameters), recorded by record-heat-parameter-cases.py.

import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { PathNode } from "../../templates/raw-config.js";
import { mergeEnvironments, parseEnvironment } from "../../templates/hot/environment.js";
import { parseHeatYaml } from "../../templates/hot/heat-yaml.js";
import { validateParameterGroups } from "../../templates/hot/parameter-groups.js";
import { describeParameters, resolveParameters } from "../../templates/hot/parameters.js";

interface Case {
  name: string;
  template: string;
  environments: string[];
  strict: boolean;
  heat: { error: string | null; values?: Record<string, unknown>; describe?: Record<string, unknown> };
}

const data = JSON.parse(readFileSync(new URL("./fixtures/heat-parameter-cases.json", import.meta.url), "utf8")) as {
  cases: Case[];
};

/** Python writes inf and nan as strings in the recording. */
function plain(v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) return String(v).toLowerCase().replace("infinity", "inf");
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

for (const c of data.cases) {
  test(`Heat's answer: ${c.name}`, () => {
    const bag = new DiagnosticBag();
    const tmpl = parseHeatYaml("t.yaml", c.template).value as Record<string, unknown>;
    const section = tmpl.parameters as Record<string, unknown>;
    const parameterTypes: Record<string, string> = {};
    for (const [k, v] of Object.entries(section)) {
      const t = (v as Record<string, unknown> | null)?.type;
      if (typeof t === "string") parameterTypes[k] = t;
    }
    const envs = c.environments.map((text, i) => parseEnvironment(`env-${i}.yaml`, text, bag));
    const env = mergeEnvironments(envs, { parameterTypes, bag });
    const parameters = new PathNode("t.yaml", ["parameters"], section);
    const version = String(tmpl.heat_template_version);
    const values = resolveParameters("t.yaml", parameters, env, bag, { version, validateValues: c.strict });
    validateParameterGroups(new PathNode("t.yaml", ["parameter_groups"], tmpl.parameter_groups), parameters, bag);
    const errors = bag.items.filter((d) => d.severity === "error").map((d) => d.summary);
    assert.is(errors[0] ?? null, c.heat.error, `errors: ${JSON.stringify(errors)}`);
    if (c.heat.values) assert.equal(plain(Object.fromEntries(values)), c.heat.values);
    if (c.heat.describe) {
      assert.equal(plain(describeParameters("t.yaml", parameters, env, { version })), c.heat.describe);
    }
  });
}

test.run();
