// apply, destroy and refresh at the terminal: the engine does the work; this
// asks for approval, shows progress, and turns Ctrl-C into the engine's two
// stops (first: start nothing new and save state; second: save and quit).

import type { ApplyOutcome, ApplyRequest } from "../engine/apply-operation.js";
import type { Engine } from "../engine/engine.js";
import { ImmediateStop } from "../engine/immediate-stop.js";
import type { WorkspaceOptions } from "../engine/workspace.js";
import type { PlanMode } from "../planner/changes.js";
import { confirm } from "./confirm.js";
import type { EventRenderer } from "./event-renderer.js";
import { stopAtOnce } from "./stop-at-once.js";
import type { Style } from "./style.js";

export interface RunApplyOptions {
  engine: Engine;
  mode: PlanMode;
  /** A directory to plan and apply, or a saved plan to carry out. */
  workspace: WorkspaceOptions;
  planFile?: string;
  request: ApplyRequest;
  autoApprove: boolean;
  renderer: EventRenderer;
  style: Style;
  out: (text: string) => void;
}

export async function runApply(o: RunApplyOptions): Promise<ApplyOutcome | undefined> {
  const graceful = new AbortController();
  const now = new ImmediateStop();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      o.out(
        o.style.yellow(
          "\nInterrupt received. Waiting for operations in progress to finish and saving state; no new operations " +
            "start. Press Ctrl-C again to stop at once (what is running now is not recorded).",
        ),
      );
      graceful.abort();
    } else {
      stopAtOnce(now);
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const request: ApplyRequest = {
    ...o.request,
    mode: o.mode,
    signal: graceful.signal,
    stopNow: now,
    onEvent: o.renderer.onEvent,
    approve: o.autoApprove ? undefined : (plan) => approve(plan.mode, o.style, o.out),
  };
  try {
    const outcome = o.planFile
      ? await o.engine.applySaved(o.planFile, o.workspace, request)
      : await o.engine.apply(await o.engine.openWorkspace(o.workspace, o.renderer.onEvent), request);
    if (outcome.status === "cancelled") {
      o.out(`\n${o.mode === "destroy" ? "Destroy" : "Apply"} cancelled.`);
      process.exitCode = 1;
      return outcome;
    }
    const r = outcome.result;
    if (r.failed.length || r.cancelled.length || r.skipped.length) process.exitCode = 1;
    return outcome;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function approve(mode: PlanMode, s: Style, out: (text: string) => void): Promise<boolean> {
  const destroy = mode === "destroy";
  const verb = destroy ? "destroy all the resources shown" : "perform the actions described above";
  const question = destroy ? "Do you really want to destroy all resources?" : "Do you want to perform these actions?";
  return confirm(`\n${s.bold(question)}\n  gantry will ${verb}.\n  Only 'yes' will be accepted to approve.\n`, out);
}
