// local-exec: runs a command on the machine running gantry, as Terraform
// 1.11's local-exec does: `interpreter` (default /bin/sh -c) plus the
// command, gantry's environment plus `environment`, in `working_dir`
// (relative to the configuration directory, which is also the default: the
// directory Terraform runs in), stdout and stderr interleaved as they come.
// "Executing: [...]" is said first unless `quiet`. A command that cannot
// start or exits non-zero fails with Terraform's message, ending with the
// last 8 KiB of its output. Stopping kills the command's whole process group.

import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Provisioner } from "../../contract/provisioner.js";
import { optBool, optString, stringList, stringMap, tail } from "../types/attrs.js";

const MAX_OUTPUT = 8 * 1024;

/** Go's %q of a string list, as Terraform prints the command it executes. */
export function goQuotedList(args: string[]): string {
  const q = (s: string) =>
    JSON.stringify(s)
      .replace(/\\u00([0-9a-f]{2})/g, "\\x$1")
      .replace(/\u007f/g, "\\x7f");
  return `[${args.map(q).join(" ")}]`;
}

export const localExecProvisioner: Provisioner = {
  name: "local-exec",
  schema: {
    command: { kind: "string", description: "The command to run.", required: true },
    interpreter: { kind: "list", description: 'The interpreter and its arguments (default ["/bin/sh", "-c"]).' },
    environment: { kind: "map", description: "Environment variables added to gantry's own." },
    working_dir: { kind: "string", description: "Directory to run in (default: the configuration directory)." },
    quiet: { kind: "bool", description: "Do not print the command executed." },
  },

  async run(ctx, config) {
    const command = optString(config, "command") ?? "";
    if (command === "")
      throw new Error("Invalid local-exec provisioner command: The command must be a non-empty string.");
    const interpreter = stringList(config, "interpreter");
    const args = [...(interpreter.length ? interpreter : ["/bin/sh", "-c"]), command];
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [k, v] of Object.entries(stringMap(config, "environment"))) env[k] = v;
    const workingDir = optString(config, "working_dir");
    const cwd = workingDir ? resolve(ctx.configDir, workingDir) : ctx.configDir;

    if (optBool(config, "quiet")) ctx.output("local-exec: Executing: Suppressed by quiet=true");
    else ctx.output(`Executing: ${goQuotedList(args)}`);

    let output = "";
    const failure = await new Promise<string | undefined>((done) => {
      if (ctx.signal.aborted) return done("interrupted before it started");
      // a process group of its own, so that stopping kills what the command started too
      const child = spawn(args[0], args.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      let partial = "";
      const onData = (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        output = tail(output + text, MAX_OUTPUT);
        partial += text;
        const end = partial.lastIndexOf("\n");
        if (end >= 0) {
          ctx.output(partial.slice(0, end));
          partial = partial.slice(end + 1);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      const stop = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      };
      ctx.signal.addEventListener("abort", stop, { once: true });
      child.once("error", (e: NodeJS.ErrnoException) => {
        ctx.signal.removeEventListener("abort", stop);
        done(
          e.code === "ENOENT"
            ? `exec: ${JSON.stringify(args[0])}: executable file not found in $PATH`
            : e.code === "EACCES"
              ? `fork/exec ${args[0]}: permission denied`
              : e.message,
        );
      });
      child.once("close", (code, signal) => {
        ctx.signal.removeEventListener("abort", stop);
        if (partial) ctx.output(partial);
        if (signal) done(`signal: ${signal === "SIGKILL" ? "killed" : signal === "SIGTERM" ? "terminated" : signal}`);
        else done(code === 0 ? undefined : `exit status ${code}`);
      });
    });
    if (failure !== undefined)
      throw new Error(
        `local-exec provisioner error: Error running command '${command}': ${failure}. Output: ${output}`,
      );
  },
};
