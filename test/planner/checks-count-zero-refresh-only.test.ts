// The checks of a plan as Terraform records them in two corners: a resource with conditions and count = 0 is listed
// with no instances and the status pass (an aggregate over no objects), and a refresh-only plan evaluates the check
// blocks against the refreshed state (a failed assertion a warning, the results in the plan's checks).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checksToJson } from "../../cli/checks-json.js";
import { configDir, makePlan, planAndApply, writeConfig } from "./harness.js";

const CONFIG = (count: number, want: string) => `
resource "gantry_noop" "gated" {
  count = ${count}
  input = "x"
  lifecycle {
    precondition {
      condition     = true
      error_message = "never"
    }
  }
}

resource "gantry_noop" "value" {
  input = "${want}"
}

check "value_is_a" {
  assert {
    condition     = gantry_noop.value.output == "a"
    error_message = "the value is \${gantry_noop.value.output}"
  }
}
`;

test("a resource with conditions and count = 0 is a checked object with no instances, passing", async () => {
  const dir = configDir({ "main.tf": CONFIG(0, "a") });
  const p = await makePlan(dir);
  const gated = p.checks?.find((c) => c.configAddress === "gantry_noop.gated");
  assert.ok(gated, JSON.stringify(p.checks));
  assert.is(gated!.status, "pass");
  assert.equal(gated!.instances, []);
  const json = checksToJson(p.checks!).find(
    (c) => (c.address as { to_display: string }).to_display === "gantry_noop.gated",
  );
  assert.equal(json, {
    address: { kind: "resource", mode: "managed", type: "gantry_noop", name: "gated", to_display: "gantry_noop.gated" },
    status: "pass",
  });
});

test("a refresh-only plan evaluates the check blocks against the refreshed state", async () => {
  const dir = configDir({ "main.tf": CONFIG(1, "a") });
  await planAndApply(dir);
  let p = await makePlan(dir, { mode: "refresh-only" });
  assert.equal(
    p.checks?.map((c) => [c.configAddress, c.status]),
    [["check.value_is_a", "pass"]],
  );
  assert.is(p.warnings.length, 0);
  // the recorded object says "b" now; the configuration is not what refresh-only looks at
  writeConfig(dir, { "main.tf": CONFIG(1, "b") });
  await planAndApply(dir);
  writeConfig(dir, { "main.tf": CONFIG(1, "a") });
  p = await makePlan(dir, { mode: "refresh-only" });
  const check = p.checks?.find((c) => c.configAddress === "check.value_is_a");
  assert.is(check?.status, "fail");
  assert.equal(check?.instances[0].problems, ["the value is b"]);
  assert.ok(
    p.warnings.some((w) => /the value is b/.test(`${w.summary} ${w.detail ?? ""}`)),
    JSON.stringify(p.warnings),
  );
});

test.run();
