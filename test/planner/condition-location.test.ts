// A failed condition is located where Terraform's diagnostic points: at the start of the condition's expression
// (`var.n > 0` in `condition = var.n > 0`), not at the `condition` key. In `.tf.json` an expression in a string
// starts inside the quotes.

import { test } from "uvu";
import * as assert from "uvu/assert";
import type { GantryError } from "../../contract/diagnostics.js";
import { locate } from "../../templates/locate.js";
import { configDir, makePlan } from "./harness.js";

async function located(files: Record<string, string>): Promise<[string, number, number] | undefined> {
  const dir = configDir(files);
  try {
    await makePlan(dir);
  } catch (e) {
    const d = (e as GantryError).diagnostics?.[0];
    if (!d?.origin) return undefined;
    const p = locate(d.origin, dir);
    return p && [d.summary, p.line, p.column];
  }
  return undefined;
}

test(".tf: a resource precondition, an output precondition and a check assertion at their expressions", async () => {
  assert.equal(
    await located({
      "main.tf":
        'variable "n" {\n  default = -1\n}\nresource "gantry_noop" "a" {\n  input = var.n\n  lifecycle {\n' +
        '    precondition {\n      condition     = var.n > 0\n      error_message = "n must be positive."\n' +
        "    }\n  }\n}\n",
    }),
    ["Resource precondition failed", 8, 23],
  );
  assert.equal(
    await located({
      "main.tf":
        'variable "n" {\n  default = -1\n}\noutput "o" {\n  value = var.n\n  precondition {\n' +
        '    condition = var.n > 0\n    error_message = "n must be positive."\n  }\n}\n',
    }),
    ["Module output value precondition failed", 7, 17],
  );
});

test(".tf.json: at the expression inside the condition's string", async () => {
  const doc = {
    variable: { n: { default: -1 } },
    resource: {
      gantry_noop: {
        a: {
          input: "${var.n}",
          lifecycle: { precondition: { condition: "${var.n > 0}", error_message: "n must be positive." } },
        },
      },
    },
  };
  const text = JSON.stringify(doc, null, 2);
  const line = text.split("\n").findIndex((l) => l.includes('"condition"')) + 1;
  const column = text.split("\n")[line - 1].indexOf('"${') + 2;
  assert.equal(await located({ "main.tf.json": text }), ["Resource precondition failed", line, column]);
});

test.run();
