// BDE's own Mesos samples (shared/reference, verbatim from serengeti-ws)
// through the CLI: `gantry import bde` writes a blueprint that plans, a
// `*.bde.json` in a configuration directory plans as it is, and a spec with
// an unknown node-group field is a located error. Runs the built CLI
// (bin/run.js → dist/): `npm run build` first, as `npm test` does.

import { test } from "uvu";
import * as assert from "uvu/assert";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { gantry } from "../cli/cli-harness.js";
import { reference, referencePath, tempDir } from "./harness.js";

const SAMPLES = ["bde-mesos_cluster.json", "bde-mesos_full_cluster.json"] as const;
const spec = reference<{ node_group_fields: Record<string, unknown>; mesos_roles: string[] }>(
  "bde-mesos-cluster-spec.json",
);
const types = reference<{ instance_types: Record<string, { cpu: number; memory_mb: number }> }>(
  "bde-instance-types.json",
);

interface BdeGroup {
  name: string;
  roles: string[];
  instanceNum: number;
  instanceType: string;
  cpuNum?: number;
  memCapacityMB?: number;
  haFlag?: string;
}

const EVEN_MASTERS = /Warning: cluster \S+: 2 Mesos masters is an even number/;

test(
  "the samples use only documented node-group fields, instance " +
    "types and Mesos roles (the fixture is what we think)",
  () => {
    for (const s of SAMPLES) {
      const groups = JSON.parse(readFileSync(referencePath(s), "utf8")).nodeGroups as Record<string, unknown>[];
      assert.is(groups.length, 3);
      for (const g of groups) {
        for (const k of Object.keys(g)) assert.ok(k in spec.node_group_fields, `${s}: ${k}`);
        assert.ok(String(g.instanceType) in types.instance_types);
        for (const r of g.roles as string[]) assert.ok(spec.mesos_roles.includes(r), r);
      }
    }
  },
);

for (const sample of SAMPLES) {
  test(
    `${sample}: gantry import bde writes a blueprint with the ` +
      `spec's groups; gantry plan exits 0 with the even-masters warning`,
    () => {
      const dir = tempDir("bde-import");
      const out = join(dir, "cluster.gantry.yaml");
      const imp = gantry(["import", "bde", referencePath(sample), "-o", out]);
      assert.is(imp.code, 0, imp.stderr);
      assert.ok(existsSync(out));
      const doc = parse(readFileSync(out, "utf8")) as {
        resources: Record<string, { node_groups: Record<string, unknown>[]; host_pools: Record<string, unknown>[] }>;
      };
      const [key] = Object.keys(doc.resources);
      assert.match(key, /^cluster\./);
      const bp = doc.resources[key];
      const groups = JSON.parse(readFileSync(referencePath(sample), "utf8")).nodeGroups as BdeGroup[];
      assert.equal(
        bp.node_groups.map((g) => [g.name, g.roles, g.instances, g.instance_type]),
        groups.map((g) => [g.name, g.roles, g.instanceNum, g.instanceType]),
      );
      // explicit sizes are kept when they differ from the preset (mesos_cluster's slave: MEDIUM with 3748 MB)
      groups.forEach((g, i) => {
        const preset = types.instance_types[g.instanceType];
        const mine = bp.node_groups[i];
        const mem = mine.memory_mb ?? preset.memory_mb;
        const cpus = mine.cpus ?? preset.cpu;
        assert.is(mem, g.memCapacityMB ?? preset.memory_mb, `${sample} ${g.name} memory`);
        assert.is(cpus, g.cpuNum ?? preset.cpu, `${sample} ${g.name} cpus`);
        assert.is(mine.ha, g.haFlag === "on" || g.haFlag === "ft");
      });
      // one host per node
      assert.is(
        bp.host_pools[0].count,
        groups.reduce((n, g) => n + g.instanceNum, 0),
      );

      const plan = gantry(["plan", "--no-color", dir]);
      assert.is(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /Plan: \d+ to add, 0 to change, 0 to destroy\./);
      assert.match(plan.stderr, EVEN_MASTERS);
      assert.match(plan.stderr, /cluster\.gantry\.yaml line \d+, column \d+/);
      assert.not.match(plan.stderr, /ZooKeeper members is an even number/, "3 ZooKeeper members: no warning");
      assert.not.match(plan.stderr, /Error/);
      // BDE's quorum of 1 for 2 masters is not what gantry writes
      const quorums = [
        ...plan.stdout.matchAll(
          /_mesos_master_quorum\["master-\d+"\] will be created\n.*\n\s+\+ content = <<-EOT\n\s+(\S+)\n/g,
        ),
      ].map((m) => m[1]);
      assert.equal(quorums, ["2", "2"], "quorum 2 of 2 on both masters");
    },
  );
}

test(
  "a *.bde.json copied into a configuration directory plans " +
    "directly (exit 0, even-masters warning located in the JSON)",
  () => {
    const dir = tempDir("bde-direct");
    copyFileSync(referencePath("bde-mesos_full_cluster.json"), join(dir, "mesos_full_cluster.bde.json"));
    const plan = gantry(["plan", "--no-color", dir]);
    assert.is(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /Plan: \d+ to add, 0 to change, 0 to destroy\./);
    assert.match(plan.stdout, /cluster\.mesos_full_cluster/);
    // every role of the spec became services
    for (const svc of ["zookeeper", "mesos-master", "mesos-slave", "marathon", "chronos", "dockerd"])
      assert.match(plan.stdout, new RegExp(`name\\s+= "${svc}"`), svc);
    assert.match(plan.stderr, EVEN_MASTERS);
    assert.match(plan.stderr, /mesos_full_cluster\.bde\.json line \d+, column \d+/);
    // it planned the same resources as the imported YAML would
    const dir2 = tempDir("bde-direct-yaml");
    assert.is(
      gantry(["import", "bde", join(dir, "mesos_full_cluster.bde.json"), "-o", join(dir2, "c.gantry.yaml")]).code,
      0,
    );
    const plan2 = gantry(["plan", "--no-color", dir2]);
    assert.is(/Plan: (\d+) to add/.exec(plan2.stdout)?.[1], /Plan: (\d+) to add/.exec(plan.stdout)?.[1]);
  },
);

test(
  "an unknown node-group field in a BDE spec: located error " +
    "(file, line, column of the field) naming it, for plan and import",
  () => {
    const dir = tempDir("bde-bad");
    const specJson = JSON.parse(readFileSync(referencePath("bde-mesos_cluster.json"), "utf8"));
    specJson.nodeGroups[1].instanceCount = 2;
    const text = JSON.stringify(specJson, null, 2);
    writeFileSync(join(dir, "bad.bde.json"), text);
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes('"instanceCount"')) + 1;
    const column = lines[line - 1].indexOf('"instanceCount"') + 1;

    const plan = gantry(["plan", "--no-color", dir]);
    assert.is(plan.code, 1);
    assert.match(plan.stderr, 'unknown node-group field "instanceCount" in nodeGroups[1]');
    assert.match(plan.stderr, `bad.bde.json line ${line}, column ${column}`);
    assert.match(plan.stderr, "instanceNum", "lists the accepted fields");

    const outDir = tempDir("bde-bad-out");
    const imp = gantry(["import", "bde", join(dir, "bad.bde.json"), "-o", join(outDir, "c.gantry.yaml")]);
    assert.is(imp.code, 1);
    assert.match(imp.stderr, 'unknown node-group field "instanceCount"');
    assert.match(imp.stderr, `line ${line}, column ${column}`);
    assert.equal(readdirSync(outDir), [], "nothing written");
  },
);

test("an unknown instanceType in a BDE spec is a located error", () => {
  const dir = tempDir("bde-bad-type");
  mkdirSync(dir, { recursive: true });
  const specJson = JSON.parse(readFileSync(referencePath("bde-mesos_cluster.json"), "utf8"));
  specJson.nodeGroups[0].instanceType = "HUGE";
  const text = JSON.stringify(specJson, null, 2);
  writeFileSync(join(dir, "t.bde.json"), text);
  const line = text.split("\n").findIndex((l) => l.includes('"HUGE"')) + 1;
  const plan = gantry(["plan", "--no-color", dir]);
  assert.is(plan.code, 1);
  assert.match(plan.stderr, /instanceType must be one of SMALL, MEDIUM, LARGE, EXTRA_LARGE/);
  assert.match(plan.stderr, `t.bde.json line ${line}, column`);
});

test.run();
