// What gantry cannot do on the hosts, said once: the same limitation on many
// hosts is one line naming the packages or services, what will not happen,
// the hosts and why ("services chronos, marathon: not started on node-4,
// node-5 — no package in the reachable repositories (chronos, marathon)").
// -verbose gives the long form, one line per resource and host.

import { NO_PACKAGE_REASON, parseHostLimitation, type HostLimitation } from "../contract/host-limitation.js";
import type { Style } from "./style.js";

export interface AddressedWarning {
  address: string;
  message: string;
}

/** How many hosts a grouped line names before "and N more". */
const LISTED_HOSTS = 12;

interface Line {
  kind: HostLimitation["kind"];
  outcome: HostLimitation["outcome"];
  names: string[];
  hosts: string[];
  missing: string[];
}

/** The section's lines (header first), or none when there are no warnings. */
export function renderHostLimitations(
  warnings: AddressedWarning[],
  header: string,
  s: Style,
  verbose = false,
): string[] {
  if (!warnings.length) return [];
  const out = ["", s.yellow(s.bold(header))];
  if (verbose) {
    for (const w of warnings) out.push(s.yellow(`  ${w.address}: ${w.message}`));
    return out;
  }
  const other: AddressedWarning[] = [];
  // one entry per package or service (kind, name, outcome): the hosts it is on and the packages missing
  const perName = new Map<string, Line>();
  for (const w of warnings) {
    const l = parseHostLimitation(w.message);
    if (!l) {
      other.push(w);
      continue;
    }
    const key = `${l.kind}\0${l.name}\0${l.outcome}`;
    let e = perName.get(key);
    if (!e) perName.set(key, (e = { kind: l.kind, outcome: l.outcome, names: [l.name], hosts: [], missing: [] }));
    if (!e.hosts.includes(l.host)) e.hosts.push(l.host);
    for (const m of l.missing) if (!e.missing.includes(m)) e.missing.push(m);
  }
  // the same outcome on the same hosts: one line
  const lines = new Map<string, Line>();
  // host names in natural order (node-2 before node-10); the collator is made here, not on import, as the first
  // one loads ICU's collation data, which a run without host limitations need not pay
  const hostOrder = new Intl.Collator("en", { numeric: true }).compare;
  for (const e of perName.values()) {
    e.hosts.sort(hostOrder);
    const key = `${e.kind}\0${e.outcome}\0${e.hosts.join(",")}`;
    const l = lines.get(key);
    if (!l) lines.set(key, { ...e, names: [...e.names], missing: [...e.missing] });
    else {
      l.names.push(...e.names);
      for (const m of e.missing) if (!l.missing.includes(m)) l.missing.push(m);
    }
  }
  for (const l of lines.values()) {
    const what = `${l.kind}${l.names.length > 1 ? "s" : ""} ${l.names.join(", ")}`;
    const hosts =
      l.hosts.length > LISTED_HOSTS
        ? `${l.hosts.slice(0, LISTED_HOSTS).join(", ")} and ${l.hosts.length - LISTED_HOSTS} more`
        : l.hosts.join(", ");
    const missing = l.missing.join(", ") === l.names.join(", ") ? "" : ` (missing ${l.missing.join(", ")})`;
    const fails = l.outcome === "cannot be installed" ? "; the apply will fail" : "";
    out.push(s.yellow(`  ${what}: ${l.outcome} on ${hosts} — ${NO_PACKAGE_REASON}${missing}${fails}`));
  }
  for (const w of other) out.push(s.yellow(`  ${w.address}: ${w.message}`));
  if (lines.size)
    out.push(
      s.dim(
        "  (configuration files are still written; services start once their packages can be installed; " +
          "-verbose lists every resource)",
      ),
    );
  return out;
}
