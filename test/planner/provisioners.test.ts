// local-exec provisioners through the engine's apply walk, with real `sh`
// commands on this machine: order, environment, working_dir, interpreter,
// self, failure (tainted, replaced by the next plan), on_failure = continue,
// destroy-time provisioners, and a stop that kills a running command.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { GantryError } from "../../contract/diagnostics.js";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ApplyEvent } from "../../planner/apply.js";
import { actions, configDir, loadStateAt, makePlan, planAndApply, writeConfig } from "./harness.js";
import { testEngine } from "../engine-fixture.js";

const tf = (resource: Record<string, unknown>) => ({ "main.tf.json": JSON.stringify({ resource }) });
const exec = (command: string, more: Record<string, unknown> = {}) => ({ "local-exec": { command, ...more } });
const lines = (dir: string, file = "log") =>
  existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim().split("\n") : [];

/** Applies, collecting what the provisioners printed (per address, prefix-free) and the failures. */
async function applyCollecting(dir: string) {
  const events: ApplyEvent[] = [];
  const outcome = await testEngine().apply(testEngine().workspace({ dir }), {
    onEvent: (e) => {
      if (e.type === "resource") events.push(e.event);
    },
  });
  if (outcome.status !== "applied") throw new Error("not applied");
  const output = events.flatMap((e) => (e.kind === "provision-output" ? e.output.split("\n") : []));
  return { events, output, result: outcome.result, state: loadStateAt(dir) };
}

test("creation-time provisioners run after the create, in declaration order, with self", async () => {
  const dir = configDir(
    tf({
      null_resource: {
        a: {
          triggers: { k: "v" },
          provisioner: [
            exec("echo first ${self.triggers.k} >> log"),
            exec("echo second $ID >> log", { environment: { ID: "${self.id}" } }),
            exec("echo third >> log"),
          ],
        },
      },
    }),
  );
  const { events, state } = await applyCollecting(dir);
  const id = state.instances.get("null_resource.a")!.attributes.id;
  assert.equal(lines(dir), ["first v", `second ${id}`, "third"]);
  const kinds = events.map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === "provision-start").length, 3);
  assert.ok(kinds.indexOf("provision-start") > kinds.indexOf("start"));
  assert.is(kinds.at(-1), "complete", "the resource completes after its provisioners");
  assert.is(state.instances.get("null_resource.a")!.status, undefined);
});

test("environment, working_dir, interpreter and Terraform's 'Executing:' line; quiet hides the command", async () => {
  const dir = configDir(
    tf({
      null_resource: {
        a: {
          provisioner: [
            exec("echo $GREETING $HOME_SET; pwd", {
              environment: { GREETING: "hello", HOME_SET: '${length("abc")}' },
              working_dir: "sub",
            }),
            exec("print('from python' if False else 'from', 'interp')", {
              interpreter: ["/bin/sh", "-c", 'echo "$0"'],
            }),
            exec("echo secret-command", { quiet: true }),
          ],
        },
      },
    }),
  );
  mkdirSync(join(dir, "sub"));
  const { output } = await applyCollecting(dir);
  assert.equal(output, [
    'Executing: ["/bin/sh" "-c" "echo $GREETING $HOME_SET; pwd"]',
    "hello 3",
    join(dir, "sub"),
    'Executing: ["/bin/sh" "-c" "echo \\"$0\\"" "print(\'from python\' if False else \'from\', \'interp\')"]',
    "print('from python' if False else 'from', 'interp')",
    "local-exec: Executing: Suppressed by quiet=true",
    "secret-command",
  ]);
});

test("provisioners do not run on update, and run again on replace", async () => {
  const body = (input: string, trigger: string) =>
    tf({
      terraform_data: { d: { input, triggers_replace: trigger, provisioner: [exec("echo ran ${self.input} >> log")] } },
    });
  const dir = configDir(body("a", "1"));
  await planAndApply(dir);
  writeConfig(dir, body("b", "1"));
  const { plan } = await planAndApply(dir);
  assert.equal(actions(plan), { "terraform_data.d": "update" });
  assert.equal(lines(dir), ["ran a"]);
  writeConfig(dir, body("b", "2"));
  await planAndApply(dir);
  assert.equal(lines(dir), ["ran a", "ran b"]);
});

test("a failing provisioner fails the apply and taints the resource; the next plan replaces it", async () => {
  const dir = configDir(
    tf({
      null_resource: {
        a: { provisioner: [exec("echo before >> log; echo oops; exit 3"), exec("echo never >> log")] },
        after: { depends_on: ["null_resource.a"] },
      },
    }),
  );
  const { result, state, output } = await applyCollecting(dir);
  assert.equal(lines(dir), ["before"], "the provisioner after the failing one did not run");
  assert.equal(
    result.failed.map((f) => f.address),
    ["null_resource.a"],
  );
  assert.is(
    result.failed[0].error,
    "local-exec provisioner error: Error running command 'echo before >> log; echo oops; exit 3': exit status 3. " +
      "Output: oops\n",
  );
  assert.ok(output.includes("oops"));
  assert.equal(result.skipped, ["null_resource.after"]);
  const a = state.instances.get("null_resource.a")!;
  assert.is(a.status, "tainted");
  assert.match(String(a.attributes.id), /^\d+$/, "the created object is recorded");

  const p = await makePlan(dir);
  const c = p.changes.find((x) => x.address === "null_resource.a")!;
  assert.is(c.action, "replace");
  assert.is(c.reason, "tainted");
  assert.is(c.replaceOrder, "destroy-before-create");
});

test("on_failure = continue: the failure is ignored and the next provisioner runs", async () => {
  const dir = configDir(
    tf({
      null_resource: {
        a: { provisioner: [exec("exit 1", { on_failure: "continue" }), exec("echo next >> log")] },
      },
    }),
  );
  const { result, state } = await applyCollecting(dir);
  assert.equal(result.failed, []);
  assert.equal(lines(dir), ["next"]);
  assert.is(state.instances.get("null_resource.a")!.status, undefined);
});

test("an interpreter that does not exist fails as Terraform says it", async () => {
  const dir = configDir(
    tf({ null_resource: { a: { provisioner: [exec("x", { interpreter: ["/no/such/shell"] })] } } }),
  );
  const { result } = await applyCollecting(dir);
  assert.match(
    result.failed[0].error,
    /Error running command 'x': exec: "\/no\/such\/shell": executable file not found/,
  );
});

test("destroy-time provisioners run before the delete, with self as recorded; not for tainted objects", async () => {
  const body = tf({
    null_resource: {
      a: {
        count: 2,
        triggers: { n: "${count.index}" },
        provisioner: [
          exec("echo create ${count.index} >> log"),
          exec("echo destroy ${self.triggers.n} ${count.index} >> log", { when: "destroy" }),
        ],
      },
    },
  });
  const dir = configDir(body);
  await planAndApply(dir);
  assert.equal(lines(dir).sort(), ["create 0", "create 1"]);
  const { result } = await planAndApply(dir, { mode: "destroy" });
  assert.is(result.destroyed, 2);
  assert.equal(lines(dir).slice(2).sort(), ["destroy 0 0", "destroy 1 1"]);

  // tainted: destroyed without its destroy-time provisioners (Terraform's rule), then created again
  const dir2 = configDir(body);
  await planAndApply(dir2);
  await testEngine().taint(testEngine().workspace({ dir: dir2 }), "null_resource.a[1]");
  const { plan } = await planAndApply(dir2);
  assert.equal(actions(plan), { "null_resource.a[0]": "noop", "null_resource.a[1]": "replace" });
  assert.equal(lines(dir2).slice(2), ["create 1"]);
});

test("a failing destroy-time provisioner keeps the resource; on_failure = continue deletes it", async () => {
  const dir = configDir(tf({ null_resource: { a: { provisioner: [exec("exit 2", { when: "destroy" })] } } }));
  await planAndApply(dir);
  const { result, state } = await planAndApply(dir, { mode: "destroy" });
  assert.equal(
    result.failed.map((f) => f.address),
    ["null_resource.a"],
  );
  assert.ok(state.instances.has("null_resource.a"));
  assert.is(state.instances.get("null_resource.a")!.status, undefined);

  writeConfig(
    dir,
    tf({ null_resource: { a: { provisioner: [exec("exit 2", { when: "destroy", on_failure: "continue" })] } } }),
  );
  const again = await planAndApply(dir, { mode: "destroy" });
  assert.equal(again.result.failed, []);
  assert.is(again.state.instances.size, 0);
});

test("a provisioner's reference to another resource orders it after that resource", async () => {
  const dir = configDir(
    tf({
      null_resource: { a: { provisioner: [exec("echo a sees ${terraform_data.b.output} >> log")] } },
      terraform_data: { b: { input: "B", provisioner: [exec("sleep 0.2; echo b done >> log")] } },
    }),
  );
  await planAndApply(dir);
  assert.equal(lines(dir), ["b done", "a sees B"]);
});

test("self outside a provisioner is refused", async () => {
  const dir = configDir(tf({ terraform_data: { d: { input: "${self.id}" } } }));
  try {
    await makePlan(dir);
    assert.unreachable("planned");
  } catch (e) {
    assert.match((e as Error).message, /Invalid "self" reference/);
  }
});

test("a stop (Ctrl-C) kills a running provisioner; the resource is left tainted", async () => {
  const dir = configDir(
    tf({ null_resource: { a: { provisioner: [exec("echo started >> log; sleep 60; echo no >> log")] } } }),
  );
  const stop = new AbortController();
  const t0 = Date.now();
  const running = testEngine().apply(testEngine().workspace({ dir }), {
    signal: stop.signal,
    onEvent: (e) => {
      if (e.type === "resource" && e.event.kind === "provision-output" && e.event.output.startsWith("Executing"))
        waitFor(() => lines(dir).includes("started")).then(() => stop.abort());
    },
  });
  const outcome = await running;
  assert.ok(Date.now() - t0 < 50_000, "did not wait for the command");
  assert.is(outcome.status, "applied");
  if (outcome.status === "applied") assert.match(outcome.result.failed[0].error, /signal: killed/);
  assert.equal(lines(dir), ["started"]);
  assert.is(loadStateAt(dir).instances.get("null_resource.a")!.status, "tainted");
});

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
}

test("a sensitive variable in the arguments suppresses the output, as Terraform does", async () => {
  const dir = configDir({
    "main.tf.json": JSON.stringify({
      variable: { token: { type: "string", default: "s3cret", sensitive: true } },
      locals: { header: "Bearer ${var.token}" },
      resource: {
        null_resource: {
          a: { provisioner: [exec("echo $H >> log; echo $H", { environment: { H: "${local.header}" } })] },
          b: { provisioner: [exec("echo shown")] },
        },
      },
    }),
  });
  const { events } = await applyCollecting(dir);
  const out = (address: string) =>
    events.flatMap((e) => (e.kind === "provision-output" && e.address === address ? [e.output] : []));
  assert.equal(lines(dir), ["Bearer s3cret"], "the command ran with the value");
  assert.ok(out("null_resource.a").length > 0);
  assert.ok(out("null_resource.a").every((o) => o === "(output suppressed due to sensitive value in config)"));
  assert.ok(out("null_resource.b").includes("shown"));
});

test("YAML provisioners run the same", async () => {
  const dir = configDir({
    "main.gantry.yaml": `
resources:
  null_resource.y:
    provisioner:
      - local-exec: { command: "echo yaml \${self.id} >> log" }
`,
  });
  const { state } = await planAndApply(dir);
  assert.equal(lines(dir), [`yaml ${state.instances.get("null_resource.y")!.attributes.id}`]);
});

test.run();
