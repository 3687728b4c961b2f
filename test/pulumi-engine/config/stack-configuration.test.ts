// Stack configuration as Pulumi gives it to programs and providers: Pulumi.yaml declarations (types, defaults,
// short-hands), Pulumi.<stack>.yaml values (plain, structured, secure), the PULUMI_CONFIG text, and errors that name
// the file, the line and the key in Pulumi's words.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../../contract/diagnostics.js";
import { INCORRECT_PASSPHRASE_DECRYPT, PassphraseCrypter } from "../../../pulumi-engine/config/passphrase-crypter.js";
import { PASSPHRASE_REQUIRED } from "../../../pulumi-engine/config/passphrase-source.js";
import { StackConfiguration } from "../../../pulumi-engine/config/stack-configuration.js";
import { Secret } from "../../../pulumi-engine/plugins/property-value.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-config-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function failure(p: Promise<unknown>): Promise<GantryError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GantryError) return e;
    throw e;
  }
  throw new Error("expected a GantryError");
}

// tests/roundtrip/roundtrip_test.go (TestConfigRoundtripComments): a stack file Pulumi wrote, comments and all.
const ROUNDTRIP_PASSPHRASE = "TestConfigRoundtripComments";
const ROUNDTRIP_SALT = "v1:ThS5UPxP9qc=:v1:UZYAXF+ylaJ0rGhv:9OTvBnOEDFgxs7btjzSu+LZ470vLpg==";
const ROUNDTRIP_STACK = `
encryptionsalt: ${ROUNDTRIP_SALT}
# 🔴 header comment
config:
  foo:a: some-value # 🟠 comment after value
  # 🟡 comment before key
  foo:b: some-value
  foo:c:
    a: A
    b: B
    c:
      - 1
      - 2
      - 3 # 🟢 comment in array
      # 🔵 comment after array
  foo:d:
    secure: v1:T1ftqhY0hqr+EJK6:+jvd5PMecFx80tcavzuZY4tLatgIfoe/xR72GA== # 🟣 comment on secret

# 🟥 footer comment`;

const roundtripCrypter = PassphraseCrypter.fromState(ROUNDTRIP_PASSPHRASE, ROUNDTRIP_SALT);

test("Pulumi's own stack file: plain, structured and secure values as a program receives them", async () => {
  const dir = project({ "Pulumi.yaml": "name: foo\nruntime: nodejs\n", "Pulumi.test.yaml": ROUNDTRIP_STACK });
  const cfg = await StackConfiguration.load({
    dir,
    stack: "test",
    env: { PULUMI_CONFIG_PASSPHRASE: ROUNDTRIP_PASSPHRASE },
  });
  assert.equal(cfg.text(), {
    "foo:a": "some-value",
    "foo:b": "some-value",
    "foo:c": '{"a":"A","b":"B","c":[1,2,3]}',
    "foo:d": "secret-value",
  });
  assert.equal(cfg.secretKeys, ["foo:d"]);
  assert.equal(cfg.programEnvironment(), {
    PULUMI_CONFIG:
      '{"foo:config:a":"some-value","foo:config:b":"some-value","foo:config:c":"{\\"a\\":\\"A\\",\\"b\\":\\"B\\",' +
      '\\"c\\":[1,2,3]}","foo:config:d":"secret-value"}',
    PULUMI_CONFIG_SECRET_KEYS: '["foo:d"]',
  });
  const provider = cfg.dynamicProviderConfig();
  assert.is(provider["foo:a"], "some-value");
  assert.instance(provider["foo:d"], Secret);
  assert.is((provider["foo:d"] as Secret).value, "secret-value");
  assert.equal(cfg.values.get("foo:c")?.value, { a: "A", b: "B", c: [1, 2, 3] });
  assert.is(cfg.values.get("foo:d")?.origin.line, 16);
  assert.equal(Object.keys(cfg.providerConfig("foo")), ["a", "b", "c", "d"]);
});

test("secrets inside structured values: the key is secret, the text reveals them, keys sorted as Go does", async () => {
  const c = await roundtripCrypter;
  const stack = `encryptionsalt: ${ROUNDTRIP_SALT}
config:
  app:db:
    user: admin
    password:
      secure: ${c.encrypt("p<a>ss&word")}
    hosts: [b, a]
    "10": ten
    "9": nine
  app:tokens:
    - secure: ${c.encrypt("t1")}
    - plain
  app:notSecret:
    secure: 42
`;
  const dir = project({ "Pulumi.yaml": "name: app\nruntime: nodejs\n", "Pulumi.dev.yaml": stack });
  const cfg = await StackConfiguration.load({ dir, stack: "dev", passphrase: ROUNDTRIP_PASSPHRASE });
  assert.is(
    cfg.values.get("app:db")?.text,
    '{"10":"ten","9":"nine","hosts":["b","a"],"password":"p\\u003ca\\u003ess\\u0026word","user":"admin"}',
  );
  assert.is(cfg.values.get("app:tokens")?.text, '["t1","plain"]');
  assert.is(cfg.values.get("app:notSecret")?.text, '{"secure":42}');
  assert.equal(cfg.secretKeys, ["app:db", "app:tokens"]);
  const db = cfg.values.get("app:db")?.value as Record<string, unknown>;
  assert.instance(db.password, Secret);
  assert.is(db.user, "admin");
  assert.instance(cfg.dynamicProviderConfig()["app:db"], Secret);
});

test("the SDK's own Config reads PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS as gantry writes them", async () => {
  const dir = project({ "Pulumi.yaml": "name: foo\nruntime: nodejs\n", "Pulumi.test.yaml": ROUNDTRIP_STACK });
  const cfg = await StackConfiguration.load({ dir, stack: "test", passphrase: ROUNDTRIP_PASSPHRASE });
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const c = new pulumi.Config("foo");
    const d = c.requireSecret("d");
    console.log(JSON.stringify({ a: c.require("a"), c: c.requireObject("c"), isSecret: pulumi.Output.isInstance(d) }));
    d.apply((v) => console.log(JSON.stringify({ d: v })));
  `;
  const run = spawnSync(process.execPath, ["-e", script], {
    cwd: process.cwd(),
    env: { ...process.env, ...cfg.programEnvironment(), PULUMI_NODEJS_PROJECT: "foo" },
    encoding: "utf8",
  });
  assert.is(run.status, 0, run.stderr);
  const lines = run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(lines[0], { a: "some-value", c: { a: "A", b: "B", c: [1, 2, 3] }, isSecret: true });
  assert.equal(lines[1], { d: "secret-value" });
});

test("scalars of the stack file reach programs as Pulumi writes them", async () => {
  const dir = project({
    "Pulumi.yaml": "name: p\nruntime: nodejs\n",
    "Pulumi.dev.yaml": `config:
  p:port: 8080
  p:on: true
  p:ratio: 1.50
  p:zip: "01234"
  p:none:
  p:config:old: old-form
  aws:region: us-west-2
`,
  });
  const cfg = await StackConfiguration.load({ dir, stack: "dev", env: {} });
  assert.equal(cfg.text(), {
    "p:port": "8080",
    "p:on": "true",
    "p:ratio": "1.5",
    "p:zip": "01234",
    "p:none": "null",
    "p:old": "old-form",
    "aws:region": "us-west-2",
  });
  assert.equal(cfg.secretKeys, []);
  assert.equal(cfg.providerConfig("aws"), { region: "us-west-2" });
  assert.is(cfg.crypter, undefined, "no passphrase asked for a stack without secrets");
});

test("Pulumi.yaml declarations: defaults, short-hands, other namespaces' values, stackConfigDir", async () => {
  const dir = project({
    "Pulumi.yaml": `name: web
runtime:
  name: nodejs
  options:
    typescript: false
main: src/index.js
description: a web site
stackConfigDir: stacks
config:
  port:
    type: integer
    default: 8080
  replicas: 2
  flags: [a, b]
  debug:
    type: boolean
    default: false
  limits:
    type: object
    default: { cpu: 1.5, mem: 512 }
  siteName:
    type: string
  aws:region: eu-west-1
  gcp:project:
    value: my-project
`,
    "stacks/Pulumi.prod.yaml": "config:\n  web:siteName: shop\n  web:replicas: 5\n",
  });
  const cfg = await StackConfiguration.load({ dir, stack: "acme/web/prod", env: {} });
  assert.is(cfg.project.name, "web");
  assert.equal(cfg.project.runtime, { name: "nodejs", options: { typescript: false } });
  assert.is(cfg.project.main, "src/index.js");
  assert.is(cfg.project.description, "a web site");
  assert.equal(cfg.text(), {
    "web:siteName": "shop",
    "web:replicas": "5",
    "aws:region": "eu-west-1",
    "web:debug": "false",
    "web:flags": '["a","b"]',
    "gcp:project": "my-project",
    "web:limits": '{"cpu":1.5,"mem":512}',
    "web:port": "8080",
  });
  assert.ok(cfg.values.get("web:port")?.fromProject);
  assert.is(cfg.values.get("web:port")?.origin.file, join(dir, "Pulumi.yaml"));
  assert.is(cfg.values.get("web:port")?.origin.line, 10);
  assert.is(cfg.stackFile.file, join(dir, "stacks", "Pulumi.prod.yaml"));
});

test("missing values, wrong types and plain secrets: Pulumi's words, with file and line", async () => {
  const pulumiYaml = `name: web
runtime: nodejs
config:
  siteName:
    type: string
  port:
    type: integer
  dbPassword:
    type: string
    secret: true
  zones:
    type: array
    items:
      type: string
`;
  let dir = project({ "Pulumi.yaml": pulumiYaml, "Pulumi.dev.yaml": "config:\n  web:port: 80\n" });
  let e = await failure(StackConfiguration.load({ dir, stack: "dev", env: {} }));
  assert.is(
    e.diagnostics[0].summary,
    "Stack 'dev' is missing configuration values 'dbPassword', 'siteName' and 'zones'",
  );
  assert.is(e.diagnostics[0].origin?.file, join(dir, "Pulumi.dev.yaml"));
  assert.is(e.diagnostics[0].related?.[0].origin?.line, 8);

  dir = project({
    "Pulumi.yaml": pulumiYaml,
    "Pulumi.dev.yaml": `config:
  web:siteName: shop
  web:port: eighty
  web:dbPassword: plain-text
  web:zones: [a, 3]
`,
  });
  e = await failure(StackConfiguration.load({ dir, stack: "dev", env: {} }));
  const byLine = e.diagnostics.map((d) => [d.origin?.line, d.summary]);
  assert.equal(byLine, [
    [4, "Stack 'dev' with configuration key 'dbPassword' must be encrypted as it's secret"],
    [3, "Stack 'dev' with configuration key 'port' must be of type 'integer'"],
    [5, "Stack 'dev' with configuration key 'zones' must be of type 'array<string>'"],
  ]);

  dir = project({
    "Pulumi.yaml": pulumiYaml.replace("  dbPassword:\n    type: string\n    secret: true\n", ""),
    "Pulumi.dev.yaml": `config:
  web:siteName: 42
  web:port: "8080"
  web:zones: [a, b]
`,
  });
  const cfg = await StackConfiguration.load({ dir, stack: "dev", env: {} });
  assert.is(cfg.values.get("web:siteName")?.text, "42", "a YAML number is a string to Pulumi's type check");
});

test("Pulumi.yaml errors are Project.Validate's, at the line of the key", async () => {
  const cases: [string, string, number][] = [
    ["runtime: nodejs\n", "project is missing a 'name' attribute", 1],
    ["name: x\n", "project is missing a 'runtime' attribute", 1],
    [
      "name: x\nruntime: [nodejs]\n",
      "runtime section must be a string or an object with name and options attributes",
      2,
    ],
    [
      "name: x\nruntime: nodejs\nconfig:\n  aws:region:\n    type: string\n    value: us-east-1\n",
      "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
      4,
    ],
    [
      "name: x\nruntime: nodejs\nconfig:\n  zones:\n    type: array\n",
      "The configuration key 'zones' declares an array but does not specify the underlying type via the 'items' " +
        "attribute",
      4,
    ],
    [
      "name: x\nruntime: nodejs\nconfig:\n  port:\n    type: integer\n    default: eighty\n",
      "The default value specified for configuration key 'port' is not of the expected type 'integer'",
      6,
    ],
    [
      "name: x\nruntime: nodejs\nconfig:\n  a:\n    default: 1\n    value: 2\n",
      "project config 'a' cannot have both a 'default' and 'value' attribute",
      4,
    ],
    [
      "name: x\nruntime: nodejs\nconfig:\n  aws:region:\n    default: us-east-1\n",
      "Configuration key 'aws:region' is not namespaced by the project and should not define a default value. " +
        "Did you mean to use the 'value' attribute instead of 'default'?",
      4,
    ],
  ];
  for (const [yaml, words, line] of cases) {
    const dir = project({ "Pulumi.yaml": yaml });
    const e = await failure(StackConfiguration.load({ dir, stack: "dev", env: {} }));
    const file = join(dir, "Pulumi.yaml");
    assert.is(e.diagnostics[0].summary, `${file}:${line}: ${words}`);
    assert.is(e.diagnostics[0].origin?.file, file);
    assert.is(e.diagnostics[0].origin?.line, line);
  }
});

test("stack file errors: a key without namespace, bad YAML, a secure value without salt", async () => {
  let dir = project({
    "Pulumi.yaml": "name: x\nruntime: nodejs\n",
    "Pulumi.dev.yaml": "config:\n  x:a: 1\n  region: b\n",
  });
  let e = await failure(StackConfiguration.load({ dir, stack: "dev", env: {} }));
  assert.is(
    e.diagnostics[0].summary,
    `${join(dir, "Pulumi.dev.yaml")}:3: could not parse region as a configuration key ` +
      "(configuration keys should be of the form `<namespace>:<name>`)",
  );
  dir = project({ "Pulumi.yaml": "name: x\nruntime: nodejs\n", "Pulumi.dev.yaml": "config:\n  x:a: [1\n" });
  e = await failure(StackConfiguration.load({ dir, stack: "dev", env: {} }));
  assert.match(e.diagnostics[0].summary, /Pulumi\.dev\.yaml: invalid YAML/);
  assert.ok(e.diagnostics[0].origin?.line);
  dir = project({
    "Pulumi.yaml": "name: x\nruntime: nodejs\n",
    "Pulumi.dev.yaml": "config:\n  x:a: 1\n  x:pw:\n    secure: v1:abc:def\n",
  });
  e = await failure(StackConfiguration.load({ dir, stack: "dev", env: {} }));
  assert.match(e.diagnostics[0].summary, /:3: config key x:pw is a secure value but .* has no encryptionsalt/);
});

test("the passphrase: required when there are secrets, read from a file, a wrong one in Pulumi's words", async () => {
  const dir = project({ "Pulumi.yaml": "name: foo\nruntime: nodejs\n", "Pulumi.test.yaml": ROUNDTRIP_STACK });
  let e = await failure(StackConfiguration.load({ dir, stack: "test", env: {} }));
  assert.is(e.diagnostics[0].summary, PASSPHRASE_REQUIRED);
  assert.is(e.diagnostics[0].origin?.line, 16);
  assert.match(e.diagnostics[0].detail ?? "", /foo:d/);

  e = await failure(StackConfiguration.load({ dir, stack: "test", env: { PULUMI_CONFIG_PASSPHRASE: "nope" } }));
  assert.is(e.diagnostics[0].summary, INCORRECT_PASSPHRASE_DECRYPT);
  assert.is(e.diagnostics[0].origin?.file, join(dir, "Pulumi.test.yaml"));
  assert.is(e.diagnostics[0].origin?.line, 16);
  assert.match(e.diagnostics[0].detail ?? "", /encryptionsalt .*line 2.*foo:d/);

  const phraseFile = join(dir, "phrase.txt");
  writeFileSync(phraseFile, `${ROUNDTRIP_PASSPHRASE}\n`);
  const cfg = await StackConfiguration.load({ dir, stack: "test", env: { PULUMI_CONFIG_PASSPHRASE_FILE: phraseFile } });
  assert.is(cfg.values.get("foo:d")?.text, "secret-value");
  assert.ok(cfg.crypter);

  e = await failure(
    StackConfiguration.load({ dir, stack: "test", env: { PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "none") } }),
  );
  assert.match(e.diagnostics[0].summary, /^unable to read PULUMI_CONFIG_PASSPHRASE_FILE: /);
});

test("a ciphertext that does not open names the key, the line and the place inside it", async () => {
  const c = await roundtripCrypter;
  const good = c.encrypt("x");
  const bad = `${good.slice(0, -6)}AAAA==`;
  const dir = project({
    "Pulumi.yaml": "name: foo\nruntime: nodejs\n",
    "Pulumi.dev.yaml":
      `encryptionsalt: ${ROUNDTRIP_SALT}\nconfig:\n  foo:ok:\n    secure: ${good}\n` +
      `  foo:obj:\n    list:\n      - secure: ${bad}\n`,
  });
  const e = await failure(StackConfiguration.load({ dir, stack: "dev", passphrase: ROUNDTRIP_PASSPHRASE }));
  assert.is(
    e.diagnostics[0].summary,
    `${join(dir, "Pulumi.dev.yaml")}:5: failed to decrypt config key foo:obj at .list[0]: cipher: message ` +
      "authentication failed",
  );
});

test.run();
