// What the Heat API asks of the stack service: every operation that changes
// or computes something. Reads of records (list, show, resources, events)
// go to the StackStore directly. Failures are HeatError (status, Heat's type
// and message); work that runs on (create, update, delete …) returns once
// accepted and reports through the stack's status and events.

import type { SoftwareConfigService } from "./software-config-service.js";
import type { SnapshotRecord } from "./stack-snapshot-store.js";
import type { StackStore } from "./stack-store.js";
import type { StackOutputRecord, StackRecord, StackSource, TokenRecord } from "./stack-records.js";

/** Who asks: the token's holder. */
export type Caller = TokenRecord;

export interface CreateStackRequest {
  name: string;
  source: StackSource;
  tags?: string[];
  disableRollback?: boolean;
  timeoutMins?: number;
  /** Adopt (Heat's `adopt_stack_data`, what abandon returned): take over these resources instead of creating them. */
  adoptStackData?: Record<string, unknown>;
}

export interface UpdateStackRequest {
  /** PUT replaces the template, environment, files and parameters; PATCH (`existing`) keeps what is not given. */
  existing: boolean;
  /** Absent with PATCH: the current template. */
  template?: Record<string, unknown>;
  environments?: Record<string, unknown>[];
  files?: Record<string, string>;
  parameters?: Record<string, unknown>;
  /** PATCH: parameters to reset to their defaults. */
  clearParameters?: string[];
  tags?: string[];
  disableRollback?: boolean;
  timeoutMins?: number;
}

/** A resource as a preview shows it (Heat's preview resource fields, in gantry's names). */
export interface PreviewResource {
  name: string;
  type: string;
  properties: Record<string, unknown>;
  requiredBy: string[];
}

export interface UpdatePreview {
  unchanged: PreviewResource[];
  updated: PreviewResource[];
  replaced: PreviewResource[];
  added: PreviewResource[];
  deleted: PreviewResource[];
}

/** Heat's `POST .../actions` bodies. */
export type StackActionName = "cancel_update" | "cancel_without_rollback" | "check" | "suspend" | "resume";

/** Heat's template validation result, in Heat's own field names (Description, Parameters, ParameterGroups). */
export type ValidationResult = Record<string, unknown>;

/** One entry of `GET /template_versions`, in Heat's field names. */
export interface TemplateVersionInfo {
  /** "heat_template_version.2016-04-08" */
  version: string;
  type: "hot" | "cfn";
  /** The version's names ("mitaka"). */
  aliases: string[];
}

/** One entry of `GET /template_versions/{version}/functions`, in Heat's field names. */
export interface TemplateFunctionInfo {
  functions: string;
  description: string;
}

/** Filters of `GET /resource_types` (Heat's query parameters). */
export interface ResourceTypeFilter {
  /** A regular expression the type name must match (Heat's `name`). */
  name?: string;
  /** SUPPORTED, DEPRECATED, UNSUPPORTED, HIDDEN … */
  supportStatus?: string;
  /** The Heat version the type appeared in. */
  version?: string;
}

/** The catalog the API shows (template versions and their functions, resource types): data, no stack involved. */
export interface HeatCatalog {
  templateVersions(): Promise<TemplateVersionInfo[]>;
  /** Throws HeatError 404 NotFound ("Template with version … not found") for an unknown version. */
  templateFunctions(version: string, withConditionFunctions: boolean): Promise<TemplateFunctionInfo[]>;
  /** Type names, sorted as Heat lists them, with their descriptions when asked. */
  resourceTypes(
    filter: ResourceTypeFilter,
    withDescription: boolean,
  ): Promise<string[] | { resource_type: string; description: string }[]>;
  /**
   * Heat's schema of a type (`resource_type`, `properties`, `attributes`, `support_status`, `description`);
   * 404 EntityNotFound for an unknown type.
   */
  resourceTypeSchema(type: string, withDescription: boolean): Promise<Record<string, unknown>>;
  /** A template using the type with every property as a parameter (Heat's generate_template). */
  resourceTypeTemplate(type: string, templateType: "hot" | "cfn"): Promise<Record<string, unknown>>;
}

export interface StackOperations {
  readonly store: StackStore;
  /** Template versions, functions and resource types (absent: the API answers those routes 501). */
  readonly catalog?: HeatCatalog;
  /** Software configs and deployments (absent: the API answers those routes 501). */
  readonly softwareConfigs?: SoftwareConfigService;

  /** Checks the request, records the stack CREATE_IN_PROGRESS and starts creating it. */
  create(caller: Caller, req: CreateStackRequest): Promise<StackRecord>;
  /** The stack as it would be created (Heat's preview: resources with their properties). */
  previewCreate(caller: Caller, req: CreateStackRequest): Promise<{ stack: StackRecord; resources: PreviewResource[] }>;
  update(caller: Caller, stack: StackRecord, req: UpdateStackRequest): Promise<void>;
  previewUpdate(caller: Caller, stack: StackRecord, req: UpdateStackRequest): Promise<UpdatePreview>;
  delete(caller: Caller, stack: StackRecord): Promise<void>;
  action(caller: Caller, stack: StackRecord, action: StackActionName): Promise<void>;
  /** Abandons the stack: forgets it, keeping its resources, and returns what adopt takes. */
  abandon(caller: Caller, stack: StackRecord): Promise<Record<string, unknown>>;

  /** Takes a snapshot of the stack (SNAPSHOT_IN_PROGRESS …); returns it IN_PROGRESS. Absent: not served (501). */
  snapshot?(caller: Caller, stack: StackRecord, name: string | null): Promise<SnapshotRecord>;
  /** The stack's snapshot, or 404 NotFound. */
  findSnapshot?(caller: Caller, stack: StackRecord, snapshotId: string): Promise<SnapshotRecord>;
  listSnapshots?(caller: Caller, stack: StackRecord): Promise<SnapshotRecord[]>;
  deleteSnapshot?(caller: Caller, stack: StackRecord, snapshotId: string): Promise<void>;
  /** Updates the stack back to the snapshot's sources (RESTORE_IN_PROGRESS …). */
  restoreSnapshot?(caller: Caller, stack: StackRecord, snapshotId: string): Promise<void>;

  validate(caller: Caller, source: StackSource, opts?: { showNested?: boolean }): Promise<ValidationResult>;
  /** The stack's outputs, computed from its state. */
  outputs(stack: StackRecord): Promise<StackOutputRecord[]>;

  /**
   * A resource's metadata as Heat's metadata API answers it: the template's, resolved, with its signals. Absent:
   * the recorded metadata.
   */
  resourceMetadata?(stack: StackRecord, resourceName: string): Promise<Record<string, unknown>>;

  /** Signals a resource (Heat's `POST .../resources/{name}/signal`). */
  signal(caller: Caller, stack: StackRecord, resourceName: string, data: unknown): Promise<void>;
  markUnhealthy(
    caller: Caller,
    stack: StackRecord,
    resourceName: string,
    unhealthy: boolean,
    reason: string,
  ): Promise<void>;

  /** Resolves when no work is running on the stack (tests, orderly shutdown). */
  idle(stackId?: string): Promise<void>;
  /** Stops taking work, lets running work finish or marks it failed, and closes the store. */
  close(): Promise<void>;
}
