// Stack snapshots with the real openstack client (heatclient's `stack
// snapshot create|list|show|delete|restore`) against `gantry serve`:
// statuses, events and the restore as the real Heat 19 gave them
// (2 December 2026): SNAPSHOT_IN_PROGRESS → SNAPSHOT_COMPLETE for the stack
// and each resource, the snapshot's data in abandon's form, and a restore
// that goes RESTORE_IN_PROGRESS → RESTORE_COMPLETE updating the resources
// back (UPDATE events).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry } from "../cli/cli-harness.js";
import { askUntil, serve } from "./served-cli.js";
import { openstack } from "./openstack-cli.js";

const TEMPLATE = `heat_template_version: 2018-08-31
parameters:
  v: {type: string, default: one}
resources:
  rs: {type: OS::Heat::RandomString, properties: {length: 8}}
  t: {type: OS::Heat::TestResource, properties: {value: {get_param: v}}}
outputs:
  out: {value: {get_attr: [t, output]}}
`;

/** The JSON document of the output (`--wait` prints the events it saw first, one line each). */
function jsonOf(stdout: string): unknown {
  const start = stdout.search(/^[[{]/m);
  if (start < 0) throw new Error(`no JSON in: ${stdout}`);
  return JSON.parse(stdout.slice(start));
}

test("openstack stack snapshot create, show, list, restore, delete", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-snapshots-"));
  writeFileSync(join(dir, "t.yaml"), TEMPLATE);
  const store = join(dir, "stacks.sqlite");
  const token = gantry(["token", "create", "--tenant", "demo", "--store", store], { cwd: dir }).stdout.trim();
  const server = await serve(store);
  const os = (...args: string[]) => openstack(`${server.url}/v1/demo`, token, args, dir);
  const json = async (...args: string[]): Promise<any> => jsonOf(await os(...args, "-f", "json"));
  try {
    const created = await json("stack", "create", "--wait", "-t", "t.yaml", "s1");
    assert.is(created.stack_status, "CREATE_COMPLETE");

    const taken = await json("stack", "snapshot", "create", "--name", "snap1", "s1");
    const snap = { ...taken, id: taken.ID };
    assert.is(snap.name, "snap1");
    assert.ok(["IN_PROGRESS", "COMPLETE"].includes(snap.status), snap.status);
    const done = await askUntil(
      async () => (await json("stack", "snapshot", "show", "s1", snap.id)).snapshot,
      (s) => s.status !== "IN_PROGRESS",
    );
    assert.is(done.status, "COMPLETE");
    assert.is(done.status_reason, "Stack SNAPSHOT completed successfully");
    assert.is(done.data.action, "SNAPSHOT");
    assert.equal(Object.keys(done.data.resources).sort(), ["rs", "t"]);
    assert.equal(done.data.resources.t.resource_data, { value: "one" });
    assert.is(done.data.resources.rs.action, "SNAPSHOT");
    const shown = await json("stack", "show", "s1");
    assert.is(shown.stack_status, "SNAPSHOT_COMPLETE");
    assert.is(shown.stack_status_reason, "Stack SNAPSHOT completed successfully");
    const events = (await json("stack", "event", "list", "s1")) as Record<string, string>[];
    const told = events.map((e) => `${e.resource_name} ${e.resource_status}`);
    for (const line of [
      "s1 SNAPSHOT_IN_PROGRESS",
      "t SNAPSHOT_IN_PROGRESS",
      "t SNAPSHOT_COMPLETE",
      "rs SNAPSHOT_COMPLETE",
      "s1 SNAPSHOT_COMPLETE",
    ]) {
      assert.ok(told.includes(line), `${line} in ${told.join(", ")}`);
    }

    await os("stack", "update", "--wait", "--existing", "--parameter", "v=two", "s1");
    assert.is((await json("stack", "output", "show", "s1", "out")).output_value, "two");

    await os("stack", "snapshot", "restore", "s1", snap.id);
    const restored = await askUntil(
      () => json("stack", "show", "s1"),
      (s) => s.stack_status !== "RESTORE_IN_PROGRESS" && s.stack_status !== "UPDATE_COMPLETE",
    );
    assert.is(restored.stack_status, "RESTORE_COMPLETE", restored.stack_status_reason);
    assert.is(restored.stack_status_reason, "Stack RESTORE completed successfully");
    assert.is((await json("stack", "output", "show", "s1", "out")).output_value, "one");
    const after = ((await json("stack", "event", "list", "s1")) as Record<string, string>[]).map(
      (e) => `${e.resource_name} ${e.resource_status}`,
    );
    assert.equal(after.slice(-4), [
      "s1 RESTORE_IN_PROGRESS",
      "t UPDATE_IN_PROGRESS",
      "t UPDATE_COMPLETE",
      "s1 RESTORE_COMPLETE",
    ]);

    const list = await json("stack", "snapshot", "list", "s1");
    assert.equal(
      list.map((s: Record<string, string>) => s.id),
      [snap.id],
    );
    await os("stack", "snapshot", "delete", "s1", snap.id);
    assert.equal(await json("stack", "snapshot", "list", "s1"), []);
    const gone = await os("stack", "snapshot", "show", "s1", snap.id).then(
      () => "",
      (e: Error) => e.message,
    );
    assert.match(gone, /Snapshot ID <.*> not found/);
    await os("stack", "delete", "--wait", "-y", "s1");
  } finally {
    assert.is(await server.stop(), 0, "gantry serve stops cleanly");
  }
});

test.run();
