// OS::Heat::None (heat_none): a placeholder that stubs out any resource
// (environments map types to it). Facts from Heat 19's none_resource.py: it
// takes any properties and ignores them (it keeps none), never updates
// (whatever changes, nothing happens, nothing is replaced), returns null for
// any attribute, and its physical id is a random UUID.

import { supportedSince, type HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import type { ResourceType } from "../../../contract/resource-type.js";
import { UNKNOWN } from "../../../contract/values.js";
import { heatUuid } from "./heat-physical-id.js";

export const HEAT_NONE: HeatTypeDetails = {
  description:
    "Enables easily disabling certain resources via the resource_registry.\n\nIt does nothing, but can effectively " +
    "stub out any other resource because it\nwill accept any properties and return any attribute (as None). Note " +
    "this\nresource always does nothing on update (e.g it is not replaced even if a\nchange to the stubbed " +
    "resource properties would cause replacement).",
  supportStatus: supportedSince("5.0.0"),
  templateName: "NoneResource",
  properties: {},
  attributes: {},
};

export const heatNoneType: ResourceType = {
  name: "heat_none",
  description: "Heat's OS::Heat::None: a placeholder; accepts any properties, keeps none, never updates.",
  schema: {
    properties: {
      kind: "any",
      description: "Whatever the stubbed-out resource was given (ignored: nothing is kept).",
      optional: true,
    },
    id: { kind: "string", description: "The physical resource id: a random UUID.", computed: true },
  },
  heat: HEAT_NONE,

  // Heat keeps no properties, so nothing ever differs: the recorded object stays as it is
  planChange(prior) {
    return { planned: prior === null ? { properties: null, id: UNKNOWN } : { ...prior } };
  },

  async create() {
    return { properties: null, id: heatUuid() };
  },

  async read(_ctx, prior) {
    return prior;
  },

  // Heat's adopt: the existing object's id taken over
  async import(_ctx, id) {
    return { properties: null, id };
  },

  async update(_ctx, prior) {
    return prior;
  },

  async delete() {
    /* only in state */
  },
};
