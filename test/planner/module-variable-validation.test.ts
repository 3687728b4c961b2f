// A module's variables are checked (type, nullable, validation rules) for every call, whether or not anything in the
// module uses them, as Terraform evaluates each module variable in its plan; the error names the module call, the
// variable and where the rule is declared, and points at the value given in the call.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GantryError } from "../../contract/diagnostics.js";
import { configDir, makePlan } from "./harness.js";

const MODULE = `
variable "port" {
  type = number
  validation {
    condition     = var.port > 1024
    error_message = "The port must be above 1024."
  }
}

resource "gantry_noop" "unrelated" {
  input = "nothing here reads var.port"
}
`;

async function planError(dir: string): Promise<GantryError> {
  return makePlan(dir).then(
    () => assert.unreachable("the plan must fail") as never,
    (e: GantryError) => {
      assert.ok(e.diagnostics, String(e));
      return e;
    },
  );
}

test("a rule of a variable nothing in the module uses still runs, naming call, variable and line", async () => {
  const dir = configDir({
    "main.tf": `module "web" {\n  source = "./mod"\n  port   = 80\n}\n`,
    "mod/main.tf": MODULE,
  });
  const e = await planError(dir);
  const d = e.diagnostics[0];
  assert.is(d.summary, "Invalid value for variable");
  assert.match(d.detail ?? "", /^The port must be above 1024\./);
  assert.match(d.detail ?? "", /module\.web\.var\.port at mod\/main\.tf:2,1\./);
  assert.is(d.origin?.file, "main.tf");
  assert.equal(d.origin?.path, ["module", "web", 0, "port"]);
});

test("each instance of a call with count is checked; a passing value plans", async () => {
  const dir = configDir({
    "main.tf": `module "web" {\n  source = "./mod"\n  count  = 2\n  port   = count.index == 0 ? 8080 : 22\n}\n`,
    "mod/main.tf": MODULE,
  });
  const e = await planError(dir);
  assert.is(e.diagnostics.length, 1);
  assert.match(e.diagnostics[0].detail ?? "", /module\.web\[1\]\.var\.port/);
  writeFileSync(join(dir, "main.tf"), `module "web" {\n  source = "./mod"\n  count  = 2\n  port   = 8080\n}\n`);
  const p = await makePlan(dir);
  assert.ok(p.changes.some((c) => c.address === "module.web[1].gantry_noop.unrelated"));
});

test("an unused variable given a value of the wrong type is refused too", async () => {
  const dir = configDir({
    "main.tf": `module "web" {\n  source = "./mod"\n  port   = "eighty"\n}\n`,
    "mod/main.tf": MODULE,
  });
  const e = await planError(dir);
  assert.is(e.diagnostics[0].summary, "Invalid value for input variable");
  assert.match(e.diagnostics[0].detail ?? "", /module\.web\.var\.port declared at mod\/main\.tf:2,1:/);
});

test.run();
