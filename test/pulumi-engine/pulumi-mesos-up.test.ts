// examples/pulumi-mesos run by `gantry pulumi up` itself (the CLI, no mocks, no Pulumi CLI) on local hosts: the
// program's gantry.Cluster (a dynamic resource, pulumi-nodejs:dynamic/gantry:Cluster) runs in the SDK's
// dynamic-provider plugin, which loads gantry by module path and applies the whole platform; HAProxy then answers
// with the web app. A second up changes nothing, a config change updates the cluster in place, destroy leaves
// nothing listening. The program is TypeScript, run by the SDK's ts-node; PULUMI_NODEJS_TRANSPILE_ONLY (a setting
// of Pulumi's own) skips its type check, which costs minutes here and is `npm run typecheck`'s job.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantry } from "../cli/cli-harness.js";
import { quietLoopbackPrefix } from "../e2e/quiet-loopback-prefix.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const EXAMPLE = join(ROOT, "examples", "pulumi-mesos");
const prefix = quietLoopbackPrefix();
const ENV = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
const TIMEOUT = 600_000;

/** The example as a user has it: its files, a package.json, node_modules with @pulumi/pulumi and gantry. */
function exampleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-pulumi-mesos-"));
  for (const f of ["index.ts", "Pulumi.yaml", "tsconfig.json"]) copyFileSync(join(EXAMPLE, f), join(dir, f));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "pulumi-mesos", main: "index.ts", dependencies: { "@pulumi/pulumi": "3.248.0" } }),
  );
  mkdirSync(join(dir, "node_modules"));
  for (const scope of ["@pulumi", "@types"])
    symlinkSync(join(ROOT, "node_modules", scope), join(dir, "node_modules", scope));
  symlinkSync(ROOT, join(dir, "node_modules", "gantry"));
  return dir;
}

const dir = exampleDir();

function stackConfig(webInstances: number): void {
  const example = readFileSync(join(EXAMPLE, "Pulumi.dev.yaml"), "utf8");
  writeFileSync(
    join(dir, "Pulumi.dev.yaml"),
    example
      .replace(/addressPrefix: "[0-9.]+"/, `addressPrefix: "${prefix}"`)
      .replace(/webInstances: "\d+"/, `webInstances: "${webInstances}"`),
  );
}

const up = () => gantry(["pulumi", "up", "--yes", dir], { env: ENV, timeoutMs: TIMEOUT });
const clusterOutputs = () => {
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"));
  const r = state.resources.find((x: { address: string }) => x.address.endsWith("gantry:Cluster::mesos"));
  return r?.attributes.outputs;
};

function portOpen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, address);
    const answer = (open: boolean) => {
      s.destroy();
      resolve(open);
    };
    s.setTimeout(1000, () => answer(false));
    s.once("connect", () => answer(true));
    s.once("error", () => answer(false));
  });
}

/** The body HAProxy answers with, once it does (within a minute), else null. */
async function webAnswer(url: string): Promise<string | null> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (r.ok) return await r.text();
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

let created = false;

test("up applies the platform: HAProxy answers with the web app, the outputs say where", async () => {
  stackConfig(3);
  const r = up();
  created = true;
  assert.is(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, "Updating (dev):");
  assert.match(r.stdout, " +  pulumi-nodejs:dynamic/gantry:Cluster mesos created");
  assert.match(r.stdout, "Resources:\n    + 2 created");
  assert.match(r.stdout, `web         : "http://${prefix}.7:10000/"`);
  assert.match(r.stdout, `zookeeper   : "${prefix}.4:2181,${prefix}.5:2181,${prefix}.6:2181"`);
  const out = gantry(["pulumi", "stack", "output", "web", "-C", dir]);
  assert.is(out.stdout, `http://${prefix}.7:10000/\n`);
  assert.match((await webAnswer(`http://${prefix}.7:10000/`)) ?? "no answer", /^web web-\d on /);
  assert.ok(await portOpen(`${prefix}.4`, 2181), "ZooKeeper listens");
});

test("a second up with no change changes nothing", () => {
  const r = up();
  assert.is(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, "Resources:\n    2 unchanged");
  assert.not.match(r.stdout, /created|updated|replaced|deleted/);
});

test("a config change updates the cluster in place", async () => {
  stackConfig(2);
  const r = up();
  assert.is(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, " ~  pulumi-nodejs:dynamic/gantry:Cluster mesos updated");
  assert.match(r.stdout, "Resources:\n    ~ 1 updated\n    1 unchanged");
  assert.is(clusterOutputs().apps[0].instances, 2);
  assert.match((await webAnswer(`http://${prefix}.7:10000/`)) ?? "no answer", /^web web-\d on /);
});

test("destroy deletes both resources and leaves nothing listening", async () => {
  const r = gantry(["pulumi", "destroy", "--yes", dir], { env: ENV, timeoutMs: TIMEOUT });
  assert.is(r.code, 0, r.stderr + r.stdout);
  created = false;
  assert.match(r.stdout, "    - 2 deleted");
  assert.is(clusterOutputs(), undefined);
  for (const [host, port] of [
    [7, 10000],
    [4, 2181],
    [5, 2181],
  ])
    assert.not.ok(await portOpen(`${prefix}.${host}`, port), `${prefix}.${host}:${port} still listens`);
});

test.after(() => {
  // a failed step must not leave the platform running
  if (created) gantry(["pulumi", "destroy", "--yes", dir], { env: ENV, timeoutMs: TIMEOUT });
});

test.run();
