// OS::Heat::WaitCondition (heat_wait_condition): stays CREATE_IN_PROGRESS
// until its handle has received `count` SUCCESS signals. Facts from Heat 19's
// wait_condition.py and resources/wait_condition.py: `handle` names the handle
// by its reference (get_resource); a handle that is not one fails with "X is
// not a valid wait condition handle."; past `timeout` seconds it fails with
// WaitConditionTimeout "N of COUNT received" (" - REASONS" after it when some
// SUCCESS signals came, their reasons joined by ";"); any signal that is not
// SUCCESS fails it with WaitConditionFailure, the FAILURE reasons joined by
// ";"; `data` is the JSON text of signal id → its data; the physical id is "";
// an update (count changes in place) waits again; delete forgets the handle's
// signals. gantry records `data` when the wait completes (Heat reads it anew
// each time); `count` is the attribute signal_count in the model, where
// "count" is the meta-argument.

import type { HeatHandleSignals, HeatSignals } from "../../../contract/heat-signals.js";
import { supportedSince, type HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import {
  type AttributeSchema,
  ResourceFailure,
  type OperationContext,
  type ResourceType,
} from "../../../contract/resource-type.js";
import { UNKNOWN, type Attrs } from "../../../contract/values.js";
import { gantrySchemaOfHeatType } from "./heat-schema.js";

export const HEAT_WAIT_CONDITION: HeatTypeDetails = {
  description:
    "Resource for handling signals received by WaitConditionHandle.\n\nResource takes WaitConditionHandle and " +
    "starts to create. Resource is in\nCREATE_IN_PROGRESS status until WaitConditionHandle doesn't receive\n" +
    "sufficient number of successful signals (this number can be specified with\ncount property) and " +
    "successfully creates after that, or fails due to\ntimeout.",
  supportStatus: supportedSince("2014.2"),
  templateName: "HeatWaitCondition",
  properties: {
    handle: {
      type: "string",
      description: "A reference to the wait condition handle used to signal this wait condition.",
      required: true,
    },
    timeout: {
      type: "number",
      description: "The number of seconds to wait for the correct number of signals to arrive.",
      required: true,
      constraints: [{ range: { min: 1, max: 43200 } }],
    },
    count: {
      type: "integer",
      description: "The number of success signals that must be received before the stack creation process continues.",
      default: 1,
      constraints: [{ range: { min: 1 } }],
      updateAllowed: true,
    },
  },
  attributes: {
    data: {
      description: "JSON string containing data associated with wait condition signals sent to the handle.",
      type: "string",
    },
  },
};

/** Heat's outcome of one look at the handle: failed, succeeded (with the data), or still waiting. */
export function waitOutcome(
  handle: HeatHandleSignals,
  count: number,
  timedOut: boolean,
): { failed: ResourceFailure } | { data: string } | "waiting" {
  const reasons = (status: string) => handle.signals.filter((s) => s.status === status).map((s) => s.reason);
  if (timedOut) {
    const ok = reasons("SUCCESS");
    const text = `${ok.length} of ${count} received${ok.length ? ` - ${ok.join(";")}` : ""}`;
    return { failed: new ResourceFailure("WaitConditionTimeout", text) };
  }
  if (handle.signals.some((s) => s.status !== "SUCCESS")) {
    return { failed: new ResourceFailure("WaitConditionFailure", reasons("FAILURE").join(";")) };
  }
  return handle.signals.length >= count ? { data: handle.data } : "waiting";
}

function signalsOf(ctx: OperationContext): HeatSignals {
  if (ctx.heatSignals) return ctx.heatSignals;
  throw new Error(
    `${ctx.address}: a wait condition waits for signals over the Heat API: create it in a stack of \`gantry serve\``,
  );
}

/** Waits until the handle `ref` has `count` SUCCESS signals; fails as Heat does. Returns the `data` attribute. */
async function waitForSignals(ctx: OperationContext, attrs: Attrs): Promise<string> {
  const signals = signalsOf(ctx);
  const ref = String(attrs.handle);
  const count = typeof attrs.signal_count === "number" ? attrs.signal_count : 1;
  const deadline = Date.now() + Number(attrs.timeout) * 1000;
  for (;;) {
    const stop = new AbortController();
    const onCancel = () => stop.abort();
    ctx.signal.addEventListener("abort", onCancel, { once: true });
    // listening before looking: a signal between the look and the wait is not missed
    const next = signals.nextSignal(stop.signal).then(
      () => "signal" as const,
      () => "stopped" as const,
    );
    try {
      const handle = await signals.handleSignals(ref);
      if (!handle) throw new ResourceFailure("ValueError", `${ref} is not a valid wait condition handle.`);
      const outcome = waitOutcome(handle, count, Date.now() >= deadline);
      if (outcome !== "waiting") {
        if ("failed" in outcome) throw outcome.failed;
        return outcome.data;
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), Math.max(0, deadline - Date.now()));
      });
      const woke = await Promise.race([next, late]);
      clearTimeout(timer);
      if (ctx.signal.aborted) throw new Error(`${ctx.address}: cancelled while waiting for signals`);
      if (woke === "stopped" && !ctx.signal.aborted) continue;
    } finally {
      ctx.signal.removeEventListener("abort", onCancel);
      stop.abort();
      await next;
    }
  }
}

/** The schema of Heat's properties, `count` held by signal_count (the model keeps "count" for the meta-argument). */
function waitConditionSchema(): Record<string, AttributeSchema> {
  const { count, ...rest } = gantrySchemaOfHeatType(
    HEAT_WAIT_CONDITION,
    'The physical resource id: "" (none in Heat).',
  );
  return { ...rest, signal_count: count };
}

export const heatWaitConditionType: ResourceType = {
  name: "heat_wait_condition",
  description: "Heat's OS::Heat::WaitCondition: waits for `count` SUCCESS signals to its handle (`gantry serve` only).",
  schema: waitConditionSchema(),
  heat: HEAT_WAIT_CONDITION,

  planChange(prior, config) {
    if (prior === null) return { planned: { ...config, data: UNKNOWN, id: UNKNOWN } };
    // a new count waits again (the data then is what the handle holds by the end)
    const data = config.signal_count === prior.signal_count ? (prior.data ?? null) : UNKNOWN;
    return { planned: { ...config, data, id: "" } };
  },

  async create(ctx, planned) {
    return { ...planned, data: await waitForSignals(ctx, planned), id: "" };
  },

  async read(_ctx, prior) {
    return prior;
  },

  async update(ctx, _prior, planned) {
    return { ...planned, data: await waitForSignals(ctx, planned), id: "" };
  },

  async delete(ctx, prior) {
    if (typeof prior.handle === "string") await ctx.heatSignals?.clearHandle(prior.handle);
  },
};
