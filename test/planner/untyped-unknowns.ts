// For tests that compare results with UNKNOWN: every unknown in a value, whatever its type, becomes the one
// UNKNOWN (collection kinds kept), so that `assert.is`/`assert.equal` test what is unknown, not its type.

import { collectionKind, isUnknown, UNKNOWN, type Value, withCollectionKind } from "../../contract/values.js";

export function untyped(v: Value): Value {
  if (isUnknown(v)) return UNKNOWN;
  const kind = collectionKind(v);
  if (Array.isArray(v)) {
    const out = v.map(untyped);
    return kind ? withCollectionKind(out, kind) : out;
  }
  if (v !== null && typeof v === "object") {
    const out: { [k: string]: Value } = {};
    for (const [k, x] of Object.entries(v)) out[k] = untyped(x);
    return kind ? withCollectionKind(out, kind) : out;
  }
  return v;
}
