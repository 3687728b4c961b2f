// `gantry pulumi preview|up|destroy|stack output`: a Pulumi program run against gantry's engine, no Pulumi CLI.
// The stack is a gantry workspace of the program's directory (state in gantry.tfstate.d/STACK); the program runs
// under the SDK's runner against a resource monitor served here; each registration is a step of a Deployment.

import { GantryError } from "../contract/diagnostics.js";
import type { Engine } from "../engine/engine.js";
import type { StateLease } from "../engine/state-backend.js";
import type { Workspace } from "../engine/workspace.js";
import { cloneState, type StateWriter } from "../planner/state.js";
import { Deployment } from "./deployment.js";
import { InProcessDynamicProviders } from "./dynamic-provider-in-process.js";
import { GantryTypeProvider, gantryTypeOfToken } from "./gantry-type-provider.js";
import { startMonitorServer } from "./monitor-server.js";
import { ERROR_ALREADY_LOGGED, runProgram } from "./program-runner.js";
import { loadPulumiProject, type PulumiProject } from "./project-stand-in.js";
import type { PulumiEventSink, StepOp } from "./pulumi-events.js";
import type { CustomResourceProvider, ProviderResolver } from "./resource-provider.js";
import { ROOT_STACK_TYPE } from "./urn.js";
import type { WireObject } from "./wire-values.js";

export const DEFAULT_STACK = "dev";
export const DYNAMIC_RESOURCE_TYPE = "pulumi-nodejs:dynamic:Resource";

export interface PulumiRequest {
  /** The program's directory (holding Pulumi.yaml). */
  dir: string;
  stack?: string;
  onEvent?: PulumiEventSink;
  /** Resource operations the program may have in flight at once (the runner's --parallel). */
  parallel?: number;
  /** The environment the program runs with (default: this process's). */
  env?: Record<string, string | undefined>;
  lockTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface PulumiOutcome {
  ok: boolean;
  counts: Record<StepOp, number>;
  /** The root stack resource's outputs after the run (a preview: as the program registered them). */
  outputs: WireObject;
  /** Why the run failed (the program's error is reported through "log" events). */
  error?: string;
}

function stackWorkspace(engine: Engine, dir: string, stack: string): Workspace {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new GantryError(`stack name ${JSON.stringify(stack)} is not valid`);
  return engine.workspace({ dir, workspaceName: stack });
}

function providerResolver(engine: Engine, project: PulumiProject, ws: Workspace, onEvent: PulumiEventSink) {
  const dynamic = new InProcessDynamicProviders(project.dir, project.config);
  const gantry = new Map<string, CustomResourceProvider>();
  const resolve: ProviderResolver = (type) => {
    if (type === DYNAMIC_RESOURCE_TYPE) return dynamic.resourceProvider;
    const name = gantryTypeOfToken(type);
    const t = name ? engine.resolveType(name) : undefined;
    if (!t) return undefined;
    let p = gantry.get(t.name);
    if (!p) {
      p = new GantryTypeProvider(engine, t, { dataDir: ws.dataDir, configDir: project.dir }, (urn, message) =>
        onEvent({ type: "log", severity: "info", urn, message }),
      );
      gantry.set(t.name, p);
    }
    return p;
  };
  return resolve;
}

/** Preview (dryRun) or update: runs the program and carries out (or plans) its steps. */
export async function runPulumiProgram(engine: Engine, req: PulumiRequest, dryRun: boolean): Promise<PulumiOutcome> {
  const stack = req.stack ?? DEFAULT_STACK;
  const onEvent = req.onEvent ?? (() => {});
  const project = loadPulumiProject(req.dir, stack);
  const ws = stackWorkspace(engine, project.dir, stack);
  const t0 = Date.now();
  let lease: StateLease | undefined;
  let writer: StateWriter | undefined;
  if (!dryRun) lease = await ws.state.lock("pulumi up", req.lockTimeoutMs ?? 0);
  try {
    const recordedState = ws.state.read();
    const state = dryRun ? cloneState(recordedState) : recordedState;
    if (!dryRun) writer = ws.state.writer(state);
    const deployment = new Deployment({
      stack,
      project: project.name,
      dryRun,
      state,
      writer,
      providers: providerResolver(engine, project, ws, onEvent),
      onEvent,
    });
    onEvent({ type: "begin", dryRun, destroy: false, stack });
    const server = await startMonitorServer(deployment, onEvent);
    let code: number;
    let stderr = "";
    try {
      code = await runProgram({
        project,
        stack,
        monitorAddress: server.address,
        dryRun,
        parallel: req.parallel ?? 10,
        env: req.env,
        signal: req.signal,
        onOutput: (text, stream) => {
          if (stream === "stderr") stderr += text;
          for (const line of text.replace(/\n$/, "").split("\n"))
            onEvent({ type: "log", severity: "info", message: line, urn: deployment.rootUrn || undefined });
        },
      });
    } finally {
      await server.close();
    }
    let error: string | undefined;
    if (code !== 0)
      error = deployment.failure
        ? deployment.failure.message
        : code === ERROR_ALREADY_LOGGED
          ? "an unhandled error occurred: the program failed"
          : `the program exited with code ${code}${stderr ? `:\n${stderr.trim()}` : ""}`;
    if (!error) {
      try {
        deployment.commitStackOutputs();
        await deployment.deleteUnregistered();
      } catch (e) {
        error = (e as Error).message;
      }
    }
    if (writer) await writer.flush();
    const outputs = error ? rootOutputs(recordedState.instances) : (deployment.rootOutputs ?? {});
    if (!error) onEvent({ type: "outputs", outputs });
    const ok = !error;
    onEvent({ type: "summary", dryRun, destroy: false, ok, counts: deployment.counts, ms: Date.now() - t0 });
    return { ok, counts: deployment.counts, outputs, ...(error ? { error } : {}) };
  } finally {
    lease?.release();
  }
}

/** `pulumi destroy`: deletes every resource of the stack, dependents first; the program is not run. */
export async function destroyPulumiStack(engine: Engine, req: PulumiRequest, dryRun = false): Promise<PulumiOutcome> {
  const stack = req.stack ?? DEFAULT_STACK;
  const onEvent = req.onEvent ?? (() => {});
  const project = loadPulumiProject(req.dir, stack);
  const ws = stackWorkspace(engine, project.dir, stack);
  const t0 = Date.now();
  const lease = dryRun ? undefined : await ws.state.lock("pulumi destroy", req.lockTimeoutMs ?? 0);
  try {
    const recordedState = ws.state.read();
    const state = dryRun ? cloneState(recordedState) : recordedState;
    const writer = dryRun ? undefined : ws.state.writer(state);
    const deployment = new Deployment({
      stack,
      project: project.name,
      dryRun,
      state,
      writer,
      providers: providerResolver(engine, project, ws, onEvent),
      onEvent,
    });
    onEvent({ type: "begin", dryRun, destroy: true, stack });
    let error: string | undefined;
    try {
      await deployment.deleteEverything();
    } catch (e) {
      error = (e as Error).message;
    }
    if (writer) await writer.flush();
    onEvent({ type: "summary", dryRun, destroy: true, ok: !error, counts: deployment.counts, ms: Date.now() - t0 });
    return { ok: !error, counts: deployment.counts, outputs: {}, ...(error ? { error } : {}) };
  } finally {
    lease?.release();
  }
}

/** The outputs of the stack's last good update (the root stack resource's). */
export function pulumiStackOutputs(engine: Engine, dir: string, stack = DEFAULT_STACK): WireObject {
  const project = loadPulumiProject(dir, stack);
  const ws = stackWorkspace(engine, project.dir, stack);
  return rootOutputs(ws.state.read().instances);
}

function rootOutputs(instances: ReadonlyMap<string, { type: string; attributes: unknown }>): WireObject {
  for (const i of instances.values())
    if (i.type === ROOT_STACK_TYPE) return ((i.attributes as { outputs?: WireObject }).outputs ?? {}) as WireObject;
  return {};
}
