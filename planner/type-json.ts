// Terraform's JSON form of a type, as its state records an output's `type` and `output -json` prints it:
// "string", "number", "bool", "dynamic", ["list", T], ["set", T], ["map", T], ["tuple", [T, ...]],
// ["object", {name: T, ...}]. A value read back from JSON is a plain tuple or object again; `withTypeTags` gives it
// back the list, set and map kinds its type says it had.

import { collectionKind, setMember, type Value, withCollectionKind } from "../contract/values.js";
import type { TypeConstraint } from "./type-constraint.js";

export type TypeJson = string | [string, TypeJson | TypeJson[] | Record<string, TypeJson>];

export function typeToJson(t: TypeConstraint): TypeJson {
  switch (t.k) {
    case "any":
      return "dynamic";
    case "list":
    case "set":
    case "map":
      return [t.k, typeToJson(t.elem)];
    case "tuple":
      return ["tuple", t.elems.map(typeToJson)];
    case "object": {
      const attrs: Record<string, TypeJson> = {};
      for (const k of Object.keys(t.attrs).sort()) attrs[k] = typeToJson(t.attrs[k]);
      return ["object", attrs];
    }
    default:
      return t.k;
  }
}

/** The type a JSON type form names; `any` for what is not one (an old or foreign state's field). */
export function typeFromJson(j: unknown): TypeConstraint {
  if (j === "string" || j === "number" || j === "bool") return { k: j };
  if (!Array.isArray(j) || j.length !== 2) return { k: "any" };
  const [kind, inner] = j;
  if (kind === "list" || kind === "set" || kind === "map") return { k: kind, elem: typeFromJson(inner) };
  if (kind === "tuple" && Array.isArray(inner)) return { k: "tuple", elems: inner.map(typeFromJson) };
  if (kind === "object" && inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
    const attrs: Record<string, TypeConstraint> = {};
    for (const [k, x] of Object.entries(inner)) attrs[k] = typeFromJson(x);
    return { k: "object", attrs, optional: [], defaults: {} };
  }
  return { k: "any" };
}

/** `v` (read from JSON) with the collection kinds of type `t` tagged on, at every depth. */
export function withTypeTags(v: Value, t: TypeConstraint): Value {
  if (v === null || typeof v !== "object" || collectionKind(v) !== undefined) return v;
  if (Array.isArray(v)) {
    if (t.k === "list" || t.k === "set")
      return withCollectionKind(
        v.map((x) => withTypeTags(x, t.elem)),
        t.k,
      );
    if (t.k === "tuple") return v.map((x, i) => withTypeTags(x, t.elems[i] ?? { k: "any" }));
    return v;
  }
  const out: { [k: string]: Value } = {};
  if (t.k === "map") {
    for (const [k, x] of Object.entries(v)) setMember(out, k, withTypeTags(x as Value, t.elem));
    return withCollectionKind(out, "map");
  }
  if (t.k !== "object") return v;
  for (const [k, x] of Object.entries(v)) setMember(out, k, withTypeTags(x as Value, t.attrs[k] ?? { k: "any" }));
  return out;
}
