// Default providers recorded in the state as Pulumi records them: a `pulumi:providers:<pkg>` resource named
// `default` (or `default_<version>`), its inputs the stack's config of the package, its id a UUID kept while it
// lives; each custom resource's `provider` is `<provider urn>::<provider id>`. Their steps are internal (not shown
// or counted); the provider goes when nothing uses it any more.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaultProviderName } from "../../pulumi-engine/default-providers.js";
import { FILE_PROVIDER, programDir, runProgram, steps } from "./program-dir.js";

interface Resource {
  address: string;
  type: string;
  attributes: { id: string; custom: boolean; parent: string; inputs: object; outputs: object; provider?: string };
}

const fileRes = (dir: string, f: string) =>
  `new FileRes(${JSON.stringify(f)}, { path: ${JSON.stringify(join(dir, `${f}.txt`))}, content: "x" });`;
const program = (dir: string, files: string[]) => `${FILE_PROVIDER}\n${files.map((f) => fileRes(dir, f)).join("\n")}\n`;

test("Pulumi's default provider names", () => {
  assert.is(defaultProviderName(""), "default");
  assert.is(defaultProviderName("4.5.0"), "default_4_5_0");
  assert.is(defaultProviderName("1.2.3-alpha.1+build.7"), "default_1_2_3_alpha_1_build_7");
  assert.throws(() => defaultProviderName("latest"), /not a semantic version/);
});

test("dynamic resources refer to the recorded default provider of pulumi-nodejs", async () => {
  const dir = programDir("prov", {});
  const state = (): Resource[] =>
    JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8")).resources;
  writeFileSync(join(dir, "Pulumi.dev.yaml"), "config:\n  pulumi-nodejs:flavour: plain\n  prov:other: 1\n");
  writeFileSync(join(dir, "index.js"), program(dir, ["a", "b"]));
  const preview = await runProgram(dir, "preview");
  assert.ok(preview.outcome.ok, preview.logs);
  assert.not.ok(
    steps(preview.events).some((s) => s.includes("default")),
    "a default provider's step is internal",
  );

  const up = await runProgram(dir, "up");
  assert.ok(up.outcome.ok, up.logs);
  assert.equal(up.outcome.counts.create, 3, "the stack and two files: the provider is not counted");
  const urn = "urn:pulumi:dev::prov::pulumi:providers:pulumi-nodejs::default";
  const provider = state().find((r) => r.address === urn);
  assert.ok(provider, JSON.stringify(state().map((r) => r.address)));
  assert.is(provider.type, "pulumi:providers:pulumi-nodejs");
  assert.match(provider.attributes.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(provider.attributes.inputs, { flavour: "plain" }, "the package's config, not the project's");
  assert.equal(provider.attributes.outputs, { flavour: "plain" });
  assert.is(provider.attributes.parent, "");
  const reference = `${urn}::${provider.attributes.id}`;
  for (const name of ["a", "b"]) {
    const r = state().find((x) => x.address.endsWith(`::${name}`));
    assert.is(r?.attributes.provider, reference, name);
  }
  const stack = state().find((r) => r.type === "pulumi:pulumi:Stack");
  assert.is(stack?.attributes.provider, undefined, "a component has no provider");

  const again = await runProgram(dir, "up");
  assert.ok(again.outcome.ok, again.logs);
  assert.is(state().find((r) => r.address === urn)?.attributes.id, provider.attributes.id, "its id is kept");
  assert.equal(again.outcome.counts.same, 3);

  // no dynamic resource left: the provider goes with the last one, uncounted
  writeFileSync(join(dir, "index.js"), "");
  const empty = await runProgram(dir, "up");
  assert.ok(empty.outcome.ok, empty.logs);
  assert.is(empty.outcome.counts.delete, 2);
  assert.equal(
    state().map((r) => r.type),
    ["pulumi:pulumi:Stack"],
  );

  writeFileSync(join(dir, "index.js"), program(dir, ["c"]));
  assert.ok((await runProgram(dir, "up")).outcome.ok);
  const destroy = await runProgram(dir, "destroy");
  assert.ok(destroy.outcome.ok, destroy.logs);
  assert.is(destroy.outcome.counts.delete, 2, "the stack and the file");
  assert.equal(state(), []);
});

test.run();
