// A HOT template run by the CLI: the outputs the Heat front end adds for the API's own use (each resource's
// metadata resolved, `metadata.NAME`) are kept in the state, marked internal, and never shown by apply, plan, show
// or output, in text or JSON.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry } from "./cli-harness.js";

const TEMPLATE = `heat_template_version: 2018-08-31
resources:
  a:
    type: OS::Heat::RandomString
    metadata: {k: {get_attr: [b, value]}}
  b:
    type: OS::Heat::Value
    properties: {value: hi}
outputs:
  v:
    value: {get_attr: [b, value]}
`;

test("metadata outputs are in the state, marked internal, and shown nowhere", () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-hot-outputs-"));
  writeFileSync(join(dir, "stack.hot.yaml"), TEMPLATE);
  const applied = gantry(["apply", "-auto-approve", "-no-color", dir]);
  assert.is(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /Outputs:\n+v = "hi"\n$/);
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
  assert.equal(state.outputs["metadata.a"], { value: { k: "hi" }, type: ["object", { k: "string" }], internal: true });
  const shown = [
    applied.stdout,
    gantry(["output", dir]).stdout,
    gantry(["output", "-json", dir]).stdout,
    gantry(["show", "-no-color", dir]).stdout,
    gantry(["show", "-json", dir]).stdout,
    gantry(["plan", "-no-color", dir]).stdout,
    gantry(["plan", "-json", dir]).stdout,
  ];
  for (const out of shown) {
    assert.not.match(out, /metadata\.a/, out);
  }
  assert.match(shown[1], /^v = "hi"$/m);
  assert.equal(Object.keys(JSON.parse(shown[2])), ["v"]);
  assert.equal(Object.keys(JSON.parse(shown[6]).output_changes), ["v"]);
});

test.run();
