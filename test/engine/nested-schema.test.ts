// Nested attribute schemas are checked once, by the planner, for every type
// and every language: a bad field deep in a property is a located error.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { GantryError } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { configDir } from "../planner/harness.js";

const dirWith = (name: string, content: string): string => configDir({ [name]: content });

async function planErrors(dir: string): Promise<GantryError> {
  const engine = new Engine();
  try {
    await engine.plan(engine.workspace({ dir }));
  } catch (e) {
    if (e instanceof GantryError) return e;
    throw e;
  }
  throw new Error("the plan should have failed");
}

test("YAML: a bad health_check field, a port out of range and an unknown state, each located", async () => {
  const dir = dirWith(
    "main.gantry.yaml",
    `resources:
  gantry_host.h: { driver: sim, address: 127.0.94.1 }
  gantry_service.s:
    host: \${gantry_host.h}
    command: sleep
    ports: [8080, 70000]
    state: paused
    health_check: { type: tcp, retries: -3 }
`,
  );
  const err = await planErrors(dir);
  const summaries = err.diagnostics.map((d) => d.summary).sort();
  assert.equal(summaries, [
    'Invalid property "health_check" of gantry_service.s: retries must be at least 0',
    'Invalid property "ports" of gantry_service.s: 1 must be at most 65535',
    'Invalid property "state" of gantry_service.s: must be one of "running", "stopped"',
  ]);
  const ports = err.diagnostics.find((d) => d.summary.includes('"ports"'))!;
  assert.equal(ports.origin?.path, ["resources", "gantry_service.s", "ports"]);
});

test("Terraform JSON: the same rule, the same message", async () => {
  const dir = dirWith(
    "main.tf.json",
    JSON.stringify({
      resource: {
        gantry_host: { h: { driver: "sim", address: "127.0.94.2" } },
        gantry_service: { s: { host: "${gantry_host.h}", command: "sleep", health_check: { type: "udp", port: 1 } } },
      },
    }),
  );
  const err = await planErrors(dir);
  assert.equal(
    err.diagnostics.map((d) => d.summary),
    ['Invalid property "health_check" of gantry_service.s: type must be one of "tcp", "http", "exec"'],
  );
});

test.run();
