// Custom conditions, as Terraform checks them: a resource's preconditions
// (before its change is planned) and postconditions (once its new value is
// known, `self` being the instance), outputs' preconditions, and check
// blocks' assertions. A condition whose value is not known yet is checked
// later (at apply); a false one fails with the user's error message. Check
// assertions only warn: every diagnostic of theirs is a warning.

import type { Diagnostic } from "../contract/diagnostics.js";
import { isUnknown, type Value } from "../contract/values.js";
import { evaluate, type EvalScope } from "./expressions/evaluate.js";
import type { CheckStatus } from "./check-results.js";
import type { ConditionConfig } from "./model.js";

export type ConditionKind = "precondition" | "postcondition" | "output precondition" | "check";

const FAILED: Record<ConditionKind, string> = {
  precondition: "Resource precondition failed",
  postcondition: "Resource postcondition failed",
  "output precondition": "Module output value precondition failed",
  check: "Check block assertion failed",
};

/** "pass", "unknown" (checked later), or the diagnostic of a failure (a warning for check assertions). */
export type ConditionOutcome = "pass" | "unknown" | Diagnostic;

export function checkCondition(c: ConditionConfig, scope: EvalScope, kind: ConditionKind): ConditionOutcome {
  const severity = kind === "check" ? "warning" : "error";
  const problem = (summary: string, detail?: string): Diagnostic => ({ severity, summary, detail, origin: c.origin });
  let v: Value;
  try {
    v = evaluate(c.condition, scope);
  } catch (e) {
    return problem(`Invalid condition: ${(e as Error).message}`);
  }
  if (isUnknown(v)) return "unknown";
  if (v === null)
    return problem("Invalid condition result", "Condition expression must return either true or false, not null.");
  if (v === "true") v = true;
  else if (v === "false") v = false;
  if (typeof v !== "boolean")
    return problem("Invalid condition result", "Invalid condition result value: a bool is required.");
  if (v) return "pass";
  let message: Value;
  try {
    message = evaluate(c.errorMessage, scope);
  } catch (e) {
    return problem("Error message refers to unknown values or fails", (e as Error).message);
  }
  if (isUnknown(message)) return problem(FAILED[kind], "(error message not known yet)");
  if (typeof message === "number" || typeof message === "boolean") message = String(message);
  if (typeof message !== "string")
    return problem("Invalid error message", "Unsuitable value for error message: string required.");
  return problem(FAILED[kind], message.trim());
}

/**
 * An outcome as a check status: a failed condition fails (its problem being the user's error message), a condition
 * that could not be evaluated (or whose message could not) is an error.
 */
export function outcomeStatus(o: ConditionOutcome, kind: ConditionKind): { status: CheckStatus; problem?: string } {
  if (o === "pass" || o === "unknown") return { status: o };
  if (o.summary === FAILED[kind]) return { status: "fail", problem: o.detail ?? "" };
  return { status: "error" };
}

/**
 * Checks every condition; returns the failures and whether any could not be decided yet. `record` is told each
 * condition's status (for the JSON plan's `checks`).
 */
export function checkConditions(
  conditions: readonly ConditionConfig[],
  scope: EvalScope,
  kind: ConditionKind,
  record?: (status: CheckStatus, problem?: string) => void,
): { failures: Diagnostic[]; unknown: boolean } {
  const failures: Diagnostic[] = [];
  let unknown = false;
  for (const c of conditions) {
    const o = checkCondition(c, scope, kind);
    if (record) {
      const { status, problem } = outcomeStatus(o, kind);
      record(status, problem);
    }
    if (o === "unknown") unknown = true;
    else if (o !== "pass") failures.push(o);
  }
  return { failures, unknown };
}
