// Synthesis of CDKTF apps as cdktf-cli does it, without TypeScript: the
// environment the app gets, cdktf.json read, manifest and stacks chosen,
// errors (app fails, no synth(), error annotations, no such stack, several
// stacks, a backend gantry cannot keep state in).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GantryError } from "../../contract/diagnostics.js";
import { Engine } from "../../engine/engine.js";
import { readCdktfProject } from "../../templates/cdktf-project.js";
import { chooseCdktfStack } from "../../templates/cdktf-stack.js";
import { cdktfSynthEnvironment, synthesizeCdktfApp } from "../../templates/cdktf-synth.js";
import { cdktfApp, cdktfJson } from "./cdktf-app-fixture.js";

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<GantryError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, GantryError);
    const text = (e as GantryError).diagnostics.map((d) => `${d.summary}\n${d.detail ?? ""}`).join("\n");
    assert.match(text, pattern);
    return e as GantryError;
  }
  throw new Error(`expected an error matching ${pattern}`);
}

/** An app whose command writes a manifest with these stacks (each a cdk.tf.json of `doc`). */
function prebuiltApp(stacks: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const manifest = {
    version: "0.21.0",
    stacks: Object.fromEntries(
      Object.keys(stacks).map((name) => [
        name,
        {
          name,
          constructPath: name,
          workingDirectory: `stacks/${name}`,
          synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
          stackMetadataPath: `stacks/${name}/metadata.json`,
          annotations: [],
          dependencies: [],
        },
      ]),
    ),
  };
  const files: Record<string, string> = { "synth.cjs": "", ...("files" in extra ? (extra.files as object) : {}) };
  const writes = [
    `const fs = require("fs"); const out = process.env.CDKTF_OUTDIR;`,
    `fs.mkdirSync(out + "/stacks", { recursive: true });`,
    ...Object.entries(stacks).map(
      ([name, doc]) =>
        `fs.mkdirSync(out + "/stacks/${name}", { recursive: true }); ` +
        `fs.writeFileSync(out + "/stacks/${name}/cdk.tf.json", ${JSON.stringify(JSON.stringify(doc))});`,
    ),
    `fs.writeFileSync(out + "/manifest.json", ${JSON.stringify(JSON.stringify(manifest))});`,
  ];
  files["synth.cjs"] = writes.join("\n");
  const { files: _f, ...cfg } = extra;
  files["cdktf.json"] = cdktfJson("node synth.cjs", cfg);
  return cdktfApp(files);
}

const noopStack = (name: string, backend?: Record<string, unknown>) => ({
  terraform: { backend: backend ?? { local: { path: `terraform.${name}.tfstate` } } },
  resource: { gantry_noop: { [name]: { input: name } } },
});

test("the app's environment is cdktf-cli's: outdir, context with relative modules, no TF_VAR_, more memory", () => {
  const dir = cdktfApp({
    "cdktf.json": cdktfJson("npx tsx main.ts", {
      output: "out",
      context: { greeting: "hi" },
      terraformModules: ["./modules/a", "hashicorp/consul/aws", { name: "b", source: "../b" }],
    }),
  });
  const env = cdktfSynthEnvironment(readCdktfProject(dir), {
    PATH: "/bin",
    TF_VAR_size: "3",
    CDKTF_CONTEXT_JSON: '{"ignored":true}',
  });
  assert.equal(env.PATH, "/bin");
  assert.is(env.TF_VAR_size, undefined);
  assert.is(env.CDKTF_OUTDIR, "out");
  assert.is(env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, "true");
  assert.is(env.SYNTH_HCL_OUTPUT, "false");
  assert.is(env.NODE_OPTIONS, "--max-old-space-size=4096");
  assert.equal(JSON.parse(env.CDKTF_CONTEXT_JSON), {
    greeting: "hi",
    cdktfRelativeModules: ["./modules/a", { name: "b", source: "../b" }],
  });
  // without a context in cdktf.json, the one in the environment is kept; NODE_OPTIONS given stays
  const plain = cdktfApp({ "cdktf.json": cdktfJson("true") });
  const env2 = cdktfSynthEnvironment(readCdktfProject(plain), {
    CDKTF_CONTEXT_JSON: '{"from":"env"}',
    NODE_OPTIONS: "--trace-warnings",
  });
  assert.equal(JSON.parse(env2.CDKTF_CONTEXT_JSON), { from: "env", cdktfRelativeModules: [] });
  assert.is(env2.NODE_OPTIONS, "--trace-warnings");
  assert.is(env2.CDKTF_OUTDIR, "cdktf.out");
});

test("cdktf.json: missing, not JSON, no app command", async () => {
  const engine = new Engine();
  const none = cdktfApp({ "main.tf.json": "{}" });
  await rejects(engine.openWorkspace({ dir: none, stack: "x" }), /-stack applies to CDKTF apps.*no cdktf\.json/);
  await rejects(engine.openWorkspace({ dir: cdktfApp({ "cdktf.json": "{ app: " }) }), /cdktf\.json is not valid JSON/);
  await rejects(engine.openWorkspace({ dir: cdktfApp({ "cdktf.json": "{}" }) }), /cdktf\.json: "app" must be/);
});

test("an app that fails, that does not call synth(), that reports an error annotation", async () => {
  const failing = cdktfApp({
    "cdktf.json": cdktfJson(`node -e "console.log('starting'); throw new Error('no such region')"`),
  });
  const e = await rejects(synthesizeCdktfApp(readCdktfProject(failing), process.env), /failed while synthesizing/);
  const detail = e.diagnostics[0].detail ?? "";
  assert.match(detail, /Synth command: node -e/);
  assert.match(detail, /no such region/);
  assert.match(detail, /Command output on stdout:\n\n {4}starting/);

  const silent = cdktfApp({ "cdktf.json": cdktfJson("node -e 0") });
  await rejects(synthesizeCdktfApp(readCdktfProject(silent), process.env), /did not, so .*manifest\.json was not/);

  const annotated = cdktfApp({
    "cdktf.json": cdktfJson("node app.cjs"),
    "app.cjs": [
      'const { App, TerraformStack, Annotations } = require("cdktf");',
      "const app = new App();",
      'const s = new TerraformStack(app, "one");',
      'Annotations.of(s).addWarning("mind the gap");',
      'Annotations.of(s).addError("bad region");',
      "app.synth();",
    ].join("\n"),
  });
  const a = await rejects(synthesizeCdktfApp(readCdktfProject(annotated), process.env), /reported errors/);
  assert.match(a.diagnostics[0].detail ?? "", /ERROR \[one\]: bad region/);
});

test("stacks: the only one, the one named, several without -stack, an unknown one", async () => {
  const one = prebuiltApp({ only: noopStack("only") });
  const p1 = readCdktfProject(one);
  const s1 = chooseCdktfStack(p1, await synthesizeCdktfApp(p1, process.env));
  assert.is(s1.name, "only");
  assert.is(s1.dir, join(one, "cdktf.out", "stacks", "only"));
  assert.is(s1.statePath, join(one, "cdktf.out", "stacks", "only", "terraform.only.tfstate"));

  const two = prebuiltApp({ dev: noopStack("dev"), prod: noopStack("prod") });
  const p2 = readCdktfProject(two);
  const synth = await synthesizeCdktfApp(p2, process.env);
  assert.is(chooseCdktfStack(p2, synth, "prod").name, "prod");
  assert.throws(
    () => chooseCdktfStack(p2, synth),
    (e: Error) => /Found more than one stack.*-stack NAME.*dev, prod/.test(e.message),
  );
  assert.throws(
    () => chooseCdktfStack(p2, synth, "staging"),
    (e: Error) => /Could not find stack: staging\. The app has: dev, prod/.test(e.message),
  );
  const none = prebuiltApp({});
  const p3 = readCdktfProject(none);
  const empty = await synthesizeCdktfApp(p3, process.env);
  assert.throws(
    () => chooseCdktfStack(p3, empty),
    (e: Error) => /synthesized no stack/.test(e.message),
  );
});

test("the workspace of a stack: its directory, the local backend's state, working data next to the app", async () => {
  const dir = prebuiltApp({
    dev: noopStack("dev", { local: { path: "/nonexistent/ignored" } }),
    prod: noopStack("prod"),
  });
  const engine = new Engine();
  const ws = await engine.openWorkspace({ dir, stack: "prod" });
  assert.is(ws.dir, join(dir, "cdktf.out", "stacks", "prod"));
  assert.is(ws.dataDir, join(dir, ".gantry", "stacks", "prod"));
  assert.equal(ws.app, { dir, stack: "prod" });
  // -state wins over the backend
  const explicit = await engine.openWorkspace({ dir, stack: "prod", statePath: join(dir, "mine.tfstate") });
  const outcome = await engine.apply(explicit, {});
  assert.is(outcome.status, "applied");
  assert.ok(existsSync(join(dir, "mine.tfstate")));
  await engine.apply(ws, {});
  const state = JSON.parse(readFileSync(join(ws.dir, "terraform.prod.tfstate"), "utf8"));
  assert.match(JSON.stringify(state.resources.map((r: { address: string }) => r.address)), /(gantry_)?noop\.prod/);
  // a stack that disappears from the app is removed from cdktf.out, as cdktf does
  mkdirSync(join(dir, "cdktf.out", "stacks", "gone"), { recursive: true });
  await engine.openWorkspace({ dir, stack: "dev" });
  assert.not.ok(existsSync(join(dir, "cdktf.out", "stacks", "gone")));
});

test("a saved plan of a stack is carried out on the stack's state, not the directory's default", async () => {
  const dir = prebuiltApp({ saved: noopStack("saved", { local: { path: "../../../saved.tfstate" } }) });
  const engine = new Engine();
  const ws = await engine.openWorkspace({ dir });
  assert.is(ws.state.location, join(dir, "saved.tfstate"));
  const planFile = join(dir, "saved.plan");
  engine.savePlan(planFile, ws, await engine.plan(ws));
  const outcome = await engine.applySaved(planFile, {});
  assert.is(outcome.status, "applied");
  assert.is(JSON.parse(readFileSync(join(dir, "saved.tfstate"), "utf8")).resources.length, 1);
  assert.not.ok(existsSync(join(ws.dir, "gantry.tfstate")));
});

test("a backend other than local is refused, naming it", async () => {
  const s3 = prebuiltApp({ remote: noopStack("remote", { s3: { bucket: "b", key: "k" } }) });
  await rejects(new Engine().openWorkspace({ dir: s3 }), /stack remote uses the "s3" backend/);
  const cloud = prebuiltApp({ c: { terraform: { cloud: { organization: "o" } } } });
  await rejects(new Engine().openWorkspace({ dir: cloud }), /HCP Terraform/);
  writeFileSync(join(cloud, "cdktf.json"), "[]");
  await rejects(new Engine().openWorkspace({ dir: cloud }), /root must be a JSON object/);
});

test.run();
