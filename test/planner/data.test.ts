import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderPlan } from "../../cli/render-plan.js";
import { makeStyle } from "../../cli/style.js";
import type { GantryError } from "../../contract/diagnostics.js";
import { actions, configDir, makePlan, planAndApply, statePath, writeConfig } from "./harness.js";

const tf = (doc: unknown) => ({ "main.tf.json": JSON.stringify(doc, null, 2) });
const plain = makeStyle(false);

async function refused(p: Promise<unknown>): Promise<GantryError> {
  return p.then(
    () => assert.unreachable("must refuse") as never,
    (e: GantryError) => {
      assert.ok(e.diagnostics, String(e));
      return e;
    },
  );
}

test("terraform_remote_state (local backend) reads another state's outputs during plan, with defaults", async () => {
  const other = configDir(
    tf({
      resource: { gantry_noop: { a: { input: "hello" } } },
      output: { greeting: { value: "${gantry_noop.a.output}" } },
    }),
  );
  await planAndApply(other);
  const dir = configDir(
    tf({
      data: {
        terraform_remote_state: {
          o: {
            backend: "local",
            config: { path: join(other, "gantry.tfstate") },
            defaults: { extra: 1, greeting: "x" },
          },
        },
      },
      resource: {
        gantry_noop: {
          b: {
            input: "${data.terraform_remote_state.o.outputs.greeting}-${data.terraform_remote_state.o.outputs.extra}",
          },
        },
      },
    }),
  );
  const p = await makePlan(dir);
  assert.equal(actions(p), { "gantry_noop.b": "create" });
  assert.is(p.changes[0].after!.input, "hello-1");
  const { state } = await planAndApply(dir);
  const rec = state.instances.get("data.terraform_remote_state.o")!;
  assert.is(rec.mode, "data");
  assert.equal((rec.attributes.outputs as Record<string, unknown>).greeting, "hello");
  assert.match(readFileSync(statePath(dir), "utf8"), /"address":"data\.terraform_remote_state\.o","mode":"data"/);
  assert.equal(actions(await makePlan(dir)), { "gantry_noop.b": "noop" });
  // no longer declared: dropped from state without a change
  writeConfig(dir, tf({ resource: { gantry_noop: { b: { input: "hello-1" } } } }));
  assert.equal(actions(await makePlan(dir)), { "gantry_noop.b": "noop" });
  assert.not.ok((await planAndApply(dir)).state.instances.has("data.terraform_remote_state.o"));
});

test("the gantry_file data source reads a file on a host, with count; unknown arguments: read at apply", async () => {
  const host = { gantry_host: { h: { driver: "local" } } };
  const dir = configDir(tf({ resource: host }));
  const root = (await planAndApply(dir)).state.instances.get("gantry_host.h")!.attributes.root as string;
  mkdirSync(join(root, "etc"), { recursive: true });
  writeFileSync(join(root, "etc/a"), "A");
  writeFileSync(join(root, "etc/b"), "B");
  writeConfig(
    dir,
    tf({
      data: {
        gantry_file: { f: { count: 2, host: "${gantry_host.h}", path: '${["/etc/a", "/etc/b"][count.index]}' } },
      },
      resource: {
        ...host,
        gantry_noop: { n: { input: "${data.gantry_file.f[1].content}${data.gantry_file.f[0].content}" } },
      },
    }),
  );
  const p = await makePlan(dir);
  assert.is(p.changes.find((c) => c.address === "gantry_noop.n")!.after!.input, "BA");
  // a host not applied yet: the read is deferred to apply
  const later = configDir(
    tf({
      resource: {
        gantry_host: { g: { driver: "local" } },
        gantry_noop: { n: { input: "${data.gantry_file.x.sha256}" } },
      },
      data: { gantry_file: { x: { host: "${gantry_host.g}", path: "/etc/hostname-not-here" } } },
    }),
  );
  const lp = await makePlan(later);
  assert.equal(actions(lp), { "data.gantry_file.x": "read", "gantry_host.g": "create", "gantry_noop.n": "create" });
  const text = renderPlan(lp, plain);
  assert.match(
    text,
    new RegExp(
      "# data\\.gantry_file\\.x will be read during apply\n {2}# \\(config refers to values not yet known\\)\n" +
        ' <= data "gantry_file" "x" \\{',
    ),
  );
  const { result } = await planAndApply(later);
  assert.equal(
    result.failed.map((f) => f.address),
    ["data.gantry_file.x"],
  );
  assert.match(result.failed[0].error, /no file \/etc\/hostname-not-here/);
});

test("YAML writes data resources in a data section, types in full", async () => {
  const other = configDir(tf({ output: { o: { value: 7 } } }));
  await planAndApply(other);
  const dir = configDir({
    "main.gantry.yaml":
      "data:\n  terraform_remote_state.r:\n    backend: local\n" +
      `    config: { path: ${JSON.stringify(join(other, "gantry.tfstate"))} }\n` +
      'resources:\n  noop.a:\n    input: "${data.terraform_remote_state.r.outputs.o}"\n',
  });
  const p = await makePlan(dir);
  assert.is(p.changes[0].after!.input, 7);
});

test("data block errors: unknown data source, unknown argument, missing argument, undeclared reference", async () => {
  let e = await refused(makePlan(configDir(tf({ data: { gantry_nothing: { x: {} } } }))));
  assert.is(e.diagnostics[0].summary, "Invalid data source");
  e = await refused(
    makePlan(configDir(tf({ data: { terraform_remote_state: { x: { backend: "local", bogus: 1 } } } }))),
  );
  assert.is(e.diagnostics[0].summary, "Unsupported argument");
  assert.equal(e.diagnostics[0].origin?.path, ["data", "terraform_remote_state", "x", "bogus"]);
  e = await refused(makePlan(configDir(tf({ data: { terraform_remote_state: { x: {} } } }))));
  assert.is(e.diagnostics[0].summary, "Missing required argument");
  e = await refused(
    makePlan(configDir(tf({ resource: { gantry_noop: { a: { input: "${data.gantry_file.zz.content}" } } } }))),
  );
  assert.is(e.diagnostics[0].summary, 'Reference to undeclared resource "data.gantry_file.zz"');
});

test.run();
