// What gantry cannot do on the hosts, said once: each group of limitations
// (see engine/host-limitation-groups.ts) is one line naming the packages or
// services, what will not happen, the hosts and why ("services chronos,
// marathon: not started on node-4, node-5 — no package in the reachable
// repositories"). -verbose gives the long form, one line per resource and host.
// Other things the types said (a stray process restarted) follow as they are.

import { type AddressedHostLimitation, limitationSentence } from "../contract/host-limitation.js";
import { groupHostLimitations } from "../engine/host-limitation-groups.js";
import type { Style } from "./style.js";

export interface AddressedWarning {
  address: string;
  message: string;
}

/** How many hosts a grouped line names before "and N more". */
const LISTED_HOSTS = 12;

/** The section's lines (header first), or none when there is nothing to say. */
export function renderHostLimitations(
  limitations: AddressedHostLimitation[],
  warnings: AddressedWarning[],
  header: string,
  s: Style,
  verbose = false,
): string[] {
  if (!limitations.length && !warnings.length) return [];
  const out = ["", s.yellow(s.bold(header))];
  if (verbose)
    for (const { address, limitation } of limitations)
      out.push(s.yellow(`  ${address}: ${limitationSentence(limitation)}`));
  else
    for (const g of groupHostLimitations(limitations)) {
      const what = `${g.kind}${g.names.length > 1 ? "s" : ""} ${g.names.join(", ")}`;
      const hosts =
        g.hosts.length > LISTED_HOSTS
          ? `${g.hosts.slice(0, LISTED_HOSTS).join(", ")} and ${g.hosts.length - LISTED_HOSTS} more`
          : g.hosts.join(", ");
      const missing = g.missing.join(", ") === g.names.join(", ") ? "" : ` (missing ${g.missing.join(", ")})`;
      const fails = g.outcome === "cannot be installed" ? "; the apply will fail" : "";
      out.push(s.yellow(`  ${what}: ${g.outcome} on ${hosts} — ${g.reason}${missing}${fails}`));
    }
  for (const w of warnings) out.push(s.yellow(`  ${w.address}: ${w.message}`));
  if (limitations.length && !verbose)
    out.push(
      s.dim(
        "  (configuration files are still written; services start once their packages can be installed; " +
          "-verbose lists every resource)",
      ),
    );
  return out;
}
