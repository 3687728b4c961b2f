// What a built-in function is: its parameters (for arity and error messages), how it treats null and unknown
// arguments, and its implementation.

import type { Value } from "../../../contract/values.js";
import type { EvalScope } from "../evaluate.js";

export interface FunctionContext {
  /** The function's name as called. */
  name: string;
  scope: EvalScope;
}

export interface FunctionDefinition {
  /** Names of the positional parameters, as Terraform names them (used in "Invalid value for ..." errors). */
  params: string[];
  /** Name of the variadic parameter, when the function takes any number of further arguments. */
  variadic?: string;
  /** Most arguments in all (for variadic functions that stop early, such as `lookup` and `range`). */
  maxArgs?: number;
  /** Fewest arguments in all when some positional parameters may be left out (`range`). */
  minArgs?: number;
  /**
   * Which unknown arguments make the result unknown before the function runs:
   * "deep" (the default): any unknown anywhere in the arguments;
   * "shallow": an argument that is itself unknown (the function copes with unknowns inside lists and maps);
   * "self": none (the function decides).
   */
  unknowns?: "deep" | "shallow" | "self";
  /** Arguments that may be null: true for all, or the indices of the positional parameters that may. */
  allowNull?: true | number[];
  impl: (args: Value[], ctx: FunctionContext) => Value;
  /** Only in the console (Terraform's `type`): a call anywhere else is a call to an unknown function. */
  consoleOnly?: true;
}

export type FunctionTable = Record<string, FunctionDefinition>;

/** The function failed: reported as Terraform does, `Call to function "name" failed: message.` */
export class FunctionError extends Error {
  /** `argIndex`: the argument at fault (reported as `Invalid value for "param" parameter: message.`). */
  constructor(
    message: string,
    readonly argIndex?: number,
  ) {
    super(message);
    this.name = "FunctionError";
  }
}

/** Impure functions (bcrypt, uuid, timestamp) are unknown while planning, as in Terraform. */
export function planning(ctx: FunctionContext): boolean {
  return ctx.scope.phase === "plan";
}
