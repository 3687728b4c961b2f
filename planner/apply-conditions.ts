// Custom conditions at apply: a resource's preconditions are checked again
// just before its change (those unknown at plan are decided now), its
// postconditions just after, against the object as recorded (Terraform
// keeps the new object in state and fails the apply). Check blocks run once
// the walk is over, against the applied values: warnings only. Outputs'
// preconditions are checked again then too, with what is now known.

import { type Diagnostic, GantryError } from "../contract/diagnostics.js";
import type { Attrs } from "../contract/values.js";
import type { ResourceChange } from "./changes.js";
import { moduleOf } from "./addresses.js";
import { type Checkable, type CheckResult, CheckResultsRecorder, summarizeStatuses } from "./check-results.js";
import { runChecks } from "./checks.js";
import { checkConditions, type ConditionKind } from "./conditions.js";
import { instanceScope } from "./instances.js";
import type { ConditionConfig, Config } from "./model.js";
import type { Plan } from "./plan.js";
import { scopeWithSelf, type ValueScope } from "./scope.js";

export interface ApplyConditions {
  /** Throws the failures (GantryError) of the change's preconditions. */
  before(c: ResourceChange): void;
  /** Throws the failures of the change's postconditions, `self` being `attrs`. */
  after(c: ResourceChange, attrs: Attrs): void;
  /** The located failures seen, to be shown with their source. */
  readonly diagnostics: Diagnostic[];
  /** The outcome of every condition checked at apply, instance by instance. */
  readonly checks: CheckResultsRecorder;
}

export function applyConditions(config: Config, plan: Plan, values: ValueScope): ApplyConditions {
  const diagnostics: Diagnostic[] = [];
  const checks = new CheckResultsRecorder();
  const run = (c: ResourceChange, kind: ConditionKind, self?: Attrs) => {
    const r = config.resources.get(c.resourceKey);
    const exp = plan.expansions.get(c.resourceKey);
    if (!r || !exp || c.deposed) return;
    const list = kind === "precondition" ? r.lifecycle.preconditions : r.lifecycle.postconditions;
    if (!list.length) return;
    let scope = instanceScope(values, exp, c.key);
    if (self) scope = scopeWithSelf(scope, () => self);
    const checkable: Checkable = {
      kind: "resource",
      name: c.name,
      module: moduleOf(c.address),
      mode: "managed",
      type: c.type,
      key: c.key,
    };
    const { failures } = checkConditions(list, scope, kind, (status, problem) =>
      checks.report(checkable, status, problem),
    );
    if (failures.length) {
      diagnostics.push(...failures);
      throw new GantryError(failures.map((f) => ({ ...f, summary: `${f.summary}: ${f.detail ?? ""}`.trim() })));
    }
  };
  return {
    before: (c) => run(c, "precondition"),
    after: (c, attrs) => run(c, "postcondition", attrs),
    diagnostics,
    checks,
  };
}

/**
 * Outputs' preconditions once the walk is over, checked again as Terraform's apply checks them when the values they
 * read are known (not after a destroy): the module instances' outputs, then the root's. A false one is an error at
 * its condition, and a refused root output keeps its last value (`refused`, by name). A condition still unknown (what
 * it reads failed) is passed over.
 */
export function outputConditionsAfterApply(
  config: Config,
  plan: Plan,
  values: ValueScope,
  record: CheckResultsRecorder,
): { failures: { address: string; diagnostics: Diagnostic[] }[]; refused: Set<string> } {
  const failures: { address: string; diagnostics: Diagnostic[] }[] = [];
  const refused = new Set<string>();
  if (plan.mode !== "normal") return { failures, refused };
  const check = (name: string, module: string, preconditions: ConditionConfig[]): boolean => {
    if (!preconditions.length) return true;
    const checkable: Checkable = { kind: "output_value", name, module };
    const { failures: failed } = checkConditions(preconditions, values.scope(), "output precondition", (status, p) =>
      record.report(checkable, status, p),
    );
    if (failed.length) failures.push({ address: `${module ? `${module}.` : ""}output.${name}`, diagnostics: failed });
    return !failed.length;
  };
  for (const l of config.locals.values()) if (l.output) check(l.output.name, l.output.module, l.output.preconditions);
  for (const o of config.outputs.values()) if (!check(o.name, "", o.preconditions)) refused.add(o.name);
  return { failures, refused };
}

/** Check blocks after apply (not after a destroy). */
export function checksAfterApply(
  config: Config,
  plan: Plan,
  values: ValueScope,
  atApply: { check: string; warning: Diagnostic }[] = [],
  record?: CheckResultsRecorder,
): Diagnostic[] {
  if (plan.mode !== "normal") return [];
  // a check whose scoped data source failed (at plan, or read at apply) warns again and its assertions are skipped,
  // as Terraform's does after apply
  const failed = [...(plan.checkDataFailures ?? []), ...atApply];
  return [...failed.map((f) => f.warning), ...runChecks(config, values.scope(), failed, record)];
}

/**
 * The check results an apply leaves in state: the plan's, each instance whose conditions were checked again at
 * apply (or after it: check blocks) taking its new result. Nothing after a destroy; the state's own after an apply
 * of a plan that has none (a plan of an earlier version).
 */
export function checkResultsAfterApply(
  plan: Plan,
  previous: CheckResult[] | undefined,
  ...atApply: CheckResultsRecorder[]
): CheckResult[] | undefined {
  if (plan.mode === "destroy") return undefined;
  if (!plan.checks) return previous;
  const decided = new Map(
    atApply.flatMap((r) => r.results()).flatMap((o) => o.instances.map((i) => [i.address, { o, i }] as const)),
  );
  const out: CheckResult[] = plan.checks.map((o) => ({
    ...o,
    instances: o.instances.map((i) => decided.get(i.address)?.i ?? i),
  }));
  for (const o of out) o.status = summarizeStatuses(o.instances.map((i) => i.status));
  // objects seen only at apply (none in practice: the plan lists every object it checks)
  for (const { o } of decided.values()) if (!out.some((p) => p.configAddress === o.configAddress)) out.push(o);
  return out.sort((a, b) => (a.configAddress < b.configAddress ? -1 : a.configAddress > b.configAddress ? 1 : 0));
}
