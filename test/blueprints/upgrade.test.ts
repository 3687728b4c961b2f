// Day-2 changes of a blueprint on SIMULATED hosts, applied in-process on the
// sim fabric: a distro upgrade (1.0.1 → 1.1.0) rolls through the update-policy
// groups in batches and apply keeps to them; growing and shrinking the agents
// adds or removes only the agents concerned, and placement stays put.
//
// The cluster has the Marathon and Chronos roles but no apps or jobs, so
// nothing needs a reachable Marathon or Chronos.

import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ApplyEvent } from "../../planner/apply.js";
import type { Plan } from "../../planner/plan.js";
import { changed, clusterYaml, configDir, group, planAndApply, planDir, simPool } from "./harness.js";
import { resetTestEngine, testEngine } from "../engine-fixture.js";

const yaml = clusterYaml(
  "up",
  {
    distro: { name: "mesos", version: "${var.distro_version}" },
    host_pools: [simPool(10, "127.0.85.1", { prefix: "up-" })],
    node_groups: [
      group("zookeeper", ["zookeeper"], 3, { placement: { instance_per_host: 1 } }),
      group("master", ["mesos_master", "mesos_marathon", "mesos_chronos"], 3, {
        placement: { instance_per_host: 1, group_associations: [{ reference: "zookeeper", type: "STRICT" }] },
      }),
      group("agent", ["mesos_slave"], "${var.agents}", {
        max_batch_size: 2,
        min_in_service: 2,
        placement: { instance_per_host: 1 },
      }),
    ],
  },
  {
    variables: {
      distro_version: { type: "string", default: "1.0.1" },
      agents: { type: "number", default: 4 },
    },
  },
);

const dir = configDir({ "cluster.gantry.yaml": yaml }, "upgrade");
let upgradePlan: Plan;

/** "gantry_file.up_agent_x["agent-3"]" → "agent-3" */
const nodeOf = (address: string) => /\["([^"]+)"\]$/.exec(address)?.[1];
const placementOf = (p: Plan) =>
  p.changes.find((c) => c.address === "gantry_cluster.up")?.after?.placement as Record<string, string>;

test("setup: the cluster applies on the sim fabric and a second plan has no changes", async () => {
  resetTestEngine().hosts.simFabric;
  const { result, plan } = await planAndApply(dir);
  assert.equal(result.failed, []);
  assert.ok(result.added > 50, `added ${result.added}`);
  assert.ok(plan.changes.some((c) => c.address === 'gantry_service.up_master_mesos_master["master-2"]'));
  // the daemons run on the simulated hosts
  const host = testEngine().hosts.simFabric.host(placementOf(plan)["master-1"]);
  assert.ok(host.packages.get("mesos")?.startsWith("1.0.1-"), `mesos ${host.packages.get("mesos")}`);
  const again = await planDir(dir);
  assert.equal(
    changed(again.plan).map((c) => `${c.address} ${c.action}`),
    [],
  );
});

test(
  "distro 1.0.1 → 1.1.0: rolling batches — masters one " + "at a time, agents two at a time, ZooKeeper untouched",
  async () => {
    const { plan } = await planDir(dir, { vars: { distro_version: "1.1.0" } });
    upgradePlan = plan;
    const byGroup = Object.fromEntries(plan.rolling.map((r) => [r.group, r]));
    assert.equal(byGroup["up/master"]?.batches, [["master-1"], ["master-2"], ["master-3"]]);
    assert.is(byGroup["up/master"].batchSize, 1);
    assert.is(byGroup["up/master"].minInService, 2, "a majority of 3 stays up");
    assert.equal(byGroup["up/agent"]?.batches, [
      ["agent-1", "agent-2"],
      ["agent-3", "agent-4"],
    ]);
    assert.is(byGroup["up/agent"].batchSize, 2);
    assert.is(byGroup["up/agent"].minInService, 2);
    // ZooKeeper's packages are not versioned by the distro (3.8 in both): no zookeeper change
    assert.is(byGroup["up/zookeeper"], undefined);
    assert.equal(
      changed(plan).filter((c) => /zookeeper-\d/.test(c.address)),
      [],
    );
    // the Mesos/Marathon/Chronos packages move to the new versions
    const pkg = (a: string) => plan.changes.find((c) => c.address === a)!;
    assert.is(pkg('gantry_package.up_master_mesos["master-1"]').after!.version, "1.1.0-*");
    assert.is(pkg('gantry_package.up_master_marathon["master-2"]').after!.version, "1.3.6-*");
    assert.is(pkg('gantry_package.up_master_chronos["master-3"]').after!.version, "3.0.2-*");
    assert.is(pkg('gantry_package.up_agent_mesos["agent-4"]').after!.version, "1.1.0-*");
    // every member change carries its batch
    for (const c of changed(plan).filter((x) => x.rollingGroup)) {
      assert.ok(c.batch, `${c.address} has a batch`);
      const r = byGroup[c.batch!.group];
      assert.ok(r.batches[c.batch!.index - 1].includes(nodeOf(c.address)!), `${c.address} in batch ${c.batch!.index}`);
    }
    // nothing is deleted or replaced by an upgrade
    assert.equal(
      changed(plan)
        .filter((c) => c.action !== "update")
        .map((c) => `${c.address} ${c.action}`),
      [],
    );
  },
);

test(
  "distro upgrade restarts each member's daemons in " + "its batch (the new binaries only run after a restart)",
  async () => {
    // A package upgrade replaces the binaries on disk; the supervised mesos-master,
    // marathon, chronos and mesos-slave processes keep running the old ones until
    // they are restarted. So each member's services must change in its batch.
    const svc = changed(upgradePlan).filter((c) => c.type === "gantry_service");
    for (const a of [
      'gantry_service.up_master_mesos_master["master-1"]',
      'gantry_service.up_master_marathon["master-1"]',
      'gantry_service.up_master_chronos["master-1"]',
      'gantry_service.up_agent_mesos_slave["agent-1"]',
    ])
      assert.ok(
        svc.some((c) => c.address === a),
        `${a} is restarted by the upgrade (service changes in the ` +
          `plan: ${svc.map((c) => c.address).join(", ") || "none"})`,
      );
  },
);

test(
  "apply keeps to the batches: no member of batch k+1 starts " +
    "before every change of batch k completed; then no changes",
  async () => {
    const events: { e: ApplyEvent; i: number }[] = [];
    let i = 0;
    const { result, plan } = await planAndApply(dir, {
      vars: { distro_version: "1.1.0" },
      onEvent: (e) => events.push({ e, i: i++ }),
    });
    assert.equal(result.failed, []);
    assert.ok(result.changed > 0);
    const batchOf = new Map(
      changed(plan)
        .filter((c) => c.batch)
        .map((c) => [c.address, c.batch!]),
    );
    assert.ok(batchOf.size >= 10);
    for (const r of plan.rolling) {
      for (let k = 1; k < r.batches.length; k++) {
        const doneK = events
          .filter(
            ({ e }) =>
              e.kind === "complete" && batchOf.get(e.address)?.group === r.group && batchOf.get(e.address)!.index === k,
          )
          .map((x) => x.i);
        const startsNext = events
          .filter(
            ({ e }) =>
              e.kind === "start" &&
              batchOf.get(e.address)?.group === r.group &&
              batchOf.get(e.address)!.index === k + 1,
          )
          .map((x) => x.i);
        const inK = [...batchOf.values()].filter((b) => b.group === r.group && b.index === k).length;
        assert.is(doneK.length, inK, `${r.group} batch ${k}: every change completed`);
        assert.ok(startsNext.length > 0, `${r.group} batch ${k + 1} started`);
        assert.ok(
          Math.min(...startsNext) > Math.max(...doneK),
          `${r.group}: batch ${k + 1} started (event ${Math.min(...startsNext)}) before batch ${k} completed ` +
            `(event ${Math.max(...doneK)})`,
        );
      }
    }
    const host = testEngine().hosts.simFabric.host(placementOf(plan)["master-2"]);
    assert.ok(host.packages.get("mesos")?.startsWith("1.1.0-"), `mesos ${host.packages.get("mesos")}`);
    const again = await planDir(dir, { vars: { distro_version: "1.1.0" } });
    assert.equal(
      changed(again.plan).map((c) => `${c.address} ${c.action}`),
      [],
    );
  },
);

test("growing agents 4 → 6 adds exactly agent-5 and agent-6 and moves nobody", async () => {
  const before = await planDir(dir, { vars: { distro_version: "1.1.0" } });
  const oldPlacement = placementOf(before.plan);
  const { plan } = await planDir(dir, { vars: { distro_version: "1.1.0", agents: 6 } });
  const ch = changed(plan);
  const creates = ch.filter((c) => c.action === "create");
  const other = ch.filter((c) => c.action !== "create");
  assert.equal(
    other.map((c) => `${c.address} ${c.action}`),
    ["gantry_cluster.up update"],
    "only the cluster record changes besides the creates",
  );
  const newPlacement = placementOf(plan);
  for (const [node, host] of Object.entries(oldPlacement))
    assert.is(newPlacement[node], host, `${node} stays on ${host}`);
  assert.equal(
    Object.keys(newPlacement)
      .filter((n) => !(n in oldPlacement))
      .sort(),
    ["agent-5", "agent-6"],
  );
  const newHosts = [newPlacement["agent-5"], newPlacement["agent-6"]];
  assert.not.ok(
    Object.values(oldPlacement).some((h) => newHosts.includes(h)),
    "the new agents go to unused hosts (instance_per_host 1)",
  );
  for (const c of creates) {
    const node = nodeOf(c.address);
    if (c.type === "gantry_host") assert.ok(newHosts.includes(node!), `new host ${c.address}`);
    else assert.ok(node === "agent-5" || node === "agent-6", `created ${c.address}`);
  }
  const perAgent = (n: string) => creates.filter((c) => nodeOf(c.address) === n).length;
  assert.ok(perAgent("agent-5") > 5);
  assert.is(perAgent("agent-5"), perAgent("agent-6"));
  // and it applies
  const r = await planAndApply(dir, { vars: { distro_version: "1.1.0", agents: 6 } });
  assert.equal(r.result.failed, []);
  assert.equal(placementOf(r.plan), newPlacement);
});

test("shrinking agents 6 → 3 deletes only agent-4..6 (and their hosts)", async () => {
  const before = placementOf((await planDir(dir, { vars: { distro_version: "1.1.0", agents: 6 } })).plan);
  const { plan } = await planDir(dir, { vars: { distro_version: "1.1.0", agents: 3 } });
  const ch = changed(plan);
  const other = ch.filter((c) => c.action !== "delete");
  assert.equal(
    other.map((c) => `${c.address} ${c.action}`),
    ["gantry_cluster.up update"],
  );
  const gone = ["agent-4", "agent-5", "agent-6"];
  const goneHosts = gone.map((n) => before[n]);
  for (const c of ch.filter((x) => x.action === "delete")) {
    const node = nodeOf(c.address)!;
    if (c.type === "gantry_host") assert.ok(goneHosts.includes(node), `deleted host ${c.address}`);
    else assert.ok(gone.includes(node), `deleted ${c.address}`);
  }
  for (const n of gone)
    assert.ok(
      ch.some((c) => c.action === "delete" && c.address === `gantry_service.up_agent_mesos_slave["${n}"]`),
      `${n}'s agent goes`,
    );
  const after = placementOf(plan);
  assert.equal(
    Object.keys(after)
      .filter((n) => n.startsWith("agent-"))
      .sort(),
    ["agent-1", "agent-2", "agent-3"],
  );
  for (const n of ["agent-1", "agent-2", "agent-3", "master-1", "zookeeper-1"]) assert.is(after[n], before[n]);
  const r = await planAndApply(dir, { vars: { distro_version: "1.1.0", agents: 3 } });
  assert.equal(r.result.failed, []);
  const again = await planDir(dir, { vars: { distro_version: "1.1.0", agents: 3 } });
  assert.equal(
    changed(again.plan).map((c) => c.address),
    [],
  );
});

test.run();
