// Plan: refresh, evaluate the configuration in dependency order, diff each
// instance against state, and list the changes that apply will make.

import {
  addressMatches,
  instanceAddress,
  moduleOf,
  parseAddress,
  parseReference,
  resourceKeyOf as resourceKeyOfAddress,
  type InstanceKey,
  type ParsedAddress,
} from "./addresses.js";
import { type Checkable, type CheckResult, CheckResultsRecorder, type CheckStatus } from "./check-results.js";
import { instanceAddressOf, type ChangeReason, type DriftEntry, type OutputChange } from "./changes.js";
import type { PlanMode, ResourceChange, RollingBatches } from "./changes.js";
import { deposedDisplayAddress, type DeposedRef } from "./deposed-ref.js";
import { planRollingBatches } from "./rolling.js";
import { AttributeChecker } from "../contract/attribute-check.js";
import type { HostConnector } from "../contract/host-driver.js";
import { DiagnosticBag, errorAt, GantryError, type Diagnostic } from "../contract/diagnostics.js";
import { type EvalScope, evaluate } from "./expressions/evaluate.js";
import { buildGraph, type ConfigGraph } from "./graph.js";
import {
  checkBlock,
  evaluateInstance,
  expandBlock,
  instanceScope,
  planAttributes,
  validateInstance,
  withIgnoredChanges,
  type TypeResolver,
} from "./instances.js";
import { type Config, EMPTY_LIST, type ResourceConfig } from "./model.js";
import { instanceInfo, operationContext, type TypeNotes } from "./operation-context.js";
import { runChecks } from "./checks.js";
import { checkDataBlock, planDataInstance, withComputedUnknown } from "./data-read.js";
import type { DataSourceType, OperationContext, ResourceType } from "../contract/resource-type.js";
import { checkConditions } from "./conditions.js";
import { importData, importId, importInstance, importsByAddress, undeclaredImportTargets } from "./imports.js";
import { applyMoves, impliedMoves, moveStatements, movedObjectsStillDeclared } from "./moves.js";
import { mapLimit } from "./walk.js";
import { checkAllModuleInputs } from "./module-inputs.js";
import { checkFunctionNames } from "./static-expression-checks.js";
import { refreshState, type UnreachableHosts } from "./refresh.js";
import { type Sensitivity, sensitivityOf } from "./sensitivity.js";
import { planTimestampOf, type ScopeMeta, scopeWithSelf, ValueScope, type Expansion } from "./scope.js";
import type { InstanceState, State } from "./state.js";
import { priorState } from "./prior-state.js";
import { UNKNOWN, containsUnknown, deepEqual, isUnknown, type Attrs, type Value } from "../contract/values.js";

export interface PlanOptions {
  config: Config;
  state: State;
  types: TypeResolver;
  knownTypes: string[];
  variables: Map<string, Value>;
  mode?: PlanMode;
  refresh?: boolean;
  targets?: string[];
  replace?: string[];
  parallelism?: number;
  dataDir: string;
  /** The Heat stack the configuration is (types name their objects after it). */
  stackName?: string;
  /** `terraform.workspace` (default "default"). */
  workspace?: string;
  /** How types reach hosts (the engine's drivers). */
  hosts: HostConnector;
  /** The engine's data sources. */
  dataSources?: (name: string) => DataSourceType | undefined;
  /** Checks nested attribute schemas (compiled once per engine); a plan of its own when not given. */
  attributeChecker?: () => AttributeChecker;
  signal?: AbortSignal;
  log?: (address: string, message: string) => void;
  /**
   * Hosts marked failed (a cluster placed their nodes elsewhere): the instances recorded on one that does not
   * answer are forgotten (dropped from the state, nothing destroyed there); on one that answers they are destroyed.
   */
  lostHosts?: ReadonlySet<string>;
}

export interface Plan {
  mode: PlanMode;
  createdAt: string;
  /** Serial and lineage of the state the plan was made against. */
  stateSerial: number;
  stateLineage: string;
  variables: Record<string, Value>;
  /** The variables declared sensitive: their values are never shown (plan text, `-json`). */
  sensitiveVariables?: string[];
  targets: string[];
  replace: string[];
  /** Every instance, changed or not, sorted by address. */
  changes: ResourceChange[];
  drift: DriftEntry[];
  outputs: OutputChange[];
  /** Rolling updates: the batches each update-policy group changes in. */
  rolling: RollingBatches[];
  /** count/for_each expansion of every resource block. */
  expansions: Map<string, Expansion>;
  /** State after refresh: what apply starts from. */
  priorState: State;
  warnings: Diagnostic[];
  /**
   * Checks whose scoped data source could not be read, with the warning it gave: their assertions are not run (at
   * plan nor after apply), as Terraform skips them.
   */
  checkDataFailures?: { check: string; warning: Diagnostic }[];
  /** The status of every checkable object (Terraform's `checks`): check blocks, custom conditions, validations. */
  checks?: CheckResult[];
  /**
   * Hosts that did not answer during refresh, by name: why, and the instances on them, which keep what the state
   * recorded (unknown now, not deleted). Changes planned on them carry `unreachableHost` and fail at apply.
   */
  unreachable?: UnreachableHost[];
  /** Instances forgotten because their host failed and does not answer (see PlanOptions.lostHosts). */
  forgotten?: UnreachableHost[];
  /** Hosts this plan marks failed (-replace-host, or lost in a reconcile) → why; a saved plan replays them. */
  replaceHosts?: Record<string, string>;
}

export interface UnreachableHost {
  host: string;
  reason: string;
  /** The instances recorded on it, sorted. */
  addresses: string[];
}

export async function plan(opts: PlanOptions): Promise<Plan> {
  const mode = opts.mode ?? "normal";
  const { config, types } = opts;
  const signal = opts.signal ?? new AbortController().signal;
  const log = opts.log ?? (() => {});
  const parallelism = opts.parallelism ?? 10;
  const diags = new DiagnosticBag();
  let ownChecker: AttributeChecker | undefined;
  const checker = opts.attributeChecker ?? (() => (ownChecker ??= new AttributeChecker()));

  // Static checks first: the graph (references, cycles) and every block against its type.
  const graph = buildGraph(config);
  const checkedInModules = new Set<ResourceConfig["origin"]>(); // a module's block once, not once per instance
  let lastName: string | undefined;
  let lastType: ReturnType<TypeResolver>;
  /** `types`, asked once for each run of blocks of one type (blocks come mostly grouped by type) */
  const typeOf = (name: string): ReturnType<TypeResolver> => {
    if (name !== lastName) {
      lastName = name;
      lastType = types(name);
    }
    return lastType;
  };
  for (const r of config.resources.values()) {
    if (r.key.startsWith("module.")) {
      if (checkedInModules.has(r.origin)) continue;
      checkedInModules.add(r.origin);
    }
    checkBlock(r, typeOf(r.type), opts.knownTypes, diags);
  }
  const dataSources = opts.dataSources ?? (() => undefined);
  for (const r of config.data.values()) checkDataBlock(r, dataSources(r.type), diags);
  const callsFunctions = checkFunctionNames(config, diags);
  diags.throwIfErrors();

  const targets = (opts.targets ?? []).map((t) => parseUserAddress(t, "-target"));
  const replaceReq = (opts.replace ?? []).map((t) => parseUserAddress(t, "-replace"));

  const prior = priorState(opts.state, types);
  // moved blocks (and count added or removed) rename state records before anything else looks at them
  const moves = moveStatements(config);
  diags.add(moves.errors);
  diags.throwIfErrors();
  const moved = applyMoves(moves.statements, prior, undefined, types);
  diags.add(moved.errors);
  diags.throwIfErrors();
  applyMoves(impliedMoves(config, prior, moves.statements), prior, moved.previous);
  let drift: DriftEntry[] = [];
  const unreachable: UnreachableHosts = new Map();
  if (opts.refresh !== false && prior.instances.size > 0)
    drift = await refreshState(prior, {
      unreachable,
      types,
      parallelism,
      dataDir: opts.dataDir,
      configDir: config.dir,
      stackName: opts.stackName,
      hosts: opts.hosts,
      signal,
      log,
    });

  // a failed host that does not answer: its instances are forgotten, the cluster placed its nodes elsewhere
  const forgotten: UnreachableHost[] = [];
  for (const [host, u] of [...unreachable])
    if (opts.lostHosts?.has(host)) {
      unreachable.delete(host);
      for (const a of u.addresses) prior.instances.delete(a);
      forgotten.push({ host, reason: u.reason, addresses: [...u.addresses].sort() });
    }

  const result: Plan = {
    mode,
    createdAt: new Date().toISOString(),
    stateSerial: opts.state.serial,
    stateLineage: opts.state.lineage,
    variables: Object.fromEntries(opts.variables),
    sensitiveVariables: [...config.variables.values()].filter((v) => v.sensitive).map((v) => v.name),
    targets: opts.targets ?? [],
    replace: opts.replace ?? [],
    changes: [],
    drift,
    outputs: [],
    rolling: [],
    expansions: new Map(),
    priorState: prior,
    warnings: [...moved.warnings],
  };
  // present only when a host did not answer, so that plans of healthy hosts are as before
  const silent = [...unreachable]
    .map(([host, u]) => ({ host, reason: u.reason, addresses: [...u.addresses].sort() }))
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
  if (silent.length) result.unreachable = silent;
  if (forgotten.length) result.forgotten = forgotten.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
  if (mode === "refresh-only") {
    refreshOnlyChecks(config, opts.variables, result, prior, opts.workspace);
    return result;
  }

  const sensitive = sensitivity(config, graph, types, diags, callsFunctions);
  diags.throwIfErrors();
  const planned = new Map<string, Attrs>(); // address -> value seen by references
  const meta = {
    workspace: opts.workspace,
    phase: "plan" as const,
    planTimestamp: planTimestampOf(result.createdAt),
    sensitive: sensitive.uses,
  };
  const values = new ValueScope(config, opts.variables, result.expansions, (a) => planned.get(a), true, meta);
  const changes: ResourceChange[] = [];
  const changesOf = new Map<string, ResourceChange[]>(); // resource key -> its changes planned so far
  const imports = importsByAddress(config);
  const checks = new CheckResultsRecorder();

  // instances of the state planned from their configuration (distinct; the loop only adds to the state): when they
  // are all of them, the state has no orphan and is not looked through for one
  let plannedFromState = 0;
  if (mode === "normal") {
    for (const c of config.checkablesWithoutInstances ?? []) checks.declare(c);
    for (let block = 0; block < graph.resourcesInOrder.length; block++) {
      const r = graph.resourcesInOrder[block];
      const type = typeOf(r.type)!; // a data resource's is dataSources(r.type)
      const exp = expandBlock(r, values.scope());
      result.expansions.set(r.key, exp);
      if (!exp.keys.length && (r.lifecycle.preconditions.length || r.lifecycle.postconditions.length))
        checks.declare({
          kind: "resource",
          name: r.name,
          module: moduleOf(r.key),
          mode: r.mode === "data" ? "data" : "managed",
          type: r.type,
        });
      const deps = graph.depsInOrder[block];
      // the module instance comes with the resource from module expansion: no address is parsed for it
      const module = r.module ?? (r.key.startsWith("module.") ? moduleOf(r.key) : "");
      const conditions = r.lifecycle.preconditions.length > 0 || r.lifecycle.postconditions.length > 0;
      const triggers = r.lifecycle.replaceTriggeredBy;
      const secret = sensitive.attributes.size ? sensitive.attributes.get(r.key) : undefined;
      for (const key of exp.keys) {
        const address = instanceAddress(r.key, key);
        const scope = instanceScope(values, exp, key);
        // where the conditions' outcomes go: made only for a block that has conditions
        const record = conditions ? instanceRecorder(checks, r, module, key) : undefined;
        if (r.lifecycle.preconditions.length) {
          const pre = checkConditions(r.lifecycle.preconditions, scope, "precondition", record);
          if (pre.failures.length) {
            diags.add(pre.failures);
            continue;
          }
        }
        if (r.mode === "data") {
          const iinfo = instanceInfo({ address, name: r.name, key, module }, opts.dataDir, config.dir, opts.stackName);
          const ctx = operationContext(iinfo, signal, log, { warnings: [], limitations: [] }, opts.hosts);
          const ds = dataSources(r.type)!;
          const read = r.check
            ? await readScopedData(r, ds, { address, key, deps }, scope, ctx, prior, result)
            : await planDataInstance(r, ds, { address, key, deps }, scope, ctx, prior);
          if (read.change) {
            changes.push(read.change);
            // read at apply: its postconditions are decided then
            for (const _ of r.lifecycle.postconditions) record!("unknown");
          } else if (r.lifecycle.postconditions.length)
            diags.add(
              checkConditions(
                r.lifecycle.postconditions,
                scopeWithSelf(scope, () => read.value),
                "postcondition",
                record,
              ).failures,
            );
          planned.set(address, read.value);
          continue;
        }
        const configured = evaluateInstance(r, type, scope, address);
        const iinfo = instanceInfo({ address, name: r.name, key, module }, opts.dataDir, config.dir, opts.stackName);
        validateInstance(r, type, configured, iinfo, diags, checker);
        const imp = imports.size ? imports.get(address) : undefined;
        let importing: string | undefined;
        if (imp && !prior.instances.has(address)) {
          const id = importId(imp, values.scope());
          const ctx = operationContext(iinfo, signal, log, { warnings: [], limitations: [] }, opts.hosts);
          const data = importData(imp, values.scope());
          const target = { address, key, id, origin: imp.origin, ...(data && { data }) };
          if (await importInstance(r, type, target, configured, ctx, prior, diags)) importing = id;
        }
        const before = prior.instances.get(address);
        if (before) plannedFromState++;
        const change = diffInstance(
          r,
          type,
          address,
          key,
          configured,
          before,
          deps,
          iinfo,
          replaceReq.length > 0 && replaceReq.some((p) => addressMatches(p, address)),
          triggers.length > 0 && triggers.some((t) => triggered(t.ref, changesOf)),
        );
        if (before?.warnings?.length) change.warnings = before.warnings;
        if (before?.limitations?.length) change.limitations = before.limitations;
        if (importing !== undefined) change.importing = { id: importing };
        if (r.lifecycle.postconditions.length)
          diags.add(
            checkConditions(
              r.lifecycle.postconditions,
              scopeWithSelf(scope, () => change.after ?? {}),
              "postcondition",
              record,
            ).failures,
          );
        if (secret?.length) change.sensitive = spreadSensitivity(secret, change);
        if (change.action !== "noop") {
          (changesOf.get(r.key) ?? changesOf.set(r.key, []).get(r.key)!).push(change);
        }
        changes.push(change);
        planned.set(address, change.after ?? {});
      }
    }
  }
  if (mode !== "destroy") checkAllModuleInputs(config, values.scope(), diags);
  diags.add(movedObjectsStillDeclared(config, moves.statements, result.expansions));
  if (mode === "normal") diags.add(undeclaredImportTargets(config, (a) => planned.has(a)));
  diags.throwIfErrors();

  // Orphans: in state but not in configuration (or everything, when destroying).
  if (plannedFromState < prior.instances.size)
    for (const inst of prior.instances.values()) {
      if (planned.has(inst.address)) continue; // planned: every instance the configuration wants
      if (inst.mode === "data") {
        // a data resource no longer read is dropped from state, as Terraform drops it (nothing to destroy)
        prior.instances.delete(inst.address);
        continue;
      }
      const change = deleteChange(
        inst,
        mode === "destroy" ? "destroy" : config.resources.has(resourceKeyOf(inst)) ? "index-gone" : "no-configuration",
      );
      const lifecycle = config.resources.get(resourceKeyOf(inst))?.lifecycle;
      if (lifecycle ? lifecycle.destroy === false : inst.keepOnDestroy) change.forget = true;
      changes.push(change);
    }
  // Deposed objects left by an interrupted create_before_destroy.
  for (const inst of prior.instances.values())
    inst.deposed?.forEach((attrs, i) => {
      const deposed: DeposedRef = { address: inst.address, deposed: i };
      const change = deleteChange({ ...inst, attributes: attrs }, "deposed");
      changes.push({ ...change, address: deposedDisplayAddress(deposed), deposed });
    });

  // what was sensitive when last applied stays hidden (a delete has no configuration to tell); the state is looked
  // up for each change only when some record has sensitive attributes, and moves only when there are some
  const wasSensitive = someSensitiveRecord(prior);
  if (wasSensitive || moved.previous.size)
    for (const c of changes) {
      const from = c.deposed ? undefined : moved.previous.get(c.address);
      if (from !== undefined) c.previousAddress = from;
      const was = wasSensitive ? prior.instances.get(c.deposed?.address ?? c.address)?.sensitiveAttributes : undefined;
      if (was?.length) c.sensitive = [...new Set([...(c.sensitive ?? []), ...was])];
    }
  result.changes = targets.length ? applyTargets(changes, targets, graph, mode) : changes;
  for (const c of result.changes) {
    if ((c.action === "delete" || c.action === "replace") && !c.deposed) {
      const r = config.resources.get(c.resourceKey);
      if (r?.lifecycle.preventDestroy)
        diags.error(
          `Instance ${c.address} cannot be destroyed`,
          r.origin,
          `lifecycle.prevent_destroy is set, and this plan would ${c.action === "replace" ? "replace" : "destroy"} ` +
            `it. Remove prevent_destroy to allow it.`,
        );
    }
  }
  diags.throwIfErrors();

  markUnreachable(result.changes, unreachable, types);
  await preflight(
    result.changes,
    types,
    opts.dataDir,
    config.dir,
    parallelism,
    signal,
    log,
    opts.hosts,
    opts.stackName,
  );
  result.changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  result.rolling = planRollingBatches(config, result.changes);
  result.outputs =
    mode === "destroy"
      ? Object.entries(prior.outputs).map(([name, o]) => ({
          name,
          before: o.value,
          after: null,
          sensitive: !!o.sensitive,
          ...(o.internal ? { internal: true } : {}),
        }))
      : planOutputs(config, opts.variables, result.expansions, prior, planned, meta, checks);
  if (mode === "normal") {
    result.warnings.push(...runChecks(config, values.scope(), result.checkDataFailures, checks));
    // the root variables' validations all passed, or the plan would have stopped
    for (const v of config.variables.values())
      for (const _ of v.validations) checks.report({ kind: "var", name: v.name, module: "" }, "pass");
    // so did the module variables' whose values are known; the others are not decided yet
    for (const l of config.locals.values()) {
      if (!l.input?.validations.length) continue;
      const module = l.name.slice(0, l.name.lastIndexOf(".var."));
      const status = containsUnknown(values.scope().local(l.name)) ? "unknown" : "pass";
      for (const _ of l.input.validations) checks.report({ kind: "var", name: l.input.name, module }, status);
    }
    result.checks = checks.results();
  }
  return result;
}

/**
 * A refresh-only plan evaluates the check blocks too, against the refreshed state (Terraform keeps their results in
 * the state it records): a failed assertion is a warning, and each block's result is in the plan's checks.
 */
function refreshOnlyChecks(
  config: Config,
  variables: Map<string, Value>,
  result: Plan,
  refreshed: State,
  workspace: string | undefined,
): void {
  if (!config.checks.size) return;
  const meta = { workspace, phase: "plan" as const, planTimestamp: planTimestampOf(result.createdAt) };
  const values = new ValueScope(
    config,
    variables,
    result.expansions,
    (a) => refreshed.instances.get(a)?.attributes,
    true,
    meta,
  );
  for (const r of [...config.resources.values(), ...config.data.values()])
    try {
      result.expansions.set(r.key, expandBlock(r, values.scope()));
    } catch {
      // its count or for_each is not known without planning: references to it are unknown
    }
  const checks = new CheckResultsRecorder();
  result.warnings.push(...runChecks(config, values.scope(), [], checks));
  result.checks = checks.results();
}

/**
 * Which attributes must not be printed (planner/sensitivity.ts). An output that uses a sensitive value must be
 * sensitive too.
 */
function sensitivity(
  config: Config,
  graph: ConfigGraph,
  types: TypeResolver,
  diags: DiagnosticBag,
  callsFunctions: boolean,
): Sensitivity {
  const found = sensitivityOf(config, graph, types, callsFunctions);
  for (const o of config.outputs.values())
    if (!o.sensitive && found.uses(o.value))
      diags.error(
        `Output "${o.name}" refers to sensitive values`,
        o.origin,
        // Terraform's wording, with its product name left out
        "To reduce the risk of accidentally exporting sensitive data that was intended to be only internal, any " +
          "root module output containing sensitive data must be explicitly marked as sensitive, to confirm your " +
          "intent.\n\nIf you do intend to export this data, annotate the output value as sensitive by adding the " +
          "following argument:\n    sensitive = true",
      );
  return found;
}

/**
 * A data source scoped to a check block (Terraform 1.5+): read as any data source, but a failure to read it is a
 * warning, not an error (the provider's message, located at the data block), and its check's assertions are not run.
 */
async function readScopedData(
  r: ResourceConfig,
  ds: DataSourceType,
  target: { address: string; key: InstanceKey; deps: string[] },
  scope: EvalScope,
  ctx: OperationContext,
  prior: State,
  plan: Plan,
): Promise<{ value: Attrs; change?: ResourceChange }> {
  try {
    return await planDataInstance(r, ds, target, scope, ctx, prior);
  } catch (e) {
    if (!(e instanceof GantryError)) throw e;
    for (const d of e.diagnostics) {
      const warning: Diagnostic = { ...d, severity: "warning", origin: d.origin ?? r.origin };
      plan.warnings.push(warning);
      (plan.checkDataFailures ??= []).push({ check: r.check!, warning });
    }
    return { value: withComputedUnknown(ds) };
  }
}

/**
 * replace_triggered_by: "gantry_noop.a" fires on any change of the resource,
 * "gantry_noop.a[0]" on a change of that instance, "noop.a.id" / "noop.a[0].id"
 * when that attribute's value changes (or becomes unknown).
 */
function triggered(ref: string, changesOf: Map<string, ResourceChange[]>): boolean {
  const parsed = parseReference(ref);
  if (!parsed || parsed.address.wholeModule) return false;
  const { address: target, attributes: attrs } = parsed;
  const key = target.resourceKey;
  return (changesOf.get(key) ?? []).some((c) => {
    if (target.hasKey && c.address !== instanceAddress(key, target.key)) return false;
    if (!attrs.length) return true;
    const pick = (a: Attrs | null): unknown =>
      attrs.reduce<unknown>(
        (v, k) => (v && typeof v === "object" && !isUnknown(v) ? (v as Record<string, unknown>)[k] : undefined),
        a,
      );
    const before = pick(c.before);
    const after = pick(c.after);
    return isUnknown(after) || !deepEqual(before ?? null, after ?? null);
  });
}

/** Records the outcomes of the conditions of one instance of `r` (for the plan's checks). */
function instanceRecorder(
  checks: CheckResultsRecorder,
  r: ResourceConfig,
  module: string,
  key: InstanceKey,
): (status: CheckStatus, problem?: string) => void {
  const checkable: Checkable = {
    kind: "resource",
    name: r.name,
    module,
    mode: r.mode === "data" ? "data" : "managed",
    type: r.type,
    key,
  };
  return (status, problem) => checks.report(checkable, status, problem);
}

/**
 * Attributes a type derives from sensitive ones (noop's output mirrors its input) carry their values: mask those too.
 */
function spreadSensitivity(secret: string[], c: ResourceChange): string[] {
  const out = new Set(secret);
  const texts = secret
    .flatMap((k) => [c.after?.[k], c.before?.[k]])
    .filter((v) => v !== null && v !== undefined && !isUnknown(v))
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
    .filter((t) => t.length >= 3);
  for (const attrs of [c.after, c.before])
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (out.has(k) || v === null || isUnknown(v)) continue;
      const t = typeof v === "string" ? v : JSON.stringify(v);
      if (texts.some((x) => t.includes(x))) out.add(k);
    }
  return [...out];
}

/** Does any record of the state hold attributes that were sensitive when last applied? */
function someSensitiveRecord(state: State): boolean {
  for (const i of state.instances.values()) if (i.sensitiveAttributes?.length) return true;
  return false;
}

/** Marks the changes on hosts that did not answer: recorded there, or planned onto one (they fail at apply). */
function markUnreachable(changes: ResourceChange[], unreachable: UnreachableHosts, types: TypeResolver): void {
  if (!unreachable.size) return;
  const hostOf = new Map<string, string>();
  for (const [host, u] of unreachable) for (const a of u.addresses) hostOf.set(a, host);
  for (const c of changes) {
    const attrs = c.after ?? c.before;
    const planned = attrs ? types(c.type)?.hostKey?.(attrs) : undefined;
    const host =
      hostOf.get(instanceAddressOf(c)) ?? (planned !== undefined && unreachable.has(planned) ? planned : undefined);
    if (host !== undefined) c.unreachableHost = host;
  }
}

/**
 * Asks each type what it can already tell it will not be able to do (e.g. a package with no candidate), for the
 * changes that create or update on a host that answered.
 */
async function preflight(
  changes: ResourceChange[],
  types: TypeResolver,
  dataDir: string,
  configDir: string,
  parallelism: number,
  signal: AbortSignal,
  log: (address: string, message: string) => void,
  hosts: HostConnector,
  stackName: string | undefined,
): Promise<void> {
  const todo = changes.filter(
    (c) =>
      (c.action === "create" || c.action === "update" || c.action === "replace") &&
      c.after &&
      c.unreachableHost === undefined &&
      types(c.type)?.preflight,
  );
  await mapLimit(todo, parallelism, async (c) => {
    const notes: TypeNotes = { warnings: [], limitations: [] };
    const ctx = operationContext(instanceInfo(c, dataDir, configDir, stackName), signal, log, notes, hosts);
    try {
      const said = await types(c.type)!.preflight!(ctx, c.after!);
      // what the type finds now replaces what it found when last applied
      if (said.length) c.limitations = said;
    } catch {
      // a check that cannot run yet (e.g. its host is not known) says nothing
    }
  });
}

function resourceKeyOf(i: InstanceState): string {
  return i.address.startsWith("module.") ? resourceKeyOfAddress(i.address) : `${i.type}.${i.name}`;
}

function parseUserAddress(text: string, flag: string): ParsedAddress {
  const p = parseAddress(text);
  if (!p)
    throw new GantryError(
      `Invalid address "${text}" for ${flag}: expected type.name, type.name[0], type.name["key"] or a module ` +
        `address such as module.a, module.a[0].type.name`,
    );
  return p;
}

function deleteChange(inst: InstanceState, reason: ChangeReason): ResourceChange {
  return {
    address: inst.address,
    resourceKey: resourceKeyOf(inst),
    type: inst.type,
    name: inst.name,
    key: inst.key,
    action: "delete",
    reason,
    before: inst.attributes,
    after: null,
    requiresReplace: [],
    dependsOn: inst.dependencies,
    deferred: false,
  };
}

function diffInstance(
  r: ResourceConfig,
  type: NonNullable<ReturnType<TypeResolver>>,
  address: string,
  key: InstanceKey,
  configured: Attrs,
  before: InstanceState | undefined,
  deps: string[],
  info: ReturnType<typeof instanceInfo>,
  replaceRequested: boolean,
  triggered: boolean,
): ResourceChange {
  const deferred = containsUnknown(configured);
  if (!before) {
    const { planned } = planAttributes(type, null, configured, info);
    return newChange(r, address, key, "create", null, planned, [], deps, deferred, undefined, undefined);
  }
  const prior = before.attributes;
  const { planned, requiresReplace: extra } = planAttributes(
    type,
    prior,
    withIgnoredChanges(r, type, configured, prior),
    info,
  );

  const { changed, forcing } = attributeChanges(type, prior, planned, extra);
  let reason: ChangeReason | undefined;
  if (before.status === "tainted") reason = "tainted";
  else if (replaceRequested) reason = "replace-requested";
  else if (forcing.length) reason = "cannot-update";
  else if (triggered) reason = "replace-triggered";
  if (reason) {
    const fresh = planAttributes(type, null, configured, info).planned;
    const order = r.lifecycle.createBeforeDestroy ? "create-before-destroy" : "destroy-before-create";
    return newChange(r, address, key, "replace", prior, fresh, forcing, deps, deferred, reason, order);
  }
  if (changed.length === 0)
    return newChange(r, address, key, "noop", prior, prior, EMPTY_LIST, deps, deferred, undefined, undefined);
  return newChange(r, address, key, "update", prior, planned, [], deps, deferred, undefined, undefined);
}

/**
 * A planned change, with explicit fields, never `{ ...base, more }`: on V8 that pattern gives each object a new hidden
 * class, which at 100,000 instances costs seconds and hundreds of MB. A function of its own, not a closure made per
 * instance.
 */
function newChange(
  r: ResourceConfig,
  address: string,
  key: InstanceKey,
  action: ResourceChange["action"],
  before: Attrs | null,
  after: Attrs | null,
  requiresReplace: string[],
  dependsOn: string[],
  deferred: boolean,
  reason: ChangeReason | undefined,
  replaceOrder: ResourceChange["replaceOrder"],
): ResourceChange {
  return {
    address,
    resourceKey: r.key,
    type: r.type,
    name: r.name,
    key,
    action,
    replaceOrder,
    reason,
    before,
    after,
    requiresReplace,
    dependsOn,
    deferred,
  };
}

/**
 * The attributes a planned change alters, and those of them that force a replacement (the schema's forceNew ones and
 * what the type's planChange named): the one rule every door decides replacement by.
 */
export function attributeChanges(
  type: Pick<ResourceType, "schema">,
  prior: Attrs,
  planned: Attrs,
  extra: readonly string[] = [],
): { changed: string[]; forcing: string[] } {
  if (sameAttributes(prior, planned)) return NO_ATTRIBUTE_CHANGES;
  const changed = Object.keys({ ...planned, ...prior }).filter((k) => !deepEqual(planned[k] ?? null, prior[k] ?? null));
  return { changed, forcing: changed.filter((k) => type.schema[k]?.forceNew || extra.includes(k)) };
}

/** What attributeChanges finds for an unchanged instance (frozen: one answer, not one per instance). */
const NO_ATTRIBUTE_CHANGES: { changed: string[]; forcing: string[] } = Object.freeze({
  changed: EMPTY_LIST,
  forcing: EMPTY_LIST,
});

/**
 * Whether no attribute changes (attributeChanges' test, without the lists it builds: most instances of a plan are
 * unchanged). Every attribute of either is compared, as attributeChanges compares them.
 */
function sameAttributes(prior: Attrs, planned: Attrs): boolean {
  for (const k in planned)
    if (Object.hasOwn(planned, k) && !deepEqual(planned[k] ?? null, prior[k] ?? null)) return false;
  for (const k in prior) if (Object.hasOwn(prior, k) && !deepEqual(planned[k] ?? null, prior[k] ?? null)) return false;
  return true;
}

/** Keeps changes of targeted instances and what they depend on (or, when destroying, what depends on them). */
function applyTargets(
  changes: ResourceChange[],
  targets: ParsedAddress[],
  graph: ConfigGraph,
  mode: PlanMode,
): ResourceChange[] {
  const keys = new Set<string>();
  const direct = (c: ResourceChange) => targets.some((t) => addressMatches(t, instanceAddressOf(c)));
  for (const c of changes) if (direct(c)) keys.add(c.resourceKey);
  const related = new Set<string>();
  if (mode === "destroy") {
    // dependents of the targets (they must go first)
    const dependents = new Map<string, string[]>();
    for (const c of changes)
      for (const d of c.dependsOn) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(c.resourceKey);
    const stack = [...keys];
    while (stack.length)
      for (const d of dependents.get(stack.pop()!) ?? [])
        if (!related.has(d) && !keys.has(d)) related.add(d), stack.push(d);
  } else {
    const stack = [...keys];
    while (stack.length)
      for (const d of graph.resourceDeps.get(stack.pop()!) ?? [])
        if (!related.has(d) && !keys.has(d)) related.add(d), stack.push(d);
  }
  return changes.filter((c) => direct(c) || related.has(c.resourceKey));
}

function planOutputs(
  config: Config,
  variables: Map<string, Value>,
  expansions: Map<string, Expansion>,
  prior: State,
  planned: Map<string, Attrs>,
  meta: ScopeMeta,
  checks: CheckResultsRecorder,
): OutputChange[] {
  const values = new ValueScope(config, variables, expansions, (a) => planned.get(a), true, meta);
  const out: OutputChange[] = [];
  // the outputs of module instances first: a failed precondition stops the plan, as a root output's does
  const moduleFailures: Diagnostic[] = [];
  for (const l of config.locals.values()) {
    if (!l.output) continue;
    const checkable: Checkable = { kind: "output_value", name: l.output.name, module: l.output.module };
    const record = (status: CheckStatus, problem?: string) => checks.report(checkable, status, problem);
    moduleFailures.push(
      ...checkConditions(l.output.preconditions, values.scope(), "output precondition", record).failures,
    );
  }
  if (moduleFailures.length) throw new GantryError(moduleFailures);
  for (const o of config.outputs.values()) {
    const checkable: Checkable = { kind: "output_value", name: o.name, module: "" };
    const record = (status: CheckStatus, problem?: string) => checks.report(checkable, status, problem);
    const failed = checkConditions(o.preconditions, values.scope(), "output precondition", record).failures;
    if (failed.length) throw new GantryError(failed);
    let v: Value;
    try {
      v = expansions.size || config.resources.size === 0 ? evaluate(o.value, values.scope()) : UNKNOWN;
    } catch (e) {
      throw errorAt(`Invalid value for output "${o.name}": ${(e as Error).message}`, o.origin);
    }
    const change = { name: o.name, before: prior.outputs[o.name]?.value, after: v, sensitive: !!o.sensitive };
    out.push(o.internal ? { ...change, internal: true } : change);
  }
  // outputs no longer in the configuration are removed
  for (const [name, o] of Object.entries(prior.outputs))
    if (!config.outputs.has(name))
      out.push({
        name,
        before: o.value,
        after: null,
        sensitive: !!o.sensitive,
        ...(o.internal ? { internal: true } : {}),
      });
  return out;
}

export function planHasChanges(p: Plan): boolean {
  if (p.mode === "refresh-only") return p.drift.length > 0;
  return (
    p.changes.some((c) => c.action !== "noop" || c.previousAddress !== undefined || c.importing !== undefined) ||
    p.outputs.some((o) => isUnknown(o.after) || !deepEqual(o.before ?? null, o.after))
  );
}
