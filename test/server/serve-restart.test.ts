// `gantry serve` killed (SIGKILL, a crash: nothing runs at exit) in the middle of a stack create and started again
// on the same store: the stack is marked CREATE_FAILED ("Engine went down during stack CREATE"), the resource that
// was being made CREATE_FAILED ("Worker went down during resource CREATE"), as the README says; the resources that
// had finished keep their status, ids and values, the events recorded before the kill are still there, and an update
// afterwards goes on from the kept state (the finished resources are not made again).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { gantry } from "../cli/cli-harness.js";
import { askUntil, serve, type Served } from "./served-cli.js";

const TEMPLATE = `heat_template_version: 2018-08-31
parameters:
  wait: {type: number, default: 600}
resources:
  first: {type: OS::Heat::RandomString, properties: {length: 16}}
  done:
    type: OS::Heat::TestResource
    properties: {value: {get_attr: [first, value]}}
  slow:
    type: OS::Heat::TestResource
    depends_on: [done]
    properties: {value: slow, wait_secs: {get_param: wait}}
outputs:
  random: {value: {get_attr: [first, value]}}
`;

interface Resource {
  resource_name: string;
  resource_status: string;
  resource_status_reason: string;
  physical_resource_id: string;
}

function client(server: Served, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${server.url}/v1/demo${path}`, {
      method,
      headers: { "X-Auth-Token": token, "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

const byName = (rs: Resource[]) => Object.fromEntries(rs.map((r) => [r.resource_name, r]));

test("a server killed during a stack create: at restart the stack is failed, finished resources kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gantry-restart-"));
  const store = join(dir, "stacks.sqlite");
  const token = gantry(["token", "create", "--tenant", "demo", "--store", store], { cwd: dir }).stdout.trim();

  const first = await serve(store);
  let api = client(first, token);
  const created = await api("POST", "/stacks", { stack_name: "s", template: TEMPLATE });
  const path = `/stacks/s/${created.stack.id}`;
  const before = byName(
    await askUntil(
      async () => (await api("GET", `${path}/resources`)).resources as Resource[],
      (rs) => byName(rs).slow?.resource_status === "CREATE_IN_PROGRESS",
    ),
  );
  assert.is(before.first?.resource_status, "CREATE_COMPLETE");
  assert.is(before.done?.resource_status, "CREATE_COMPLETE");
  const random = (await api("GET", `${path}/resources/first`)).resource.attributes.value;
  assert.match(random, /^.{16}$/);
  const eventsBefore = (await api("GET", `${path}/events`)).events as { id: string }[];
  const ended = await first.kill("SIGKILL");
  assert.is(ended.signal, "SIGKILL");

  const second = await serve(store);
  try {
    assert.match(second.stderr(), /stack s \(.+\) was in progress at the last stop: failed/);
    api = client(second, token);
    const stack = (await api("GET", path)).stack;
    assert.is(stack.stack_status, "CREATE_FAILED");
    assert.is(stack.stack_status_reason, "Engine went down during stack CREATE");
    const after = byName((await api("GET", `${path}/resources`)).resources);
    assert.is(after.slow?.resource_status, "CREATE_FAILED");
    assert.is(after.slow?.resource_status_reason, "Worker went down during resource CREATE");
    for (const name of ["first", "done"]) {
      assert.is(after[name]?.resource_status, "CREATE_COMPLETE", name);
      assert.is(after[name]?.physical_resource_id, before[name]?.physical_resource_id, name);
    }
    assert.is((await api("GET", `${path}/resources/first`)).resource.attributes.value, random);
    const events = (await api("GET", `${path}/events`)).events as { id: string; resource_status_reason: string }[];
    const ids = new Set(events.map((e) => e.id));
    for (const e of eventsBefore) assert.ok(ids.has(e.id), `event ${e.id} recorded before the kill is kept`);
    assert.ok(events.some((e) => e.resource_status_reason === "Worker went down during resource CREATE"));

    // an update goes on from the kept state: what had finished is not made again
    await api("PATCH", path, { parameters: { wait: 0 } });
    const updated = await askUntil(
      async () => (await api("GET", path)).stack,
      (s) => !s.stack_status.endsWith("IN_PROGRESS"),
    );
    assert.is(updated.stack_status, "UPDATE_COMPLETE", updated.stack_status_reason);
    const final = byName((await api("GET", `${path}/resources`)).resources);
    assert.is(final.slow?.resource_status.endsWith("_COMPLETE"), true);
    for (const name of ["first", "done"]) {
      assert.is(final[name]?.physical_resource_id, before[name]?.physical_resource_id, name);
    }
    const outputs = (await api("GET", `${path}/outputs/random`)).output;
    assert.is(outputs.output_value, random, "the random string made before the kill is the one kept");
  } finally {
    assert.is(await second.stop(), 0, second.stderr());
  }
});

test.run();
