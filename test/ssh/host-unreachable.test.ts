// An ssh host that stops answering: its driver throws HostUnreachableError
// naming the host and the cause, probe() answers after one short attempt, and
// a plan shows the host unreachable with its resources unknown (not deleted)
// while the other host's are planned as usual, in a bounded time (refresh
// probes each host before reading). Failed authentication is not
// unreachability.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync } from "node:child_process";

import { isHostUnreachable } from "../../contract/host-driver.js";
import { Engine } from "../../engine/engine.js";
import type { Plan } from "../../planner/plan.js";
import { SshDriver } from "../../provider/hosts/ssh-driver.js";
import { configDir } from "../planner/harness.js";
import { Testbed, waitFor } from "./testbed.js";

const REPO = new URL("../..", import.meta.url).pathname;
const skip = Testbed.unavailable();
const bed = new Testbed("gtsl", 75);
const engines: Engine[] = [];
const drivers: SshDriver[] = [];
const it = skip ? test.skip : test;
if (skip) console.log(skip);

test.before(() => {
  if (!skip) bed.fresh(2);
});

test.after(() => {
  for (const d of drivers) d.close();
  for (const e of engines) e.close();
  if (!skip) {
    try {
      execFileSync("ip", ["link", "set", "gtsl-h2", "up"], { stdio: "ignore" });
    } catch {
      /* no such link: the testbed is gone already */
    }
    bed.down();
  }
});

function newEngine(): Engine {
  const e = new Engine();
  engines.push(e);
  return e;
}

/** A plan by an engine of its own (as a new `gantry plan` process makes it: first contact with every host). */
async function freshPlan(dir: string): Promise<Plan> {
  const e = newEngine();
  return (await e.plan(e.workspace({ dir }))).plan;
}

function config(): string {
  const host = (i: number) => `
  host.web${i}:
    driver: ssh
    address: ${bed.hosts[i - 1]!.address}
    private_key_file: ${bed.keyFile}
    known_hosts_file: ${bed.knownHostsFile}
    connect_timeout_ms: 4000
  file.page${i}:
    host: \${host.web${i}}
    path: /srv/page
    content: "page of web${i}\\n"
`;
  return `resources:${host(1)}${host(2)}`;
}

/** The addresses a plan would change (anything but no-op and read). */
function changed(plan: Plan): string[] {
  return plan.changes
    .filter((c) => c.action !== "noop" && c.action !== "read")
    .map((c) => `${c.action} ${c.address}`)
    .sort();
}

/** All of host 2's sshd processes (the listener and the sessions): nothing answers on its port any more. */
async function killSshd(): Promise<void> {
  for (const pid of bed.pids(2, "sshd")) process.kill(pid, "SIGKILL");
  await waitFor("host 2's sshd to be gone", () => bed.pids(2, "sshd").length === 0);
}

function assertLost(plan: Plan, cause: RegExp): void {
  if (process.env.DEBUG_SSH) console.log("unreachable:", plan.unreachable);
  assert.is(plan.unreachable?.length, 1, "one host is unreachable");
  const u = plan.unreachable![0]!;
  assert.is(u.host, "web2");
  assert.match(u.reason, cause);
  assert.equal(u.addresses, ["gantry_file.page2", "gantry_host.web2"], "its resources are unknown, not deleted");
  assert.equal(changed(plan), [], "nothing planned: web1's file unchanged, web2's kept as recorded");
  const page2 = plan.changes.find((c) => c.address === "gantry_file.page2");
  assert.ok(page2 === undefined || page2.action === "noop");
}

it("a host whose sshd is gone or whose link is down is unreachable in bounded time; back, plan is clean", async () => {
  const dir = configDir({ "main.gantry.yaml": config() });
  const engine = newEngine();
  const ws = engine.workspace({ dir });
  const applied = await engine.apply(ws, { parallelism: 10 });
  if (applied.status !== "applied") throw new Error("not applied");
  assert.equal(applied.result.failed, []);

  // sshd killed: connection refused, found quickly on the engine's live connection and on first contact
  await killSshd();
  const refused = /^cannot connect to root@10\.213\.75\.12:22: connection refused \(\d attempts? in [\d.]+ s\)$/;
  let started = Date.now();
  assertLost((await engine.plan(ws)).plan, refused);
  assert.ok(Date.now() - started < 15_000, `plan took ${Date.now() - started} ms`);
  started = Date.now();
  assertLost(await freshPlan(dir), refused);
  assert.ok(Date.now() - started < 15_000, `a first-contact plan took ${Date.now() - started} ms`);

  // the CLI says so
  const out = execFileSync("node", [`${REPO}bin/run.js`, "plan", "-no-color"], { cwd: dir, encoding: "utf8" });
  if (process.env.DEBUG_SSH) console.log(out);
  assert.match(out, /host web2 is unreachable: cannot connect to root@10\.213\.75\.12:22: connection refused/);
  assert.match(out, /No changes/i);

  // the probe: one short attempt, no retry loop, whatever connect_timeout_ms says
  const d = new SshDriver({ ...bed.spec(2), name: "web2" });
  drivers.push(d);
  started = Date.now();
  const p = await d.probe();
  assert.is(p.reachable, false);
  assert.match(p.reason ?? "", /connection refused/);
  assert.ok(Date.now() - started < 4_000, `probe took ${Date.now() - started} ms`);
  await d.readFile("/srv/page").then(
    () => assert.unreachable("the host is down"),
    (e: Error) => {
      assert.ok(isHostUnreachable(e), `a HostUnreachableError: ${e.message}`);
      assert.match(e.message, /^host web2 is unreachable: cannot connect to root@10\.213\.75\.12:22/);
    },
  );

  // back: the probe says so at once, and the plan is clean again
  bed.up(2);
  assert.equal(await d.probe(), { reachable: true });
  assert.is(await d.readFile("/srv/page"), "page of web2\n");
  assert.equal(changed(await freshPlan(dir)), []);

  // the link down: packets go nowhere; the first contact gives up after connect_timeout_ms in all
  execFileSync("ip", ["link", "set", "gtsl-h2", "down"]);
  started = Date.now();
  const silent = await freshPlan(dir);
  assertLost(silent, /^cannot connect to root@10\.213\.75\.12:22: (no answer within \d+ ms|no route to host)/);
  assert.ok(Date.now() - started < 12_000, `plan took ${Date.now() - started} ms`);
  execFileSync("ip", ["link", "set", "gtsl-h2", "up"]);
  const back = await freshPlan(dir);
  assert.is(back.unreachable, undefined);
  assert.equal(changed(back), []);
});

it("failed authentication and a refused host key are errors of their own, not unreachability", async () => {
  const d = new SshDriver(bed.spec(1, { user: "daemon", sudo: false }));
  drivers.push(d);
  await d.run("true").then(
    () => assert.unreachable("daemon has no key"),
    (e: Error) => {
      assert.not.ok(isHostUnreachable(e));
      assert.match(e.message, /authentication failed for user "daemon"/);
    },
  );
  await d.probe().then(
    () => assert.unreachable("a probe throws the refusal"),
    (e: Error) => assert.not.ok(isHostUnreachable(e)),
  );
});

it("refresh probes each host first: a link gone under a live connection is found in one probe's time", async () => {
  bed.up(2);
  const dir = configDir({ "main.gantry.yaml": config() });
  const engine = newEngine();
  const ws = engine.workspace({ dir });
  const applied = await engine.apply(ws, { parallelism: 10 });
  if (applied.status !== "applied") throw new Error("not applied");
  assert.equal(applied.result.failed, []);
  // the engine's connection to web2 is up; its packets now go nowhere: a look-up on it would wait for its own
  // time-out (minutes); the probe gives up after one short attempt
  execFileSync("ip", ["link", "set", "gtsl-h2", "down"]);
  try {
    const started = Date.now();
    assertLost((await engine.plan(ws)).plan, /no answer/);
    assert.ok(Date.now() - started < 10_000, `plan took ${Date.now() - started} ms`);
  } finally {
    execFileSync("ip", ["link", "set", "gtsl-h2", "up"]);
  }
  // back: the same engine connects again at its next plan
  const back = (await engine.plan(ws)).plan;
  assert.is(back.unreachable, undefined);
  assert.equal(changed(back), []);
});

test.run();
