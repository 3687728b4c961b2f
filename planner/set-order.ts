// A set as cty keeps one (Terraform's values): distinct elements in cty's iteration order. Facts from cty's set
// rules: strings sort by their bytes, numbers by value, false before true; nulls after everything known, unknowns
// last (and never equal to each other); elements of other types sort by the bytes of their set hash (strings
// quoted, numbers in Go's %g form, a list `[e;…]`, an object `<attr values in name order;…>`, a map `{k:v;…}`).

import { deepEqual, isUnknown, type Value } from "../contract/values.js";

/** Byte-wise (code point) order, as Go compares strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}

/** A number as big.Float's String writes it (Go's %.10g). */
function goNumber(n: number): string {
  const s = n.toPrecision(10);
  const [mantissa, exponent] = s.split("e");
  const m = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  if (exponent === undefined) return m;
  const e = Number(exponent);
  return `${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** The bytes cty hashes a value by (also its order among elements of compound type). */
function hashText(v: Value, mapLike: boolean): string {
  if (isUnknown(v)) return "?";
  if (v === null) return "~";
  if (typeof v === "number") return goNumber(v);
  if (typeof v === "boolean") return v ? "T" : "F";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => `${hashText(x, mapLike)};`).join("")}]`;
  const keys = Object.keys(v).sort(compareStrings);
  if (mapLike) return `{${keys.map((k) => `${JSON.stringify(k)}:${hashText(v[k], mapLike)};`).join("")}}`;
  return `<${keys.map((k) => `${hashText(v[k], mapLike)};`).join("")}>`;
}

/**
 * The elements as a set: duplicates dropped (unknowns are all kept), in cty's order. `mapLike`: elements that are
 * JSON objects are maps (a `set(map(T))`), not objects.
 */
export function ctySet(items: Value[], mapLike = false): Value[] {
  const known: Value[] = [];
  let hasNull = false;
  const unknowns: Value[] = [];
  for (const x of items) {
    if (isUnknown(x)) unknowns.push(x);
    else if (x === null) hasNull = true;
    else if (!known.some((y) => deepEqual(x, y))) known.push(x);
  }
  if (known.every((x) => typeof x === "string")) (known as string[]).sort(compareStrings);
  else if (known.every((x) => typeof x === "number")) (known as number[]).sort((a, b) => a - b);
  else if (known.every((x) => typeof x === "boolean")) known.sort((a, b) => Number(a) - Number(b));
  else {
    const text = new Map(known.map((x) => [x, hashText(x, mapLike)]));
    known.sort((a, b) => compareStrings(text.get(a)!, text.get(b)!));
  }
  return [...known, ...(hasNull ? [null] : []), ...unknowns];
}
