// plan: read the state, load the configuration, refresh and diff.

import { groupHostLimitations, limitationsOfChanges } from "./host-limitation-groups.js";
import type { Value } from "../contract/values.js";
import type { PlanMode } from "../planner/changes.js";
import type { Config } from "../planner/model.js";
import { plan, type Plan } from "../planner/plan.js";
import { writePlanFile } from "../planner/plan-file.js";
import type { State } from "../planner/state.js";
import { loadConfiguration } from "./configuration.js";
import type { EngineContext } from "./engine-context.js";
import type { EventSink } from "./events.js";
import { GANTRY_VERSION } from "./gantry-version.js";
import type { Workspace } from "./workspace.js";

export interface PlanRequest {
  /** normal (default), destroy, or refresh-only. */
  mode?: PlanMode;
  /** Read what really exists first (default true). */
  refresh?: boolean;
  targets?: string[];
  replace?: string[];
  /** Hosts to mark failed: their clusters' nodes are placed again on the remaining hosts (-replace-host). */
  replaceHosts?: string[];
  /**
   * A cluster host that does not answer is marked failed and its nodes placed again (what `gantry reconcile` does);
   * otherwise such a host's resources are only reported unknown.
   */
  replaceUnreachable?: boolean;
  /** Operations at once while refreshing (default 10). */
  parallelism?: number;
  signal?: AbortSignal;
  onEvent?: EventSink;
}

export interface PlanOutcome {
  config: Config;
  variables: Map<string, Value>;
  plan: Plan;
  /** The state as read, untouched by the plan (which works on a copy), for an apply under the same lock. */
  state: State;
}

export async function planWorkspace(engine: EngineContext, ws: Workspace, req: PlanRequest): Promise<PlanOutcome> {
  const emit = req.onEvent ?? (() => {});
  emit({ type: "configuration", dir: ws.dir });
  const state = await ws.state.read();
  emit({ type: "progress", step: "state-read" });
  const replaceHosts: Record<string, string> = {};
  for (const h of req.replaceHosts ?? []) replaceHosts[h] = "replaced by hand (-replace-host)";
  let loaded = await loadConfiguration(ws, state, replaceHosts, emit);
  emit({ type: "configuration", dir: ws.dir, files: loaded.config.files });
  if (loaded.warnings.length) emit({ type: "warnings", diagnostics: loaded.warnings });
  let p = await planLoaded(engine, ws, req, state, loaded);
  const lost = (p.unreachable ?? []).filter((u) => loaded.clusterHosts.has(u.host) && !loaded.failedHosts.has(u.host));
  if (req.replaceUnreachable && lost.length) {
    // plan again with the lost hosts marked failed: their nodes are placed on the remaining capacity
    for (const u of lost) {
      replaceHosts[u.host] = `unreachable since ${p.createdAt}: ${u.reason}`;
      emit({ type: "host-lost", host: u.host, reason: u.reason });
    }
    loaded = await loadConfiguration(ws, state, replaceHosts, emit);
    p = await planLoaded(engine, ws, req, state, loaded);
  }
  if (Object.keys(replaceHosts).length) p.replaceHosts = replaceHosts;
  if (p.warnings.length) emit({ type: "warnings", diagnostics: p.warnings });
  const limitations = limitationsOfChanges(p.changes);
  if (limitations.length)
    emit({ type: "host-limitations", phase: "plan", limitations, groups: groupHostLimitations(limitations) });
  return { config: loaded.config, variables: loaded.variables, plan: p, state };
}

function planLoaded(
  engine: EngineContext,
  ws: Workspace,
  req: PlanRequest,
  state: State,
  { config, variables, failedHosts }: Awaited<ReturnType<typeof loadConfiguration>>,
): Promise<Plan> {
  return plan({
    config,
    state,
    types: engine.resolveType,
    dataSources: engine.resolveDataSource,
    knownTypes: engine.types.names(),
    variables,
    mode: req.mode ?? "normal",
    refresh: req.refresh ?? true,
    targets: req.targets,
    replace: req.replace,
    parallelism: req.parallelism,
    dataDir: ws.dataDir,
    stackName: ws.stackName,
    workspace: ws.workspaceName,
    hosts: engine.hosts,
    attributeChecker: engine.attributeChecker,
    signal: req.signal,
    lostHosts: failedHosts,
  });
}

/** Writes a plan to a file that `apply FILE` carries out exactly. */
export function savePlan(path: string, ws: Workspace, outcome: PlanOutcome): void {
  writePlanFile(path, {
    plan: outcome.plan,
    configDir: ws.dir,
    files: outcome.config.files,
    gantryVersion: GANTRY_VERSION,
    cdktfStack: ws.app && {
      app: ws.app.dir,
      stack: ws.app.stack,
      statePath: ws.state.location,
      dataDir: ws.dataDir,
    },
  });
}
