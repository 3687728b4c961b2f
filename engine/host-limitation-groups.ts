// What gantry cannot do on the hosts, said once: the same limitation (kind,
// outcome, reason) of several packages or services on the same hosts is one
// group ("services chronos, marathon: not started on node-4, node-5 — no
// package in the reachable repositories"). Every door shows these groups; the
// limitations themselves stay beside them for the long form.

import type { AddressedHostLimitation, HostLimitation } from "../contract/host-limitation.js";

export interface HostLimitationGroup {
  kind: HostLimitation["kind"];
  outcome: HostLimitation["outcome"];
  reason: string;
  /** The packages or services, in the order first met. */
  names: string[];
  /** The hosts, in natural order ("node-4" before "node-10"). */
  hosts: string[];
  /** The packages missing that cause it (the names themselves for a package no repository has). */
  missing: string[];
  /** The resource instances concerned. */
  addresses: string[];
}

const addNew = (to: string[], more: Iterable<string>) => {
  for (const m of more) if (!to.includes(m)) to.push(m);
};

export function groupHostLimitations(limitations: AddressedHostLimitation[]): HostLimitationGroup[] {
  // one entry per package or service and outcome: the hosts it is on, the packages missing
  const perName = new Map<string, HostLimitationGroup>();
  for (const { address, limitation: l } of limitations) {
    const key = JSON.stringify([l.kind, l.name, l.outcome, l.reason]);
    let g = perName.get(key);
    if (!g) {
      g = {
        kind: l.kind,
        outcome: l.outcome,
        reason: l.reason,
        names: [l.name],
        hosts: [],
        missing: [],
        addresses: [],
      };
      perName.set(key, g);
    }
    addNew(g.hosts, [l.host]);
    addNew(g.missing, l.missing);
    addNew(g.addresses, [address]);
  }
  // the same outcome for the same reason on the same hosts: one group
  const groups = new Map<string, HostLimitationGroup>();
  // host names in natural order (node-2 before node-10); the collator is made here, not on import, as the first one
  // loads ICU's collation data, which a run without host limitations need not pay
  const hostOrder = new Intl.Collator("en", { numeric: true }).compare;
  for (const e of perName.values()) {
    e.hosts.sort(hostOrder);
    const key = JSON.stringify([e.kind, e.outcome, e.reason, e.hosts]);
    const g = groups.get(key);
    if (!g) groups.set(key, e);
    else {
      g.names.push(...e.names);
      addNew(g.missing, e.missing);
      addNew(g.addresses, e.addresses);
    }
  }
  return [...groups.values()];
}

/** The limitations of a plan's changes, each with its instance's address. */
export function limitationsOfChanges(
  changes: { address: string; limitations?: HostLimitation[] }[],
): AddressedHostLimitation[] {
  // a loop, not flatMap: most changes have none, and 100,000 of them made two empty arrays each
  const out: AddressedHostLimitation[] = [];
  for (const c of changes)
    if (c.limitations?.length) for (const limitation of c.limitations) out.push({ address: c.address, limitation });
  return out;
}
