// How type constraints are named to the user: as written (`list(string)`)
// and as cty's conversion messages name them ("list of string").

import type { TypeConstraint } from "./type-constraint.js";

/** The constraint as Terraform writes it: `list(string)`, `object({a=string,b=optional(number)})`. */
export function typeString(t: TypeConstraint): string {
  switch (t.k) {
    case "list":
    case "set":
    case "map":
      return `${t.k}(${typeString(t.elem)})`;
    case "tuple":
      return `tuple([${t.elems.map(typeString).join(", ")}])`;
    case "object":
      return `object({${Object.entries(t.attrs)
        .map(([n, a]) => `${n}=${t.optional.includes(n) ? `optional(${typeString(a)})` : typeString(a)}`)
        .join(", ")}})`;
    default:
      return t.k;
  }
}

/** cty's FriendlyNameForConstraint: "list of string", "map of any single type", "object", "tuple". */
export function friendlyNameForConstraint(t: TypeConstraint): string {
  switch (t.k) {
    case "any":
      return "any single type";
    case "list":
    case "set":
    case "map":
      return `${t.k} of ${friendlyNameForConstraint(t.elem)}`;
    default:
      return t.k;
  }
}

/** cty's FriendlyName: like the above, with "dynamic" for any. */
export function friendlyName(t: TypeConstraint): string {
  switch (t.k) {
    case "any":
      return "dynamic";
    case "list":
    case "set":
    case "map":
      return `${t.k} of ${friendlyName(t.elem)}`;
    default:
      return t.k;
  }
}
