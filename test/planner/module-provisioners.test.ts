// Provisioners of resources inside child modules: their arguments see the
// module's own variables, locals, resources and path.module (as the resource's
// arguments do), a nested module's too, and destroy-time ones run on destroy.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { ApplyEvent } from "../../planner/apply.js";
import { configDir, loadStateAt, planAndApply, writeConfig } from "./harness.js";

const CHILD = `
variable "word" {}
locals {
  shout = upper(var.word)
}
resource "null_resource" "first" {
  triggers = { w = var.word }
}
resource "null_resource" "x" {
  triggers = { first = null_resource.first.id }
  provisioner "local-exec" {
    command = "echo \${var.word} \${local.shout} \${null_resource.first.id} \${basename(path.module)} > \${var.out}"
  }
  provisioner "local-exec" {
    when    = destroy
    command = "echo bye \${self.triggers.first} > \${path.module}/bye.txt"
  }
}
variable "out" {}
`;

test("local-exec in a child module and in a nested one: variables, locals, resources, path.module", async () => {
  const dir = configDir({
    "main.tf": `
module "a" {
  source = "./child"
  word   = "hi"
  out    = "\${path.root}/a.txt"
}
module "outer" {
  source = "./outer"
}
`,
  });
  mkdirSync(join(dir, "child"));
  writeConfig(join(dir, "child"), { "main.tf": CHILD });
  mkdirSync(join(dir, "outer"));
  writeConfig(join(dir, "outer"), {
    "main.tf": `
module "inner" {
  source = "../child"
  word   = "deep"
  out    = "\${path.module}/inner.txt"
}
`,
  });
  const events: ApplyEvent[] = [];
  const { result } = await planAndApply(dir, { onEvent: (e) => events.push(e) });
  assert.equal(result.failed, []);
  const state = loadStateAt(dir);
  const first = String(state.instances.get("module.a.null_resource.first")!.attributes.id);
  assert.is(readFileSync(join(dir, "a.txt"), "utf8"), `hi HI ${first} child\n`);
  const deep = String(state.instances.get("module.outer.module.inner.null_resource.first")!.attributes.id);
  assert.is(readFileSync(join(dir, "outer/inner.txt"), "utf8"), `deep DEEP ${deep} child\n`);
  const started = events.filter((e) => e.kind === "provision-start").map((e) => e.address);
  assert.equal(started.sort(), ["module.a.null_resource.x", "module.outer.module.inner.null_resource.x"]);

  const destroyed = await planAndApply(dir, { mode: "destroy" });
  assert.equal(destroyed.result.failed, []);
  assert.is(readFileSync(join(dir, "child/bye.txt"), "utf8").startsWith("bye "), true);
  assert.equal([...loadStateAt(dir).instances.keys()], []);
});

test("a provisioner in a module naming a variable the module does not declare is an error naming it", async () => {
  const dir = configDir({ "main.tf": `module "a" {\n  source = "./m"\n}\n` });
  mkdirSync(join(dir, "m"));
  writeConfig(join(dir, "m"), {
    "main.tf": `
resource "null_resource" "x" {
  provisioner "local-exec" {
    command = "echo \${var.nope} > never.txt"
  }
}
`,
  });
  await planAndApply(dir).then(
    () => assert.unreachable("must fail"),
    (e: Error) => assert.match(e.message, /undeclared input variable "nope"/),
  );
  assert.not.ok(existsSync(join(dir, "never.txt")));
});

test.run();
