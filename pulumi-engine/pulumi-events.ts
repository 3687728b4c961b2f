// What a Pulumi operation reports while it runs; the door (the CLI) renders these as `pulumi` prints them.

import type { WireObject, WireValue } from "./wire-values.js";

/** `read`: a resource the program reads by id (`Resource.get`, a custom resource with the `id` option). */
export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "read";

export interface PropertyDiff {
  key: string;
  kind: "add" | "update" | "delete";
  old?: WireValue;
  new?: WireValue;
}

export type PulumiEvent =
  /** A run starts: an update, a destroy or (refresh) a refresh, or a preview of one (dryRun). */
  | { type: "begin"; dryRun: boolean; destroy: boolean; refresh?: boolean; stack: string }
  /** A step is planned (preview), starts, finishes or fails (up, destroy). */
  | {
      type: "step";
      op: StepOp;
      phase: "planned" | "start" | "done" | "failed";
      urn: string;
      resourceType: string;
      name: string;
      /** How deep under the root stack resource (for indentation). */
      depth: number;
      diffs: PropertyDiff[];
      /** The properties whose change replaces the resource. */
      replaces?: string[];
      error?: string;
    }
  /** A message the program or a provider logged (pulumi.log.*, the program's own error and stack trace). */
  | { type: "log"; severity: "debug" | "info" | "warning" | "error"; message: string; urn?: string }
  /** The root stack resource's outputs (as the SDK registered them). */
  | { type: "outputs"; outputs: WireObject }
  | { type: "summary"; dryRun: boolean; destroy: boolean; ok: boolean; counts: Record<StepOp, number>; ms: number };

export type PulumiEventSink = (e: PulumiEvent) => void;
