// Where a workspace's configuration comes from. A directory of
// configuration files is itself; a CDKTF app (a directory holding
// cdktf.json) is synthesized first, as `cdktf synth` does, and the chosen
// stack's directory becomes the configuration directory, its state where the
// stack's local backend says (next to the app) and its working data next to
// the app too (cdktf.out is build output, rewritten at every synthesis).

import { join } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import { isCdktfProject, readCdktfProject } from "../templates/cdktf-project.js";
import { chooseCdktfStack } from "../templates/cdktf-stack.js";
import { synthesizeCdktfApp } from "../templates/cdktf-synth.js";
import type { EventSink } from "./events.js";
import type { WorkspaceOptions } from "./workspace.js";

/** The options of the workspace to open for `opts.dir`: a CDKTF app's are its synthesized stack's. */
export async function resolveWorkspaceSource(
  opts: WorkspaceOptions,
  onEvent?: EventSink,
  signal?: AbortSignal,
): Promise<WorkspaceOptions> {
  if (!isCdktfProject(opts.dir)) {
    if (opts.stack !== undefined) {
      throw new GantryError(`-stack applies to CDKTF apps, and ${opts.dir} holds no cdktf.json`);
    }
    return opts;
  }
  const project = readCdktfProject(opts.dir);
  const synth = await synthesizeCdktfApp(project, { ...process.env, ...opts.env }, signal);
  if (synth.notes.length) {
    onEvent?.({
      type: "warnings",
      diagnostics: synth.notes.map((summary) => ({ severity: "warning", summary })),
    });
  }
  const stack = chooseCdktfStack(project, synth, opts.stack);
  return {
    ...opts,
    dir: stack.dir,
    statePath: opts.statePath ?? stack.statePath,
    dataDir: opts.dataDir ?? join(project.dir, ".gantry", "stacks", stack.name),
    stack: stack.name,
    app: { dir: project.dir, stack: stack.name },
  };
}
