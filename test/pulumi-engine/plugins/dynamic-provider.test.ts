// The Node dynamic provider plugin of the SDK, started as Pulumi's engine starts it and driven over gRPC through a
// whole resource lifecycle: a provider object written here, serialized as `pulumi.dynamic.Resource` serializes it
// (runtime.serializeFunction(() => provider, { allowSecrets: true }) → the `__provider` input), managing a real file.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StackConfiguration } from "../../../pulumi-engine/config/stack-configuration.js";
import {
  NODEJS_DYNAMIC_PROVIDER_TYPE,
  startNodejsDynamicProvider,
} from "../../../pulumi-engine/plugins/nodejs-dynamic-provider.js";
import { ProviderError, ResourceInitError } from "../../../pulumi-engine/plugins/provider-error.js";
import { type PropertyMap, Secret, UNKNOWN } from "../../../pulumi-engine/plugins/property-value.js";
import type { ResourceProviderClient } from "../../../pulumi-engine/plugins/resource-provider-client.js";
import { type EngineStub, startEngineStub } from "./engine-stub.js";
import { serializedFileProvider } from "./file-provider.js";

const TYPE = "pulumi-nodejs:dynamic:Resource";
const urn = (name: string) => `urn:pulumi:dev::lab::${TYPE}::${name}`;
const PROVIDER_URN = `urn:pulumi:dev::lab::${NODEJS_DYNAMIC_PROVIDER_TYPE}::default`;

interface Rig {
  dir: string;
  engine: EngineStub;
  provider: ResourceProviderClient;
  output: string[];
  serialized: string;
}

async function rig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), "gantry-dynamic-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: lab\nruntime: nodejs\n");
  const engine = await startEngineStub();
  const output: string[] = [];
  const provider = await startNodejsDynamicProvider({
    engineAddress: engine.address,
    programDir: dir,
    project: "lab",
    onOutput: (stream, line) => output.push(`${stream}: ${line}`),
  });
  return { dir, engine, provider, output, serialized: await serializedFileProvider() };
}

async function finish(r: Rig): Promise<void> {
  await r.provider.close();
  await r.engine.stop();
}

/** Wait until a condition holds, polling on timers (never a fixed sleep that must be long enough). */
async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("check → create → read → diff → update → diff (replace) → delete on a real file, config and secrets", async () => {
  const r = await rig();
  try {
    const p = r.provider;
    assert.ok(p.process?.running);
    assert.is((await p.getPluginInfo()).version, "3.248.0");
    assert.is(await p.handshake({ engineAddress: r.engine.address, programDirectory: r.dir }), undefined);

    // The stack config as Pulumi gives it to a dynamic provider: every key, secrets decrypted and marked.
    writeFileSync(join(r.dir, "Pulumi.dev.yaml"), "config:\n  lab:prefix: '>> '\n");
    const stack = await StackConfiguration.load({ dir: r.dir, stack: "dev", env: {} });
    const config: PropertyMap = { ...stack.dynamicProviderConfig(), "lab:token": new Secret("tok-123") };
    const checked = await p.checkConfig({ urn: PROVIDER_URN, olds: {}, news: config });
    assert.equal(checked, { inputs: config, failures: [] }, "CheckConfig is not implemented: config passes as is");
    const conf = await p.configure({ args: config, urn: PROVIDER_URN, type: NODEJS_DYNAMIC_PROVIDER_TYPE });
    assert.is(conf.acceptSecrets, false);
    assert.is(p.acceptsSecrets, false);

    const path = join(r.dir, "a.txt");
    const news: PropertyMap = { __provider: r.serialized, path, content: new Secret("hello") };
    const bad = await p.check({ urn: urn("f"), olds: {}, news: { __provider: r.serialized, content: "x" } });
    assert.equal(bad.failures, [{ property: "path", reason: "path is required" }]);
    const check = await p.check({ urn: urn("f"), olds: {}, news });
    assert.equal(check.failures, []);
    assert.is(check.inputs.mode, "0644");
    assert.is(check.inputs.__provider, r.serialized);
    assert.instance(check.inputs.content, Secret, "a secret input stays secret through a provider without secrets");

    // A preview's unknown input travels as Pulumi's sentinel and comes back as UNKNOWN.
    const preview = await p.check({ urn: urn("f"), olds: {}, news: { ...news, content: UNKNOWN } });
    assert.is(preview.inputs.content, UNKNOWN);

    const created = await p.create({ urn: urn("f"), properties: check.inputs });
    assert.is(created.id, path);
    assert.is(readFileSync(path, "utf8"), ">> hello");
    assert.equal(created.properties.content, new Secret("hello"));
    assert.is(created.properties.size, 5);
    assert.is(created.properties.tokenSeen, 7, "configure() saw the secret config value decrypted");
    await until(() => r.output.includes(`stdout: created ${path}`), "the provider's console.log");

    writeFileSync(path, ">> drifted");
    const read = await p.read({ urn: urn("f"), id: created.id, properties: created.properties, inputs: check.inputs });
    assert.is(read.id, path);
    assert.equal(read.properties.content, new Secret("drifted"));
    assert.is(read.properties.size, 7);

    const news2: PropertyMap = { ...news, content: "world" };
    const check2 = await p.check({ urn: urn("f"), olds: check.inputs, news: news2 });
    const diff = await p.diff({ urn: urn("f"), id: path, olds: read.properties, news: check2.inputs });
    assert.equal(diff, { changes: "some", replaces: [], stables: [], deleteBeforeReplace: true, diffs: [] });
    const updated = await p.update({ urn: urn("f"), id: path, olds: read.properties, news: check2.inputs });
    assert.is(updated.properties.content, "world");
    assert.is(readFileSync(path, "utf8"), ">> world");

    const same = await p.diff({ urn: urn("f"), id: path, olds: updated.properties, news: check2.inputs });
    assert.is(same.changes, "none");
    const moved = await p.diff({
      urn: urn("f"),
      id: path,
      olds: updated.properties,
      news: { ...check2.inputs, path: join(r.dir, "b.txt") },
    });
    assert.is(moved.changes, "some");
    assert.equal(moved.replaces, ["path"]);
    assert.is(moved.deleteBeforeReplace, true);

    await p.delete({ urn: urn("f"), id: path, properties: updated.properties });
    assert.not.ok(existsSync(path));
    const gone = await p.read({ urn: urn("f"), id: path, properties: updated.properties });
    assert.is(gone.id, "", "read of a deleted resource answers no ID");
  } finally {
    await finish(r);
  }
  assert.not.ok(r.provider.process?.running, "the plugin process has exited");
});

test("failures: a thrown error is a ProviderError, a half-created resource a ResourceInitError", async () => {
  const r = await rig();
  try {
    const p = r.provider;
    await p.configure({ args: { "lab:prefix": "" } });
    const path = join(r.dir, "x.txt");
    const init = await p
      .create({ urn: urn("x"), properties: { __provider: r.serialized, path, content: "explode" } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.instance(init, ResourceInitError);
    const e = init as ResourceInitError;
    assert.is(e.message, "file written but not ready");
    assert.is(e.id, path);
    assert.equal(e.properties, { path, content: "half" });
    assert.equal(e.reasons, ["not ready"]);

    const failed = await p
      .delete({ urn: urn("x"), id: join(r.dir, "missing"), properties: { __provider: r.serialized } })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    assert.instance(failed, ProviderError);
    assert.match((failed as ProviderError).message, /ENOENT/);
    assert.is((failed as ProviderError).operation, "Delete");
  } finally {
    await finish(r);
  }
});

test("a provider whose configure() finds no config fails the first call that loads it", async () => {
  const r = await rig();
  try {
    const p = r.provider;
    await p.configure({ args: {} });
    const check = await p
      .check({ urn: urn("u"), olds: {}, news: { __provider: r.serialized, path: "p", content: UNKNOWN } })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    // configure() of the provider object runs on first use and requires "prefix"
    assert.instance(check, ProviderError);
    assert.match((check as Error).message, /Missing required configuration key: prefix/);
  } finally {
    await finish(r);
  }
});

test("a plugin that dies before writing its port is reported with its stderr", async () => {
  const { PluginProcess } = await import("../../../pulumi-engine/plugins/plugin-process.js");
  const err = await PluginProcess.launch({
    command: process.execPath,
    args: ["-e", "console.error('boom: no engine'); process.exit(3)"],
    cwd: tmpdir(),
    env: process.env,
    label: "pulumi-resource-broken",
  }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  assert.ok(err);
  assert.match(err!.message, /^could not read plugin \[pulumi-resource-broken\]: exit status 3\nboom: no engine/);
  const bad = await PluginProcess.launch({
    command: process.execPath,
    args: ["-e", "console.log('not a port'); setInterval(() => {}, 1000)"],
    cwd: tmpdir(),
    env: process.env,
    label: "pulumi-resource-chatty",
  }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  assert.match(
    bad!.message,
    /resource plugin \[pulumi-resource-chatty\] wrote an invalid port to stdout: "not a port"/,
  );
});

test("a plugin does not outlive a gantry process killed without stopping it", async () => {
  const { spawn } = await import("node:child_process");
  const fixture = join(import.meta.dirname, "fixtures", "launch-and-hang.ts");
  const parent = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "inherit"] });
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout.once("data", (d) => resolve(Number(String(d).trim())));
    parent.once("exit", (code) => reject(new Error(`the launching process exited (${code}) before the plugin ran`)));
  });
  assert.ok(pid > 0);
  const alive = (p: number) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  assert.ok(alive(pid));
  parent.kill("SIGKILL");
  await until(() => !alive(pid), "the orphaned plugin to exit", 60_000);
});

test.run();
