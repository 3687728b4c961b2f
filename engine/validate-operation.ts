// validate and graph: the configuration checked without touching hosts or
// reading the state (clusters are placed afresh).

import { DiagnosticBag } from "../contract/diagnostics.js";
import { buildGraph, type ConfigGraph } from "../planner/graph.js";
import { checkBlock } from "../planner/instances.js";
import { checkFunctionNames, checkKnownExpressions } from "../planner/static-expression-checks.js";
import { loadConfiguration, loadConfigurationToValidate, type LoadedConfiguration } from "./configuration.js";
import type { EngineContext } from "./engine-context.js";
import type { EventSink } from "./events.js";
import type { Workspace } from "./workspace.js";

export interface ValidateOptions {
  /**
   * As `terraform validate`: every input variable unknown (values given with -var or -var-file are still used), every
   * module call expanded once (engine/configuration.ts). Otherwise variables take their values, as a plan would.
   */
  variablesUnknown?: boolean;
}

async function load(ws: Workspace, onEvent: EventSink, opts: ValidateOptions = {}): Promise<LoadedConfiguration> {
  onEvent({ type: "configuration", dir: ws.dir });
  const loaded = opts.variablesUnknown ? await loadConfigurationToValidate(ws) : await loadConfiguration(ws, undefined);
  onEvent({ type: "configuration", dir: ws.dir, files: loaded.config.files });
  if (loaded.warnings.length) onEvent({ type: "warnings", diagnostics: loaded.warnings });
  return loaded;
}

/** Checks structure, types, properties, references and cycles; throws a located GantryError. */
export async function validateWorkspace(
  engine: EngineContext,
  ws: Workspace,
  onEvent: EventSink = () => {},
  opts: ValidateOptions = {},
): Promise<LoadedConfiguration> {
  const loaded = await load(ws, onEvent, opts);
  buildGraph(loaded.config);
  const diags = new DiagnosticBag();
  const known = engine.types.names();
  for (const r of loaded.config.resources.values()) checkBlock(r, engine.resolveType(r.type), known, diags);
  checkFunctionNames(loaded.config, diags);
  diags.throwIfErrors();
  checkKnownExpressions(loaded.config, loaded.variables, (t) => engine.resolveType(t), diags, {
    validate: opts.variablesUnknown,
  });
  diags.throwIfErrors();
  return loaded;
}

/** The configuration's dependency graph. */
export async function graphWorkspace(ws: Workspace, onEvent: EventSink = () => {}): Promise<ConfigGraph> {
  const { config } = await load(ws, onEvent);
  return buildGraph(config);
}
