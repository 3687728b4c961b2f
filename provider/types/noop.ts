// noop: Terraform's terraform_data. Holds a value (`input`, mirrored to
// `output`), forces replacement through `triggers_replace`, and has no side
// effects anywhere.

import { randomUUID } from "node:crypto";
import type { Attrs } from "../../contract/values.js";
import type { ResourceType } from "../../contract/resource-type.js";

export const noopType: ResourceType = {
  name: "gantry_noop",
  description:
    "Holds a value and changes only in state (Terraform's terraform_data): output mirrors input; triggers_replace " +
    "forces replacement.",
  schema: {
    input: { kind: "any", description: "Any value; mirrored to output." },
    triggers_replace: { kind: "any", description: "Any value; a change replaces the instance.", forceNew: true },
    output: {
      kind: "any",
      description: "The input value (unknown in the plan when input is unknown).",
      computed: true,
    },
    id: { kind: "string", description: "Random UUID generated at create; kept on update.", computed: true },
  },

  planChange(_prior, config) {
    // output = input, even when input is unknown (then output is unknown too).
    return { planned: { ...config, output: config.input ?? null } };
  },

  async create(_ctx, planned): Promise<Attrs> {
    return { ...planned, output: planned.input ?? null, id: randomUUID() };
  },

  // The id is the instance's id; the object holds nothing else (input and output start null).
  async import(_ctx, id) {
    return { input: null, triggers_replace: null, output: null, id };
  },

  async read(_ctx, prior) {
    return prior;
  },
  readsNothing: true,

  async update(_ctx, prior, planned) {
    return { ...planned, output: planned.input ?? null, id: prior.id ?? randomUUID() };
  },

  async delete() {
    /* nothing to do */
  },
};
