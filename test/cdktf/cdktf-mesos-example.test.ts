// examples/cdktf-mesos: the Mesos platform of examples/mesos-cluster as a
// CDKTF app on gantry's constructs, synthesized by its own cdktf.json command
// (npx tsx main.ts), planned as the YAML blueprint is (the same resources),
// then applied on local hosts (loopback addresses nothing listens on, the app
// in a temporary directory), its null_resource's local-exec run, planned again
// with no changes, and destroyed, leaving no process, host root or state.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../engine/engine.js";
import { planToJson } from "../../cli/render-json.js";
import { gantry, pidAlive } from "../cli/cli-harness.js";
import { quietLoopbackPrefix } from "../e2e/quiet-loopback-prefix.js";
import { cdktfApp } from "./cdktf-app-fixture.js";

const EXAMPLES = new URL("../../examples/", import.meta.url).pathname;
const example = (name: string) => readFileSync(join(EXAMPLES, "cdktf-mesos", name), "utf8");
const dir = cdktfApp({ "main.ts": example("main.ts"), "cdktf.json": example("cdktf.json") });
const engine = new Engine();
const hasNullResource = engine.types.get("null_resource") !== undefined;

async function plannedAddresses(configDir: string): Promise<string[]> {
  const outcome = await engine.plan(engine.workspace({ dir: configDir }), { refresh: false });
  const json = planToJson(outcome.plan) as { resource_changes: { address: string; change: { actions: string[] } }[] };
  return json.resource_changes.map((c) => `${c.address} ${c.change.actions.join(",")}`).sort();
}

let stack: Record<string, any> = {};

test("the example synthesizes one stack: the cluster and a null_resource with a local-exec provisioner", async () => {
  const ws = await engine.openWorkspace({ dir });
  assert.equal(ws.app, { dir, stack: "mesos" });
  stack = JSON.parse(readFileSync(join(ws.dir, "cdk.tf.json"), "utf8"));
  const mesos = stack.resource.gantry_cluster.mesos;
  assert.is(mesos.hosts.length, 9);
  assert.equal(mesos.hosts[0], {
    name: "node-1",
    address: "${var.address_prefix}.1",
    driver: "local",
    cpus: 3,
    memory_mb: 16000,
    rack: "r1",
  });
  assert.equal(
    mesos.node_groups.map((g: { name: string }) => g.name),
    ["zookeeper", "master", "agent", "lb"],
  );
  assert.is(mesos.zk_path, "/mesos");
  const announce = stack.resource.null_resource.announce;
  assert.is(announce.provisioner[0]["local-exec"].command, 'echo "the web app answers at $ROUTES"');
  assert.is(stack.terraform.backend.local.path, join(dir, "terraform.mesos.tfstate"));
});

test("its cluster plans the same resources as examples/mesos-cluster's blueprint", async () => {
  const clusterOnly = mkdtempSync(join(tmpdir(), "gantry-cdktf-mesos-"));
  const { null_resource: _, ...resources } = stack.resource;
  writeFileSync(join(clusterOnly, "cdk.tf.json"), JSON.stringify({ ...stack, resource: resources }));
  const fromCdktf = await plannedAddresses(clusterOnly);
  const fromYaml = await plannedAddresses(join(EXAMPLES, "mesos-cluster"));
  assert.ok(fromYaml.length > 100, `${fromYaml.length} resources`);
  assert.equal(
    fromCdktf.map((a) => a.replace(/^gantry_/, "")),
    fromYaml.map((a) => a.replace(/^gantry_/, "")),
  );
});

if (hasNullResource) {
  test("gantry plan on the app shows the cluster and the null_resource", () => {
    const r = gantry(["plan", dir, "-refresh=false"]);
    assert.is(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /# (gantry_)?cluster\.mesos will be created/);
    assert.match(r.stdout, /# null_resource\.announce will be created/);
  });
} else {
  const why = "gantry has no null_resource type yet; the example's announce resource needs it";
  test.skip(`gantry plan on the app (SKIPPED: ${why})`, () => {});
  console.log(
    "SKIPPED: gantry plan of examples/cdktf-mesos as a whole: gantry has no null_resource type (nor provisioners) " +
      "yet; the cluster part is planned above without it",
  );
}

const prefix = quietLoopbackPrefix();
const VARS = ["-var", `address_prefix=${prefix}`];
const statePath = join(dir, "terraform.mesos.tfstate");
const state = () => JSON.parse(readFileSync(statePath, "utf8"));

if (hasNullResource) {
  test("gantry apply runs the app on local hosts: the cluster, then the null_resource's local-exec", () => {
    const r = gantry(["apply", "-auto-approve", ...VARS, dir], { timeoutMs: 900_000 });
    assert.is(r.code, 0, (r.stdout + r.stderr).slice(-4000));
    assert.match(r.stdout, /null_resource\.announce \(local-exec\): the web app answers at /);
    assert.match(r.stdout, /Apply complete!/);
    const resources = state().resources as { type: string; address: string }[];
    assert.ok(resources.length > 100, `${resources.length} resources in state`);
    assert.ok(resources.some((x) => x.address === "null_resource.announce"));
    const web = JSON.parse(gantry(["output", "-json", dir]).stdout).web;
    assert.match(JSON.stringify(web.value), new RegExp(`${prefix.replace(/\./g, "\\.")}\\.7:10000`));
  });

  test("a plan right after apply has no changes", () => {
    const r = gantry(["plan", "-detailed-exitcode", ...VARS, dir], { timeoutMs: 600_000 });
    assert.is(r.code, 0, (r.stdout + r.stderr).slice(-4000));
    assert.match(r.stdout, /No changes\./);
  });

  test("destroy stops every process, removes every host root and empties the state", () => {
    const resources = state().resources as { type: string; attributes: Record<string, any> }[];
    const pids = resources.filter((x) => x.type === "gantry_service" && x.attributes.pid).map((x) => x.attributes.pid);
    const roots = resources.filter((x) => x.type === "gantry_host").map((x) => x.attributes.root as string);
    assert.ok(pids.length >= 7, `services running: ${pids.length}`);
    assert.ok(roots.length >= 7, `host roots: ${roots.length}`);
    const r = gantry(["destroy", "-auto-approve", ...VARS, dir], { timeoutMs: 900_000 });
    assert.is(r.code, 0, (r.stdout + r.stderr).slice(-4000));
    for (const pid of pids) assert.not.ok(pidAlive(pid), `process ${pid} gone`);
    for (const root of roots) assert.not.ok(existsSync(root), `${root} removed`);
    assert.is(state().resources.length, 0);
  });
}

test.after(() => {
  if (existsSync(statePath) && state().resources.length)
    gantry(["destroy", "-auto-approve", ...VARS, dir], { timeoutMs: 900_000 });
  rmSync(dir, { recursive: true, force: true });
});

test.run();
