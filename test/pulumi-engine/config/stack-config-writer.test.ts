// Writing config values as `pulumi config set [--secret]` writes them: namespaced keys, `secure:` values under the
// stack's salt (a new salt on the first secret), comments kept, and what is written reads back.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../../contract/diagnostics.js";
import { INCORRECT_PASSPHRASE_DECRYPT } from "../../../pulumi-engine/config/passphrase-crypter.js";
import { setStackConfigValue } from "../../../pulumi-engine/config/stack-config-writer.js";
import { StackConfiguration } from "../../../pulumi-engine/config/stack-configuration.js";

function project(stackYaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-config-set-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: foo\nruntime: nodejs\n");
  if (stackYaml !== undefined) writeFileSync(join(dir, "Pulumi.dev.yaml"), stackYaml);
  return dir;
}

test("plain and secret values on a new stack: a salt is made, values read back", async () => {
  const dir = project();
  const env = { PULUMI_CONFIG_PASSPHRASE: "open sesame" };
  await setStackConfigValue({ dir, stack: "dev", key: "port", value: "8080" });
  const { key } = await setStackConfigValue({
    dir,
    stack: "dev",
    key: "dbPassword",
    value: "s3cr3t",
    secret: true,
    env,
  });
  assert.is(key, "foo:dbPassword");
  await setStackConfigValue({ dir, stack: "dev", key: "aws:region", value: "us-west-2" });
  const text = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.match(
    text,
    new RegExp(
      [
        "^encryptionsalt: v1:[A-Za-z0-9+/=]+:v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+",
        "config:",
        '  foo:port: "8080"',
        "  foo:dbPassword:",
        "    secure: v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+",
        "  aws:region: us-west-2",
        "$",
      ].join("\n"),
    ),
  );
  assert.not.match(text, /s3cr3t/);
  const cfg = await StackConfiguration.load({ dir, stack: "dev", env });
  assert.equal(cfg.text(), { "foo:port": "8080", "foo:dbPassword": "s3cr3t", "aws:region": "us-west-2" });
  assert.equal(cfg.secretKeys, ["foo:dbPassword"]);
});

test("a secret on Pulumi's own stack file uses its salt and keeps its comments", async () => {
  const stack = `encryptionsalt: v1:ThS5UPxP9qc=:v1:UZYAXF+ylaJ0rGhv:9OTvBnOEDFgxs7btjzSu+LZ470vLpg==
# header comment
config:
  foo:a: some-value # comment after value
  foo:d:
    secure: v1:T1ftqhY0hqr+EJK6:+jvd5PMecFx80tcavzuZY4tLatgIfoe/xR72GA== # comment on secret
`;
  const dir = project(stack);
  await setStackConfigValue({
    dir,
    stack: "dev",
    key: "e",
    value: "E!",
    secret: true,
    passphrase: "TestConfigRoundtripComments",
  });
  const text = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.ok(text.startsWith(stack), text);
  assert.match(text.slice(stack.length), /^ {2}foo:e:\n {4}secure: v1:/);
  const cfg = await StackConfiguration.load({ dir, stack: "dev", passphrase: "TestConfigRoundtripComments" });
  assert.is(cfg.values.get("foo:e")?.text, "E!");
  assert.is(cfg.values.get("foo:d")?.text, "secret-value");

  const wrong = await setStackConfigValue({
    dir,
    stack: "dev",
    key: "f",
    value: "x",
    secret: true,
    passphrase: "no",
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(wrong, GantryError);
  assert.is((wrong as Error).message, INCORRECT_PASSPHRASE_DECRYPT.replace("failed to decrypt", "failed to encrypt"));
});

test.run();
