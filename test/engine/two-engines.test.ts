// Two engines in one process, each on its own workspace, at the same time:
// their resource types, host drivers, sim fabrics, states and events never
// meet (the API server will run many stacks at once).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent } from "../../engine/events.js";
import { Engine } from "../../engine/engine.js";
import { configDir } from "../planner/harness.js";

// the same host name on both sides: only separate fabrics keep them apart
const simConfig = (file: string) => `
resources:
  gantry_host.h:
    driver: sim
    address: 127.0.93.1
  gantry_file.f:
    count: 20
    host: \${gantry_host.h}
    path: "/srv/${file}-\${count.index}.txt"
    content: "${file} \${count.index}"
outputs:
  paths: { value: "\${gantry_file.f[*].path}" }
`;

const localConfig = `
resources:
  gantry_host.l:
    driver: local
    address: 127.0.93.2
  gantry_file.page:
    host: \${gantry_host.l}
    path: /srv/page.html
    content: "<h1>local</h1>"
  gantry_noop.n:
    count: 50
    input: "\${count.index}"
`;

test("a sim workspace and a local workspace applied at once by two engines", async () => {
  const simDir = configDir({ "main.gantry.yaml": simConfig("a") });
  const otherSimDir = configDir({ "main.gantry.yaml": simConfig("b") });
  const localDir = configDir({ "main.gantry.yaml": localConfig });
  const one = new Engine();
  const two = new Engine();
  const events: Record<string, EngineEvent[]> = { one: [], two: [], three: [] };
  const [a, b, c] = await Promise.all([
    one.apply(one.workspace({ dir: simDir }), { onEvent: (e) => events.one.push(e) }),
    two.apply(two.workspace({ dir: otherSimDir }), { onEvent: (e) => events.two.push(e) }),
    two.apply(two.workspace({ dir: localDir }), { onEvent: (e) => events.three.push(e), parallelism: 3 }),
  ]);
  for (const o of [a, b, c]) {
    assert.is(o.status, "applied");
    if (o.status === "applied") assert.equal(o.result.failed, []);
  }
  if (a.status === "applied") assert.is(a.result.added, 21);
  if (c.status === "applied") assert.is(c.result.added, 52);

  // each engine's fabric holds only its own workspace's files
  const filesOf = (e: Engine) =>
    [...(e.hosts.simFabric.hosts.get("h")?.files.keys() ?? [])].filter((p) => p.startsWith("/srv/")).sort();
  assert.is(filesOf(one).length, 20);
  assert.ok(
    filesOf(one).every((p) => p.startsWith("/srv/a-")),
    filesOf(one).join(),
  );
  assert.ok(
    filesOf(two).every((p) => p.startsWith("/srv/b-")),
    filesOf(two).join(),
  );
  // the local host is real: its file is on disk, under its own root
  assert.is(readFileSync(join(localDir, ".gantry/hosts/l/srv/page.html"), "utf8"), "<h1>local</h1>");

  // events went to the operation that caused them
  const addresses = (es: EngineEvent[]) =>
    new Set(es.flatMap((e) => (e.type === "resource" ? [e.event.address.replace(/\[.*$/, "")] : [])));
  assert.equal([...addresses(events.one)].sort(), ["gantry_file.f", "gantry_host.h"]);
  assert.equal([...addresses(events.three)].sort(), ["gantry_file.page", "gantry_host.l", "gantry_noop.n"]);

  // and each state records only its own workspace
  assert.is((await one.listState(one.workspace({ dir: simDir }))).length, 21);
  assert.is((await two.listState(two.workspace({ dir: localDir }))).length, 52);
  assert.equal(Object.keys(await one.outputs(one.workspace({ dir: simDir }))), ["paths"]);

  // a no-change plan on each, then the local workspace destroyed, leaving the sim one alone
  const again = await one.plan(one.workspace({ dir: simDir }));
  assert.ok(again.plan.changes.every((x) => x.action === "noop"));
  const gone = await two.destroy(two.workspace({ dir: localDir }));
  assert.is(gone.status, "applied");
  assert.is(existsSync(join(localDir, ".gantry/hosts/l")), false);
  assert.is(filesOf(one).length, 20);
});

test("an engine's resource types are its own", () => {
  const base = new Engine();
  const custom = new Engine({ types: [...base.types.names().map((n) => base.types.get(n)!)] });
  custom.types.register({ ...base.types.get("gantry_noop")!, name: "gantry_custom_noop" });
  assert.ok(custom.types.get("gantry_custom_noop"));
  assert.is(base.types.get("gantry_custom_noop"), undefined);
});

test.run();
