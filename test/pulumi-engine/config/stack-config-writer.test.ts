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

test("--path values build structured config as Pulumi's config set --path does (config_basic's keys)", async () => {
  const dir = project();
  const env = { PULUMI_CONFIG_PASSPHRASE: "paths" };
  const set = (key: string, value: string, secret = false) =>
    setStackConfigValue({ dir, stack: "dev", key, value, path: true, secret, env });
  await set("outer.inner", "value");
  await set("names[0]", "a");
  await set("names[1]", "b");
  await set("names[2]", "super secret name", true);
  await set("servers[0].port", "80");
  await set("servers[0].host", "example");
  await set("a.b[0].c", "true");
  await set("a.b[1].c", "false");
  await set("zip", "01234");
  await set('["test.Key"]', "dotted");
  await set("sparse[2]", "x");
  const text = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.match(text, /foo:servers:\n {4}- host: example\n {6}port: 80\n/, "map keys sorted, the port a number");
  assert.match(text, /foo:names:\n {4}- a\n {4}- b\n {4}- secure: v1:/, "a secret element encrypted alone");
  assert.not.match(text, /super secret name/);
  const cfg = await StackConfiguration.load({ dir, stack: "dev", env });
  const values = JSON.parse(cfg.programEnvironment().PULUMI_CONFIG);
  assert.equal(values, {
    "foo:config:outer": '{"inner":"value"}',
    "foo:config:names": '["a","b","super secret name"]',
    "foo:config:servers": '[{"host":"example","port":80}]',
    "foo:config:a": '{"b":[{"c":true},{"c":false}]}',
    "foo:config:zip": "01234",
    "foo:config:test.Key": "dotted",
    "foo:config:sparse": '[null,null,"x"]',
  });
  assert.equal(cfg.secretKeys, ["foo:names"]);
});

test("--path errors in Pulumi's words, naming the key", async () => {
  const dir = project("config:\n  foo:list:\n    - 1\n");
  const fail = (key: string) =>
    setStackConfigValue({ dir, stack: "dev", key, value: "v", path: true }).then(
      (): string => assert.unreachable(key) as never,
      (e: Error) => e.message,
    );
  assert.match(await fail("list.x"), "list.x: [list x]: key for an array must be an int");
  assert.match(await fail("list[5]"), "list[5]: [list 5]: array index out of range");
  assert.match(await fail("[0]"), "[0]: first path segement of config key must be a string");
  assert.match(await fail("a[x"), "a[x: invalid config key path: missing closing bracket in array index");
});

test.run();
