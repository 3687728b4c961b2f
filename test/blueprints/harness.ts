// Drives blueprint configurations through the engine, in-process, as every
// door does (clusters expanded with the state for stable placement). Also:
// the upstream reference files and YAML blueprint builders.

import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfiguration } from "../../engine/configuration.js";
import type { ApplyEvent, ApplyResult } from "../../planner/apply.js";
import type { Diagnostic } from "../../contract/diagnostics.js";
import type { Config } from "../../planner/model.js";
import type { Plan } from "../../planner/plan.js";
import { readState, type State } from "../../planner/state.js";
import type { Value } from "../../contract/values.js";
import { testEngine } from "../engine-fixture.js";
import { stringify } from "yaml";
import { locate } from "../../templates/locate.js";

export const REFERENCE_DIR = new URL("../../../shared/reference/", import.meta.url);
export const referencePath = (name: string): string => fileURLToPath(new URL(name, REFERENCE_DIR));
export const reference = <T = any>(name: string): T => JSON.parse(readFileSync(referencePath(name), "utf8")) as T;
export const EXAMPLE_DIR = fileURLToPath(new URL("../../examples/mesos-cluster/", import.meta.url));

export function tempDir(label = "bp"): string {
  return mkdtempSync(join(tmpdir(), `gantry-blueprints-${label}-`));
}

/** A copy of examples/mesos-cluster's configuration files (no state, no .gantry data) in a fresh directory. */
export function exampleCopy(): string {
  const dir = tempDir("example");
  for (const name of readdirSync(EXAMPLE_DIR))
    if (!name.startsWith(".") && !name.startsWith("gantry.tfstate") && statSync(join(EXAMPLE_DIR, name)).isFile())
      cpSync(join(EXAMPLE_DIR, name), join(dir, name));
  return dir;
}

export function configDir(files: Record<string, string>, label = "bp"): string {
  const dir = tempDir(label);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

export const statePath = (dir: string) => join(dir, "gantry.tfstate");
export const loadStateAt = (dir: string): State => readState(statePath(dir), "test");

export interface Loaded {
  config: Config;
  variables: Map<string, Value>;
  warnings: Diagnostic[];
  state: State;
}

/** The configuration as the engine loads it: read, variables resolved, clusters expanded (placed as in state). */
export async function loadExpanded(dir: string, vars: Record<string, unknown> = {}): Promise<Loaded> {
  const ws = testEngine().workspace({ dir, values: vars });
  const state = loadStateAt(dir);
  const { config, variables, warnings } = await loadConfiguration(ws, state);
  return { config, variables, warnings, state };
}

export interface RunOptions {
  vars?: Record<string, unknown>;
  parallelism?: number;
  onEvent?: (e: ApplyEvent) => void;
}

export async function planDir(dir: string, o: RunOptions = {}): Promise<{ plan: Plan } & Loaded> {
  const warnings: Diagnostic[] = [];
  const ws = testEngine().workspace({ dir, values: o.vars });
  const { plan, config, variables, state } = await testEngine().plan(ws, {
    refresh: true,
    onEvent: (e) => {
      if (e.type === "warnings") warnings.push(...e.diagnostics);
    },
  });
  return { plan, config, variables, state, warnings };
}

export async function planAndApply(
  dir: string,
  o: RunOptions = {},
): Promise<{ plan: Plan; result: ApplyResult; state: State; warnings: Diagnostic[] }> {
  const warnings: Diagnostic[] = [];
  const ws = testEngine().workspace({ dir, values: o.vars });
  const outcome = await testEngine().apply(ws, {
    parallelism: o.parallelism ?? 10,
    onEvent: (e) => {
      if (e.type === "warnings") warnings.push(...e.diagnostics);
      if (e.type === "resource") o.onEvent?.(e.event);
    },
  });
  if (outcome.status !== "applied") throw new Error("apply was not approved");
  return { plan: outcome.plan, result: outcome.result, state: loadStateAt(dir), warnings };
}

export { diagnosticsOf } from "../templates/helpers.js";

/** The diagnostic's line/column (resolved as the CLI prints it). */
export function position(d: Diagnostic, dir: string): { line: number; column: number } | undefined {
  if (!d.origin) return undefined;
  if (d.origin.line !== undefined && d.origin.column !== undefined)
    return { line: d.origin.line, column: d.origin.column };
  return locate(d.origin, dir);
}

export function actions(p: Plan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of p.changes) out[c.address] = c.action;
  return out;
}

export const changed = (p: Plan) => p.changes.filter((c) => c.action !== "noop");

/** A `*.gantry.yaml` with one cluster resource (properties as given), plus optional variables/outputs. */
export function clusterYaml(name: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return stringify({ ...extra, resources: { [`cluster.${name}`]: props } }, { lineWidth: 0 });
}

/** Simulated inventory: `count` hosts sim-<n> from address_start. */
export function simPool(
  count: number,
  addressStart: string,
  opts: {
    cpus?: number;
    memory_mb?: number;
    prefix?: string;
    racks?: string[];
    options?: Record<string, unknown>;
  } = {},
): Record<string, unknown> {
  return {
    driver: "sim",
    count,
    prefix: opts.prefix ?? "sim-",
    cpus: opts.cpus ?? 8,
    memory_mb: opts.memory_mb ?? 32000,
    address_start: addressStart,
    ...(opts.racks ? { racks: opts.racks } : {}),
    ...(opts.options ? { options: opts.options } : {}),
  };
}

/** A node group map for YAML. */
export function group(
  name: string,
  roles: string[],
  instances: number | string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { name, roles, instances, instance_type: "SMALL", ...extra };
}

// ---- views of a plan's expanded resources ----------------------------------

export interface PlannedFile {
  address: string;
  node: string;
  host: string;
  hostAddress: string;
  path: string;
  content: string;
}

export interface PlannedService {
  address: string;
  node: string;
  name: string;
  host: string;
  hostAddress: string;
  ports: number[];
}

const hostOf = (after: Record<string, unknown>) => (after.host ?? {}) as { name?: string; address?: string };

export function plannedFiles(p: Plan): PlannedFile[] {
  return p.changes
    .filter((c) => c.type === "gantry_file" && c.after)
    .map((c) => ({
      address: c.address,
      node: String(c.key),
      host: String(hostOf(c.after!).name),
      hostAddress: String(hostOf(c.after!).address),
      path: String(c.after!.path),
      content: String(c.after!.content),
    }));
}

export function plannedServices(p: Plan): PlannedService[] {
  return p.changes
    .filter((c) => c.type === "gantry_service" && c.after)
    .map((c) => ({
      address: c.address,
      node: String(c.key),
      name: String(c.after!.name),
      host: String(hostOf(c.after!).name),
      hostAddress: String(hostOf(c.after!).address),
      ports: (c.after!.ports as number[]) ?? [],
    }));
}
