// The engine: the one API every door calls (the CLI, the API server, the
// Pulumi engine, tests and benches). It returns results and reports typed
// events; it never prints, exits or reads the command line. An engine owns
// its resource types and host drivers (and so its sim fabric): two engines in
// one process share nothing.

import { AttributeChecker } from "../contract/attribute-check.js";
import type { Provisioner } from "../contract/provisioner.js";
import type { Value } from "../contract/values.js";
import type { DataSourceType, ResourceType } from "../contract/resource-type.js";
import type { ConfigGraph } from "../planner/graph.js";
import type { InstanceState, State } from "../planner/state.js";
import type { LockInfo } from "../planner/state-lock.js";
import { HostConnections } from "../provider/hosts/host-connections.js";
import type { SimFabric } from "../provider/hosts/sim-driver.js";
import { BUILTIN_PROVISIONERS } from "../provider/provisioners/builtin-provisioners.js";
import { BUILTIN_DATA_SOURCES, BUILTIN_RESOURCE_TYPES, ResourceTypeRegistry } from "../provider/resource-types.js";
import { applySavedPlan, applyWorkspace, type ApplyOutcome, type ApplyRequest } from "./apply-operation.js";
import type { LoadedConfiguration } from "./configuration.js";
import { importObject } from "./import-operation.js";
import { evaluateOutputs, type StandIn } from "./output-evaluation.js";
import {
  type InstanceActionName,
  type InstanceActionRequest,
  type InstanceActionResult,
  runInstanceAction,
} from "./instance-action-operation.js";
import type { EngineContext } from "./engine-context.js";
import type { EventSink } from "./events.js";
import { planWorkspace, savePlan, type PlanOutcome, type PlanRequest } from "./plan-operation.js";
import { type ReconcileSettings, type ReconcileTotals, Reconciler } from "./reconciler.js";
import { readmitHost, type ReadmittedHost } from "./host-readmit.js";
import * as stateOps from "./state-operations.js";
import { graphWorkspace, type ValidateOptions, validateWorkspace } from "./validate-operation.js";
import { openWorkspace, type Workspace, type WorkspaceOptions } from "./workspace.js";
import type { StateVersionInfo } from "./pg-state/pg-state-store.js";
import type { StateMigrationRequest, StateMigrationResult } from "./pg-state/state-migration.js";
import * as workspaceOps from "./workspace-operations.js";
import type { ConsoleEvaluator } from "./console-session.js";
import type { InitResult } from "./init-operation.js";
import type { ProviderSchemasJson } from "./provider-schemas.js";
import { resolveWorkspaceSource } from "./workspace-source.js";

export interface EngineOptions {
  /** Resource types (default: gantry's built-in ones). */
  types?: Iterable<ResourceType>;
  /** The fabric of simulated hosts (default: a new, empty one). */
  simFabric?: SimFabric;
  /** Provisioners (default: gantry's built-in ones, local-exec). */
  provisioners?: Iterable<Provisioner>;
}

export class Engine implements EngineContext {
  readonly types: ResourceTypeRegistry;
  readonly hosts: HostConnections;
  readonly resolveType = (name: string): ResourceType | undefined => this.types.get(name);
  private readonly dataSources = new Map(BUILTIN_DATA_SOURCES.map((d) => [d.name, d]));
  readonly resolveDataSource = (name: string): DataSourceType | undefined => this.dataSources.get(name);
  readonly provisioners: ReadonlyMap<string, Provisioner>;
  readonly resolveProvisioner = (name: string): Provisioner | undefined => this.provisioners.get(name);
  private checker: AttributeChecker | undefined;
  /** Nested attribute schemas, compiled once for this engine when first needed. */
  readonly attributeChecker = (): AttributeChecker => (this.checker ??= new AttributeChecker());

  constructor(opts: EngineOptions = {}) {
    this.types = new ResourceTypeRegistry(opts.types ?? BUILTIN_RESOURCE_TYPES);
    this.hosts = new HostConnections({ simFabric: opts.simFabric });
    this.provisioners = new Map([...(opts.provisioners ?? BUILTIN_PROVISIONERS)].map((p) => [p.name, p]));
  }

  /** Closes the host drivers' connections (ssh hosts); the engine stays usable and connects again when asked. */
  close(): void {
    this.hosts.close();
  }

  /** Opens a configuration directory (checks that it exists). */
  workspace(opts: WorkspaceOptions): Workspace {
    return openWorkspace(opts);
  }

  /**
   * Opens a configuration directory or a CDKTF app: an app (a directory
   * holding cdktf.json) is synthesized first, and the workspace is its stack
   * (`opts.stack`, or its only one).
   */
  async openWorkspace(opts: WorkspaceOptions, onEvent?: EventSink, signal?: AbortSignal): Promise<Workspace> {
    return openWorkspace(await resolveWorkspaceSource(opts, onEvent, signal));
  }

  validate(ws: Workspace, onEvent?: EventSink, opts?: ValidateOptions): Promise<LoadedConfiguration> {
    return validateWorkspace(this, ws, onEvent, opts);
  }

  graph(ws: Workspace, onEvent?: EventSink): Promise<ConfigGraph> {
    return graphWorkspace(ws, onEvent);
  }

  /** Refreshes and diffs; changes nothing (no lock, as `plan` takes none). */
  plan(ws: Workspace, req: PlanRequest = {}): Promise<PlanOutcome> {
    return planWorkspace(this, ws, req);
  }

  savePlan(path: string, ws: Workspace, outcome: PlanOutcome): void {
    savePlan(path, ws, outcome);
  }

  /** Plans, asks `approve`, applies, all under the state lock (mode destroy: destroys; refresh-only: records). */
  apply(ws: Workspace, req: ApplyRequest = {}): Promise<ApplyOutcome> {
    return applyWorkspace(this, ws, req);
  }

  destroy(ws: Workspace, req: ApplyRequest = {}): Promise<ApplyOutcome> {
    return applyWorkspace(this, ws, { ...req, mode: "destroy" });
  }

  /** Records what really exists, changing nothing on the hosts. */
  refresh(ws: Workspace, req: ApplyRequest = {}): Promise<ApplyOutcome> {
    return applyWorkspace(this, ws, { ...req, mode: "refresh-only", approve: undefined });
  }

  /** Carries out a saved plan exactly; refused when the state changed since. */
  applySaved(
    planFile: string,
    wsOptions: Omit<WorkspaceOptions, "dir">,
    req: ApplyRequest = {},
  ): Promise<ApplyOutcome> {
    return applySavedPlan(this, planFile, wsOptions, req);
  }

  /** A goal-state loop over a workspace: `round()` is one reconcile pass, `run()` the loop. */
  reconciler(ws: Workspace, settings: ReconcileSettings, onEvent?: EventSink): Reconciler {
    return new Reconciler(this, ws, settings, onEvent);
  }

  /**
   * One reconcile pass, on its own: nothing carries over to a next call (for
   * backoff and give-up across rounds, keep one `reconciler()`).
   */
  reconcileOnce(
    ws: Workspace,
    settings: Partial<ReconcileSettings> = {},
    onEvent?: EventSink,
  ): Promise<ReconcileTotals> {
    const r = this.reconciler(ws, { ...RECONCILE_DEFAULTS, ...settings, watch: false }, onEvent);
    return r.round(new AbortController().signal);
  }

  readState(ws: Workspace): Promise<State> {
    return ws.state.read();
  }

  listState(ws: Workspace, filters?: string[]): Promise<string[]> {
    return stateOps.listInstances(ws, filters);
  }

  showState(ws: Workspace, address: string): Promise<InstanceState> {
    return stateOps.showInstance(ws, address);
  }

  outputs(ws: Workspace): Promise<State["outputs"]> {
    return stateOps.readOutputs(ws);
  }

  /** The outputs evaluated now against the state, `standIn` giving instances the state lacks their values. */
  evaluateOutputs(ws: Workspace, standIn: StandIn): Promise<Map<string, Value>> {
    return evaluateOutputs(ws, standIn);
  }

  moveState(ws: Workspace, source: string, destination: string, lockTimeoutMs?: number): Promise<[string, string][]> {
    return stateOps.moveInstances(ws, source, destination, lockTimeoutMs);
  }

  removeState(ws: Workspace, addresses: string[], lockTimeoutMs?: number): Promise<string[]> {
    return stateOps.removeInstances(ws, addresses, lockTimeoutMs);
  }

  /** Reads the existing object `id` names into state at `address` (declared in the configuration). */
  importObject(
    ws: Workspace,
    address: string,
    id: string,
    opts: { lockTimeoutMs?: number; onEvent?: EventSink } = {},
  ): Promise<InstanceState> {
    return importObject(this, ws, address, id, opts);
  }

  /**
   * Heat's suspend, resume or check of the instances in state, through their types' optional hooks (a type without
   * the hook is left as it is); under the state lock, one instance after another.
   */
  instanceAction(
    ws: Workspace,
    action: InstanceActionName,
    req: InstanceActionRequest = {},
  ): Promise<InstanceActionResult[]> {
    return runInstanceAction(this, ws, action, req);
  }

  /** Marks an instance tainted: the next plan replaces it (`gantry taint`). */
  taint(ws: Workspace, address: string, opts?: stateOps.TaintOptions): ReturnType<typeof stateOps.setTainted> {
    return stateOps.setTainted(ws, address, true, opts);
  }

  /** Clears an instance's tainted mark (`gantry untaint`). */
  untaint(ws: Workspace, address: string, opts?: stateOps.TaintOptions): ReturnType<typeof stateOps.setTainted> {
    return stateOps.setTainted(ws, address, false, opts);
  }

  /**
   * Clears a host's failed mark in every cluster's record (`gantry host readmit`): placement may use it again from
   * the next plan on. Throws GantryError when no cluster has it marked failed.
   */
  readmitHost(ws: Workspace, host: string, opts: { lockTimeoutMs?: number } = {}): Promise<ReadmittedHost[]> {
    return readmitHost(ws, host, opts);
  }

  forceUnlock(ws: Workspace, id: string): Promise<LockInfo | undefined> {
    return stateOps.forceUnlockState(ws, id);
  }

  /**
   * Checks a configuration directory's providers (built in: gantry, null, terraform) and module sources (local
   * directories); creates nothing. Throws GantryError naming every provider or module it cannot use.
   */
  async init(dir: string): Promise<InitResult> {
    const { initConfiguration } = await import("./init-operation.js");
    return initConfiguration(dir);
  }

  /**
   * This engine's resource types in Terraform's provider-schema JSON, for the providers the configuration in
   * `dir` requires (when `dir` is undefined or holds no configuration: every built-in provider that has resource
   * types in this engine).
   */
  async providerSchemas(dir?: string): Promise<ProviderSchemasJson> {
    const [{ providerSchemas }, { BUILTIN_PROVIDERS, builtinProviderOfType }] = await Promise.all([
      import("./provider-schemas.js"),
      import("../contract/built-in-providers.js"),
    ]);
    const used = dir === undefined ? undefined : await this.init(dir);
    const types = this.types.all();
    const providers = used?.hasConfiguration
      ? BUILTIN_PROVIDERS.filter((p) => used.providers.some((u) => u.source === p.source))
      : BUILTIN_PROVIDERS.filter((p) => types.some((t) => builtinProviderOfType(t.name).source === p.source));
    return providerSchemas(providers, types);
  }

  /**
   * An evaluator of expressions against the workspace's configuration, variables and recorded state (`console`);
   * it throws GantryError for bad input.
   */
  async console(ws: Workspace): Promise<ConsoleEvaluator> {
    const { openConsole } = await import("./console-session.js");
    return openConsole(ws, this.resolveType);
  }

  /** The recorded state as stored; undefined when none was written yet. `serial`: an earlier version (pg backend). */
  pullState(ws: Workspace, opts: { serial?: number } = {}): Promise<string | undefined> {
    return stateOps.pullState(ws, opts);
  }

  /** Every version of the state the backend keeps, oldest first (the pg backend keeps them all). */
  stateHistory(ws: Workspace): Promise<StateVersionInfo[]> {
    return stateOps.stateHistory(ws);
  }

  /** Moves a workspace's state between its local file and PostgreSQL, unchanged (`gantry state migrate`). */
  async migrateState(req: StateMigrationRequest): Promise<StateMigrationResult> {
    const { migrateState } = await import("./pg-state/state-migration.js");
    return migrateState(req);
  }

  /**
   * `gantry init`'s backend step: records -backend-config settings (given: any) for later commands and, when the
   * state is in PostgreSQL, connects and applies its migrations. Returns the backend's type.
   */
  async initBackend(dir: string, env: workspaceOps.Env, backendConfig: string[] = []): Promise<"local" | "pg"> {
    const { chooseBackend, recordBackendConfig } = await import("./backend-choice.js");
    const choice = chooseBackend(dir, env, backendConfig);
    if (choice.type !== "pg") return "local";
    const ws = this.workspace({ dir, env });
    const { PgStateBackend } = await import("./pg-state/pg-state-backend.js");
    if (ws.state instanceof PgStateBackend) {
      try {
        await ws.state.read();
      } finally {
        await ws.state.close();
      }
    }
    if (backendConfig.length) recordBackendConfig(dir, backendConfig);
    return "pg";
  }

  /** Replaces the recorded state (lineage and serial checked as Terraform does unless `force`). */
  pushState(
    ws: Workspace,
    text: string,
    source: string,
    opts: { force?: boolean; lockTimeoutMs?: number } = {},
  ): Promise<void> {
    return stateOps.pushState(ws, text, source, opts);
  }

  /** The named workspaces of a configuration directory and the one in use (env: for the override variables). */
  listWorkspaces(
    dir: string,
    env: workspaceOps.Env = {},
    backendConfig?: string[],
  ): Promise<workspaceOps.WorkspaceList> {
    return workspaceOps.listNamedWorkspaces(dir, env, backendConfig);
  }

  currentWorkspace(dir: string, env: workspaceOps.Env = {}): string {
    return workspaceOps.showWorkspace(dir, env);
  }

  newWorkspace(dir: string, name: string, env: workspaceOps.Env = {}, backendConfig?: string[]): Promise<void> {
    return workspaceOps.newNamedWorkspace(dir, name, env, backendConfig);
  }

  selectWorkspace(
    dir: string,
    name: string,
    env: workspaceOps.Env = {},
    orCreate = false,
    backendConfig?: string[],
  ): Promise<{ created: boolean; changed: boolean }> {
    return workspaceOps.selectNamedWorkspace(dir, name, env, orCreate, backendConfig);
  }

  deleteWorkspace(
    dir: string,
    name: string,
    env: workspaceOps.Env = {},
    opts: { force?: boolean; lockTimeoutMs?: number; backendConfig?: string[] } = {},
  ): Promise<{ hadResources: boolean }> {
    return workspaceOps.deleteNamedWorkspace(dir, name, env, opts);
  }
}

export const RECONCILE_DEFAULTS: ReconcileSettings = {
  watch: false,
  intervalMs: 10_000,
  maxRetries: 5,
  backoffBaseMs: 10_000,
  backoffMaxMs: 300_000,
};
