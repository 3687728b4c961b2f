// `gantry pulumi config [set|get|rm]` through the CLI, as `pulumi config` behaves (pkg/cmd/pulumi/config and its
// tests): namespaced keys, secrets encrypted with the passphrase (the salt made on the first), values read from
// standard input, --path values, the KEY/VALUE table with [secret], --show-secrets, --json, and files Pulumi wrote.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry } from "../../cli/cli-harness.js";

const PASSPHRASE = "correct horse";

function project(stackYaml?: string, projectYaml = "name: foo\nruntime: nodejs\n"): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-config-cli-"));
  writeFileSync(join(dir, "Pulumi.yaml"), projectYaml);
  if (stackYaml !== undefined) writeFileSync(join(dir, "Pulumi.dev.yaml"), stackYaml);
  return dir;
}

function ok(dir: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}): string {
  const r = gantry(["pulumi", "config", ...args, "-C", dir], {
    ...opts,
    env: { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE, ...opts.env },
  });
  assert.is(r.code, 0, `${args.join(" ")}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

test("set, list, get and rm as pulumi config does", () => {
  const dir = project(undefined, "name: foo\nruntime: nodejs\nconfig:\n  dflt:\n    default: 42\n");
  ok(dir, ["set", "port", "8080"]);
  ok(dir, ["set", "--secret", "dbPassword", "s3cr3t"]);
  ok(dir, ["set", "aws:region", "us-west-2"]);
  ok(dir, ["set", "--path", "outer.inner", "v"]);
  ok(dir, ["set", "--path", "outer.port", "80"]);
  ok(dir, ["set", "motd"], { input: "line one\nline two\n" });
  const file = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.match(
    file,
    new RegExp(
      [
        "^encryptionsalt: v1:[A-Za-z0-9+/=]+:v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+",
        "config:",
        '  foo:port: "8080"',
        "  foo:dbPassword:",
        "    secure: v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+",
        "  aws:region: us-west-2",
        "  foo:outer:",
        "    inner: v",
        "    port: 80",
        "  foo:motd: \\|-",
        "    line one",
        "    line two",
        "$",
      ].join("\n"),
    ),
  );
  assert.not.match(file, "s3cr3t");

  // the list needs no passphrase unless secrets are shown
  const noPass = gantry(["pulumi", "config", "-C", dir], { env: { PULUMI_CONFIG_PASSPHRASE: "" } });
  assert.is(noPass.code, 0, noPass.stderr);
  assert.is(
    noPass.stdout,
    [
      "KEY         VALUE",
      "aws:region  us-west-2",
      "dbPassword  [secret]",
      "dflt        42",
      "motd        line one",
      "            line two",
      'outer       {"inner":"v","port":80}',
      "port        8080",
      "",
    ].join("\n"),
  );
  assert.match(ok(dir, ["--show-secrets"]), /\ndbPassword {2}s3cr3t\n/);
  const wrong = gantry(["pulumi", "config", "--show-secrets", "-C", dir], { env: { PULUMI_CONFIG_PASSPHRASE: "no" } });
  assert.is.not(wrong.code, 0);
  assert.match(wrong.stderr, "failed to decrypt: incorrect passphrase");

  const json = JSON.parse(ok(dir, ["--json"]));
  assert.equal(Object.keys(json), ["aws:region", "foo:dbPassword", "foo:dflt", "foo:motd", "foo:outer", "foo:port"]);
  assert.equal(json["foo:dbPassword"], { secret: true });
  assert.equal(json["foo:outer"], {
    value: '{"inner":"v","port":80}',
    objectValue: { inner: "v", port: 80 },
    secret: false,
  });
  assert.equal(JSON.parse(ok(dir, ["--json", "--show-secrets"]))["foo:dbPassword"], { value: "s3cr3t", secret: true });

  assert.is(ok(dir, ["get", "dbPassword"]), "s3cr3t\n");
  assert.is(ok(dir, ["get", "foo:port"]), "8080\n");
  assert.is(ok(dir, ["get", "--path", "outer.port"]), "80\n");
  assert.is(ok(dir, ["get", "dflt"]), "42\n");
  assert.equal(JSON.parse(ok(dir, ["get", "--json", "dbPassword"])), { value: "s3cr3t", secret: true });
  const missing = gantry(["pulumi", "config", "get", "nope", "-C", dir]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, "configuration key 'nope' not found for stack 'dev'");
  const missingPath = gantry(["pulumi", "config", "get", "--path", "outer.none", "-C", dir]);
  assert.match(missingPath.stderr, "configuration key 'outer.none' not found for stack 'dev'");

  ok(dir, ["rm", "--path", "outer.inner"]);
  ok(dir, ["rm", "motd"]);
  ok(dir, ["rm", "never-set"]);
  ok(dir, ["remove", "aws:region"]);
  const after = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.match(after, /\n {2}foo:outer:\n {4}port: 80\n$/);
  assert.not.match(after, /motd|region|inner/);
  ok(dir, ["rm", "port"]);
  ok(dir, ["rm", "dbPassword"]);
  ok(dir, ["rm", "outer"]);
  // config: goes with its last key, as Pulumi leaves it out when empty
  assert.match(readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8"), /^encryptionsalt: v1:\S+\n$/);
});

test("a stack file Pulumi wrote: its secrets read and a new one added under its salt, comments kept", () => {
  // from Pulumi's TestConfigRoundtripComments (passphrase provider, passphrase as in its test)
  const stack = `encryptionsalt: v1:ThS5UPxP9qc=:v1:UZYAXF+ylaJ0rGhv:9OTvBnOEDFgxs7btjzSu+LZ470vLpg==
# header comment
config:
  foo:a: some-value # comment after value
  foo:d:
    secure: v1:T1ftqhY0hqr+EJK6:+jvd5PMecFx80tcavzuZY4tLatgIfoe/xR72GA== # comment on secret
`;
  const dir = project(stack);
  const env = { PULUMI_CONFIG_PASSPHRASE: "TestConfigRoundtripComments" };
  assert.is(ok(dir, ["get", "d"], { env }), "secret-value\n");
  ok(dir, ["set", "--secret", "e", "E!"], { env });
  const text = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
  assert.ok(text.startsWith(stack), text);
  assert.match(ok(dir, ["--show-secrets"], { env }), /\ne {4}E!\n/);
  ok(dir, ["rm", "a"], { env });
  assert.match(readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8"), "# header comment\nconfig:\n  foo:d:");
});

test("bad keys and a set without a passphrase say what is wrong", () => {
  const dir = project();
  const bad = gantry(["pulumi", "config", "set", "a:b:c", "v", "-C", dir]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, "could not parse a:b:c as a configuration key");
  const noPass = gantry(["pulumi", "config", "set", "--secret", "k", "v", "-C", dir], {
    env: { PULUMI_CONFIG_PASSPHRASE: "", PULUMI_CONFIG_PASSPHRASE_FILE: "" },
  });
  // an empty passphrase is one (as in Pulumi); none at all is the error
  assert.is(noPass.code, 0, noPass.stderr);
  const r = gantry(["pulumi", "config", "get", "k", "-C", dir], { env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
  assert.match(r.stderr, "failed to decrypt: incorrect passphrase");
});

test.run();
