// command: a shell command run once on a host when the instance is created
// (Terraform's local-exec / Puppet's exec). `creates` and `unless` guard the
// run; `destroy_command` runs when the instance is destroyed.

import type { Attrs } from "../../contract/values.js";
import type { HostDriver } from "../../contract/host-driver.js";
import type { OperationContext, ResourceType } from "../../contract/resource-type.js";
import { isUnset, optNumber, optString, reqString, stringMap, tail } from "./attrs.js";
import { hostBound, hostDriverOf } from "./host-bound.js";

const STDOUT_KEEP = 4096;

export const commandType: ResourceType = hostBound({
  name: "gantry_command",
  description:
    "A shell command run once on a host at create (guarded by creates/unless); destroy_command runs at destroy.",
  schema: {
    command: {
      kind: "string",
      description: "Shell command (/bin/sh -c, cwd = host root).",
      required: true,
      forceNew: true,
    },
    creates: {
      kind: "string",
      description: "Host path; the command is skipped when it exists, and re-run when it disappears.",
    },
    unless: { kind: "string", description: "Guard command; the command is skipped when this exits 0." },
    environment: { kind: "map", description: "Extra environment variables." },
    destroy_command: { kind: "string", description: "Shell command run when the instance is destroyed." },
    triggers_replace: {
      kind: "any",
      description: "Any value; a change re-runs the command (replaces the instance).",
      forceNew: true,
    },
    timeout_seconds: { kind: "number", description: "Time limit per command run.", default: 300 },
    exit_code: { kind: "number", description: "Exit code of the run (null when skipped).", computed: true },
    stdout: { kind: "string", description: "Last 4 KiB of the run's standard output.", computed: true },
    ran: {
      kind: "bool",
      description: "Whether the command ran (false when creates/unless skipped it).",
      computed: true,
    },
  },

  validate(config) {
    const errs: { attribute: string; message: string }[] = [];
    const t = config.timeout_seconds;
    if (typeof t === "number" && !(t > 0))
      errs.push({ attribute: "timeout_seconds", message: "must be greater than 0" });
    const c = config.creates;
    if (typeof c === "string" && !c.startsWith("/"))
      errs.push({ attribute: "creates", message: `must be an absolute host path (got "${c}")` });
    return errs;
  },

  async create(ctx, planned) {
    const driver = hostDriverOf(ctx, planned);
    const creates = optString(planned, "creates");
    if (creates !== undefined && (await driver.statFile(creates)) !== null) {
      ctx.log(`skipped: ${creates} exists`);
      return { ...planned, exit_code: null, stdout: "", ran: false };
    }
    const unless = optString(planned, "unless");
    if (unless !== undefined) {
      const r = await runIt(ctx, driver, planned, unless);
      if (r.exitCode === 0) {
        ctx.log(`skipped: unless command succeeded`);
        return { ...planned, exit_code: null, stdout: "", ran: false };
      }
    }
    const command = reqString(planned, "command");
    const r = await runIt(ctx, driver, planned, command);
    if (r.exitCode !== 0) throw failure(driver, command, r);
    return { ...planned, exit_code: r.exitCode, stdout: tail(r.stdout, STDOUT_KEEP), ran: true };
  },

  async read(ctx, prior) {
    // When the command's product (`creates`) is gone, so is the instance: the plan runs it again.
    const creates = optString(prior, "creates");
    if (creates !== undefined && (await hostDriverOf(ctx, prior).statFile(creates)) === null) return null;
    return prior;
  },

  async update(_ctx, prior, planned) {
    // Only guards, environment, destroy_command and timeout can change in place:
    // they apply to future runs; the command does not run again.
    return { ...planned, exit_code: prior.exit_code ?? null, stdout: prior.stdout ?? "", ran: prior.ran ?? false };
  },

  async delete(ctx, prior) {
    const destroy = optString(prior, "destroy_command");
    if (destroy === undefined) return;
    const driver = hostDriverOf(ctx, prior);
    const r = await runIt(ctx, driver, prior, destroy);
    if (r.exitCode !== 0) throw failure(driver, destroy, r);
  },
});

async function runIt(ctx: OperationContext, driver: HostDriver, attrs: Attrs, command: string) {
  const seconds = isUnset(attrs.timeout_seconds) ? 300 : optNumber(attrs, "timeout_seconds")!;
  return await driver.run(command, {
    env: stringMap(attrs, "environment"),
    timeoutMs: Math.round(seconds * 1000),
    signal: ctx.signal,
  });
}

function failure(driver: HostDriver, command: string, r: { exitCode: number; stderr: string; stdout: string }): Error {
  const detail = tail(r.stderr.trim() || r.stdout.trim(), 2048);
  return new Error(
    `command exited with code ${r.exitCode} on ${driver.describe}: ${command}${detail ? `\n${detail}` : ""}`,
  );
}
