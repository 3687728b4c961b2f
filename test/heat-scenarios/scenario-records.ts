// The shapes of test/heat-scenarios/scenarios.json (what to run) and of a
// recording in test/heat-scenarios/recorded/ (what the real Heat did), and
// the normalisation both sides apply to what differs from run to run.
// scripts/record-heat-scenarios.mjs writes these records; the gantry-side
// runner produces the same shape so that scenario-comparison.ts can compare.

/** A template, environment or file: a path under the peer folder, or given inline (as parsed). */
export type SourceRef = string | Record<string, unknown>;

export interface ScenarioStep {
  /** preview_update: Heat's update preview (PUT/PATCH .../preview), which changes nothing. */
  /** abandon: forget the stack keeping its resources; adopt: a new stack from adopt data (ids compared by name). */
  op: "create" | "update" | "preview_update" | "delete" | "action" | "wait" | "abandon" | "adopt";
  /** adopt: the data inline (Heat's adopt_stack_data, as parsed). */
  adoptData?: Record<string, unknown>;
  /** adopt: "abandoned" (what the last abandon returned) or "abandoned.resources.NAME" (one nested stack of it). */
  adoptFrom?: string;
  template?: SourceRef;
  environment?: SourceRef;
  /** Heat's `environment_files`: names in `files`, applied in order before `environment`. */
  environmentFiles?: string[];
  files?: Record<string, SourceRef>;
  parameters?: Record<string, unknown>;
  clearParameters?: string[];
  /** PATCH (true) or PUT. */
  existing?: boolean;
  /** Heat's default in the functional tests: true. */
  disableRollback?: boolean;
  timeoutMins?: number;
  /** For `action`: check, suspend, resume, cancel_update … */
  action?: string;
  /** The stack status Heat's own test expects after the step (default: ACTION_COMPLETE). */
  expect?: string;
  /** The HTTP status Heat's test expects the request to be refused with. */
  expectError?: number;
  /** For an `expect: *_IN_PROGRESS` step: resources that must be complete while the stack still is in progress. */
  waitForResources?: string[];
  /** This step's random outputs (instead of the scenario's). */
  randomOutputs?: string[];
  /**
   * Where Heat itself differs from run to run (a race between two failing resources): "outcome" compares only the
   * error, the stack's status, the resource names and types and the outputs, not resource statuses, ids or events.
   */
  compareOnly?: "outcome";
  /** Where the stack's reason differs from run to run: a regular expression the reason must match instead. */
  reasonMatches?: string;
  /** Resources to wait for until they have these statuses ("UPDATE_IN_PROGRESS"), as Heat's test does. */
  waitForResourceStatus?: Record<string, string>;
}

export interface Scenario {
  module: string;
  name: string;
  /** The Heat test (class.method) this scenario follows. */
  heatTest: string;
  /** The scenario family of issue #9 it covers. */
  family: string;
  /** What Heat's test asserts, in words. */
  asserts: string[];
  steps: ScenarioStep[];
  /** Outputs (and `resource.attribute` keys) whose values are random: recorded as their shape. */
  randomOutputs?: string[];
  /** [resource, attribute] pairs recorded after each step. */
  watchAttributes?: [string, string][];
  /** Stack parameters recorded after each step. */
  watchParameters?: string[];
  /** How deep to list nested stacks' resources (default 2). */
  nestedDepth?: number;
  /** Compare events' reasons too (default: only resource names and action_status). */
  compareEventReasons?: boolean;
  /** Where the real Heat 19 does not do what Heat's test expects, and what the recording holds. */
  note?: string;
  /** Why this scenario is defined but not recorded (yet). */
  notRecorded?: string;
}

export interface ScenarioCatalogue {
  description: string;
  /** The peer folder holding Heat's templates, relative to the repository root. */
  peerDir: string;
  scenarios: Scenario[];
}

/** How a resource's physical id relates to the previous step's. */
export type PhysicalIdChange = "new" | "kept" | "changed" | "none";

export interface RecordedResource {
  /** Logical name; nested stacks' resources as "parent/child". */
  name: string;
  type: string;
  /** ACTION_STATUS */
  status: string;
  physicalId: PhysicalIdChange;
  /** The step after which this physical id was first seen (0-based). */
  idFirstSeenAtStep?: number;
}

export interface RecordedValue {
  value?: unknown;
  /** For random values: strings as {string: length}, lists and maps element-wise. */
  shape?: unknown;
  sameAsPreviousStep?: boolean;
  error?: string;
}

export interface RecordedStep {
  op: ScenarioStep["op"];
  /** The request was refused: HTTP status and Heat's error type and message. */
  error?: { code: number; type: string; message: string };
  stack?: { status: string; reason: string };
  /** abandon: what Heat returned, summarised (abandonSummary). */
  abandoned?: unknown;
  /** preview_update: the logical names in each section of Heat's resource_changes, sorted. */
  preview?: Record<"unchanged" | "updated" | "replaced" | "added" | "deleted", string[]>;
  resources?: RecordedResource[];
  outputs?: Record<string, RecordedValue>;
  /** Groups of output keys whose values are equal. */
  equalOutputs?: string[][];
  attributes?: Record<string, RecordedValue>;
  parameters?: Record<string, unknown>;
  /** The stack's events during the step, in order: [resource name ("<stack>": the stack), ACTION_STATUS, reason]. */
  events?: [string, string, string?][];
  seconds?: number;
}

export interface Recording {
  scenario: string;
  recordedWith: { heat: string; at: string };
  steps: RecordedStep[];
}

export function scenarioKey(s: Scenario): string {
  return `${s.module}__${s.name}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The run's stack name becomes "<stack>", UUIDs "<uuid>", and the 12-character
 * random part of names derived from the stack's (nested stacks, physical
 * resource names: "<stack>-secret1-<id>") "<id>". (The recorder does the same.)
 */
export function normaliseText(s: string, stackNames: string | string[]): string {
  let out = s;
  const names = typeof stackNames === "string" ? [stackNames] : [...stackNames].sort((a, b) => b.length - a.length);
  for (const n of names) out = out.split(n).join("<stack>");
  return out.replace(UUID, "<uuid>").replace(/<stack>[\w.-]*/g, (tok) => tok.replace(/-[a-z0-9]{12}(?=-|$)/g, "-<id>"));
}

export function normaliseValue(v: unknown, stackNames: string | string[]): unknown {
  if (typeof v === "string") return normaliseText(v, stackNames);
  if (Array.isArray(v)) return v.map((x) => normaliseValue(x, stackNames));
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseValue(x, stackNames)]));
  }
  return v;
}

interface AbandonedResource {
  type?: string;
  action?: string;
  status?: string;
  template?: unknown;
  resources?: Record<string, AbandonedResource>;
}

/** What an abandon returns, without what differs per run (ids, resource data): keys, template, resources. */
export function abandonSummary(data: Record<string, unknown>, stackNames: string[]): unknown {
  const resources = (rs: Record<string, AbandonedResource> | undefined): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(rs ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, r]) => [
          k,
          {
            type: r.type,
            action: r.action,
            status: r.status,
            ...(r.template ? { template: r.template } : {}),
            ...(r.resources ? { resources: resources(r.resources) } : {}),
          },
        ]),
    );
  const summary = {
    keys: Object.keys(data).sort(),
    template: data.template,
    resources: resources(data.resources as Record<string, AbandonedResource> | undefined),
  };
  return normaliseValue(summary, stackNames);
}

/** A random value as its shape: strings by length, lists and maps element-wise. */
export function shapeOf(v: unknown): unknown {
  if (typeof v === "string") return { string: v.length };
  if (Array.isArray(v)) return v.map(shapeOf);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]));
  return v;
}
