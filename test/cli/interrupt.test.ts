// Ctrl-C during apply: no new work starts, running work finishes, state is
// saved and unlocked, and the next apply does only what is left.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, tempConfig, testAddress } from "./cli-harness.js";

const BIN = new URL("../../bin/run.js", import.meta.url).pathname;
const steps = Array.from(
  { length: 6 },
  (_, i) =>
    `  command.step${i}:\n    host: \${host.h}\n    command: "sleep 2; touch $HOST_ROOT/done-${i}"\n    creates: ` +
    `/done-${i}\n`,
).join("");
const dir = tempConfig({
  "main.gantry.yaml": `resources:\n  gantry_host.h:\n    driver: local\n    address: ${testAddress()}\n${steps}`,
});

test("SIGINT mid-apply saves state of finished work and releases the lock", async () => {
  const child = spawn(process.execPath, [BIN, "apply", "-auto-approve", "-parallelism=2", dir], {
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  // wait until the first two steps are running (a loaded machine may take long to start), then interrupt
  const deadline = Date.now() + 60_000;
  while ((out.match(/command\.step\d: Creating/g) ?? []).length < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  child.kill("SIGINT");
  const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
  assert.is(code, 1, out);
  assert.match(out, /Interrupt received/);
  assert.match(out, /Apply incomplete/);
  const state = JSON.parse(readFileSync(join(dir, "gantry.tfstate"), "utf8"));
  const done = state.resources.filter((r: any) => r.type === "gantry_command").map((r: any) => r.address);
  assert.is(done.length, 2, `in-flight steps finished and were recorded: ${done}\n${out}`);
  assert.ok(
    state.resources.every((r: any) => r.status !== "tainted"),
    `the in-flight steps completed, not cancelled\n${out}`,
  );
  assert.not.ok(existsSync(join(dir, "gantry.tfstate.lock")), "lock released");
  const root = state.resources.find((r: any) => r.type === "gantry_host").attributes.root;
  assert.is(readdirSync(root).filter((f) => f.startsWith("done-")).length, 2);

  const again = gantry(["apply", "-auto-approve", dir]);
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /Resources: 4 added, 0 changed, 0 destroyed/);
  assert.is(readdirSync(root).filter((f) => f.startsWith("done-")).length, 6);
  assert.is(gantry(["destroy", "-auto-approve", dir]).code, 0);
});

test.run();
