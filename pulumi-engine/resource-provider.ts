// What the deployment asks of the provider of a custom resource, in Pulumi's ResourceProvider terms (check, diff,
// create, update, delete), with values in wire form and secrets already revealed (gantry's providers, like the SDK's
// dynamic-provider plugin, do not accept secrets: the deployment keeps them secret around the call).

import type { WireObject } from "./wire-values.js";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface ProviderDiff {
  /** true: changes; false: none; undefined: the provider cannot tell (the deployment compares inputs). */
  changes: boolean | undefined;
  /** Properties whose change replaces the resource. */
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CustomResourceProvider {
  check(
    urn: string,
    olds: WireObject | undefined,
    news: WireObject,
  ): Promise<{
    inputs: WireObject;
    failures: CheckFailure[];
  }>;
  diff(urn: string, id: string, oldOutputs: WireObject, news: WireObject): Promise<ProviderDiff>;
  /** preview: what the outputs will be, as far as known now (no change made). */
  create(urn: string, news: WireObject): Promise<{ id: string; outputs: WireObject }>;
  update(urn: string, id: string, oldOutputs: WireObject, news: WireObject): Promise<WireObject>;
  delete(urn: string, id: string, outputs: WireObject): Promise<void>;
  /** Refresh: the object's live outputs, or undefined when it is gone. */
  read(urn: string, id: string, outputs: WireObject, inputs: WireObject): Promise<WireObject | undefined>;
}

/**
 * A create or update that made (or changed) the object but could not finish initializing it (Pulumi's
 * ErrorResourceInitFailed): the object's id and outputs are recorded, with the reasons, and the step fails.
 */
export class ResourceInitFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: WireObject,
    readonly reasons: readonly string[],
  ) {
    super(message);
    this.name = "ResourceInitFailure";
  }
}

/** A provider resource the program made itself (`new pulumi.ProviderResource(...)`), as recorded. */
export interface ExplicitProvider {
  urn: string;
  id: string;
  /** Its inputs (its config), in wire form: what its plugin is configured with. */
  inputs: WireObject;
}

/**
 * Where the deployment finds the provider of a custom resource type (undefined: no provider can run it here): its
 * package's default provider, or the explicit provider resource the resource names.
 */
export type ProviderResolver = (type: string, explicit?: ExplicitProvider) => CustomResourceProvider | undefined;
