// examples/heat on local hosts, for real, as its README says: `gantry serve`, the real openstack client creates the
// stack (Gantry::Cluster with driver=local), a ZooKeeper ensemble elects a leader and HAProxy serves every app
// instance; deleting the stack stops every process and leaves no port listening. Loopback only.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gantry } from "../cli/cli-harness.js";
import { jsonOf, openstack } from "../server/openstack-cli.js";
import { serve } from "../server/served-cli.js";
import { portOpen, zookeeperModes } from "./loopback-probes.js";
import { quietLoopbackPrefix } from "./quiet-loopback-prefix.js";

const TEMPLATE = new URL("../../examples/heat/mesos-cluster.yaml", import.meta.url).pathname;

async function until<T>(what: string, ask: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const v = await ask();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test("the Mesos platform from a HOT template on local hosts: ensemble, HAProxy, and a clean delete", async () => {
  const prefix = quietLoopbackPrefix();
  const dir = mkdtempSync(join(tmpdir(), "gantry-heat-mesos-"));
  const store = join(dir, "stacks.sqlite");
  const made = gantry(["token", "create", "--tenant", "ops", "--store", store]);
  assert.is(made.code, 0, made.stderr);
  const server = await serve(store);
  const os = (...args: string[]) => openstack(`${server.url}/v1/ops`, made.stdout.trim(), args, dir);
  const json = async (...args: string[]): Promise<any> => jsonOf(await os(...args, "-f", "json"));
  try {
    const stack = await json(
      "stack",
      "create",
      "--wait",
      "-t",
      TEMPLATE,
      "--parameter",
      `address_prefix=${prefix}`,
      "mesos",
    ).catch(() => json("stack", "show", "mesos"));
    assert.is(stack.stack_status, "CREATE_COMPLETE", stack.stack_status_reason);
    const zk = String((await json("stack", "output", "show", "mesos", "zookeeper")).output_value);
    const members = zk.split(",").map((m) => m.replace(/:2181$/, ""));
    assert.is(members.length, 3, zk);
    for (const m of members) assert.ok(m.startsWith(`${prefix}.`), zk);
    const modes = await until(
      "the ensemble",
      () => zookeeperModes(members),
      (m) => m.join() === "follower,follower,leader",
    );
    assert.equal(modes, ["follower", "follower", "leader"]);
    const lb = `http://${prefix}.7:10000/`;
    const seen = await until(
      "HAProxy over the app's instances",
      async () => {
        const s = new Set<string>();
        for (let i = 0; i < 9; i++) {
          const r = await fetch(lb).catch(() => undefined);
          if (r?.status === 200) s.add((await r.text()).trim());
        }
        return [...s];
      },
      (s) => s.length === 3,
    );
    for (const s of seen)
      assert.match(s, new RegExp(`^web web-\\d on ${prefix.replace(/\./g, "\\.")}\\.\\d+:310\\d\\d$`));
    const events = await json("stack", "event", "list", "mesos");
    assert.ok(events.some((e: any) => e.resource_name === "mesos" && e.resource_status === "CREATE_COMPLETE"));

    await os("stack", "delete", "--wait", "-y", "mesos");
    assert.equal(await json("stack", "list"), []);
    for (const m of members)
      for (const p of [2181, 2888, 3888]) assert.not.ok(await portOpen(m, p), `${m}:${p} closed`);
    assert.not.ok(await portOpen(`${prefix}.7`, 10000), "HAProxy stopped");
  } finally {
    await os("stack", "delete", "--wait", "-y", "mesos").catch(() => undefined);
    assert.is(await server.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
