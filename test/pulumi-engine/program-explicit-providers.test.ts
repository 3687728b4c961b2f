// Explicit providers of the program's own language, as Pulumi's engine runs them: a `new pulumi.ProviderResource(
// "pulumi-nodejs", name, config)` is a provider resource of its own (created with a UUID id, shown and counted),
// a dynamic resource naming it (`provider:`) records `<its urn>::<its id>` and runs in a plugin configured with
// that provider's inputs; changed inputs update it in place; it is deleted after the resources using it.
// Providers of other packages are refused by name.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { programDir, runProgram, steps } from "./program-dir.js";

interface Resource {
  address: string;
  type: string;
  attributes: { id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown>; provider?: string };
}

/** A dynamic resource whose outputs say which provider config it was made under. */
const program = (greeting: string | undefined) => `
const pulumi = require("@pulumi/pulumi");
const greeter = {
  async configure(req) { this.greeting = req.config.get("greeting") ?? "none"; },
  async create() { return { id: "g", outs: { said: this.greeting } }; },
  async diff() { return { changes: false }; },
};
class Greeting extends pulumi.dynamic.Resource {
  constructor(name, opts) { super(greeter, name, { said: undefined }, opts); }
}
class DynamicProvider extends pulumi.ProviderResource {
  constructor(name, config) { super("pulumi-nodejs", name, config, {}); }
}
const plain = new Greeting("plain");
${
  greeting === undefined
    ? ""
    : `const p = new DynamicProvider("p", { "expl:greeting": ${JSON.stringify(greeting)} });
const viaP = new Greeting("viaP", { provider: p });
exports.viaP = viaP.said;`
}
exports.plain = plain.said;
`;

test("a dynamic resource naming an explicit pulumi-nodejs provider runs under its config", async () => {
  const dir = programDir("expl", {});
  const state = (): Resource[] =>
    JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8")).resources;
  writeFileSync(join(dir, "index.js"), program("hello"));

  const preview = await runProgram(dir, "preview");
  assert.ok(preview.outcome.ok, preview.logs);
  assert.ok(steps(preview.events).includes("create p"), "an explicit provider's step shows");

  const up = await runProgram(dir, "up");
  assert.ok(up.outcome.ok, `${up.outcome.error}\n${up.logs}`);
  assert.equal(up.outcome.outputs, { plain: "none", viaP: "hello" });
  assert.is(up.outcome.counts.create, 4, "the stack, p, plain and viaP (the default provider is not counted)");
  const p = state().find((r) => r.address === "urn:pulumi:dev::expl::pulumi:providers:pulumi-nodejs::p");
  assert.ok(p, JSON.stringify(state().map((r) => r.address)));
  assert.match(p.attributes.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(p.attributes.inputs, { "expl:greeting": "hello" });
  const viaP = state().find((r) => r.address.endsWith("::viaP"));
  assert.is(viaP?.attributes.provider, `${p.address}::${p.attributes.id}`);
  const plain = state().find((r) => r.address.endsWith("::plain"));
  assert.match(plain?.attributes.provider ?? "", /::pulumi:providers:pulumi-nodejs::default::/);

  const again = await runProgram(dir, "up");
  assert.ok(again.outcome.ok, again.logs);
  assert.equal(
    steps(again.events).filter((s) => !s.startsWith("same ")),
    [],
    "an unchanged program changes nothing",
  );

  // its config changes: the provider is updated in place, its id kept
  writeFileSync(join(dir, "index.js"), program("bonjour"));
  const changed = await runProgram(dir, "up");
  assert.ok(changed.outcome.ok, changed.logs);
  assert.ok(steps(changed.events).includes("update p"), steps(changed.events).join(", "));
  const p2 = state().find((r) => r.address === p.address);
  assert.is(p2?.attributes.id, p.attributes.id, "updated, not replaced");

  // no longer registered: deleted after the resource using it
  writeFileSync(join(dir, "index.js"), program(undefined));
  const dropped = await runProgram(dir, "up");
  assert.ok(dropped.outcome.ok, dropped.logs);
  const deletes = steps(dropped.events).filter((s) => s.startsWith("delete "));
  assert.equal(deletes, ["delete viaP", "delete p"]);

  const gone = await runProgram(dir, "destroy");
  assert.ok(gone.outcome.ok, gone.logs);
  assert.equal(state(), []);
});

test("an explicit provider of a plugin gantry does not run is refused by name", async () => {
  const dir = programDir("explother", {
    "index.js": `
const pulumi = require("@pulumi/pulumi");
new pulumi.ProviderResource("aws", "east", { region: "us-east-1" });
`,
  });
  const up = await runProgram(dir, "up");
  assert.not.ok(up.outcome.ok);
  assert.match(
    `${up.outcome.error}\n${up.logs}`,
    /pulumi:providers:aws "east" is an explicit provider of the plugin "aws"/,
  );
});

test.run();
