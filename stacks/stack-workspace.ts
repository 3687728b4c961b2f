// How a stack runs through the one engine: a workspace of its sources (as
// configuration files, in memory), its own working data directory and its
// state kept in the store.

import { join } from "node:path";
import type { Engine } from "../engine/engine.js";
import type { Workspace } from "../engine/workspace.js";
import type { SourceFile } from "../planner/model.js";
import { hotSourceFiles } from "../templates/hot/hot-sources.js";
import type { StackRecorder } from "./stack-recorder.js";
import type { StackSource } from "./stack-records.js";
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
}

export const defaultSourceFiles: StackSourceFiles = (source) => hotSourceFiles(source);

export function stackDataDir(ctx: StackServiceContext, stackId: string): string {
  return join(ctx.dataRoot, stackId);
}

export function stackWorkspace(ctx: StackServiceContext, stackId: string, source: StackSource): Workspace {
  return ctx.engine.workspace({
    dir: stackDataDir(ctx, stackId),
    files: ctx.sourceFiles(source),
    state: ctx.store.stateBackend(stackId),
  });
}
