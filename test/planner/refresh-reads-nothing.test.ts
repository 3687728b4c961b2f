// Refresh passes by the instances of types whose read gives back what it is given (readsNothing), as a read would
// leave them: no drift, and what an earlier apply noted on them cleared.

import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ResourceType } from "../../contract/resource-type.js";
import { refreshState } from "../../planner/refresh.js";
import { newState, type InstanceState } from "../../planner/state.js";
import { builtinType } from "../engine-fixture.js";

function record(type: string, name: string): InstanceState {
  return {
    address: `${type}.${name}`,
    type,
    name,
    attributes: { input: "x", triggers_replace: null, output: "x", id: name },
    dependencies: [],
    warnings: ["restarted a stray process"],
    limitations: [
      {
        kind: "package",
        name: "zookeeperd",
        host: "h",
        driver: "sim",
        outcome: "not installed",
        reason: "no package here",
        missing: [],
      },
    ],
  };
}

async function refreshWith(types: Record<string, ResourceType>) {
  const state = newState("test");
  for (const type of Object.keys(types)) state.instances.set(`${type}.a`, record(type, "a"));
  const drift = await refreshState(state, {
    types: (name) => types[name],
    parallelism: 2,
    dataDir: "/tmp/gantry-refresh-reads-nothing",
    configDir: "/tmp/gantry-refresh-reads-nothing",
    hosts: { connect: () => assert.unreachable("no host to connect to") as never },
    signal: new AbortController().signal,
    log: () => {},
  });
  return { state, drift };
}

test("the built-in types held only in state read nothing", () => {
  for (const name of ["noop", "terraform_data", "null_resource"]) assert.is(builtinType(name).readsNothing, true, name);
  assert.is.not(builtinType("file").readsNothing, true);
});

test("refresh does not read an instance whose type reads nothing, and clears what an apply noted on it", async () => {
  const reads: string[] = [];
  const base = builtinType("noop");
  const quiet: ResourceType = {
    ...base,
    readsNothing: true,
    read: async (_ctx, prior) => (reads.push("quiet"), prior),
  };
  const read: ResourceType = { ...base, readsNothing: false, read: async (_ctx, prior) => (reads.push("read"), prior) };
  const { state, drift } = await refreshWith({ gantry_quiet: quiet, gantry_read: read });
  assert.equal(reads, ["read"]);
  assert.equal(drift, []);
  for (const address of ["gantry_quiet.a", "gantry_read.a"]) {
    const i = state.instances.get(address)!;
    assert.is(i.warnings, undefined, address);
    assert.is(i.limitations, undefined, address);
    assert.equal(i.attributes, record("x", "a").attributes, address);
  }
});

test.run();
