// Apply: walk a plan's changes in dependency order, in parallel, recording
// state after every step. A failure skips only what depends on it.

import type { HeatSignals } from "../contract/heat-signals.js";
import type { HostConnector } from "../contract/host-driver.js";
import { ResourceFailure, type DataSourceType } from "../contract/resource-type.js";
import { DATA_READ, deferredDataReader, type DeferredDataReader } from "./data-read.js";
import type { Provisioner } from "../contract/provisioner.js";
import { type Diagnostic, GantryError } from "../contract/diagnostics.js";
import { deepEqual, type Attrs, type Value } from "../contract/values.js";
import { instanceAddress } from "./addresses.js";
import { setTimeout as sleep } from "node:timers/promises";
import { buildApplyGraph, type StepNode } from "./apply-graph.js";
import {
  applyConditions,
  checkResultsAfterApply,
  checksAfterApply,
  outputConditionsAfterApply,
  type ApplyConditions,
} from "./apply-conditions.js";
import { CheckResultsRecorder } from "./check-results.js";
import { outputsAfterApply } from "./apply-outputs.js";
import { ApplyReport, type ApplyEvent, type ApplyResult } from "./apply-report.js";
import { adoptConfiguredDependencies, startFromPlan } from "./apply-start-state.js";
import { completesChange, executeStep, startsChange, type ApplyStep } from "./apply-steps.js";
import type { ResourceChange } from "./changes.js";
import { cycleError } from "./dependency-cycle.js";
import { finalAttributes, type FinalAttributes } from "./final-attributes.js";
import { sensitivityOnDemand } from "./sensitivity.js";
import type { TypeResolver } from "./instances.js";
import type { Config } from "./model.js";
import { instanceInfo, operationContext, type TypeNotes } from "./operation-context.js";
import type { Plan } from "./plan.js";
import { provisionerRunner, type ProvisionerRunner } from "./provisioners.js";
import { planTimestampOf, ValueScope } from "./scope.js";
import { StateRecorder } from "./state-recorder.js";
import type { StateWriter } from "./state.js";
import { convertValue } from "./type-conversion.js";
import { walk } from "./walk.js";

export type { ApplyEvent, ApplyResult };

export interface ApplyOptions {
  plan: Plan;
  config: Config;
  /** The live state object (writer.state): apply mutates it and touches the writer after each step. */
  writer: StateWriter;
  types: TypeResolver;
  /** The provisioners the engine knows, by name ("local-exec"); none when not given. */
  provisioners?: (name: string) => Provisioner | undefined;
  parallelism?: number;
  hostParallelism?: number;
  dataDir: string;
  /** The Heat stack the configuration is (types name their objects after it). */
  stackName?: string;
  /** `terraform.workspace` (default "default"). */
  workspace?: string;
  /** How types reach hosts (the engine's drivers). */
  hosts: HostConnector;
  /** The signals the stack receives over the Heat API (a stack the API server runs). */
  heatSignals?: HeatSignals;
  /** Stops starting new operations; running ones finish (Ctrl-C). */
  signal?: AbortSignal;
  /** Cancels running operations too (handed to the types). */
  cancelSignal?: AbortSignal;
  onEvent?: (e: ApplyEvent) => void;
  /** The engine's data sources (deferred reads). */
  dataSources?: (name: string) => DataSourceType | undefined;
}

export async function apply(opts: ApplyOptions): Promise<ApplyResult> {
  const { plan, config, writer } = opts;
  const report = new ApplyReport(opts.onEvent ?? (() => {}));
  startFromPlan(writer, plan);
  if (plan.mode === "refresh-only") {
    // the refreshed state is recorded with the plan's check results (the check blocks evaluated against it) in
    // place of its own, none when the plan has none: Terraform's apply sets a refresh-only plan's checks as the
    // state's check results
    if (!deepEqual(plan.checks, writer.state.checks)) {
      if (plan.checks) writer.state.checks = structuredClone(plan.checks);
      else delete writer.state.checks;
      writer.touch();
    }
    await writer.flush();
    return report.result;
  }
  adoptConfiguredDependencies(writer, plan);

  const state = writer.state;
  const variables = new Map(Object.entries(plan.variables).map(([n, v]) => [n, retyped(config, n, v)]));
  const meta = {
    workspace: opts.workspace,
    phase: "apply" as const,
    planTimestamp: planTimestampOf(plan.createdAt),
    sensitive: sensitivityOnDemand(config, opts.types),
  };
  const values = new ValueScope(
    config,
    variables,
    plan.expansions,
    (a) => state.instances.get(a)?.attributes,
    false,
    meta,
  );
  const changes = plan.changes.filter((c) => c.action !== "noop");
  const { nodes, steps, pauses } = buildApplyGraph({
    changes,
    allChanges: plan.changes,
    state,
    priorState: plan.priorState,
    config,
    types: opts.types,
  });
  const recorder = new StateRecorder(writer, config);
  const conditions = applyConditions(config, plan, values);
  const checkDataFailures: { check: string; warning: Diagnostic }[] = [];
  const stopSignals = [opts.signal, opts.cancelSignal].filter((x): x is AbortSignal => x !== undefined);
  const provision = provisionerRunner({
    resolve: opts.provisioners ?? (() => undefined),
    values,
    expansions: plan.expansions,
    config,
    // a provisioner is stopped by the first Ctrl-C already, as Terraform stops it
    signal: AbortSignal.any(stopSignals),
    events: {
      started: (address, p) => report.provisionStarted(address, p),
      output: (address, p, text) => report.provisionOutput(address, p, text),
    },
  });
  const runStep = stepRunner(
    opts,
    report,
    recorder,
    finalAttributes(config, plan.expansions, values),
    provision,
    conditions,
    deferredDataReader(config, plan, values, opts.dataSources, checkDataFailures),
  );
  for (const n of steps) n.run = () => runStep(n.step);
  // a pause between batches ends early when the apply is stopped (Ctrl-C, a cancel, the stack's timeout): the
  // batches after it do not start
  const pauseSignal = AbortSignal.any(stopSignals);
  for (const n of pauses) n.run = () => sleep(n.pauseMs, undefined, { signal: pauseSignal });

  const changeOf = new Map<string, ResourceChange>(steps.map((n: StepNode) => [n.id, n.step.change]));
  const outcome = await walk(nodes, {
    parallelism: opts.parallelism ?? 10,
    hostParallelism: opts.hostParallelism,
    signal: opts.signal ?? new AbortController().signal,
    onSkip: (id, because) => {
      const c = changeOf.get(id);
      if (c) report.skipped(c, changeOf.get(because)?.address ?? because);
    },
  });
  const blocked: ResourceChange[] = [];
  for (const [id, o] of outcome) {
    const c = changeOf.get(id);
    if (c && o === "cancelled") report.cancelled(c);
    else if (c && o === "blocked" && report.blocked(c)) blocked.push(c);
  }
  if (blocked.length) {
    const blockedAddresses = blocked.map((c) => c.address);
    report.blockedOnCycle(
      blocked,
      cycleError(nodes, outcome, (id) => changeOf.get(id)?.address, blockedAddresses),
    );
  }

  const outputChecks = new CheckResultsRecorder();
  const outputConditions = outputConditionsAfterApply(config, plan, values, outputChecks);
  for (const f of outputConditions.failures)
    report.outputRefused(f.address, f.diagnostics.map((d) => `${d.summary}: ${d.detail ?? ""}`.trim()).join("; "));
  const checkBlocks = new CheckResultsRecorder();
  report.result.diagnostics.push(
    ...conditions.diagnostics,
    ...outputConditions.failures.flatMap((f) => f.diagnostics),
    ...checksAfterApply(config, plan, values, checkDataFailures, checkBlocks),
  );
  const checks = checkResultsAfterApply(plan, state.checks, conditions.checks, outputChecks, checkBlocks);
  if (!deepEqual(checks, state.checks)) {
    if (checks) state.checks = checks;
    else delete state.checks;
    writer.touch();
  }
  const outputs = outputsAfterApply(plan, config, values, state.outputs, outputConditions.refused);
  if (!deepEqual(outputs, state.outputs)) {
    state.outputs = outputs;
    writer.touch();
  }
  await writer.flush();
  return report.result;
}

/**
 * Runs one step: the change's first step announces it, its last reports it complete (with
 * what the type warned about over all its steps); a failed step fails the change.
 */
function stepRunner(
  opts: ApplyOptions,
  report: ApplyReport,
  state: StateRecorder,
  final: FinalAttributes,
  provisioners: ProvisionerRunner,
  conditions: ApplyConditions,
  readData: DeferredDataReader,
): (step: ApplyStep) => Promise<void> {
  const cancelSignal = opts.cancelSignal ?? new AbortController().signal;
  const log = (address: string, message: string) => report.log(address, message);
  const phase = (c: ResourceChange, p: "create" | "delete") => report.started(c, p);
  const provision = (c: ResourceChange, when: "create" | "destroy", self: Attrs) =>
    provisioners(opts.config.resources.get(c.resourceKey), c, when, self);
  /** Per change (its steps share them): when its first step started, and what the type warned about. */
  const progress = new Map<string, { t0: number; notes: TypeNotes }>();
  return async (step) => {
    const c = step.change;
    let p = progress.get(c.address);
    if (!p) progress.set(c.address, (p = { t0: Date.now(), notes: { warnings: [], limitations: [] } }));
    const { t0, notes } = p;
    if (startsChange(step)) report.started(c);
    try {
      const type = c.action === "read" ? DATA_READ : opts.types(c.type);
      if (!type) throw new GantryError(`unknown resource type "${c.type}"`);
      const ctx = operationContext(
        instanceInfo(c, opts.dataDir, opts.config.dir, opts.stackName),
        cancelSignal,
        log,
        notes,
        opts.hosts,
        (_address, id) => report.identified(c, id),
        opts.heatSignals,
      );
      const checked = c.action === "create" || c.action === "update" || c.action === "replace";
      if (checked && startsChange(step)) conditions.before(c);
      await executeStep(step, { type, ctx, notes, state, finalAttributes: final, phase, provision, readData });
      if (checked && completesChange(step)) conditions.after(c, state.current(c.address) ?? {});
      if (completesChange(step)) {
        const now = state.current(c.address);
        const id = now?.id;
        report.completed(c, Date.now() - t0, typeof id === "string" ? id : undefined, notes, now);
      }
    } catch (e) {
      // a type that names its error's class (a ResourceFailure, for Heat's reasons) has the class reported
      report.failed(c, Date.now() - t0, (e as Error).message, e instanceof ResourceFailure ? e.name : undefined);
      throw e;
    } finally {
      state.touch();
    }
  };
}

export { instanceAddress };

/**
 * A variable's value as plan had it: a plan read from a file holds plain JSON, so its lists, sets and maps are
 * tuples and objects again until converted to the variable's type once more.
 */
function retyped(config: Config, name: string, v: Value): Value {
  const declared = config.variables.get(name);
  if (!declared || v === null) return v;
  const c = convertValue(v, declared.constraint);
  return c.ok ? c.value : v;
}
