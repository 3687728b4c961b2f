// Every built-in function of Terraform 1.11 by name (except `try` and `can`, which the evaluator handles because
// their arguments are evaluated lazily), with the rules every call goes through: arity, null arguments, unknown
// arguments, and errors worded as Terraform words them.

import { containsUnknown, isUnknown, unknownOf, type Value } from "../../../contract/values.js";
import { inferType, typeMismatchMessage } from "../../type-conversion.js";
import { convertible } from "../../type-unification.js";
import { EvalError, type EvalScope } from "../evaluate.js";
import { COLLECTION_FUNCTIONS } from "./collection.js";
import { DATE_AND_TIME_FUNCTIONS } from "./date-and-time.js";
import { FunctionError, type FunctionDefinition, type FunctionTable } from "./definition.js";
import { ENCODING_FUNCTIONS } from "./encoding.js";
import { FILESYSTEM_FUNCTIONS } from "./filesystem.js";
import { HASH_AND_CRYPTO_FUNCTIONS } from "./hash-and-crypto.js";
import { HEAT_INTRINSIC_FUNCTIONS } from "./heat-intrinsics.js";
import { IP_NETWORK_FUNCTIONS } from "./ip-network.js";
import { NUMERIC_FUNCTIONS } from "./numeric.js";
import { type FunctionSignature, FUNCTION_SIGNATURES } from "./signatures.js";
import { STRING_FUNCTIONS } from "./string.js";
import { TemplateScope } from "./template-rendering.js";
import { TERRAFORM_PROVIDER_FUNCTIONS } from "./terraform-provider.js";
import { TYPE_CONVERSION_FUNCTIONS } from "./type-conversion.js";

/** The functions by category, as Terraform's documentation groups them. */
export const FUNCTION_CATEGORIES: Record<string, FunctionTable> = {
  numeric: NUMERIC_FUNCTIONS,
  string: STRING_FUNCTIONS,
  collection: COLLECTION_FUNCTIONS,
  encoding: ENCODING_FUNCTIONS,
  filesystem: FILESYSTEM_FUNCTIONS,
  "date and time": DATE_AND_TIME_FUNCTIONS,
  "hash and crypto": HASH_AND_CRYPTO_FUNCTIONS,
  "ip network": IP_NETWORK_FUNCTIONS,
  "type conversion": TYPE_CONVERSION_FUNCTIONS,
  /** The built-in `terraform` provider's functions (provider::terraform::NAME). */
  "terraform provider": TERRAFORM_PROVIDER_FUNCTIONS,
};

const FUNCTIONS: FunctionTable = Object.assign({}, ...Object.values(FUNCTION_CATEGORIES));

export const FUNCTION_NAMES = Object.keys(FUNCTIONS).sort();

/** How many arguments a function takes: [least, most]. */
export function functionArity(def: FunctionDefinition): [number, number] {
  const least = def.minArgs ?? def.params.length;
  const most = def.variadic ? (def.maxArgs ?? Infinity) : def.params.length;
  return [least, most];
}

/** Functions that read files, which a template given as a string may not call (as in Terraform). */
const FILESYSTEM_ACCESS = new Set([
  ...Object.keys(FILESYSTEM_FUNCTIONS).filter((n) => !["abspath", "dirname", "basename", "pathexpand"].includes(n)),
  "filemd5",
  "filesha1",
  "filesha256",
  "filesha512",
  "filebase64sha256",
  "filebase64sha512",
]);

function parameterName(def: FunctionDefinition, index: number): string {
  return def.params[index] ?? def.variadic ?? `argument ${index + 1}`;
}

function describeArity(least: number, most: number): string {
  const n = least === most ? `${least}` : most === Infinity ? `at least ${least}` : `${least} to ${most}`;
  return `${n} argument${most === 1 ? "" : "s"}`;
}

/**
 * Functions that only front ends call (HOT's intrinsic functions, "hot:..."): named so that HCL cannot call them,
 * and not Terraform functions.
 */
const FRONT_END_FUNCTIONS: FunctionTable = HEAT_INTRINSIC_FUNCTIONS;

/**
 * Whether a call to `name` in a configuration has a function to run: a built-in one (not the console's own `type`),
 * try/can (the evaluator's own) or a front end's.
 */
export function isKnownFunction(name: string): boolean {
  return (
    (Object.hasOwn(FUNCTIONS, name) && !FUNCTIONS[name].consoleOnly) ||
    Object.hasOwn(FRONT_END_FUNCTIONS, name) ||
    name === "try" ||
    name === "can"
  );
}

/**
 * Arguments not yet known (wholly or in part) whose type already cannot convert to the parameter's: an error now,
 * as Terraform reports `upper(var.list)` at validate. Known arguments are checked by the function itself.
 */
function checkUnknownArguments(name: string, def: FunctionDefinition, sig: FunctionSignature, args: Value[]): void {
  args.forEach((a, i) => {
    const want = sig.params[i] ?? sig.variadic;
    if (want === undefined || want.k === "any" || a === null || !containsUnknown(a)) return;
    const got = inferType(a);
    if (!convertible(got, want))
      throw new EvalError(
        `Invalid value for "${parameterName(def, i)}" parameter of ${name}(): ${typeMismatchMessage(got, want)}.`,
      );
  });
}

export function callFunction(name: string, args: Value[], scope: EvalScope): Value {
  const def = Object.hasOwn(FUNCTIONS, name)
    ? FUNCTIONS[name]
    : Object.hasOwn(FRONT_END_FUNCTIONS, name)
      ? FRONT_END_FUNCTIONS[name]
      : undefined;
  if (!def || (def.consoleOnly && !scope.console)) {
    if (name === "try" || name === "can") throw new EvalError(`${name}() is handled by the expression evaluator`);
    throw new EvalError(`Call to unknown function: there is no function named "${name}".`);
  }
  const [least, most] = functionArity(def);
  if (args.length < least || args.length > most)
    throw new EvalError(`${name}() takes ${describeArity(least, most)}, got ${args.length}`);
  if (scope instanceof TemplateScope) {
    if (name === "templatefile" || name === "templatestring")
      throw new EvalError(`cannot recursively call ${name} from inside another template function`);
    if (scope.renderedBy === "templatestring" && FILESYSTEM_ACCESS.has(name))
      throw new EvalError(
        `cannot use filesystem access functions like ${name} in templatestring templates; consider passing the ` +
          "function result as a template variable instead",
      );
  }
  const signature = Object.hasOwn(FUNCTION_SIGNATURES, name) ? FUNCTION_SIGNATURES[name] : undefined;
  if (signature) checkUnknownArguments(name, def, signature, args);
  const unknownResult = unknownOf(signature?.returns ?? { k: "any" });
  const unknowns = def.unknowns ?? "deep";
  if (unknowns === "deep" && containsUnknown(args)) return unknownResult;
  if (unknowns === "shallow" && args.some(isUnknown)) return unknownResult;
  const allowNull = def.allowNull;
  if (allowNull !== true)
    args.forEach((a, i) => {
      if (a === null && !(allowNull ?? []).includes(i))
        throw new EvalError(
          `Invalid value for "${parameterName(def, i)}" parameter of ${name}(): argument must not be null.`,
        );
    });
  try {
    const result = def.impl(args, { name, scope });
    return isUnknown(result) && result.type.k === "any" ? unknownResult : result;
  } catch (e) {
    if (!(e instanceof FunctionError)) throw e;
    const detail = e.message.endsWith(".") ? e.message : `${e.message}.`;
    if (e.argIndex !== undefined)
      throw new EvalError(`Invalid value for "${parameterName(def, e.argIndex)}" parameter of ${name}(): ${detail}`);
    throw new EvalError(`Call to function "${name}" failed: ${detail}`);
  }
}
