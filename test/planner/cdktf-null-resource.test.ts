// What @cdktf/provider-null synthesizes (a null_resource with local-exec
// provisioners, the null provider block and required_providers) plans and
// applies on gantry with no terraform binary.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { provider, resource } from "@cdktf/provider-null";
import { TerraformStack, Testing } from "cdktf";
import { configDir, planAndApply } from "./harness.js";

test("a CDKTF null_resource with provisioners applies and destroys", async () => {
  const stack = new TerraformStack(Testing.app(), "s");
  new provider.NullProvider(stack, "null");
  new resource.Resource(stack, "r", {
    triggers: { a: "1" },
    provisioners: [
      { type: "local-exec", command: "echo created ${self.triggers.a} >> log" },
      { type: "local-exec", command: "echo destroyed >> $OUT", when: "destroy", environment: { OUT: "log" } },
    ],
  });
  const dir = configDir({ "cdk.tf.json": Testing.synth(stack) });
  const { state } = await planAndApply(dir);
  assert.equal([...state.instances.keys()], ["null_resource.r"]);
  assert.is(readFileSync(join(dir, "log"), "utf8"), "created 1\n");
  await planAndApply(dir, { mode: "destroy" });
  assert.is(readFileSync(join(dir, "log"), "utf8"), "created 1\ndestroyed\n");
});

test.run();
