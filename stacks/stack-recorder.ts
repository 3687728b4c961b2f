// Records what happens to a stack as Heat shows it: the stack's status with
// an event of the stack itself (resource name = the stack's name, type
// "OS::Heat::Stack"), and each resource's status with an event of its own.

import type { StackStore } from "./stack-store.js";
import type { HeatAction, HeatStatus, ResourceRecord, StackRecord } from "./stack-records.js";

/** The type Heat gives events of the stack itself. */
export const STACK_EVENT_TYPE = "OS::Heat::Stack";

/** The reason of every resource transition that went as planned (Heat's Resource.state_set default). */
export const STATE_CHANGED = "state changed";

export class StackRecorder {
  constructor(
    readonly store: StackStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  time(): string {
    return this.now().toISOString();
  }

  /** Sets the stack's status (and any other fields given) and records the stack's event. */
  async stack(
    stack: StackRecord,
    action: HeatAction,
    status: HeatStatus,
    reason: string,
    change: Partial<Omit<StackRecord, "id" | "tenant">> = {},
  ): Promise<void> {
    const time = this.time();
    const fields = { ...change, action, status, statusReason: reason, ...(action !== "CREATE" && { updatedAt: time }) };
    Object.assign(stack, fields);
    await this.store.updateStack(stack.id, fields);
    await this.store.addEvent({
      stackId: stack.id,
      resourceName: stack.name,
      physicalResourceId: stack.id,
      resourceType: STACK_EVENT_TYPE,
      action,
      status,
      reason,
      time,
    });
  }

  /** Records a resource's transition: its record changed (created when new) and an event. */
  async resource(
    stackId: string,
    name: string,
    type: string,
    action: HeatAction,
    status: HeatStatus,
    reason: string,
    change: Partial<Pick<ResourceRecord, "physicalId" | "attributes" | "requiredBy" | "type" | "nestedStackId">> = {},
    opts: { eventOnly?: boolean; eventPhysicalId?: string } = {},
  ): Promise<void> {
    const time = this.time();
    const before = await this.store.getResource(stackId, name);
    const record: ResourceRecord = {
      stackId,
      name,
      type,
      physicalId: "",
      requiredBy: [],
      attributes: {},
      metadata: {},
      createdAt: time,
      ...before,
      ...change,
      action,
      status,
      statusReason: reason,
      ...(before && { updatedAt: time }),
    };
    if (!opts.eventOnly) await this.store.putResource(record);
    await this.store.addEvent({
      stackId,
      resourceName: name,
      physicalResourceId: opts.eventPhysicalId ?? record.physicalId,
      resourceType: type,
      action,
      status,
      reason,
      time,
    });
  }

  /** A resource known to the stack but not yet acted on (Heat's convergence stores new resources INIT_COMPLETE). */
  async initResource(stackId: string, name: string, type: string): Promise<void> {
    if (await this.store.getResource(stackId, name)) return;
    await this.store.putResource({
      stackId,
      name,
      type,
      physicalId: "",
      action: "INIT",
      status: "COMPLETE",
      statusReason: "",
      requiredBy: [],
      attributes: {},
      metadata: {},
      createdAt: this.time(),
    });
  }
}
