// The software config records of a stack's OS::Heat::SoftwareConfig and
// OS::Heat::StructuredConfig resources. The resource types keep their config
// in the engine's state (no provider reaches the stack store); after every
// run the stack service makes the records follow: a config resource that
// exists has its record (id = its physical id, name = its physical name, the
// stack's tenant, the stack noted), and the stack's records whose resource is
// gone (deleted, replaced) are deleted, as Heat's handle_delete deletes the config.

import type { State } from "../planner/state.js";
import { checkedIo } from "./software-config-service.js";
import type { SoftwareConfigIo } from "./software-config-store.js";
import type { StackServiceContext } from "./stack-workspace.js";

/** The model types whose objects are software configs. */
const CONFIG_MODEL_TYPES = new Set(["heat_software_config", "heat_structured_config"]);

export async function syncSoftwareConfigRecords(
  ctx: StackServiceContext,
  stackId: string,
  state: State,
): Promise<void> {
  const store = ctx.store.softwareConfigs;
  if (!store) return;
  const stack = await ctx.store.getStack(stackId);
  if (!stack) return;
  const live = new Set<string>();
  for (const inst of state.instances.values()) {
    if (inst.mode === "data" || !CONFIG_MODEL_TYPES.has(inst.type)) continue;
    for (const attrs of [inst.attributes, ...(inst.deposed ?? [])]) {
      const id = attrs.id;
      if (typeof id !== "string" || id === "") continue;
      live.add(id);
      if (await store.getConfig(id)) continue;
      await store.insertConfig({
        id,
        tenant: stack.tenant,
        name: typeof attrs.config_name === "string" ? attrs.config_name : null,
        group: typeof attrs.group === "string" ? attrs.group : "Heat::Ungrouped",
        config: attrs.config ?? null,
        inputs: ioOf(attrs.inputs, "inputs"),
        outputs: ioOf(attrs.outputs, "outputs"),
        options: isMap(attrs.options) ? attrs.options : {},
        createdAt: new Date().toISOString(),
        stackId,
      });
    }
  }
  for (const id of await store.configsOfStack(stackId)) {
    if (live.has(id)) continue;
    try {
      await store.deleteConfig(id);
    } catch {
      /* in use by a deployment: kept, as Heat's delete would fail and keep it */
    }
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function ioOf(value: unknown, field: "inputs" | "outputs"): SoftwareConfigIo[] {
  if (!Array.isArray(value)) return [];
  // a property of the resource that is not given reads as "" (Heat's string properties): description and default
  const blanks = field === "inputs" ? { description: "", default: "" } : { description: "" };
  return value.filter(isMap).map((io) => {
    const given = Object.fromEntries(Object.entries(io).filter(([, v]) => v !== null && v !== undefined));
    try {
      return checkedIo({ ...blanks, ...given }, field);
    } catch {
      return io;
    }
  });
}
