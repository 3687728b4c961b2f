// gantry reconcile: detections and repairs logged with timestamps, a repair
// that keeps failing retried with backoff and then given up, a clean stop on
// Ctrl-C that leaves the state unlocked.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, gantry, pidAlive, tempConfig, testAddress } from "./cli-harness.js";

const BIN = new URL("../../bin/run.js", import.meta.url).pathname;
const address = testAddress();
let port = 0;
let dir = "";

const state = () => JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
const res = (a: string) => state().resources.find((r: any) => r.address === a);

test.before(async () => {
  port = await freePort(address);
  dir = tempConfig({
    "main.gantry.yaml": `
resources:
  gantry_host.h: { driver: local, address: ${address} }
  gantry_service.web:
    host: \${gantry_host.h}
    command: node
    args: ["-e", "require('net').createServer((s) => s.end('ok')).listen(${port}, process.env.HOST_ADDRESS)"]
    ports: [${port}]
    health_check: { type: tcp, interval_ms: 100, retries: 100, timeout_ms: 5000 }
  gantry_command.marker:
    host: \${gantry_host.h}
    command: "test -e allowed && touch marker"
    creates: /marker
`,
  });
});

test("a killed service is repaired; a repair that keeps failing is retried with backoff, then given up", () => {
  const root = () => res("gantry_host.h")?.attributes.root as string;
  const first = gantry(["apply", "-auto-approve", "-target", "gantry_host.h", dir]);
  assert.is(first.code, 0, first.stderr);
  writeFileSync(join(root(), "allowed"), "");
  assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
  // break both: kill the service, and remove what the command made (and what lets it succeed)
  process.kill(res("gantry_service.web").attributes.pid, "SIGKILL");
  rmSync(join(root(), "marker"));
  rmSync(join(root(), "allowed"));
  const r = gantry([
    "reconcile",
    "--watch",
    "--interval",
    "300ms",
    "--backoff",
    "100ms",
    "--max-retries",
    "2",
    "--rounds",
    "6",
    dir,
  ]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split("\n");
  for (const l of lines)
    assert.match(l, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S/, "every line starts with a timestamp");
  assert.match(r.stdout, /drift\s+gantry_service\.web changed outside gantry/);
  assert.match(r.stdout, /repaired gantry_service\.web/);
  assert.match(r.stdout, /drift\s+gantry_command\.marker is gone/);
  assert.match(r.stdout, /failed\s+gantry_command\.marker: .* \(attempt 1 of 2; next in 0s\)/);
  assert.match(r.stdout, /give-up\s+gantry_command\.marker: repair failed 2 times/);
  assert.is((r.stdout.match(/repair\s+gantry_command\.marker/g) ?? []).length, 2, "exactly max-retries attempts");
  assert.match(r.stdout, /stop\s+stopped after 6 round\(s\)/);
  assert.ok(pidAlive(res("gantry_service.web").attributes.pid), `the repaired service runs\n${r.stdout}`);
  assert.not.ok(existsSync(join(dir, "gantry.tfstate.lock")));
});

test("Ctrl-C stops the watch cleanly and leaves the state unlocked", async () => {
  const child = spawn(process.execPath, [BIN, "reconcile", "--watch", "--interval", "300ms", dir], {
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  for (let i = 0; i < 200 && !/(ok|give-up|failed)\s/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  child.kill("SIGINT");
  const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
  assert.is(code, 0, out);
  assert.match(out, /stopping: letting the running repair finish/);
  assert.match(out, /stop\s+stopped after \d+ round\(s\)/);
  assert.not.ok(existsSync(join(dir, "gantry.tfstate.lock")));
});

test.after(() => {
  gantry(["destroy", "-auto-approve", dir]);
});

test.run();
