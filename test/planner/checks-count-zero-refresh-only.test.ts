// The checks of a plan as Terraform records them in two corners: a resource with conditions and count = 0 is listed
// with no instances and the status pass (an aggregate over no objects), and a refresh-only plan evaluates the check
// blocks against the refreshed state (a failed assertion a warning, the results in the plan's checks), and its
// apply records those results in the state (Terraform's apply -refresh-only sets the state's check results to the
// plan's). What has conditions in a module called with count = 0 is listed too, with no instances and the status
// pass: Terraform reports every configuration object's instances, here none, for each module call (states.go sums
// no statuses up as a pass).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checksToJson } from "../../cli/checks-json.js";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { configDir, loadStateAt, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";

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

test("apply -refresh-only records the check blocks' results of its plan in the state", async () => {
  const config = (want: string) => `
variable "want" {
  default = "${want}"
}
resource "gantry_noop" "value" {
  input = "a"
}
check "value_is_wanted" {
  assert {
    condition     = gantry_noop.value.output == var.want
    error_message = "the value is \${gantry_noop.value.output}, not \${var.want}"
  }
}
`;
  const dir = configDir({ "main.tf": config("a") });
  await planAndApply(dir);
  assert.equal(
    loadStateAt(dir).checks?.map((c) => [c.configAddress, c.status]),
    [["check.value_is_wanted", "pass"]],
  );
  writeConfig(dir, { "main.tf": config("z") });
  const { plan } = await planAndApply(dir, { mode: "refresh-only" });
  assert.is(plan.changes.filter((c) => c.action !== "noop").length, 0);
  const recorded = loadStateAt(dir).checks?.find((c) => c.configAddress === "check.value_is_wanted");
  assert.is(recorded?.status, "fail");
  assert.equal(recorded?.instances[0].problems, ["the value is a, not z"]);
  assert.match(readFileSync(statePath(dir), "utf8"), /the value is a, not z/);
  // and again with the value wanted: the state's results follow
  writeConfig(dir, { "main.tf": config("a") });
  await planAndApply(dir, { mode: "refresh-only" });
  assert.is(loadStateAt(dir).checks?.find((c) => c.configAddress === "check.value_is_wanted")?.status, "pass");
});

test("conditions in a module called with count = 0 are listed with no instances, passing (nested too)", async () => {
  const module = `
resource "gantry_noop" "r" {
  input = "x"
  lifecycle {
    postcondition {
      condition     = self.input == "x"
      error_message = "never"
    }
  }
}
resource "gantry_noop" "plain" {
  input = "y"
}
check "c" {
  assert {
    condition     = true
    error_message = "never"
  }
}
variable "v" {
  default = "x"
  validation {
    condition     = var.v != ""
    error_message = "never"
  }
}
output "o" {
  value = gantry_noop.plain.input
  precondition {
    condition     = gantry_noop.plain.input == "y"
    error_message = "never"
  }
}
`;
  const dir = configDir({
    "main.tf": `
module "none" {
  source = "./m"
  count  = 0
}
module "one" {
  source = "./m"
}
`,
  });
  mkdirSync(join(dir, "m", "inner"), { recursive: true });
  writeConfig(join(dir, "m"), { "main.tf": `${module}module "inner" {\n  source = "./inner"\n}\n` });
  writeConfig(join(dir, "m", "inner"), { "main.tf": module });
  const p = await makePlan(dir);
  const listed = (p.checks ?? []).map((c) => [c.configAddress, c.status, c.instances.length]);
  assert.equal(listed, [
    ["module.none.check.c", "pass", 0],
    ["module.none.gantry_noop.r", "pass", 0],
    ["module.none.module.inner.check.c", "pass", 0],
    ["module.none.module.inner.gantry_noop.r", "pass", 0],
    ["module.none.module.inner.output.o", "pass", 0],
    ["module.none.module.inner.var.v", "pass", 0],
    ["module.none.output.o", "pass", 0],
    ["module.none.var.v", "pass", 0],
    ["module.one.check.c", "pass", 1],
    ["module.one.gantry_noop.r", "pass", 1],
    ["module.one.module.inner.check.c", "pass", 1],
    ["module.one.module.inner.gantry_noop.r", "pass", 1],
    ["module.one.module.inner.output.o", "pass", 1],
    ["module.one.module.inner.var.v", "pass", 1],
    ["module.one.output.o", "pass", 1],
    ["module.one.var.v", "pass", 1],
  ]);
  const json = checksToJson(p.checks!).find(
    (c) => (c.address as { to_display: string }).to_display === "module.none.module.inner.gantry_noop.r",
  );
  assert.equal(json, {
    address: {
      kind: "resource",
      mode: "managed",
      type: "gantry_noop",
      name: "r",
      module: "module.none.module.inner",
      to_display: "module.none.module.inner.gantry_noop.r",
    },
    status: "pass",
  });
});

test("a module variable's validation is listed: pass when its value is known, unknown until then", async () => {
  const dir = configDir({
    "main.tf": `
resource "gantry_noop" "later" {
  input = "x"
}
module "known" {
  source = "./m"
  v      = "a"
}
module "later" {
  source = "./m"
  v      = gantry_noop.later.id
}
`,
  });
  mkdirSync(join(dir, "m"));
  writeConfig(join(dir, "m"), {
    "main.tf": 'variable "v" {\n  validation {\n    condition     = var.v != ""\n    error_message = "empty"\n  }\n}\n',
  });
  const p = await makePlan(dir);
  assert.equal(
    (p.checks ?? []).map((c) => [c.configAddress, c.status]),
    [
      ["module.known.var.v", "pass"],
      ["module.later.var.v", "unknown"],
    ],
  );
});

test.run();
