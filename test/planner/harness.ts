// Drives the engine in-process for planner tests, as every door does.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ApplyEvent, ApplyResult } from "../../planner/apply.js";
import type { PlanMode } from "../../planner/changes.js";
import type { Plan } from "../../planner/plan.js";
import { readState, type State } from "../../planner/state.js";
import { testEngine } from "../engine-fixture.js";

/** A file's content: text, or a value written as JSON (a `.tf.json` file's blocks); undefined writes no file. */
export type FileContent = string | object | undefined;

export function configDir(files: Record<string, FileContent>): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-planner-"));
  writeConfig(dir, files);
  return dir;
}

/** Writes each file, making its folders (a module's `mod/main.tf`); returns the directory. */
export function writeConfig(dir: string, files: Record<string, FileContent>): string {
  for (const [name, content] of Object.entries(files)) {
    if (content === undefined) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
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

function ws(dir: string, o: RunOptions) {
  return testEngine().workspace({ dir, values: o.vars });
}

export async function makePlan(dir: string, o: RunOptions = {}): Promise<Plan> {
  const { plan } = await testEngine().plan(ws(dir, o), {
    mode: o.mode,
    refresh: o.refresh,
    targets: o.targets,
    replace: o.replace,
  });
  return plan;
}

export async function planAndApply(
  dir: string,
  o: RunOptions = {},
): Promise<{ plan: Plan; result: ApplyResult; state: State }> {
  const outcome = await testEngine().apply(ws(dir, o), {
    mode: o.mode,
    refresh: o.refresh,
    targets: o.targets,
    replace: o.replace,
    parallelism: o.parallelism ?? 10,
    hostParallelism: o.hostParallelism,
    signal: o.signal,
    onEvent: (e) => {
      if (e.type === "resource") o.onEvent?.(e.event);
    },
  });
  if (outcome.status !== "applied") throw new Error("apply was not approved");
  return { plan: outcome.plan, result: outcome.result, state: loadStateAt(dir) };
}

export function actions(p: Plan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of p.changes) out[c.address] = c.action;
  return out;
}
