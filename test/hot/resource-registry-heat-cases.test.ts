// gantry's resource registry against Heat's own answers: every case of
// fixtures/heat-registry-cases.json holds environments (among them Heat's
// functional tests' peer environments), lookups of [resource name, type] and
// what Heat 19's code answered, recorded by record-heat-registry-cases.py.

import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../contract/diagnostics.js";
import { mergeEnvironments, parseEnvironment } from "../../templates/hot/environment.js";
import { lookupResourceType, resolveResourceType } from "../../templates/hot/resource-registry.js";

type Answer = { kind: string; heatType?: string; file?: string } | { error: string };
interface Case {
  name: string;
  environments: string[];
  lookups: [string, string][];
  heat: { known: string[]; answers: Answer[] };
}

const data = JSON.parse(readFileSync(new URL("./fixtures/heat-registry-cases.json", import.meta.url), "utf8")) as {
  cases: Case[];
};

for (const c of data.cases) {
  test(`Heat's answer: ${c.name}`, () => {
    const bag = new DiagnosticBag();
    const env = mergeEnvironments(c.environments.map((text, i) => parseEnvironment(`env-${i}.yaml`, text, bag)));
    assert.equal(
      bag.items.filter((d) => d.severity === "error"),
      [],
    );
    const known = new Set(["OS::Heat::None", ...c.heat.known]);
    for (const a of c.heat.answers) if ("heatType" in a && a.heatType) known.add(a.heatType);
    c.lookups.forEach(([name, type], i) => {
      const expected = c.heat.answers[i];
      const got = lookupResourceType(env, name, type, { isKnownType: (t) => known.has(t) });
      if ("error" in expected) {
        assert.is(got.kind, "notFound", `${name} ${type}`);
        // Heat overflows its stack on a mapping loop; gantry says the type cannot be found.
        if (!expected.error.startsWith("maximum recursion")) {
          assert.is(got.kind === "notFound" ? got.message : "", expected.error);
        }
        assert.equal(resolveResourceType(env, name, type, { isKnownType: (t) => known.has(t) }), {
          kind: "type",
          heatType: type,
        });
      } else assert.equal(got, expected, `${name} ${type}`);
    });
  });
}

test.run();
