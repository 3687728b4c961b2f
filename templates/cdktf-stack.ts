// The stack of a synthesized CDKTF app that a command works on: the one
// named, or the only one (several and none named is an error listing them,
// as cdktf says it), with the directory Terraform would run in and the state
// file its local backend names.

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import type { CdktfProject } from "./cdktf-project.js";
import type { CdktfSynthesis } from "./cdktf-synth.js";

export interface CdktfStack {
  name: string;
  /** The stack's working directory (cdktf.out/stacks/<name>): the configuration directory. */
  dir: string;
  /** Its synthesized configuration (cdk.tf.json). */
  file: string;
  /** The local backend's state file, when the stack names one (cdktf names terraform.<stack>.tfstate). */
  statePath?: string;
}

export function chooseCdktfStack(project: CdktfProject, synth: CdktfSynthesis, wanted?: string): CdktfStack {
  const names = synth.stacks.map((s) => s.name);
  if (!names.length) throw new GantryError(`the CDKTF app in ${project.dir} synthesized no stack`);
  let stack = synth.stacks[0];
  if (wanted !== undefined) {
    const found = synth.stacks.find((s) => s.name === wanted);
    if (!found) throw new GantryError(`Could not find stack: ${wanted}. The app has: ${names.join(", ")}`);
    stack = found;
  } else if (names.length > 1) {
    throw new GantryError(
      `Found more than one stack, please specify a target stack: -stack NAME with one of these stacks: ` +
        names.join(", "),
    );
  }
  const dir = join(synth.outdir, stack.workingDirectory);
  const file = join(synth.outdir, stack.synthesizedStackPath);
  if (!existsSync(file)) throw new GantryError(`stack ${stack.name}: ${file} was not synthesized`);
  return { name: stack.name, dir, file, statePath: localBackendPath(file, dir, stack.name) };
}

/**
 * The state file of the stack's `terraform.backend.local.path` (relative
 * to the stack directory, as Terraform resolves it); any other backend is
 * refused, gantry keeping its state in local files.
 */
function localBackendPath(file: string, dir: string, stack: string): string | undefined {
  const doc = JSON.parse(readFileSync(file, "utf8")) as { terraform?: Record<string, unknown> };
  const terraform = doc.terraform ?? {};
  if (terraform.cloud !== undefined) {
    throw new GantryError({
      severity: "error",
      summary: `stack ${stack} uses HCP Terraform (terraform.cloud): gantry keeps state only in a local backend`,
      origin: { file, path: ["terraform", "cloud"] },
    });
  }
  const backend = terraform.backend as Record<string, Record<string, unknown>> | undefined;
  if (!backend) return undefined;
  const [kind, settings] = Object.entries(backend)[0] ?? [];
  if (kind === undefined) return undefined;
  if (kind !== "local") {
    throw new GantryError({
      severity: "error",
      summary: `stack ${stack} uses the "${kind}" backend: gantry keeps state only in a local backend`,
      origin: { file, path: ["terraform", "backend", kind] },
    });
  }
  // without a path, Terraform's local backend writes terraform.tfstate in the working directory
  const path = settings?.path;
  return resolve(dir, typeof path === "string" && path ? path : "terraform.tfstate");
}
