// timestamp() is unknown while planning and known at apply; plantimestamp() is the plan's own time.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN } from "../../../contract/values.js";
import { configDir, makePlan, planAndApply } from "../harness.js";

const CONFIG = {
  "main.gantry.yaml": `resources:
  noop.a:
    input:
      now: "\${timestamp()}"
      planned: "\${plantimestamp()}"
      year: '\${formatdate("YYYY", plantimestamp())}'
`,
};

test("while planning, timestamp() is unknown and plantimestamp() is known", async () => {
  const plan = await makePlan(configDir(CONFIG));
  const a = plan.changes.find((c) => /^(gantry_)?noop\.a$/.test(c.address))!;
  const input = a.after!.input as Record<string, unknown>;
  assert.is(input.now, UNKNOWN);
  assert.is(input.planned, plan.createdAt.replace(/\.\d+Z$/, "Z"));
  assert.is(input.year, plan.createdAt.slice(0, 4));
});

test("at apply, timestamp() is known", async () => {
  const { state } = await planAndApply(configDir(CONFIG));
  const [instance] = [...state.instances.values()];
  const input = instance.attributes.input as Record<string, string>;
  assert.match(input.now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.match(input.planned, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.ok(input.now >= input.planned);
});

test.run();
