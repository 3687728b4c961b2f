import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, loadStateAt, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";
import { resetTestEngine } from "../engine-fixture.js";

const SIM_HOST = `
  gantry_host.h:
    driver: sim
`;

test("create, then a second plan has no changes; outputs are recorded", async () => {
  const dir = configDir({
    "main.gantry.yaml": `
variables:
  n: { type: number, default: 3 }
resources:
  gantry_noop.a:
    input: { greeting: hello }
  gantry_noop.b:
    count: \${var.n}
    input: "\${gantry_noop.a.output.greeting}-\${count.index}"
outputs:
  first: { value: "\${gantry_noop.b[0].output}" }
  ids: { value: "\${gantry_noop.b[*].id}" }
`,
  });
  const p1 = await makePlan(dir);
  assert.equal(actions(p1), {
    "gantry_noop.a": "create",
    "gantry_noop.b[0]": "create",
    "gantry_noop.b[1]": "create",
    "gantry_noop.b[2]": "create",
  });
  const { result, state } = await planAndApply(dir);
  assert.is(result.added, 4);
  assert.is(state.instances.get("gantry_noop.b[2]")!.attributes.output, "hello-2");
  assert.equal(state.instances.get("gantry_noop.b[1]")!.dependencies, ["gantry_noop.a"]);
  assert.is(state.outputs.first.value, "hello-0");
  assert.is((state.outputs.ids.value as string[]).length, 3);
  const p2 = await makePlan(dir);
  assert.ok(
    p2.changes.every((c) => c.action === "noop"),
    "second plan must be empty",
  );
});

test("count shrink deletes the highest index; update in place; triggers_replace forces replacement", async () => {
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  gantry_noop.x:\n    count: 3\n    input: a\n    triggers_replace: 1\n`,
  });
  const first = await planAndApply(dir);
  const id1 = first.state.instances.get("gantry_noop.x[1]")!.attributes.id;
  writeConfig(dir, {
    "main.gantry.yaml":
      `resources:\n  gantry_noop.x:\n    count: 2\n    input: "\${count.index == 0 ? \\"b\\" : \\"a\\"}"\n` +
      `    triggers_replace: "\${count.index == 1 ? 2 : 1}"\n`,
  });
  const p = await makePlan(dir);
  assert.equal(actions(p), {
    "gantry_noop.x[0]": "update",
    "gantry_noop.x[1]": "replace",
    "gantry_noop.x[2]": "delete",
  });
  assert.equal(p.changes.find((c) => c.address === "gantry_noop.x[1]")!.requiresReplace, ["triggers_replace"]);
  assert.is(p.changes.find((c) => c.address === "gantry_noop.x[2]")!.reason, "index-gone");
  const { state } = await planAndApply(dir);
  assert.is(state.instances.size, 2);
  assert.is(state.instances.get("gantry_noop.x[0]")!.attributes.output, "b");
  assert.is.not(state.instances.get("gantry_noop.x[1]")!.attributes.id, id1, "replaced instance gets a new id");
});

test("for_each gives stable string keys; removing a key deletes only that instance", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  gantry_noop.m:\n    for_each: { a: 1, b: 2 }\n` + `    input: "\${each.key}=\${each.value}"\n`,
  });
  const { state } = await planAndApply(dir);
  assert.equal([...state.instances.keys()].sort(), ['gantry_noop.m["a"]', 'gantry_noop.m["b"]']);
  writeConfig(dir, {
    "main.gantry.yaml": `resources:\n  noop.m:\n    for_each: { b: 2 }\n    input: "\${each.key}=\${each.value}"\n`,
  });
  assert.equal(actions(await makePlan(dir)), { 'gantry_noop.m["a"]': "delete", 'gantry_noop.m["b"]': "noop" });
});

test("values unknown until apply are resolved during apply (deferred configuration)", async () => {
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  noop.a:\n    input: 1\n  noop.b:\n    input: "after-\${noop.a.id}"\n`,
  });
  const p = await makePlan(dir);
  const b = p.changes.find((c) => c.address === "gantry_noop.b")!;
  assert.ok(b.deferred);
  const { state } = await planAndApply(dir);
  assert.is(
    state.instances.get("gantry_noop.b")!.attributes.input,
    `after-${state.instances.get("gantry_noop.a")!.attributes.id}`,
  );
});

test("-target limits the plan to the target and what it depends on; -replace forces replacement", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  gantry_noop.a:\n    input: 1\n  gantry_noop.b:\n` +
      `    input: "\${gantry_noop.a.output}"\n  gantry_noop.c:\n    input: 3\n`,
  });
  const p = await makePlan(dir, { targets: ["gantry_noop.b"] });
  assert.equal(Object.keys(actions(p)).sort(), ["gantry_noop.a", "gantry_noop.b"]);
  await planAndApply(dir);
  const r = await makePlan(dir, { replace: ["gantry_noop.c"] });
  assert.equal(actions(r), { "gantry_noop.a": "noop", "gantry_noop.b": "noop", "gantry_noop.c": "replace" });
  assert.is(r.changes.find((c) => c.address === "gantry_noop.c")!.reason, "replace-requested");
});

test("destroy deletes dependents before what they depend on", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  noop.a:\n    input: 1\n  noop.b:\n    input: "\${noop.a.output}"\n  noop.c:\n ` +
      `   input: "\${gantry_noop.b.output}"\n`,
  });
  await planAndApply(dir);
  const order: string[] = [];
  const { state } = await planAndApply(dir, {
    mode: "destroy",
    onEvent: (e) => e.kind === "complete" && order.push(e.address),
  });
  assert.equal(order, ["gantry_noop.c", "gantry_noop.b", "gantry_noop.a"]);
  assert.is(state.instances.size, 0);
});

test("a failure skips its dependents only; a second apply completes without recreating what succeeded", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const dir = configDir({
    "main.gantry.yaml": `resources:${SIM_HOST}
  gantry_file.ok:
    host: \${gantry_host.h}
    path: /etc/ok
    content: fine
  gantry_file.bad:
    host: \${gantry_host.h}
    path: /etc/bad
    content: broken
  gantry_noop.after_bad:
    input: "\${gantry_file.bad.sha256}"
  gantry_noop.independent:
    input: "\${gantry_file.ok.sha256}"
`,
  });
  fabric.injectFailure({ op: "writeFile", match: "/etc/bad", times: 1, error: "disk on fire" });
  const first = await planAndApply(dir);
  assert.equal(
    first.result.failed.map((f) => f.address),
    ["gantry_file.bad"],
  );
  assert.match(first.result.failed[0].error, /disk on fire/);
  assert.equal(first.result.skipped, ["gantry_noop.after_bad"]);
  const s1 = first.state;
  assert.ok(s1.instances.has("gantry_noop.independent"), "independent branch finished");
  assert.is(s1.instances.get("gantry_file.bad")!.status, "tainted");
  assert.not.ok(s1.instances.has("gantry_noop.after_bad"));
  const okId = s1.instances.get("gantry_noop.independent")!.attributes.id;

  // Without refresh the tainted instance is replaced; with refresh, its file is found missing, so it is simply created.
  const p0 = await makePlan(dir, { refresh: false });
  assert.is(p0.changes.find((c) => c.address === "gantry_file.bad")!.action, "replace");
  assert.is(p0.changes.find((c) => c.address === "gantry_file.bad")!.reason, "tainted");
  const p2 = await makePlan(dir);
  assert.equal(actions(p2), {
    "gantry_file.bad": "create",
    "gantry_file.ok": "noop",
    "gantry_host.h": "noop",
    "gantry_noop.after_bad": "create",
    "gantry_noop.independent": "noop",
  });
  const second = await planAndApply(dir);
  assert.equal(second.result.failed, []);
  assert.is(second.state.instances.get("gantry_noop.independent")!.attributes.id, okId, "not recreated");
  assert.is(fabric.host("h").files.get("/etc/bad")!.content, "broken");
});

test("drift on a simulated host shows in the plan and apply repairs it", async () => {
  const fabric = resetTestEngine().hosts.simFabric;
  const yaml = `resources:${SIM_HOST}\n  file.f:\n    host: \${host.h}\n    path: /etc/f\n    content: desired\n`;
  const dir = configDir({ "main.gantry.yaml": yaml });
  await planAndApply(dir);
  fabric.host("h").files.get("/etc/f")!.content = "edited by hand";
  const p = await makePlan(dir);
  assert.equal(
    p.drift.map((d) => [d.address, d.kind]),
    [["gantry_file.f", "changed"]],
  );
  const c = p.changes.find((x) => x.address === "gantry_file.f")!;
  assert.is(c.action, "update");
  assert.is(c.before!.content, "edited by hand");
  assert.is(c.after!.content, "desired");
  assert.equal(
    actions(await makePlan(dir, { refresh: false })),
    { "gantry_file.f": "noop", "gantry_host.h": "noop" },
    "-refresh=false does not see drift",
  );
  await planAndApply(dir);
  assert.is(fabric.host("h").files.get("/etc/f")!.content, "desired");
});

test("parallelism bounds concurrent operations, overall and per host", async () => {
  resetTestEngine().hosts.simFabric;
  const hosts = ["h1", "h2"].map((h) => `  host.${h}:\n    driver: sim\n    options: { latency_ms: 15 }\n`).join("");
  const files = Array.from(
    { length: 12 },
    (_, i) => `  gantry_file.f${i}:\n    host: \${gantry_host.h${(i % 2) + 1}}\n    path: /f${i}\n    content: x\n`,
  ).join("");
  const dir = configDir({ "main.gantry.yaml": `resources:\n${hosts}${files}` });
  let running = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  let peakHost = 0;
  const hostOf = (a: string) => (a.startsWith("gantry_file.") ? `h${(Number(a.slice(13)) % 2) + 1}` : a);
  await planAndApply(dir, {
    parallelism: 4,
    hostParallelism: 1,
    onEvent: (e) => {
      if (e.kind === "start") {
        running++;
        peak = Math.max(peak, running);
        const h = hostOf(e.address);
        perHost.set(h, (perHost.get(h) ?? 0) + 1);
        if (e.address.startsWith("gantry_file.")) peakHost = Math.max(peakHost, perHost.get(h)!);
      }
      if (e.kind === "complete" || e.kind === "error") {
        running--;
        const h = hostOf(e.address);
        perHost.set(h, perHost.get(h)! - 1);
      }
    },
  });
  assert.ok(peak <= 4 && peak >= 2, `peak ${peak}`);
  assert.is(peakHost, 1);
});

test("an abort lets in-flight operations finish, starts nothing new, and saves state", async () => {
  resetTestEngine().hosts.simFabric;
  const files = Array.from(
    { length: 20 },
    (_, i) => `  gantry_file.f${i}:\n    host: \${gantry_host.h}\n    path: /f${i}\n    content: x\n`,
  ).join("");
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  gantry_host.h:\n    driver: sim\n    options: { latency_ms: 30 }\n${files}`,
  });
  const ac = new AbortController();
  let started = 0;
  const { result, state } = await planAndApply(dir, {
    parallelism: 3,
    signal: ac.signal,
    onEvent: (e) => {
      if (e.kind === "start" && e.address.startsWith("gantry_file.") && ++started === 3) ac.abort();
    },
  });
  assert.is(result.failed.length, 0);
  assert.ok(result.cancelled.length >= 15, `cancelled ${result.cancelled.length}`);
  const created = [...state.instances.keys()].filter((a) => a.startsWith("gantry_file."));
  assert.is(created.length, 3, "exactly the in-flight ones finished and were saved");
  assert.is(created.length + result.cancelled.length, 20);
});

test("references to undeclared things and cycles are located errors", async () => {
  const dangling = configDir({
    "main.gantry.yaml": `resources:\n  gantry_noop.a:\n    input: "\${gantry_noop.nope.id}"\n`,
  });
  try {
    await makePlan(dangling);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, GantryError);
    const d = (e as GantryError).diagnostics[0];
    assert.match(d.summary, /undeclared resource "gantry_noop.nope"/);
    assert.equal(d.origin!.path, ["resources", "gantry_noop.a", "input"]);
    assert.is(d.origin!.line, 3);
  }
  const cyclic = configDir({
    "main.gantry.yaml":
      `locals:\n  l: "\${noop.c.output}"\nresources:\n  noop.a:\n    input: "\${noop.b.output}"\n  ` +
      `gantry_noop.b:\n    input: "\${local.l}"\n  gantry_noop.c:\n    input: "\${gantry_noop.a.output}"\n`,
  });
  try {
    await makePlan(cyclic);
    assert.unreachable();
  } catch (e) {
    const d = (e as GantryError).diagnostics[0];
    assert.match(d.summary, /^Cycle: /);
    for (const m of ["gantry_noop.a", "gantry_noop.b", "gantry_noop.c", "local.l"])
      assert.ok(d.summary.includes(m), `${m} in ${d.summary}`);
    assert.is(d.related!.length, 4);
    assert.ok(
      d.related!.every((r) => r.origin?.line),
      "every member located",
    );
  }
});

test("unknown type, unknown and missing properties are reported together", async () => {
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  nosuch.a: {}\n  gantry_noop.b:\n    inptu: 1\n  gantry_file.c:\n    path: /x\n`,
  });
  try {
    await makePlan(dir);
    assert.unreachable();
  } catch (e) {
    const s = (e as GantryError).diagnostics.map((d) => d.summary).join("\n");
    assert.match(s, /Unknown resource type "gantry_nosuch"/);
    assert.match(s, /Unsupported property "inptu" in resource "gantry_noop.b"/);
    assert.match(s, /Missing required property "host" in resource "gantry_file.c"/);
  }
});

test("prevent_destroy refuses a plan that would destroy the instance", async () => {
  const dir = configDir({
    "main.gantry.yaml": `resources:\n  gantry_noop.keep:\n    input: 1\n    lifecycle: { prevent_destroy: true }\n`,
  });
  await planAndApply(dir);
  const before = readFileSync(statePath(dir), "utf8");
  try {
    await makePlan(dir, { mode: "destroy" });
    assert.unreachable();
  } catch (e) {
    assert.match((e as GantryError).diagnostics[0].summary, /cannot be destroyed/);
  }
  assert.is(readFileSync(statePath(dir), "utf8"), before);
  assert.is(loadStateAt(dir).instances.size, 1);
});

test("create_before_destroy creates the replacement first", async () => {
  const dir = configDir({
    "main.gantry.yaml":
      `resources:\n  gantry_noop.r:\n    triggers_replace: 1\n` + `    lifecycle: { create_before_destroy: true }\n`,
  });
  await planAndApply(dir);
  writeConfig(dir, {
    "main.gantry.yaml":
      `resources:\n  gantry_noop.r:\n    triggers_replace: 2\n` + `    lifecycle: { create_before_destroy: true }\n`,
  });
  const p = await makePlan(dir);
  assert.is(p.changes[0].replaceOrder, "create-before-destroy");
  const { state } = await planAndApply(dir);
  assert.is(state.instances.get("gantry_noop.r")!.attributes.triggers_replace, 2);
  assert.not.ok(state.instances.get("gantry_noop.r")!.deposed);
});

test.run();
