// A create_before_destroy replacement whose new object takes the old one's place on the host (the same file path,
// the same process name: a tainted instance) must not delete the old object afterwards: that would delete the new.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gantry, pidAlive, tempConfig, testAddress } from "./cli-harness.js";

test("taint + apply of create_before_destroy file and service keeps them in place", () => {
  const dir = tempConfig({
    "main.gantry.yaml": `resources:
  host.h: { driver: local, address: ${testAddress()} }
  file.f:
    host: \${host.h}
    path: /srv/f.txt
    content: "kept"
    lifecycle: { create_before_destroy: true }
  service.s:
    host: \${host.h}
    name: s
    command: /bin/sleep
    args: ["3600"]
    lifecycle: { create_before_destroy: true }
`,
  });
  const root = join(dir, ".gantry/hosts/h");
  try {
    assert.is(gantry(["apply", "-auto-approve", dir]).code, 0);
    for (const a of ["gantry_file.f", "gantry_service.s"]) assert.is(gantry(["taint", "--dir", dir, a]).code, 0);
    const r = gantry(["apply", "-auto-approve", "-no-color", dir]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 added, 0 changed, 2 destroyed/);
    assert.is(readFileSync(join(root, "srv/f.txt"), "utf8"), "kept");
    const pid = JSON.parse(readFileSync(join(root, "run/gantry/s.json"), "utf8")).pid as number;
    assert.ok(pidAlive(pid), "the replacement process runs");
    const plan = gantry(["plan", "-detailed-exitcode", "-no-color", dir]);
    assert.is(plan.code, 0, plan.stdout);
  } finally {
    gantry(["destroy", "-auto-approve", dir]);
    assert.not.ok(existsSync(join(root, "run/gantry/s.json")));
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
