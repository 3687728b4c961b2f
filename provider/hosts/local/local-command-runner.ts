// Runs programs on this machine (execFile: no shell), for machine-wide
// tooling such as apt and dpkg.

import { execFile } from "node:child_process";

import type { CommandResult } from "../../../contract/host-driver.js";
import type { CommandRunner } from "../command-runner.js";

/** Output kept per stream; a program printing more fails (exit code 127, as if it could not run). */
const MAX_OUTPUT = 16 * 1024 * 1024;

export class LocalCommandRunner implements CommandRunner {
  run(program: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CommandResult> {
    return new Promise((resolve) => {
      const options = { env: { ...process.env, ...env }, maxBuffer: MAX_OUTPUT };
      execFile(program, args, options, (err, stdout, stderr) => {
        const errCode = (err as { code?: unknown } | null)?.code;
        const code = err ? (typeof errCode === "number" ? errCode : 127) : 0;
        const errText = String(stderr ?? "") || (err && code === 127 ? err.message : "");
        resolve({ exitCode: code, stdout: String(stdout ?? ""), stderr: errText });
      });
    });
  }
}
