// A repair as one line of the reconcile log: the action and, for an update,
// the first attributes that drifted.

import { deepEqual, isUnknown } from "../contract/values.js";
import type { ResourceChange } from "../planner/changes.js";
import { formatValue } from "./render-plan.js";

export function describeRepair(c: ResourceChange): string {
  if (c.action !== "update" || !c.before || !c.after)
    return c.action === "replace" ? `replace (${c.reason ?? "forced"})` : c.action;
  const before = c.before;
  const after = c.after;
  const keys = Object.keys(after).filter(
    (k) => !isUnknown(after[k]) && !deepEqual(before[k] ?? null, after[k] ?? null) && !k.startsWith("sha"),
  );
  const shown = keys
    .slice(0, 3)
    .map((k) =>
      typeof before[k] === "string" && String(before[k]).includes("\n")
        ? k
        : `${k}: ${formatValue(before[k], "").slice(0, 40)} -> ${formatValue(after[k], "").slice(0, 40)}`,
    );
  return `update ${shown.join(", ")}${keys.length > 3 ? ", …" : ""}`;
}
