// The engine's promises, end to end through the CLI, with the local driver
// on real files and real processes.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { freePort, gantry, gantryAsync, pidAlive, tempConfig, testAddress, until, untilGone } from "./cli-harness.js";

const address = testAddress();
let port = 0;
let dir = "";

const config = (content: string) => `
resources:
  gantry_host.web:
    driver: local
    address: ${address}
  gantry_file.index:
    host: \${gantry_host.web}
    path: /srv/www/index.html
    content: "${content}"
  gantry_service.http:
    host: \${gantry_host.web}
    command: node
    args: ["-e", "require('http').createServer((q, s) => \
s.end(require('fs').readFileSync(process.env.HOST_ROOT + '/srv/www/index.html'))).\
listen(${"${port}"}, process.env.HOST_ADDRESS)"]
    ports: [${"${port}"}]
    health_check: { type: http, path: /, port: ${"${port}"} }
    depends_on: [gantry_file.index]
outputs:
  url: { value: "http://\${gantry_host.web.address}:${"${port}"}/" }
`;

function httpGet(url: string): Promise<string> {
  return fetch(url).then((r) => r.text());
}

function state(): any {
  return JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
}
function servicePid(): number {
  return state().resources.find((r: any) => r.address === "gantry_service.http").attributes.pid;
}

function portOpen(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(p, address);
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

test.before(async () => {
  port = await freePort(address);
  dir = tempConfig({ "main.gantry.yaml": config("hello v1").replaceAll("${port}", String(port)) });
});

test("apply creates real files and a real process; a second plan has no changes", async () => {
  const r = gantry(["apply", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Apply complete! Resources: 3 added, 0 changed, 0 destroyed\./);
  assert.match(r.stdout, /service\.http: Creation complete after/);
  assert.is(await httpGet(`http://${address}:${port}/`), "hello v1");
  assert.ok(pidAlive(servicePid()));
  const again = gantry(["plan", "-detailed-exitcode", dir]);
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /No changes\./);
  const out = gantry(["output", "-raw", "url", dir]);
  assert.is(out.stdout.trim(), `http://${address}:${port}/`);
});

test("an out-of-band edit and a killed service show in the plan and apply repairs exactly them", async () => {
  const root = state().resources.find((r: any) => r.address === "gantry_host.web").attributes.root;
  writeFileSync(join(root, "srv/www/index.html"), "defaced");
  const oldPid = servicePid();
  process.kill(-oldPid, "SIGKILL");
  await untilGone(oldPid);
  const p = gantry(["plan", "-detailed-exitcode", dir]);
  assert.is(p.code, 2, p.stdout + p.stderr);
  assert.match(p.stdout, /Objects have changed outside of gantry/);
  assert.match(p.stdout, /# gantry_file\.index will be updated in-place/);
  assert.match(p.stdout, /~ content\s+= "defaced" -> "hello v1"/);
  assert.match(p.stdout, /# gantry_service\.http will be updated in-place/);
  assert.match(p.stdout, /~ state\s+= "stopped" -> "running"/);
  assert.match(p.stdout, /Plan: 0 to add, 2 to change, 0 to destroy\./);
  const a = gantry(["apply", "-auto-approve", dir]);
  assert.is(a.code, 0, a.stdout + a.stderr);
  assert.match(a.stdout, /Resources: 0 added, 2 changed, 0 destroyed/);
  assert.is(await httpGet(`http://${address}:${port}/`), "hello v1");
  assert.ok(pidAlive(servicePid()));
  assert.match(gantry(["plan", dir]).stdout, /No changes\./);
});

test("-json plan has Terraform's shape", () => {
  writeFileSync(join(dir, "main.gantry.yaml"), config("hello v2").replaceAll("${port}", String(port)));
  const r = gantry(["plan", "-json", dir]);
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.is(j.format_version, "1.2");
  const byAddr = Object.fromEntries(j.resource_changes.map((c: any) => [c.address, c.change.actions]));
  assert.equal(byAddr, {
    "gantry_file.index": ["update"],
    "gantry_host.web": ["no-op"],
    "gantry_service.http": ["no-op"],
  });
  assert.is(j.resource_changes.find((c: any) => c.address === "gantry_file.index").change.after.content, "hello v2");
});

test("a saved plan is applied exactly, and refused once another apply changed the state", () => {
  const planFile = join(dir, "v2.plan");
  const p = gantry(["plan", "-out", planFile, dir]);
  assert.is(p.code, 0, p.stderr);
  const stale = join(dir, "stale.plan");
  assert.is(gantry(["plan", "-out", stale, dir]).code, 0);
  const show = gantry(["show", planFile]);
  assert.match(show.stdout, /# gantry_file\.index will be updated in-place/);
  const a = gantry(["apply", planFile]);
  assert.is(a.code, 0, a.stdout + a.stderr);
  assert.match(a.stdout, /0 added, 1 changed, 0 destroyed/);
  const refused = gantry(["apply", stale]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /Saved plan is stale/);
});

test("two concurrent applies: one runs, the other is refused naming the lock holder", async () => {
  writeFileSync(
    join(dir, "slow.gantry.yaml"),
    `resources:\n  command.slow:\n    host: \${host.web}\n    command: "sleep 8; touch slow-done"\n    creates: ` +
      `/slow-done\n`,
  );
  const lockFile = join(dir, "gantry.tfstate.lock");
  const first = gantryAsync(["apply", "-auto-approve", dir]);
  await until(() => existsSync(lockFile), "the first apply to hold the lock");
  const second = gantry(["apply", "-auto-approve", dir]);
  assert.is(second.code, 1);
  assert.match(second.stderr, /Error acquiring the state lock/);
  assert.match(second.stderr, /Operation: apply/);
  assert.match(second.stderr, /Who:\s+\S+@\S+/);
  const r1 = await first;
  assert.is(r1.code, 0, r1.stdout + r1.stderr);
  assert.not.ok(existsSync(join(dir, "gantry.tfstate.lock")), "lock released");
  // with -lock-timeout the second one waits instead
  writeFileSync(
    join(dir, "slow.gantry.yaml"),
    `resources:\n  command.slow:\n    host: \${host.web}\n    command: "sleep 1"\n    triggers_replace: 2\n`,
  );
  const a = gantryAsync(["apply", "-auto-approve", dir]);
  await until(() => existsSync(lockFile), "the apply to hold the lock");
  const b = gantry(["apply", "-auto-approve", "-lock-timeout=30s", dir]);
  assert.is(b.code, 0, b.stdout + b.stderr);
  assert.is((await a).code, 0);
});

test("force-unlock clears a stale lock, and only with the right ID", () => {
  const lock = join(dir, "gantry.tfstate.lock");
  writeFileSync(
    lock,
    JSON.stringify({
      ID: "stale-id",
      Operation: "apply",
      Who: "someone@elsewhere",
      Created: new Date().toISOString(),
      Path: "x",
      PID: 1,
    }),
  );
  assert.match(`${gantry(["plan", dir]).stdout}`, /./);
  const blocked = gantry(["apply", "-auto-approve", dir]);
  assert.match(blocked.stderr, /stale-id/);
  assert.is(gantry(["force-unlock", "wrong", dir]).code, 1);
  const ok = gantry(["force-unlock", "stale-id", dir]);
  assert.is(ok.code, 0, ok.stderr);
  assert.not.ok(existsSync(lock));
});

test("destroy removes everything and leaves no process or port behind", async () => {
  const pid = servicePid();
  const root = state().resources.find((r: any) => r.address === "gantry_host.web").attributes.root;
  const r = gantry(["destroy", "-auto-approve", dir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Destroy complete! Resources: \d+ destroyed\./);
  assert.not.ok(pidAlive(pid), "service process gone");
  assert.not.ok(await portOpen(port), "port closed");
  assert.not.ok(existsSync(root), "host root removed");
  assert.is(state().resources.length, 0);
  assert.match(gantry(["state", "list", "--dir", dir]).stdout, /^$/);
});

test.after(() => {
  // whatever a failed test left running
  try {
    gantry(["destroy", "-auto-approve", dir]);
  } catch {
    // ignore
  }
});

test.run();
