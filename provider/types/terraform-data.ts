// terraform_data: Terraform's built-in resource that holds a value in state.
// Its semantics are Terraform 1.11's: `output` mirrors `input` and is
// unknown in the plan whenever `input` changes (or the instance is created);
// a change of `triggers_replace` replaces the instance; `id` is a random UUID
// made at create and kept for the life of the instance. It does nothing
// outside the state.

import { randomUUID } from "node:crypto";
import type { ResourceType } from "../../contract/resource-type.js";
import { deepEqual, UNKNOWN, type Attrs, type Value } from "../../contract/values.js";

/** What `output` becomes when `input` changed: unknown until apply, or null when there is no input. */
function changedOutput(input: Value | undefined): Value {
  return input === undefined || input === null ? null : UNKNOWN;
}

export const terraformDataType: ResourceType = {
  name: "terraform_data",
  description:
    "Terraform's terraform_data: holds a value in state (output mirrors input, known after apply when input " +
    "changes); a change of triggers_replace replaces it.",
  schema: {
    input: { kind: "any", description: "Any value; output mirrors it after apply.", optional: true },
    triggers_replace: {
      kind: "any",
      description: "Any value; a change replaces the instance.",
      optional: true,
      forceNew: true,
    },
    output: { kind: "any", description: "The input value, as of the last apply.", computed: true },
    id: { kind: "string", description: "A random UUID made at create.", computed: true },
  },

  planChange(prior, config) {
    const planned: Attrs = { ...config };
    if (prior === null) {
      planned.id = UNKNOWN;
      planned.output = changedOutput(config.input);
    } else if (!deepEqual(prior.input ?? null, config.input ?? null)) {
      planned.output = changedOutput(config.input);
    }
    return { planned };
  },

  async create(_ctx, planned) {
    return { ...planned, output: planned.input ?? null, id: randomUUID() };
  },

  // Terraform's terraform_data imports by id: the object holds nothing else (input and output start null).
  async import(_ctx, id) {
    return { input: null, triggers_replace: null, output: null, id };
  },

  // Terraform's provider moves the null provider's null_resource here (and nothing else): id kept, triggers as
  // triggers_replace, input and output null.
  moveStateFrom(source) {
    if (!source.provider.endsWith("hashicorp/null"))
      return {
        summary: "Unsupported source provider for move operation",
        detail: "Only moving from the official hashicorp/null provider to terraform_data is supported.",
      };
    if (source.type !== "null_resource")
      return {
        summary: "Unsupported source resource type for move operation",
        detail: "Only moving from the null_resource managed resource to terraform_data is supported.",
      };
    const a = source.attributes;
    return { attributes: { input: null, triggers_replace: a.triggers ?? null, output: null, id: a.id ?? null } };
  },

  async read(_ctx, prior) {
    return prior;
  },
  readsNothing: true,

  async update(_ctx, prior, planned) {
    return { ...planned, output: planned.input ?? null, id: prior.id ?? randomUUID() };
  },

  async delete() {
    /* only in state */
  },
};
