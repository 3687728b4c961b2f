// How a stack runs through the one engine: a workspace of its sources (as
// configuration files, in memory), its own working data directory and its
// state kept in the store.

import { join } from "node:path";
import type { HeatSignals } from "../contract/heat-signals.js";
import type { Engine } from "../engine/engine.js";
import type { Workspace } from "../engine/workspace.js";
import type { SourceFile } from "../planner/model.js";
import type { State } from "../planner/state.js";
import { hotSourceFiles } from "../templates/hot/hot-sources.js";
import type { HandleSignalBoard } from "./handle-signals.js";
import type { StackRecorder } from "./stack-recorder.js";
import type { StackRecord, StackSource } from "./stack-records.js";
import type { StackStore } from "./stack-store.js";

/** A stack's sources as configuration files (default: the HOT layout, hotSourceFiles). */
export type StackSourceFiles = (source: StackSource) => SourceFile[];

/** What every part of the stack service shares. */
export interface StackServiceContext {
  engine: Engine;
  store: StackStore;
  recorder: StackRecorder;
  /** Where stacks keep working data: <dataRoot>/<stack id>. */
  dataRoot: string;
  sourceFiles: StackSourceFiles;
  /** The signals wait condition handles receive (absent: the stacks' handles cannot be made). */
  handleSignals?: HandleSignalBoard;
  /** The server's v1 root ("http://127.0.0.1:8004/v1") as signals reach it; undefined while not known. */
  heatUrl?: () => string | undefined;
}

export const defaultSourceFiles: StackSourceFiles = (source) => hotSourceFiles(source);

export function stackDataDir(ctx: StackServiceContext, stackId: string): string {
  return join(ctx.dataRoot, stackId);
}

/** Who a stack is, as its workspace needs it. */
export type StackIdentity = Pick<StackRecord, "id" | "name" | "tenant">;

/**
 * The source as the stack runs it: Heat's pseudo parameters (OS::stack_name, OS::stack_id, OS::project_id) given
 * first, as parameter defaults of an environment of their own (the HOT front end reads them from there).
 */
export function withPseudoParameters(source: StackSource, stack: StackIdentity): StackSource {
  const pseudo = { "OS::stack_name": stack.name, "OS::stack_id": stack.id, "OS::project_id": stack.tenant };
  return { ...source, environments: [{ parameter_defaults: pseudo }, ...source.environments] };
}

export async function stackWorkspace(
  ctx: StackServiceContext,
  stack: StackIdentity,
  source: StackSource,
  heatSignals?: HeatSignals,
): Promise<Workspace> {
  return ctx.engine.workspace({
    dir: stackDataDir(ctx, stack.id),
    files: ctx.sourceFiles(withPseudoParameters(source, stack)),
    state: await ctx.store.stateBackend(stack.id),
    // physical names carry the stack's name, as Heat's do ("mystack-rand-abc123")
    stackName: stack.name,
    heatSignals,
  });
}

/** A stack's state read synchronously (event handlers look at it): every stack store's backend can. */
export function readStateNow(ws: Workspace): State {
  if (!ws.state.readSync) throw new Error(`the state of ${ws.state.location} cannot be read synchronously`);
  return ws.state.readSync();
}
