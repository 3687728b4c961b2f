// Small stand-ins for Heat's types (the heat provider's real ones are written elsewhere), enough to load, plan and
// apply Heat's test templates: every property is accepted; `id` is a new UUID, a test resource's `output` mirrors its
// `value`, a random string's `value` is as long as its `length`. They count deletes, so a test can see what was destroyed.

import { randomUUID } from "node:crypto";
import type { AttributeSchema, ResourceType } from "../../contract/resource-type.js";
import type { Attrs } from "../../contract/values.js";
import { BUILTIN_RESOURCE_TYPES } from "../../provider/resource-types.js";
import { Engine } from "../../engine/engine.js";

const any = (description: string): AttributeSchema => ({ kind: "any", description, optional: true });
const computed = (description: string): AttributeSchema => ({ kind: "any", description, computed: true });

function standIn(
  name: string,
  props: string[],
  attrs: string[],
  make: (planned: Attrs) => Attrs,
  deleted: string[],
): ResourceType {
  return {
    name,
    description: `test stand-in for ${name}`,
    schema: {
      ...Object.fromEntries(props.map((p) => [p, any(p)])),
      ...Object.fromEntries(attrs.map((a) => [a, computed(a)])),
      id: { kind: "string", description: "id", computed: true },
    },
    planChange(_prior, config) {
      return { planned: { ...config, ...make(config) } };
    },
    async create(_ctx, planned) {
      return { ...planned, ...make(planned), id: randomUUID() };
    },
    async read(_ctx, prior) {
      return prior;
    },
    async update(_ctx, prior, planned) {
      return { ...planned, ...make(planned), id: prior.id ?? randomUUID() };
    },
    async delete(ctx) {
      deleted.push(ctx.address);
    },
  };
}

const TEST_RESOURCE_PROPS = [
  "value",
  "update_replace",
  "fail",
  "client_name",
  "entity_name",
  "wait_secs",
  "action_wait_secs",
  "attr_wait_secs",
  "constraint_prop_secs",
  "update_replace_value",
];

/** An engine with gantry's types and the stand-ins; `deleted` collects the addresses of deleted instances. */
export function engineWithHeatStandIns(): { engine: Engine; deleted: string[] } {
  const deleted: string[] = [];
  const types = [
    standIn("heat_test_resource", TEST_RESOURCE_PROPS, ["output"], (p) => ({ output: p.value ?? null }), deleted),
    standIn(
      "heat_random_string",
      ["length", "salt", "sequence", "character_classes", "character_sequences"],
      ["value"],
      (p) => ({ value: "x".repeat(typeof p.length === "number" ? p.length : 32) }),
      deleted,
    ),
    standIn("heat_none", [], [], () => ({}), deleted),
  ];
  return { engine: new Engine({ types: [...BUILTIN_RESOURCE_TYPES, ...types] }), deleted };
}
