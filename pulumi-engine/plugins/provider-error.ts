// A resource provider's failure as the client reports it: the gRPC status and the provider's own message, and for a
// resource that was created (or updated) but did not initialize, what Pulumi's ErrorResourceInitFailed detail
// carries (the ID and properties to record, and the reasons), so the door can keep the resource in its state as
// Pulumi's engine does.

import type { PropertyMap } from "./property-value.js";

export class ProviderError extends Error {
  constructor(
    /** The provider operation: "Create", "Diff", ... */
    readonly operation: string,
    /** The gRPC status code (2 UNKNOWN for a thrown error, 12 UNIMPLEMENTED, 14 UNAVAILABLE, ...). */
    readonly code: number,
    /** The provider's message, as it sent it. */
    readonly providerMessage: string,
  ) {
    super(providerMessage);
    this.name = "ProviderError";
  }

  get unimplemented(): boolean {
    return this.code === 12;
  }
}

/** The resource exists (it has an ID) but failed to initialize. */
export class ResourceInitError extends ProviderError {
  constructor(
    operation: string,
    code: number,
    providerMessage: string,
    readonly id: string,
    readonly properties: PropertyMap,
    readonly reasons: readonly string[],
    readonly inputs?: PropertyMap,
  ) {
    super(operation, code, providerMessage);
    this.name = "ResourceInitError";
  }
}
