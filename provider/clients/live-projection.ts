// Mapping a live object (as an API returns it, full of server defaults) back
// onto the shape the user configured, so that only fields the user set are
// compared: server defaults do not show as drift, but a change of a
// configured field (made outside gantry) does.

import type { Value } from "../../contract/values.js";

export interface ProjectionOptions {
  /**
   * Per-key override, called for every key the user configured (at any depth;
   * `path` is the dotted path, list indexes as numbers). Return undefined to
   * use the default projection.
   */
  special?: (path: string, key: string, configured: Value, live: unknown) => Value | undefined;
  /** Keys (dotted paths) whose live value is taken whole (user-owned maps such as env, labels). */
  whole?: Set<string>;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * The live value restricted to what `configured` sets:
 * - objects keep only the configured keys (a configured key missing live is left out, so it shows as a change);
 * - lists are projected element by element (extra live elements are kept whole);
 * - scalars are the live value.
 */
export function projectOnto(configured: Value, live: unknown, opts: ProjectionOptions = {}, path = ""): Value {
  if (isPlainObject(configured) && isPlainObject(live)) {
    const out: { [k: string]: Value } = {};
    for (const [k, c] of Object.entries(configured)) {
      const p = path ? `${path}.${k}` : k;
      const special = opts.special?.(p, k, c, live[k]);
      if (special !== undefined) {
        out[k] = special;
        continue;
      }
      if (!(k in live) || live[k] === undefined) continue;
      out[k] = opts.whole?.has(p) ? toValue(live[k]) : projectOnto(c, live[k], opts, p);
    }
    return out;
  }
  if (Array.isArray(configured) && Array.isArray(live)) {
    return live.map((x, i) =>
      i < configured.length ? projectOnto(configured[i]!, x, opts, `${path}.${i}`) : toValue(x),
    );
  }
  return toValue(live);
}

/** A JSON value from an API as a planner Value (undefined → null). */
export function toValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(toValue);
  if (isPlainObject(v)) {
    const out: { [k: string]: Value } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toValue(x);
    return out;
  }
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}
