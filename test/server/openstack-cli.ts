// The real OpenStack command-line client (Debian's python3-openstackclient +
// heatclient) run against a Heat API endpoint without Keystone: the
// admin_token auth type takes the endpoint and a token as they are.
import { execFile } from "node:child_process";

/** Debian's client; its Python modules need /usr/bin/python3, which its own shebang names. */
export const OPENSTACK = "/usr/bin/openstack";

/** Runs `openstack ARGS` against `endpoint` (…/v1/TENANT) with `token`; resolves with stdout, rejects with stderr. */
export function openstack(endpoint: string, token: string, args: string[], cwd?: string): Promise<string> {
  const auth = ["--os-auth-type", "admin_token", "--os-endpoint", endpoint, "--os-token", token];
  return new Promise((resolve, reject) => {
    execFile(OPENSTACK, [...auth, ...args], { cwd, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`openstack ${args.join(" ")}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The JSON document of the output (`--wait` prints the events it saw first, one line each). */
export function jsonOf(stdout: string): unknown {
  const start = stdout.search(/^[[{]/m);
  if (start < 0) throw new Error(`no JSON in: ${stdout}`);
  return JSON.parse(stdout.slice(start));
}
