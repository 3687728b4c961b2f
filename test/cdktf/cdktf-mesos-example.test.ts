// examples/cdktf-mesos: the Mesos platform of examples/mesos-cluster as a
// CDKTF app on gantry's constructs, synthesized by its own cdktf.json command
// (npx tsx main.ts), planned as the YAML blueprint is (the same resources),
// and with its null_resource and local-exec provisioner once gantry has them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../../engine/engine.js";
import { planToJson } from "../../cli/render-json.js";
import { gantry } from "../cli/cli-harness.js";
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

test.run();
