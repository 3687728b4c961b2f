// A Heat nested stack as one resource of its parent (heat_nested_stack): what a provider template resource
// (`type: my_server.yaml`, a resource_registry mapping to a template) is in the config model. The nested stack's
// own resources are a module instance of the parent's configuration (templates/hot/provider-template.ts); this
// resource stands for the stack as a whole: it comes after every resource of the module, its physical id is the
// nested stack's id (given by the front end: it is known before anything is created, so the stack service can
// record the nested stack while its resources are made), and its `outputs` attribute holds the nested stack's
// outputs (get_attr on the provider resource). It updates in place: the nested stack is updated, never replaced.
// It is not a type a template names: HIDDEN in the resource type catalog, and the HOT front end refuses the name.

import type { ResourceType } from "../../../contract/resource-type.js";
import { UNKNOWN } from "../../../contract/values.js";

const DESCRIPTION = "A Heat nested stack (a provider template resource): its id and its outputs.";

export const heatNestedStackType: ResourceType = {
  name: "heat_nested_stack",
  description: DESCRIPTION,
  heat: {
    description: DESCRIPTION,
    supportStatus: { status: "HIDDEN", message: null, version: null, previous_status: null },
    properties: {},
    attributes: {},
  },
  schema: {
    stack_id: { kind: "string", description: "The nested stack's id (its physical resource id)." },
    stack_name: { kind: "string", description: "The nested stack's name.", optional: true },
    template: {
      kind: "string",
      description: "The nested stack's template (its name in the files map).",
      optional: true,
    },
    arn: {
      kind: "string",
      description: "The nested stack's ARN (get_resource on the provider resource).",
      optional: true,
    },
    outputs: { kind: "any", description: "The nested stack's outputs, by name.", optional: true },
    detached: {
      kind: "bool",
      description: "A stack of its own (OS::Heat::Stack): no parent, not listed among its owner's resources.",
      optional: true,
    },
    template_body: {
      kind: "string",
      description: "The stack's template text, when it is not a file (OS::Heat::Stack's template property).",
      optional: true,
    },
    group: {
      kind: "bool",
      description: "The stack of an OS::Heat::ResourceGroup's members (Heat names them resources[N] in errors).",
      optional: true,
    },
    timeout_mins: { kind: "number", description: "The stack's own timeout (OS::Heat::Stack).", optional: true },
    id: { kind: "string", description: "The physical resource id: the nested stack's id.", computed: true },
    serial: {
      kind: "number",
      description: "How many times the stack was created or updated: every plan updates it, as Heat does.",
      computed: true,
    },
  },

  // Heat always updates a nested stack when its parent is updated and lets the nested stack's resources decide
  // (StackResource and RemoteStack _needs_update): every plan is an update here, the serial counts them
  planChange(prior, config) {
    const id = typeof config.stack_id === "string" ? config.stack_id : UNKNOWN;
    const serial = typeof prior?.serial === "number" ? prior.serial + 1 : 1;
    return { planned: { ...config, outputs: config.outputs ?? null, id, serial } };
  },

  async create(_ctx, planned) {
    return { ...planned };
  },

  async read(_ctx, prior) {
    return prior;
  },

  async update(_ctx, _prior, planned) {
    return { ...planned };
  },

  async delete() {
    /* the nested stack's resources are deleted as resources of the module */
  },
};
