// The type of a value, as cty's types are: primitives, collections (list, set, map), structural types (tuple,
// object) and `any` (a type not yet known). Variables' type constraints are written in it (an object's optional
// attributes and their defaults are part of a constraint), and an unknown value may carry one.

import type { Value } from "./values.js";

export type ValueType =
  | { k: "string" }
  | { k: "number" }
  | { k: "bool" }
  | { k: "any" }
  | { k: "list" | "set" | "map"; elem: ValueType }
  | { k: "tuple"; elems: ValueType[] }
  | {
      k: "object";
      attrs: Record<string, ValueType>;
      /** Attributes declared optional(...). */
      optional: string[];
      /** optional(T, default): the default of each such attribute, already converted to T. */
      defaults: Record<string, Value>;
    };
