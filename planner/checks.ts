// Check blocks: every assertion evaluated against the planned values (at
// plan) or the applied ones (after apply). Failures are warnings, never
// errors; an assertion that is not known yet at plan is checked after apply.

import type { Diagnostic } from "../contract/diagnostics.js";
import { checkConditions } from "./conditions.js";
import type { EvalScope } from "./expressions/evaluate.js";
import type { Config } from "./model.js";

/** Every check's assertions, but for the `skipped` ones (their scoped data source could not be read). */
export function runChecks(config: Config, scope: EvalScope, skipped: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of config.checks.values())
    if (!skipped.has(c.name)) out.push(...checkConditions(c.asserts, scope, "check").failures);
  return out;
}
