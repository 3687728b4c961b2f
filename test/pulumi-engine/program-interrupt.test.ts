// Ctrl-C during `gantry pulumi up`, by signalling the CLI process: the first SIGINT cancels (the step running
// finishes and is recorded, no new one starts, the run fails with "update canceled", the state is unlocked); a
// second one stops at once (what is recorded so far is saved, the lock released, the program and the provider
// plugin end).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gantry, pidAlive } from "../cli/cli-harness.js";
import { FILE_PROVIDER, programDir } from "./program-dir.js";

const BIN = new URL("../../bin/run.js", import.meta.url).pathname;

/**
 * `first` (a file), then `slow`, whose create writes `slow.started` (holding the plugin's pid) and waits for
 * `slow.go`, then `after` (a file) once slow is created.
 */
const program = (dir: string) => `${FILE_PROVIDER}
const fs = require("fs");
const slowProvider = {
  async create(inputs) {
    fs.writeFileSync(inputs.marker + ".started", String(process.pid));
    while (!fs.existsSync(inputs.marker + ".go")) await new Promise((r) => setTimeout(r, 50));
    return { id: "slow", outs: { marker: inputs.marker } };
  },
  async delete() {},
};
class SlowRes extends pulumi.dynamic.Resource {
  constructor(name, args, opts) { super(slowProvider, name, args, opts); }
}
const first = new FileRes("first", { path: ${JSON.stringify(join(dir, "first.txt"))}, content: "1" });
const slow = new SlowRes("slow", { marker: ${JSON.stringify(join(dir, "slow"))} }, { dependsOn: [first] });
new FileRes("after", { path: ${JSON.stringify(join(dir, "after.txt"))}, content: "2" }, { dependsOn: [slow] });
`;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startUp(dir: string): Run {
  const child = spawn(process.execPath, [BIN, "pulumi", "up", "--yes", dir], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function until(what: string, ok: () => boolean, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const recorded = (dir: string): string[] =>
  JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8")).resources.map(
    (r: { name: string }) => r.name,
  );

test("the first Ctrl-C lets the running step finish and record, and starts nothing new", async () => {
  const dir = programDir("cancel", {});
  writeFileSync(join(dir, "index.js"), program(dir));
  const run = startUp(dir);
  await until("slow's create to start", () => existsSync(join(dir, "slow.started")));
  run.child.kill("SIGINT");
  await until("the cancel message", () => run.stdout().includes("^C received; cancelling."));
  writeFileSync(join(dir, "slow.go"), "");
  const code = await run.exit;
  assert.is(code, 1, run.stdout() + run.stderr());
  assert.match(run.stdout(), "pulumi-nodejs:dynamic:Resource slow created");
  assert.match(run.stderr(), "error: update canceled");
  assert.not.ok(existsSync(join(dir, "after.txt")), "no new step started");
  assert.equal(recorded(dir).sort(), ["cancel-dev", "default", "first", "slow"]);

  // the state is unlocked: the next up goes on where this one stopped
  const next = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(next.code, 0, next.stderr + next.stdout);
  assert.match(next.stdout, "Resources:\n    + 1 created\n    3 unchanged");
  assert.ok(existsSync(join(dir, "after.txt")));
});

test("a second Ctrl-C stops at once: state saved and unlocked, program and plugin gone", async () => {
  const dir = programDir("stop", {});
  writeFileSync(join(dir, "index.js"), program(dir));
  const run = startUp(dir);
  await until("slow's create to start", () => existsSync(join(dir, "slow.started")));
  const pluginPid = Number(readFileSync(join(dir, "slow.started"), "utf8"));
  assert.ok(pidAlive(pluginPid));
  run.child.kill("SIGINT");
  await until("the cancel message", () => run.stdout().includes("^C received; cancelling."));
  run.child.kill("SIGINT");
  const code = await run.exit;
  assert.is(code, 130, run.stdout() + run.stderr());
  assert.equal(
    recorded(dir).sort(),
    ["default", "first", "stop-dev"],
    "what was recorded is saved; slow never finished",
  );
  // slow's create was under way: recorded as a pending operation (on the root stack resource's record)
  const root = JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8")).resources.find(
    (r: { type: string }) => r.type === "pulumi:pulumi:Stack",
  );
  const slowUrn = "urn:pulumi:dev::stop::pulumi-nodejs:dynamic:Resource::slow";
  assert.equal(root.attributes.pendingOperations, [{ urn: slowUrn, type: "creating" }]);
  await until("the plugin to end", () => !pidAlive(pluginPid), 15_000);

  writeFileSync(join(dir, "slow.go"), "");
  const next = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(next.code, 0, next.stderr + next.stdout);
  assert.match(next.stdout, "Resources:\n    + 2 created\n    2 unchanged");
  // reported as Pulumi reports them, then forgotten
  assert.match(
    next.stdout,
    `warning: Attempting to deploy or update resources with 1 pending operations from previous deployment.\n` +
      `      * ${slowUrn}, interrupted while creating`,
  );
  const after = gantry(["pulumi", "up", "--yes", dir]);
  assert.is(after.code, 0, after.stderr + after.stdout);
  assert.not.match(after.stdout, "pending operations");
});

test.run();
