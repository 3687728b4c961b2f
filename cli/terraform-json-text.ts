// JSON text as Terraform (Go's encoding/json) writes it, so tools comparing
// bytes see the same: `<`, `>`, `&`, U+2028 and U+2029 escaped, numbers in
// full (never an exponent), compact or indented by two spaces
// (MarshalIndent), map keys sorted (`sortKeys`; Go structs keep their field
// order, so callers that build struct-like objects pass false and sort their
// maps themselves). Also the type of a value in Terraform's type JSON
// ("string", ["tuple", [...]], ["object", {...}]), inferred from the value:
// gantry keeps no collection types, so lists are tuples and maps objects, as
// Terraform types literals.

import { isUnknown, type Value } from "../contract/values.js";
import { terraformNumber } from "./terraform-value-text.js";

export function terraformJson(v: unknown, opts: { indent?: boolean; sortKeys?: boolean } = {}): string {
  const sort = opts.sortKeys ?? true;
  const write = (x: unknown, pad: string): string => {
    if (x === null || x === undefined || isUnknown(x)) return "null";
    if (typeof x === "string") return goJsonString(x);
    if (typeof x === "number") return Number.isFinite(x) ? terraformNumber(x) : "null";
    if (typeof x === "boolean") return x ? "true" : "false";
    const inner = `${pad}  `;
    const open = (items: string[], o: string, c: string): string =>
      !items.length
        ? o + c
        : opts.indent
          ? `${o}\n${inner}${items.join(`,\n${inner}`)}\n${pad}${c}`
          : `${o}${items.join(",")}${c}`;
    if (Array.isArray(x))
      return open(
        x.map((e) => write(e, inner)),
        "[",
        "]",
      );
    const o = x as Record<string, unknown>;
    let keys = Object.keys(o).filter((k) => o[k] !== undefined);
    if (sort) keys = keys.sort();
    return open(
      keys.map((k) => `${goJsonString(k)}:${opts.indent ? " " : ""}${write(o[k], inner)}`),
      "{",
      "}",
    );
  };
  return write(v, "");
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
