// remote-exec and file provisioners with Terraform's connection blocks, run
// against testbed hosts (network namespaces with their own sshd): HCL and
// tf.json, self.* in the connection, a non-root user, scripts, a directory,
// a bastion, destroy-time provisioners, on_failure, and host keys checked.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { ApplyEvent } from "../../planner/apply.js";
import { actions, configDir, loadStateAt, makePlan, planAndApply } from "../planner/harness.js";
import { Testbed } from "./testbed.js";

const skip = Testbed.unavailable();
const bed = new Testbed("gtsp", 77);
const it = skip ? test.skip : test;
if (skip) console.log(skip);
const savedHome = process.env.HOME;

test.before(() => {
  // ~/.ssh/known_hosts is where a connection without host_key is checked: an empty home of the test's own
  process.env.HOME = mkdtempSync(join(tmpdir(), "gantry-home-"));
  if (!skip) bed.fresh(2);
});

test.after(() => {
  process.env.HOME = savedHome;
  if (!skip) bed.down();
});

const hostKeyFile = (i: number) => join(bed.hosts[i - 1]!.dir, "etc/ssh/ssh_host_ed25519_key.pub");
/** A file of host i as this machine sees it (its /etc, /var, /srv, /root are directories of the testbed). */
const onHost = (i: number, path: string) => join(bed.hosts[i - 1]!.dir, path);

/** Applies (or destroys), collecting the provisioners' output lines and the failures. */
async function applyCollecting(dir: string, mode?: "destroy") {
  const events: ApplyEvent[] = [];
  const { result, plan } = await planAndApply(dir, { mode, onEvent: (e) => events.push(e) });
  const output = events.flatMap((e) =>
    e.kind === "provision-output" ? e.output.split("\n").map((l) => `${e.provisioner}: ${l}`) : [],
  );
  return { result, plan, output, state: loadStateAt(dir) };
}

it("HCL: file and remote-exec (inline, script) as a non-root user, self in the connection", async () => {
  const h1 = bed.hosts[0]!;
  const dir = configDir({
    "main.tf": `
resource "null_resource" "web" {
  triggers = { host = "${h1.address}" }

  connection {
    type        = "ssh"
    host        = self.triggers.host
    user        = "operator"
    private_key = file("${bed.keyFile}")
    host_key    = file("${hostKeyFile(1)}")
  }

  provisioner "file" {
    content     = "hello from \${self.id}\\n"
    destination = "/var/lib/operator/greeting"
  }
  provisioner "file" {
    source      = "site"
    destination = "/var/lib/operator"
  }
  provisioner "remote-exec" {
    inline = [
      "cat ~/greeting > ~/seen",
      "id -un >> ~/seen",
      "echo on $(cat /etc/testbed-host)",
    ]
  }
  provisioner "remote-exec" {
    script = "setup.sh"
  }
  provisioner "remote-exec" {
    when   = destroy
    inline = ["echo destroyed \${self.id} > ~/destroyed"]
  }
}
`,
    "setup.sh": '#!/bin/bash\nset -e\nls ~/site > ~/listing\necho "script ran as $(id -un)"\n',
  });
  mkdirSync(join(dir, "site/css"), { recursive: true });
  writeFileSync(join(dir, "site/index.html"), "<p>hi</p>\n");
  chmodSync(join(dir, "site/index.html"), 0o640);
  writeFileSync(join(dir, "site/css/main.css"), "p {}\n");

  const { result, output, state } = await applyCollecting(dir);
  assert.equal(result.failed, []);
  const id = String(state.instances.get("null_resource.web")!.attributes.id);
  assert.is(readFileSync(onHost(1, "var/lib/operator/seen"), "utf8"), `hello from ${id}\noperator\n`);
  assert.is(readFileSync(onHost(1, "var/lib/operator/site/index.html"), "utf8"), "<p>hi</p>\n");
  assert.is(statSync(onHost(1, "var/lib/operator/site/index.html")).mode & 0o777, 0o640, "permission bits kept");
  assert.is(readFileSync(onHost(1, "var/lib/operator/site/css/main.css"), "utf8"), "p {}\n");
  assert.is(statSync(onHost(1, "var/lib/operator/greeting")).uid, 1500, "written as the connection's user");
  assert.is(readFileSync(onHost(1, "var/lib/operator/listing"), "utf8"), "css\nindex.html\n");
  // Terraform's connection lines, then the commands' own output as it came
  assert.ok(output.includes("remote-exec: Connecting to remote host via SSH..."), output.join("\n"));
  assert.ok(output.includes(`remote-exec:   Host: ${h1.address}:22`));
  assert.ok(output.includes("remote-exec:   User: operator"));
  assert.ok(output.includes("remote-exec: Connected!"));
  assert.ok(output.includes(`remote-exec: on ${h1.namespace}`), output.join("\n"));
  assert.ok(output.includes("remote-exec: script ran as operator"));
  assert.ok(output.includes("file: Connected!"));

  assert.equal(actions(await makePlan(dir)), { "null_resource.web": "noop" }, "no change after the apply");

  await applyCollecting(dir, "destroy");
  assert.is(readFileSync(onHost(1, "var/lib/operator/destroyed"), "utf8"), `destroyed ${id}\n`);
  assert.equal([...loadStateAt(dir).instances.keys()], []);
});

it("tf.json: through a bastion, as root; a failing script taints, on_failure = continue does not", async () => {
  const [h1, h2] = bed.hosts;
  const connection = {
    host: h2!.address,
    private_key: `\${file("${bed.keyFile}")}`,
    host_key: `\${file("${hostKeyFile(2)}")}`,
    bastion_host: h1!.address,
    bastion_host_key: `\${file("${hostKeyFile(1)}")}`,
  };
  const dir = configDir({
    "main.tf.json": JSON.stringify({
      resource: {
        null_resource: {
          via: {
            connection,
            provisioner: [{ "remote-exec": { inline: ["cat /etc/testbed-host > /root/via-bastion"] } }],
          },
          bad: {
            connection,
            provisioner: [
              { "remote-exec": { inline: ["echo about to fail", "exit 3"] } },
              { "remote-exec": { inline: ["touch /root/never"] } },
            ],
          },
          tolerant: {
            connection,
            provisioner: [
              { "remote-exec": { inline: ["exit 4"], on_failure: "continue" } },
              { "remote-exec": { inline: ["touch /root/after-continue"] } },
            ],
          },
        },
      },
    }),
  });
  const { result, output, state } = await applyCollecting(dir);
  assert.is(readFileSync(onHost(2, "root/via-bastion"), "utf8"), `${h2!.namespace}\n`);
  assert.ok(output.includes("remote-exec: Using configured bastion host..."));
  assert.equal(
    result.failed.map((f) => f.address),
    ["null_resource.bad"],
  );
  assert.match(
    result.failed[0]!.error,
    /^remote-exec provisioner error: error executing "\/tmp\/terraform_\d+\.sh": Process exited with status 3$/,
  );
  assert.ok(output.includes("remote-exec: about to fail"));
  assert.is(state.instances.get("null_resource.bad")!.status, "tainted");
  assert.not.ok(statSafe(onHost(2, "root/never")), "the provisioner after the failing one did not run");
  assert.ok(statSafe(onHost(2, "root/after-continue")), "on_failure = continue went on");
  assert.is(state.instances.get("null_resource.tolerant")!.status, undefined);
});

it("host keys: a key other than host_key is refused, so is a host not in ~/.ssh/known_hosts", async () => {
  const h1 = bed.hosts[0]!;
  const resource = (extra: string) => `
resource "null_resource" "x" {
  connection {
    host        = "${h1.address}"
    private_key = file("${bed.keyFile}")
    ${extra}
  }
  provisioner "remote-exec" {
    inline = ["touch /root/should-not-run"]
  }
}
`;
  const wrong = await applyCollecting(configDir({ "main.tf": resource(`host_key = file("${hostKeyFile(2)}")`) }));
  assert.match(wrong.result.failed[0]!.error, /host key CHANGED: 10\.213\.77\.11 now presents ssh-ed25519 SHA256:/);
  assert.match(wrong.result.failed[0]!.error, /the connection's host_key pins SHA256:/);
  const unknown = await applyCollecting(configDir({ "main.tf": resource("") }));
  assert.match(unknown.result.failed[0]!.error, /unknown host key: 10\.213\.77\.11 presents ssh-ed25519 SHA256:/);
  assert.match(unknown.result.failed[0]!.error, /known_hosts; .*give the connection's host_key/);
  assert.not.ok(statSafe(onHost(1, "root/should-not-run")));
});

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

test.run();
