// The plan and apply flows shared by plan, apply, destroy and refresh.

import { existsSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { apply, type ApplyEvent, type ApplyResult } from "../planner/apply.js";
import { GantryError, type Diagnostic } from "../contract/diagnostics.js";
import type { Config } from "../planner/model.js";
import { plan, planHasChanges, type Plan } from "../planner/plan.js";
import { checkPlanIsCurrent, readPlanFile, writePlanFile } from "../planner/plan-file.js";
import { StateLock } from "../planner/state-lock.js";
import { StateWriter, type State } from "../planner/state.js";
import type { PlanMode } from "../planner/changes.js";
import { getResourceType, resourceTypeNames } from "../provider/registry.js";
import { ApplyProgress } from "./apply-progress.js";
import { parseDuration } from "./base-command.js";
import { GANTRY_VERSION, planToJson } from "./render-json.js";
import { renderPlan } from "./render-plan.js";
import type { Style } from "./style.js";
import { ensureDataDir, loadState, loadWorkspaceConfig, replayConfig, workspace, type Workspace } from "./workspace.js";

export interface FlowFlags {
  dir: string;
  state?: string;
  var?: string[];
  "var-file"?: string[];
  target?: string[];
  replace?: string[];
  refresh: boolean;
  "refresh-only"?: boolean;
  parallelism: number;
  "host-parallelism"?: number;
  "lock-timeout": string;
  json?: boolean;
}

export interface FlowIO {
  style: Style;
  out(text: string): void;
  /** Where errors are resolved to source lines. */
  setErrorContext(dir: string, sources?: Config["files"]): void;
  /** Prints located warnings. */
  warnings(diags: Diagnostic[]): Promise<void>;
}

export async function makePlan(f: FlowFlags, mode: PlanMode, io: FlowIO, signal?: AbortSignal): Promise<{ ws: Workspace; config: Config; plan: Plan; state: State }> {
  const ws = workspace({ dir: f.dir, statePath: f.state });
  io.setErrorContext(ws.dir);
  const state = loadState(ws);
  const { config, variables, warnings } = await loadWorkspaceConfig(ws, { dir: f.dir, vars: f.var, varFiles: f["var-file"] }, state);
  io.setErrorContext(ws.dir, config.files);
  if (warnings.length) await io.warnings(warnings);
  const p = await plan({
    config,
    state,
    types: ws.types,
    knownTypes: ws.knownTypes,
    variables,
    mode: f["refresh-only"] ? "refresh-only" : mode,
    refresh: f.refresh,
    targets: f.target,
    replace: f.replace,
    parallelism: f.parallelism,
    dataDir: ws.dataDir,
    signal,
  });
  // plan() works on a copy: `state` is still the file as read, for the apply that follows under the same lock
  return { ws, config, plan: p, state };
}

export function showPlan(p: Plan, f: { json?: boolean }, io: FlowIO): void {
  if (f.json) io.out(JSON.stringify(planToJson(p)));
  else io.out(renderPlan(p, io.style));
}

export function savePlan(path: string, ws: Workspace, config: Config, p: Plan, io: FlowIO, json?: boolean): void {
  writePlanFile(path, { plan: p, configDir: ws.dir, files: config.files, gantryVersion: GANTRY_VERSION });
  if (!json) io.out(`\nSaved the plan to: ${path}\n\nTo perform exactly these actions, run:\n  gantry apply ${path}\n`);
}

export function isPlanFile(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isFile();
}

async function confirm(question: string, io: FlowIO): Promise<boolean> {
  io.out(question);
  if (process.stdin.isTTY) process.stdout.write("  Enter a value: ");
  const rl = createInterface({ input: process.stdin });
  const line = await new Promise<string | null>((resolve) => {
    rl.once("line", (l) => resolve(l));
    rl.once("close", () => resolve(null));
  });
  rl.close();
  if (line === null) throw new GantryError("No confirmation was given (standard input is closed). Use -auto-approve to apply without asking.");
  return line.trim() === "yes";
}

/** The state being written by the apply in progress (for a second Ctrl-C). */
let activeWriter: StateWriter | undefined;

/** plan + confirm + apply (or apply a saved plan), holding the state lock throughout. */
export async function planAndApply(
  f: FlowFlags & { "auto-approve"?: boolean; planFile?: string },
  mode: PlanMode,
  io: FlowIO,
): Promise<ApplyResult | undefined> {
  const controller = new AbortController();
  let interrupts = 0;
  let lock: StateLock | undefined;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      io.out(io.style.yellow("\nInterrupt received. Waiting for operations in progress to finish and saving state; no new operations start. Press Ctrl-C again to stop at once (what is running now is not recorded)."));
      controller.abort();
    } else {
      // stop at once, but keep what is recorded so far and leave the state unlocked
      try {
        activeWriter?.writeSync();
      } finally {
        lock?.release();
        process.exit(130);
      }
    }
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  try {
    let ws: Workspace;
    let config: Config;
    let p: Plan;
    const lockTimeout = parseDuration(f["lock-timeout"]);
    if (f.planFile) {
      const saved = readPlanFile(f.planFile);
      ws = workspace({ dir: saved.configDir, statePath: f.state });
      io.setErrorContext(ws.dir, saved.files);
      lock = await StateLock.acquire(ws.statePath, "apply", lockTimeout);
      const state = loadState(ws);
      checkPlanIsCurrent(saved.plan, state, f.planFile);
      config = replayConfig(ws, saved.files, new Map(Object.entries(saved.plan.variables)), state);
      p = saved.plan;
      return await runApply(ws, config, p, new StateWriter(ws.statePath, state), f, io, controller.signal);
    }
    const pre = workspace({ dir: f.dir, statePath: f.state });
    lock = await StateLock.acquire(pre.statePath, mode === "destroy" ? "destroy" : "apply", lockTimeout);
    let state: State;
    ({ ws, config, plan: p, state } = await makePlan(f, mode, io, controller.signal));
    showPlan(p, { json: f.json }, io);
    if (!planHasChanges(p)) {
      // nothing to confirm: record the refreshed state and say so, with the outputs, as Terraform does
      return await runApply(ws, config, p, new StateWriter(ws.statePath, state), f, io, controller.signal);
    }
    if (!f["auto-approve"]) {
      const verb = mode === "destroy" ? "destroy all the resources shown" : "perform the actions described above";
      const ok = await confirm(
        `\n${io.style.bold(mode === "destroy" ? "Do you really want to destroy all resources?" : "Do you want to perform these actions?")}\n  gantry will ${verb}.\n  Only 'yes' will be accepted to approve.\n`,
        io,
      );
      if (!ok) {
        io.out(`\n${mode === "destroy" ? "Destroy" : "Apply"} cancelled.`);
        process.exitCode = 1;
        return undefined;
      }
    }
    return await runApply(ws, config, p, new StateWriter(ws.statePath, state), f, io, controller.signal);
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
    lock?.release();
  }
}

/** Carries out a plan with the command's flags (parallelism, per-host limit). */
export function applyPlan(
  ws: Workspace,
  config: Config,
  p: Plan,
  writer: StateWriter,
  f: FlowFlags,
  signal: AbortSignal,
  onEvent: (e: ApplyEvent) => void,
): Promise<ApplyResult> {
  ensureDataDir(ws);
  return apply({
    plan: p,
    config,
    writer,
    types: (n) => getResourceType(n),
    parallelism: f.parallelism,
    hostParallelism: f["host-parallelism"],
    dataDir: ws.dataDir,
    signal,
    onEvent,
  });
}

async function runApply(
  ws: Workspace,
  config: Config,
  p: Plan,
  writer: StateWriter,
  f: FlowFlags,
  io: FlowIO,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const progress = new ApplyProgress(io.style, !!f.json, (l) => io.out(l));
  progress.begin();
  activeWriter = writer;
  let result: ApplyResult;
  try {
    result = await applyPlan(ws, config, p, writer, f, signal, (e) => progress.event(e));
  } finally {
    progress.end();
    activeWriter = undefined;
  }
  const s = io.style;
  const verb = p.mode === "destroy" ? "Destroy" : "Apply";
  if (f.json) {
    io.out(JSON.stringify({ type: "change_summary", changes: { add: result.added, change: result.changed, remove: result.destroyed, operation: p.mode === "destroy" ? "destroy" : "apply" }, failed: result.failed, skipped: result.skipped, cancelled: result.cancelled }));
  } else {
    const summary =
      p.mode === "destroy" ? `Resources: ${result.destroyed} destroyed.` : `Resources: ${result.added} added, ${result.changed} changed, ${result.destroyed} destroyed.`;
    if (result.failed.length || result.cancelled.length || result.skipped.length) {
      io.out("");
      for (const x of result.failed) io.out(s.red(`${s.bold("Error:")} ${x.address}: ${x.error}`));
      if (result.skipped.length) io.out(s.yellow(`Skipped because a dependency failed: ${result.skipped.join(", ")}`));
      if (result.cancelled.length) io.out(s.yellow(`Not started because of the interrupt: ${result.cancelled.length} operation(s).`));
      io.out(s.bold(`\n${verb} incomplete. ${summary}`) + `\nState saved to ${writer.path}. Run apply again to finish.`);
    } else io.out(s.green(s.bold(`\n${verb} complete! ${summary}`)));
    if (result.warnings.length) {
      io.out(s.yellow(s.bold("\nWhat gantry could not do on the hosts:")));
      for (const w of result.warnings) io.out(s.yellow(`  ${w.address}: ${w.message}`));
    }
    const outs = Object.entries(writer.state.outputs);
    if (outs.length && p.mode !== "destroy") {
      io.out("\nOutputs:\n");
      for (const [name, o] of outs) io.out(`${name} = ${o.sensitive ? "<sensitive>" : JSON.stringify(o.value)}`);
    }
  }
  if (result.failed.length || result.cancelled.length || result.skipped.length) process.exitCode = 1;
  return result;
}

export { getResourceType, resourceTypeNames };
