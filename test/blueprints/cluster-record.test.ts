// The previous placement is an input of the expansion: previousPlacementFromState
// reads the cluster records out of a state, and expandBlueprints keeps to the
// records it is given (no state involved).

import { test } from "uvu";
import * as assert from "uvu/assert";
import { NO_RECORD, previousPlacementFromState, type PreviousPlacement } from "../../blueprints/cluster-record.js";
import { expandBlueprints } from "../../blueprints/expand.js";
import type { Value } from "../../contract/values.js";
import { newState, type InstanceState } from "../../planner/state.js";
import { resolveVariables } from "../../planner/variables.js";
import { loadConfig } from "../../templates/load.js";
import { clusterYaml, configDir, group, simPool } from "./harness.js";

const instance = (address: string, type: string, attributes: Record<string, Value>, key?: string): InstanceState => ({
  address,
  type,
  name: address.split(".")[1],
  ...(key !== undefined ? { key } : {}),
  attributes,
  dependencies: [],
});

test("previousPlacementFromState: the cluster instances' records, keyed by address; malformed entries left out", () => {
  const state = newState("test");
  state.instances.set(
    "gantry_cluster.c",
    instance("gantry_cluster.c", "gantry_cluster", {
      placement: { "zk-1": "h-2", "zk-2": 7 },
      zookeeper_ids: { "zk-1": 3, "zk-2": "x" },
      tasks: { "web-1": { host: "h-1", port: 31000 }, "web-2": { host: "h-1" } },
    }),
  );
  state.instances.set("gantry_cluster.bare", instance("gantry_cluster.bare", "gantry_cluster", {}));
  state.instances.set("gantry_noop.n", instance("gantry_noop.n", "noop", { placement: { a: "b" } }));
  state.instances.set(
    'gantry_cluster.each["k"]',
    instance('gantry_cluster.each["k"]', "gantry_cluster", { placement: { a: "b" } }, "k"),
  );
  assert.equal(previousPlacementFromState(state), {
    "gantry_cluster.c": {
      placement: { "zk-1": "h-2" },
      zookeeperIds: { "zk-1": 3 },
      tasks: { "web-1": { host: "h-1", port: 31000 } },
    },
    "gantry_cluster.bare": NO_RECORD,
  });
  assert.equal(previousPlacementFromState(newState("test")), {});
});

const dir = configDir(
  {
    "c.gantry.yaml": clusterYaml("c", {
      distro: { name: "mesos", version: "1.0.1" },
      host_pools: [simPool(6, "127.0.86.1", { prefix: "h-" })],
      node_groups: [group("zk", ["zookeeper"], 3, { placement: { instance_per_host: 1 } })],
    }),
  },
  "record",
);

async function expand(previous?: PreviousPlacement) {
  const raw = await loadConfig(dir);
  const { config } = expandBlueprints(raw, resolveVariables(raw, new Map()), { dataDir: `${dir}/.gantry`, previous });
  const record = config.resources.get("gantry_cluster.c")!.properties;
  const value = (name: string) => (record[name].value as { v: Record<string, unknown> }).v;
  return { placement: value("placement"), zookeeperIds: value("zookeeper_ids") };
}

test("expandBlueprints keeps the placement and ZooKeeper ids it is given; without them it places afresh", async () => {
  const fresh = await expand();
  assert.equal(fresh, await expand({}));
  assert.equal(fresh.zookeeperIds, { "zk-1": 1, "zk-2": 2, "zk-3": 3 });
  const hosts = Object.values(fresh.placement);
  const spare = ["h-1", "h-2", "h-3", "h-4", "h-5", "h-6"].filter((h) => !hosts.includes(h));
  const previous = {
    "gantry_cluster.c": {
      placement: { ...fresh.placement, "zk-2": spare[0] },
      zookeeperIds: { "zk-1": 3, "zk-2": 1, "zk-3": 2 },
      tasks: {},
    },
  };
  const kept = await expand(previous);
  assert.equal(kept.placement["zk-2"], spare[0]);
  assert.equal(kept.zookeeperIds, { "zk-1": 3, "zk-2": 1, "zk-3": 2 });
  // another cluster's record does not apply
  assert.equal(await expand({ "gantry_cluster.other": previous["gantry_cluster.c"] }), fresh);
});

test.run();
