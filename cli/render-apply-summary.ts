// The end of an apply as Terraform prints it: what failed or was skipped,
// the counts, what gantry could not do on the hosts, and the outputs.

import type { EngineEvent } from "../engine/events.js";
import { formatOutputValues } from "./terraform-value-text.js";
import type { Style } from "./style.js";
import { shownOutputs } from "./shown-outputs.js";

type Summary = Extract<EngineEvent, { type: "summary" }>;

/** `notDone`: the lines saying what gantry could not do on the hosts, shown before the outputs. */
export function renderApplySummary(e: Summary, style: Style, json: boolean, notDone: string[] = []): string[] {
  const { result, mode } = e;
  const s = style;
  if (json) {
    const changes = {
      add: result.added,
      change: result.changed,
      remove: result.destroyed,
      operation: mode === "destroy" ? "destroy" : "apply",
    };
    const line = { type: "change_summary", changes, failed: result.failed, skipped: result.skipped };
    return [JSON.stringify({ ...line, cancelled: result.cancelled })];
  }
  const out: string[] = [];
  const verb = mode === "destroy" ? "Destroy" : "Apply";
  const summary =
    mode === "destroy"
      ? `Resources: ${result.destroyed} destroyed.`
      : `Resources: ${result.added} added, ${result.changed} changed, ${result.destroyed} destroyed.`;
  if (result.failed.length || result.cancelled.length || result.skipped.length) {
    out.push("");
    for (const x of result.failed) out.push(s.red(`${s.bold("Error:")} ${x.address}: ${x.error}`));
    if (result.skipped.length) out.push(s.yellow(`Skipped because a dependency failed: ${result.skipped.join(", ")}`));
    if (result.cancelled.length)
      out.push(s.yellow(`Not started because of the interrupt: ${result.cancelled.length} operation(s).`));
    out.push(
      `${s.bold(`\n${verb} incomplete. ${summary}`)}\nState saved to ${e.statePath}. Run apply again to finish.`,
    );
  } else out.push(s.green(s.bold(`\n${verb} complete! ${summary}`)));
  out.push(...notDone);
  const outs = shownOutputs(e.outputs);
  if (outs.length && mode !== "destroy") {
    // as Terraform prints them: a blank line, then what `terraform output` prints (sorted, sensitive ones hidden)
    out.push("\nOutputs:\n\n");
    out.push(formatOutputValues(Object.fromEntries(outs)));
  }
  return out;
}
