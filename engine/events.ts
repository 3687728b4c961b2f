// What an engine operation reports while it runs. Doors (the CLI, the API
// server, the Pulumi engine) render these; the engine itself never prints.

import type { Diagnostic } from "../contract/diagnostics.js";
import type { AddressedHostLimitation } from "../contract/host-limitation.js";
import type { HostLimitationGroup } from "./host-limitation-groups.js";
import type { ResourceChange } from "../planner/changes.js";
import type { ApplyEvent, ApplyResult } from "../planner/apply.js";
import type { SourceFile } from "../planner/model.js";
import type { Plan } from "../planner/plan.js";
import type { State } from "../planner/state.js";

export type EngineEvent =
  /** The configuration being worked on: where its files are, for locating errors. */
  | { type: "configuration"; dir: string; files?: SourceFile[] }
  /**
   * A step of preparing a plan is done (for a door's progress display, and the benches' timings): the state read;
   * the configuration's files read and its variables resolved. The `configuration` event with the files follows once
   * clusters and modules are expanded.
   */
  | { type: "progress"; step: "state-read" | "configuration-read" }
  /** Located warnings (e.g. an even number of ZooKeeper members). */
  | { type: "warnings"; diagnostics: Diagnostic[] }
  /** A plan is ready (shown before approval). */
  | { type: "plan"; plan: Plan }
  /** The apply walk begins or ends. */
  | { type: "apply-begin" }
  | { type: "apply-end" }
  /** A resource started, finished, failed, was skipped or cancelled, logged or warned. */
  | { type: "resource"; event: ApplyEvent }
  /** An apply finished (completely or not): its counts, the outputs recorded, where the state is. */
  | { type: "summary"; mode: Plan["mode"]; result: ApplyResult; outputs: State["outputs"]; statePath: string }
  /**
   * What gantry cannot do on the hosts (a package no reachable repository has, the services that need it): after a
   * plan (what it will not do) and before an apply's summary (what it did not do); each limitation and the groups
   * doors show.
   */
  | {
      type: "host-limitations";
      phase: "plan" | "apply";
      limitations: AddressedHostLimitation[];
      groups: HostLimitationGroup[];
    }
  /** A cluster host did not answer: it is marked failed and its nodes placed again on the remaining hosts. */
  | { type: "host-lost"; host: string; reason: string }
  /** A reconcile round's log line (drift found, repair started, repaired, failed, gave up …). */
  | { type: "reconcile"; kind: string; text: string; change?: ResourceChange };

export type EventSink = (e: EngineEvent) => void;
