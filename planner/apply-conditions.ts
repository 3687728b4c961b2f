// Custom conditions at apply: a resource's preconditions are checked again
// just before its change (those unknown at plan are decided now), its
// postconditions just after, against the object as recorded (Terraform
// keeps the new object in state and fails the apply). Check blocks run once
// the walk is over, against the applied values: warnings only.

import { type Diagnostic, GantryError } from "../contract/diagnostics.js";
import type { Attrs } from "../contract/values.js";
import type { ResourceChange } from "./changes.js";
import { runChecks } from "./checks.js";
import { checkConditions, type ConditionKind } from "./conditions.js";
import { instanceScope } from "./instances.js";
import type { Config } from "./model.js";
import type { Plan } from "./plan.js";
import { scopeWithSelf, type ValueScope } from "./scope.js";

export interface ApplyConditions {
  /** Throws the failures (GantryError) of the change's preconditions. */
  before(c: ResourceChange): void;
  /** Throws the failures of the change's postconditions, `self` being `attrs`. */
  after(c: ResourceChange, attrs: Attrs): void;
  /** The located failures seen, to be shown with their source. */
  readonly diagnostics: Diagnostic[];
}

export function applyConditions(config: Config, plan: Plan, values: ValueScope): ApplyConditions {
  const diagnostics: Diagnostic[] = [];
  const run = (c: ResourceChange, kind: ConditionKind, self?: Attrs) => {
    const r = config.resources.get(c.resourceKey);
    const exp = plan.expansions.get(c.resourceKey);
    if (!r || !exp || c.deposed) return;
    const list = kind === "precondition" ? r.lifecycle.preconditions : r.lifecycle.postconditions;
    if (!list.length) return;
    let scope = instanceScope(values, exp, c.key);
    if (self) scope = scopeWithSelf(scope, () => self);
    const { failures } = checkConditions(list, scope, kind);
    if (failures.length) {
      diagnostics.push(...failures);
      throw new GantryError(failures.map((f) => ({ ...f, summary: `${f.summary}: ${f.detail ?? ""}`.trim() })));
    }
  };
  return {
    before: (c) => run(c, "precondition"),
    after: (c, attrs) => run(c, "postcondition", attrs),
    diagnostics,
  };
}

/** Check blocks after apply (not after a destroy). */
export function checksAfterApply(
  config: Config,
  plan: Plan,
  values: ValueScope,
  atApply: { check: string; warning: Diagnostic }[] = [],
): Diagnostic[] {
  if (plan.mode !== "normal") return [];
  // a check whose scoped data source failed (at plan, or read at apply) warns again and its assertions are skipped,
  // as Terraform's does after apply
  const failed = [...(plan.checkDataFailures ?? []), ...atApply];
  return [...failed.map((f) => f.warning), ...runChecks(config, values.scope(), failed)];
}
