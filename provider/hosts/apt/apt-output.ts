// Reading what dpkg-query, apt-cache and apt-get print.

import type { CommandResult } from "../../../contract/host-driver.js";

/**
 * Installed versions from `dpkg-query -W -f='${Package} ${Status} ${Version}\n'`: only packages
 * whose status is "install ok installed" (dpkg-query exits 1 when a name is unknown; the known ones
 * are still listed).
 */
export function installedVersions(dpkgQueryOutput: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of dpkgQueryOutput.split("\n")) {
    const m = /^(\S+) install ok installed (\S+)$/.exec(line.trim());
    if (m) found.set(m[1]!, m[2]!);
  }
  return found;
}

/**
 * Candidates from `apt-cache policy`: one block per known package, "name:" then "  Installed: …"
 * and "  Candidate: …"; a candidate of "(none)" is null.
 */
export function candidateVersions(aptCachePolicyOutput: string): Map<string, string | null> {
  const found = new Map<string, string | null>();
  const block = /^(\S+?):(?:\w+)?\n(?:[ \t].*\n)*?\s+Candidate:\s*(\S+)/gm;
  for (const m of aptCachePolicyOutput.matchAll(block)) found.set(m[1]!, m[2] === "(none)" ? null : m[2]!);
  return found;
}

/** Why apt-get failed, in a line: its "E:" lines, else the last three lines it printed. */
export function aptFailureReason(r: CommandResult): string {
  const lines = `${r.stderr}\n${r.stdout}`.split("\n").map((l) => l.trim());
  const errors = lines.filter((l) => /^E:/.test(l));
  if (errors.length > 0) return errors.join("; ");
  const last = lines
    .filter((l) => l.length > 0)
    .slice(-3)
    .join("; ");
  return last || `apt-get exited with code ${r.exitCode}`;
}
