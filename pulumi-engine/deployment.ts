// One Pulumi deployment (preview, up, destroy) over gantry's state: each registration the program makes becomes a
// step (create, update, replace, same) decided against the recorded state and, unless previewing, carried out at once
// through the resource's provider, since the program waits for its outputs; at the end, what the program no longer
// registers is deleted, dependents first. Resources are recorded in gantry's state by URN.
//
// After a program that succeeded: the old objects of create-before-delete replacements that earlier runs left
// (deposed: a run failed before it deleted them) are deleted, as Pulumi deletes what is pending deletion with what
// the program no longer registers (failed runs in between add to them). Before the program's steps, a refresh
// reads every custom resource through its provider. Cancelling (the first Ctrl-C) starts no new step: the running
// ones finish and are recorded.

import type { InstanceState, State } from "../planner/state.js";
import type { StateWriter } from "../planner/state.js";
import { GantryError } from "../contract/diagnostics.js";
import { randomUUID } from "node:crypto";
import { type AliasContext, type AliasSpec, generateAliases } from "./aliases.js";
import {
  DefaultProviders,
  isDefaultProviderReference,
  isDefaultProviderUrn,
  isProviderType,
  PROVIDER_TYPE_PREFIX,
  providerReferenceUrn,
} from "./default-providers.js";
import type { PropertyDiff, PulumiEventSink, StepOp } from "./pulumi-events.js";
import {
  type CustomResourceProvider,
  type ExplicitProvider,
  type ProviderResolver,
  ResourceInitFailure,
} from "./resource-provider.js";
import {
  type PendingOperationType,
  pendingOperationsWarning,
  recordedPendingOperations,
  withPendingOperations,
} from "./pending-operations.js";
import { makeUrn, ROOT_STACK_TYPE, urnName, urnType } from "./urn.js";
import {
  containsSecret,
  makeSecret,
  plainOutput,
  revealObject,
  revealSecrets,
  secretOutputs,
  UNKNOWN_VALUE,
  unsupportedValueKind,
  wireEqual,
  type WireObject,
  type WireValue,
} from "./wire-values.js";

/** A RegisterResource request, in the terms gantry uses. */
export interface Registration {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  inputs: WireObject;
  dependencies: string[];
  /** For each input, the resources its value came from. */
  propertyDependencies: Record<string, string[]>;
  provider: string;
  /** The provider version the program asks for ("" for none): names the default provider. */
  version: string;
  protect: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  retainOnDelete: boolean;
  additionalSecretOutputs: string[];
  /** Alias URNs the SDK computed itself (a monitor without alias specs); none when it sends `aliases`. */
  aliasUrns: string[];
  /** The aliases the program gave (alias specs), computed into URNs as Pulumi's engine does (./aliases.ts). */
  aliases?: AliasSpec[];
  acceptSecrets: boolean;
  importId: string;
  remote: boolean;
}

export interface RegistrationResult {
  urn: string;
  id: string;
  outputs: WireObject;
}

/** What gantry records for a Pulumi resource (the attributes of its instance in the state). */
interface Recorded {
  id: string;
  custom: boolean;
  parent: string;
  inputs: WireObject;
  outputs: WireObject;
  protect?: boolean;
  retainOnDelete?: boolean;
  /** Read by id (Resource.get), not managed: dropping it from the program forgets it, nothing is deleted. */
  external?: boolean;
  /** For each input, the resources its value came from (when any did). */
  propertyDependencies?: Record<string, string[]>;
  /** A custom resource's provider: `<provider urn>::<provider id>` (its package's default provider). */
  provider?: string;
  /** Why its last create or update could not finish initializing it (the next update updates it again). */
  initErrors?: string[];
}

/** A ReadResource request (`Resource.get`, a custom resource given the `id` option). */
export interface ReadRequest {
  type: string;
  name: string;
  id: string;
  parent: string;
  properties: WireObject;
  dependencies: string[];
  additionalSecretOutputs: string[];
  acceptSecrets: boolean;
  /** The provider version the program asks for ("" or absent for none). */
  version?: string;
  /** The explicit provider it names (`<urn>::<id>`; "" or absent: its package's default one). */
  provider?: string;
}

const recorded = (i: InstanceState): Recorded => i.attributes as unknown as Recorded;

export interface DeploymentOptions {
  stack: string;
  project: string;
  dryRun: boolean;
  /** The state as it was before (not changed by a preview). */
  state: State;
  /** Records every change (up and destroy); absent in a preview. */
  writer?: StateWriter;
  providers: ProviderResolver;
  onEvent: PulumiEventSink;
  /** The stack's config of a package, in wire form: the inputs of its default provider (default: none). */
  packageConfig?: (pkg: string) => WireObject;
}

export class Deployment {
  /** The recorded resources as the run found them (after retiring pending deletes and refreshing). */
  private readonly old: Map<string, InstanceState>;
  /** URNs registered by this run (and old URNs they took over through aliases). */
  private readonly seen = new Set<string>();
  private readonly registered = new Map<string, InstanceState>();
  /** Old objects replaced create-before-delete, deleted at the end. */
  private readonly replacedOld: InstanceState[] = [];
  readonly counts: Record<StepOp, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0, read: 0 };
  /** The first step that failed (the run fails and deletes nothing). */
  failure: Error | undefined;
  /** Set by cancel(): no new step starts. */
  cancelled = false;
  /** Registrations being carried out (a program that ended, or was killed, may leave some running). */
  private readonly inFlight = new Set<Promise<unknown>>();
  rootUrn = "";
  rootOutputs: WireObject | undefined;
  /** Provider calls under way (recorded as pending operations while they run). */
  private readonly pending = new Map<string, PendingOperationType>();
  /** The running provider calls changed since the root stack resource's record last listed them. */
  private pendingChanged = false;
  private recordedRoot: InstanceState | undefined;
  private readonly defaultProviders: DefaultProviders;
  /** For a resource of this run matched through an alias: the old URN it was matched by (and the reverse). */
  private readonly matchedAliases = new Map<string, string>();
  private readonly aliasedBy = new Map<string, string>();
  private readonly aliasContext: AliasContext;

  constructor(private readonly opts: DeploymentOptions) {
    this.old = new Map(opts.state.instances);
    this.aliasContext = {
      stack: opts.stack,
      project: opts.project,
      matchedAlias: (u) => this.matchedAliases.get(u),
    };
    opts.writer?.beforeWrite(() => this.recordPendingOperations());
    this.defaultProviders = new DefaultProviders({
      stack: opts.stack,
      project: opts.project,
      dryRun: opts.dryRun,
      packageConfig: opts.packageConfig ?? (() => ({})),
      recordedInstance: (urn) => this.old.get(urn),
      record: (instance) => {
        this.seen.add(instance.address);
        this.record(instance);
      },
    });
  }

  /**
   * The operations an earlier run left pending (it stopped while they ran): warned about as Pulumi does, then
   * forgotten (the state keeps only this run's).
   */
  reportPendingOperations(): void {
    const ops = recordedPendingOperations(this.old.values());
    if (!ops.length) return;
    this.opts.onEvent({ type: "log", severity: "warning", message: pendingOperationsWarning(ops) });
    const root = [...this.old.values()].find((i) => i.type === ROOT_STACK_TYPE);
    if (!root) return;
    const cleared = withPendingOperations(root, []);
    this.old.set(root.address, cleared);
    if (this.opts.dryRun) return;
    this.state.instances.set(root.address, cleared);
    this.touch();
  }

  /**
   * A provider call starts (`type`) or ends (undefined). The root stack resource's record lists those running: it is
   * brought up to date right before each state write (all of a run's registrations may be in flight at once, so
   * rewriting the list on every start and end would cost the square of their number).
   */
  private pendingOperation(urn: string, type: PendingOperationType | undefined): void {
    if (this.opts.dryRun) return;
    if (type) this.pending.set(urn, type);
    else if (!this.pending.delete(urn)) return;
    this.pendingChanged = true;
    this.touch();
  }

  /** Before a state write: the root stack resource's record lists the provider calls running now. */
  private recordPendingOperations(): void {
    if (!this.pendingChanged) return;
    // a destroy runs no program: its root stack resource is the recorded one
    this.recordedRoot ??= [...this.old.values()].find((i) => i.type === ROOT_STACK_TYPE && !recorded(i).parent);
    const address = this.rootUrn || this.recordedRoot?.address;
    const root = address ? this.state.instances.get(address) : undefined;
    if (!root) return;
    this.pendingChanged = false;
    const ops = [...this.pending].map(([u, t]) => ({ urn: u, type: t }));
    this.state.instances.set(root.address, withPendingOperations(root, ops));
  }

  /** Runs one provider call as a pending operation of `urn`. */
  private async asPending<T>(urn: string, type: PendingOperationType, call: () => Promise<T>): Promise<T> {
    this.pendingOperation(urn, type);
    try {
      return await call();
    } finally {
      this.pendingOperation(urn, undefined);
    }
  }

  private get state(): State {
    return this.opts.state;
  }

  private touch(): void {
    this.opts.writer?.touch();
  }

  private depth(parent: string): number {
    let d = 0;
    let p = parent;
    while (p && d < 100) {
      d++;
      const r = this.registered.get(p) ?? this.old.get(p);
      p = r ? recorded(r).parent : "";
    }
    return d;
  }

  private emitStep(
    op: StepOp,
    phase: "planned" | "start" | "done" | "failed",
    urn: string,
    parent: string,
    diffs: PropertyDiff[] = [],
    extra: { replaces?: string[]; error?: string } = {},
  ): void {
    this.opts.onEvent({
      type: "step",
      op,
      phase,
      urn,
      resourceType: urnType(urn),
      name: urnName(urn),
      depth: this.depth(parent),
      diffs,
      ...extra,
    });
  }

  /**
   * The provider of a custom resource: the explicit provider resource its reference names (one the program made,
   * `new pulumi.ProviderResource(...)`), else its package's default one.
   */
  private provider(type: string, reference?: string): CustomResourceProvider {
    const explicit = reference && !isDefaultProviderReference(reference) ? this.explicitProvider(reference) : undefined;
    const p = this.opts.providers(type, explicit);
    if (p) return p;
    const pkg = type.split(":")[0];
    if (explicit)
      throw new GantryError(
        `resource type ${type} names the explicit provider ${explicit.urn}, which gantry cannot run it with: gantry ` +
          "runs explicit providers of dynamic resources only (pulumi:providers:pulumi-nodejs)",
      );
    throw new GantryError(
      `resource type ${type} needs the provider plugin "${pkg}", which gantry does not run: gantry runs dynamic ` +
        "providers (pulumi.dynamic.Resource) and gantry's own resource types (gantry:index:*)",
    );
  }

  /** The explicit provider resource a reference (`<urn>::<id>`) names, as this run registered it or as recorded. */
  private explicitProvider(reference: string): ExplicitProvider {
    const urn = providerReferenceUrn(reference);
    const id = reference.slice(urn.length + 2);
    const r = this.registered.get(urn) ?? this.old.get(urn);
    if (!r || !isProviderType(r.type))
      throw new GantryError(`the provider ${reference} was not registered: register it before the resources using it`);
    return { urn, id, inputs: revealObject(recorded(r).inputs) };
  }

  /** Graceful cancel: steps running now finish (and are recorded); no new one starts, so the run fails. */
  cancel(): void {
    this.cancelled = true;
  }

  private refuseIfCancelled(): void {
    if (this.cancelled) throw new GantryError(CANCELLED);
  }

  async register(req: Registration): Promise<RegistrationResult> {
    if (this.cancelled) {
      this.failure ??= new GantryError(CANCELLED);
      throw new GantryError(`not registering ${req.type} "${req.name}": ${CANCELLED}`);
    }
    if (this.failure) throw new GantryError(`not registering ${req.type} "${req.name}": the update has failed`);
    const running = this.registerResource(req);
    this.inFlight.add(running);
    try {
      return await running;
    } catch (e) {
      this.failure ??= e as Error;
      throw e;
    } finally {
      this.inFlight.delete(running);
    }
  }

  /** Resolves once no registration is being carried out (each has finished and been recorded, or failed). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async registerResource(req: Registration): Promise<RegistrationResult> {
    if (req.remote)
      throw new GantryError(
        `${req.type} "${req.name}" is a remote (multi-language) component: gantry does not run those`,
      );
    if (req.importId)
      throw new GantryError(`${req.type} "${req.name}" asks to import ${req.importId}: gantry does not import yet`);
    const unsupported = unsupportedValueKind(req.inputs);
    if (unsupported)
      throw new GantryError(
        `${req.type} "${req.name}" has inputs holding ${unsupported}: gantry does not support them`,
      );
    if (req.parent && !this.registered.has(req.parent))
      throw new GantryError(`${req.type} "${req.name}": its parent ${req.parent} was not registered`);
    const urn = makeUrn(this.opts.stack, this.opts.project, req.type, req.name, req.parent || undefined);
    if (this.seen.has(urn)) throw new GantryError(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.seen.add(urn);
    if (req.type === ROOT_STACK_TYPE && !req.parent) this.rootUrn = urn;
    let old = this.old.get(urn);
    if (!old) {
      // as Pulumi: the URN first, then each alias in turn; the first one recorded is the resource's old self
      const aliases = [
        ...req.aliasUrns,
        ...generateAliases(this.aliasContext, req.name, req.type, req.parent, req.aliases ?? []),
      ];
      const alias = aliases.find((a) => this.old.has(a));
      if (alias) {
        if (this.seen.has(alias))
          throw new GantryError(
            `Duplicate resource alias '${alias}' applied to resource with URN '${urn}' conflicting with resource ` +
              `with URN '${this.aliasedBy.get(alias) ?? alias}'`,
          );
        old = this.old.get(alias);
        this.seen.add(alias);
        this.matchedAliases.set(urn, alias);
        this.aliasedBy.set(alias, urn);
        this.state.instances.delete(alias);
      }
    }
    const base = {
      address: urn,
      type: req.type,
      name: req.name,
      dependencies: [...new Set([...req.dependencies, ...(req.parent ? [req.parent] : [])])],
    };
    const propertyDependencies = Object.fromEntries(
      Object.entries(req.propertyDependencies ?? {}).filter(([, urns]) => urns.length),
    );
    const options = {
      ...(req.protect ? { protect: true } : {}),
      ...(req.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(Object.keys(propertyDependencies).length ? { propertyDependencies } : {}),
    };
    if (!req.custom) return this.registerComponent(req, urn, old, base, options);
    if (isProviderType(req.type)) return this.registerProvider(req, urn, old, base, options);
    return this.registerCustom(req, urn, old, base, options);
  }

  private record(instance: InstanceState): void {
    this.registered.set(instance.address, instance);
    if (!this.opts.dryRun) {
      this.state.instances.set(instance.address, instance);
      this.touch();
    }
  }

  private registerComponent(
    req: Registration,
    urn: string,
    old: InstanceState | undefined,
    base: Omit<InstanceState, "attributes">,
    options: object,
  ): RegistrationResult {
    const op: StepOp = old ? "same" : "create";
    const outputs = old ? recorded(old).outputs : {};
    const attrs: Recorded = { id: "", custom: false, parent: req.parent, inputs: req.inputs, outputs, ...options };
    this.counts[op]++;
    this.emitStep(op, this.opts.dryRun ? "planned" : "done", urn, req.parent);
    this.record({ ...base, attributes: attrs as unknown as InstanceState["attributes"] });
    return { urn, id: "", outputs: {} };
  }

  /**
   * A provider resource the program made (`new pulumi.ProviderResource(pkg, name, config)`), as Pulumi's provider
   * registry steps it: its inputs are its config (CheckConfig of the dynamic provider passes them unchanged); a new
   * one is created with a fresh UUID as its id (a preview: unknown), its outputs its inputs without `version`; changed
   * inputs update it in place (DiffConfig is not implemented by the dynamic provider: Pulumi then never replaces); its
   * plugin, configured with those inputs, serves the resources that name it. Unlike default providers its steps are
   * shown and counted. Only the program's own language's providers run (`pulumi:providers:pulumi-nodejs`).
   */
  private registerProvider(
    req: Registration,
    urn: string,
    old: InstanceState | undefined,
    base: Omit<InstanceState, "attributes">,
    options: object,
  ): RegistrationResult {
    const pkg = req.type.slice(PROVIDER_TYPE_PREFIX.length);
    if (!this.opts.providers(`${pkg}:index:Resource`, { urn, id: "", inputs: {} }))
      throw new GantryError(
        `${req.type} "${req.name}" is an explicit provider of the plugin "${pkg}", which gantry does not run: gantry ` +
          "runs explicit providers of dynamic resources only (pulumi:providers:pulumi-nodejs)",
      );
    const prior = old ? recorded(old) : undefined;
    const news = req.inputs;
    const diffs = prior ? inputDiffs(prior.inputs, news) : [];
    const op: StepOp = !prior ? "create" : diffs.length ? "update" : "same";
    const id = prior?.id || (this.opts.dryRun ? UNKNOWN_VALUE : randomUUID());
    const { version: _version, ...outputs } = news;
    this.counts[op]++;
    if (op !== "same" && !this.opts.dryRun) this.emitStep(op, "start", urn, req.parent, diffs);
    const attrs: Recorded = { id, custom: true, parent: req.parent, inputs: news, outputs, ...options };
    this.record({ ...base, attributes: attrs as unknown as InstanceState["attributes"] });
    this.emitStep(op, this.opts.dryRun ? "planned" : "done", urn, req.parent, diffs);
    return { urn, id, outputs: req.acceptSecrets ? outputs : revealObject(outputs) };
  }

  private async registerCustom(
    req: Registration,
    urn: string,
    old: InstanceState | undefined,
    base: Omit<InstanceState, "attributes">,
    options: object,
  ): Promise<RegistrationResult> {
    const explicitRef = req.provider && !isDefaultProviderReference(req.provider) ? req.provider : undefined;
    const provider = this.provider(req.type, explicitRef);
    const providerRef = explicitRef ?? this.defaultProviders.reference(req.type, req.version);
    const prior = old ? recorded(old) : undefined;
    const checked = await provider.check(urn, prior ? revealObject(prior.inputs) : undefined, revealObject(req.inputs));
    if (checked.failures.length)
      throw new GantryError(
        `${req.type} "${req.name}" has invalid inputs:\n` +
          checked.failures.map((f) => `  ${f.property ? `${f.property}: ` : ""}${f.reason}`).join("\n"),
      );
    // keep secret what the program gave as secret
    let news: WireObject = {};
    for (const [k, v] of Object.entries(checked.inputs))
      news[k] = k in req.inputs && containsSecret(req.inputs[k]) ? req.inputs[k] : v;
    if (prior) news = applyIgnoreChanges(news, prior.inputs, req.ignoreChanges);

    let op: StepOp = "create";
    let diffs: PropertyDiff[] = [];
    let replaces: string[] = [];
    let deleteBeforeReplace = req.deleteBeforeReplace;
    if (prior && old) {
      diffs = inputDiffs(prior.inputs, news);
      const d = await provider.diff(urn, prior.id, revealObject(prior.outputs), revealObject(news));
      const changed = d.changes ?? diffs.length > 0;
      replaces = [...d.replaces];
      for (const diff of diffs)
        if (req.replaceOnChanges.some((p) => p === "*" || p === diff.key || p.split(/[.[]/)[0] === diff.key))
          if (!replaces.includes(diff.key)) replaces.push(diff.key);
      deleteBeforeReplace ||= d.deleteBeforeReplace;
      op = !changed && !replaces.length ? "same" : replaces.length ? "replace" : "update";
      // as Pulumi: a resource that was read (external) is created anew when the program manages it; the read object
      // is only forgotten, at the end
      if (prior.external) {
        op = "replace";
        deleteBeforeReplace = false;
      }
      // as Pulumi: an object that did not finish initializing is updated again
      if (op === "same" && prior.initErrors?.length) op = "update";
      // the inputs are as recorded but the object is not (drift a refresh recorded): show it against the outputs
      if (op !== "same" && !diffs.length) {
        const live = Object.fromEntries(
          Object.keys(news).flatMap((k) => (k in prior.outputs ? [[k, prior.outputs[k]]] : [])),
        );
        diffs = inputDiffs(live, news).filter((d) => d.kind !== "add");
      }
      if (op === "replace" && prior.protect)
        throw new GantryError(
          `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, ` +
            "remove the `protect` flag from the resource in your Pulumi program and run `gantry pulumi up`",
        );
    }
    this.counts[op]++;
    const finish = (
      id: string,
      outputs: WireObject,
      extra: Partial<InstanceState> = {},
      initErrors?: readonly string[],
    ): RegistrationResult => {
      const secretOuts = secretOutputs(outputs, news, req.additionalSecretOutputs);
      const attrs: Recorded = {
        id,
        custom: true,
        parent: req.parent,
        inputs: news,
        outputs: secretOuts,
        provider: providerRef,
        ...options,
        ...(initErrors?.length ? { initErrors: [...initErrors] } : {}),
      };
      // old objects still pending deletion stay recorded (earlier runs' and, replacing, this one's)
      const deposed = [...(old?.deposed ?? []), ...(extra.deposed ?? [])];
      this.record({
        ...base,
        ...extra,
        deposed: deposed.length ? deposed : undefined,
        attributes: attrs as unknown as InstanceState["attributes"],
      });
      return { urn, id, outputs: req.acceptSecrets ? secretOuts : revealObject(secretOuts) };
    };

    if (this.opts.dryRun) {
      this.emitStep(op, "planned", urn, req.parent, diffs, { replaces });
      if (op === "same" && prior) return finish(prior.id, prior.outputs);
      const planned = "planned" in provider ? (provider as { planned: PlannedOutputs }).planned : undefined;
      const priorOuts = op === "update" && prior ? prior.outputs : undefined;
      const outs = planned ? planned.call(provider, urn, priorOuts, news) : { ...(priorOuts ?? {}), ...news };
      return finish(op === "update" && prior ? prior.id : "", outs);
    }
    if (op === "same" && prior) {
      this.emitStep(op, "done", urn, req.parent);
      return finish(prior.id, prior.outputs);
    }
    this.emitStep(op, "start", urn, req.parent, diffs, { replaces });
    try {
      let result: RegistrationResult;
      if (op === "update" && prior) {
        const outs = await this.asPending(urn, "updating", () =>
          provider.update(urn, prior.id, revealObject(prior.outputs), revealObject(news)),
        );
        result = finish(prior.id, outs);
      } else if (op === "replace" && prior && old) {
        if (deleteBeforeReplace) {
          await this.deleteDependentReplacements(urn);
          await this.deleteObject(old);
          this.state.instances.delete(old.address);
          this.touch();
          const created = await this.asPending(urn, "creating", () => provider.create(urn, revealObject(news)));
          result = finish(created.id, created.outputs);
        } else {
          const created = await this.asPending(urn, "creating", () => provider.create(urn, revealObject(news)));
          this.replacedOld.push(old);
          result = finish(created.id, created.outputs, { deposed: [old.attributes] });
        }
      } else {
        const created = await this.asPending(urn, "creating", () => provider.create(urn, revealObject(news)));
        result = finish(created.id, created.outputs);
      }
      this.emitStep(op, "done", urn, req.parent, diffs, { replaces });
      return result;
    } catch (e) {
      // made (or changed) but not initialized: recorded as it is, with the reasons, as Pulumi records it
      if (e instanceof ResourceInitFailure) {
        const replacedOld = op === "replace" && !deleteBeforeReplace && old ? { deposed: [old.attributes] } : {};
        if (replacedOld.deposed && old) this.replacedOld.push(old);
        finish(e.id || (op === "update" && prior ? prior.id : ""), e.outputs, replacedOld, e.reasons);
      }
      this.emitStep(op, "failed", urn, req.parent, diffs, { error: (e as Error).message });
      throw e;
    }
  }

  /**
   * Before `urn` is deleted to be replaced (delete-before-replace), as Pulumi does: each recorded resource that
   * depends on it and has not registered yet is asked (its provider's diff, with the inputs that came from `urn`
   * unknown) whether that change replaces it; those that say so are deleted first (their own dependents before
   * them) and forgotten, so that their registration creates them anew.
   */
  private async deleteDependentReplacements(urn: string): Promise<void> {
    for (const dep of [...this.old.values()]) {
      const r = recorded(dep);
      if (!r.custom || r.external || this.seen.has(dep.address) || !dep.dependencies.includes(urn)) continue;
      if (!this.old.has(dep.address)) continue;
      const fromUrn = Object.entries(r.propertyDependencies ?? {}).filter(([, urns]) => urns.includes(urn));
      // no record of which inputs came from it: any may have
      const keys = r.propertyDependencies ? fromUrn.map(([k]) => k) : Object.keys(r.inputs);
      if (!keys.length) continue;
      const news: WireObject = { ...r.inputs };
      for (const k of keys) news[k] = UNKNOWN_VALUE;
      const d = await this.provider(dep.type, r.provider).diff(
        dep.address,
        r.id,
        revealObject(r.outputs),
        revealObject(news),
      );
      if (!d.replaces.length) continue;
      if (r.protect)
        throw new GantryError(
          `unable to replace resource "${dep.address}"\nas it is currently marked for protection. To unprotect the ` +
            "resource, remove the `protect` flag from the resource in your Pulumi program and run `gantry pulumi up`",
        );
      await this.deleteDependentReplacements(dep.address);
      this.emitStep("delete", "start", dep.address, r.parent);
      await this.deleteObject(dep);
      this.old.delete(dep.address);
      this.state.instances.delete(dep.address);
      this.touch();
      this.emitStep("delete", "done", dep.address, r.parent);
    }
  }

  registerOutputs(urn: string, outputs: WireObject): void {
    const r = this.registered.get(urn);
    if (!r) throw new GantryError(`RegisterResourceOutputs names ${urn}, which this program did not register`);
    // the SDK registers the stack's outputs even after the program threw: they are recorded only after success
    if (urn === this.rootUrn) {
      this.rootOutputs = outputs;
      return;
    }
    const updated: InstanceState = { ...r, attributes: { ...r.attributes, outputs } as InstanceState["attributes"] };
    this.registered.set(urn, updated);
    if (this.opts.dryRun) return;
    this.state.instances.set(urn, updated);
    this.touch();
  }

  /** After a program that succeeded: the root stack resource's outputs become the stack's outputs. */
  commitStackOutputs(): void {
    const r = this.registered.get(this.rootUrn);
    if (!r || !this.rootOutputs) return;
    const outputs = this.rootOutputs;
    const updated: InstanceState = { ...r, attributes: { ...r.attributes, outputs } as InstanceState["attributes"] };
    this.registered.set(this.rootUrn, updated);
    if (this.opts.dryRun) return;
    this.state.instances.set(this.rootUrn, updated);
    this.state.outputs = Object.fromEntries(
      Object.entries(outputs).map(([k, v]) => [
        k,
        { value: plainOutput(v, false) as never, ...(containsSecret(v) ? { sensitive: true } : {}) },
      ]),
    );
    this.touch();
  }

  /**
   * A `pulumi.StackReference`: the outputs of the stack it names, read at once (not recorded: Pulumi reads it again
   * on every run), as the resource's properties `name`, `outputs` and `secretOutputNames`.
   */
  readStackReference(
    name: string,
    parent: string,
    stackName: string,
    stackOutputs: (stackName: string) => WireObject,
  ): RegistrationResult {
    this.refuseIfCancelled();
    const urn = makeUrn(this.opts.stack, this.opts.project, STACK_REFERENCE, name, parent || undefined);
    if (this.seen.has(urn)) throw new GantryError(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.seen.add(urn);
    const outputs = stackOutputs(stackName);
    const secretOutputNames = Object.keys(outputs).filter((k) => containsSecret(outputs[k]));
    this.emitStep("same", this.opts.dryRun ? "planned" : "done", urn, parent);
    return { urn, id: stackName, outputs: { name: stackName, outputs, secretOutputNames } };
  }

  /**
   * ReadResource: the object `id` of the type, read through its provider (given the properties the program passed)
   * and recorded as an external resource: later runs read it again, and one no longer read is forgotten, not deleted.
   */
  async readResource(req: ReadRequest): Promise<RegistrationResult> {
    this.refuseIfCancelled();
    if (this.failure) throw new GantryError(`not reading ${req.type} "${req.name}": the update has failed`);
    const unsupported = unsupportedValueKind(req.properties);
    if (unsupported)
      throw new GantryError(`${req.type} "${req.name}" is read with properties holding ${unsupported}: not supported`);
    if (req.parent && !this.registered.has(req.parent))
      throw new GantryError(`${req.type} "${req.name}": its parent ${req.parent} was not registered`);
    const urn = makeUrn(this.opts.stack, this.opts.project, req.type, req.name, req.parent || undefined);
    if (this.seen.has(urn)) throw new GantryError(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.seen.add(urn);
    const explicitRef = req.provider && !isDefaultProviderReference(req.provider) ? req.provider : undefined;
    const provider = this.provider(req.type, explicitRef);
    const providerRef = explicitRef ?? this.defaultProviders.reference(req.type, req.version ?? "");
    const old = this.old.get(urn);
    // as Pulumi: a managed resource now read by its own id is relinquished (kept, no longer managed: never deleted,
    // protected or not); read by another id, the managed object is replaced by the read one and deleted at the end
    const managed = old && !recorded(old).external ? old : undefined;
    const replacing = managed && recorded(managed).id !== req.id ? managed : undefined;
    const props = revealObject(req.properties);
    let live: WireObject | undefined;
    try {
      live = await provider.read(urn, req.id, props, props);
    } catch (e) {
      this.emitStep("read", "failed", urn, req.parent, [], { error: (e as Error).message });
      throw e;
    }
    if (!live) {
      const err = new GantryError(`reading ${req.type} "${req.name}": resource '${req.id}' does not exist`);
      this.emitStep("read", "failed", urn, req.parent, [], { error: err.message });
      throw err;
    }
    // what the program gave as secret stays secret
    const outputs = secretOutputs(live, req.properties, req.additionalSecretOutputs);
    this.counts.read++;
    this.emitStep("read", this.opts.dryRun ? "planned" : "done", urn, req.parent);
    if (managed)
      this.opts.onEvent({
        type: "log",
        severity: "info",
        urn,
        message: replacing
          ? `read replaces the managed object ${recorded(replacing).id}, which is deleted at the end of the update`
          : "relinquished: the stack no longer manages this resource (it is read, never deleted)",
      });
    if (replacing) this.replacedOld.push(replacing);
    const deposed = [...(old?.deposed ?? []), ...(replacing ? [replacing.attributes] : [])];
    const attrs: Recorded = {
      id: req.id,
      custom: true,
      parent: req.parent,
      inputs: req.properties,
      outputs,
      external: true,
      provider: providerRef,
    };
    this.record({
      address: urn,
      type: req.type,
      name: req.name,
      dependencies: [...new Set([...req.dependencies, ...(req.parent ? [req.parent] : [])])],
      ...(deposed.length ? { deposed } : {}),
      attributes: attrs as unknown as InstanceState["attributes"],
    });
    return { urn, id: req.id, outputs: req.acceptSecrets ? outputs : revealObject(outputs) };
  }

  /** The recorded outputs of a resource registered in this run, for Invoke("pulumi:pulumi:getResource"). */
  resourceOutputs(urn: string): { id: string; outputs: WireObject } | undefined {
    const r = this.registered.get(urn) ?? this.old.get(urn);
    return r ? { id: recorded(r).id, outputs: recorded(r).outputs } : undefined;
  }

  /**
   * After a program that ran to its end: delete (or, previewing, plan to delete) what it no longer registers and
   * the old objects of create-before-delete replacements, dependents before what they depend on.
   */
  async deleteUnregistered(): Promise<void> {
    this.refuseIfCancelled();
    const gone = [...this.old.values()].filter((i) => !this.seen.has(i.address));
    await this.deleteAll([...this.replacedOld.map((i) => ({ ...i, replaced: true })), ...gone]);
  }

  /** Destroy: every recorded resource. */
  async deleteEverything(): Promise<void> {
    await this.deleteAll([...this.old.values()]);
    if (!this.opts.dryRun) {
      this.state.outputs = {};
      this.touch();
    }
  }

  private async deleteAll(all: (InstanceState & { replaced?: boolean })[]): Promise<void> {
    // a resource may go once nothing left to delete depends on it or is its child (old objects of replacements at once)
    const byAddress = new Map(all.filter((c) => !c.replaced).map((c) => [c.address, c]));
    const targets = (o: InstanceState) => {
      const provider = recorded(o).provider;
      const on = [...o.dependencies, recorded(o).parent, ...(provider ? [providerReferenceUrn(provider)] : [])];
      return [...new Set(on)].map((a) => byAddress.get(a)).filter((t) => t && t !== o);
    };
    const blockers = new Map<InstanceState, number>();
    for (const o of all) if (!o.replaced) for (const t of targets(o)) blockers.set(t!, (blockers.get(t!) ?? 0) + 1);
    const left = new Set(all);
    const ready = all.filter((c) => c.replaced || !blockers.get(c));
    while (left.size) {
      // a cycle (never made by a program): the rest in any order
      const c = ready.shift() ?? left.values().next().value!;
      if (!left.delete(c)) continue;
      this.refuseIfCancelled();
      await this.deleteStep(c);
      if (c.replaced) continue;
      for (const t of targets(c)) {
        const n = (blockers.get(t!) ?? 1) - 1;
        blockers.set(t!, n);
        if (n === 0) ready.push(t!);
      }
    }
  }

  private async deleteStep(i: InstanceState & { replaced?: boolean }): Promise<void> {
    const r = recorded(i);
    // a default provider no resource refers to any more: dropped, an internal step (not shown or counted)
    if (isProviderType(i.type) && isDefaultProviderUrn(i.address)) {
      if (!this.opts.dryRun) {
        this.state.instances.delete(i.address);
        this.touch();
      }
      return;
    }
    if (!i.replaced) this.counts.delete++;
    if (r.protect && !i.replaced) {
      const err = new GantryError(
        `unable to delete resource "${i.address}"\nas it is currently marked for protection. To unprotect the ` +
          "resource, remove the `protect` flag from the resource in your Pulumi program and run `gantry pulumi up`",
      );
      this.emitStep("delete", "failed", i.address, r.parent, [], { error: err.message });
      throw err;
    }
    if (this.opts.dryRun) {
      if (!i.replaced) this.emitStep("delete", "planned", i.address, r.parent);
      return;
    }
    if (!i.replaced) this.emitStep("delete", "start", i.address, r.parent);
    try {
      await this.deleteObject(i);
    } catch (e) {
      if (!i.replaced) this.emitStep("delete", "failed", i.address, r.parent, [], { error: (e as Error).message });
      throw e;
    }
    if (i.replaced) {
      const now = this.state.instances.get(i.address);
      const rest = (now?.deposed ?? []).filter((d) => d !== i.attributes);
      if (now) this.state.instances.set(i.address, { ...now, deposed: rest.length ? rest : undefined });
    } else {
      this.state.instances.delete(i.address);
      this.emitStep("delete", "done", i.address, r.parent);
    }
    this.touch();
  }

  /**
   * Deletes the old objects of create-before-delete replacements that earlier runs left (their failure came before
   * the delete), as Pulumi deletes resources pending deletion at the end of a run whose program succeeded (and in a
   * destroy); previewing, plans to.
   */
  async retirePendingDeletes(): Promise<void> {
    for (const i of [...this.old.values()]) {
      for (const attrs of i.deposed ?? []) {
        this.refuseIfCancelled();
        const r = attrs as unknown as Recorded;
        this.counts.delete++;
        if (this.opts.dryRun) {
          this.emitStep("delete", "planned", i.address, r.parent);
          continue;
        }
        this.opts.onEvent({ type: "log", severity: "info", urn: i.address, message: PENDING_DELETE });
        this.emitStep("delete", "start", i.address, r.parent);
        try {
          await this.deleteObject({ ...i, attributes: attrs });
        } catch (e) {
          this.emitStep("delete", "failed", i.address, r.parent, [], { error: (e as Error).message });
          throw e;
        }
        // the object is gone: the instance keeps the deposed objects not deleted yet
        const now = this.state.instances.get(i.address) ?? i;
        const rest = (now.deposed ?? []).filter((d) => d !== attrs);
        const updated: InstanceState = { ...now, deposed: rest.length ? rest : undefined };
        this.state.instances.set(i.address, updated);
        this.old.set(i.address, updated);
        this.touch();
        this.emitStep("delete", "done", i.address, r.parent);
      }
    }
  }

  /**
   * Refresh: reads every recorded custom resource through its provider (`parallel` at once). A resource the provider
   * no longer finds is dropped from the state; one whose outputs changed gets them recorded (inputs are kept, so the
   * next update shows the drift as the change that repairs it). Components and the stack are unchanged. Previewing,
   * the run's view is refreshed and nothing is recorded. `tally`: count and show its steps (a refresh of its own);
   * before an update (whose summary counts the update's steps) what it found is logged on the resource instead.
   */
  async refresh(parallel: number, tally = true): Promise<void> {
    const all = [...this.old.values()];
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        this.refuseIfCancelled();
        await this.refreshOne(all[next++], tally);
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: Math.max(1, Math.min(parallel, all.length)) }, worker),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  private async refreshOne(i: InstanceState, tally: boolean): Promise<void> {
    const r = recorded(i);
    const phase = this.opts.dryRun ? "planned" : "done";
    const counts = tally ? this.counts : { ...this.counts };
    const show = (op: StepOp, diffs: PropertyDiff[] = []) => {
      if (tally) this.emitStep(op, phase, i.address, r.parent, diffs);
      else if (op !== "same") {
        const what =
          op === "delete" ? "the resource is gone" : `its outputs changed (${diffs.map((d) => d.key).join(", ")})`;
        this.opts.onEvent({ type: "log", severity: "info", urn: i.address, message: `refresh: ${what}` });
      }
    };
    if (isProviderType(i.type)) return;
    if (!r.custom) {
      counts.same++;
      show("same");
      return;
    }
    const provider = this.provider(i.type, r.provider);
    let live: WireObject | undefined;
    try {
      live = await provider.read(i.address, r.id, revealObject(r.outputs), revealObject(r.inputs));
    } catch (e) {
      this.emitStep("update", "failed", i.address, r.parent, [], { error: (e as Error).message });
      throw e;
    }
    if (!live) {
      counts.delete++;
      this.old.delete(i.address);
      if (!this.opts.dryRun) {
        this.state.instances.delete(i.address);
        this.touch();
      }
      show("delete");
      return;
    }
    // what was secret stays secret
    const outputs: WireObject = {};
    for (const [k, v] of Object.entries(live))
      outputs[k] = k in r.outputs && containsSecret(r.outputs[k]) ? makeSecret(revealSecrets(v)) : v;
    const diffs = inputDiffs(r.outputs, outputs);
    const d = await provider.diff(i.address, r.id, revealObject(outputs), revealObject(r.inputs));
    const op: StepOp = (d.changes ?? diffs.length > 0) ? "update" : "same";
    counts[op]++;
    const updated: InstanceState = { ...i, attributes: { ...r, outputs } as unknown as InstanceState["attributes"] };
    this.old.set(i.address, updated);
    if (!this.opts.dryRun && diffs.length) {
      this.state.instances.set(i.address, updated);
      this.touch();
    }
    show(op, op === "update" ? diffs : []);
  }

  private async deleteObject(i: InstanceState): Promise<void> {
    const r = recorded(i);
    if (!r.custom || r.retainOnDelete || r.external || isProviderType(i.type)) return;
    const provider = this.provider(i.type, r.provider);
    await this.asPending(i.address, "deleting", () => provider.delete(i.address, r.id, revealObject(r.outputs)));
  }
}

const CANCELLED = "update canceled";
const STACK_REFERENCE = "pulumi:pulumi:StackReference";
/** What Pulumi says before it deletes what an earlier update left pending deletion. */
const PENDING_DELETE = "completing deletion from previous update";

type PlannedOutputs = (urn: string, prior: WireObject | undefined, news: WireObject) => WireObject;

/** The inputs that differ between the recorded ones and the new ones. */
export function inputDiffs(olds: WireObject, news: WireObject): PropertyDiff[] {
  const out: PropertyDiff[] = [];
  for (const k of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    const o = olds[k];
    const n = news[k];
    if (o === undefined && n !== undefined) out.push({ key: k, kind: "add", new: n });
    else if (n === undefined && o !== undefined) out.push({ key: k, kind: "delete", old: o });
    else if (n === UNKNOWN_VALUE || !wireEqual(revealSecrets(o ?? null), revealSecrets(n ?? null)))
      out.push({ key: k, kind: "update", old: o, new: n });
  }
  return out;
}

/** ignoreChanges: the listed properties keep their recorded values ("a.b" names a nested property). */
export function applyIgnoreChanges(news: WireObject, olds: WireObject, paths: readonly string[]): WireObject {
  if (!paths.length) return news;
  const out = structuredClone(news);
  for (const path of paths) {
    const keys = path.split(".");
    let from: WireValue | undefined = olds;
    let to: WireObject = out;
    for (let n = 0; n < keys.length; n++) {
      const k = keys[n];
      const last = n === keys.length - 1;
      const fromValue: WireValue | undefined =
        from !== null && typeof from === "object" && !Array.isArray(from) ? from[k] : undefined;
      if (last) {
        if (fromValue === undefined) delete to[k];
        else to[k] = fromValue;
      } else {
        const next = to[k];
        if (next === null || typeof next !== "object" || Array.isArray(next)) break;
        to = next;
        from = fromValue;
      }
    }
  }
  return out;
}
