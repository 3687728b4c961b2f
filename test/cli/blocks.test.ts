// Terraform's blocks besides resources from the command line: located errors and exit 1 where Terraform refuses
// (the state byte for byte as it was), warnings where it only warns, and `gantry import`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const tf = (doc: unknown) => JSON.stringify(doc, null, 2);
const base = { resource: { gantry_noop: { a: { input: 1 } } } };

function applied(): { dir: string; state: () => string } {
  const dir = tempConfig({ "main.tf.json": tf(base) });
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stderr);
  return { dir, state: () => readFileSync(join(dir, "gantry.tfstate"), "utf8") };
}

test("a failed precondition: exit 1, Terraform's summary, the user's message, located; state unchanged", () => {
  const { dir, state } = applied();
  const before = state();
  const cond = { condition: "${var.n > 0}", error_message: "n must be positive." };
  writeFileSync(
    join(dir, "main.tf.json"),
    tf({
      variable: { n: { default: 0 } },
      resource: { gantry_noop: { a: { input: 1, lifecycle: { precondition: cond } } } },
    }),
  );
  for (const cmd of [
    ["plan", dir],
    ["apply", "-auto-approve", dir],
  ]) {
    const r = gantry(cmd);
    assert.is(r.code, 1, r.stdout);
    assert.match(r.stderr, /Error: Resource precondition failed/);
    assert.match(r.stderr, /on main\.tf\.json line \d+/);
    assert.match(r.stderr, /n must be positive\./);
  }
  assert.is(state(), before);
});

test("an output's precondition known only after apply is checked then: exit 1, located, output not recorded", () => {
  const dir = tempConfig({
    "main.tf":
      'resource "gantry_noop" "a" {\n  input = 1\n}\n' +
      'output "o" {\n  value = gantry_noop.a.id\n  precondition {\n' +
      '    condition     = gantry_noop.a.id == "x"\n    error_message = "id is not x."\n  }\n}\n' +
      'output "p" {\n  value = 2\n}\n',
  });
  const planned = gantry(["plan", dir]);
  assert.is(planned.code, 0, planned.stderr);
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stderr, /Error: Module output value precondition failed/);
  assert.match(
    r.stderr,
    /on main\.tf line 7, column \d+, in output "o":\n\s*7: {5}condition {5}= gantry_noop\.a\.id == "x"/,
  );
  assert.match(r.stderr, /id is not x\./);
  // the resource is created (Terraform keeps it); the refused output is not recorded, the other one is
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
  assert.equal(Object.keys(state.outputs), ["p"]);
  assert.match(gantry(["state", "list", "-dir", dir]).stdout, /^gantry_noop\.a$/m);
  const checks = JSON.parse(gantry(["show", "-json", dir]).stdout).checks;
  assert.equal(checks, [
    {
      address: { kind: "output_value", name: "o", to_display: "output.o" },
      status: "fail",
      instances: [{ address: { to_display: "output.o" }, status: "fail", problems: [{ message: "id is not x." }] }],
    },
  ]);
});

test("a module output's precondition known only after apply is checked then: exit 1, located in the module", () => {
  const dir = tempConfig({ "main.tf": 'module "m" {\n  source = "./m"\n}\n' });
  mkdirSync(join(dir, "m"));
  writeFileSync(
    join(dir, "m", "main.tf"),
    'resource "gantry_noop" "a" {\n  input = 1\n}\noutput "o" {\n  value = gantry_noop.a.id\n  precondition {\n' +
      '    condition     = gantry_noop.a.id == "x"\n    error_message = "id is ${gantry_noop.a.id}."\n  }\n}\n',
  );
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stderr, /Error: Module output value precondition failed/);
  assert.match(r.stderr, /on m\/main\.tf line 7, column \d+, in output "o":/);
  assert.match(r.stderr, /id is [0-9a-f-]{36}\./);
  const checks = JSON.parse(gantry(["show", "-json", dir]).stdout).checks;
  assert.equal(
    checks.map((c: { address: { to_display: string }; status: string }) => [c.address.to_display, c.status]),
    [["module.m.output.o", "fail"]],
  );
});

test("a failed check assertion is a warning: exit 0, the change is applied", () => {
  const { dir } = applied();
  const check = { c: { assert: { condition: "${gantry_noop.a.output == 2}", error_message: "output is not 2." } } };
  writeFileSync(join(dir, "main.tf.json"), tf({ ...base, check }));
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /Warning: Check block assertion failed/);
  assert.match(r.stderr, /output is not 2\./);
});

test("plan -json and show -json of a saved plan: Terraform's checks section, unknown assertions warn", () => {
  const dir = tempConfig({
    "main.tf.json": tf({
      variable: { n: { default: 2, validation: { condition: "${var.n > 0}", error_message: "n > 0" } } },
      resource: {
        gantry_noop: {
          a: {
            count: 2,
            input: "${var.n}",
            lifecycle: { precondition: { condition: "${var.n > 1}", error_message: "n > 1" } },
          },
        },
      },
      output: { o: { value: 1, precondition: { condition: true, error_message: "never" } } },
      check: {
        bad: { assert: { condition: "${var.n == 3}", error_message: "n is not 3." } },
        later: { assert: { condition: '${gantry_noop.a[0].id == "x"}', error_message: "id is not x." } },
      },
    }),
  });
  const r = gantry(["plan", "-json", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /Warning: Check block assertion known after apply/);
  assert.match(r.stderr, /a result will be known when this plan is applied/);
  const expected = [
    {
      address: { kind: "check", name: "bad", to_display: "check.bad" },
      status: "fail",
      instances: [{ address: { to_display: "check.bad" }, status: "fail", problems: [{ message: "n is not 3." }] }],
    },
    {
      address: { kind: "check", name: "later", to_display: "check.later" },
      status: "unknown",
      instances: [{ address: { to_display: "check.later" }, status: "unknown" }],
    },
    {
      address: { kind: "resource", mode: "managed", type: "gantry_noop", name: "a", to_display: "gantry_noop.a" },
      status: "pass",
      instances: [
        { address: { to_display: "gantry_noop.a[0]", instance_key: 0 }, status: "pass" },
        { address: { to_display: "gantry_noop.a[1]", instance_key: 1 }, status: "pass" },
      ],
    },
    {
      address: { kind: "output_value", name: "o", to_display: "output.o" },
      status: "pass",
      instances: [{ address: { to_display: "output.o" }, status: "pass" }],
    },
    {
      address: { kind: "var", name: "n", to_display: "var.n" },
      status: "pass",
      instances: [{ address: { to_display: "var.n" }, status: "pass" }],
    },
  ];
  assert.equal(JSON.parse(r.stdout).checks, expected);
  const planFile = join(dir, "saved.plan");
  assert.is(gantry(["plan", "-out", planFile, dir]).code, 0);
  const shown = gantry(["show", "-json", planFile]);
  assert.is(shown.code, 0, shown.stderr);
  assert.equal(JSON.parse(shown.stdout).checks, expected);
  // after apply, the state holds the results, the assertion unknown at plan decided: show -json lists them
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  const state = gantry(["show", "-json", dir]);
  assert.is(state.code, 0, state.stderr);
  const later = {
    ...expected[1],
    status: "fail",
    instances: [{ address: { to_display: "check.later" }, status: "fail", problems: [{ message: "id is not x." }] }],
  };
  assert.equal(JSON.parse(state.stdout).checks, [expected[0], later, ...expected.slice(2)]);
  // a destroy leaves no results behind
  assert.is(gantry(["destroy", "-auto-approve", dir]).code, 0);
  assert.is(JSON.parse(gantry(["show", "-json", dir]).stdout).checks, undefined);
});

test("apply -refresh-only sets the state's check results to its plan's, none when no check block is left", () => {
  const check = { c: { assert: { condition: "${gantry_noop.a.output == 1}", error_message: "output is not 1." } } };
  const dir = tempConfig({ "main.tf.json": tf({ ...base, check }) });
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  const checksShown = () => JSON.parse(gantry(["show", "-json", dir]).stdout).checks;
  assert.equal(
    checksShown()?.map((c: { address: { to_display: string } }) => c.address.to_display),
    ["check.c"],
  );
  // the check block removed: Terraform's apply -refresh-only records the plan's check results, here none
  writeFileSync(join(dir, "main.tf.json"), tf(base));
  const r = gantry(["apply", "-refresh-only", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.is(checksShown(), undefined);
  assert.not.match(readFileSync(join(dir, "gantry.tfstate"), "utf8"), /check_results/);
});

test("moved: the plan shows the move, apply records it; a cycle is refused with exit 1 and the state unchanged", () => {
  const { dir, state } = applied();
  writeFileSync(
    join(dir, "main.tf.json"),
    tf({ resource: { gantry_noop: { b: { input: 1 } } }, moved: { from: "gantry_noop.a", to: "gantry_noop.b" } }),
  );
  let r = gantry(["plan", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /# gantry_noop\.a has moved to gantry_noop\.b/);
  r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(gantry(["state", "list", "-dir", dir]).stdout, /^gantry_noop\.b$/m);
  const before = state();
  writeFileSync(
    join(dir, "main.tf.json"),
    tf({
      resource: { gantry_noop: { b: { input: 1 } } },
      moved: [
        { from: "gantry_noop.b", to: "gantry_noop.c" },
        { from: "gantry_noop.c", to: "gantry_noop.b" },
      ],
    }),
  );
  r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stderr, /Error: Cyclic dependency in move statements/);
  assert.is(state(), before);
});

test("gantry import ADDRESS ID records the object; again, or into a type without import: exit 1", () => {
  const dir = tempConfig({
    "main.tf.json": tf({ resource: { terraform_data: { d: { input: "x" } }, null_resource: { n: {} } } }),
  });
  let r = gantry(["import", "-dir", dir, "terraform_data.d", "my-id"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Import successful!/);
  const state = () => readFileSync(join(dir, "gantry.tfstate"), "utf8");
  assert.match(state(), /"id":"my-id"/);
  const before = state();
  r = gantry(["import", "-dir", dir, "terraform_data.d", "other"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /Resource already managed by gantry/);
  r = gantry(["import", "-dir", dir, "null_resource.n", "1"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /Resource Import Not Implemented/);
  assert.match(r.stderr, /"null_resource" does not support import/);
  r = gantry(["import", "-dir", dir, "terraform_data.nope", "1"]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /Configuration for import target does not exist/);
  assert.is(state(), before);
  r = gantry(["plan", dir]);
  assert.match(r.stdout, /# terraform_data\.d will be updated in-place/);
});

test.run();
