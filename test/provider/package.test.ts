import { test } from "uvu";
import * as assert from "uvu/assert";
import { UNKNOWN } from "../../contract/values.js";
import { makeCtx, planLike, simHost } from "./helpers.js";
import { builtinType, resetTestEngine } from "../engine-fixture.js";

// Packages are tested on the sim driver only: no real Debian packages are installed.
const pkg = builtinType("package");
const host = simHost;

test("install, read, version drift, forget vs purge on destroy", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const ctx = makeCtx("/tmp/gantry-pkg", "zk");
  const config = { host: host("m1"), name: "zookeeper" };
  const p = planLike(pkg, null, config, ctx);
  assert.is(p.planned.installed_version, UNKNOWN);
  assert.is(p.planned.purge_on_destroy, false);
  const s = await pkg.create(ctx, p.planned);
  assert.is(s.installed_version, "1.0.0-sim");
  assert.equal(await pkg.read(ctx, s), s);
  assert.is(planLike(pkg, s, config, ctx).action, "noop");
  assert.is(pkg.hostKey!(s), "m1");

  // Pin a version: in-place update.
  const pinned = planLike(pkg, s, { ...config, version: "3.4.13" }, ctx);
  assert.is(pinned.action, "update");
  assert.is(pinned.planned.installed_version, "3.4.13");
  const s2 = await pkg.update(ctx, s, pinned.planned);
  assert.is(s2.installed_version, "3.4.13");
  // Drift: someone installed another version.
  fabric.host("m1").packages.set("zookeeper", "3.5.0");
  const drift = (await pkg.read(ctx, s2))!;
  assert.is(drift.installed_version, "3.5.0");
  assert.is(planLike(pkg, drift, { ...config, version: "3.4.13" }, ctx).action, "update");

  await pkg.delete(ctx, s2);
  assert.is(fabric.host("m1").packages.get("zookeeper"), "3.5.0", "forgotten, not uninstalled");
  assert.ok(ctx.logs.some((l) => /forgetting package zookeeper/.test(l)));
  await pkg.delete(ctx, { ...s2, purge_on_destroy: true });
  assert.is(fabric.host("m1").packages.has("zookeeper"), false, "purged");
  assert.is(await pkg.read(ctx, s2), null, "not installed → gone");
});

test("an unavailable package fails with a clear error naming package and host", async () => {
  resetTestEngine().hosts.simFabric;
  const ctx = makeCtx("/tmp/gantry-pkg", "mesos");
  const config = { host: host("master-1", { unavailable: ["mesos"] }), name: "mesos" };
  await pkg.create(ctx, planLike(pkg, null, config, ctx).planned).then(
    () => assert.unreachable("must fail"),
    (e: Error) =>
      assert.is(
        e.message,
        'package "mesos" cannot be installed on host "master-1" (sim): no installation candidate in the repositories ' +
          "this machine reaches",
      ),
  );
  assert.ok(pkg.validate!({ host: config.host, name: "Bad_Name" }, ctx).some((e) => e.attribute === "name"));
  // the plan says so before anything changes
  const said = await pkg.preflight!(ctx, planLike(pkg, null, config, ctx).planned);
  assert.equal(said, [
    {
      kind: "package",
      name: "mesos",
      host: "master-1",
      driver: "sim",
      outcome: "cannot be installed",
      reason: "no package in the reachable repositories",
      missing: ["mesos"],
    },
  ]);
});

test(
  "if_unavailable: skip records the package as not " + "installed, says so, and stays that way without drift",
  async () => {
    resetTestEngine().hosts.simFabric;
    const ctx = makeCtx("/tmp/gantry-pkg", "mesos");
    const config = { host: host("master-1", { unavailable: ["mesos"] }), name: "mesos", if_unavailable: "skip" };
    const s = await pkg.create(ctx, planLike(pkg, null, config, ctx).planned);
    assert.is(s.installed_version, null);
    assert.match(String(s.skipped), /cannot be installed on host master-1 .*does not start the services that need it/);
    assert.equal(
      ctx.limitations.map((l) => [l.kind, l.name, l.host, l.outcome]),
      [["package", "mesos", "master-1", "not installed"]],
      "a limitation for plan, apply and show",
    );
    const again = (await pkg.read(ctx, s))!;
    assert.is(planLike(pkg, again, config, ctx).action, "noop", "a skipped package is not drift");
    // a package that requires a missing one is skipped too, without trying apt
    const docker = { host: config.host, name: "docker.io", if_unavailable: "skip", requires_packages: ["mesos"] };
    const d = await pkg.create(ctx, planLike(pkg, null, docker, ctx).planned);
    assert.is(d.installed_version, null);
    assert.match(String(d.skipped), /will not be installed on host master-1 \(sim\): it needs package mesos/);
  },
);

test.run();
