// `gantry pulumi up` of a Pulumi program registering N resources (default 1,000), as users run it: the CLI as a
// whole process (which runs the program under the SDK's runner in a child), timed with /usr/bin/time. Two shapes:
// N dynamic resources (pulumi.dynamic.Resource with a provider that keeps nothing) and N gantry resources
// (gantry:index:Noop), each under one component; first up from an empty stack, then a second up with no change.
// Figures: wall time, CPU time (user+sys of gantry and the processes it waited for: the program's runner and the
// dynamic-provider plugin; comparable under load, where wall time is not), resources per second, peak RSS (the
// largest of those processes).
//
//   node bench/pulumi-up.mjs [--resources=1000] [--keep]      (after npm run build)

import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_DIR, tempDir } from "./lib.mjs";

const TIME_BIN = "/usr/bin/time";

function program(kind, n) {
  const resource =
    kind === "dynamic"
      ? `new Thing("r" + i, { index: i }, { parent: group })`
      : `new pulumi.CustomResource("gantry:index:Noop", "r" + i, { input: i, output: undefined }, { parent: group })`;
  return `const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) { return { id: "thing-" + inputs.index, outs: inputs }; },
  async update(id, olds, news) { return { outs: news }; },
};
class Thing extends pulumi.dynamic.Resource {
  constructor(name, args, opts) { super(provider, name, args, opts); }
}
const group = new pulumi.ComponentResource("bench:index:Group", "group");
const all = [];
for (let i = 0; i < ${n}; i++) all.push(${resource});
exports.count = all.length;
`;
}

function programDir(kind, n) {
  const dir = tempDir(`pulumi-${kind}`);
  symlinkSync(join(REPO_DIR, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: bench-${kind}\nruntime: nodejs\n`);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `bench-${kind}`, main: "index.js" }));
  writeFileSync(join(dir, "index.js"), program(kind, n));
  return dir;
}

function timedUp(dir) {
  const r = spawnSync(
    TIME_BIN,
    ["-f", "%e %M %U %S", process.execPath, join(REPO_DIR, "bin", "run.js"), "pulumi", "up", "--yes", dir],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const last = r.stderr.trim().split("\n").pop() ?? "";
  const [secs, kb, user, sys] = last.split(" ").map(Number);
  if (r.status !== 0)
    throw new Error(`pulumi up failed (${r.status}): ${r.stderr.slice(-2000)}${r.stdout.slice(-2000)}`);
  return { secs, cpu: user + sys, mb: kb / 1024, stdout: r.stdout };
}

export async function runPulumiUpBench({ resources = 1000, keep = false, heading = "Pulumi programs" } = {}) {
  console.log(`${heading}: gantry pulumi up of ${resources.toLocaleString("en")} resources (whole CLI process)`);
  const rows = [];
  const failures = [];
  const dirs = [];
  for (const kind of ["dynamic", "gantry"]) {
    try {
      const dir = programDir(kind, resources);
      dirs.push(dir);
      const first = timedUp(dir);
      const expected = `+ ${resources + 2} created`;
      if (!first.stdout.includes(expected)) throw new Error(`first up did not report "${expected}"`);
      const again = timedUp(dir);
      if (!again.stdout.includes(`${resources + 2} unchanged`)) throw new Error("second up was not a no-change");
      const state = readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"));
      rows.push([kind, first, again, state.length]);
    } catch (e) {
      failures.push(`${kind}: ${e.message}`);
      console.error(`  ${kind} FAILED: ${e.message}`);
    }
  }
  for (const [kind, first, again, bytes] of rows) {
    const rate = (resources / first.secs).toFixed(0);
    console.log(
      `  ${kind.padEnd(8)} first up ${first.secs.toFixed(2)} s wall, ${first.cpu.toFixed(2)} s CPU ` +
        `(${rate} resources/s), peak RSS ${first.mb.toFixed(0)} MB; no-change up ${again.secs.toFixed(2)} s wall, ` +
        `${again.cpu.toFixed(2)} s CPU, ${again.mb.toFixed(0)} MB; state ${(bytes / 1024).toFixed(0)} KB`,
    );
  }
  if (!keep) for (const d of dirs) rmSync(d, { recursive: true, force: true });
  return { failures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt;
  const r = await runPulumiUpBench({
    resources: Number(arg("resources", "1000")),
    keep: process.argv.includes("--keep"),
  });
  process.exitCode = r.failures.length ? 1 : 0;
}
