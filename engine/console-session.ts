// `console`: expressions evaluated against a configuration, its variables and
// its recorded state, as `terraform console` does. Resources are read from
// the state (what is not recorded yet is "known after apply"); variables,
// locals, path.*, terraform.workspace and the functions work as in the
// configuration. Nothing is planned, locked or written.

import { readdirSync } from "node:fs";
import { GantryError } from "../contract/diagnostics.js";
import type { Value } from "../contract/values.js";
import { EvalError, evaluate } from "../planner/expressions/evaluate.js";
import { ExpressionSyntaxError, parseExpression } from "../planner/expressions/parse.js";
import { emptyConfig } from "../planner/model.js";
import type { TypeResolver } from "../planner/instances.js";
import { ValueScope } from "../planner/scope.js";
import { sensitivityOnDemand } from "../planner/sensitivity.js";
import { isConfigFileName } from "../templates/load.js";
import { loadConfiguration } from "./configuration.js";
import { consoleTypeOf, misusedType, typeCallArgument } from "./console-type.js";
import { stateExpansions } from "./state-expansions.js";
import type { Workspace } from "./workspace.js";

/** An entry's result: a value, or a type (the console-only `type(x)`), printed as Terraform's console prints types. */
export type ConsoleResult = { value: Value } | { type: string };

export type ConsoleEvaluator = (expression: string) => ConsoleResult;

const CONSOLE_INPUT = "<console-input>";

export async function openConsole(ws: Workspace, types: TypeResolver): Promise<ConsoleEvaluator> {
  const state = await ws.state.read();
  const hasFiles = readdirSync(ws.dir).some(isConfigFileName);
  const { config, variables } = hasFiles
    ? await loadConfiguration(ws, state)
    : { config: emptyConfig(ws.dir), variables: new Map<string, Value>() };
  // what the state holds, expanded as it was recorded
  const expansions = stateExpansions(state);
  const scope = {
    ...new ValueScope(config, variables, expansions, (a) => state.instances.get(a)?.attributes, true, {
      workspace: ws.workspaceName,
      sensitive: sensitivityOnDemand(config, types),
    }).scope(),
    console: true,
  };
  return (expression: string): ConsoleResult => {
    try {
      const expr = parseExpression(expression);
      const typed = typeCallArgument(expr);
      if (typed && typeCallArgument(typed)) return { type: "type" }; // type(type(x))
      const misuse = misusedType(typed ?? expr);
      if (misuse)
        throw new GantryError({
          severity: "error",
          summary: misuse[0],
          origin: { file: CONSOLE_INPUT, path: [] },
          detail: misuse[1],
        });
      if (typed) return { type: consoleTypeOf(evaluate(typed, scope)) };
      return { value: evaluate(expr, scope) };
    } catch (e) {
      if (e instanceof ExpressionSyntaxError)
        throw new GantryError({
          severity: "error",
          summary: "Invalid expression",
          origin: { file: CONSOLE_INPUT, path: [] },
          detail: e.message,
        });
      if (e instanceof EvalError)
        throw new GantryError({ severity: "error", summary: e.message, origin: { file: CONSOLE_INPUT, path: [] } });
      throw e;
    }
  };
}
