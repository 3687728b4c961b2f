// A dependency cycle found by the walk: nodes that never started although
// nothing was interrupted. The report names the cycle, not what merely
// waits on it.

import type { WalkNode, WalkOutcome } from "./walk.js";

/** The error for changes blocked on a cycle; `addressOf` names a node's change (barriers have none). */
export function cycleError(
  nodes: WalkNode[],
  outcome: Map<string, WalkOutcome>,
  addressOf: (id: string) => string | undefined,
  blocked: string[],
): string {
  const onCycle = cycleMembers(nodes, outcome);
  const names = [...new Set(onCycle.map(addressOf).filter((a): a is string => !!a))].sort();
  return `dependency cycle among: ${(names.length ? names : blocked).join(", ")}`;
}

/** Blocked nodes on a cycle (or between cycles): what is left after peeling off those nothing blocked waits on. */
function cycleMembers(nodes: WalkNode[], outcome: Map<string, WalkOutcome>): string[] {
  const left = new Set(nodes.filter((n) => outcome.get(n.id) === "blocked").map((n) => n.id));
  const waitedOn = new Map<string, number>(); // blocked node -> number of blocked nodes waiting on it
  const waitsOn = new Map<string, string[]>();
  for (const id of left) waitedOn.set(id, 0);
  for (const n of nodes) {
    if (!left.has(n.id)) continue;
    for (const d of new Set(n.deps)) {
      if (!left.has(d) || d === n.id) continue;
      waitedOn.set(d, waitedOn.get(d)! + 1);
      (waitsOn.get(n.id) ?? waitsOn.set(n.id, []).get(n.id)!).push(d);
    }
  }
  const stack = [...left].filter((id) => waitedOn.get(id) === 0);
  while (stack.length) {
    const id = stack.pop()!;
    left.delete(id);
    for (const d of waitsOn.get(id) ?? []) {
      const k = waitedOn.get(d)! - 1;
      waitedOn.set(d, k);
      if (k === 0) stack.push(d);
    }
  }
  return [...left];
}
