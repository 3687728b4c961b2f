// What the command line says about a workspace and a plan, as the engine
// takes it: directory, state file, variables (in the order typed), targets.

import type { ApplyRequest } from "../engine/apply-operation.js";
import type { VariableArgument, WorkspaceOptions } from "../engine/workspace.js";
import { parseDuration } from "./duration.js";

export interface WorkspaceFlags {
  state?: string;
  "backend-config"?: string[];
  stack?: string;
  var?: string[];
  "var-file"?: string[];
}

export interface PlanFlags {
  target?: string[];
  replace?: string[];
  "replace-host"?: string[];
  refresh: boolean;
  "refresh-only"?: boolean;
  parallelism: number;
  "host-parallelism"?: number;
  "lock-timeout"?: string;
}

export function workspaceOptions(dir: string, f: WorkspaceFlags): WorkspaceOptions {
  const vars = f.var ?? [];
  const varFiles = f["var-file"] ?? [];
  return {
    dir,
    statePath: f.state,
    ...(f["backend-config"] ? { backendConfig: f["backend-config"] } : {}),
    stack: f.stack,
    vars,
    varFiles,
    variableOrder: variableOrder(process.argv.slice(2), vars, varFiles),
    env: process.env,
  };
}

export function planRequest(f: PlanFlags): ApplyRequest {
  return {
    refresh: f.refresh,
    targets: f.target,
    replace: f.replace,
    ...(f["replace-host"]?.length ? { replaceHosts: f["replace-host"] } : {}),
    parallelism: f.parallelism,
    hostParallelism: f["host-parallelism"],
    lockTimeoutMs: parseDuration(f["lock-timeout"] ?? "0s"),
  };
}

/**
 * -var and -var-file as they stand on the command line (oclif keeps each
 * flag's values but not their order across flags); undefined when the
 * command line does not hold exactly these values.
 */
export function variableOrder(argv: string[], vars: string[], varFiles: string[]): VariableArgument[] | undefined {
  const out: VariableArgument[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?(var|var-file)(?:=(.*))?$/s.exec(argv[i]);
    if (!m) continue;
    const value = m[2] ?? argv[++i];
    if (value !== undefined) out.push({ kind: m[1] === "var" ? "var" : "file", value });
  }
  const same = (kind: "var" | "file", list: string[]) =>
    JSON.stringify(out.filter((x) => x.kind === kind).map((x) => x.value)) === JSON.stringify(list);
  return same("var", vars) && same("file", varFiles) && out.length ? out : undefined;
}
