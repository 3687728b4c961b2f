// Where the Heat API server keeps tokens, stacks, resources, events and each
// stack's engine state. One small interface: SQLite (one file, WAL) is the
// default; PostgreSQL (pg-stack-store.ts) serves several replicas at once, hence promises everywhere.

import type { StateBackend } from "../engine/state-backend.js";
import type { SoftwareConfigStore } from "./software-config-store.js";
import type { StackLeases } from "./stack-leases.js";
import type { SnapshotStore } from "./stack-snapshot-store.js";
import type { EventRecord, HeatAction, HeatStatus, ResourceRecord, StackRecord, TokenRecord } from "./stack-records.js";

export interface StackQuery {
  /** Only this tenant's stacks; undefined: every tenant's (admin with `global_tenant`). */
  tenant?: string;
  /**
   * Exact matches on any of the values given (Heat's filters: name, status, action, id). `status` holds the
   * stored status ("COMPLETE"); the API splits a "CREATE_COMPLETE" into action and status as Heat's
   * `translate_filters` does. An empty list matches nothing.
   */
  name?: string[];
  status?: string[];
  action?: string[];
  id?: string[];
  /** Heat's tag filters: all of `tags`, any of `tagsAny`, not all of `notTags`, none of `notTagsAny`. */
  tags?: string[];
  tagsAny?: string[];
  notTags?: string[];
  notTagsAny?: string[];
  showDeleted?: boolean;
  /** Include nested stacks (default: top-level stacks only). */
  showNested?: boolean;
  /**
   * Columns by Heat's names: stack_name, stack_status, creation_time, updated_time (others are ignored, as Heat
   * does). None: newest first. Ties are broken by id.
   */
  sortKeys?: string[];
  sortDir?: "asc" | "desc";
  limit?: number;
  /** The id of the last stack of the previous page (an unknown id is ignored, as Heat does: the first page). */
  marker?: string;
}

export interface EventQuery {
  stackId: string;
  resourceName?: string;
  /** Exact matches on any of the values given (`resource_name` given once or more). */
  resourceNames?: string[];
  resourceAction?: string[];
  resourceStatus?: string[];
  resourceType?: string[];
  /** Also the events of nested stacks, to this depth. */
  nestedDepth?: number;
  /** event_time, resource_type (Heat's database sorts by these only and ignores other keys). None: newest first. */
  sortKeys?: string[];
  sortDir?: "asc" | "desc";
  limit?: number;
  /** The id of the last event of the previous page. */
  marker?: string;
}

export interface StackStore {
  /** Issues a token for `tenant`; returns the secret, which the store keeps only hashed. */
  issueToken(tenant: string, roles: string[]): Promise<{ token: string; record: TokenRecord }>;
  /** The token's record, or undefined for an unknown token. */
  authenticate(token: string): Promise<TokenRecord | undefined>;

  /** Records a new stack; throws StackNameTakenError when a live stack of the tenant has that name. */
  insertStack(stack: StackRecord): Promise<void>;
  getStack(id: string): Promise<StackRecord | undefined>;
  /** A stack by name or id, within the tenant (undefined: any tenant); deleted stacks only with `showDeleted`. */
  findStack(
    tenant: string | undefined,
    nameOrId: string,
    opts?: { showDeleted?: boolean },
  ): Promise<StackRecord | undefined>;
  listStacks(query: StackQuery): Promise<StackRecord[]>;
  /** Changes some fields of a stack (its status, outputs, source …). */
  updateStack(id: string, change: Partial<Omit<StackRecord, "id" | "tenant">>): Promise<void>;
  /** The stacks left IN_PROGRESS (by a server that stopped): to resume or mark failed at start. */
  interruptedStacks(): Promise<StackRecord[]>;

  /** Creates or replaces the resource (by stack and name). */
  putResource(resource: ResourceRecord): Promise<void>;
  deleteResource(stackId: string, name: string): Promise<void>;
  listResources(stackId: string): Promise<ResourceRecord[]>;
  getResource(stackId: string, name: string): Promise<ResourceRecord | undefined>;

  /** Appends an event (id and seq assigned here). */
  addEvent(event: Omit<EventRecord, "id" | "seq">): Promise<EventRecord>;
  listEvents(query: EventQuery): Promise<EventRecord[]>;

  /**
   * The engine's state of one stack, kept in this store (written transactionally, locked per stack). A store over
   * the network (PostgreSQL) answers once it has read the stack's state rows: callers await the answer.
   */
  stateBackend(stackId: string): StateBackend | Promise<StateBackend>;
  /** Resolves when the state writes started for the stack have landed (a store that writes in the background). */
  settleState?(stackId: string): Promise<void>;
  /**
   * Work leases for replicas sharing this store (absent: one server owns the store, as with a SQLite file).
   * `owner` names this replica; a lease not renewed for `leaseMs` is taken over by another replica.
   */
  leases?(owner: string, leaseMs: number): StackLeases;

  /** Software configs and deployments (absent: a store without them; the API answers those routes 501). */
  readonly softwareConfigs?: SoftwareConfigStore;
  /** Stack snapshots (absent: the API answers those routes 501). */
  readonly snapshots?: SnapshotStore;

  /** Runs `fn` in one transaction: all its writes or none. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class StackNameTakenError extends Error {
  constructor(readonly stackName: string) {
    super(`The Stack (${stackName}) already exists.`);
    this.name = "StackNameTakenError";
  }
}

/** "CREATE_COMPLETE" from its parts. */
export function statusText(action: HeatAction, status: HeatStatus): string {
  return `${action}_${status}`;
}
