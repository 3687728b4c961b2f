// Collection functions (Terraform's docs: "Collection Functions").

import {
  collectionKind,
  containsUnknown,
  deepEqual,
  isUnknown,
  UNKNOWN,
  type Value,
  withCollectionKind,
} from "../../../contract/values.js";
import {
  asBool,
  asInteger,
  asList,
  asMap,
  asNumber,
  asString,
  asStringList,
  compareStrings,
  graphemes,
  isMap,
  setOf,
  unifyPrimitives,
  type ValueMap,
} from "./argument-conversion.js";
import { FunctionError, type FunctionTable } from "./definition.js";
import { convertValue, inferType, sameType } from "../../type-conversion.js";
import { unifyTypes } from "../../type-unification.js";
import { friendlyName } from "../../type-names.js";

const sortedKeys = (m: ValueMap) => Object.keys(m).sort(compareStrings);

function removed(name: string, instead: string): FunctionTable[string] {
  return {
    params: [],
    variadic: "vals",
    unknowns: "self",
    allowNull: true,
    impl: () => {
      throw new FunctionError(
        `the "${name}" function was deprecated in Terraform v0.12 and is no longer available; use ${instead} syntax ` +
          `to write a literal ${name}`,
      );
    },
  };
}

function setFunction(combine: (sets: Value[][]) => Value[], least = 1): FunctionTable[string] {
  return {
    params: [],
    variadic: "sets",
    impl: (args) => {
      if (args.length < least) throw new FunctionError("at least one argument is required");
      return setOf(combine(args.map((a, i) => setOf(asList(a, i, "set")))));
    },
  };
}

const has = (set: Value[], v: Value) => set.some((x) => deepEqual(x, v));

/** A function's result that is a list (not a tuple) in Terraform. */
const asListOf = (items: Value[]): Value[] => withCollectionKind(items, "list");

/** keys() and values(): a list from a map, a tuple from an object. */
const keptKind = (from: Value, items: Value[]): Value[] => (collectionKind(from) === "map" ? asListOf(items) : items);

/**
 * concat() of lists, chunklist(), matchkeys(): a list when the elements unify to one type (cty's UnifyUnsafe), else
 * (elements that do not unify as primitives) the elements as a tuple.
 */
function listOrTuple(items: Value[]): Value[] {
  try {
    return asListOf(unifyPrimitives(items));
  } catch {
    return items;
  }
}

/**
 * concat() of lists only: a list of the type the lists unify to (cty's UnifyUnsafe: list(number) and list(string)
 * give list(string), lists of objects with different attributes a list of maps); lists that do not unify give their
 * elements as a tuple, as cty's ConcatFunc does.
 */
function concatenatedList(lists: Value[], items: Value[]): Value[] {
  const u = unifyTypes(lists.map(inferType));
  const c = u ? convertValue(items, u) : undefined;
  return c?.ok && Array.isArray(c.value) ? c.value : items;
}

/** merge() gives a map only when every argument is a map of the same type (cty's MergeFunc); else an object. */
function sameMapType(a: Value, first: Value): boolean {
  return collectionKind(a) === "map" && sameType(inferType(a), inferType(first));
}

function flattenInto(v: Value[], out: Value[]): boolean {
  for (const x of v) {
    if (isUnknown(x)) return false;
    if (Array.isArray(x)) {
      if (!flattenInto(x, out)) return false;
    } else out.push(x);
  }
  return true;
}

export const COLLECTION_FUNCTIONS: FunctionTable = {
  alltrue: {
    params: ["list"],
    unknowns: "shallow",
    impl: ([l]) => {
      let unknown = false;
      for (const v of asList(l, 0, "list of bool")) {
        if (isUnknown(v)) unknown = true;
        else if (v === null || !asBool(v, 0)) return false;
      }
      return unknown ? UNKNOWN : true;
    },
  },
  anytrue: {
    params: ["list"],
    unknowns: "shallow",
    impl: ([l]) => {
      let unknown = false;
      for (const v of asList(l, 0, "list of bool")) {
        if (isUnknown(v)) unknown = true;
        else if (v !== null && asBool(v, 0)) return true;
      }
      return unknown ? UNKNOWN : false;
    },
  },
  chunklist: {
    params: ["list", "size"],
    unknowns: "shallow",
    impl: ([l, s]) => {
      // a list of lists (cty's): a tuple argument converts to a list first
      const list = listOrTuple(asList(l, 0));
      const size = asInteger(s, 1);
      if (size < 0) throw new FunctionError("the size argument must be positive");
      if (size === 0) return asListOf(list.length ? [list] : []);
      const out: Value[] = [];
      for (let i = 0; i < list.length; i += size) out.push(asListOf(list.slice(i, i + size)));
      return asListOf(out);
    },
  },
  coalesce: {
    params: [],
    variadic: "vals",
    allowNull: true,
    unknowns: "self",
    impl: (args) => {
      if (args.length === 0) throw new FunctionError("at least one argument is required");
      const unified = unifyPrimitives(args);
      for (const a of unified) {
        if (isUnknown(a)) return UNKNOWN;
        if (a !== null && a !== "") return a;
      }
      throw new FunctionError("no non-null, non-empty-string arguments");
    },
  },
  coalescelist: {
    params: [],
    variadic: "vals",
    allowNull: true,
    unknowns: "self",
    impl: (args) => {
      if (args.length === 0) throw new FunctionError("at least one argument is required");
      for (const [i, a] of args.entries()) {
        if (isUnknown(a)) return UNKNOWN;
        if (a === null) continue;
        if (!Array.isArray(a)) throw new FunctionError("coalescelist arguments must be lists or tuples", i);
        if (a.length > 0) return a;
      }
      throw new FunctionError("no non-null arguments");
    },
  },
  compact: {
    params: ["list"],
    impl: ([l]) =>
      asListOf(
        asList(l, 0, "list of string")
          .filter((v) => v !== null && v !== "")
          .map((v) => asString(v, 0)),
      ),
  },
  concat: {
    params: [],
    variadic: "seqs",
    unknowns: "shallow",
    impl: (args) => {
      if (args.length === 0) throw new FunctionError("at least one argument is required");
      args.forEach((a, i) => {
        if (a !== null && (!Array.isArray(a) || collectionKind(a) === "set"))
          throw new FunctionError(`all arguments must be lists or tuples; got ${friendlyName(inferType(a))}`, i);
      });
      const items = args.flatMap((a, i) => asList(a, i, "list"));
      return args.every((a) => collectionKind(a) === "list") ? concatenatedList(args, items) : items;
    },
  },
  contains: {
    params: ["list", "value"],
    unknowns: "shallow",
    impl: ([l, v]) => {
      const list = asList(l, 0, "list, tuple, or set");
      if (list.length === 0) return false;
      if (containsUnknown(v)) return UNKNOWN;
      let unknown = false;
      for (const x of list) {
        if (containsUnknown(x)) unknown = true;
        else if (deepEqual(x, v)) return true;
      }
      return unknown ? UNKNOWN : false;
    },
  },
  distinct: {
    params: ["list"],
    impl: ([l]) => {
      const out: Value[] = [];
      for (const v of asList(l, 0)) if (!has(out, v)) out.push(v);
      return asListOf(out);
    },
  },
  element: {
    params: ["list", "index"],
    unknowns: "shallow",
    impl: ([l, i]) => {
      const list = asList(l, 0);
      const index = asInteger(i, 1);
      if (list.length === 0) throw new FunctionError("cannot use element function with an empty list");
      if (index < 0) throw new FunctionError("cannot use element function with a negative index");
      return list[index % list.length];
    },
  },
  flatten: {
    params: ["list"],
    unknowns: "shallow",
    impl: ([l]) => {
      const out: Value[] = [];
      return flattenInto(asList(l, 0, "list, set, or tuple"), out) ? out : UNKNOWN;
    },
  },
  index: {
    params: ["list", "value"],
    impl: ([l, v]) => {
      const list = asList(l, 0, "list or tuple");
      if (list.length === 0) throw new FunctionError("cannot search an empty list");
      const i = list.findIndex((x) => deepEqual(x, v));
      if (i < 0) throw new FunctionError("item not found");
      return i;
    },
  },
  keys: {
    params: ["inputMap"],
    unknowns: "shallow",
    // a map's keys are a list of strings, an object's a tuple
    impl: ([m]) => keptKind(m, sortedKeys(asMap(m, 0, "map or object"))),
  },
  values: {
    params: ["mapping"],
    unknowns: "shallow",
    impl: ([m]) => {
      const map = asMap(m, 0, "map or object");
      return keptKind(
        m,
        sortedKeys(map).map((k) => map[k]),
      );
    },
  },
  length: {
    params: ["value"],
    unknowns: "self",
    impl: ([v]) => {
      if (isUnknown(v)) return UNKNOWN;
      if (typeof v === "string") return graphemes(v).length;
      if (Array.isArray(v)) return v.length;
      if (isMap(v)) return Object.keys(v).length;
      throw new FunctionError("argument must be a string, a collection type, or a structural type", 0);
    },
  },
  list: removed("list", "tolist([ ... ])"),
  map: removed("map", "tomap({ ... })"),
  lookup: {
    params: ["inputMap", "key"],
    variadic: "default",
    maxArgs: 3,
    unknowns: "shallow",
    allowNull: [2],
    impl: ([m, k, ...rest]) => {
      const map = asMap(m, 0, "map or object");
      const key = asString(k, 1);
      if (Object.hasOwn(map, key)) return map[key];
      if (rest.length) return rest[0];
      throw new FunctionError(`lookup failed to find key ${JSON.stringify(key)}`);
    },
  },
  matchkeys: {
    params: ["values", "keys", "searchset"],
    impl: ([v, k, s]) => {
      // values convert to a list (their elements unified) before they are picked, as cty's parameter type says
      const values = listOrTuple(asList(v, 0));
      const keys = asList(k, 1);
      const search = asList(s, 2);
      if (values.length !== keys.length) throw new FunctionError("length of keys and values should be equal");
      const picked = values.filter((_, i) => has(search, keys[i]));
      return collectionKind(values) === "list" ? asListOf(picked) : picked;
    },
  },
  merge: {
    params: [],
    variadic: "maps",
    allowNull: true,
    unknowns: "shallow",
    impl: (args) => {
      const out: ValueMap = {};
      args.forEach((a, i) => {
        if (a === null) return;
        if (!isMap(a))
          throw new FunctionError(`arguments must be maps or objects, got ${JSON.stringify(friendly(a))}`, i);
        Object.assign(out, a);
      });
      return args.length > 0 && args.every((a) => sameMapType(a, args[0])) ? withCollectionKind(out, "map") : out;
    },
  },
  one: {
    params: ["list"],
    unknowns: "shallow",
    impl: ([l]) => {
      if (!Array.isArray(l) || l.length > 1)
        throw new FunctionError("must be a list, set, or tuple value with either zero or one elements", 0);
      return l.length ? l[0] : null;
    },
  },
  range: {
    params: [],
    variadic: "params",
    minArgs: 1,
    maxArgs: 3,
    impl: (args) => {
      const n = args.map((a, i) => asNumber(a, i));
      const [start, end] = n.length === 1 ? [0, n[0]] : [n[0], n[1]];
      const step = n.length === 3 ? n[2] : start > end ? -1 : 1;
      if (step === 0) throw new FunctionError("step must not be zero", 2);
      if (step < 0 && end > start) throw new FunctionError("end must be less than start when step is negative", 1);
      if (step > 0 && end < start) throw new FunctionError("end must be greater than start when step is positive", 1);
      const out: number[] = [];
      for (let x = start; step < 0 ? x > end : x < end; x += step) {
        out.push(x);
        if (out.length > 1024)
          throw new FunctionError(
            "more than 1024 values were generated; either decrease the difference between start and end or use a " +
              "smaller step",
          );
      }
      return asListOf(out);
    },
  },
  reverse: {
    params: ["list"],
    unknowns: "shallow",
    impl: ([l]) => {
      const out = [...asList(l, 0, "list or tuple")].reverse();
      return collectionKind(l) === undefined ? out : asListOf(out);
    },
  },
  setintersection: setFunction((sets) => sets[0].filter((v) => sets.every((s) => has(s, v)))),
  setunion: setFunction((sets) => sets.flat()),
  setsubtract: {
    params: ["a", "b"],
    impl: ([a, b]) => {
      const right = setOf(asList(b, 1, "set"));
      return withCollectionKind(
        setOf(asList(a, 0, "set")).filter((v) => !has(right, v)),
        "set",
      );
    },
  },
  setproduct: {
    params: [],
    variadic: "sets",
    unknowns: "shallow",
    impl: (args) => {
      if (args.length < 2) throw new FunctionError("at least two arguments are required");
      const lists = args.map((a, i) => asList(a, i, "set or list"));
      if (lists.some(containsUnknown)) return UNKNOWN;
      let out: Value[][] = [[]];
      for (const l of lists) out = out.flatMap((prefix) => l.map((v) => [...prefix, v]));
      // all lists or tuples: a list of tuples in their order; a set among them: a set of tuples (cty's)
      return args.some((a) => collectionKind(a) === "set") ? setOf(out) : asListOf(out);
    },
  },
  slice: {
    params: ["list", "start_index", "end_index"],
    unknowns: "shallow",
    impl: ([l, s, e]) => {
      const list = asList(l, 0, "list or tuple");
      if (collectionKind(l) === "set")
        throw new FunctionError(
          "cannot slice a set, because its elements do not have indices; explicitly convert to a list if the " +
            "ordering of the result is not important",
          0,
        );
      const start = asInteger(s, 1);
      const end = asInteger(e, 2);
      if (start < 0) throw new FunctionError("start index must not be less than zero", 1);
      if (start > list.length)
        throw new FunctionError("start index must not be greater than the length of the list", 1);
      if (end < 0) throw new FunctionError("end index must not be less than zero", 2);
      if (end > list.length) throw new FunctionError("end index must not be greater than the length of the list", 2);
      if (start > end) throw new FunctionError("start index must not be greater than end index", 1);
      return collectionKind(l) === "list" ? asListOf(list.slice(start, end)) : list.slice(start, end);
    },
  },
  sort: {
    params: ["list"],
    impl: ([l]) => {
      const list = asList(l, 0, "list of string");
      list.forEach((v, i) => {
        if (v === null) throw new FunctionError(`given list element ${i} is null; a null string cannot be sorted`);
      });
      return asListOf(asStringList(list, 0).sort(compareStrings));
    },
  },
  sum: {
    params: ["list"],
    impl: ([l]) => {
      if (!Array.isArray(l)) throw new FunctionError("cannot sum noniterable", 0);
      if (l.length === 0) throw new FunctionError("cannot sum an empty list", 0);
      const nums = l.map((v) => {
        if (v === null || typeof v === "object")
          throw new FunctionError("argument must be list, set, or tuple of number values", 0);
        return asNumber(v, 0);
      });
      const total = nums.reduce((a, b) => a + b);
      if (Number.isNaN(total)) throw new FunctionError("can't compute sum of opposing infinities");
      return total;
    },
  },
  transpose: {
    params: ["values"],
    impl: ([m]) => {
      const map = asMap(m, 0, "map of list of string");
      const out: Record<string, string[]> = {};
      for (const k of sortedKeys(map)) {
        const l = map[k];
        if (l === null) throw new FunctionError("input must not contain null list");
        if (!Array.isArray(l)) throw new FunctionError("input must be a map of lists of strings");
        for (const v of l) {
          if (v === null) throw new FunctionError("input list must not contain null string");
          const s = asString(v, 0);
          if (!out[s]) out[s] = [];
          out[s].push(k);
        }
      }
      // a map of lists of strings (Terraform's)
      for (const k of Object.keys(out)) asListOf(out[k].sort(compareStrings));
      return withCollectionKind(out, "map");
    },
  },
  zipmap: {
    params: ["keys", "values"],
    unknowns: "shallow",
    impl: ([k, v]) => {
      const keys = asList(k, 0, "list of string");
      const values = asList(v, 1, "list or tuple");
      if (keys.length !== values.length)
        throw new FunctionError(`number of keys (${keys.length}) does not match number of values (${values.length})`);
      if (keys.some(isUnknown)) return UNKNOWN;
      const out: ValueMap = {};
      keys.forEach((key, i) => {
        if (key === null) throw new FunctionError(`keys list has null value at index ${i}`);
        out[asString(key, 0)] = values[i];
      });
      return collectionKind(v) === "list" ? withCollectionKind(out, "map") : out;
    },
  },
};

function friendly(v: Value): string {
  return Array.isArray(v) ? "tuple" : typeof v === "boolean" ? "bool" : typeof v;
}
