// The flag lists compiled into the drivers must be the reference's lists.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  CHRONOS_FLAGS,
  CHRONOS_VALUELESS_FLAGS,
  MARATHON_FLAGS,
  MESOS_AGENT_FLAGS,
  MESOS_AGENT_NEGATABLE,
  MESOS_FLAG_ALIASES,
  MESOS_MASTER_FLAGS,
  MESOS_MASTER_NEGATABLE,
} from "../../blueprints/services/flag-names.js";
import { mesosFlagTable, reference, type MesosFlags } from "./reference.js";

const sorted = (xs: readonly string[]) => [...xs].sort();

test("Mesos accepted names equal mesos-flags.json accepted_names", () => {
  const ref = reference<MesosFlags>("mesos-flags.json");
  assert.equal(sorted(MESOS_MASTER_FLAGS), sorted(ref.accepted_names["mesos-master"]));
  assert.equal(sorted(MESOS_AGENT_FLAGS), sorted(ref.accepted_names["mesos-agent"]));
});

test("Mesos negatable flags and aliases equal the reference tables", () => {
  for (const [daemon, list] of [
    ["mesos-master", MESOS_MASTER_NEGATABLE],
    ["mesos-agent", MESOS_AGENT_NEGATABLE],
  ] as const) {
    const table = mesosFlagTable(daemon);
    assert.equal(sorted(list), sorted([...table].filter(([, f]) => f.negatable).map(([n]) => n)), daemon);
  }
  const ref = reference<MesosFlags>("mesos-flags.json");
  const aliases: Record<string, string> = {};
  for (const f of [...ref.master, ...ref.agent, ...ref.common]) for (const a of f.aliases ?? []) aliases[a] = f.name;
  assert.equal({ ...MESOS_FLAG_ALIASES }, aliases);
});

test("Marathon and Chronos accepted names equal the reference", () => {
  assert.equal(sorted(MARATHON_FLAGS), sorted(reference("marathon-flags.json").accepted_names));
  const chronos = reference("chronos-flags.json");
  assert.equal(sorted(CHRONOS_FLAGS), sorted(chronos.accepted_names));
  assert.equal(
    sorted(CHRONOS_VALUELESS_FLAGS),
    sorted(chronos.flags.filter((f: any) => f.takes_value === false).map((f: any) => f.name)),
  );
});

test.run();
