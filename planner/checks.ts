// Check blocks: every assertion evaluated against the planned values (at
// plan) or the applied ones (after apply). Failures are warnings, never
// errors; an assertion that is not known yet at plan warns that its result
// will be known after apply (Terraform's warning) and is checked then.

import type { Diagnostic } from "../contract/diagnostics.js";
import type { Checkable, CheckResultsRecorder } from "./check-results.js";
import { checkCondition, outcomeStatus } from "./conditions.js";
import type { EvalScope } from "./expressions/evaluate.js";
import type { Config } from "./model.js";

/** A check whose scoped data source could not be read, with the warning that gave. */
export interface CheckDataFailure {
  check: string;
  warning: Diagnostic;
}

/** A check block as a checkable object: `module.m[0].check.c` is check `c` in `module.m[0]`. */
function checkableOf(name: string): Checkable {
  const at = name.lastIndexOf(".check.");
  return at < 0
    ? { kind: "check", name, module: "" }
    : { kind: "check", name: name.slice(at + ".check.".length), module: name.slice(0, at) };
}

/**
 * Every check's assertions, but for the checks whose scoped data source could not be read (they fail, with the
 * provider's message). `record` is told every check's outcome.
 */
export function runChecks(
  config: Config,
  scope: EvalScope,
  dataFailures: readonly CheckDataFailure[] = [],
  record?: CheckResultsRecorder,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of config.checks.values()) {
    const checkable = checkableOf(c.name);
    const failed = dataFailures.filter((f) => f.check === c.name);
    if (failed.length) {
      for (const f of failed)
        record?.report(
          checkable,
          "fail",
          f.warning.detail ? `${f.warning.summary}: ${f.warning.detail}` : f.warning.summary,
        );
      continue;
    }
    if (!c.asserts.length) record?.report(checkable, "pass");
    for (const a of c.asserts) {
      const o = checkCondition(a, scope, "check");
      const { status, problem } = outcomeStatus(o, "check");
      record?.report(checkable, status, problem);
      if (o === "unknown")
        out.push({
          severity: "warning",
          // Terraform's wording
          summary: "Check block assertion known after apply",
          detail:
            "The condition could not be evaluated at this time, a result will be known when this plan is applied.",
          origin: a.origin,
        });
      else if (o !== "pass") out.push(o);
    }
  }
  return out;
}
