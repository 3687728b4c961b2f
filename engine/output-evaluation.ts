// A configuration's outputs evaluated now against the recorded state, where a
// resource instance the state does not hold takes the value the caller stands
// in for it (a door whose language gives resources that were never made values
// of their own: Heat's null attributes). Nothing is planned, locked or written.

import { containsUnknown, type Value } from "../contract/values.js";
import type { InstanceKey } from "../planner/addresses.js";
import { evaluate } from "../planner/expressions/evaluate.js";
import { ValueScope } from "../planner/scope.js";
import { loadConfiguration } from "./configuration.js";
import { stateExpansions } from "./state-expansions.js";
import type { Workspace } from "./workspace.js";

/** The value of resource `type.name` (instance `key`) that the state does not hold; undefined: unknown. */
export type StandIn = (type: string, name: string, key: InstanceKey) => Value | undefined;

/** Output name → value, for the outputs that evaluate to a known value (the others are left out). */
export async function evaluateOutputs(ws: Workspace, standIn: StandIn): Promise<Map<string, Value>> {
  const state = await ws.state.read();
  const { config, variables } = await loadConfiguration(ws, state);
  const scope = new ValueScope(
    config,
    variables,
    stateExpansions(state),
    (a) => state.instances.get(a)?.attributes,
    true,
    {
      workspace: ws.workspaceName,
      standIn,
    },
  ).scope();
  const out = new Map<string, Value>();
  for (const o of config.outputs.values()) {
    try {
      const v = evaluate(o.value, scope);
      if (!containsUnknown(v)) out.set(o.name, v);
    } catch {
      // not computable: left out
    }
  }
  return out;
}
