// What Pulumi stores of gantry's dynamic provider: the SDK serializes it into
// the program's state (runtime.serializeFunction, as pulumi.dynamic.Resource
// does) and its dynamic-provider host loads that text in another process
// (require-from-string, then handler()). The text is small, captures no
// engine, socket or handle, and works on its own in a fresh process started
// elsewhere: it loads gantry by module path when a method runs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
const gantry = require("gantry/pulumi") as typeof import("../../pulumi/index.js");
/** The loader the SDK's dynamic-provider host uses, as it resolves it. */
const requireFromString = createRequire(require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js")).resolve(
  "require-from-string",
);

async function serialized(type: string): Promise<string> {
  const provider = gantry.gantryProvider(type);
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

test("every class's provider serializes small, capturing only its type and the operations' module path", async () => {
  for (const type of Object.values(gantry.GANTRY_TYPES)) {
    const text = await serialized(type);
    assert.ok(text.length < 6000, `${type}: ${text.length} characters`);
    assert.ok(text.includes(JSON.stringify(type)), type);
    assert.match(text, /dist\/pulumi\/runtime\/provider-operations\.js/);
    for (const heavy of ["Engine", "HostConnections", "grpc", "Socket", "ChildProcess"]) {
      assert.not.ok(text.includes(heavy), `${type}'s provider captures ${heavy}`);
    }
  }
});

test("the serialized provider loads and runs in a fresh process elsewhere: check, create, read, delete", async () => {
  const text = await serialized("gantry_noop");
  const where = mkdtempSync(join(tmpdir(), "gantry-pulumi-fresh-"));
  writeFileSync(join(where, "provider.js.txt"), text);
  const script = `
    const load = require(${JSON.stringify(requireFromString)});
    const text = require("node:fs").readFileSync("provider.js.txt", "utf8");
    const provider = load(text).handler();
    (async () => {
      const inputs = { input: { a: 1 }, __gantry: { name: "n", configDir: process.cwd(), secrets: [] } };
      const checked = await provider.check({}, inputs);
      const made = await provider.create(checked.inputs);
      const read = await provider.read(made.id, made.outs);
      await provider.delete(made.id, made.outs);
      console.log(JSON.stringify({ failures: checked.failures, id: made.id, output: read.props.output }));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const r = spawnSync(process.execPath, ["-e", script], {
    cwd: where,
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });
  rmSync(where, { recursive: true, force: true });
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.failures, []);
  assert.match(out.id, /^[0-9a-f-]{36}$/);
  assert.equal(out.output, { a: 1 });
});

test.run();
