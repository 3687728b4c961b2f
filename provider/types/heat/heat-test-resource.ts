// OS::Heat::TestResource (heat_test_resource), Heat's resource for testing
// stacks: it stores `value` (attribute `output`) and has knobs. Facts from
// Heat 19's test_resource.py:
// - every property updates in place except update_replace_value; a change of
//   `value` replaces the resource when `update_replace` is true;
// - after create, update (only when `value` changed) and delete it waits
//   `action_wait_secs.<action>`, else `wait_secs` (-1: for ever); really, and
//   the operation's cancellation ends the wait;
// - `fail: true` fails create and update (not delete) after the wait with
//   `ValueError: Test Resource failed NAME`; a failed create stores nothing;
// - constraint_prop_secs waits while the properties are checked (gantry: while
//   planning), attr_wait_secs while the attribute is resolved (gantry: once
//   the attribute is recorded, after create and update);
// - its physical id is Heat's `STACK-NAME-SHORTID`, kept by updates in place, given before the create waits
//   (not when it is to fail);
//   `get_resource` returns it;
// - it has no check (Heat 19: "CHECK not supported for OS::Heat::TestResource").
// client_name/entity_name poll an OpenStack client in Heat: gantry has none,
// so they only wait.

import { supportedSince, type HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import { ResourceFailure, type OperationContext, type ResourceType } from "../../../contract/resource-type.js";
import { deepEqual, isUnknown, UNKNOWN, type Attrs, type Value } from "../../../contract/values.js";
import { optBool, optNumber } from "../attrs.js";
import { heatPhysicalResourceName } from "./heat-physical-id.js";
import { gantrySchemaOfHeatType } from "./heat-schema.js";
import { waitSeconds } from "./heat-wait.js";

const waitFor = (action: string) => ({
  type: "number" as const,
  description: `Seconds to wait after a${action === "update" ? "n" : ""} ${action}. Defaults to the global wait_secs.`,
  updateAllowed: true,
});

export const HEAT_TEST_RESOURCE: HeatTypeDetails = {
  description:
    "A resource which stores the string value that was provided.\n\nThis resource is to be used only for testing.\n" +
    "It has control knobs such as 'update_replace', 'fail', 'wait_secs'.",
  supportStatus: supportedSince("5.0.0"),
  properties: {
    constraint_prop_secs: {
      type: "number",
      description: "Number value for delay during resolve constraint.",
      default: 0,
      updateAllowed: true,
      constraints: [{ custom_constraint: "test_constr" }],
    },
    attr_wait_secs: {
      type: "number",
      description: "Number value for timeout during resolving output value.",
      default: 0,
      updateAllowed: true,
    },
    value: {
      type: "string",
      description: "The input string to be stored.",
      default: "test_string",
      updateAllowed: true,
    },
    update_replace_value: { type: "string", description: "Some value that can be stored but can not be updated." },
    fail: {
      type: "boolean",
      description: "Value which can be set to fail the resource operation to test failure scenarios.",
      default: false,
      updateAllowed: true,
    },
    update_replace: {
      type: "boolean",
      description: "Value which can be set to trigger update replace for the particular resource.",
      default: false,
      updateAllowed: true,
    },
    wait_secs: {
      type: "number",
      description: "Seconds to wait after an action (-1 is infinite).",
      default: 0,
      updateAllowed: true,
    },
    action_wait_secs: {
      type: "map",
      description: "Options for simulating waiting.",
      updateAllowed: true,
      schema: { create: waitFor("create"), update: waitFor("update"), delete: waitFor("delete") },
    },
    client_name: { type: "string", description: "Client to poll.", default: "", updateAllowed: true },
    entity_name: { type: "string", description: "Client entity to poll.", default: "", updateAllowed: true },
  },
  attributes: {
    output: {
      description: "The string that was stored. This value is also available by referencing the resource.",
    },
  },
};

/** The seconds to wait after `action`: action_wait_secs.<action>, else wait_secs. */
function waitSecsFor(attrs: Attrs, action: "create" | "update" | "delete"): number {
  const per = attrs.action_wait_secs;
  if (per !== null && per !== undefined && typeof per === "object" && !Array.isArray(per) && !isUnknown(per)) {
    const v = optNumber(per as Attrs, action);
    if (v !== undefined) return v;
  }
  return optNumber(attrs, "wait_secs") ?? 0;
}

function failure(ctx: OperationContext): ResourceFailure {
  return new ResourceFailure("ValueError", `Test Resource failed ${ctx.nameInModule ?? ctx.name}`);
}

async function attrWait(ctx: OperationContext, attrs: Attrs): Promise<void> {
  await waitSeconds(optNumber(attrs, "attr_wait_secs") ?? 0, ctx.signal, `${ctx.address}: attr_wait_secs`);
}

export const heatTestResourceType: ResourceType = {
  name: "heat_test_resource",
  description: "Heat's OS::Heat::TestResource: stores a value (attribute output), with knobs to wait, fail or replace.",
  schema: gantrySchemaOfHeatType(HEAT_TEST_RESOURCE, "The physical resource id (Heat's STACK-NAME-SHORTID)."),
  heat: HEAT_TEST_RESOURCE,

  planChange(prior, config) {
    const planned: Attrs = { ...config, output: config.value ?? null };
    if (prior === null) return { planned: { ...planned, id: UNKNOWN } };
    planned.id = prior.id ?? UNKNOWN;
    // a changed value replaces the resource when update_replace (as it will be) is true
    const valueChanged = !deepEqual(prior.value ?? null, config.value ?? null);
    if (valueChanged && (config.update_replace === true || isUnknown(config.update_replace as Value)))
      return { planned: { ...planned, id: UNKNOWN }, requiresReplace: ["value"] };
    return { planned };
  },

  async preflight(ctx, planned) {
    await waitSeconds(optNumber(planned, "constraint_prop_secs") ?? 0, ctx.signal, `${ctx.address}: constraint`);
    return [];
  },

  async create(ctx, planned) {
    // Heat names the object before it waits (unless it is to fail): the id shows while it is being created
    const id = heatPhysicalResourceName(ctx);
    const fail = optBool(planned, "fail");
    if (!fail) ctx.identified?.(id);
    await waitSeconds(waitSecsFor(planned, "create"), ctx.signal, `${ctx.address}: wait_secs`);
    if (fail) throw failure(ctx);
    await attrWait(ctx, planned);
    return { ...planned, output: planned.value ?? null, id };
  },

  async read(_ctx, prior) {
    return prior;
  },

  // Heat's adopt: the existing object's id taken over, its value as configured
  async import(_ctx, id, config) {
    return { ...config, output: config.value ?? null, id };
  },

  async update(ctx, prior, planned) {
    // Heat waits after an update only when the value changed; a failing resource fails every update
    const valueChanged = !deepEqual(prior.value ?? null, planned.value ?? null) && !!planned.value;
    if (valueChanged) await waitSeconds(waitSecsFor(planned, "update"), ctx.signal, `${ctx.address}: wait_secs`);
    if (optBool(planned, "fail")) throw failure(ctx);
    await attrWait(ctx, planned);
    return { ...planned, output: planned.value ?? null, id: prior.id ?? heatPhysicalResourceName(ctx) };
  },

  async delete(ctx, prior) {
    await waitSeconds(waitSecsFor(prior, "delete"), ctx.signal, `${ctx.address}: wait_secs`);
  },
};
