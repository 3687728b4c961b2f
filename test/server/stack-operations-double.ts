// A test double of the stack service for the API's route tests: an in-memory
// store (tokens, stacks, resources, events) and operations that record what
// they were asked and change records the simplest way (create completes at
// once, with one resource per template resource). It plans and applies
// nothing: the routes are under test, not the engine.

import { randomUUID } from "node:crypto";
import type { StateBackend } from "../../engine/state-backend.js";
import { HeatError } from "../../stacks/heat-error.js";
import { SoftwareConfigService } from "../../stacks/software-config-service.js";
import { SqliteStackStore } from "../../stacks/sqlite-stack-store.js";
import type {
  Caller,
  CreateStackRequest,
  HeatCatalog,
  PreviewResource,
  StackActionName,
  StackOperations,
  UpdatePreview,
  UpdateStackRequest,
  ValidationResult,
} from "../../stacks/stack-operations.js";
import type {
  EventRecord,
  ResourceRecord,
  StackOutputRecord,
  StackRecord,
  StackSource,
  TokenRecord,
} from "../../stacks/stack-records.js";
import { type EventQuery, StackNameTakenError, type StackQuery, type StackStore } from "../../stacks/stack-store.js";

export class MemoryStackStore implements StackStore {
  readonly tokens = new Map<string, TokenRecord>();
  readonly stacks = new Map<string, StackRecord>();
  readonly resources = new Map<string, ResourceRecord[]>();
  readonly events: EventRecord[] = [];
  private seq = 0;

  async issueToken(tenant: string, roles: string[]): Promise<{ token: string; record: TokenRecord }> {
    const token = randomUUID();
    const record = { id: randomUUID(), tenant, roles, createdAt: new Date().toISOString() };
    this.tokens.set(token, record);
    return { token, record };
  }
  async authenticate(token: string): Promise<TokenRecord | undefined> {
    return this.tokens.get(token);
  }
  async insertStack(stack: StackRecord): Promise<void> {
    for (const s of this.stacks.values()) {
      if (s.tenant === stack.tenant && s.name === stack.name && !s.deletedAt) throw new StackNameTakenError(s.name);
    }
    this.stacks.set(stack.id, structuredClone(stack));
  }
  async getStack(id: string): Promise<StackRecord | undefined> {
    const s = this.stacks.get(id);
    return s && structuredClone(s);
  }
  async findStack(tenant: string | undefined, nameOrId: string, opts: { showDeleted?: boolean } = {}) {
    const visible = [...this.stacks.values()].filter(
      (s) => (tenant === undefined || s.tenant === tenant) && (opts.showDeleted || !s.deletedAt),
    );
    const s = visible.find((x) => x.id === nameOrId) ?? visible.find((x) => x.name === nameOrId);
    return s && structuredClone(s);
  }
  async listStacks(q: StackQuery): Promise<StackRecord[]> {
    let out = [...this.stacks.values()].filter(
      (s) =>
        (q.tenant === undefined || s.tenant === q.tenant) &&
        (q.showDeleted || !s.deletedAt) &&
        (q.showNested || !s.parentId) &&
        (!q.name || q.name.includes(s.name)) &&
        (!q.status || q.status.includes(s.status)) &&
        (!q.action || q.action.includes(s.action)) &&
        (!q.id || q.id.includes(s.id)) &&
        (!q.tags || q.tags.every((t) => s.tags.includes(t))) &&
        (!q.tagsAny || q.tagsAny.some((t) => s.tags.includes(t))) &&
        !q.notTags?.every((t) => s.tags.includes(t)) &&
        !q.notTagsAny?.some((t) => s.tags.includes(t)),
    );
    const key = q.sortKeys?.[0] ?? "creation_time";
    const field = (s: StackRecord): string =>
      key === "stack_name" ? s.name : key === "stack_status" ? `${s.action}_${s.status}` : s.createdAt;
    out.sort((a, b) => field(a).localeCompare(field(b)) || a.id.localeCompare(b.id));
    if ((q.sortDir ?? "desc") === "desc") out.reverse();
    if (q.marker) out = out.slice(out.findIndex((s) => s.id === q.marker) + 1);
    if (q.limit !== undefined) out = out.slice(0, q.limit);
    return out.map((s) => structuredClone(s));
  }
  async updateStack(id: string, change: Partial<Omit<StackRecord, "id" | "tenant">>): Promise<void> {
    const s = this.stacks.get(id);
    if (s) Object.assign(s, structuredClone(change));
  }
  async interruptedStacks(): Promise<StackRecord[]> {
    return [...this.stacks.values()].filter((s) => s.status === "IN_PROGRESS");
  }
  async putResource(r: ResourceRecord): Promise<void> {
    const list = (this.resources.get(r.stackId) ?? []).filter((x) => x.name !== r.name);
    list.push(structuredClone(r));
    this.resources.set(r.stackId, list);
  }
  async deleteResource(stackId: string, name: string): Promise<void> {
    this.resources.set(
      stackId,
      (this.resources.get(stackId) ?? []).filter((x) => x.name !== name),
    );
  }
  async listResources(stackId: string): Promise<ResourceRecord[]> {
    return structuredClone(this.resources.get(stackId) ?? []);
  }
  async getResource(stackId: string, name: string): Promise<ResourceRecord | undefined> {
    const r = (this.resources.get(stackId) ?? []).find((x) => x.name === name);
    return r && structuredClone(r);
  }
  async addEvent(event: Omit<EventRecord, "id" | "seq">): Promise<EventRecord> {
    const e = { ...event, id: randomUUID(), seq: ++this.seq };
    this.events.push(e);
    return e;
  }
  async listEvents(q: EventQuery): Promise<EventRecord[]> {
    let out = this.events.filter(
      (e) =>
        e.stackId === q.stackId &&
        (!q.resourceName || e.resourceName === q.resourceName) &&
        (!q.resourceNames || q.resourceNames.includes(e.resourceName)) &&
        (!q.resourceAction || q.resourceAction.includes(e.action)) &&
        (!q.resourceStatus || q.resourceStatus.includes(e.status)) &&
        (!q.resourceType || q.resourceType.includes(e.resourceType)),
    );
    if (q.sortDir === "desc") out = [...out].reverse();
    if (q.marker) out = out.slice(out.findIndex((e) => e.id === q.marker) + 1);
    if (q.limit !== undefined) out = out.slice(0, q.limit);
    return out;
  }
  stateBackend(_stackId: string): StateBackend {
    throw new Error("the test double keeps no engine state");
  }
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  async close(): Promise<void> {}
}

export interface RecordedCall {
  op: string;
  caller?: Caller;
  args: unknown[];
}

export class StackOperationsDouble implements StackOperations {
  readonly store = new MemoryStackStore();
  readonly calls: RecordedCall[] = [];
  /** The next call to this operation fails with this error. */
  readonly failNext = new Map<string, HeatError>();
  catalog?: HeatCatalog;
  /** Software configs over a private SQLite store (they need no engine). */
  softwareConfigs?: SoftwareConfigService = new SoftwareConfigService(
    SqliteStackStore.open(":memory:").softwareConfigs,
  );

  private record(op: string, caller: Caller | undefined, ...args: unknown[]): void {
    this.calls.push({ op, caller, args });
    const fail = this.failNext.get(op);
    if (fail) {
      this.failNext.delete(op);
      throw fail;
    }
  }

  async create(caller: Caller, req: CreateStackRequest): Promise<StackRecord> {
    this.record("create", caller, req);
    const now = new Date().toISOString();
    const stack: StackRecord = {
      id: randomUUID(),
      name: req.name,
      tenant: caller.tenant,
      action: "CREATE",
      status: "COMPLETE",
      statusReason: "Stack CREATE completed successfully",
      description: String(req.source.template.description ?? ""),
      tags: req.tags ?? [],
      disableRollback: req.disableRollback ?? true,
      timeoutMins: req.timeoutMins,
      source: req.source,
      environment: mergedEnvironment(req.source),
      outputs: [],
      createdAt: now,
    };
    try {
      await this.store.insertStack(stack);
    } catch (e) {
      if (e instanceof StackNameTakenError) throw new HeatError(409, "StackExists", e.message);
      throw e;
    }
    await this.store.addEvent(stackEvent(stack, "IN_PROGRESS", "Stack CREATE started", now));
    const resources = (req.source.template.resources ?? {}) as Record<string, { type: string }>;
    for (const [name, def] of Object.entries(resources)) {
      await this.store.putResource({
        stackId: stack.id,
        name,
        type: def.type,
        physicalId: `${stack.name}-${name}-${stack.id.slice(0, 8)}`,
        action: "CREATE",
        status: "COMPLETE",
        statusReason: "state changed",
        requiredBy: [],
        attributes: { value: name },
        metadata: { name },
        createdAt: now,
      });
      await this.store.addEvent({
        stackId: stack.id,
        resourceName: name,
        physicalResourceId: "",
        resourceType: def.type,
        action: "CREATE",
        status: "IN_PROGRESS",
        reason: "state changed",
        time: now,
        properties: {},
      });
      await this.store.addEvent({
        stackId: stack.id,
        resourceName: name,
        physicalResourceId: `${stack.name}-${name}-${stack.id.slice(0, 8)}`,
        resourceType: def.type,
        action: "CREATE",
        status: "COMPLETE",
        reason: "state changed",
        time: now,
        properties: {},
      });
    }
    await this.store.addEvent(stackEvent(stack, "COMPLETE", "Stack CREATE completed successfully", now));
    return stack;
  }

  async previewCreate(caller: Caller, req: CreateStackRequest) {
    this.record("previewCreate", caller, req);
    const now = new Date().toISOString();
    const stack: StackRecord = {
      id: "None",
      name: req.name,
      tenant: caller.tenant,
      action: "INIT",
      status: "COMPLETE",
      statusReason: "",
      description: "",
      tags: req.tags ?? [],
      disableRollback: req.disableRollback ?? true,
      source: req.source,
      environment: {},
      outputs: [],
      createdAt: now,
    };
    const resources = Object.entries((req.source.template.resources ?? {}) as Record<string, { type: string }>).map(
      ([name, def]): PreviewResource => ({ name, type: def.type, properties: {}, requiredBy: [] }),
    );
    return { stack, resources };
  }

  async update(caller: Caller, stack: StackRecord, req: UpdateStackRequest): Promise<void> {
    this.record("update", caller, stack.id, req);
    await this.store.updateStack(stack.id, {
      action: "UPDATE",
      status: "COMPLETE",
      statusReason: "Stack UPDATE completed successfully",
      updatedAt: new Date().toISOString(),
    });
  }

  async previewUpdate(caller: Caller, stack: StackRecord, req: UpdateStackRequest): Promise<UpdatePreview> {
    this.record("previewUpdate", caller, stack.id, req);
    const r = (name: string): PreviewResource => ({ name, type: "OS::Heat::None", properties: {}, requiredBy: [] });
    return { unchanged: [r("a")], updated: [r("b")], replaced: [], added: [r("c")], deleted: [] };
  }

  async delete(caller: Caller, stack: StackRecord): Promise<void> {
    this.record("delete", caller, stack.id);
    const now = new Date().toISOString();
    await this.store.updateStack(stack.id, {
      action: "DELETE",
      status: "COMPLETE",
      statusReason: "Stack DELETE completed successfully",
      deletedAt: now,
    });
  }

  async action(caller: Caller, stack: StackRecord, action: StackActionName): Promise<void> {
    this.record("action", caller, stack.id, action);
  }

  async abandon(caller: Caller, stack: StackRecord): Promise<Record<string, unknown>> {
    this.record("abandon", caller, stack.id);
    await this.store.updateStack(stack.id, { deletedAt: new Date().toISOString() });
    return { name: stack.name, id: stack.id, template: stack.source.template, resources: {} };
  }

  async validate(caller: Caller, source: StackSource, opts?: { showNested?: boolean }): Promise<ValidationResult> {
    this.record("validate", caller, source, opts);
    const resources = (source.template.resources ?? {}) as Record<string, { type: string }>;
    for (const def of Object.values(resources)) {
      if (def.type.startsWith("OS::Nova::")) return { Error: `The Resource Type (${def.type}) could not be found.` };
    }
    return { Description: source.template.description ?? "No description", Parameters: {} };
  }

  async outputs(stack: StackRecord): Promise<StackOutputRecord[]> {
    const outputs = (stack.source.template.outputs ?? {}) as Record<string, { description?: string }>;
    return Object.entries(outputs).map(([key, o]) => ({
      key,
      value: `value of ${key}`,
      ...(o.description ? { description: o.description } : {}),
    }));
  }

  async signal(caller: Caller, stack: StackRecord, resourceName: string, data: unknown): Promise<void> {
    this.record("signal", caller, stack.id, resourceName, data);
  }

  async markUnhealthy(caller: Caller, stack: StackRecord, name: string, unhealthy: boolean, reason: string) {
    this.record("markUnhealthy", caller, stack.id, name, unhealthy, reason);
    const r = await this.store.getResource(stack.id, name);
    if (r && unhealthy) await this.store.putResource({ ...r, action: "CHECK", status: "FAILED", statusReason: reason });
  }

  async idle(): Promise<void> {}

  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

function mergedEnvironment(src: StackSource): Record<string, unknown> {
  const env: Record<string, unknown> = { parameters: {}, parameter_defaults: {}, resource_registry: { resources: {} } };
  for (const e of src.environments) {
    Object.assign(env.parameters as object, e.parameters ?? {});
    Object.assign(env.parameter_defaults as object, e.parameter_defaults ?? {});
  }
  Object.assign(env.parameters as object, src.parameters);
  return env;
}

function stackEvent(
  stack: StackRecord,
  status: "IN_PROGRESS" | "COMPLETE",
  reason: string,
  time: string,
): Omit<EventRecord, "id" | "seq"> {
  return {
    stackId: stack.id,
    resourceName: stack.name,
    physicalResourceId: stack.id,
    resourceType: "OS::Heat::Stack",
    action: "CREATE",
    status,
    reason,
    time,
  };
}
