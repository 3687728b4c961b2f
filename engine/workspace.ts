// A workspace: one configuration directory, the variable values given for
// it, where its state lives and where gantry keeps working data.

import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { GantryError } from "../contract/diagnostics.js";
import type { HeatSignals } from "../contract/heat-signals.js";
import { crashPointFrom } from "../planner/crash-point.js";
import type { SourceFile } from "../planner/model.js";
import { chooseBackend } from "./backend-choice.js";
import { PgStateBackend } from "./pg-state/pg-state-backend.js";
import { PgStateStore } from "./pg-state/pg-state-store.js";
import { FileStateBackend, type StateBackend } from "./state-backend.js";
import { currentWorkspaceName, DEFAULT_WORKSPACE, STATE_FILE_NAME, workspaceStatePath } from "./workspace-names.js";

/** A variable value source as given on a command line, in order. */
export interface VariableArgument {
  kind: "var" | "file";
  value: string;
}

export interface WorkspaceOptions {
  /** The configuration directory. */
  dir: string;
  /**
   * The state file (default: the configuration's `backend "local" { path }`,
   * relative to the directory, else <dir>/gantry.tfstate).
   */
  statePath?: string;
  /** -var 'name=value' arguments. */
  vars?: string[];
  /** -var-file paths. */
  varFiles?: string[];
  /** -var and -var-file in the order given, when the door knows it (later ones win). */
  variableOrder?: VariableArgument[];
  /** Environment for TF_VAR_name values (default: none). */
  env?: Record<string, string | undefined>;
  /** Typed values from a program (an API request, a test); they win over every other source. */
  values?: Record<string, unknown>;
  /**
   * The named workspace (Terraform's `terraform.workspace`). Default: GANTRY_WORKSPACE or TF_WORKSPACE in `env`,
   * else the one selected in `<dir>/.gantry/environment`, else "default".
   */
  workspaceName?: string;
  /** Working data (default: <dir>/.gantry). */
  dataDir?: string;
  /** A CDKTF app's stack to work on (several stacks: required). */
  stack?: string;
  /**
   * The configuration's files, in memory (an API server's stack, a program): read instead of the files in `dir`,
   * which is then only where working data lives. Paths are relative to `dir`.
   */
  files?: SourceFile[];
  /** Where the state lives (an API server's store); default: as the configuration's backend says (backend-choice). */
  state?: StateBackend;
  /** -backend-config KEY=VALUE settings (the pg backend's conn_str, schema_name, skip_schema_creation). */
  backendConfig?: string[];
  /** The Heat stack this workspace is (an API server's stack): Heat's types name their objects after it. */
  stackName?: string;
  /** The signals the stack receives over the Heat API (an API server's stack): Heat's wait conditions wait on them. */
  heatSignals?: HeatSignals;
  /** Set when the workspace is a stack of a CDKTF app (see workspace-source.ts). */
  app?: CdktfAppStack;
}

/** The CDKTF app a workspace's configuration was synthesized from. */
export interface CdktfAppStack {
  /** The app's directory (holding cdktf.json). */
  dir: string;
  stack: string;
}

export interface Workspace {
  dir: string;
  /** Working data: local host roots, address claims. */
  dataDir: string;
  state: StateBackend;
  vars: string[];
  varFiles: string[];
  variableOrder?: VariableArgument[];
  env: Record<string, string | undefined>;
  values: Record<string, unknown>;
  /** The named workspace whose state this is ("default" unless another is selected). */
  workspaceName: string;
  app?: CdktfAppStack;
  /** The configuration's files when given in memory (see WorkspaceOptions.files). */
  files?: SourceFile[];
  /** The Heat stack this workspace is (see WorkspaceOptions.stackName). */
  stackName?: string;
  /** See WorkspaceOptions.heatSignals. */
  heatSignals?: HeatSignals;
}

export function openWorkspace(opts: WorkspaceOptions): Workspace {
  const dir = resolve(opts.dir);
  if (opts.files === undefined) {
    if (!existsSync(dir)) throw new GantryError(`configuration directory ${dir} does not exist`);
    if (!statSync(dir).isDirectory()) throw new GantryError(`${dir} is not a directory`);
  }
  const env = opts.env ?? {};
  const workspaceName = opts.workspaceName ?? currentWorkspaceName(dir, env).name;
  return {
    dir,
    dataDir: resolve(opts.dataDir ?? join(dir, ".gantry")),
    state: opts.state ?? stateBackendFor(dir, env, workspaceName, opts),
    vars: opts.vars ?? [],
    varFiles: opts.varFiles ?? [],
    variableOrder: opts.variableOrder,
    env,
    values: opts.values ?? {},
    workspaceName,
    app: opts.app,
    files: opts.files,
    stackName: opts.stackName,
    heatSignals: opts.heatSignals,
  };
}

/** A state file (-state, `backend "local"`, none) or the pg backend's rows for the workspace. */
function stateBackendFor(
  dir: string,
  env: Record<string, string | undefined>,
  workspaceName: string,
  opts: WorkspaceOptions,
): StateBackend {
  const choice =
    opts.statePath === undefined ? chooseBackend(dir, env, opts.backendConfig) : { type: "local" as const };
  if (choice.type === "pg") return new PgStateBackend(new PgStateStore(choice.settings), workspaceName);
  // the default workspace's state is where a `backend "local" { path }` says; named ones under gantry.tfstate.d
  return new FileStateBackend(
    resolve(
      opts.statePath ??
        (workspaceName === DEFAULT_WORKSPACE
          ? resolve(dir, choice.path ?? STATE_FILE_NAME)
          : workspaceStatePath(dir, workspaceName)),
    ),
    crashPointFrom(env),
  );
}

export function ensureDataDir(ws: Workspace): void {
  mkdirSync(ws.dataDir, { recursive: true });
}
