// OS::Heat::Delay (heat_delay): pauses, for real, during the actions it
// names. Facts from Heat 19's delay.py: the pause is min_wait plus
// max_jitter × jitter_multiplier × a uniform random number in [0, 1); it
// happens during the listed actions (CREATE by default; DELETE, SUSPEND,
// RESUME); every property updates in place, and an update does not pause;
// Heat gives it no physical id (""). The operation's cancellation ends the
// pause.

import { supportedSince, type HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import type { OperationContext, ResourceType } from "../../../contract/resource-type.js";
import { UNKNOWN, type Attrs } from "../../../contract/values.js";
import { optNumber, stringList } from "../attrs.js";
import { gantrySchemaOfHeatType } from "./heat-schema.js";
import { waitSeconds } from "./heat-wait.js";

const AT_LEAST_ZERO = [{ range: { min: 0 } }];

export const HEAT_DELAY: HeatTypeDetails = {
  description:
    "A resource that pauses for a configurable delay.\n\nBy manipulating the dependency relationships between " +
    "resources in the\ntemplate, a delay can be inserted at an arbitrary point during e.g. stack\ncreation or " +
    "deletion. They delay will occur after any resource that it\ndepends on during CREATE or SUSPEND, and before " +
    "any resource that it\ndepends on during DELETE or RESUME. Similarly, it will occur before any\nresource that " +
    "depends on it during CREATE or SUSPEND, and after any\nresource thet depends on it during DELETE or RESUME.\n\n" +
    "If a non-zero maximum jitter is specified, a random amount of jitter -\nchosen with uniform probability in " +
    "the range from 0 to the product of the\nmaximum jitter value and the jitter multiplier (1s by default) - is " +
    "added\nto the minimum delay time. This can be used, for example, in the scaled\nunit of a large scaling group " +
    "to prevent 'thundering herd' issues.",
  supportStatus: supportedSince("11.0.0"),
  properties: {
    min_wait: {
      type: "number",
      description: "Minimum time in seconds to wait during the specified actions.",
      default: 0,
      constraints: AT_LEAST_ZERO,
      updateAllowed: true,
    },
    max_jitter: {
      type: "number",
      description: "Maximum jitter to add to the minimum wait time.",
      default: 0,
      constraints: AT_LEAST_ZERO,
      updateAllowed: true,
    },
    jitter_multiplier: {
      type: "number",
      description: "Number of seconds to multiply the maximum jitter value by.",
      default: 1.0,
      constraints: AT_LEAST_ZERO,
      updateAllowed: true,
    },
    actions: {
      type: "list",
      description: "Actions during which the delay will occur.",
      default: ["CREATE"],
      constraints: [{ allowed_values: ["CREATE", "DELETE", "SUSPEND", "RESUME"] }],
      updateAllowed: true,
    },
  },
  attributes: {},
};

/** The pause for `action`: none unless it is listed; min_wait plus the random jitter otherwise. */
export function delaySeconds(attrs: Attrs, action: string, random: () => number = Math.random): number {
  if (!stringList(attrs, "actions").includes(action)) return 0;
  const jitter = (optNumber(attrs, "max_jitter") ?? 0) * (optNumber(attrs, "jitter_multiplier") ?? 1);
  return (optNumber(attrs, "min_wait") ?? 0) + jitter * random();
}

async function pause(ctx: OperationContext, attrs: Attrs, action: string): Promise<void> {
  const secs = delaySeconds(attrs, action);
  if (secs > 0) ctx.log(`delaying ${action} for ${secs.toFixed(1)}s`);
  await waitSeconds(secs, ctx.signal, `${ctx.address}: delay`);
}

export const heatDelayType: ResourceType = {
  name: "heat_delay",
  description: "Heat's OS::Heat::Delay: pauses during the actions it names (CREATE by default).",
  schema: gantrySchemaOfHeatType(HEAT_DELAY, 'The physical resource id: "" (Heat gives a delay none).'),
  heat: HEAT_DELAY,

  planChange(prior, config) {
    return { planned: { ...config, id: prior === null ? UNKNOWN : (prior.id ?? "") } };
  },

  async create(ctx, planned) {
    await pause(ctx, planned, "CREATE");
    return { ...planned, id: "" };
  },

  async read(_ctx, prior) {
    return prior;
  },

  async update(_ctx, prior, planned) {
    return { ...planned, id: prior.id ?? "" };
  },

  async delete(ctx, prior) {
    await pause(ctx, prior, "DELETE");
  },

  async suspend(ctx, prior) {
    await pause(ctx, prior, "SUSPEND");
    return prior;
  },

  async resume(ctx, prior) {
    await pause(ctx, prior, "RESUME");
    return prior;
  },
};
