// The dynamic provider plugin as a deployment holds it for one run: started on first use, configured from the stack's
// configuration, values in wire form, closed at the end.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StackConfiguration } from "../../../pulumi-engine/config/stack-configuration.js";
import { NodejsDynamicProviderPlugin } from "../../../pulumi-engine/plugins/nodejs-dynamic-provider-plugin.js";
import { SIGNATURE_KEY } from "../../../pulumi-engine/plugins/property-value.js";
import { startEngineStub } from "./engine-stub.js";
import { serializedFileProvider } from "./file-provider.js";

test("started on first use, configured with the stack secrets, wire values in and out, closed at the end", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-dynamic-plugin-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: lab\nruntime: nodejs\n");
  writeFileSync(join(dir, "Pulumi.dev.yaml"), "config:\n  lab:prefix: '# '\n");
  const config = await StackConfiguration.load({ dir, stack: "dev", env: {} });
  const engine = await startEngineStub();
  let asked = 0;
  const plugin = new NodejsDynamicProviderPlugin({
    engineAddress: () => {
      asked++;
      return engine.address;
    },
    programDir: dir,
    project: "lab",
    config,
  });
  try {
    assert.not.ok(plugin.started);
    assert.is(asked, 0, "nothing starts before a dynamic resource needs it");
    const rp = plugin.resourceProvider;
    const urn = "urn:pulumi:dev::lab::pulumi-nodejs:dynamic:Resource::f";
    const path = join(dir, "f.txt");
    const news = { __provider: await serializedFileProvider(), path, content: "one" };
    const [a, b] = await Promise.all([rp.check(urn, undefined, news), rp.check(urn, undefined, news)]);
    assert.equal(a, b);
    assert.is(asked, 1, "one plugin for the run");
    assert.is(a.inputs.mode, "0644");
    const created = await rp.create(urn, a.inputs);
    assert.is(readFileSync(path, "utf8"), "# one");
    assert.is(created.outputs.size, 3);
    assert.not.ok(JSON.stringify(created.outputs).includes(SIGNATURE_KEY));
    const d = await rp.diff(urn, created.id, created.outputs, { ...a.inputs, path: join(dir, "g.txt") });
    assert.equal(d, { changes: true, replaces: ["path"], deleteBeforeReplace: true });
    const outs = await rp.update(urn, created.id, created.outputs, { ...a.inputs, content: "two" });
    assert.is(outs.content, "two");
    assert.is((await rp.read(urn, created.id, outs))?.content, "two");
    await rp.delete(urn, created.id, outs);
    assert.not.ok(existsSync(path));
    assert.is(await rp.read(urn, created.id, outs), undefined);
    const client = await plugin.provider();
    await plugin.close();
    assert.not.ok(client.process?.running);
    const after = await rp.check(urn, undefined, news).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.match(after?.message ?? "", /closed/);
  } finally {
    await plugin.close();
    await engine.stop();
  }
});

test.run();
