// What a plan contains: one change per resource instance, plus drift found
// by refresh and the outputs' new values.

import type { InstanceKey } from "./addresses.js";
import type { DeposedRef } from "./deposed-ref.js";
import type { HostLimitation } from "../contract/host-limitation.js";
import type { Attrs, Value } from "../contract/values.js";

export type Action = "create" | "update" | "delete" | "replace" | "noop" | "read";

export type ChangeReason =
  | "tainted"
  | "replace-requested"
  | "replace-triggered"
  | "cannot-update"
  | "deleted-outside"
  | "no-configuration"
  | "index-gone"
  | "destroy"
  | "deposed";

export interface ResourceChange {
  /** The instance's address; for a deposed object, its display address ("gantry_noop.a (deposed 0)"). */
  address: string;
  /** "type.name" */
  resourceKey: string;
  type: string;
  name: string;
  key?: InstanceKey;
  action: Action;
  replaceOrder?: "destroy-before-create" | "create-before-destroy";
  reason?: ChangeReason;
  before: Attrs | null;
  after: Attrs | null;
  /** The attributes whose change forces the replacement. */
  requiresReplace: string[];
  /** Resource keys this instance depends on in the configuration. */
  dependsOn: string[];
  /**
   * Some configured attribute is unknown until apply: its configuration is evaluated again
   * when its dependencies are done.
   */
  deferred: boolean;
  /** The address the object had in state before this plan's moves (moved blocks, count added or removed). */
  previousAddress?: string;
  /** The instance is imported by this plan (an import block): the id it was read by. */
  importing?: { id: string };
  /** For a deposed object (left by create_before_destroy): which one. */
  deposed?: DeposedRef;
  /** Attributes whose values come from sensitive variables (or are sensitive in the type's schema): never printed. */
  sensitive?: string[];
  /** Rolling update: the group and 1-based batch this change belongs to. */
  batch?: { group: string; index: number; pauseSeconds?: number };
  /** Rolling update: the member key and group, for member-by-member ordering inside the group. */
  rollingGroup?: string;
  /** A delete that forgets the object (removes it from state) instead of destroying it (lifecycle destroy = false). */
  forget?: boolean;
  /** What the type said when last applied (e.g. it restarted a stray process). */
  warnings?: string[];
  /** What the type says it could not do on the host (e.g. no package here): shown in plan, apply and show. */
  limitations?: HostLimitation[];
  /** The host this instance is on did not answer when planning: its state is unknown (kept as recorded). */
  unreachableHost?: string;
}

export interface DriftEntry {
  address: string;
  kind: "changed" | "deleted";
  before: Attrs;
  after: Attrs | null;
}

export interface OutputChange {
  name: string;
  before?: Value;
  after: Value;
  sensitive: boolean;
  /** A front end's own output (OutputConfig.internal): never shown. */
  internal?: boolean;
}

export interface RollingBatches {
  group: string;
  batchSize: number;
  minInService: number;
  /** Members of the group, and how many stay untouched while a batch changes. */
  members: number;
  kept: number;
  /** Member keys per batch, in order. */
  batches: string[][];
}

export type PlanMode = "normal" | "destroy" | "refresh-only";

/** The address of the instance a change acts on (for a deposed object, the instance it belonged to). */
export function instanceAddressOf(c: ResourceChange): string {
  return c.deposed ? c.deposed.address : c.address;
}

export function isChange(c: ResourceChange): boolean {
  return c.action !== "noop";
}

export function changeSummary(changes: ResourceChange[]): { add: number; change: number; destroy: number } {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const c of changes) {
    if (c.action === "create") add++;
    else if (c.action === "update") change++;
    else if (c.action === "delete") destroy++;
    else if (c.action === "replace") {
      add++;
      destroy++;
    }
  }
  return { add, change, destroy };
}
