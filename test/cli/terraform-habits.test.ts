// What Terraform users type besides plan and apply: init, providers,
// providers schema -json, console, TF_VAR_name, TF_CLI_ARGS and -chdir (fmt: fmt.test.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig } from "./cli-harness.js";

const main = {
  "main.tf.json": JSON.stringify({
    terraform: { required_providers: { null: { source: "hashicorp/null", version: "~> 3.0" } } },
    variable: { name: { type: "string", default: "world" }, n: { type: "number", default: 2 } },
    locals: { greeting: "hello ${var.name}", obj: { a: ["x", 1], b: true } },
    resource: { gantry_noop: { a: { input: "${local.greeting}" }, c: { count: 2, input: "${count.index}" } } },
    output: { greeting: { value: "${local.greeting}" } },
  }),
};

test("init: providers built in, nothing created, exit 0", () => {
  const dir = tempConfig(main);
  const before = readdirSync(dir).sort();
  const r = gantry(["init", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /Initializing provider plugins\.\.\./);
  assert.match(r.stdout, /- registry\.terraform\.io\/hashicorp\/null is built in to gantry/);
  assert.match(r.stdout, /- registry\.terraform\.io\/gantry\/gantry is built in to gantry/);
  assert.match(r.stdout, /gantry has been successfully initialized!/);
  assert.equal(readdirSync(dir).sort(), before, "init creates nothing");
  const empty = gantry(["init", tempConfig({})]);
  assert.is(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /initialized in an empty directory!/);
});

test("init: a provider gantry does not have and a module source it cannot read are errors (exit 1)", () => {
  const dir = tempConfig({
    "main.tf.json": JSON.stringify({
      provider: { aws: { region: "eu-west-1" } },
      module: { net: { source: "./modules/net" }, reg: { source: "terraform-aws-modules/vpc/aws" } },
    }),
  });
  const r = gantry(["init", dir]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /Provider "registry\.terraform\.io\/hashicorp\/aws" is not available/);
  assert.match(r.stderr, /gantry has its providers built in/);
  assert.match(r.stderr, /Unreadable module directory/);
  assert.match(r.stderr, /Unsupported module source/);
  mkdirSync(join(dir, "modules", "net"), { recursive: true });
  const local = tempConfig({
    "main.tf.json": JSON.stringify({ module: { net: { source: "./net" } }, resource: { gantry_noop: { a: {} } } }),
  });
  mkdirSync(join(local, "net"));
  const ok = gantry(["init", local]);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Initializing modules\.\.\.\n- net in net\n/);
});

test("providers: the tree of required providers, then the state's", () => {
  const dir = tempConfig(main);
  const r = gantry(["providers", dir]);
  assert.is(r.code, 0, r.stderr);
  assert.is(
    r.stdout,
    "\nProviders required by configuration:\n.\n" +
      "├── provider[registry.terraform.io/hashicorp/null] ~> 3.0\n" +
      "└── provider[registry.terraform.io/gantry/gantry]\n\n",
  );
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  assert.match(
    gantry(["providers", dir]).stdout,
    /\nProviders required by state:\n\n {4}provider\[registry\.terraform\.io\/gantry\/gantry\]\n\n$/,
  );
});

test("providers schema -json: Terraform's provider-schema format for gantry's resource types", () => {
  const r = gantry(["providers", "schema", "-json", tempConfig(main)]);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith('{"format_version":"1.0","provider_schemas":{'), r.stdout.slice(0, 80));
  const doc = JSON.parse(r.stdout);
  assert.equal(Object.keys(doc), ["format_version", "provider_schemas"]);
  const gantryProvider = doc.provider_schemas["registry.terraform.io/gantry/gantry"];
  assert.ok(gantryProvider, Object.keys(doc.provider_schemas).join(", "));
  assert.equal(gantryProvider.provider, { version: 0, block: { description_kind: "plain" } });
  const names = Object.keys(gantryProvider.resource_schemas);
  assert.ok(names.includes("gantry_noop") && names.includes("gantry_file"), names.join(", "));
  assert.equal(names, [...names].sort());
  const primitive = new Set(["string", "number", "bool", "dynamic"]);
  const validType = (t: unknown): boolean =>
    typeof t === "string"
      ? primitive.has(t)
      : Array.isArray(t) &&
        (((t[0] === "list" || t[0] === "map" || t[0] === "set") && t.length === 2 && validType(t[1])) ||
          (t[0] === "object" && Object.values(t[1] as object).every(validType)));
  for (const [name, schema] of Object.entries<any>(gantryProvider.resource_schemas)) {
    assert.is(schema.version, 0, name);
    assert.is(schema.block.description_kind, "plain", name);
    for (const [attr, a] of Object.entries<any>(schema.block.attributes)) {
      assert.ok(validType(a.type), `${name}.${attr}: ${JSON.stringify(a.type)}`);
      assert.ok(a.required || a.optional || a.computed, `${name}.${attr} is required, optional or computed`);
      assert.not.ok(a.required && a.optional, `${name}.${attr}`);
      for (const k of Object.keys(a))
        assert.ok(
          ["type", "description", "description_kind", "required", "optional", "computed", "sensitive"].includes(k),
          `${name}.${attr}.${k}`,
        );
    }
  }
  const noop = gantryProvider.resource_schemas.gantry_noop.block;
  assert.equal(noop.attributes.id, {
    type: "string",
    description: noop.attributes.id.description,
    description_kind: "plain",
    computed: true,
  });
  assert.equal(noop.attributes.input.type, "dynamic");
  assert.is(noop.attributes.input.optional, true);
  const without = gantry(["providers", "schema", tempConfig(main)]);
  assert.is(without.code, 1);
  assert.match(without.stderr, /requires the `-json` flag/);
});

test("console: evaluates against configuration, variables and state, prints as terraform console", () => {
  const dir = tempConfig(main);
  const run = (input: string, env?: Record<string, string>) => gantry(["console", dir], { input, env });
  assert.is(run("local.greeting\n").stdout, '"hello world"\n');
  assert.is(run("local.obj\n").stdout, '{\n  "a" = [\n    "x",\n    1,\n  ]\n  "b" = true\n}\n');
  assert.is(run("var.n * 3\n").stdout, "6\n");
  assert.is(run('upper("a")\nvar.name\n').stdout, '"world"\n', "the last result is printed");
  assert.is(run("var.name\n", { TF_VAR_name: "env" }).stdout, '"env"\n');
  assert.is(run("terraform.workspace\n").stdout, '"default"\n');
  assert.is(run("gantry_noop.a.output\n").stdout, "(known after apply)\n");
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  assert.is(run("gantry_noop.a.output\n").stdout, '"hello world"\n');
  assert.is(run("gantry_noop.c[1].input\n").stdout, "1\n");
  assert.is(run("[]\n").stdout, "[]\n");
  // lists, sets and maps print inside tolist/toset/tomap, as repl.FormatValue prints them; tuples and objects bare
  assert.is(run('tolist(["b", "a"])\n').stdout, 'tolist([\n  "b",\n  "a",\n])\n');
  assert.is(run('toset(["b", "a", "b"])\n').stdout, 'toset([\n  "a",\n  "b",\n])\n');
  assert.is(run("tomap({ a = [1] })\n").stdout, 'tomap({\n  "a" = [\n    1,\n  ]\n})\n');
  assert.is(run("tolist([])\n").stdout, "tolist([])\n");
  assert.is(run('true ? tolist([1]) : ["x"]\n').stdout, 'tolist([\n  "1",\n])\n');
  const bad = run("var.nope\n1\n");
  assert.is(bad.code, 1, "the first error stops");
  assert.is(bad.stdout, "");
  assert.match(bad.stderr, /nope/);
  const syntax = run("1 +\n");
  assert.is(syntax.code, 1);
  assert.match(syntax.stderr, /Invalid expression/);
  const exit = run("1\nexit\n2\n");
  assert.is(exit.code, 0);
  assert.is(exit.stdout, "");
});

test("console: type() prints a type as terraform console does, and is an error inside an expression", () => {
  const dir = tempConfig(main);
  const run = (input: string) => gantry(["console", dir], { input });
  // Terraform's console session tests (internal/repl/session_test.go)
  assert.is(run('type("foo")\n').stdout, "string\n");
  assert.is(run('type(type("foo"))\n').stdout, "type\n");
  assert.is(run('type(tolist(["a"]))\n').stdout, "list(string)\n");
  assert.is(run("type(tolist([tolist([42])]))\n").stdout, "list(list(number))\n");
  assert.is(run("type({})\n").stdout, "object({})\n");
  assert.is(run("type([])\n").stdout, "tuple([])\n");
  assert.is(run('type([{foo = "bar"}])\n').stdout, "tuple([\n    object({\n        foo: string,\n    }),\n])\n");
  assert.is(run('type(tolist([{foo = "bar"}]))\n').stdout, "list(\n    object({\n        foo: string,\n    }),\n)\n");
  assert.is(
    run("type(local.obj)\n").stdout,
    "object({\n    a: tuple([\n        string,\n        number,\n    ]),\n    b: bool,\n})\n",
  );
  for (const [input, summary] of [
    ['[for i in [1, "two", true]: type(i)]', "Invalid use of type function"],
    ['type("foo") == type("bar")', "Invalid use of type function"],
    ['"quin${type([])}"', "Invalid template interpolation value"],
  ]) {
    const r = run(`${input}\n`);
    assert.is(r.code, 1, input);
    assert.match(r.stderr, new RegExp(`Error: ${summary}`), input);
  }
});

test("-chdir switches the directory first; TF_CLI_ARGS(_command) add arguments after the command", () => {
  const dir = tempConfig(main);
  const r = gantry(["-chdir=" + dir, "apply", "-auto-approve"], {
    env: { TF_CLI_ARGS_apply: '-var "name=from args"' },
  });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.is(gantry(["-chdir=" + dir, "output", "-raw", "greeting"]).stdout, "hello from args");
  assert.is(gantry(["output", "greeting"], { cwd: dir, env: { TF_CLI_ARGS: "-raw" } }).stdout, "hello from args");
  const nested = gantry(["workspace", "select", "dev"], {
    cwd: dir,
    env: { TF_CLI_ARGS_workspace_select: "-or-create" },
  });
  assert.is(nested.code, 0, nested.stderr);
  const missing = gantry(["-chdir=" + join(dir, "nope"), "plan"]);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /Error handling -chdir option/);
});

test.run();
