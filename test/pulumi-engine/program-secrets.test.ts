// A `secure:` stack config value end to end through the CLI: Pulumi.dev.yaml holds it encrypted by the passphrase
// secrets provider (as `pulumi config set --secret` writes it), PULUMI_CONFIG_PASSPHRASE opens it; the program reads
// it with requireSecret and exports it, and a dynamic provider's configure() receives it decrypted in the SDK's
// plugin process. `stack output` shows it as [secret], and in clear with --show-secrets (with the passphrase: gantry's
// record of the stack keeps it encrypted).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { INCORRECT_PASSPHRASE_DECRYPT } from "../../pulumi-engine/config/passphrase-crypter.js";
import { setStackConfigValue } from "../../pulumi-engine/config/stack-config-writer.js";
import { gantry } from "../cli/cli-harness.js";
import { programDir } from "./program-dir.js";

const PASSPHRASE = "correct horse battery staple";
const SECRET = "hunter2-${not-a-template}";

const program = (dir: string) => `
const pulumi = require("@pulumi/pulumi");
// configure() is given the stack's whole config, secrets decrypted; create() writes what it saw to a file
const provider = {
  async configure(req) {
    this.password = req.config.get("dbPassword");
  },
  async create(inputs) {
    require("fs").writeFileSync(inputs.path, String(this.password));
    return { id: inputs.path, outs: { path: inputs.path } };
  },
  async delete(id, props) {
    require("fs").rmSync(props.path, { force: true });
  },
};
class Seen extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(provider, name, args);
  }
}
const config = new pulumi.Config();
const password = config.requireSecret("dbPassword");
new Seen("seen", { path: ${JSON.stringify(join(dir, "seen.txt"))} });
exports.password = password;
exports.length = password.apply((p) => p.length);
exports.region = config.require("region");
`;

test("a secure: config value reaches the program and the dynamic provider, and stays a secret output", async () => {
  const dir = programDir("secrets", {});
  writeFileSync(join(dir, "index.js"), program(dir));
  const env = { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
  await setStackConfigValue({ dir, stack: "dev", key: "dbPassword", value: SECRET, secret: true, env });
  await setStackConfigValue({ dir, stack: "dev", key: "region", value: "eu-north-1" });
  const stackFile = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.match(stackFile, /^encryptionsalt: v1:/);
  assert.match(stackFile, /secrets:dbPassword:\n\s+secure: v1:/);
  assert.not.match(stackFile, "hunter2", "the stack file holds the secret encrypted");

  const wrong = gantry(["pulumi", "up", "--yes", dir], { env: { PULUMI_CONFIG_PASSPHRASE: "wrong" } });
  assert.is.not(wrong.code, 0, "a wrong passphrase does not open the secret");
  assert.match(wrong.stdout + wrong.stderr, INCORRECT_PASSPHRASE_DECRYPT);
  assert.not.ok(existsSync(join(dir, "seen.txt")), "nothing ran");

  const up = gantry(["pulumi", "up", "--yes", dir], { env });
  assert.is(up.code, 0, up.stderr + up.stdout);
  assert.match(up.stdout, "Resources:\n    + 2 created");
  assert.match(up.stdout, /password\s*: \[secret\]/);
  assert.not.match(up.stdout + up.stderr, "hunter2", "the secret is not printed");
  assert.is(readFileSync(join(dir, "seen.txt"), "utf8"), SECRET, "configure() received the secret decrypted");
  // gantry's record of the stack keeps its secrets encrypted with the stack's passphrase, as Pulumi's state does
  const stateFile = readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8");
  assert.not.match(stateFile, "hunter2", "the state holds the secret encrypted");
  assert.match(stateFile, /"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","ciphertext":"v1:/);

  // reading the outputs needs no passphrase
  const out = gantry(["pulumi", "stack", "output", "--json", dir]);
  assert.is(out.code, 0, out.stderr);
  assert.equal(JSON.parse(out.stdout), { length: "[secret]", password: "[secret]", region: "eu-north-1" });
  const table = gantry(["pulumi", "stack", "output", dir]);
  assert.match(table.stdout, /password\s+\[secret\]/);
  assert.not.match(table.stdout, "hunter2");
  const locked = gantry(["pulumi", "stack", "output", "--json", "--show-secrets", dir], {
    env: { PULUMI_CONFIG_PASSPHRASE: "wrong" },
  });
  assert.is(locked.code, 1, "showing the secrets needs the passphrase");
  assert.match(locked.stderr, INCORRECT_PASSPHRASE_DECRYPT);
  const shown = gantry(["pulumi", "stack", "output", "--json", "--show-secrets", dir], { env });
  assert.is(shown.code, 0, shown.stderr);
  assert.equal(JSON.parse(shown.stdout), { length: SECRET.length, password: SECRET, region: "eu-north-1" });
  const one = gantry(["pulumi", "stack", "output", "password", "--show-secrets", "-C", dir], { env });
  assert.is(one.stdout, `${SECRET}\n`);

  const again = gantry(["pulumi", "up", "--yes", dir], { env });
  assert.is(again.code, 0, again.stderr + again.stdout);
  assert.match(again.stdout, "Resources:\n    2 unchanged");

  const destroy = gantry(["pulumi", "destroy", "--yes", dir], { env });
  assert.is(destroy.code, 0, destroy.stderr + destroy.stdout);
  assert.match(destroy.stdout, "    - 2 deleted");
});

test.run();
