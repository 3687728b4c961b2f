// The common type of several types, as cty's UnifyUnsafe finds it (HCL uses it for a conditional's two results,
// cty for the elements of a value converted to a collection of `any`, and for concat of lists). The rules, from
// go-cty's convert package (unify.go, compare_types.go, sort_types.go, conversion*.go, and their tests):
//
// - Types all of one structural kind build a new type: lists, sets or maps unify their element types; objects with
//   the same attribute names unify attribute by attribute, else all their attributes to a map; tuples of one length
//   element by element, else all their elements to a list. Lists with tuples: the tuples unified to a list first,
//   then all as lists (so list(number) with a tuple of strings is list(string)); maps with objects likewise, to a
//   map. Objects with tuples never unify.
// - Otherwise the types are ordered by preference (a string before a number or bool, a list before a tuple or a
//   set, a map before an object, a tuple before a set, dynamic last; objects and tuples by their parts) and the first
//   one every other converts to is the result.
//
// A value gantry does not know the type of (null, unknown) has type `any` (cty's dynamic); where cty would make the
// whole unification dynamic for one of those among collections or structural types, it is left out here instead,
// so a known branch keeps its type.

import type { TypeConstraint } from "./type-constraint.js";

type T = TypeConstraint;
type Obj = Extract<T, { k: "object" }>;
type Tup = Extract<T, { k: "tuple" }>;

const isPrimitive = (t: T) => t.k === "string" || t.k === "number" || t.k === "bool";
const object = (attrs: Record<string, T>): T => ({ k: "object", attrs, optional: [], defaults: {} });

/** Structural equality of types (optional attributes aside). */
export function sameType(a: T, b: T): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "list":
    case "set":
    case "map":
      return sameType(a.elem, (b as typeof a).elem);
    case "tuple": {
      const be = (b as Tup).elems;
      return a.elems.length === be.length && a.elems.every((t, i) => sameType(t, be[i]));
    }
    case "object": {
      const ba = (b as Obj).attrs;
      const names = Object.keys(a.attrs);
      return names.length === Object.keys(ba).length && names.every((n) => n in ba && sameType(a.attrs[n], ba[n]));
    }
    default:
      return true;
  }
}

/** cty's UnifyUnsafe: the type every one of `types` converts to, or undefined when there is none. */
export function unifyTypes(given: T[]): T | undefined {
  if (given.length === 0) return undefined;
  if (given.every((t) => sameType(t, given[0]))) return given[0];
  // a type given twice changes nothing; once each keeps the preference order below from growing with the square of
  // a large collection's elements
  const types = [...new Map(given.map((t) => [JSON.stringify(t), t])).values()];
  const n = (k: T["k"]) => types.filter((t) => t.k === k).length;
  const [maps, lists, sets, objects, tuples, dynamic] = [
    n("map"),
    n("list"),
    n("set"),
    n("object"),
    n("tuple"),
    n("any"),
  ];
  const all = types.length;
  const known = types.filter((t) => t.k !== "any");
  if (maps > 0 && maps + dynamic === all) return unifyCollections("map", known);
  if (maps > 0 && maps + objects + dynamic === all) {
    const u = unifyObjectsAsMaps(types);
    if (u?.k === "map") return u;
  } else if (lists > 0 && lists + dynamic === all) return unifyCollections("list", known);
  else if (lists > 0 && lists + tuples + dynamic === all) {
    const u = unifyTuplesAsList(types);
    if (u?.k === "list") return u;
  } else if (sets > 0 && sets + dynamic === all) return unifyCollections("set", known);
  else if (objects > 0 && objects + dynamic === all) return unifyObjects(known as Obj[]);
  else if (tuples > 0 && tuples + dynamic === all) return unifyTuples(known as Tup[]);
  else if (objects > 0 && tuples > 0) return undefined;
  for (const i of preferenceOrder(types)) {
    const want = types[i];
    if (types.every((t, j) => j === i || sameType(t, want) || convertible(t, want))) return want;
  }
  return undefined;
}

function unifyCollections(k: "list" | "set" | "map", types: T[]): T | undefined {
  const elem = unifyTypes(types.map((t) => (t as { elem: T }).elem));
  if (!elem) return undefined;
  const out: T = { k, elem };
  return types.every((t) => convertible(t, out)) ? out : undefined;
}

/** The objects among `types` unified to a map, then everything unified with that map in their place. */
function unifyObjectsAsMaps(types: T[]): T | undefined {
  const m = objectsToMap(types.filter((t): t is Obj => t.k === "object"));
  if (!m) return undefined;
  return unifyTypes(types.map((t) => (t.k === "object" ? m : t)));
}

/** The tuples among `types` unified to a list, then everything unified with that list in their place. */
function unifyTuplesAsList(types: T[]): T | undefined {
  const l = tuplesToList(types.filter((t): t is Tup => t.k === "tuple"));
  if (!l) return undefined;
  return unifyTypes(types.map((t) => (t.k === "tuple" ? l : t)));
}

function unifyObjects(types: Obj[]): T | undefined {
  if (types.length === 0) return { k: "any" };
  const names = Object.keys(types[0].attrs);
  const same = types.every(
    (o) => Object.keys(o.attrs).length === names.length && Object.keys(o.attrs).every((a) => a in types[0].attrs),
  );
  if (!same) return objectsToMap(types);
  const attrs: Record<string, T> = {};
  for (const a of names) {
    const u = unifyTypes(types.map((o) => o.attrs[a]));
    if (!u) return undefined;
    attrs[a] = u;
  }
  const out = object(attrs);
  return types.every((t) => convertible(t, out)) ? out : objectsToMap(types);
}

function objectsToMap(types: Obj[]): T | undefined {
  const elem = unifyTypes(types.flatMap((o) => Object.values(o.attrs)));
  if (!elem) return undefined;
  const out: T = { k: "map", elem };
  return types.every((t) => convertible(t, out)) ? out : undefined;
}

function unifyTuples(types: Tup[]): T | undefined {
  if (types.length === 0) return { k: "any" };
  const len = types[0].elems.length;
  if (!types.every((t) => t.elems.length === len)) return tuplesToList(types);
  const elems: T[] = [];
  for (let i = 0; i < len; i++) {
    const u = unifyTypes(types.map((t) => t.elems[i]));
    if (!u) return undefined;
    elems.push(u);
  }
  const out: T = { k: "tuple", elems };
  return types.every((t) => convertible(t, out)) ? out : tuplesToList(types);
}

function tuplesToList(types: Tup[]): T | undefined {
  const elem = unifyTypes(types.flatMap((t) => t.elems));
  if (!elem) return undefined;
  const out: T = { k: "list", elem };
  return types.every((t) => convertible(t, out)) ? out : undefined;
}

/** Whether cty has an unsafe conversion from `from` to `to` (one that may still fail on a particular value). */
export function convertible(from: T, to: T): boolean {
  if (to.k === "any" || from.k === "any" || sameType(from, to)) return true;
  if (isPrimitive(from) && isPrimitive(to)) return to.k === "string" || from.k === "string" || from.k === to.k;
  switch (to.k) {
    case "object":
      if (from.k === "object")
        return Object.entries(to.attrs).every(([n, t]) =>
          n in from.attrs ? convertible(from.attrs[n], t) : to.optional.includes(n),
        );
      if (from.k === "map")
        return Object.entries(to.attrs).every(([n, t]) => convertible(from.elem, t) || to.optional.includes(n));
      return false;
    case "tuple":
      return (
        from.k === "tuple" &&
        from.elems.length === to.elems.length &&
        from.elems.every((t, i) => convertible(t, to.elems[i]))
      );
    case "list":
    case "set":
      if (from.k === "list" || from.k === "set") return convertible(from.elem, to.elem);
      if (from.k === "tuple") return partsConvert(from.elems, to.elem);
      return false;
    case "map":
      if (from.k === "map") return convertible(from.elem, to.elem);
      if (from.k === "object") return partsConvert(Object.values(from.attrs), to.elem);
      return false;
    default:
      return false;
  }
}

/** A tuple's elements (an object's attributes) to one element type; to `any`, to the type they unify to. */
function partsConvert(parts: T[], elem: T): boolean {
  if (parts.length === 0) return true;
  let target = elem;
  if (elem.k === "any") {
    const u = unifyTypes(parts);
    if (!u) return false;
    if (u.k === "any") return parts.every((p) => p.k === "any");
    target = u;
  }
  return parts.every((p) => convertible(p, target));
}

/** Indices of `types`, most preferred first (a topological order of "preferred to", ties in their given order). */
function preferenceOrder(types: T[]): number[] {
  const edges: number[][] = types.map(() => []);
  for (let i = 0; i < types.length - 1; i++)
    for (let j = i + 1; j < types.length; j++) {
      const c = compareTypes(types[i], types[j]);
      if (c < 0) edges[i].push(j);
      else if (c > 0) edges[j].push(i);
    }
  const inDegree = types.map(() => 0);
  for (const out of edges) for (const j of out) inDegree[j]++;
  const order: number[] = [];
  for (let i = 0; i < types.length; i++) if (inDegree[i] === 0) order.push(i);
  for (let q = 0; q < order.length; q++) for (const j of edges[order[q]]) if (--inDegree[j] === 0) order.push(j);
  return order;
}

/** cty's preference between two types: negative when `a` is preferred, positive when `b` is, 0 when neither. */
function compareTypes(a: T, b: T): number {
  if (a.k === "any" || b.k === "any") return a.k === b.k ? 0 : a.k === "any" ? 1 : -1;
  if (isPrimitive(a) && isPrimitive(b) && (a.k === "string" || b.k === "string"))
    return a.k === b.k ? 0 : a.k === "string" ? -1 : 1;
  if ((a.k === "list" && b.k === "list") || (a.k === "set" && b.k === "set") || (a.k === "map" && b.k === "map"))
    return compareTypes(a.elem, (b as { elem: T }).elem);
  // the pairs below are written one way round; the other way round swaps them and the answer
  const swapped =
    (a.k === "tuple" && b.k === "list") ||
    (a.k === "object" && b.k === "map") ||
    (a.k === "set" && b.k === "tuple") ||
    (a.k === "set" && b.k === "list");
  const [x, y, sign] = swapped ? [b, a, -1] : [a, b, 1];
  if (y.k === "set" && (x.k === "tuple" || x.k === "list")) return -sign;
  if (x.k === "list" && y.k === "tuple") return -sign;
  if (x.k === "map" && y.k === "object") return -sign;
  const byParts = (ps: T[], qs: T[]): number => {
    let xSuper = false;
    let ySuper = false;
    ps.forEach((p, i) => {
      const c = compareTypes(p, qs[i]);
      if (c < 0) xSuper = true;
      else if (c > 0) ySuper = true;
    });
    return xSuper === ySuper ? 0 : xSuper ? -sign : sign;
  };
  if (x.k === "object" && y.k === "object") {
    const names = Object.keys(x.attrs);
    if (names.length !== Object.keys(y.attrs).length || !names.every((n) => n in y.attrs)) return 0;
    return byParts(
      names.map((n) => x.attrs[n]),
      names.map((n) => y.attrs[n]),
    );
  }
  if (x.k === "tuple" && y.k === "tuple") return x.elems.length === y.elems.length ? byParts(x.elems, y.elems) : 0;
  return 0;
}
