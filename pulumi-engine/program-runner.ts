// Runs a Pulumi Node.js program as `pulumi` does, with the SDK's own runner (@pulumi/pulumi/cmd/run) in a child
// Node process: the monitor and engine addresses, project, stack, dry-run and parallelism as arguments, the stack's
// config in PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS (as Pulumi's Node language host sets them), TypeScript
// through the SDK's ts-node unless Pulumi.yaml turns it off; its working directory and entry from Pulumi.yaml `main`
// (./program-location.ts).

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ImmediateStop } from "../engine/immediate-stop.js";
import type { PulumiProject } from "./config/project-file.js";
import { type ProgramLocation, programLocation } from "./program-location.js";

export interface ProgramRun {
  project: PulumiProject;
  /** The stack's config for the program (StackConfiguration#programEnvironment). */
  config: { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string };
  stack: string;
  monitorAddress: string;
  dryRun: boolean;
  parallel: number;
  env?: Record<string, string | undefined>;
  /** What the program prints (its console.log and the runner's own messages). */
  onOutput: (text: string, stream: "stdout" | "stderr") => void;
  /** The program is killed when the run stops at once (a cancelled run lets it end: its registrations fail). */
  stopNow?: ImmediateStop;
  /** The time the program may run (0 or absent: no limit); past it, onTimeout() is called and it is killed. */
  timeoutMs?: number;
  onTimeout?: () => void;
}

/** The runner's exit code when it already reported the program's error through the engine's Log. */
export const ERROR_ALREADY_LOGGED = 32;

export function runnerPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run");
}

/**
 * Run TypeScript through the SDK's ts-node (Pulumi.yaml `runtime.options.typescript`, default true): only for a
 * program that has TypeScript to run, as the SDK's ts-node (TypeScript 3.8) costs seconds to load.
 */
function usesTypeScript(project: PulumiProject, { pwd, main }: ProgramLocation): boolean {
  if (project.runtime.options.typescript === false) return false;
  return ["tsconfig.json", "index.ts", main].some((f) =>
    f.endsWith(".ts") || f === "tsconfig.json" ? existsSync(join(pwd, f)) : false,
  );
}

/**
 * V8's young generation for the program's process: the SDK allocates heavily for every resource (promises, stack
 * traces, gRPC messages), and with V8's default (16 MB) a program of 1,000 resources spends a fifth of its CPU time
 * collecting garbage; 32 MB makes those collections rarer (for about 35 MB more peak memory).
 */
const RUNNER_NODE_OPTIONS = ["--max-semi-space-size=32"];

/** Runs the program to its end; resolves with the runner's exit code. */
export function runProgram(run: ProgramRun): Promise<number> {
  const { project } = run;
  const where = programLocation(project);
  const args = [
    ...RUNNER_NODE_OPTIONS,
    runnerPath(),
    "--organization=organization",
    `--project=${project.name}`,
    `--root-directory=${project.dir}`,
    `--stack=${run.stack}`,
    `--parallel=${run.parallel}`,
    `--pwd=${where.pwd}`,
    `--monitor=${run.monitorAddress}`,
    `--engine=${run.monitorAddress}`,
    ...(run.dryRun ? ["--dry-run"] : []),
    where.main,
  ];
  const env: Record<string, string | undefined> = {
    ...(run.env ?? process.env),
    ...run.config,
    PULUMI_NODEJS_TYPESCRIPT: usesTypeScript(project, where) ? "true" : "false",
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: where.pwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (t: string) => run.onOutput(t, "stdout"));
    child.stderr.setEncoding("utf8").on("data", (t: string) => run.onOutput(t, "stderr"));
    const forget = run.stopNow?.stopping(() => child.kill("SIGKILL"));
    const limit = run.timeoutMs
      ? setTimeout(() => {
          run.onTimeout?.();
          child.kill("SIGKILL");
        }, run.timeoutMs)
      : undefined;
    child.on("error", reject);
    child.on("close", (code, sig) => {
      clearTimeout(limit);
      forget?.();
      resolve(code ?? (sig ? 128 : 1));
    });
  });
}
