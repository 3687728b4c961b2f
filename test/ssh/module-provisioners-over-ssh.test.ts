// Provisioners of a resource inside a child module, run against a testbed host
// (a network namespace with its own sshd): the connection block and the
// remote-exec and file provisioners take the module's variables, locals and
// path.module; destroy-time ones run on destroy (their connection names only
// self, as Terraform requires).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { configDir, loadStateAt, planAndApply, writeConfig } from "../planner/harness.js";
import { Testbed } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtom", 91);
const it = skip ? test.skip : test;
if (skip) console.log(skip);
const savedHome = process.env.HOME;

test.before(() => {
  process.env.HOME = mkdtempSync(join(tmpdir(), "gantry-home-"));
  if (!skip) bed.fresh(1);
});

test.after(() => {
  process.env.HOME = savedHome;
  if (!skip) bed.down();
});

const onHost = (path: string) => join(bed.hosts[0]!.dir, path);

it("a child module's resource: connection, file, remote-exec with the module's names; destroy-time too", async () => {
  const h1 = bed.hosts[0]!;
  const dir = configDir({
    "main.tf": `
module "web" {
  source  = "./web"
  address = "${h1.address}"
  key     = "${bed.keyFile}"
  hostkey = "${join(h1.dir, "etc/ssh/ssh_host_ed25519_key.pub")}"
  site    = "blue"
}
`,
  });
  mkdirSync(join(dir, "web"));
  writeConfig(join(dir, "web"), {
    "main.tf": `
variable "address" {}
variable "key" {}
variable "hostkey" {}
variable "site" {}
locals {
  target = "/srv/\${var.site}"
}
resource "null_resource" "deploy" {
  # a destroy-time provisioner, and so the connection, may name only self (as in Terraform)
  triggers = { site = var.site, address = var.address, key = var.key, hostkey = var.hostkey }
  connection {
    type        = "ssh"
    host        = self.triggers.address
    user        = "operator"
    private_key = file(self.triggers.key)
    host_key    = file(self.triggers.hostkey)
  }
  provisioner "file" {
    source      = "\${path.module}/index.html"
    destination = "/var/lib/operator/index.html"
  }
  provisioner "remote-exec" {
    inline = [
      "sudo mkdir -p \${local.target}",
      "sudo cp ~/index.html \${local.target}/index.html",
      "echo deployed \${var.site} on $(cat /etc/testbed-host)",
    ]
  }
  provisioner "remote-exec" {
    when   = destroy
    inline = ["echo gone \${self.triggers.site} > ~/destroyed"]
  }
}
`,
    "index.html": "<p>blue</p>\n",
  });
  const output: string[] = [];
  const { result } = await planAndApply(dir, {
    onEvent: (e) => {
      if (e.kind === "provision-output") output.push(...e.output.split("\n"));
    },
  });
  assert.equal(result.failed, []);
  assert.is(readFileSync(onHost("srv/blue/index.html"), "utf8"), "<p>blue</p>\n");
  assert.ok(output.includes(`deployed blue on ${h1.namespace}`), output.join("\n"));
  assert.ok(loadStateAt(dir).instances.has("module.web.null_resource.deploy"));

  const destroyed = await planAndApply(dir, { mode: "destroy" });
  assert.equal(destroyed.result.failed, []);
  assert.is(readFileSync(onHost("var/lib/operator/destroyed"), "utf8"), "gone blue\n");
  assert.equal([...loadStateAt(dir).instances.keys()], []);
  assert.ok(existsSync(onHost("srv/blue")), "the provisioners' own work stays, as in Terraform");
});

test.run();
