// `gantry pulumi config set --type`, `config set-all` and `config cp` through the CLI, as Pulumi's CLI writes them
// (pkg/cmd/pulumi/config: NewTypedValue, set-all's --plaintext/--secret/--path, copy's --dest).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry } from "../../cli/cli-harness.js";

const env = { PULUMI_CONFIG_PASSPHRASE: "set-all and cp" };

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-config-more-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: foo\nruntime: nodejs\n");
  return dir;
}

function run(dir: string, args: string[], opts: { env?: Record<string, string> } = {}) {
  return gantry(["pulumi", "config", ...args, "-C", dir], { env: { ...env, ...opts.env } });
}

function ok(dir: string, args: string[], opts: { env?: Record<string, string> } = {}): string {
  const r = run(dir, args, opts);
  assert.is(r.code, 0, `${args.join(" ")}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const file = (dir: string, stack = "dev") => readFileSync(join(dir, `Pulumi.${stack}.yaml`), "utf8");

test("set --type writes the value as a YAML string, int, bool or float", () => {
  const dir = project();
  ok(dir, ["set", "--type", "int", "port", "8080"]);
  ok(dir, ["set", "--type", "bool", "on", "True"]);
  ok(dir, ["set", "--type", "bool", "off", "nope"]);
  ok(dir, ["set", "--type", "float", "ratio", "1.5"]);
  ok(dir, ["set", "--type", "string", "zip", "01234"]);
  ok(dir, ["set", "untyped", "42"]);
  ok(dir, ["set", "--path", "--type", "string", "outer.n", "7"]);
  assert.is(
    file(dir),
    [
      "config:",
      "  foo:port: 8080",
      "  foo:on: true",
      "  foo:off: false",
      "  foo:ratio: 1.5",
      '  foo:zip: "01234"',
      '  foo:untyped: "42"',
      "  foo:outer:",
      '    n: "7"',
      "",
    ].join("\n"),
  );
  assert.is(ok(dir, ["get", "port"]), "8080\n");
  const bad = run(dir, ["set", "--type", "int", "port", "eighty"]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'strconv.Atoi: parsing "eighty": invalid syntax');
  const both = run(dir, ["set", "--type", "int", "--secret", "port", "1"]);
  assert.is.not(both.code, 0);
});

test("set-all sets plain values, then secrets, with --path into structured ones", () => {
  const dir = project();
  ok(dir, [
    "set-all",
    "--plaintext",
    "a=1",
    "--secret",
    "token=s3cr=t",
    "--plaintext",
    '"x=y"=z',
    "--plaintext",
    "aws:region=us-east-1",
  ]);
  assert.is(ok(dir, ["get", "a"]), "1\n");
  assert.is(ok(dir, ["get", "token"]), "s3cr=t\n");
  assert.is(ok(dir, ["get", "x=y"]), "z\n");
  assert.is(ok(dir, ["get", "aws:region"]), "us-east-1\n");
  assert.not.match(file(dir), "s3cr=t");
  ok(dir, ["set-all", "--path", "--plaintext", "names[0]=a", "--plaintext", "names[1]=2", "--secret", "db.pw=pw"]);
  assert.equal(JSON.parse(ok(dir, ["get", "names", "--json"])), {
    value: '["a",2]',
    objectValue: ["a", 2],
    secret: false,
  });
  assert.is(ok(dir, ["get", "--path", "db.pw"]), "pw\n");
  const bad = run(dir, ["set-all", "--plaintext", "novalue"]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, "config value must be in the form [key]=[value]");
});

test("cp copies one key or every key to another stack, secrets encrypted for it", () => {
  const dir = project();
  ok(dir, ["set", "plain", "p"]);
  ok(dir, ["set", "--secret", "hidden", "h"]);
  ok(dir, ["set", "--path", "--secret", "obj.inner", "i"]);
  ok(dir, ["set", "--path", "obj.other", "o"]);

  ok(dir, ["cp", "plain", "--dest", "one"]);
  assert.is(file(dir, "one"), "config:\n  foo:plain: p\n");

  ok(dir, ["cp", "--path", "obj.inner", "-d", "one"]);
  assert.is(ok(dir, ["get", "--path", "obj.inner", "-s", "one"]), "i\n");
  assert.is(run(dir, ["get", "--path", "obj.other", "-s", "one"]).code, 1, "only the path was copied");

  // a destination with its own passphrase: the secrets are encrypted again under its salt
  ok(dir, ["copy", "-d", "two"]);
  const two = file(dir, "two");
  assert.match(two, /^encryptionsalt: v1:/);
  assert.is.not(two.split("\n")[0], file(dir).split("\n")[0], "a salt of its own");
  assert.is(ok(dir, ["get", "hidden", "-s", "two"]), "h\n");
  assert.is(ok(dir, ["get", "--path", "obj.inner", "-s", "two"]), "i\n");
  assert.is(ok(dir, ["get", "--path", "obj.other", "-s", "two"]), "o\n");

  const missing = run(dir, ["cp", "nope", "-d", "one"]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, "configuration key 'nope' not found for stack 'dev'");
  const same = run(dir, ["cp", "-d", "dev"]);
  assert.match(same.stderr, "current stack and destination stack are the same");
});

test.run();
