// apply and destroy: under the state lock, plan, ask for approval, walk the
// plan, record state after every step; or carry out a saved plan exactly.

import { groupHostLimitations } from "./host-limitation-groups.js";
import { apply, type ApplyResult } from "../planner/apply.js";
import type { Config } from "../planner/model.js";
import { planHasChanges, type Plan } from "../planner/plan.js";
import { checkPlanIsCurrent, readPlanFile } from "../planner/plan-file.js";
import type { State } from "../planner/state.js";
import { replayConfiguration } from "./configuration.js";
import type { EngineContext } from "./engine-context.js";
import { planWorkspace, type PlanRequest } from "./plan-operation.js";
import type { ImmediateStop } from "./immediate-stop.js";
import { ensureDataDir, openWorkspace, type Workspace, type WorkspaceOptions } from "./workspace.js";

export interface ApplyRequest extends PlanRequest {
  /** Asked before changing anything, with the plan shown; no function means approved. */
  approve?: (plan: Plan) => Promise<boolean>;
  /** How long to wait for the state lock (default: fail at once). */
  lockTimeoutMs?: number;
  /** Operations at once on one host (default: no limit). */
  hostParallelism?: number;
  /** For a stop at once (a second Ctrl-C): told what the operation holds, so the door can let go of it. */
  stopNow?: ImmediateStop;
  /**
   * Cancels the operations running too, not only the start of new ones (`signal`): the types are handed it (their
   * waits end; a Heat stack's cancel_update, a delete while creating).
   */
  cancelSignal?: AbortSignal;
}

export type ApplyOutcome = { status: "applied"; plan: Plan; result: ApplyResult } | { status: "cancelled"; plan: Plan };

export async function applyWorkspace(engine: EngineContext, ws: Workspace, req: ApplyRequest): Promise<ApplyOutcome> {
  const mode = req.mode ?? "normal";
  const lease = await ws.state.lock(mode === "destroy" ? "destroy" : "apply", req.lockTimeoutMs ?? 0);
  req.stopNow?.holding(lease);
  try {
    const { config, plan, state } = await planWorkspace(engine, ws, req);
    req.onEvent?.({ type: "plan", plan });
    if (planHasChanges(plan) && req.approve && !(await req.approve(plan))) return { status: "cancelled", plan };
    // with no changes, the refreshed state is still recorded and the outputs shown, as Terraform does
    const result = await walkPlan(engine, ws, config, plan, state, req);
    return { status: "applied", plan, result };
  } finally {
    req.stopNow?.release();
    await lease.release();
  }
}

/** Carries out a saved plan exactly, refusing when the state changed since it was made. */
export async function applySavedPlan(
  engine: EngineContext,
  planFile: string,
  wsOptions: Omit<WorkspaceOptions, "dir">,
  req: ApplyRequest,
): Promise<ApplyOutcome> {
  const saved = readPlanFile(planFile);
  // a CDKTF stack's plan carries out on the stack's state and working data, not the directory's defaults
  const stack = saved.cdktfStack;
  const ws = openWorkspace({
    ...wsOptions,
    dir: saved.configDir,
    ...(stack && {
      statePath: wsOptions.statePath ?? stack.statePath,
      dataDir: stack.dataDir,
      app: { dir: stack.app, stack: stack.stack },
    }),
  });
  req.onEvent?.({ type: "configuration", dir: ws.dir, files: saved.files });
  const lease = await ws.state.lock("apply", req.lockTimeoutMs ?? 0);
  req.stopNow?.holding(lease);
  try {
    const state = await ws.state.read();
    checkPlanIsCurrent(saved.plan, state, planFile);
    const variables = new Map(Object.entries(saved.plan.variables));
    const config = await replayConfiguration(ws, saved.files, variables, state, saved.plan.replaceHosts);
    const result = await walkPlan(engine, ws, config, saved.plan, state, req);
    return { status: "applied", plan: saved.plan, result };
  } finally {
    req.stopNow?.release();
    await lease.release();
  }
}

/**
 * Walks a plan's changes, recording state as each resource changes; emits
 * progress and a summary. The caller holds the state lock.
 */
export async function walkPlan(
  engine: EngineContext,
  ws: Workspace,
  config: Config,
  plan: Plan,
  state: State,
  req: Pick<ApplyRequest, "parallelism" | "hostParallelism" | "signal" | "cancelSignal" | "stopNow" | "onEvent">,
): Promise<ApplyResult> {
  const emit = req.onEvent ?? (() => {});
  ensureDataDir(ws);
  const writer = ws.state.writer(state);
  req.stopNow?.recording(writer);
  emit({ type: "apply-begin" });
  let result: ApplyResult;
  try {
    result = await apply({
      plan,
      config,
      writer,
      types: engine.resolveType,
      dataSources: engine.resolveDataSource,
      provisioners: engine.resolveProvisioner,
      parallelism: req.parallelism ?? 10,
      hostParallelism: req.hostParallelism,
      dataDir: ws.dataDir,
      stackName: ws.stackName,
      workspace: ws.workspaceName,
      hosts: engine.hosts,
      heatSignals: ws.heatSignals,
      signal: req.signal,
      cancelSignal: req.cancelSignal,
      onEvent: (event) => emit({ type: "resource", event }),
    });
  } finally {
    emit({ type: "apply-end" });
  }
  if (result.diagnostics.length) emit({ type: "warnings", diagnostics: result.diagnostics });
  // in the plan's order (by address), not the order in which the operations happened to end
  const limitations = [...result.limitations].sort((a, b) =>
    a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
  );
  if (limitations.length)
    emit({ type: "host-limitations", phase: "apply", limitations, groups: groupHostLimitations(limitations) });
  emit({ type: "summary", mode: plan.mode, result, outputs: writer.state.outputs, statePath: ws.state.location });
  return result;
}
