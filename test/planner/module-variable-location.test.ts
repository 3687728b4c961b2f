// A module variable's declaration is located in its .tf file only when a message names it: locating loads the
// synchronous HCL parser (hcl2-parser, about 0.4 s of CPU), which a plan without such a message must not load.
// Its own file: the parser, once loaded by a message, stays loaded for the rest of the process.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createRequire } from "node:module";
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

resource "gantry_noop" "n" {
  input = var.port
}
`;

const parserLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("hcl2-parser"));

test("passing module values leave the HCL parser unloaded; a refused one names its line", async () => {
  const ok = configDir({
    "main.tf": `module "web" {\n  source = "./mod"\n  port   = 8080\n}\n`,
    "mod/main.tf": MODULE,
  });
  await makePlan(ok);
  assert.not.ok(parserLoaded(), "hcl2-parser was loaded by a plan that shows no message about a module variable");

  const refused = configDir({
    "main.tf": `module "web" {\n  source = "./mod"\n  port   = 80\n}\n`,
    "mod/main.tf": MODULE,
  });
  const e = await makePlan(refused).then(
    () => assert.unreachable("the plan must fail") as never,
    (err: GantryError) => err,
  );
  assert.match(e.diagnostics?.[0]?.detail ?? "", /module\.web\.var\.port at mod\/main\.tf:2,1\./);
});

test.run();
