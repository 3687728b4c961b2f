#!/usr/bin/env node
// Records what the real OpenStack Heat does with Heat's own functional-test
// scenarios (test/heat-scenarios/scenarios.json): runs each scenario's steps
// against a running Heat and writes, per scenario,
// test/heat-scenarios/recorded/<module>__<scenario>.json. gantry's scenario
// test (test/heat-scenarios/heat-scenarios.test.ts) replays the same steps
// against its own stack service and compares.
//
//   node scripts/record-heat-scenarios.mjs [--heat URL] [--prefix NAME] [--out DIR] [FILTER...]
//
// URL defaults to http://127.0.0.1:8004/v1/admin (any token: Heat's noauth);
// FILTER keeps the scenarios whose "<module>__<name>" contains one of them;
// --out writes the recordings elsewhere (to compare two runs of Heat).
// Stacks are named "<prefix>-<scenario>-<random>" (prefix "truth") and deleted
// at the end of each scenario. What a recording holds is described in
// test/heat-scenarios/README.md.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scenarioDir = join(root, "test", "heat-scenarios");
let recordedDir = join(scenarioDir, "recorded");

const args = process.argv.slice(2);
let heat = "http://127.0.0.1:8004/v1/admin";
let prefix = "truth";
const filters = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--heat") heat = args[++i];
  else if (args[i] === "--prefix") prefix = args[++i];
  else if (args[i] === "--out") recordedDir = args[++i];
  else filters.push(args[i]);
}

const catalogue = JSON.parse(readFileSync(join(scenarioDir, "scenarios.json"), "utf8"));
const peerDir = join(root, catalogue.peerDir);
const POLL_MS = 1000;
const STEP_TIMEOUT_MS = 10 * 60 * 1000;

// ---- HTTP -----------------------------------------------------------------

async function call(method, path, body) {
  const res = await fetch(`${heat}${path}`, {
    method,
    headers: { "X-Auth-Token": "recorder", "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "follow",
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- sources --------------------------------------------------------------

/** A template or environment given by peer file name ("templates/x.yaml") or inline. */
function sourceText(ref) {
  if (typeof ref === "string") return readFileSync(join(peerDir, ref), "utf8");
  return JSON.stringify(ref);
}

function filesMap(files) {
  const out = {};
  for (const [name, ref] of Object.entries(files ?? {})) out[name] = sourceText(ref);
  return out;
}

function requestBody(step, stackName) {
  const body = {};
  if (stackName) body.stack_name = stackName;
  if (step.template !== undefined) body.template = sourceText(step.template);
  if (step.environment !== undefined) body.environment = sourceText(step.environment);
  if (step.files !== undefined) body.files = filesMap(step.files);
  body.parameters = step.parameters ?? {};
  if (step.clearParameters) body.clear_parameters = step.clearParameters;
  // Heat's functional tests pass disable_rollback=True unless they test rollback.
  body.disable_rollback = step.disableRollback ?? true;
  if (step.timeoutMins !== undefined) body.timeout_mins = step.timeoutMins;
  if (step.environmentFiles !== undefined) body.environment_files = step.environmentFiles;
  return body;
}

// ---- normalising what differs per run --------------------------------------

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The run's stack name becomes "<stack>", UUIDs "<uuid>", and the 12-character
 * random part of names Heat derives from the stack's (nested stacks, physical
 * resource names: "<stack>-secret1-<id>") "<id>".
 */
function normaliseText(s, stackNames) {
  let out = s;
  for (const n of [...stackNames].sort((a, b) => b.length - a.length)) out = out.split(n).join("<stack>");
  return out.replace(UUID, "<uuid>").replace(/<stack>[\w.-]*/g, (tok) => tok.replace(/-[a-z0-9]{12}(?=-|$)/g, "-<id>"));
}

/** A random value recorded as its shape: strings by length, lists and maps element-wise. */
function shapeOf(v) {
  if (typeof v === "string") return { string: v.length };
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));
  return v;
}

function normaliseValue(v, stackNames) {
  if (typeof v === "string") return normaliseText(v, stackNames);
  if (Array.isArray(v)) return v.map((x) => normaliseValue(x, stackNames));
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseValue(x, stackNames)]));
  }
  return v;
}

// ---- observing a stack --------------------------------------------------------

async function stackOf(path) {
  const r = await call("GET", path);
  if (r.status === 404) return undefined;
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`);
  return r.json.stack;
}

/** Resources of a stack and, under "<parent>/<name>", of its nested stacks (to `depth`). */
async function resourcesOf(stackPath, depth, pathPrefix, out) {
  const r = await call("GET", `${stackPath}/resources`);
  if (r.status !== 200) throw new Error(`GET resources: ${r.status} ${r.text}`);
  for (const res of r.json.resources) {
    const key = pathPrefix + res.resource_name;
    out.push({
      path: key,
      type: res.resource_type,
      status: res.resource_status,
      physicalId: res.physical_resource_id ?? "",
    });
    const nested = (res.links ?? []).find((l) => l.rel === "nested");
    if (nested && depth > 0 && res.physical_resource_id) {
      const ns = await stackOf(`/stacks/${res.physical_resource_id}`).catch(() => undefined);
      if (ns) await resourcesOf(`/stacks/${ns.stack_name}/${ns.id}`, depth - 1, `${key}/`, out);
    }
  }
  return out;
}

async function eventsOf(stackPath) {
  const r = await call("GET", `${stackPath}/events?sort_dir=asc&limit=10000`);
  if (r.status !== 200) return [];
  return r.json.events;
}

/** Waits until the stack is no longer IN_PROGRESS after the step (its updated_time or action moved on). */
async function settle(stackPath, before, wantInProgress) {
  const started = Date.now();
  for (;;) {
    const s = await stackOf(stackPath);
    if (!s) return undefined;
    const moved =
      !before ||
      s.updated_time !== before.updated_time ||
      s.stack_status !== before.stack_status ||
      s.stack_status_reason !== before.stack_status_reason;
    if (moved && wantInProgress && s.stack_status.endsWith("_IN_PROGRESS")) return s;
    if (moved && !s.stack_status.endsWith("_IN_PROGRESS")) return s;
    if (Date.now() - started > STEP_TIMEOUT_MS) throw new Error(`stack still ${s.stack_status} after 10 minutes`);
    await sleep(POLL_MS);
  }
}

/** What a step leaves: status, resources (ids compared with the previous step's), outputs, new events. */
async function snapshot(ctx, scenario, stack) {
  const stackPath = `/stacks/${ctx.name}/${ctx.id}`;
  const res = stack ? await resourcesOf(stackPath, scenario.nestedDepth ?? 2, "", []) : [];
  const ids = new Map(res.map((r) => [r.path, r.physicalId]));
  const resources = res.map((r) => {
    const prev = ctx.ids.get(r.path);
    const physicalId =
      r.physicalId === ""
        ? "none"
        : prev === undefined || prev === ""
          ? "new"
          : prev === r.physicalId
            ? "kept"
            : "changed";
    if (r.physicalId !== "" && !ctx.firstSeen.has(r.physicalId)) ctx.firstSeen.set(r.physicalId, ctx.step);
    const out = { name: r.path, type: r.type, status: r.status, physicalId };
    if (r.physicalId !== "") out.idFirstSeenAtStep = ctx.firstSeen.get(r.physicalId);
    return out;
  });
  ctx.ids = ids;
  const outputs = {};
  const random = new Set(scenario.steps[ctx.step]?.randomOutputs ?? scenario.randomOutputs ?? []);
  for (const o of stack?.outputs ?? []) {
    const value = random.has(o.output_key)
      ? { shape: shapeOf(o.output_value) }
      : { value: normaliseValue(o.output_value, ctx.names) };
    const prev = ctx.outputs.get(o.output_key);
    if (prev !== undefined) value.sameAsPreviousStep = JSON.stringify(prev) === JSON.stringify(o.output_value);
    if (o.output_error) value.error = normaliseText(o.output_error, ctx.names);
    outputs[o.output_key] = value;
  }
  ctx.outputs = new Map((stack?.outputs ?? []).map((o) => [o.output_key, o.output_value]));
  // Groups of outputs whose values are equal (Heat's tests compare outputs with each other).
  const byValue = new Map();
  for (const o of stack?.outputs ?? []) {
    if (o.output_value === null || o.output_value === undefined) continue;
    const k = JSON.stringify(o.output_value);
    byValue.set(k, [...(byValue.get(k) ?? []), o.output_key]);
  }
  const equalOutputs = [...byValue.values()].filter((g) => g.length > 1).map((g) => g.sort());
  const parameters = {};
  for (const p of scenario.watchParameters ?? []) parameters[p] = stack?.parameters?.[p];
  const attributes = {};
  for (const [resource, attribute] of scenario.watchAttributes ?? []) {
    const r = stack ? await call("GET", `${stackPath}/resources/${resource}`) : undefined;
    const v = r?.status === 200 ? r.json.resource.attributes?.[attribute] : undefined;
    const k = `${resource}.${attribute}`;
    const rec = random.has(k) ? { shape: shapeOf(v) } : { value: normaliseValue(v, ctx.names) };
    if (ctx.attributes.has(k)) rec.sameAsPreviousStep = JSON.stringify(ctx.attributes.get(k)) === JSON.stringify(v);
    ctx.attributes.set(k, v);
    attributes[k] = rec;
  }
  const all = stack ? await eventsOf(stackPath) : [];
  const fresh = all.filter((e) => !ctx.seenEvents.has(e.id));
  for (const e of fresh) ctx.seenEvents.add(e.id);
  const events = fresh.map((e) => [
    ctx.names.includes(e.resource_name) ? "<stack>" : e.resource_name,
    `${e.resource_action ?? ""}_${e.resource_status ?? ""}`.replace(/^_/, ""),
    normaliseText(e.resource_status_reason ?? "", ctx.names),
  ]);
  return {
    stack: stack
      ? { status: stack.stack_status, reason: normaliseText(stack.stack_status_reason ?? "", ctx.names) }
      : { status: "DELETE_COMPLETE", reason: "(stack gone)" },
    resources: resources.sort((a, b) => a.name.localeCompare(b.name)),
    outputs,
    ...(equalOutputs.length ? { equalOutputs } : {}),
    ...(scenario.watchAttributes ? { attributes } : {}),
    ...(scenario.watchParameters ? { parameters } : {}),
    events,
  };
}

// ---- running a scenario ---------------------------------------------------------

function errorOf(r, names) {
  const e = r.json?.error ?? {};
  return { code: r.status, type: e.type ?? "", message: normaliseText(e.message ?? r.text, names) };
}

/** What an abandon returns, without what differs per run (ids, resource data): keys, template, resources. */
function abandonSummary(data, names) {
  const resources = (rs) =>
    Object.fromEntries(
      Object.entries(rs ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, r]) => [
          k,
          {
            type: r.type,
            action: r.action,
            status: r.status,
            ...(r.template ? { template: r.template } : {}),
            ...(r.resources ? { resources: resources(r.resources) } : {}),
          },
        ]),
    );
  return normaliseValue(
    { keys: Object.keys(data).sort(), template: data.template, resources: resources(data.resources) },
    names,
  );
}

/** The adopt data of a step: inline, the last abandon's, or one nested stack of it ("abandoned.resources.X"). */
function adoptData(step, ctx) {
  if (step.adoptData) return step.adoptData;
  if (step.adoptFrom === "abandoned") return ctx.abandoned;
  const nested = /^abandoned\.resources\.(.+)$/.exec(step.adoptFrom ?? "");
  if (nested) {
    const n = ctx.abandoned?.resources?.[nested[1]] ?? {};
    return { template: n.template, resources: n.resources, environment: { parameters: {} } };
  }
  throw new Error(`adopt step without adoptData or adoptFrom`);
}

async function runScenario(scenario) {
  const key = `${scenario.module}__${scenario.name}`;
  const tag = scenario.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 40);
  const ctx = {
    name: `${prefix}-${tag}-${randomBytes(3).toString("hex")}`,
    id: "",
    names: [],
    ids: new Map(),
    outputs: new Map(),
  };
  ctx.names.push(ctx.name);
  ctx.seenEvents = new Set();
  ctx.firstSeen = new Map();
  ctx.attributes = new Map();
  const steps = [];
  let warnings = 0;
  let current;
  for (const step of scenario.steps) {
    const started = Date.now();
    ctx.step = steps.length;
    const done = { op: step.op };
    let r;
    if (step.op === "create") {
      r = await call("POST", "/stacks", requestBody(step, ctx.name));
      if (r.status === 201) {
        ctx.id = r.json.stack.id;
      }
    } else if (step.op === "update") {
      const body = requestBody(step);
      r = await call(step.existing ? "PATCH" : "PUT", `/stacks/${ctx.name}/${ctx.id}`, body);
    } else if (step.op === "delete") {
      r = await call("DELETE", `/stacks/${ctx.name}/${ctx.id}`);
    } else if (step.op === "abandon") {
      r = await call("DELETE", `/stacks/${ctx.name}/${ctx.id}/abandon`);
      if (r.status < 300) {
        ctx.abandoned = r.json;
        done.abandoned = abandonSummary(r.json, ctx.names);
      }
    } else if (step.op === "adopt") {
      // A new stack from adopt data; ids are compared with the abandoned stack's, by resource name.
      ctx.name = `${ctx.names[0]}-adopted${ctx.names.length}`;
      ctx.names.push(ctx.name);
      ctx.id = "";
      const body = requestBody({ ...step, template: undefined }, ctx.name);
      body.adopt_stack_data = JSON.stringify(adoptData(step, ctx));
      r = await call("POST", "/stacks", body);
      if (r.status === 201) ctx.id = r.json.stack.id;
    } else if (step.op === "preview_update") {
      r = await call(step.existing ? "PATCH" : "PUT", `/stacks/${ctx.name}/${ctx.id}/preview`, requestBody(step));
      if (r.status < 300) {
        const changes = r.json.resource_changes ?? {};
        done.preview = Object.fromEntries(
          ["unchanged", "updated", "replaced", "added", "deleted"].map((k) => [
            k,
            (changes[k] ?? []).map((c) => c.resource_name).sort(),
          ]),
        );
      }
    } else if (step.op === "wait") {
      r = { status: 200 };
    } else if (step.op === "action") {
      r = await call("POST", `/stacks/${ctx.name}/${ctx.id}/actions`, { [step.action]: null });
    } else {
      throw new Error(`${key}: unknown op ${step.op}`);
    }
    if (r.status >= 400) {
      done.error = errorOf(r, ctx.names);
      if (!ctx.id) {
        steps.push(done);
        if (step.expectError === undefined) {
          console.log(`  ! ${key} step ${steps.length}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
          warnings++;
        }
        continue;
      }
      current = await stackOf(`/stacks/${ctx.name}/${ctx.id}`);
    } else {
      const path = `/stacks/${ctx.name}/${ctx.id}`;
      // "wait" sends nothing: it waits for the stack (or the resources named) to get where Heat's test waits for.
      if (step.op === "preview_update") current = await stackOf(path);
      else if (step.op !== "wait") current = await settle(path, current, step.expect?.endsWith("_IN_PROGRESS"));
      else if (!step.waitForResourceStatus) current = await settle(path, undefined, false);
      const waits = {
        ...Object.fromEntries((step.waitForResources ?? []).map((n) => [n, "COMPLETE"])),
        ...(step.waitForResourceStatus ?? {}),
      };
      if (Object.keys(waits).length) {
        const until = Date.now() + STEP_TIMEOUT_MS;
        for (;;) {
          const rs = await resourcesOf(path, scenario.nestedDepth ?? 2, "", []);
          const ok = Object.entries(waits).every(([n, want]) =>
            rs.some(
              (x) =>
                x.path === n && (want === "COMPLETE" ? /^(CREATE|UPDATE)_COMPLETE$/.test(x.status) : x.status === want),
            ),
          );
          if (ok) break;
          if (Date.now() > until) throw new Error(`${key}: resources never reached ${JSON.stringify(waits)}`);
          await sleep(POLL_MS);
        }
        current = await stackOf(path);
      }
    }
    Object.assign(done, await snapshot(ctx, scenario, current));
    done.seconds = Math.round((Date.now() - started) / 1000);
    const wanted = step.expect ?? (step.expectError !== undefined ? undefined : defaultExpect(step.op));
    if (wanted && done.stack.status !== wanted && !step.expect?.endsWith("_IN_PROGRESS")) {
      console.log(`  ! ${key} step ${steps.length + 1}: Heat's test expects ${wanted}, Heat gave ${done.stack.status}`);
      warnings++;
    }
    if (step.expectError !== undefined && !done.error) {
      console.log(`  ! ${key} step ${steps.length + 1}: Heat's test expects HTTP ${step.expectError}, Heat accepted`);
      warnings++;
    }
    steps.push(done);
  }
  if (ctx.id && scenario.steps.at(-1)?.op !== "delete") {
    // Leave nothing behind (not part of the recording).
    const d = await call("DELETE", `/stacks/${ctx.name}/${ctx.id}`);
    if (d.status < 300) await settle(`/stacks/${ctx.name}/${ctx.id}`, current).catch(() => undefined);
  }
  return { steps, warnings };
}

function defaultExpect(op) {
  return {
    create: "CREATE_COMPLETE",
    update: "UPDATE_COMPLETE",
    delete: "DELETE_COMPLETE",
    preview_update: "CREATE_COMPLETE",
  }[op];
}

// ---- main -------------------------------------------------------------------

mkdirSync(recordedDir, { recursive: true });
const version = await call("GET", "/build_info");
const chosen = catalogue.scenarios.filter(
  (s) => !s.notRecorded && (!filters.length || filters.some((f) => `${s.module}__${s.name}`.includes(f))),
);
let failures = 0;
await Promise.all(
  // A few at a time: Heat's single engine worker is the bottleneck.
  Array.from({ length: 3 }, async (_, lane) => {
    for (let i = lane; i < chosen.length; i += 3) {
      const s = chosen[i];
      const key = `${s.module}__${s.name}`;
      const started = Date.now();
      try {
        const { steps, warnings } = await runScenario(s);
        failures += warnings;
        const recording = {
          scenario: key,
          recordedWith: { heat: version.json?.engine?.revision ?? "unknown", at: new Date().toISOString() },
          steps,
        };
        writeFileSync(join(recordedDir, `${key}.json`), `${JSON.stringify(recording, null, 2)}\n`);
        console.log(
          `recorded ${key} (${Math.round((Date.now() - started) / 1000)} s${warnings ? `, ${warnings} warnings` : ""})`,
        );
      } catch (e) {
        failures++;
        console.log(`FAILED ${key}: ${e.message}`);
      }
    }
  }),
);
// The recordings are checked in: format them as the repository's formatter (Biome) wants.
const biome = join(root, "node_modules", "@biomejs", "biome", "bin", "biome");
if (existsSync(biome)) spawnSync(process.execPath, [biome, "format", "--write", recordedDir], { stdio: "ignore" });
console.log(`${chosen.length} scenarios, ${failures} warnings or failures`);
process.exitCode = failures ? 1 : 0;
