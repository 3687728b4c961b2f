import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN, type Attrs } from "../../contract/values.js";
import { MarathonClient } from "../../provider/clients/marathon-client.js";
import { EndpointsUnreachableError } from "../../provider/clients/endpoint-pool.js";
import {
  marathonAppType,
  marathonClientDefaults,
  projectApp,
  resolveAppId,
} from "../../provider/types/marathon-app.js";
import { MarathonDouble, ROUTES, matchRoute } from "./marathon-contract-double.js";
import { makeCtx, planChange, readReference, refusedUrl } from "./helpers.js";
import { builtinType } from "../engine-fixture.js";

// Short polls so deployments of ~150 ms are tracked quickly.
marathonClientDefaults.pollMs = 20;
marathonClientDefaults.maxPollMs = 80;

const reference = readReference("marathon-flags.json") as {
  rest_endpoints: {
    method: string;
    path: string;
    success_status: number | null;
    query_params: string[];
    note?: string;
  }[];
};
const type = marathonAppType;
const doubles: MarathonDouble[] = [];

async function double(opts: { deploymentMs?: number } = {}): Promise<MarathonDouble> {
  const d = new MarathonDouble(opts);
  await d.start();
  doubles.push(d);
  return d;
}

function config(endpoints: string[], definition: Attrs, extra: Attrs = {}): Attrs {
  return { endpoints, definition, ...extra };
}

const webDef = (instances = 3): Attrs => ({
  id: "/web",
  cmd: "python3 -m http.server $PORT0",
  instances,
  cpus: 0.25,
  mem: 64,
  env: { MODE: "prod" },
});

async function createVia(d: MarathonDouble, definition: Attrs, extra: Attrs = {}): Promise<Attrs> {
  const p = planChange(type, null, config([d.url], definition, extra));
  return await type.create(makeCtx("web"), p.planned);
}

test.after(async () => {
  for (const d of doubles) await d.stop();
});

test("the double implements only documented calls, with the documented status and query parameters", () => {
  for (const r of ROUTES) {
    const doc = reference.rest_endpoints.find((e) => e.method === r.method && e.path === r.path);
    assert.ok(doc, `${r.method} ${r.path} is not in marathon-flags.json rest_endpoints`);
    assert.is(
      r.status,
      doc!.success_status,
      `${r.method} ${r.path}: double answers ${r.status}, documented ${doc!.success_status}`,
    );
    for (const q of r.queryParams)
      assert.ok(doc!.query_params.includes(q), `${r.method} ${r.path}: ?${q} is not documented`);
  }
  // the documented facts this type relies on
  const del = reference.rest_endpoints.find((e) => e.method === "DELETE" && e.path === "/v2/apps/{appId}")!;
  assert.equal(
    del.query_params,
    [],
    "DELETE /v2/apps/{appId} documents no force parameter (force cancels deployments instead)",
  );
  const put = reference.rest_endpoints.find((e) => e.method === "PUT" && e.path === "/v2/apps/{appId}")!;
  assert.ok(put.query_params.includes("force"));
  assert.match(reference.rest_endpoints.find((e) => e.path === "/v2/deployments/{deploymentId}")!.note ?? "", "202");
});

test("registered as marathon_app with the documented attribute set", () => {
  assert.is(builtinType("marathon_app"), marathonAppType);
  assert.is(builtinType("gantry_marathon_app"), marathonAppType);
  const s = type.schema;
  assert.ok(s.endpoints!.required && s.definition!.required);
  assert.is(s.wait_for_deployment!.default, true);
  assert.is(s.deployment_timeout_seconds!.default, 300);
  assert.is(s.force!.default, false);
  for (const k of ["version", "deployment_id", "tasks"]) assert.ok(s[k]!.computed, k);
});

test("create: POST 201 with Location, deployment tracked until it is gone, tasks and version read back", async () => {
  const d = await double({ deploymentMs: 200 });
  const ctx = makeCtx("web");
  const p = planChange(type, null, config([d.url], webDef()));
  assert.is(p.planned.version, UNKNOWN);
  const t0 = Date.now();
  const state = await type.create(ctx, p.planned);
  const post = d.requests.find((r) => r.method === "POST")!;
  assert.is(post.path, "/v2/apps");
  assert.is(post.status, 201);
  assert.ok(
    ctx.logs.some((l) => l.includes(`${d.url}/v2/apps/web`)),
    `Location header logged: ${ctx.logs.join(" | ")}`,
  );
  // tracked: polled /v2/deployments until the deployment was no longer listed
  const polls = d.requests.filter((r) => r.method === "GET" && r.path === "/v2/deployments");
  assert.ok(polls.length >= 2, `polled ${polls.length} times`);
  assert.ok(Date.now() - t0 >= 190, "create returned before the deployment finished");
  assert.is(d.deployments.size, 0);
  assert.type(state.deployment_id, "string");
  assert.is(d.apps.get("/web")!.version, state.version);
  assert.equal(state.definition, webDef());
  const tasks = state.tasks as { host: string; ports: number[]; state: string }[];
  assert.is(tasks.length, 3);
  assert.equal(Object.keys(tasks[0]!).sort(), ["host", "ports", "state"]);
  assert.is(tasks[0]!.state, "TASK_RUNNING");
  assert.is(tasks[0]!.host, "agent-1.example");
});

test("wait_for_deployment false: create returns without polling deployments", async () => {
  const d = await double({ deploymentMs: 2000 });
  await createVia(d, webDef(1), { wait_for_deployment: false });
  assert.is(d.requests.filter((r) => r.path === "/v2/deployments").length, 0);
  assert.is(d.deployments.size, 1);
});

test("re-apply with nothing changed: refresh + plan is a no-op and sends no write request", async () => {
  const d = await double();
  const state = await createVia(d, webDef());
  const writesBefore = d.writes().length;
  const refreshed = (await type.read(makeCtx("web"), state))!;
  // Marathon's defaults (disk, backoffSeconds, upgradeStrategy, ...) are not drift
  assert.equal(refreshed.definition, webDef());
  const p = planChange(type, refreshed, config([d.url], webDef()));
  assert.is(p.action, "noop", `changed: ${p.changed.join(", ")}`);
  // and an update of gantry-only settings sends nothing either
  const p2 = planChange(type, refreshed, config([d.url], webDef(), { deployment_timeout_seconds: 60 }));
  assert.is(p2.action, "update");
  await type.update(makeCtx("web"), refreshed, p2.planned);
  assert.is(d.writes().length, writesBefore, "no POST/PUT/DELETE on re-apply");
});

test(
  "drift: the app scaled 3 -> 1 outside gantry shows " + "as definition.instances 1 -> 3, update restores it",
  async () => {
    const d = await double();
    const state = await createVia(d, webDef(3));
    d.tamper("/web", { instances: 1 });
    const refreshed = (await type.read(makeCtx("web"), state))!;
    assert.is((refreshed.definition as Attrs).instances, 1);
    assert.is((refreshed.tasks as unknown[]).length, 1);
    const p = planChange(type, refreshed, config([d.url], webDef(3)));
    assert.is(p.action, "update");
    assert.ok(p.changed.includes("definition"));
    assert.is((refreshed.definition as Attrs).instances, 1, "before");
    assert.is((p.planned.definition as Attrs).instances, 3, "after");
    assert.is(p.planned.version, UNKNOWN);
    const after = await type.update(makeCtx("web"), refreshed, p.planned);
    const put = d.requests.filter((r) => r.method === "PUT");
    assert.is(put.length, 1);
    assert.is((put[0]!.body as Attrs).instances, 3);
    assert.is(d.apps.get("/web")!.instances, 3);
    assert.is((after.tasks as unknown[]).length, 3);
    const again = (await type.read(makeCtx("web"), after))!;
    assert.is(planChange(type, again, config([d.url], webDef(3))).action, "noop");
  },
);

test("drift in a user-owned map (env key added outside) and a removed app show up", async () => {
  const d = await double();
  const state = await createVia(d, webDef(1));
  d.tamper("/web", { env: { MODE: "prod", DEBUG: "1" } });
  const r = (await type.read(makeCtx("web"), state))!;
  assert.equal((r.definition as Attrs).env, { MODE: "prod", DEBUG: "1" });
  d.apps.delete("/web");
  assert.is(await type.read(makeCtx("web"), state), null, "404 → gone");
});

test("update: PUT 200 {deploymentId, version}, tracked; an id change replaces", async () => {
  const d = await double({ deploymentMs: 150 });
  const state = await createVia(d, webDef(2));
  const next = { ...webDef(2), cmd: "sleep 1000" };
  const p = planChange(type, state, config([d.url], next));
  assert.is(p.action, "update");
  const t0 = Date.now();
  const after = await type.update(makeCtx("web"), state, p.planned);
  assert.ok(Date.now() - t0 >= 140, "waited for the deployment");
  const put = d.requests.find((r) => r.method === "PUT")!;
  assert.is(put.path, "/v2/apps/web");
  assert.is(put.status, 200);
  assert.equal(put.query, {});
  assert.is(d.apps.get("/web")!.cmd, "sleep 1000");
  assert.is.not(after.version, state.version);
  assert.is.not(after.deployment_id, state.deployment_id);
  assert.is(d.deployments.size, 0);

  const moved = planChange(type, after, config([d.url], { ...next, id: "/web2" }));
  assert.is(moved.action, "replace");
  const sameApp = planChange(type, after, config([d.url], { ...next, id: "web" }));
  assert.is(sameApp.action, "update", "web and /web are the same app, not a replacement");
});

test("409 locked by a deployment: PUT retried with backoff until the deployment ends", async () => {
  const d = await double({ deploymentMs: 50 });
  const state = await createVia(d, webDef(1));
  const foreign = d.lockApp("/web", 300);
  const p = planChange(type, state, config([d.url], webDef(2)));
  const ctx = makeCtx("web");
  await type.update(ctx, state, p.planned);
  const puts = d.requests.filter((r) => r.method === "PUT");
  assert.ok(puts.length >= 2, `${puts.length} PUTs`);
  assert.is(puts[0]!.status, 409);
  assert.is(puts.at(-1)!.status, 200);
  assert.ok(
    puts.every((r) => r.query.force === undefined),
    "no force without force = true",
  );
  assert.ok(
    ctx.logs.some((l) => l.includes(foreign)),
    "logs the locking deployment",
  );
  assert.is(d.apps.get("/web")!.instances, 2);
});

test("409 locked past the timeout: error without force; PUT ?force=true with force", async () => {
  const d = await double({ deploymentMs: 50 });
  const state = await createVia(d, webDef(1), { deployment_timeout_seconds: 0.3 });
  d.lockApp("/web", 60_000);
  const p = planChange(type, state, config([d.url], webDef(2), { deployment_timeout_seconds: 0.3 }));
  try {
    await type.update(makeCtx("web"), state, p.planned);
    assert.unreachable("should fail while locked");
  } catch (e) {
    assert.instance(e, Error);
    assert.match((e as Error).message, /locked/);
    assert.match((e as Error).message, /force = true/);
  }
  assert.is(d.apps.get("/web")!.instances, 1);
  const pf = planChange(type, state, config([d.url], webDef(2), { deployment_timeout_seconds: 0.3, force: true }));
  const ctx = makeCtx("web");
  await type.update(ctx, state, pf.planned);
  const forced = d.requests.filter((r) => r.method === "PUT" && r.query.force === "true");
  assert.is(forced.length, 1);
  assert.is(forced[0]!.status, 200);
  assert.is(d.apps.get("/web")!.instances, 2);
  assert.ok(ctx.warnings.some((w) => w.includes("force")));
});

test("delete: DELETE 200 tracked until the deployment ends; 404 afterwards is success", async () => {
  const d = await double({ deploymentMs: 150 });
  const state = await createVia(d, webDef(1));
  const t0 = Date.now();
  await type.delete(makeCtx("web"), state);
  assert.ok(Date.now() - t0 >= 140);
  const del = d.requests.filter((r) => r.method === "DELETE");
  assert.is(del.length, 1);
  assert.is(del[0]!.status, 200);
  assert.is(d.apps.has("/web"), false);
  assert.is(d.deployments.size, 0);
  assert.is(await type.read(makeCtx("web"), state), null);
  await type.delete(makeCtx("web"), state);
  assert.is(d.requests.filter((r) => r.method === "DELETE").at(-1)!.status, 404);
});

test(
  "delete while locked: retried until the deployment " + "ends; with force the locking deployment is cancelled",
  async () => {
    const d = await double({ deploymentMs: 30 });
    const state = await createVia(d, webDef(1));
    d.lockApp("/web", 250);
    await type.delete(makeCtx("web"), state);
    const dels = d.requests.filter((r) => r.method === "DELETE" && r.path === "/v2/apps/web");
    assert.is(dels[0]!.status, 409);
    assert.is(dels.at(-1)!.status, 200);

    const d2 = await double({ deploymentMs: 30 });
    const s2 = await createVia(d2, webDef(1), { deployment_timeout_seconds: 0.2, force: true });
    const foreign = d2.lockApp("/web", 60_000);
    await type.delete(makeCtx("web"), s2);
    const cancel = d2.requests.find((r) => r.method === "DELETE" && r.path === `/v2/deployments/${foreign}`)!;
    assert.ok(cancel, "locking deployment cancelled");
    assert.equal(cancel.query, { force: "true" });
    assert.is(cancel.status, 202);
    assert.is(d2.apps.has("/web"), false);
  },
);

test("create adopts an existing identical app without a new deployment; a different one is updated", async () => {
  const d = await double();
  await createVia(d, webDef(2));
  const writes = d.writes().length;
  const adopted = await createVia(d, webDef(2));
  const newWrites = d.writes().slice(writes);
  assert.equal(
    newWrites.map((r) => `${r.method} ${r.status}`),
    ["POST 409"],
    "only the refused POST",
  );
  assert.equal(adopted.definition, webDef(2));
  await createVia(d, webDef(4));
  assert.equal(
    d
      .writes()
      .slice(writes + 1)
      .map((r) => `${r.method} ${r.status}`),
    ["POST 409", "PUT 200"],
  );
  assert.is(d.apps.get("/web")!.instances, 4);
});

test("failover: the first endpoint refuses connections, the second one is used", async () => {
  const d = await double();
  const dead = await refusedUrl();
  const p = planChange(type, null, config([dead, d.url], webDef(1)));
  const state = await type.create(makeCtx("web"), p.planned);
  assert.is(d.apps.get("/web")!.instances, 1);
  assert.ok((await type.read(makeCtx("web"), state)) !== null);
  const client = new MarathonClient([dead, d.url]);
  await client.getApp("/web");
  assert.is(client.pool.current, d.url, "remembers the endpoint that answered");
});

test("read with every endpoint unreachable: a clear error naming each endpoint", async () => {
  const a = await refusedUrl();
  const b = await refusedUrl();
  const state: Attrs = {
    endpoints: [a, b],
    definition: webDef(1),
    wait_for_deployment: true,
    deployment_timeout_seconds: 300,
    force: false,
  };
  try {
    await type.read(makeCtx("web"), state);
    assert.unreachable("should throw");
  } catch (e) {
    assert.instance(e, EndpointsUnreachableError);
    const msg = (e as Error).message;
    assert.ok(msg.includes(a) && msg.includes(b), msg);
    assert.match(msg, /ECONNREFUSED/);
  }
});

test("validate: definition needs an id; endpoints must be URLs", () => {
  const errs = type.validate!(config(["http://m1:8080"], { cmd: "x" }), makeCtx());
  assert.ok(errs.some((e) => e.attribute === "definition" && /id/.test(e.message)));
  const bad = type.validate!(config(["m1:8080"], { id: "/x" }), makeCtx());
  assert.ok(bad.some((e) => e.attribute === "endpoints"));
  assert.equal(type.validate!(config(["http://m1:8080"], { id: "/x", cmd: "y" }), makeCtx()), []);
  // Marathon's AppDefinition schema (provider/services/marathon-app-schema.ts)
  const schemaErrs = type.validate!(
    config(["http://m1:8080"], { id: "/x", cmd: "y", cpus: "lots", colour: 1 }),
    makeCtx(),
  );
  assert.ok(
    schemaErrs.some((e) => e.message.startsWith("/cpus")),
    JSON.stringify(schemaErrs),
  );
  assert.ok(
    schemaErrs.some((e) => e.message.startsWith("/colour")),
    JSON.stringify(schemaErrs),
  );
  // not run while something in the definition is unknown
  assert.equal(type.validate!(config(["http://m1:8080"], { id: "/x", cmd: UNKNOWN, colour: 1 }), makeCtx()), []);
});

test("projection: only configured keys; service ports 0 match assigned ports; relative dependencies", () => {
  const live = {
    id: "/prod/web",
    instances: 2,
    ports: [10001],
    portDefinitions: [{ port: 10001, protocol: "tcp", labels: {} }],
    dependencies: ["/prod/db"],
    healthChecks: [{ path: "/", protocol: "HTTP", gracePeriodSeconds: 300, intervalSeconds: 60 }],
    labels: { a: "1" },
    mem: 128,
  };
  const def = {
    id: "prod/web",
    instances: 2,
    ports: [0],
    dependencies: ["db"],
    healthChecks: [{ path: "/", protocol: "HTTP" }],
    labels: { a: "1" },
  };
  assert.equal(projectApp(def, live), def);
  assert.is(resolveAppId("../other/x", "/prod/web"), "/other/x");
  assert.equal(
    (projectApp({ id: "/a", ports: [8080] }, { id: "/a", portDefinitions: [{ port: 9090 }] }) as Attrs).ports,
    [9090],
  );
});

test("every request the tests made matched a documented route", async () => {
  // runs last: every double of this file kept its request log
  const seen = doubles.flatMap((d) => d.requests);
  assert.ok(seen.length > 50, `${seen.length} requests`);
  for (const r of seen) {
    const m = matchRoute(r.method, r.path);
    assert.ok(m, `${r.method} ${r.path} is not a documented route`);
    assert.is.not(r.status, 400, `${r.method} ${r.path} refused: ${JSON.stringify(r.query)}`);
  }
});

test.run();
