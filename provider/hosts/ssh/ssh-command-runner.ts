// Programs on an ssh host for machine-wide tooling (apt, dpkg): the arguments
// quoted for the remote shell, run as root through sudo when the host says so.

import { type CommandResult, isHostUnreachable } from "../../../contract/host-driver.js";
import type { CommandRunner } from "../command-runner.js";
import type { RemoteShell } from "./remote-shell.js";
import { shellCommand } from "./shell-quote.js";

/** apt may take long; the remote limit on one program. */
const PROGRAM_TIMEOUT_MS = 30 * 60_000;

export class SshCommandRunner implements CommandRunner {
  constructor(private readonly shell: RemoteShell) {}

  async run(program: string, args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CommandResult> {
    // look-ups (dpkg-query, apt-cache, ls, stat) may be repeated after a lost connection; installs may not
    const idempotent = program !== "apt-get";
    try {
      return await this.shell.run(`exec ${shellCommand(program, args)}`, {
        idempotent,
        env,
        timeoutMs: PROGRAM_TIMEOUT_MS,
      });
    } catch (e) {
      // a host that does not answer ran nothing: its packages are unknown, not missing
      if (isHostUnreachable(e)) throw e;
      return { exitCode: 127, stdout: "", stderr: (e as Error).message };
    }
  }
}
