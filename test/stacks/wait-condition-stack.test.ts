// OS::Heat::WaitConditionHandle and OS::Heat::WaitCondition over the served
// Heat API: the stack's create runs while signals arrive over HTTP (one of
// them with the handle's own curl_cli, one with `openstack stack resource
// signal`). Statuses, reasons, the handle's metadata, its SIGNAL events and
// the condition's `data` are what the real Heat 19 answered to the same
// templates and signals (2 December 2026).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Engine } from "../../engine/engine.js";
import { runHeatApi, type RunningHeatApi } from "../../server/run-heat-api.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import { StackService } from "../../stacks/stack-service.js";

const OPENSTACK = "/usr/bin/openstack";
const DEADLINE_MS = 180_000;

function template(count: number, timeout: number): Record<string, unknown> {
  return {
    heat_template_version: "2016-04-08",
    resources: {
      handle: { type: "OS::Heat::WaitConditionHandle" },
      wait: { type: "OS::Heat::WaitCondition", properties: { handle: { get_resource: "handle" }, count, timeout } },
      rand: { type: "OS::Heat::RandomString" },
    },
    outputs: {
      data: { value: { get_attr: ["wait", "data"] } },
      signal: { value: { get_attr: ["handle", "signal"] } },
    },
  };
}

interface Served {
  api: RunningHeatApi;
  store: SqliteStackStore;
  token: string;
  /** `/v1/demo` + path, with the member's token (or `token`). */
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

async function served(): Promise<Served> {
  const root = mkdtempSync(join(tmpdir(), "gantry-wait-"));
  const store = SqliteStackStore.open(join(root, "stacks.db"));
  let v1: string | undefined;
  const service = new StackService({ engine: new Engine(), store, dataRoot: join(root, "data"), heatUrl: () => v1 });
  const api = await runHeatApi({ operations: service, host: "127.0.0.1", port: 0, log: () => {} });
  v1 = `${api.url}/v1`;
  const { token } = await store.issueToken("demo", ["member"]);
  return {
    api,
    store,
    token,
    async call(method, path, body, as = token) {
      const res = await fetch(`${api.url}/v1/demo${path}`, {
        method,
        headers: { "x-auth-token": as, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    stop: () => api.stop(),
  };
}

async function until<T>(what: string, look: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + DEADLINE_MS;
  for (;;) {
    const got = await look();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function createStack(s: Served, name: string, tmpl: Record<string, unknown>): Promise<string> {
  const res = await s.call("POST", "/stacks", { stack_name: name, template: tmpl });
  assert.is(res.status, 201, JSON.stringify(res.json));
  return res.json.stack.id;
}

/** The resource as the API shows it, once `ready` holds for it. */
function resourceWhen(s: Served, stack: string, name: string, ready: (r: any) => boolean): Promise<any> {
  return until(`${name} of ${stack}`, async () => {
    const res = await s.call("GET", `/stacks/${stack}/resources/${name}`);
    return res.status === 200 && ready(res.json.resource) ? res.json.resource : undefined;
  });
}

function stackDone(s: Served, stack: string): Promise<any> {
  return until(`${stack} to finish`, async () => {
    const res = await s.call("GET", `/stacks/${stack}`);
    return res.json.stack.stack_status.endsWith("_IN_PROGRESS") ? undefined : res.json.stack;
  });
}

async function events(s: Served, stack: string): Promise<string[]> {
  const res = await s.call("GET", `/stacks/${stack}/events?sort_dir=asc`);
  return res.json.events.map((e: any) => `${e.resource_name} ${e.resource_status} ${e.resource_status_reason}`);
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 300_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(" ")}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test("count 2: signalled by the handle's curl_cli and the openstack client, then CREATE_COMPLETE", async () => {
  const s = await served();
  try {
    const id = await createStack(s, "w1", template(2, 600));
    const path = `w1/${id}`;
    const handle = await resourceWhen(s, path, "handle", (r) => r.resource_status === "CREATE_COMPLETE");
    await resourceWhen(s, path, "wait", (r) => r.resource_status === "CREATE_IN_PROGRESS");
    const attrs = (await s.call("GET", `/stacks/${path}/resources/handle`)).json.resource.attributes;
    const endpoint = `${s.api.url}/v1/demo/stacks/w1/${id}/resources/handle/signal`;
    assert.is(attrs.endpoint, endpoint);
    assert.is(
      attrs.curl_cli,
      `curl -i -X POST -H 'X-Auth-Token: ${attrs.token}' -H 'Content-Type: application/json' ` +
        `-H 'Accept: application/json' ${endpoint}`,
    );
    assert.is(attrs.signal, "null", "TOKEN_SIGNAL: Heat's signal attribute is JSON of None");
    assert.is(handle.physical_resource_id.length > 0, true);

    // the handle's token: it signals its handle, and nothing else
    const denied = await s.call("GET", "/stacks", undefined, attrs.token);
    assert.is(denied.status, 403);
    const other = await s.call("POST", `/stacks/${path}/resources/rand/signal`, {}, attrs.token);
    assert.is(other.status, 403);

    const out = await run("/bin/sh", ["-c", `${attrs.curl_cli} --data-binary '{"status": "SUCCESS", "data": "one"}'`]);
    assert.match(out, /^HTTP\/1\.1 200/);
    const meta = await s.call("GET", `/stacks/${path}/resources/handle/metadata`);
    assert.equal(meta.json.metadata, { "1": { status: "SUCCESS", data: "one", reason: "Signal 1 received" } });
    assert.is((await s.call("GET", `/stacks/${path}`)).json.stack.stack_status, "CREATE_IN_PROGRESS", "1 of 2");

    const auth = ["--os-auth-type", "admin_token", "--os-endpoint", `${s.api.url}/v1/demo`, "--os-token", s.token];
    const second = JSON.stringify({ data: { x: 1 }, reason: "second", id: "two" });
    await run(OPENSTACK, [...auth, "stack", "resource", "signal", "w1", "handle", "--data", second]);

    const done = await stackDone(s, path);
    assert.is(done.stack_status, "CREATE_COMPLETE", done.stack_status_reason);
    const outputs = (await s.call("GET", `/stacks/${path}/outputs/data`)).json.output;
    assert.is(outputs.output_value, '{"1": "one", "two": {"x": 1}}');
    const wait = (await s.call("GET", `/stacks/${path}/resources/wait`)).json.resource;
    assert.equal(wait.attributes.data, '{"1": "one", "two": {"x": 1}}');
    assert.is(wait.physical_resource_id, "");
    const meta2 = (await s.call("GET", `/stacks/${path}/resources/handle/metadata`)).json.metadata;
    assert.equal(Object.keys(meta2.two), ["data", "reason", "status"], "Heat's key order");
    const told = await events(s, path);
    assert.ok(told.includes("handle SIGNAL_COMPLETE Signal: status:SUCCESS reason:Signal 1 received"), told.join("\n"));
    assert.ok(told.includes("handle SIGNAL_COMPLETE Signal: status:SUCCESS reason:second"), told.join("\n"));
    assert.is(told.at(-1), "w1 CREATE_COMPLETE Stack CREATE completed successfully");
  } finally {
    await s.stop();
  }
});

/** Signals with other Content-Types than JSON, and what the real Heat 19 answered (test/server/real-heat/). */
interface RecordedSignals {
  template: Record<string, unknown>;
  signals: { contentType: string | null; body: string; answer: { status: number; body: any } }[];
  metadata: Record<string, unknown>;
}

test("signals of every Content-Type: read as JSON, an empty signal, or 400, as the real Heat 19 answered", async () => {
  const recorded = JSON.parse(
    readFileSync(new URL("../server/real-heat/signal-content-types.json", import.meta.url), "utf8"),
  ) as RecordedSignals;
  const s = await served();
  try {
    const id = await createStack(s, "ct", recorded.template);
    await resourceWhen(s, `ct/${id}`, "handle", (r) => r.resource_status === "CREATE_COMPLETE");
    for (const sent of recorded.signals) {
      const headers: Record<string, string> = { "x-auth-token": s.token };
      if (sent.contentType !== null) headers["content-type"] = sent.contentType;
      // bytes, so that fetch adds no Content-Type of its own
      const body = new TextEncoder().encode(sent.body);
      const res = await fetch(`${s.api.url}/v1/demo/stacks/ct/${id}/resources/handle/signal`, {
        method: "POST",
        headers,
        body,
      });
      const what = `${sent.contentType} ${sent.body}`;
      assert.is(res.status, sent.answer.status, what);
      const answer = JSON.parse(await res.text());
      // a JSON syntax error is told in JavaScript's words, not Python's
      if (sent.answer.status === 400) assert.is(answer.error.type, sent.answer.body.error.type, what);
      else assert.equal(answer, sent.answer.body, what);
    }
    const meta = await s.call("GET", `/stacks/ct/${id}/resources/handle/metadata`);
    assert.equal(meta.json.metadata, recorded.metadata);
  } finally {
    await s.stop();
  }
});

test("a FAILURE signal fails the wait condition and the stack with Heat's reason", async () => {
  const s = await served();
  try {
    const id = await createStack(s, "f1", template(2, 600));
    const path = `f1/${id}`;
    await resourceWhen(s, path, "wait", (r) => r.resource_status === "CREATE_IN_PROGRESS");
    const sent = await s.call("POST", `/stacks/${path}/resources/handle/signal`, {
      status: "FAILURE",
      reason: "bad thing",
    });
    assert.is(sent.status, 200);
    assert.is(sent.json, null, "Heat answers null");
    const done = await stackDone(s, path);
    assert.is(done.stack_status, "CREATE_FAILED");
    assert.is(done.stack_status_reason, "Resource CREATE failed: WaitConditionFailure: resources.wait: bad thing");
    const wait = (await s.call("GET", `/stacks/${path}/resources/wait`)).json.resource;
    assert.is(wait.resource_status_reason, "WaitConditionFailure: resources.wait: bad thing");
    const meta = (await s.call("GET", `/stacks/${path}/resources/handle/metadata`)).json.metadata;
    assert.equal(meta, { "1": { status: "FAILURE", reason: "bad thing", data: null } });
    // a signal that is neither SUCCESS nor FAILURE, or with other keys: Heat 19 answers 200 null and drops it
    const events = async () => (await s.call("GET", `/stacks/${path}/events?resource_name=handle`)).json.events;
    const eventsBefore = await events();
    for (const body of [{ status: "BOGUS" }, { foo: 1 }]) {
      const bad = await s.call("POST", `/stacks/${path}/resources/handle/signal`, body);
      assert.is(bad.status, 200);
      assert.is(bad.json, null);
    }
    const metaAfter = (await s.call("GET", `/stacks/${path}/resources/handle/metadata`)).json.metadata;
    assert.equal(metaAfter, meta, "dropped: the handle's metadata is as it was");
    assert.equal(await events(), eventsBefore, "dropped: no event");
    // a body that is not a map counts as empty: the next signal, numbered on from the kept ones
    assert.is((await s.call("POST", `/stacks/${path}/resources/handle/signal`, [1, 2])).status, 200);
    const metaLast = (await s.call("GET", `/stacks/${path}/resources/handle/metadata`)).json.metadata;
    assert.equal(metaLast["2"], { reason: "Signal 2 received", data: null, status: "SUCCESS" });
  } finally {
    await s.stop();
  }
});

test("a wait condition that times out fails with Heat's count of signals received", async () => {
  const s = await served();
  try {
    const id = await createStack(s, "t1", template(2, 1));
    const done = await stackDone(s, `t1/${id}`);
    assert.is(done.stack_status, "CREATE_FAILED");
    assert.is(
      done.stack_status_reason,
      "Resource CREATE failed: WaitConditionTimeout: resources.wait: 0 of 2 received",
    );
  } finally {
    await s.stop();
  }
});

test("a signal to a resource that takes none: Heat's ResourceActionNotSupported; unknown: 404", async () => {
  const s = await served();
  try {
    const id = await createStack(s, "n1", template(1, 600));
    const path = `n1/${id}`;
    await resourceWhen(s, path, "rand", (r) => r.resource_status === "CREATE_COMPLETE");
    for (const name of ["rand", "wait"]) {
      const res = await s.call("POST", `/stacks/${path}/resources/${name}/signal`, {});
      assert.is(res.status, 400);
      assert.equal(res.json.error, {
        type: "ResourceActionNotSupported",
        traceback: null,
        message: "signal is not supported for resource.",
      });
    }
    const nope = await s.call("POST", `/stacks/${path}/resources/nope/signal`, {});
    assert.is(nope.status, 404);
    assert.is(nope.json.error.message, "The Resource (nope) could not be found in Stack n1.");
    // an empty signal: SUCCESS with Heat's defaults
    assert.is((await s.call("POST", `/stacks/${path}/resources/handle/signal`)).status, 200);
    const done = await stackDone(s, path);
    assert.is(done.stack_status, "CREATE_COMPLETE", done.stack_status_reason);
    const data = (await s.call("GET", `/stacks/${path}/outputs/data`)).json.output.output_value;
    assert.is(data, '{"1": null}');
  } finally {
    await s.stop();
  }
});

test.run();
