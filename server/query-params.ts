// Query parameters read as Heat's API reads them (heat.common.param_utils and
// util.get_allowed_params): "single" takes the first value, "multi" all,
// "mixed" one value or a list; booleans are "true"/"false" in any case;
// integers are checked with Heat's messages.

import { apiError } from "./heat-fault.js";

export type Query = Record<string, string | string[] | undefined>;

export function all(q: Query, key: string): string[] {
  const v = q[key];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function single(q: Query, key: string): string | undefined {
  const v = all(q, key);
  return v.length > 0 ? v[0] : undefined;
}

/** Every value of the key; Heat ignores empty ones ("if value:"). */
export function mixed(q: Query, key: string): string[] | undefined {
  const v = all(q, key).filter((s) => s !== "");
  return v.length > 0 ? v : undefined;
}

export function extractBool(name: string, value: unknown): boolean {
  const s = String(value).toLowerCase();
  if (s !== "true" && s !== "false") {
    throw apiError(400, `Unrecognized value "${String(value)}" for "${name}", acceptable values are: true, false.`);
  }
  return s === "true";
}

export function boolParam(q: Query, name: string, dflt: boolean): boolean {
  const v = single(q, name);
  return v === undefined || v === "" ? dflt : extractBool(name, v);
}

export function extractInt(name: string, value: unknown, allowZero = true, allowNegative = false): number {
  const s = typeof value === "number" ? String(value) : String(value ?? "").trim();
  if (!/^[+-]?\d+$/.test(s)) throw apiError(400, `Only integer is acceptable by '${name}'.`);
  const n = Number.parseInt(s, 10);
  if (n === 0 && !allowZero) throw apiError(400, `Only non-zero integer is acceptable by '${name}'.`);
  if (n < 0 && !allowNegative) {
    throw apiError(400, `Value '${String(value)}' is invalid for '${name}' which only accepts non-negative integer.`);
  }
  return n;
}

export function intParam(q: Query, name: string): number | undefined {
  const v = single(q, name);
  return v === undefined || v === "" ? undefined : extractInt(name, v);
}

/** Heat's tags: "a,b,c", none longer than 80 characters. */
export function extractTags(subject: string): string[] {
  const tags = subject.split(",");
  for (const t of tags) {
    if (t.length > 80) throw apiError(400, `Invalid tag, "${t}" is longer than 80 characters`);
  }
  return tags;
}

export function tagsParam(q: Query, name: string): string[] | undefined {
  const v = single(q, name);
  return v === undefined || v === "" ? undefined : extractTags(v);
}

/** Heat's status filter: "CREATE_COMPLETE" is action CREATE and status COMPLETE (engine/api._parse_object_status). */
export function splitStatuses(values: string[]): { actions: string[]; statuses: string[] } {
  const actions = new Set<string>();
  const statuses = new Set<string>();
  for (const v of values) {
    for (const s of ["COMPLETE", "FAILED", "IN_PROGRESS"]) {
      const i = v.lastIndexOf(s);
      if (i === -1) continue;
      statuses.add(v.slice(i));
      if (i > 1) actions.add(v.slice(0, i - 1));
      break;
    }
  }
  return { actions: [...actions].sort(), statuses: [...statuses].sort() };
}

/** The query string again (for `Location` on lookups and `next` links), keys in their order, repeated keys kept. */
export function encodeQuery(q: Query, override: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of Object.keys(q)) {
    if (k in override) continue;
    for (const one of all(q, k)) params.append(k, one);
  }
  for (const [k, v] of Object.entries(override)) params.append(k, v);
  const s = params.toString();
  return s === "" ? "" : `?${s}`;
}
