// null_resource, of Terraform's null provider (hashicorp/null): a resource
// that does nothing but exist, used to hang provisioners on. A change of any
// value in `triggers` (a map of strings) replaces it; `id` is a random
// number made at create, as the null provider makes it.

import { randomBytes } from "node:crypto";
import type { ResourceType } from "../../contract/resource-type.js";
import { isUnknown, typeName, type Attrs, type Value } from "../../contract/values.js";

/** A non-negative 63-bit random integer in decimal, like Go's rand.Int() that the null provider uses. */
function randomId(): string {
  return (randomBytes(8).readBigUInt64BE() >> 1n).toString();
}

/** triggers as a map of strings (numbers and bools converted, as Terraform converts to map(string)). */
function triggerStrings(v: Value | undefined): Value {
  if (v === undefined || v === null || isUnknown(v)) return v ?? null;
  const out: Record<string, Value> = {};
  for (const [k, x] of Object.entries(v as Record<string, Value>))
    out[k] = typeof x === "number" || typeof x === "boolean" ? String(x) : x;
  return out;
}

export const nullResourceType: ResourceType = {
  name: "null_resource",
  description: "The null provider's null_resource: does nothing; a change of triggers replaces it.",
  schema: {
    triggers: {
      kind: "map",
      description: "A map of strings; a change of any value replaces the instance.",
      optional: true,
      forceNew: true,
    },
    id: { kind: "string", description: "A random number made at create.", computed: true },
  },

  validate(config) {
    const t = config.triggers;
    if (t === undefined || t === null || isUnknown(t)) return [];
    const bad = Object.entries(t as Record<string, Value>).filter(
      ([, x]) => x !== null && !isUnknown(x) && typeof x === "object",
    );
    return bad.map(([k, x]) => ({
      attribute: "triggers",
      message: `triggers must be a map of strings; "${k}" is ${typeName(x)}`,
    }));
  },

  planChange(_prior, config) {
    const planned: Attrs = { ...config, triggers: triggerStrings(config.triggers) };
    return { planned };
  },

  async create(_ctx, planned) {
    return { ...planned, id: randomId() };
  },

  async read(_ctx, prior) {
    return prior;
  },
  readsNothing: true,

  async update(_ctx, prior, planned) {
    return { ...planned, id: prior.id ?? randomId() };
  },

  async delete() {
    /* nothing exists outside the state */
  },
};
