import { test } from "uvu";
import * as assert from "uvu/assert";
import { actions, configDir, makePlan, planAndApply, writeConfig } from "./harness.js";

const members = (version: string, policy = "{ group: zk, max_batch_size: 1, min_in_service: 2 }") => `
resources:
  gantry_noop.pkg:
    for_each: [m1, m2, m3, m4]
    input: "pkg-${version}"
    update_policy: ${policy}
  gantry_noop.svc:
    for_each: [m1, m2, m3, m4]
    input: "\${gantry_noop.pkg[each.key].output}/svc"
    update_policy: ${policy}
`;

test("members change one batch at a time; inside a member, dependencies still order the work", async () => {
  const dir = configDir({ "main.gantry.yaml": members("1") });
  await planAndApply(dir);
  writeConfig(dir, { "main.gantry.yaml": members("2") });
  const p = await makePlan(dir);
  assert.equal(p.rolling, [
    { group: "zk", batchSize: 1, minInService: 2, members: 4, kept: 3, batches: [["m1"], ["m2"], ["m3"], ["m4"]] },
  ]);
  assert.ok(Object.values(actions(p)).every((a) => a === "update"));
  const order: string[] = [];
  let running = 0;
  let overlap = false;
  await planAndApply(dir, {
    parallelism: 10,
    onEvent: (e) => {
      if (e.kind === "start") {
        running++;
        if (running > 1) overlap = true;
      }
      if (e.kind === "complete") {
        running--;
        order.push(e.address);
      }
    },
  });
  assert.not.ok(overlap, "batch size 1 with one resource per step: never two at once");
  assert.equal(order, [
    'gantry_noop.pkg["m1"]',
    'gantry_noop.svc["m1"]',
    'gantry_noop.pkg["m2"]',
    'gantry_noop.svc["m2"]',
    'gantry_noop.pkg["m3"]',
    'gantry_noop.svc["m3"]',
    'gantry_noop.pkg["m4"]',
    'gantry_noop.svc["m4"]',
  ]);
});

test("batch size is bounded by min_in_service", async () => {
  const dir = configDir({
    "main.gantry.yaml": members("1", "{ group: agents, max_batch_size: 3, min_in_service: 2 }"),
  });
  await planAndApply(dir);
  writeConfig(dir, { "main.gantry.yaml": members("2", "{ group: agents, max_batch_size: 3, min_in_service: 2 }") });
  const p = await makePlan(dir);
  assert.equal(p.rolling[0].batches, [
    ["m1", "m2"],
    ["m3", "m4"],
  ]);
  const maxConcurrentSvc = { now: 0, peak: 0 };
  await planAndApply(dir, {
    onEvent: (e) => {
      if (e.kind === "start" && e.address.startsWith("gantry_noop.pkg"))
        maxConcurrentSvc.peak = Math.max(maxConcurrentSvc.peak, ++maxConcurrentSvc.now);
      if (e.kind === "complete" && e.address.startsWith("gantry_noop.pkg")) maxConcurrentSvc.now--;
    },
  });
  assert.ok(maxConcurrentSvc.peak <= 2, `at most 2 members at once, saw ${maxConcurrentSvc.peak}`);
});

test.run();
