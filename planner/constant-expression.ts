// Expressions that may use no variables, locals or resources: -var values of
// complex types, .tfvars values and optional() defaults, as Terraform
// evaluates them with no scope.

import type { Value } from "../contract/values.js";
import { collectRefs, type Expr } from "./expressions/ast.js";
import { EvalError, evaluate, type EvalScope } from "./expressions/evaluate.js";

function notAllowed(): never {
  throw new EvalError("Variables not allowed: variables may not be used here");
}

const CONSTANT_SCOPE: EvalScope = {
  variable: notAllowed,
  local: notAllowed,
  resource: notAllowed,
  pathModule: "",
  cwd: "",
};

/** Evaluates an expression that may refer to nothing. Throws EvalError. */
export function evaluateConstant(e: Expr): Value {
  const ref = collectRefs(e)[0];
  if (ref) throw new EvalError(`Variables not allowed: "${ref.text}" (variables may not be used here)`);
  return evaluate(e, CONSTANT_SCOPE);
}
