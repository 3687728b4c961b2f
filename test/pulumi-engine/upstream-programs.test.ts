// Pulumi's own Node.js integration-test programs (test/pulumi-engine/upstream, copied unchanged from Pulumi's
// repository; see the README there), run through gantry as Pulumi's test harness runs them: the first directory,
// then each edit directory copied over it (its `Additive` edits), an `up` each, failing where Pulumi's test expects a
// failure; after the last, a second `up` that changes nothing and a `destroy` that leaves nothing. What each program
// checks is its own (assertions in the program, outputs) plus what Pulumi's test validates (the resources left).

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { setStackConfigValue } from "../../pulumi-engine/config/stack-config-writer.js";
import type { PulumiEvent } from "../../pulumi-engine/pulumi-events.js";
import type { WireObject } from "../../pulumi-engine/wire-values.js";
import { runProgram, steps } from "./program-dir.js";

const UPSTREAM = new URL("./upstream", import.meta.url).pathname;
const NODE_MODULES = new URL("../../node_modules", import.meta.url).pathname;
const PASSPHRASE = "upstream programs";

interface Step {
  /** The directory (relative to the program's) copied over the working copy before this `up`. */
  dir: string;
  /** Pulumi's test expects this update to fail. */
  fails?: boolean;
  /** The names of the custom resources recorded after the update (Pulumi's test validates them). */
  names?: string[];
  /** Pulumi's test expects this update to change nothing (ExpectNoChanges: every step a `same`). */
  noChanges?: boolean;
  /** Recorded objects awaiting deletion (an old object of a replacement whose delete did not happen). */
  pending?: number;
  outputs?: WireObject;
  /** Text the run's messages must hold. */
  says?: RegExp;
  /** Steps that failed, as "op name" (Pulumi's test looks for the ResOpFailedEvent). */
  failedSteps?: string[];
  /** For a resource name, the name of the provider resource its record names (Pulumi's test checks references). */
  providerOf?: Record<string, string>;
  /** What a custom resource's record holds after the update (its outputs in part, its init errors). */
  holds?: Record<string, { outputs?: WireObject; initErrors?: string[] }>;
}

interface Program {
  /** Under upstream/. */
  path: string;
  steps: Step[];
  /** Config values (`pulumi config set`) and secrets (`--secret`) as Pulumi's test sets them. */
  config?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Then these, in order (its `OrderedConfig`: `--path` keys into structured values, `--secret` ones). */
  orderedConfig?: { key: string; value: string; path?: boolean; secret?: boolean }[];
  /** The directory (under the working copy) holding Pulumi.yaml, where Pulumi's test runs `pulumi` (default: it). */
  runIn?: string;
  /** Pulumi's test writes Pulumi.yaml anew with the working copy's absolute path as `main`. */
  absoluteMain?: string;
  /** Not run unless named in UPSTREAM_PROGRAMS (or "all"): why. */
  notYet?: string;
}

const UNCHECKED = "not yet seen to pass with the current engine";
const SLOW = "passes, but its many updates are too slow for the default run on a loaded machine";

const PROGRAMS: Program[] = [
  {
    path: "steps",
    steps: [
      { dir: "step1", names: ["a", "b", "c", "d"] },
      { dir: "step2", names: ["a", "b", "c", "e"] },
      { dir: "step3", names: ["a", "c", "e"] },
      { dir: "step4", names: ["a", "c", "e"] },
      { dir: "step5", names: ["a", "c", "e"] },
      { dir: "step6", names: [] },
    ],
  },
  {
    path: "protect_resources",
    steps: [
      { dir: "step1", names: ["eternal"] },
      { dir: "step2", names: ["eternal"] },
      { dir: "step3", fails: true, names: ["eternal"], says: /marked for protection/ },
      { dir: "step4", names: ["eternal"] },
      { dir: "step5", names: [] },
    ],
  },
  {
    path: "delete_before_create",
    steps: ["step1", "step2", "step3", "step4", "step5", "step6"].map((dir) => ({ dir })),
  },
  { path: "aliases/nodejs", steps: [{ dir: "step1" }, { dir: "step2", noChanges: true }] },
  { path: "dependency_steps", steps: [{ dir: "step1" }, { dir: "step2" }] },
  {
    notYet: SLOW,
    path: "double_pending_delete",
    steps: [
      { dir: "step1" },
      { dir: "step2", fails: true, names: ["a", "b"], pending: 1 },
      { dir: "step3", fails: true, names: ["a", "b"], pending: 2 },
      { dir: "step4", names: ["a", "b"], pending: 0 },
    ],
  },
  {
    path: "duplicate_urns",
    steps: [
      { dir: "step1", fails: true, says: /Duplicate resource URN/ },
      { dir: "step2" },
      { dir: "step3", fails: true, says: /Duplicate resource URN/ },
      { dir: "step4", fails: true, says: /Duplicate resource URN/ },
    ],
  },
  { path: "recreate_resource_check", steps: [{ dir: "step1" }, { dir: "step2" }] },
  {
    notYet: SLOW,
    path: "partial_state",
    steps: [
      {
        dir: "step1",
        fails: true,
        names: ["doomed"],
        says: /state can't be 4/,
        holds: { doomed: { outputs: { state: 4 }, initErrors: ["state can't be 4"] } },
      },
      { dir: "step2", names: [] },
      { dir: "step3", names: ["not-doomed"], holds: { "not-doomed": { outputs: { state: 5 } } } },
      {
        dir: "step4",
        fails: true,
        names: ["not-doomed"],
        says: /state can't be 4/,
        holds: { "not-doomed": { outputs: { state: 4 }, initErrors: ["state can't be 4"] } },
      },
    ],
  },
  { path: "project_main/nodejs", steps: [{ dir: ".", says: /So much main/ }] },
  { notYet: SLOW, path: "project_main_parent", runIn: "foo/bar", steps: [{ dir: ".", says: /So much abs main/ }] },
  {
    notYet: SLOW,
    path: "project_main_abs",
    absoluteMain: "name: project_main_abs\ndescription: A program with an absolute entry point\nruntime: nodejs\n",
    steps: [{ dir: ".", says: /So much abs main/ }],
  },
  { notYet: SLOW, path: "empty/nodejs", steps: [{ dir: ".", names: [] }] },
  { notYet: SLOW, path: "single_resource", steps: [{ dir: ".", names: ["res"] }] },
  { notYet: SLOW, path: "stack_parenting", steps: [{ dir: ".", names: ["b", "d", "e", "g"] }] },
  {
    notYet: SLOW,
    path: "stack_outputs_program_error/nodejs",
    steps: [
      { dir: "step1", outputs: { xyz: "ABC", foo: 42 } },
      { dir: "step2", fails: true, outputs: { xyz: "ABC", foo: 42 } },
    ],
  },
  {
    notYet: SLOW,
    path: "dynamic/nodejs-reserved-identifier-shadowing",
    steps: [{ dir: ".", failedSteps: [] }],
  },
  { notYet: SLOW, path: "dynamic/nodejs-read-inputs", steps: [{ dir: "." }] },
  { path: "stack_outputs/nodejs", steps: [{ dir: ".", outputs: { xyz: "ABC", foo: 42 } }] },
  { path: "stack_dependencies", steps: [{ dir: ".", says: /second\.dep: 42/ }] },
  { path: "get_created", steps: [{ dir: ".", names: ["a", "b"] }] },
  { path: "get_resource/nodejs", steps: [{ dir: ".", names: ["a"] }] },
  {
    path: "secret_outputs/nodejs",
    steps: [{ dir: ".", names: ["withoutSecret", "withSecret", "withSecretAdditional"] }],
  },
  { path: "dynamic/nodejs-resource-type-name", steps: [{ dir: ".", names: ["resource-name"] }] },
  {
    path: "dynamic/nodejs-config",
    secrets: { password: "s3cret", "colors:banana": "yellow" },
    steps: [{ dir: ".", outputs: { authenticated: "200", color: "yellow" } }],
  },
  {
    path: "dynamic/nodejs-pulumi-config",
    config: { "pulumi-nodejs:id": "testing123" },
    steps: [{ dir: ".", names: ["resource-name"], outputs: { rid: "testing123" } }],
  },
  {
    path: "explicit_provider",
    steps: [{ dir: ".", names: ["a", "b"], providerOf: { a: "default", b: "p" } }],
  },
  { notYet: SLOW, path: "provider_secret_config", steps: [{ dir: ".", names: [] }] },
  {
    path: "dynamic/nodejs-error-create",
    steps: [{ dir: ".", fails: true, names: [], says: /boom!/, failedSteps: ["create resource-name"] }],
  },
  {
    path: "read/read_relinquish",
    steps: [
      { dir: "step1", names: ["a"] },
      { dir: "step2", names: ["a"] },
    ],
  },
  {
    notYet: SLOW,
    path: "read/read_replace",
    steps: [
      { dir: "step1", names: ["a", "b"] },
      { dir: "step2", names: ["a", "b"] },
      { dir: "step3", names: ["a", "b"] },
    ],
  },
  { notYet: SLOW, path: "read/read_dbr", steps: [{ dir: "step1" }, { dir: "step2" }, { dir: "step3" }] },
  {
    path: "config_basic/nodejs",
    config: { aConfigValue: "this value is a value" },
    secrets: { bEncryptedSecret: "this super secret is encrypted" },
    orderedConfig: [
      { key: "outer.inner", value: "value", path: true },
      { key: "names[0]", value: "a", path: true },
      { key: "names[1]", value: "b", path: true },
      { key: "names[2]", value: "c", path: true },
      { key: "names[3]", value: "super secret name", path: true, secret: true },
      { key: "servers[0].port", value: "80", path: true },
      { key: "servers[0].host", value: "example", path: true },
      { key: "a.b[0].c", value: "true", path: true },
      { key: "a.b[1].c", value: "false", path: true },
      { key: "tokens[0]", value: "shh", path: true, secret: true },
      { key: "foo.bar", value: "don't tell", path: true, secret: true },
    ],
    steps: [{ dir: "." }],
  },
  {
    notYet: UNCHECKED,
    path: "transforms/nodejs/simple",
    steps: [{ dir: ".", fails: true, says: /transforms|testprovider/ }],
  },
];

interface RecordedResource {
  address: string;
  attributes: { id: string; custom: boolean; outputs: WireObject; initErrors?: string[]; provider?: string };
  deposed?: unknown[];
}

function recorded(dir: string): RecordedResource[] {
  try {
    const doc = JSON.parse(readFileSync(join(dir, "gantry.tfstate.d", "dev", "gantry.tfstate"), "utf8"));
    return doc.resources as RecordedResource[];
  } catch {
    return [];
  }
}

// the program's own resources (default providers, recorded as Pulumi records them, are the engine's)
const customNames = (dir: string) =>
  recorded(dir)
    .filter((r) => r.attributes.custom && !r.address.includes("::pulumi:providers:"))
    .map((r) => r.address.split("::").pop() as string)
    .sort();
const pendingDeletes = (dir: string) => recorded(dir).reduce((n, r) => n + (r.deposed?.length ?? 0), 0);

/** The steps of a run that failed, as "op name". */
const failedSteps = (events: PulumiEvent[]) =>
  events.flatMap((e) => (e.type === "step" && e.phase === "failed" ? [`${e.op} ${e.name}`] : []));

/** A working copy: the first directory's files, with gantry's node_modules as the program's. */
function workingCopy(program: Program): string {
  const work = mkdtempSync(join(tmpdir(), "gantry-upstream-"));
  cpSync(join(UPSTREAM, program.path, program.steps[0].dir), work, { recursive: true });
  symlinkSync(NODE_MODULES, join(work, "node_modules"));
  return work;
}

// type-checking is the programs' own business (Pulumi's tests build them with their own TypeScript): transpile only
process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
process.env.PULUMI_CONFIG_PASSPHRASE = PASSPHRASE;

// UPSTREAM_PROGRAMS=steps,partial_state runs only those (by path prefix), "all" every one
const only = process.env.UPSTREAM_PROGRAMS?.split(",").filter(Boolean);
const chosen = (p: Program) =>
  only ? only.includes("all") || only.some((o) => p.path.startsWith(o)) : p.notYet === undefined;

for (const program of PROGRAMS.filter(chosen)) {
  test(`upstream ${program.path}: every step as Pulumi's test expects, then no change, then destroy`, async () => {
    const root = workingCopy(program);
    const work = join(root, program.runIn ?? "");
    if (program.absoluteMain) writeFileSync(join(root, "Pulumi.yaml"), `${program.absoluteMain}main: ${root}\n`);
    const env = { ...process.env, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
    try {
      for (const [k, v] of Object.entries(program.config ?? {}))
        await setStackConfigValue({ dir: work, stack: "dev", key: k, value: v, env });
      for (const [k, v] of Object.entries(program.secrets ?? {}))
        await setStackConfigValue({ dir: work, stack: "dev", key: k, value: v, secret: true, env });
      for (const c of program.orderedConfig ?? []) await setStackConfigValue({ dir: work, stack: "dev", ...c, env });
      let lastOk = true;
      for (const [n, step] of program.steps.entries()) {
        if (n > 0)
          for (const f of readdirSync(join(UPSTREAM, program.path, step.dir)))
            cpSync(join(UPSTREAM, program.path, step.dir, f), join(root, f), { recursive: true });
        const { outcome, logs, events } = await runProgram(work, "up");
        const where = `${program.path} ${step.dir}: ${outcome.error ?? ""}\n${logs}`;
        assert.is(outcome.ok, !step.fails, `${where}\n(expected ${step.fails ? "a failure" : "success"})`);
        if (step.names) assert.equal(customNames(work), [...step.names].sort(), where);
        if (step.noChanges)
          assert.equal(
            steps(events).filter((s) => !s.startsWith("same ") && !s.startsWith("read ")),
            [],
            `${where}\n(expected no changes)`,
          );
        if (step.pending !== undefined) assert.is(pendingDeletes(work), step.pending, where);
        if (step.outputs) assert.equal(outcome.outputs, step.outputs, where);
        if (step.says) assert.match(`${outcome.error ?? ""}\n${logs}`, step.says, where);
        if (step.failedSteps) assert.equal(failedSteps(events), step.failedSteps, where);
        for (const [name, provider] of Object.entries(step.providerOf ?? {})) {
          const r = recorded(work).find((x) => x.address.endsWith(`::${name}`));
          const ref = r?.attributes.provider ?? "";
          const p = recorded(work).find((x) => ref === `${x.address}::${x.attributes.id}`);
          assert.ok(
            p?.address.endsWith(`::pulumi:providers:pulumi-nodejs::${provider}`),
            `${where}\n(${name}: ${ref})`,
          );
        }
        for (const [name, holds] of Object.entries(step.holds ?? {})) {
          const r = recorded(work).find((x) => x.attributes.custom && x.address.endsWith(`::${name}`));
          assert.ok(r, `${where}\n(${name} is recorded)`);
          for (const [k, v] of Object.entries(holds.outputs ?? {})) assert.equal(r.attributes.outputs[k], v, where);
          assert.equal(r.attributes.initErrors, holds.initErrors, where);
        }
        lastOk = outcome.ok;
      }
      if (lastOk) {
        const again = await runProgram(work, "up");
        assert.ok(again.outcome.ok, again.logs);
        // resources read by id are read again on every run, as in Pulumi
        const changed = steps(again.events).filter((s) => !s.startsWith("same ") && !s.startsWith("read "));
        assert.equal(changed, [], `a second up of ${program.path} changes nothing`);
      }
      const gone = await runProgram(work, "destroy");
      assert.ok(gone.outcome.ok, `${gone.outcome.error}\n${gone.logs}`);
      assert.equal(recorded(work), [], "destroy leaves nothing");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test.run();
