// Drives the engine the way the CLI does, in-process, for planner tests.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apply, type ApplyEvent, type ApplyResult } from "../../planner/apply.js";
import type { PlanMode } from "../../planner/changes.js";
import { plan, type Plan } from "../../planner/plan.js";
import { readState, StateWriter, type State } from "../../planner/state.js";
import { resolveVariables } from "../../planner/variables.js";
import { getResourceType, resourceTypeNames } from "../../provider/registry.js";
import { loadConfig } from "../../templates/load.js";

export function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-planner-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function writeConfig(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

export const statePath = (dir: string) => join(dir, "gantry.tfstate");
export const loadStateAt = (dir: string): State => readState(statePath(dir), "test");

export interface RunOptions {
  mode?: PlanMode;
  refresh?: boolean;
  targets?: string[];
  replace?: string[];
  vars?: Record<string, unknown>;
  parallelism?: number;
  hostParallelism?: number;
  signal?: AbortSignal;
  onEvent?: (e: ApplyEvent) => void;
}

export async function makePlan(dir: string, o: RunOptions = {}): Promise<Plan> {
  const config = await loadConfig(dir);
  return plan({
    config,
    state: loadStateAt(dir),
    types: getResourceType,
    knownTypes: resourceTypeNames(),
    variables: resolveVariables(config, new Map(Object.entries(o.vars ?? {}))),
    mode: o.mode,
    refresh: o.refresh,
    targets: o.targets,
    replace: o.replace,
    dataDir: join(dir, ".gantry"),
  });
}

export async function planAndApply(dir: string, o: RunOptions = {}): Promise<{ plan: Plan; result: ApplyResult; state: State }> {
  const config = await loadConfig(dir);
  const p = await makePlan(dir, o);
  const writer = new StateWriter(statePath(dir), loadStateAt(dir));
  const result = await apply({
    plan: p,
    config,
    writer,
    types: getResourceType,
    parallelism: o.parallelism ?? 10,
    hostParallelism: o.hostParallelism,
    dataDir: join(dir, ".gantry"),
    signal: o.signal,
    onEvent: o.onEvent,
  });
  return { plan: p, result, state: loadStateAt(dir) };
}

export function actions(p: Plan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of p.changes) out[c.address] = c.action;
  return out;
}
