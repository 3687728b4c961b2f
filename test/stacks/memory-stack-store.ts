// A StackStore in memory for the stack service's tests (the SQLite store is
// tested on its own): stacks, resources and events in maps, each stack's
// engine state in a state file under a temporary directory.

import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { FileStateBackend, type StateBackend } from "../../engine/state-backend.js";
import type { EventRecord, ResourceRecord, StackRecord, TokenRecord } from "../../stacks/stack-records.js";
import { type EventQuery, type StackQuery, StackNameTakenError, type StackStore } from "../../stacks/stack-store.js";

const copy = <T>(v: T): T => structuredClone(v);

export class MemoryStackStore implements StackStore {
  readonly stacks = new Map<string, StackRecord>();
  readonly resources = new Map<string, Map<string, ResourceRecord>>();
  readonly events: EventRecord[] = [];
  private seq = 0;
  closed = false;

  constructor(private readonly stateDir: string) {}

  async issueToken(tenant: string, roles: string[]): Promise<{ token: string; record: TokenRecord }> {
    return { token: randomUUID(), record: { id: randomUUID(), tenant, roles, createdAt: new Date().toISOString() } };
  }

  async authenticate(): Promise<TokenRecord | undefined> {
    return undefined;
  }

  async insertStack(stack: StackRecord): Promise<void> {
    for (const s of this.stacks.values()) {
      if (s.tenant === stack.tenant && s.name === stack.name && !s.deletedAt) throw new StackNameTakenError(stack.name);
    }
    this.stacks.set(stack.id, copy(stack));
  }

  async getStack(id: string): Promise<StackRecord | undefined> {
    const s = this.stacks.get(id);
    return s && copy(s);
  }

  async findStack(tenant: string | undefined, nameOrId: string, opts: { showDeleted?: boolean } = {}) {
    for (const s of this.stacks.values()) {
      if (tenant !== undefined && s.tenant !== tenant) continue;
      if (s.deletedAt && !opts.showDeleted) continue;
      if (s.id === nameOrId || s.name === nameOrId) return copy(s);
    }
    return undefined;
  }

  async listStacks(query: StackQuery): Promise<StackRecord[]> {
    return [...this.stacks.values()].filter((s) => query.showDeleted || !s.deletedAt).map(copy);
  }

  async updateStack(id: string, change: Partial<Omit<StackRecord, "id" | "tenant">>): Promise<void> {
    const s = this.stacks.get(id);
    if (!s) throw new Error(`no stack ${id}`);
    Object.assign(s, copy(change));
  }

  async interruptedStacks(): Promise<StackRecord[]> {
    return [...this.stacks.values()].filter((s) => s.status === "IN_PROGRESS").map(copy);
  }

  async putResource(resource: ResourceRecord): Promise<void> {
    const m = this.resources.get(resource.stackId) ?? new Map();
    m.set(resource.name, copy(resource));
    this.resources.set(resource.stackId, m);
  }

  async deleteResource(stackId: string, name: string): Promise<void> {
    this.resources.get(stackId)?.delete(name);
  }

  async listResources(stackId: string): Promise<ResourceRecord[]> {
    return [...(this.resources.get(stackId)?.values() ?? [])].map(copy);
  }

  async getResource(stackId: string, name: string): Promise<ResourceRecord | undefined> {
    const r = this.resources.get(stackId)?.get(name);
    return r && copy(r);
  }

  async addEvent(event: Omit<EventRecord, "id" | "seq">): Promise<EventRecord> {
    const e = { ...copy(event), id: randomUUID(), seq: ++this.seq };
    this.events.push(e);
    return copy(e);
  }

  async listEvents(query: EventQuery): Promise<EventRecord[]> {
    return this.events
      .filter((e) => e.stackId === query.stackId)
      .filter((e) => query.resourceName === undefined || e.resourceName === query.resourceName)
      .map(copy);
  }

  stateBackend(stackId: string): StateBackend {
    return new FileStateBackend(join(this.stateDir, stackId, "stack.tfstate"));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
