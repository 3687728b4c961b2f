// The apply order through a resource that does not change, as Terraform has it: c depends on b, b on a; a and c
// are replaced, b is not. Terraform's apply graph keeps a node for every resource of the configuration, so c's
// create waits for a's, through b (Terraform 1.11: "terraform_data.c: Creating..." after a's 1-second
// provisioner is complete). Heat's convergence does the same (test/stacks/stack-update-order.test.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ApplyEvent } from "../../planner/apply.js";
import { actions, configDir, planAndApply } from "./harness.js";

const config = `
variable "gen" {
  default = "1"
}
resource "terraform_data" "a" {
  triggers_replace = var.gen
  provisioner "local-exec" {
    command = "sleep 1"
  }
}
resource "terraform_data" "b" {
  depends_on = [terraform_data.a]
  input      = "same"
}
resource "terraform_data" "c" {
  depends_on       = [terraform_data.b]
  triggers_replace = var.gen
}
`;

test("a replacement behind an unchanged resource is complete before its dependent starts", async () => {
  const dir = configDir({ "main.tf": config });
  await planAndApply(dir);
  const events: ApplyEvent[] = [];
  const { plan, result } = await planAndApply(dir, { vars: { gen: "2" }, onEvent: (e) => events.push(e) });
  assert.equal(result.failed, []);
  assert.equal(actions(plan), {
    "terraform_data.a": "replace",
    "terraform_data.b": "noop",
    "terraform_data.c": "replace",
  });
  const completed = (address: string) => events.findIndex((e) => e.kind === "complete" && e.address === address);
  // a replacement's phases start one by one (the change's own start is told at once)
  const creating = (address: string) =>
    events.findIndex((e) => e.kind === "start" && e.address === address && e.step === "create");
  assert.ok(completed("terraform_data.a") >= 0, "a was replaced");
  assert.ok(creating("terraform_data.c") >= 0, "c was created");
  assert.ok(
    completed("terraform_data.a") < creating("terraform_data.c"),
    `c starts after a is complete: ${events.map((e) => `${e.kind} ${e.address}`).join(", ")}`,
  );
});

test.run();
