// Synthesis of a CDKTF app as `cdktf synth` does it: the project's `app`
// command runs in the project directory through a shell, with the
// environment cdktf-cli gives it (CDKTF_OUTDIR, CDKTF_CONTEXT_JSON with the
// project's context and relative modules, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS,
// SYNTH_HCL_OUTPUT=false, NODE_OPTIONS with more memory, no TF_VAR_*); then
// <output>/manifest.json names the stacks, and error annotations fail it.

import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import type { CdktfProject } from "./cdktf-project.js";

/** A stack as manifest.json describes it (paths relative to the output directory). */
export interface CdktfManifestStack {
  name: string;
  constructPath: string;
  workingDirectory: string;
  synthesizedStackPath: string;
  annotations: { constructPath: string; level: string; message: string; stacktrace?: string[] }[];
  dependencies: string[];
}

export interface CdktfSynthesis {
  /** The output directory (absolute). */
  outdir: string;
  stacks: CdktfManifestStack[];
  /** Warning and info annotations, as cdktf prints them: "WARN [path]: message". */
  notes: string[];
}

const MANIFEST_FILE = "manifest.json";
const STACKS_FOLDER = "stacks";
const NODE_MEMORY_SWITCH = "--max-old-space-size";

/** The app's environment, as cdktf-cli builds it from its own. */
export function cdktfSynthEnvironment(
  project: CdktfProject,
  env: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // Terraform variables are for plan and apply, not for synthesis
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !k.startsWith("TF_VAR_")) out[k] = v;
  if (!out.NODE_OPTIONS) out.NODE_OPTIONS = `${NODE_MEMORY_SWITCH}=4096`;
  // cdktf.json's context replaces one given in the environment (cdktf-cli sets the variable from it)
  const context = project.context ?? (env.CDKTF_CONTEXT_JSON ? contextFromEnvironment(env.CDKTF_CONTEXT_JSON) : {});
  const relativeModules = project.terraformModules.filter((m) => {
    const source = typeof m === "string" ? m : m.source;
    return source.startsWith("./") || source.startsWith("../");
  });
  out.CDKTF_OUTDIR = project.output;
  out.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  out.CDKTF_CONTEXT_JSON = JSON.stringify({ ...context, cdktfRelativeModules: relativeModules });
  out.SYNTH_HCL_OUTPUT = "false";
  return out;
}

function contextFromEnvironment(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GantryError(`CDKTF_CONTEXT_JSON in the environment is not valid JSON: ${(e as Error).message}`);
  }
}

function runApp(
  project: CdktfProject,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; error?: Error }> {
  return new Promise((done) => {
    const child = spawn(project.app, { cwd: project.dir, env, shell: true, stdio: ["ignore", "pipe", "pipe"], signal });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", (error) => done({ code: null, signal: null, stdout, stderr, error }));
    child.once("close", (code, sig) => done({ code, signal: sig, stdout, stderr }));
  });
}

const indent = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");

export async function synthesizeCdktfApp(
  project: CdktfProject,
  env: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<CdktfSynthesis> {
  const outdir = resolve(project.dir, project.output);
  const stacksDir = join(outdir, STACKS_FOLDER);
  const existing = existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .map((n) => join(stacksDir, n))
        .filter((p) => statSync(p).isDirectory())
    : [];
  const run = await runApp(project, cdktfSynthEnvironment(project, env), signal);
  if (run.error || run.code !== 0) {
    const why = run.error?.message ?? (run.signal ? `killed by ${run.signal}` : `exit status ${run.code}`);
    const output = [
      run.stderr.trim() ? `\n  Command output on stderr:\n\n${indent(run.stderr)}\n` : "",
      run.stdout.trim() ? `\n  Command output on stdout:\n\n${indent(run.stdout)}\n` : "",
    ].join("");
    throw new GantryError({
      severity: "error",
      summary: `the CDKTF app in ${project.dir} failed while synthesizing (${why})`,
      detail: `Synth command: ${project.app}\n${output}`,
    });
  }
  const manifestPath = join(outdir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new GantryError(
      `synthesis failed: the app was expected to call 'synth()', but did not, so ${manifestPath} was not created ` +
        `(synth command: ${project.app})`,
    );
  }
  let manifest: { stacks?: Record<string, CdktfManifestStack> };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (e) {
    throw new GantryError(`${manifestPath} is not valid JSON: ${(e as Error).message}`);
  }
  const stacks = Object.values(manifest.stacks ?? {});
  // stacks the app no longer has are removed, as cdktf does
  const names = new Set(stacks.map((s) => s.name));
  for (const dir of existing) if (!names.has(basename(dir))) rmSync(dir, { recursive: true, force: true });

  const notes: string[] = [];
  const errors: string[] = [];
  for (const s of stacks) {
    for (const a of s.annotations ?? []) {
      const level = a.level.replace(/^@cdktf\//, "").toUpperCase();
      const line = `${level} [${a.constructPath}]: ${a.message}`;
      if (level === "ERROR") errors.push(a.stacktrace?.length ? `${line}\n${a.stacktrace.join("\n")}` : line);
      else notes.push(line);
    }
  }
  if (errors.length) {
    throw new GantryError({
      severity: "error",
      summary: "while synthesizing, the CDKTF app reported errors",
      detail: errors.join("\n"),
    });
  }
  return { outdir, stacks, notes };
}
