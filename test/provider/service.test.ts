import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN, type Attrs } from "../../contract/values.js";
import { freePort, killGroup, makeCtx, pidAlive, planLike, waitFor } from "./helpers.js";
import { localHost } from "./local-host.js";
import { builtinType, resetTestEngine, testEngine } from "../engine-fixture.js";
import { AttributeChecker } from "../../contract/attribute-check.js";

const service = builtinType("service");

// An HTTP server on the host's own address; /health answers 200.
const SERVER = `
const http = require("http");
http.createServer((q, s) => { s.statusCode = q.url === "/health" ? 200 : 404; s.end(process.env.GREETING || "hi"); })
  .listen(Number(process.env.PORT), process.env.HOST_ADDRESS, () => \
console.log("listening " + process.env.HOST_ADDRESS + ":" + process.env.PORT));
`;

test("local service: start, tcp+http health, killed → stopped, restart via update, delete leaves nothing", async () => {
  const address = "127.0.77.70";
  const h = await localHost(address);
  const port = await freePort(address);
  const pids: number[] = [];
  try {
    const ctx = h.ctx("web");
    const d = testEngine().hosts.connect({ name: "lh", driver: "local", address, root: String(h.host.root) });
    const config: Attrs = {
      host: h.host,
      command: process.execPath,
      args: ["-e", SERVER],
      environment: { PORT: String(port), GREETING: "v1" },
      ports: [port],
      health_check: { type: "http", path: "/health", expect_status: 200, interval_ms: 100, retries: 50 },
    };
    const p = planLike(service, null, config, ctx);
    assert.is(p.planned.name, "web");
    assert.is(p.planned.state, "running");
    assert.is(p.planned.healthy, true);
    assert.is(p.planned.pid, UNKNOWN);
    const s1 = await service.create(ctx, p.planned);
    pids.push(Number(s1.pid));
    assert.type(s1.pid, "number");
    assert.is(s1.healthy, true);
    assert.is(s1.state, "running");
    assert.match(String(s1.started_at), /^\d{4}-\d\d-\d\dT/);
    assert.ok(await d.checkTcp(port), "tcp check passes on the host address");
    assert.equal((await d.checkHttp(port, "/health")).body, "v1");

    const r1 = (await service.read(ctx, s1))!;
    assert.equal(r1, s1, "read of a healthy service matches state");
    assert.is(planLike(service, r1, config, ctx).action, "noop");

    // Killed from outside with SIGKILL → stopped, healthy false → in-place update.
    process.kill(Number(s1.pid), "SIGKILL");
    await waitFor(async () => !(await pidAlive(Number(s1.pid))), 30_000, "killed process gone");
    const r2 = (await service.read(ctx, s1))!;
    assert.is(r2.state, "stopped");
    assert.is(r2.healthy, false);
    assert.is(r2.pid, null);
    const p2 = planLike(service, r2, config, ctx);
    assert.is(p2.action, "update");
    assert.ok(p2.changed.includes("state"));
    assert.is(p2.planned.pid, UNKNOWN);
    const s2 = await service.update(ctx, r2, p2.planned);
    pids.push(Number(s2.pid));
    assert.is(s2.healthy, true);
    assert.is.not(s2.pid, s1.pid);
    assert.ok(await pidAlive(Number(s2.pid)));

    // Environment change → restart with the new environment.
    const config3 = { ...config, environment: { PORT: String(port), GREETING: "v2" } };
    const p3 = planLike(service, s2, config3, ctx);
    assert.is(p3.action, "update");
    assert.is(p3.planned.pid, UNKNOWN);
    const s3 = await service.update(ctx, s2, p3.planned);
    pids.push(Number(s3.pid));
    assert.is.not(s3.pid, s2.pid);
    assert.is(await pidAlive(Number(s2.pid)), false, "old process stopped");
    assert.equal((await d.checkHttp(port, "/health")).body, "v2");

    // A health_check-only change keeps the process.
    const config4 = { ...config3, health_check: { type: "tcp", interval_ms: 100 } };
    const p4 = planLike(service, s3, config4, ctx);
    assert.is(p4.action, "update");
    assert.is(p4.planned.pid, s3.pid);
    const s4 = await service.update(ctx, s3, p4.planned);
    assert.is(s4.pid, s3.pid);

    // state: stopped, then running again.
    const stopped = await service.update(ctx, s4, planLike(service, s4, { ...config4, state: "stopped" }, ctx).planned);
    assert.is(stopped.pid, null);
    assert.is(await pidAlive(Number(s4.pid)), false);
    assert.is(await d.checkTcp(port, 500), false);
    const s5 = await service.update(ctx, stopped, planLike(service, stopped, config4, ctx).planned);
    pids.push(Number(s5.pid));
    assert.is(s5.healthy, true);

    await service.delete(ctx, s5);
    assert.is(await pidAlive(Number(s5.pid)), false, "pid gone after delete");
    assert.is(await d.checkTcp(port, 500), false, "port closed after delete");
    assert.equal(await d.inspectProcess("web"), { running: false });
  } finally {
    for (const pid of pids) killGroup(pid);
    await h.cleanup();
  }
});

test("local service: running but failing its health check reads as unhealthy", async () => {
  const address = "127.0.77.71";
  const h = await localHost(address);
  const [port, otherPort] = [await freePort(address), await freePort(address)];
  const pids: number[] = [];
  try {
    const ctx = h.ctx("web2");
    const config: Attrs = {
      host: h.host,
      command: process.execPath,
      args: ["-e", SERVER],
      environment: { PORT: String(port) },
      ports: [port],
      health_check: { type: "tcp", interval_ms: 100, retries: 50 },
    };
    const s = await service.create(ctx, planLike(service, null, config, ctx).planned);
    pids.push(Number(s.pid));
    // Same process, but the check now probes a port nobody listens on.
    const r = (await service.read(ctx, { ...s, health_check: { type: "tcp", port: otherPort, timeout_ms: 300 } }))!;
    assert.is(r.state, "running");
    assert.is(r.healthy, false);
    assert.is(r.pid, s.pid);
    await service.delete(ctx, s);
  } finally {
    for (const pid of pids) killGroup(pid);
    await h.cleanup();
  }
});

test("local service: failing health check stops it and reports the last log lines", async () => {
  const address = "127.0.77.72";
  const h = await localHost(address);
  const port = await freePort(address);
  try {
    const ctx = h.ctx("broken");
    const config: Attrs = {
      host: h.host,
      command: "echo config-error-xyz >&2; sleep 60",
      ports: [port],
      health_check: { type: "tcp", retries: 3, interval_ms: 100, timeout_ms: 200 },
    };
    let pid: number | undefined;
    await service.create(ctx, planLike(service, null, config, ctx).planned).then(
      () => assert.unreachable("health check must fail"),
      (e: Error) => {
        assert.match(e.message, /service "broken" on local host lh .* failed its health check/);
        assert.match(e.message, /config-error-xyz/);
      },
    );
    const d = testEngine().hosts.connect({ name: "lh", driver: "local", address, root: String(h.host.root) });
    const st = await d.inspectProcess("broken");
    pid = st.pid;
    assert.is(st.running, false, "stopped after the failed check");
    // A process that exits immediately fails fast.
    const t0 = Date.now();
    await service
      .create(
        ctx,
        planLike(
          service,
          null,
          { ...config, command: "exit 3", health_check: { type: "tcp", retries: 100, interval_ms: 100 } },
          ctx,
        ).planned,
      )
      .then(
        () => assert.unreachable("exits"),
        (e: Error) => assert.match(e.message, /not running/),
      );
    assert.ok(Date.now() - t0 < 5000, "did not wait for all retries");
    killGroup(pid);
  } finally {
    await h.cleanup();
  }
});

test("sim service: crash → stopped; update restarts; validate", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const hostAttrs = { name: "s1", driver: "sim", address: "10.1.0.1", root: "/sim", options: null, id: "x" };
  const ctx = makeCtx("/tmp/gantry-sim-svc", "api");
  const config: Attrs = { host: hostAttrs, command: "api", ports: [8080], health_check: { type: "http", port: 8080 } };
  const s = await service.create(ctx, planLike(service, null, config, ctx).planned);
  assert.is(s.healthy, true);
  fabric.killProcess("s1", "api");
  const r = (await service.read(ctx, s))!;
  assert.is(r.state, "stopped");
  const s2 = await service.update(ctx, r, planLike(service, r, config, ctx).planned);
  assert.is(s2.state, "running");
  assert.is.not(s2.pid, s.pid);
  await service.delete(ctx, s2);
  assert.is(fabric.host("s1").processes.size, 0);

  const errs = service.validate!(
    { host: hostAttrs, command: "x", state: "paused", health_check: { type: "tcp" } },
    ctx,
  );
  // the schema says what state may be, and the planner checks it; the type keeps what no schema can say
  const checker = new AttributeChecker();
  assert.equal(checker.problems(service.schema.state, "paused"), ['must be one of "running", "stopped"']);
  assert.equal(checker.problems(service.schema.ports, [80, 70000, "x"]), [
    "1 must be at most 65535",
    "2 must be a whole number",
  ]);
  assert.equal(checker.problems(service.schema.health_check, { type: "udp", retries: -1, bogus: 1 }), [
    'unknown field "bogus" (known: type, port, path, command, expect_status, timeout_ms, retries, interval_ms, send, ' +
      "expect)",
    'type must be one of "tcp", "http", "exec"',
    "retries must be at least 0",
  ]);
  assert.ok(errs.some((e) => e.attribute === "health_check" && /needs a port/.test(e.message)));
  assert.equal(
    service.validate!({ host: hostAttrs, command: "x", ports: [1], health_check: { type: "tcp" } }, ctx),
    [],
  );
});

test.run();
