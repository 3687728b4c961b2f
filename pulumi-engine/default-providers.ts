// Default provider resources as Pulumi's engine records them (pkg/resource/deploy/default_providers.go,
// providers/provider.go): a custom resource that names no provider gets its package's default one, a resource of
// type `pulumi:providers:<pkg>` named `default` (or `default_<major>_<minor>_<patch>[_<pre>...][_<build>...]` for a
// requested version), without a parent, whose inputs (and outputs) are the stack's config of the package plus
// `version`; its id is a UUID made when it is created and kept while it lives. Each resource records the reference
// `<provider urn>::<provider id>` in `provider`. Their steps are internal, as in Pulumi: neither shown nor counted.
// A default provider no resource of a run refers to any more is deleted (dropped: no plugin call) at its end.

import { randomUUID } from "node:crypto";
import { GantryError } from "../contract/diagnostics.js";
import type { InstanceState } from "../planner/state.js";
import { makeUrn } from "./urn.js";
import { UNKNOWN_VALUE, type WireObject, wireEqual } from "./wire-values.js";

export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** True for a provider resource's type (`pulumi:providers:<pkg>`). */
export function isProviderType(type: string): boolean {
  return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** The package of a resource type token (`aws:s3/bucket:Bucket` → `aws`). */
export function packageOfType(type: string): string {
  return type.split(":")[0];
}

/** Pulumi's ProviderRequest.DefaultName for a requested version ("" for none). */
export function defaultProviderName(version: string): string {
  if (!version) return "default";
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
  if (!m) throw new GantryError(`provider version ${JSON.stringify(version)} is not a semantic version`);
  const parts = [m[1], m[2], m[3], ...(m[4]?.split(".") ?? []), ...(m[5]?.split(".") ?? [])];
  return `default_${parts.map((p) => p.replace(/-/g, "_")).join("_")}`;
}

/** Whether a provider URN is a default provider's (named `default` or `default_<version>`, as Pulumi tells them). */
export function isDefaultProviderUrn(urn: string): boolean {
  const name = urn.split("::").slice(3).join("::");
  return isProviderType(urn.split("::")[2] ?? "") && /^default(_|$)/.test(name);
}

/** Whether a provider reference (`<urn>::<id>`) names a default provider. */
export function isDefaultProviderReference(reference: string): boolean {
  return isDefaultProviderUrn(providerReferenceUrn(reference));
}

/** A provider reference as recorded: `<urn>::<id>`. */
export function providerReference(urn: string, id: string): string {
  return `${urn}::${id}`;
}

/** The URN of a provider reference. */
export function providerReferenceUrn(reference: string): string {
  return reference.slice(0, reference.lastIndexOf("::"));
}

export interface DefaultProvidersOptions {
  stack: string;
  project: string;
  dryRun: boolean;
  /** The stack's config of a package (Pulumi's GetPackageConfig), in wire form (secrets wrapped). */
  packageConfig: (pkg: string) => WireObject;
  /** The provider as recorded before the run. */
  recordedInstance: (urn: string) => InstanceState | undefined;
  /** Records the provider resource (and marks its URN as registered by the run). */
  record: (instance: InstanceState) => void;
}

export class DefaultProviders {
  private readonly references = new Map<string, string>();

  constructor(private readonly opts: DefaultProvidersOptions) {}

  /** The reference to the default provider of `type`'s package at `version`, recorded on first use in the run. */
  reference(type: string, version: string): string {
    const pkg = packageOfType(type);
    const key = `${pkg}@${version}`;
    const known = this.references.get(key);
    if (known) return known;
    const providerType = `${PROVIDER_TYPE_PREFIX}${pkg}`;
    const name = defaultProviderName(version);
    const urn = makeUrn(this.opts.stack, this.opts.project, providerType, name);
    const inputs: WireObject = { ...this.opts.packageConfig(pkg), ...(version ? { version } : {}) };
    const old = this.opts.recordedInstance(urn);
    const oldAttrs = old?.attributes as { id?: string; inputs?: WireObject } | undefined;
    // a new provider has no id before it is created: a preview refers to it by the unknown id, as Pulumi does
    const id = oldAttrs?.id || (this.opts.dryRun ? UNKNOWN_VALUE : randomUUID());
    const unchanged = old && wireEqual(oldAttrs?.inputs ?? {}, inputs);
    const attributes = unchanged
      ? old.attributes
      : ({ id, custom: true, parent: "", inputs, outputs: inputs } as unknown as InstanceState["attributes"]);
    this.opts.record({ address: urn, type: providerType, name, dependencies: [], attributes });
    const reference = providerReference(urn, id);
    this.references.set(key, reference);
    return reference;
  }
}
