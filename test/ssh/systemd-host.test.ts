// Services applied over SSH to a testbed host whose init is a real systemd
// (testbed/systemd-host.sh): each becomes a unit, written, loaded, enabled and
// started; refresh reads its state back from systemd; a unit stopped by hand
// is drift, repaired by apply; a reload signals the unit's main process; a
// failing health check is reported; destroy leaves no unit behind.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { Engine } from "../../engine/engine.js";
import { configDir } from "../planner/harness.js";
import { Testbed, waitFor } from "./testbed.js";

const skip = Testbed.systemdUnavailable();
const bed = new Testbed("gtsy", 95);
const engine = new Engine();
const it = skip ? test.skip : test;
if (skip) console.log(skip);

test.before(() => {
  if (!skip) bed.fresh(1, { systemd: [1] });
});

test.after(() => {
  engine.close();
  if (!skip) bed.down();
});

function config(extra = "", reloadTrigger = 1): string {
  const h = bed.hosts[0]!;
  return `resources:
  host.sd:
    driver: ssh
    address: ${h.address}
    user: operator
    private_key_file: ${bed.keyFile}
    known_hosts_file: ${bed.knownHostsFile}

  file.page:
    host: \${host.sd}
    path: /srv/www/index.html
    content: "served by a systemd unit\\n"

  service.web:
    host: \${host.sd}
    command: python3
    args: ["-m", "http.server", "8080", "--bind", "\${host.sd.address}", "--directory", "/srv/www"]
    environment: { GREETING: "it's a unit" }
    ports: [8080]
    health_check: { type: http, path: /index.html, port: 8080, retries: 6, interval_ms: 500 }
    depends_on: [file.page]

  service.hup:
    host: \${host.sd}
    command: "trap 'echo reloaded' HUP; echo waiting; while :; do sleep 0.2; done"
    health_check: { type: exec, command: "grep -q waiting /var/log/gantry/hup.log" }
    reload_triggers: ${reloadTrigger}
${extra}`;
}

/**
 * Services whose health check cannot pass: one runs but nothing listens on the port it probes, one exits at once
 * with an error (its unit fails).
 */
const FAILING = `
  service.deaf:
    host: \${host.sd}
    command: "echo listening nowhere; exec sleep 600"
    ports: [8099]
    health_check: { type: tcp, port: 8099, retries: 4, interval_ms: 250 }

  service.crash:
    host: \${host.sd}
    command: "echo giving up; exit 3"
    ports: [8098]
    health_check: { type: tcp, port: 8098, retries: 4, interval_ms: 250 }
`;

const sh = (command: string) => bed.inHost(1, command).trim();
/** One property of a unit, as systemd has it. */
const prop = (unit: string, p: string) => sh(`systemctl show -p ${p} --value ${unit}`);

function recorded(dir: string, address: string): Record<string, unknown> {
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8")) as {
    resources: { address: string; attributes: Record<string, unknown> }[];
  };
  return state.resources.find((r) => r.address === address)!.attributes;
}

function changes(plan: { changes: { action: string; address: string }[] }): string[] {
  return plan.changes
    .filter((c) => c.action !== "noop" && c.action !== "read")
    .map((c) => c.address)
    .sort();
}

async function get(address: string): Promise<string | null> {
  try {
    const r = await fetch(`http://${address}:8080/index.html`, { signal: AbortSignal.timeout(3000) });
    return r.ok ? await r.text() : null;
  } catch {
    return null;
  }
}

it("services become systemd units: started, read back, drift repaired, health failures reported, removed", async () => {
  const h = bed.hosts[0]!;
  assert.is(sh("cat /proc/1/comm"), "systemd", "the host's init is systemd");
  const dir = configDir({ "main.gantry.yaml": config() });
  const ws = engine.workspace({ dir });

  // apply: the unit written, loaded, enabled and started
  const first = await engine.apply(ws, {});
  if (first.status !== "applied") throw new Error("not applied");
  assert.equal(first.result.failed, []);
  const unit = "gantry-web.service";
  assert.ok(existsSync(join(h.dir, "etc/systemd/system", unit)), "unit file in the host's /etc/systemd/system");
  assert.is(prop(unit, "LoadState"), "loaded");
  assert.is(prop(unit, "NeedDaemonReload"), "no", "systemd has read the unit as written");
  assert.is(sh(`systemctl is-enabled ${unit}`), "enabled");
  assert.is(prop(unit, "ActiveState"), "active");
  assert.is(await get(h.address), "served by a systemd unit\n");
  const mainPid = Number(prop(unit, "MainPID"));
  assert.match(sh(`cat /proc/${mainPid}/cmdline | tr '\\0' ' '`), /^python3 -m http\.server 8080 /);
  assert.match(sh(`tr '\\0' '\\n' </proc/${mainPid}/environ`), /^GREETING=it's a unit$/m);
  assert.is(recorded(dir, "gantry_service.web").pid, mainPid, "the pid recorded is the unit's main process");

  // refresh reads the state back from systemd; nothing to do
  const refreshed = await engine.refresh(ws, {});
  if (refreshed.status !== "applied") throw new Error("not refreshed");
  const web = recorded(dir, "gantry_service.web");
  assert.is(web.pid, mainPid);
  assert.is(web.healthy, true);
  const startedAt = Number(sh(`systemctl show -p ExecMainStartTimestamp --timestamp=unix --value ${unit}`).slice(1));
  assert.is(Date.parse(String(web.started_at)), startedAt * 1000, "started_at is systemd's start time");
  assert.equal(changes((await engine.plan(ws)).plan), []);

  // drift: the unit stopped by hand is seen and started again
  sh(`systemctl stop ${unit}`);
  assert.is(prop(unit, "ActiveState"), "inactive");
  assert.equal(changes((await engine.plan(ws)).plan), ["gantry_service.web"]);
  const repair = await engine.apply(ws, {});
  if (repair.status !== "applied") throw new Error("not applied");
  assert.equal(repair.result.failed, []);
  assert.is(prop(unit, "ActiveState"), "active");
  assert.is(sh(`systemctl is-enabled ${unit}`), "enabled");
  assert.is.not(Number(prop(unit, "MainPID")), mainPid);
  await waitFor("the unit to serve again", async () => (await get(h.address)) === "served by a systemd unit\n");

  // a reload: the signal goes to the unit's main process through systemd
  const hupPid = Number(prop("gantry-hup.service", "MainPID"));
  writeFileSync(join(dir, "main.gantry.yaml"), config("", 2));
  const reload = await engine.apply(ws, {});
  if (reload.status !== "applied") throw new Error("not applied");
  assert.equal(reload.result.failed, []);
  await waitFor("the reload to be logged", () => /^reloaded$/m.test(sh("cat /var/log/gantry/hup.log")));
  assert.is(Number(prop("gantry-hup.service", "MainPID")), hupPid, "reloaded, not restarted");
  assert.is(recorded(dir, "gantry_service.hup").pid, hupPid);

  // a running unit failing its health check: refresh reports it unhealthy, apply restarts it
  rmSync(join(h.dir, "srv/www/index.html"));
  await engine.refresh(ws, {});
  assert.is(recorded(dir, "gantry_service.web").healthy, false, "unhealthy although systemd says active");
  assert.equal(changes((await engine.plan(ws)).plan), ["gantry_file.page", "gantry_service.web"]);
  const healed = await engine.apply(ws, {});
  if (healed.status !== "applied") throw new Error("not applied");
  assert.equal(healed.result.failed, []);
  assert.is(recorded(dir, "gantry_service.web").healthy, true);

  // units that never pass their health check: the apply says so, each unit is stopped and removed, and systemd
  // forgets them (a failed unit too)
  writeFileSync(join(dir, "main.gantry.yaml"), config(FAILING, 2));
  const bad = await engine.apply(ws, {});
  if (bad.status !== "applied") throw new Error(`not applied: ${bad.status}`);
  const failed = new Map(bad.result.failed.map((f) => [f.address, f.error]));
  assert.equal([...failed.keys()].sort(), ["gantry_service.crash", "gantry_service.deaf"]);
  assert.match(failed.get("gantry_service.deaf")!, /service "deaf" on ssh host sd .* failed its health check/);
  assert.match(failed.get("gantry_service.deaf")!, /\nlistening nowhere/, "the unit's log is quoted");
  assert.match(failed.get("gantry_service.crash")!, /failed its health check: process "crash" is not running/);
  assert.match(failed.get("gantry_service.crash")!, /\ngiving up/);
  for (const name of ["deaf", "crash"]) {
    assert.is(existsSync(join(h.dir, `etc/systemd/system/gantry-${name}.service`)), false);
    assert.is(prop(`gantry-${name}.service`, "LoadState"), "not-found");
    assert.is(prop(`gantry-${name}.service`, "ActiveState"), "inactive", `${name}: not left as a failed unit`);
  }
  assert.is(prop(unit, "ActiveState"), "active", "the other unit is untouched");

  // destroy: units stopped, disabled and gone; systemd has forgotten them
  const gone = await engine.destroy(ws, {});
  if (gone.status !== "applied") throw new Error("not applied");
  assert.equal(gone.result.failed, []);
  assert.is(prop(unit, "LoadState"), "not-found");
  assert.is(sh("systemctl list-units --all --plain --no-legend 'gantry-*'"), "");
  assert.is(sh("ls /etc/systemd/system/multi-user.target.wants"), "testbed-sshd.service");
  assert.is(sh("ls -d /etc/systemd/system/gantry-* /var/lib/gantry /var/log/gantry 2>/dev/null || true"), "");
  assert.not.match(sh("ps -eo args"), /http\.server 8080/);
  assert.is(sh("systemctl is-system-running || true"), "running", "no unit failed along the way");
});

test.run();
