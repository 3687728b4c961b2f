// Running a program on a machine: the one thing machine-wide tooling (apt,
// dpkg) needs from a driver. The local driver runs programs on this machine;
// an SSH driver runs the same programs through a remote shell.

import type { CommandResult } from "../../contract/host-driver.js";

export interface CommandRunner {
  /**
   * Runs `program` with `args` (no shell: a remote runner quotes them) and
   * `env` added to the machine's environment. Never rejects for a failing
   * program: a program that cannot be started answers exit code 127.
   * Rejects with HostUnreachableError when the machine does not answer.
   */
  run(program: string, args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CommandResult>;
}
