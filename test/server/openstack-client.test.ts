// The real OpenStack client (Debian's python3-openstackclient 6 with
// python3-heatclient 3) against `gantry serve`, the built CLI, on a free
// loopback port with a store of its own. Without Keystone the client is
// told the endpoint and token directly:
//
//   openstack --os-auth-type admin_token --os-endpoint http://HOST:PORT/v1/TENANT --os-token TOKEN stack list
//
// (openstackclient 6 has no `token_endpoint` auth type; `admin_token` is
// keystoneauth's plugin for a fixed token and endpoint.)
//
// The client (/usr/bin/openstack) comes from the Debian packages .ci/run installs.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runHeatApi } from "../../server/run-heat-api.js";
import { gantry } from "../cli/cli-harness.js";
import { serve } from "./served-cli.js";
import { ChronosDouble } from "../frameworks/chronos-contract-double.js";
import { MarathonDouble } from "../frameworks/marathon-contract-double.js";
import { connect, createServer, type Server } from "node:net";
import { StackOperationsDouble } from "./stack-operations-double.js";
import { jsonOf, OPENSTACK, openstack } from "./openstack-cli.js";

const TEMPLATE = `heat_template_version: 2016-04-08
description: gantry and the openstack client
parameters:
  test_val:
    type: string
    default: first
resources:
  test:
    type: OS::Heat::TestResource
    properties:
      value: {get_param: test_val}
  rand:
    type: OS::Heat::RandomString
    properties:
      length: 12
outputs:
  output_value:
    description: the test resource's output
    value: {get_attr: [test, output]}
`;

test("the openstack client is installed", () => {
  assert.ok(existsSync(OPENSTACK), `${OPENSTACK} (Debian python3-openstackclient, python3-heatclient)`);
});

test("the client's calls and our answers fit: the API over the stack-service double, in process", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-openstack-"));
  writeFileSync(join(dir, "t.yaml"), TEMPLATE);
  const ops = new StackOperationsDouble();
  const { token } = await ops.store.issueToken("demo", ["member"]);
  const lines: string[] = [];
  const api = await runHeatApi({ operations: ops, host: "127.0.0.1", port: 0, log: (l) => lines.push(l) });
  const os = (...args: string[]) => openstack(`${api.url}/v1/demo`, token, args, dir);
  const json = async (...args: string[]): Promise<any> => jsonOf(await os(...args, "-f", "json"));
  try {
    const created = await json("stack", "create", "--wait", "-t", "t.yaml", "--parameter", "test_val=x", "s1");
    assert.is(created.stack_status, "CREATE_COMPLETE");
    const call = ops.calls.find((c) => c.op === "create")?.args[0] as { source: { parameters: unknown } };
    assert.equal(call.source.parameters, { test_val: "x" });
    const list = await json("stack", "list");
    assert.equal(
      list.map((s: Record<string, string>) => [s["Stack Name"], s["Stack Status"], s.ID]),
      [["s1", "CREATE_COMPLETE", created.id]],
    );
    const resources = await json("stack", "resource", "list", "s1");
    assert.equal(
      resources.map((r: { resource_name: string }) => r.resource_name),
      ["test", "rand"],
    );
    const events = await json("stack", "event", "list", "s1");
    assert.is(events.length, 6);
    const output = await json("stack", "output", "show", "s1", "output_value");
    assert.is(output.output_value, "value of output_value");
    const updated = await json("stack", "update", "--wait", "--existing", "--parameter", "test_val=y", "s1");
    assert.is(updated.stack_status, "UPDATE_COMPLETE");
    const update = ops.calls.find((c) => c.op === "update")?.args[1];
    assert.equal(update, { existing: true, environments: [], files: {}, parameters: { test_val: "y" } });
    const valid = await json("orchestration", "template", "validate", "-t", "t.yaml");
    assert.is(valid.Description, "gantry and the openstack client");
    await os("stack", "delete", "--wait", "-y", "s1");
    assert.equal(await json("stack", "list"), []);
  } finally {
    await api.stop();
  }
  assert.ok(lines.some((l) => /^POST \/v1\/demo\/stacks 201 \d+ms$/.test(l)));
});

test("openstack stack create, list, show, update, resources, events, output, validate, delete", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-openstack-"));
  const store = join(dir, "stacks.sqlite");
  writeFileSync(join(dir, "t.yaml"), TEMPLATE);
  writeFileSync(join(dir, "t2.yaml"), TEMPLATE.replace("default: first", "default: second"));
  const made = gantry(["token", "create", "--tenant", "demo", "--store", store]);
  assert.is(made.code, 0, made.stderr);
  const token = made.stdout.trim();
  assert.match(
    token,
    /^gt_[A-Za-z0-9_-]+$/,
    'a token never begins with "-", which the client would take for an option',
  );
  const server = await serve(store);
  const os = (...args: string[]) => openstack(`${server.url}/v1/demo`, token, args, dir);
  const json = async (...args: string[]): Promise<any> => jsonOf(await os(...args, "-f", "json"));
  try {
    const created = await json("stack", "create", "--wait", "-t", "t.yaml", "s1");
    assert.is(created.stack_status, "CREATE_COMPLETE");
    assert.is(created.stack_name, "s1");

    const list = await json("stack", "list");
    assert.is(list.length, 1);
    assert.is(list[0]["Stack Name"], "s1");
    assert.is(list[0]["Stack Status"], "CREATE_COMPLETE");
    assert.is(list[0].ID, created.id);

    const shown = await json("stack", "show", "s1");
    assert.is(shown.id, created.id);
    assert.is(shown.parameters.test_val, "first");
    assert.equal(
      shown.outputs.map((o: { output_key: string; output_value: unknown }) => [o.output_key, o.output_value]),
      [["output_value", "first"]],
    );

    const resourcesBefore = await json("stack", "resource", "list", "s1");
    const updated = await json("stack", "update", "--wait", "-t", "t2.yaml", "s1");
    assert.is(updated.stack_status, "UPDATE_COMPLETE");

    const resources = await json("stack", "resource", "list", "s1");
    assert.equal(resources.map((r: { resource_name: string }) => r.resource_name).sort(), ["rand", "test"]);
    for (const r of resources) assert.match(r.resource_status, /^(CREATE|UPDATE)_COMPLETE$/);
    const physical = (rs: { resource_name: string; physical_resource_id: string }[], name: string) =>
      rs.find((r) => r.resource_name === name)?.physical_resource_id;
    assert.is(physical(resources, "rand"), physical(resourcesBefore, "rand"), "an untouched resource keeps its id");

    const events = await json("stack", "event", "list", "s1");
    assert.ok(events.length >= 4);
    assert.ok(events.some((e: { resource_status: string }) => e.resource_status === "CREATE_COMPLETE"));
    assert.ok(events.some((e: { resource_status: string }) => e.resource_status === "UPDATE_COMPLETE"));

    const output = await json("stack", "output", "show", "s1", "output_value");
    assert.is(output.output_value, "second");

    const valid = await json("orchestration", "template", "validate", "-t", "t.yaml");
    assert.is(valid.Description, "gantry and the openstack client");
    assert.is(valid.Parameters.test_val.Default, "first");

    await os("stack", "delete", "--wait", "-y", "s1");
    assert.equal(await json("stack", "list"), []);
  } finally {
    const code = await server.stop();
    assert.is(code, 0, server.stderr());
  }
  assert.match(server.stderr(), /^POST \/v1\/demo\/stacks 201 \d+ms$/m);
});

/** Listens on address:port and pipes every connection to `target` (a contract double on 127.0.0.1). */
function relay(address: string, port: number, target: string): Promise<Server> {
  const to = new URL(target);
  const srv = createServer((sock) => {
    const up = connect(Number(to.port), to.hostname);
    sock.pipe(up).pipe(sock);
    sock.on("error", () => up.destroy());
    up.on("error", () => sock.destroy());
  });
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, address, () => resolve(srv));
  });
}

test("examples/heat: the Mesos platform through Gantry::Cluster, created with the openstack client", async () => {
  // Marathon and Chronos cannot be installed here: their contract doubles answer at every host's API ports
  const prefix = "127.0.91";
  const marathon = new MarathonDouble({ deploymentMs: 50 });
  const chronos = new ChronosDouble({ prefix: "" }); // distro 1.0.1: Chronos 2.5 serves its API at the root
  const [m, c] = [await marathon.start(), await chronos.start()];
  const relays: Server[] = [];
  for (let n = 1; n <= 9; n++)
    relays.push(await relay(`${prefix}.${n}`, 8080, m), await relay(`${prefix}.${n}`, 4400, c));
  const dir = mkdtempSync(join(tmpdir(), "gantry-openstack-example-"));
  const store = join(dir, "stacks.sqlite");
  const template = new URL("../../examples/heat/mesos-cluster.yaml", import.meta.url).pathname;
  const made = gantry(["token", "create", "--tenant", "ops", "--store", store]);
  assert.is(made.code, 0, made.stderr);
  const server = await serve(store);
  const os = (...args: string[]) => openstack(`${server.url}/v1/ops`, made.stdout.trim(), args, dir);
  const json = async (...args: string[]): Promise<any> => jsonOf(await os(...args, "-f", "json"));
  try {
    const params = ["--parameter", "driver=sim", "--parameter", `address_prefix=${prefix}`];
    const created = await json("stack", "create", "--wait", "-t", template, ...params, "mesos");
    assert.is(created.stack_status, "CREATE_COMPLETE", created.stack_status_reason);
    const zk = await json("stack", "output", "show", "mesos", "zookeeper");
    assert.match(String(zk.output_value), /^127\.0\.91\.\d+:2181,127\.0\.91\.\d+:2181,127\.0\.91\.\d+:2181$/);
    assert.ok(marathon.apps.has("/web"), "the app reached Marathon's API");
    assert.ok(chronos.jobs.has("nightly-cleanup"), "the job reached Chronos's API");
    const resources = await json("stack", "resource", "list", "mesos");
    assert.ok(
      resources.some((r: { resource_type: string }) => r.resource_type === "Gantry::Cluster"),
      JSON.stringify(resources.slice(0, 3)),
    );
    await os("stack", "delete", "--wait", "-y", "mesos");
    assert.equal(await json("stack", "list"), []);
  } finally {
    assert.is(await server.stop(), 0);
    for (const r of relays) await new Promise<void>((res) => r.close(() => res()));
    await marathon.stop();
    await chronos.stop();
  }
});

test.run();
